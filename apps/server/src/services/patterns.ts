import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_PATTERN_CONFIG,
  evaluatePatterns,
  patternConfigSchema,
  resolveConfig,
  todayIso,
  type Entry,
  type Highlight,
  type PatternConfig,
  type Principal,
} from '@mac/domain';
import type { AppDeps } from '../deps.js';
import { invalid } from '../http/errors.js';
import { visibleEntries } from './exchange.js';

export interface ReviewedHighlight extends Highlight {
  review: { status: 'reviewed' | 'dismissed'; note: string; by: string; byName: string; at: string } | null;
  /** True when the highlight's entries changed after its last review: the review no longer covers it. */
  reopened: boolean;
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

/**
 * Highlights for what the caller may see: the engine is only ever given the caller's visible, active
 * entries, so another agency's restricted entry cannot change a count, a window or a highlight's existence.
 */
export function highlightsFor(deps: AppDeps, principal: Principal, chronologyId: string, asOf?: string): { highlights: ReviewedHighlight[]; config: PatternConfig; asOf: string } {
  const record = deps.repos.chronologies.get(chronologyId)!;
  const entries = visibleEntries(deps, principal, chronologyId);
  const byId = new Map(entries.map((e) => [e.id, e]));
  const config = resolveConfig(loadPatternConfig(deps));
  const day = asOf ?? todayIso(deps.now());
  const agencies = deps.repos.agencies.list();
  const highlights = evaluatePatterns({ entries, dateOfBirth: record.child.dateOfBirth ?? null, asOf: day, config, agencies });
  const reviews = deps.repos.patternReviews.listForChronology(chronologyId);
  return {
    asOf: day,
    config,
    highlights: highlights.map((h) => {
      const review = reviews.find((r) => r.highlightKey === h.id) ?? null;
      const current = fingerprint(h.entryIds.map((id) => byId.get(id)!).filter(Boolean));
      const reopened = review !== null && review.entryFingerprint !== current;
      const reviewer = review ? deps.repos.users.byId(review.reviewedBy) : null;
      return {
        ...h,
        review: review && !reopened ? { status: review.status as 'reviewed' | 'dismissed', note: review.note, by: review.reviewedBy, byName: reviewer?.name ?? review.reviewedBy, at: review.reviewedAt } : null,
        reopened,
      };
    }),
  };
}

export function openHighlightCount(deps: AppDeps, principal: Principal, chronologyId: string): number {
  return highlightsFor(deps, principal, chronologyId).highlights.filter((h) => h.review === null).length;
}
