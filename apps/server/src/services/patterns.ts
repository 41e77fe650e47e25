import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_PATTERN_CONFIG,
  episodeContract,
  groupEpisodes,
  patternConfigSchema,
  resolveConfig,
  todayIso,
  reviewStateOf,
  type Entry,
  type Episode,
  type Highlight,
  type HighlightReviewState,
  type PatternConfig,
  type PatternEntry,
  type Principal,
  type ReviewRecord,
} from '@mac/domain';
import type { ChronologyRecord, PatternReviewRecord } from '@mac/db';
import type { AppDeps } from '../deps.js';
import { invalid } from '../http/errors.js';
import { visibleEntries, visiblePatternEntries } from './exchange.js';
import { auditSiblingRead, familyFor, type SiblingRead } from './family-patterns.js';
import type { HighlightCountInputs } from './highlight-counts.js';

/** A highlight with its review history (packages/domain patterns/review-history.ts). */
export type ReviewedHighlight = Highlight & HighlightReviewState;

/** A review as the caller may see it, with the entries it covered that have changed since. */
export interface VisibleReview extends ReviewRecord {
  entryIds: string[];
  changedEntryIds: string[];
}

function configFile(deps: AppDeps): string {
  return join(deps.config.dataDir, 'pattern-config.json');
}

/** The partnership's rule configuration: the defaults, overridden by data/pattern-config.json if present. */
export function loadPatternConfig(deps: AppDeps): PatternConfig {
  const file = configFile(deps);
  if (!existsSync(file)) return DEFAULT_PATTERN_CONFIG;
  const parsed = patternConfigSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a valid pattern configuration: ${parsed.error.message}`);
  return parsed.data;
}

export function savePatternConfig(deps: AppDeps, body: unknown): PatternConfig {
  const parsed = patternConfigSchema.safeParse(body);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(config)', message: i.message }));
    throw invalid('The pattern configuration is not valid; nothing was changed.', fields);
  }
  const file = configFile(deps);
  writeFileSync(`${file}.tmp`, JSON.stringify(parsed.data, null, 2), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return parsed.data;
}

/** What a review vouches for: the highlight's entries as they were. Any change to them reopens it. */
export function fingerprint(entries: Entry[]): string {
  const h = createHash('sha256');
  for (const e of [...entries].sort((a, b) => a.id.localeCompare(b.id))) {
    h.update(JSON.stringify([e.id, e.date, e.time, e.agency, e.category, e.summary, e.detail, e.status]));
  }
  return h.digest('hex');
}

/** What a review keeps of each entry it covered, to tell later which one changed. */
export function entryState(e: Entry): string {
  return createHash('sha256').update(JSON.stringify([e.id, e.date, e.time, e.agency, e.category, e.summary, e.detail, e.status])).digest('hex').slice(0, 32);
}

/**
 * The chronology's reviews the caller may see: a review is shown only to someone who can see every
 * entry it covered. Its note was written about those entries, and another agency's restricted entry
 * among them may be what the note talks about.
 */
export async function visibleReviews(deps: AppDeps, records: readonly PatternReviewRecord[], visible: ReadonlyMap<string, Entry>): Promise<VisibleReview[]> {
  const shown = records.filter((r) => r.entryIds.every((id) => visible.has(id)));
  // Each reviewer's name looked up once, before the reviews are shaped.
  const reviewers = [...new Set(shown.map((r) => r.reviewedBy))];
  const names = new Map(await Promise.all(reviewers.map(async (id) => [id, (await deps.repos.users.byId(id))?.name ?? id] as const)));
  return shown.map((r) => ({
      id: r.id,
      ruleId: r.ruleId,
      status: r.status,
      note: r.note,
      by: r.reviewedBy,
      byName: names.get(r.reviewedBy) ?? r.reviewedBy,
      at: r.reviewedAt,
      entryIds: r.entryIds,
      highlightKey: r.highlightKey,
      changedEntryIds: r.entryIds.filter((id) => changedSince(r, visible.get(id)!)),
    }));
}

/**
 * The reviews the caller may see on a chronology, without working out its highlights: what the browser
 * asks for (it works the highlights out live, apps/web highlights.ts), and the review stream's first event.
 * The same rule as GET /patterns `reviews`: a review is shown only to someone who can see every entry it covered.
 */
export async function reviewsFor(deps: AppDeps, principal: Principal, record: ChronologyRecord): Promise<VisibleReview[]> {
  const stored = await deps.repos.patternReviews.listForChronology(record.id);
  // Most chronologies have no review: then no entry needs reading (a whole chronology, decoded on the event loop).
  if (stored.length === 0) return [];
  // Withdrawn entries count as seen, as in highlightsFor.
  const seen = new Map((await visibleEntries(deps, principal, record, { includeWithdrawn: true })).map((e) => [e.id, e]));
  return visibleReviews(deps, stored, seen);
}

/** An entry changed after the review: its fingerprint differs (reviews saved before fingerprints per entry: unknown, so no). */
function changedSince(record: PatternReviewRecord, entry: Entry): boolean {
  const then = record.entryStates[entry.id];
  return then !== undefined && then !== entryState(entry);
}

/**
 * Highlights for what the caller may see: the engine is only ever given the caller's visible, active
 * entries, so another agency's restricted entry cannot change a count, a window or a highlight's existence.
 * Each carries its review history, and the reviews the caller may see come too, for the browser to
 * apply to the highlights it works out live.
 */
export async function highlightsFor(
  deps: AppDeps,
  principal: Principal,
  chronology: string | ChronologyRecord,
  asOf?: string,
): Promise<{ highlights: ReviewedHighlight[]; episodes: Episode[]; reviews: VisibleReview[]; config: PatternConfig; asOf: string }> {
  const { siblingReads: _audited, ...found } = await highlightsAndReads(deps, principal, chronology, asOf);
  return found;
}

/**
 * As `highlightsFor`, with the siblings' reads they were worked out from, each audited under the caller's
 * name as it was made: for a caller who gives the result to others who see exactly what the caller sees
 * (alerts/shared-episodes.ts), and must have the same reads audited under each one's name.
 */
export async function highlightsAndReads(deps: AppDeps, principal: Principal, chronology: string | ChronologyRecord, asOf?: string, kept?: KeptAt) {
  const found = kept === undefined || asOf !== undefined ? undefined : await keptAnalysis(deps, principal, chronology, kept);
  const { highlights, context, reviews, config, day, family } = found ?? (await reviewedHighlights(deps, principal, chronology, asOf));
  // Episodes group the reviewed highlights (the review state decides which are past): the same
  // grouping the browser makes of the highlights it works out live.
  const episodes = groupEpisodes(highlights, context, { pastAfterDays: config.episodes.pastAfterDays }).map(episodeContract);
  return { asOf: day, config, reviews, highlights, episodes, siblingReads: siblingReadsOf(family, chronology) };
}

/** Where to look for a kept analysis: the count key of the caller's view, and the chronology's actions now (read once for several views). */
export interface KeptAt {
  inputs: HighlightCountInputs;
  actions: () => Promise<unknown>;
}

/** What is kept of an analysis worked out for no one (shared-analyses.ts): what `reviewedHighlights` gives. */
export type KeptAnalysis = Awaited<ReturnType<typeof reviewedHighlights>>;

/**
 * The analysis the count warmer kept under exactly `kept` (shared-analyses.ts), its sibling reads audited
 * under `principal`'s name first (durable, as familyFor's own would be before the rules ran): the records
 * working it out would have written. Undefined when none is kept, or when what the key does not name has
 * changed since: the pattern configuration, or the chronology's actions (an action's links and due date
 * move a highlight without a write to an entry).
 */
async function keptAnalysis(deps: AppDeps, principal: Principal, chronology: string | ChronologyRecord, kept: KeptAt): Promise<KeptAnalysis | undefined> {
  const found = deps.analyses.find(kept.inputs);
  if (found === undefined) return undefined;
  const actions = await kept.actions();
  if (JSON.stringify(actions) !== JSON.stringify(found.actions)) return undefined;
  if (JSON.stringify(resolveConfig(loadPatternConfig(deps))) !== JSON.stringify(found.config)) return undefined;
  await Promise.all(siblingReadsOf(found.family, chronology).map((read) => auditSiblingRead(deps, principal, read)));
  return found;
}

/** The siblings' reads a result was worked out from: exactly those familyFor audited, or left for the caller to. */
function siblingReadsOf(family: { siblings?: ReadonlyArray<{ chronologyId: string; entries: ReadonlyArray<{ id: string }> }> }, chronology: string | ChronologyRecord): SiblingRead[] {
  const chronologyId = typeof chronology === 'string' ? chronology : chronology.id;
  return (family.siblings ?? []).map((s) => ({ chronologyId: s.chronologyId, for: chronologyId, entryIds: s.entries.map((e) => e.id) }));
}

/**
 * How a count's reads are asked for. `together` (someone waits for this answer: a page, the API, a pack):
 * all at once, one wait for the read lane. `inTurn` (a caseload's counts, worked out in the background six
 * at a time): one after the other, as before, so that their reads never stand dozens deep in the read
 * lane's queue in front of the pages people are waiting for (that queue is first come, first served).
 */
export type CountReads = 'together' | 'inTurn';

async function reviewedHighlights(deps: AppDeps, principal: Principal, chronology: string | ChronologyRecord, asOf?: string, reads: CountReads = 'together', auditSiblings = true) {
  // The caseload passes the record it listed: one point read less per count (issue 17 item 5).
  const record = typeof chronology === 'string' ? (await deps.repos.chronologies.get(chronology))! : chronology;
  const chronologyId = record.id;
  // One read of the chronology (this is most of a cold caseload list's cost): withdrawn entries still count
  // as seen (a review of a highlight one of them has since left is shown); the rules see active ones only.
  // The chronology's actions feed `action-overdue`; the engine keeps only the linked entries it was given
  // (the caller's visible ones), so an action's link to a hidden entry never shows in a highlight.
  // Asked for as `reads` says (CountReads): a page waiting for its count made six waits for the read lane
  // in a row, and under load each wait is a queue.
  // The entries are read once the reviews are known (a point read): whole entries only when there are some,
  // since a review vouches for its entries' content (entryState, fingerprint); otherwise only what the rules
  // read of each (@mac/db pattern-rows.ts), a fifth of a whole row's bytes, every one of which crossed from
  // the read lane's thread and was collected again. Most chronologies have no review.
  // `whole`: every entry seen (withdrawn too: a review of a highlight one has since left is shown), whole;
  // empty when there is no review.
  const reviewsAndEntries = async (): Promise<{ stored: PatternReviewRecord[]; all: readonly PatternEntry[]; whole: ReadonlyMap<string, Entry> }> => {
    const stored = await deps.repos.patternReviews.listForChronology(chronologyId);
    if (stored.length === 0) return { stored, all: await visiblePatternEntries(deps, principal, record, { includeWithdrawn: true }), whole: new Map() };
    const all = await visibleEntries(deps, principal, record, { includeWithdrawn: true });
    return { stored, all, whole: new Map(all.map((e) => [e.id, e])) };
  };
  const agenciesRead = () => deps.repos.agencies.list();
  const actionsRead = () => deps.repos.actions.listForChronology(chronologyId);
  const familyRead = () => familyFor(deps, principal, chronologyId, reads, auditSiblings);
  const [{ stored, all, whole }, agencies, actions, family] =
    reads === 'together'
      ? await Promise.all([reviewsAndEntries(), agenciesRead(), actionsRead(), familyRead()])
      : [await reviewsAndEntries(), await agenciesRead(), await actionsRead(), await familyRead()];
  const entries = all.filter((e) => e.status === 'active');
  const byId = new Map([...whole].filter(([, e]) => e.status === 'active'));
  const config = resolveConfig(loadPatternConfig(deps));
  const day = asOf ?? todayIso(deps.now());
  // Large chronologies are worked out in a worker thread (pattern-runner.ts).
  const { highlights, context } = await deps.patterns.analyse({ entries, actions, family, dateOfBirth: record.child.dateOfBirth ?? null, asOf: day, config, agencies });
  const reviews = await visibleReviews(deps, stored, whole);
  const storedById = new Map(stored.map((r) => [r.id, r]));
  const reviewed: ReviewedHighlight[] = highlights.map((h) => {
      // A review saved before entry fingerprints were kept vouches for the highlight's entries as a whole.
      const legacyChanged = (r: PatternReviewRecord) =>
        Object.keys(r.entryStates).length === 0 && r.entryFingerprint !== fingerprint(h.entryIds.map((id) => byId.get(id)!).filter(Boolean));
      return {
        ...h,
        ...reviewStateOf(h, reviews, (r, entryId) => {
          const row = storedById.get(r.id)!;
          const entry = byId.get(entryId);
          return entry !== undefined && (changedSince(row, entry) || legacyChanged(row));
        }),
      };
    });
  return { highlights: reviewed, context, reviews, config, day, family, actions };
}

/**
 * The caseload's count: the highlights not reviewed, without grouping them into episodes (nobody reads those
 * here), and the siblings' reads it was worked out from (each audited under the caller's name meanwhile,
 * unless `auditSiblings` is false: a count worked out ahead for no viewer, count-warmer.ts, whose reads are
 * audited under each viewer's name before it reaches them). `keepUnder` (with `auditSiblings` false): the
 * analysis is kept under that key for the alert pass (shared-analyses.ts).
 */
export async function openHighlightCount(
  deps: AppDeps,
  principal: Principal,
  chronology: string | ChronologyRecord,
  reads: CountReads = 'together',
  auditSiblings = true,
  keepUnder?: HighlightCountInputs,
): Promise<{ open: number; siblingReads: SiblingRead[] }> {
  const analysis = await reviewedHighlights(deps, principal, chronology, undefined, reads, auditSiblings);
  // Worked out for no one (the warmer), it is kept for the alert pass to take under the same key (shared-analyses.ts).
  if (keepUnder !== undefined && !auditSiblings) deps.analyses.keep(keepUnder, analysis);
  const { highlights, family } = analysis;
  return {
    open: highlights.filter((h) => h.review === null).length,
    // Exactly the reads familyFor audited (or, not audited, left for accountFor): a sibling is given to the
    // rules only once its read is audited, or (worked out ahead) its count reaches nobody before they are.
    siblingReads: siblingReadsOf(family, chronology),
  };
}
