// A DSL's or lead's review of a highlighted pattern: reviewed (with a note) or dismissed (with a reason).
// One current review per highlight; the audit log keeps every earlier one.
import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { patternReviews } from '../schema.js';
import type { RepoContext } from './context.js';

export type PatternReviewRecord = typeof patternReviews.$inferSelect;

export type PatternReviewInput = Omit<PatternReviewRecord, 'id' | 'reviewedAt'> & { id?: string; reviewedAt?: string };

export function createPatternReviewsRepo({ db, now }: RepoContext) {
  const { orm } = db;
  return {
    /** Records the review of a highlight, replacing any earlier review of the same highlight. */
    upsert(input: PatternReviewInput): PatternReviewRecord {
      const row: PatternReviewRecord = { ...input, id: input.id ?? randomUUID(), reviewedAt: input.reviewedAt ?? now() };
      const { id: _id, chronologyId: _c, highlightKey: _h, ...changes } = row;
      return orm
        .insert(patternReviews)
        .values(row)
        .onConflictDoUpdate({ target: [patternReviews.chronologyId, patternReviews.highlightKey], set: changes })
        .returning()
        .get();
    },

    get(chronologyId: string, highlightKey: string): PatternReviewRecord | null {
      return (
        orm
          .select()
          .from(patternReviews)
          .where(and(eq(patternReviews.chronologyId, chronologyId), eq(patternReviews.highlightKey, highlightKey)))
          .get() ?? null
      );
    },

    /** Newest first. */
    listForChronology(chronologyId: string): PatternReviewRecord[] {
      return orm
        .select()
        .from(patternReviews)
        .where(eq(patternReviews.chronologyId, chronologyId))
        .orderBy(desc(patternReviews.reviewedAt), desc(patternReviews.id))
        .all();
    },
  };
}

export type PatternReviewsRepo = ReturnType<typeof createPatternReviewsRepo>;
