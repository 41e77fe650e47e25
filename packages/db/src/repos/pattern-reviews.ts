// Reviews of highlighted patterns by a DSL or the lead: reviewed (with a note) or dismissed (with a
// reason). Every review is kept: a highlight's history is its reviews, oldest first, matched to the
// highlight by rule and shared entries (packages/domain patterns/review-history.ts).
import { randomUUID } from 'node:crypto';
import { asc, count, eq, sql } from 'drizzle-orm';
import { patternReviews } from '../schema.js';
import { inListPlaceholder, type RepoContext } from './context.js';
import { lazySelect } from './direct-select.js';

export type PatternReviewRecord = typeof patternReviews.$inferSelect;

export type PatternReviewInput = Omit<PatternReviewRecord, 'id' | 'reviewedAt' | 'entryIds' | 'entryStates'> & {
  id?: string;
  reviewedAt?: string;
  entryIds?: string[];
  entryStates?: Record<string, string>;
};

export function createPatternReviewsRepo({ db, now }: RepoContext) {
  const { orm } = db;
  // The caseload's figures: built once, run directly (direct-select.ts).
  const selectCounts = lazySelect<{ chronologyId: string; n: number }>(() =>
    orm.select({ chronologyId: patternReviews.chronologyId, n: count() }).from(patternReviews).where(inListPlaceholder(patternReviews.chronologyId, 'ids')).groupBy(patternReviews.chronologyId).prepare(),
  );
  // A point read on the event loop beside every chronology opened and every count worked out: prepared
  // once. Built per call, Drizzle's query building was ~90% of its time (82–146 µs against 4–8 µs).
  const selectForChronology = orm
    .select()
    .from(patternReviews)
    .where(eq(patternReviews.chronologyId, sql.placeholder('chronologyId')))
    .orderBy(asc(patternReviews.reviewedAt), asc(patternReviews.id))
    .prepare();
  return {
    /** Adds a review to the chronology's history; earlier reviews stay. */
    add(input: PatternReviewInput): PatternReviewRecord {
      const row: PatternReviewRecord = { entryIds: [], entryStates: {}, ...input, id: input.id ?? randomUUID(), reviewedAt: input.reviewedAt ?? now() };
      return orm.insert(patternReviews).values(row).returning().get();
    },

    byId(id: string): PatternReviewRecord | null {
      return orm.select().from(patternReviews).where(eq(patternReviews.id, id)).get() ?? null;
    },

    /** Oldest first. */
    listForChronology(chronologyId: string): PatternReviewRecord[] {
      return selectForChronology.all({ chronologyId });
    },

    countByChronology(chronologyIds: readonly string[]): Record<string, number> {
      const out: Record<string, number> = Object.fromEntries(chronologyIds.map((id) => [id, 0]));
      if (chronologyIds.length === 0) return out;
      for (const row of selectCounts.all({ ids: JSON.stringify(chronologyIds) })) out[row.chronologyId] = row.n;
      return out;
    },
  };
}

export type PatternReviewsRepo = ReturnType<typeof createPatternReviewsRepo>;
