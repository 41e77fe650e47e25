// The figures each listed chronology shows in the caseload (and on its own page): entries, last change,
// overdue actions and the open highlights, the last kept between listings (highlight-counts.ts).
import { todayIso, type Principal } from '@mac/domain';
import type { BreakGlassGrant, ChronologyRecord } from '@mac/db';
import { latencyTracing, traceNow, traceSpan } from '@mac/db';
import type { AppDeps } from '../deps.js';
import { groupedFigures, remember, sameIds, siblingFigures, type CommonFigures, type EarlyFigures } from './caseload-guess.js';
import { agenciesVersion, familyVersion, within, type HighlightCountInputs } from './highlight-counts.js';
import { auditSiblingRead, type SiblingRead } from './family-patterns.js';
import { openHighlightCount, type CountReads } from './patterns.js';
import { overdueCounts } from './actions.js';

/**
 * A kept open-highlight count: the number, the siblings' reads it was worked out from, and who has had
 * those reads audited under their own name (`readers`: `kind:id`). A count shared between the viewers of one
 * agency who hold no grant (highlight-counts.ts) is worked out once; each other viewer it is given to has
 * the same `chronology:patterns` records (via a sibling) written under their name before it reaches them, so
 * the audit trail says what it said when each viewer worked their own count out.
 */
export interface KeptCount {
  open: number;
  siblingReads: readonly SiblingRead[];
  readers: Set<string>;
  /** Readers whose records are being written, so that two listings at once write them once. */
  accounting?: Map<string, Promise<void>>;
}

export interface ChronologyStats {
  entryCount: number;
  lastChangeAt: string | null;
  openHighlights: number | null;
  overdueActions: number;
}

const readerOf = (principal: Principal) => `${principal.kind}:${principal.id}`;

/** Whether the count may reach this reader as it is: no sibling reads, or theirs audited already. */
const owesNothing = (principal: Principal, kept: KeptCount) => kept.siblingReads.length === 0 || kept.readers.has(readerOf(principal));

/** Writes the count's sibling reads under this reader's name, once per reader and kept count; resolves once they are durable. */
function accountFor(deps: AppDeps, principal: Principal, kept: KeptCount): Promise<void> {
  const reader = readerOf(principal);
  if (kept.siblingReads.length === 0 || kept.readers.has(reader)) return Promise.resolve();
  kept.accounting ??= new Map();
  let writing = kept.accounting.get(reader);
  if (writing === undefined) {
    const t0 = latencyTracing ? traceNow() : 0;
    // Resolves once the records are durable; a new account's first-read look (and the lead's notification)
    // follows on its own (audit.ts `firstReadCheck`): at a new viewer's first list that is dozens of reads and
    // writes the figure does not depend on.
    writing = Promise.all(kept.siblingReads.map((read) => auditSiblingRead(deps, principal, read, { firstReadCheck: 'after' }))).then(
      () => {
        if (t0 !== 0) traceSpan("caseload.3b one count's sibling-read records for its viewer (durable)", t0);
        kept.readers.add(reader);
        kept.accounting?.delete(reader);
      },
      (err: unknown) => {
        // Not accounted: the next listing tries again.
        kept.accounting?.delete(reader);
        throw err;
      },
    );
    kept.accounting.set(reader, writing);
  }
  return writing;
}

/**
 * What decides each listed chronology's kept count, as `principal` sees it (highlight-counts.ts names each
 * part), from ONE grouped query each for every listed chronology (the caseload is the slowest request of the
 * county bench). The counts worked out ahead (count-warmer.ts) take their keys from here too, so that a
 * viewer's listing finds them under exactly the key it asks for. `common`: the figures no view changes,
 * read once for several views (caseload-guess.ts commonFigures).
 */
export async function countInputs(
  deps: AppDeps,
  principal: Principal,
  records: readonly ChronologyRecord[],
  knownGrants?: readonly BreakGlassGrant[],
  guessing?: { early: EarlyFigures | undefined },
  common?: Promise<CommonFigures>,
): Promise<HighlightCountInputs[]> {
  const ids = records.map((r) => r.id);
  const early = guessing?.early;
  // The family rules read the siblings' histories: their state is part of the key too (asked for with the
  // rest: each wait for the read lane is a queue under load). The caseload list may have asked for them
  // already, on a guess, with its visible chronologies (caseload-guess.ts): used only for exactly these ids.
  const [[counts, changes, ownRestricted, overdue, reviews, agencies, siblingsOf, peopleVersions], grants] = await Promise.all([
    early !== undefined && sameIds(early.ids, ids) ? early.figures : groupedFigures(deps, principal, ids, common),
    // The caseload list has just read them (listVisible), in this request: not asked twice.
    knownGrants ?? deps.repos.breakGlass.activeForUser(principal.id, deps.now().toISOString()),
  ]);
  // These chronologies' siblings only (`common` may have been read for more).
  const siblingIds = [...new Set(ids.flatMap((id) => siblingsOf[id] ?? []))];
  const [siblingCounts, siblingChanges] = await (early !== undefined && sameIds(early.siblingIds, siblingIds) ? early.siblings : siblingFigures(deps, principal, siblingIds));
  if (guessing !== undefined) remember(deps, principal, ids, siblingIds, grants);
  const day = todayIso(deps.now());
  const agencyKinds = agenciesVersion(agencies);
  // Which siblings a viewer may open is their agency's membership and their own running grants
  // (canSeeChronology): viewers of one agency holding the same grants (most often none) open the same
  // chronologies, so they share one count. A grant given or ended changes the key: a count worked out
  // through a grant never outlives it (a count kept per viewer once did, until something else changed).
  const granted = [...new Set(grants.map((g) => g.chronologyId))].sort();
  const familyViewer = granted.length === 0 ? principal.agency : `${principal.agency}|grants:${granted.join(',')}`;
  return records.map(({ id, child }) => ({
    chronologyId: id,
    // An agency with no restricted entries there sees what every such agency sees: one count for all.
    // A child with siblings: counted per agency and grants held (highlight-counts.ts).
    // People's flags may be agency-only: a child with people is counted per agency at least.
    viewing: siblingsOf[id] ? familyViewer : (ownRestricted[id] ?? 0) > 0 || peopleVersions[id] ? principal.agency : '*',
    day,
    entryCount: counts[id] ?? 0,
    lastChangeAt: changes[id] ?? null,
    reviewCount: reviews[id] ?? 0,
    overdueActions: overdue[id] ?? 0,
    dateOfBirth: child.dateOfBirth ?? null,
    agencies: agencyKinds,
    family: familyVersion(siblingsOf[id] ?? [], siblingCounts, siblingChanges, peopleVersions[id] ?? ''),
  }));
}

/**
 * Works a count out for `principal`. `audited`: its sibling reads are audited under the principal's name as
 * they are made, and the principal is its first reader; otherwise (a count worked out ahead, for no viewer
 * in particular: count-warmer.ts) nobody has read it yet, and every viewer it reaches has the reads audited
 * under their own name first (`accountFor`), and `keepUnder` keeps its analysis for the alert pass under its
 * key (shared-analyses.ts).
 */
export async function workOutCount(deps: AppDeps, principal: Principal, record: ChronologyRecord, reads: CountReads, audited = true, keepUnder?: HighlightCountInputs): Promise<KeptCount> {
  const { open, siblingReads } = await openHighlightCount(deps, principal, record, reads, audited, keepUnder);
  return { open, siblingReads, readers: new Set(audited ? [readerOf(principal)] : []) };
}

const statsOf = (inputs: HighlightCountInputs, openHighlights: number | null): ChronologyStats => ({
  entryCount: inputs.entryCount,
  lastChangeAt: inputs.lastChangeAt,
  openHighlights,
  overdueActions: inputs.overdueActions,
});

/**
 * One chronology's figures for a page that does not show its open-highlight count (GET /:id?openHighlights=kept:
 * the browser's chronology page works its highlights out live). The count is the one kept, if any, and only
 * if it may reach this viewer as it is (`owesNothing`); otherwise null. Nothing is worked out for it: no
 * entries read, no pattern rule run (the county bench's GET /:id spent its time there, for a number the
 * page never shows). A kept count whose sibling reads are not yet audited under this viewer's name is null
 * rather than accounted for (`accountFor`): that would write `chronology:patterns` records of sibling reads,
 * and wait for them to be durable, on a request that asked for nothing to be worked out; with null nothing
 * built from a sibling reaches the viewer, so nothing is owed. Their caseload list, or a GET /:id without the
 * parameter, accounts for it as before, and this answers it from then on.
 */
export async function keptChronologyStats(deps: AppDeps, principal: Principal, record: ChronologyRecord): Promise<ChronologyStats> {
  const [inputs] = await countInputs(deps, principal, [record]);
  const kept = deps.highlightCounts.peek(inputs!);
  return statsOf(inputs!, kept !== undefined && owesNothing(principal, kept) ? kept.open : null);
}

/**
 * One chronology's figures without its open-highlight count (GET /:id?openHighlights=none: what the web app
 * asks, its chronology page showing no count): the entries as the viewer sees them, their last change and the
 * overdue actions, three reads. Not even whether a count is kept is looked up: that needs the count's key,
 * eight grouped reads and the siblings' figures (countInputs), for a number nobody shows.
 */
export async function chronologyFigures(deps: AppDeps, principal: Principal, record: ChronologyRecord): Promise<ChronologyStats> {
  const ids = [record.id];
  const [counts, changes, overdue] = await Promise.all([
    deps.repos.entries.countByChronology(ids, principal.agency),
    deps.repos.entries.lastChange(ids, principal.agency),
    overdueCounts(deps, ids),
  ]);
  return { entryCount: counts[record.id] ?? 0, lastChangeAt: changes[record.id] ?? null, openHighlights: null, overdueActions: overdue[record.id] ?? 0 };
}

/** Viewers kept as having listed their caseload on this server; beyond it the oldest is forgotten. */
export const LISTERS_KEPT = 10_000;
const listers = new WeakMap<AppDeps, Set<string>>();

/**
 * Whether this is the viewer's first caseload list on this server (noted as it is asked). A first list
 * owes the sibling-read records of every shared count it is given (dozens at a time), so its own audit
 * record waits for the count keys and goes in their commit (`recordWithOwed`); a later list seldom owes
 * any, and its record is written while its reads are made, as GET /:id does.
 */
export function firstListHere(deps: AppDeps, principal: Principal): boolean {
  let seen = listers.get(deps);
  if (!seen) listers.set(deps, (seen = new Set()));
  const reader = readerOf(principal);
  if (seen.has(reader)) return false;
  seen.add(reader);
  if (seen.size > LISTERS_KEPT) seen.delete(seen.values().next().value!);
  return true;
}

/**
 * `waitForCounts`: one chronology's page waits for its open-highlights count; the caseload list waits at
 * most `caseloadCountWaitMs` and lists a count not ready by then as null (it keeps being worked out, so the
 * browser's next listing finds it): a cold caseload runs the pattern rules over every listed chronology,
 * seconds of work that must not hold the list (issue 17 item 5: 12-36 s at p50 in the county bench). Most
 * counts are worked out ahead, after start and after each change (count-warmer.ts), so a listing seldom waits.
 * `countWaitMs` (default `caseloadCountWaitMs`): that budget for this list; 0 for a search or a later page,
 * whose counts the warmer does not work out ahead: they answer once their own audit record is durable, with
 * the counts worked out by then, rather than waiting up to 150 ms for the rest (the browser asks again).
 */
export async function chronologyStats(
  deps: AppDeps,
  principal: Principal,
  records: readonly ChronologyRecord[],
  {
    waitForCounts,
    answerable,
    recordWithOwed,
    grants,
    guessing,
    countWaitMs = deps.config.caseloadCountWaitMs,
  }: { waitForCounts: boolean; answerable?: Promise<unknown>; recordWithOwed?: () => Promise<unknown>; grants?: readonly BreakGlassGrant[]; guessing?: { early: EarlyFigures | undefined }; countWaitMs?: number },
): Promise<ChronologyStats[]> {
  const t0 = latencyTracing && !waitForCounts ? traceNow() : 0;
  const keys = await countInputs(deps, principal, records, grants, guessing);
  if (t0 !== 0) traceSpan('caseload.3a grouped reads (count keys)', t0);
  if (recordWithOwed !== undefined) {
    // The listing's own audit record, started only now, in the same synchronous run as the sibling-read
    // records this viewer owes for the counts already kept: one commit for all of them (the write lane's
    // group commit), where the list's record, started before the reads, and the owed records, known only
    // after them, were two commits in a row (a new viewer's first list: the caseload's p99 in the county
    // bench). `accountFor` keeps each count's writing, so the per-count wait below finds it.
    for (const inputs of keys) {
      const kept = deps.highlightCounts.peek(inputs);
      if (kept !== undefined) accountFor(deps, principal, kept).catch(() => undefined);
    }
    answerable = recordWithOwed();
  }
  return Promise.all(
    records.map(async (record, i) => {
      const inputs = keys[i]!;
      // One chronology's page does not wait behind caseload listings' counts (highlight-counts.ts).
      // A page's own count reads all at once; a caseload's background counts one read after another.
      // Its sibling reads are audited under this viewer's name while it is worked out.
      const compute = () => workOutCount(deps, principal, record, waitForCounts ? 'together' : 'inTurn');
      // A count reaches this viewer once its sibling reads are audited under their name. The caseload waits
      // for both at most `caseloadCountWaitMs` in all: a count not worked out, or a viewer's records not yet
      // durable, by then is listed as null ("Counting…") and the next listing finds it (a new viewer's first
      // list may owe records for dozens of shared counts: they must not hold it). `answerable`: the listing's
      // own audit record, without which it cannot answer anyway; a count (or a viewer's records, often in the
      // same commit) that comes before it is durable costs the listing nothing, so it waits that long too.
      let openHighlights: number | null;
      // Most listed counts are worked out and kept, with nothing owed to this viewer (count-warmer.ts): taken
      // as they are. A list of 303 made two waits each (a timer, a race and a dozen promises) for them: 600
      // timers and thousands of promises a list, on the event loop, for numbers already there.
      const ready = waitForCounts ? undefined : deps.highlightCounts.ready(inputs);
      if (ready !== undefined && owesNothing(principal, ready)) {
        openHighlights = ready.open;
      } else if (waitForCounts) {
        const kept = await deps.highlightCounts.count(inputs, compute, { first: true });
        await accountFor(deps, principal, kept);
        openHighlights = kept.open;
      } else {
        const asked = performance.now();
        // MAC_CASELOAD_COUNT_WAIT_MS=0 gives only the counts already there, as it says; a list given no budget
        // of its own (countWaitMs 0: a search, a later page) still takes those worked out while it answers.
        const until = deps.config.caseloadCountWaitMs > 0 ? answerable : undefined;
        const kept = await deps.highlightCounts.countWithin(inputs, compute, countWaitMs, until);
        const left = countWaitMs - (performance.now() - asked);
        openHighlights = kept === null ? null : await within(accountFor(deps, principal, kept).then(() => kept.open), left, until);
      }
      return statsOf(inputs, openHighlights);
    }),
  );
}
