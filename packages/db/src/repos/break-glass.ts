// Break-glass grants: temporary read-only access to a chronology outside one's member agencies, with a
// stated reason, reviewed afterwards by someone else.
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { breakGlassGrants } from '../schema.js';
import type { RepoContext } from './context.js';
import { lazySelect } from './direct-select.js';

export type BreakGlassGrant = typeof breakGlassGrants.$inferSelect;

export interface NewBreakGlassGrant {
  chronologyId: string;
  userId: string;
  reason: string;
  expiresAt: string;
  grantedAt?: string;
}

export function createBreakGlassRepo({ db, now }: RepoContext) {
  const { orm } = db;
  const g = breakGlassGrants;
  // Every request about a chronology reads its running grants (services/access.ts): prepared once.
  const selectActive = orm
    .select()
    .from(g)
    .where(and(eq(g.chronologyId, sql.placeholder('chronologyId')), gt(g.expiresAt, sql.placeholder('at'))))
    .orderBy(asc(g.grantedAt))
    .prepare();
  // A user's running grants, for every caseload page they read: built once, run directly (direct-select.ts).
  const selectActiveForUser = lazySelect<BreakGlassGrant>(() =>
    orm.select().from(g).where(and(eq(g.userId, sql.placeholder('userId')), gt(g.expiresAt, sql.placeholder('at')))).orderBy(asc(g.grantedAt)).prepare(),
  );
  return {
    create(input: NewBreakGlassGrant): BreakGlassGrant {
      return orm
        .insert(g)
        .values({ id: randomUUID(), chronologyId: input.chronologyId, userId: input.userId, reason: input.reason, grantedAt: input.grantedAt ?? now(), expiresAt: input.expiresAt })
        .returning()
        .get();
    },

    createUnlessRunning(input: NewBreakGlassGrant & { grantedAt: string }): { grant: BreakGlassGrant; running: null } | { grant: null; running: BreakGlassGrant } {
      // A transaction (a savepoint inside the batch's): SQLite has one writer, so nothing comes between
      // the look and the insert.
      return db.tx(() => {
        const running = orm.select().from(g).where(and(eq(g.chronologyId, input.chronologyId), eq(g.userId, input.userId), gt(g.expiresAt, input.grantedAt))).orderBy(asc(g.grantedAt)).get();
        if (running) return { grant: null, running };
        return { grant: this.create(input), running: null };
      });
    },

    get(id: string): BreakGlassGrant | null {
      return orm.select().from(g).where(eq(g.id, id)).get() ?? null;
    },

    /** Grants on the chronology still running at `at` (an ISO instant). */
    activeFor(chronologyId: string, at: string = now()): BreakGlassGrant[] {
      return selectActive.all({ chronologyId, at });
    },

    /** The user's grants still running at `at`. */
    activeForUser(userId: string, at: string = now()): BreakGlassGrant[] {
      return selectActiveForUser.all({ userId, at });
    },

    /** Every grant on the chronology, newest first. */
    listForChronology(chronologyId: string): BreakGlassGrant[] {
      return orm.select().from(g).where(eq(g.chronologyId, chronologyId)).orderBy(desc(g.grantedAt)).all();
    },

    /** Grants nobody has reviewed yet, oldest first: the review queue. */
    listUnreviewed(): BreakGlassGrant[] {
      return orm.select().from(g).where(isNull(g.reviewedAt)).orderBy(asc(g.grantedAt)).all();
    },

    /** Records the after-the-event review; false if already reviewed or unknown. */
    review(id: string, input: { reviewedBy: string; note: string; at?: string }): boolean {
      return orm
        .update(g)
        .set({ reviewedBy: input.reviewedBy, reviewNote: input.note, reviewedAt: input.at ?? now() })
        .where(and(eq(g.id, id), isNull(g.reviewedAt)))
        .run().changes > 0;
    },

    /** Ends a grant early (its expiry becomes `at`); false if it had already ended. */
    end(id: string, at: string = now()): boolean {
      return orm.update(g).set({ expiresAt: at }).where(and(eq(g.id, id), gt(g.expiresAt, at))).run().changes > 0;
    },
  };
}

export type BreakGlassRepo = ReturnType<typeof createBreakGlassRepo>;
