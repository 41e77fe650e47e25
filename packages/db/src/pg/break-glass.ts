// Emergency (break-glass) access grants on PostgreSQL, with the SQLite repository's behaviour
// (../repos/break-glass.ts): one running grant per person and chronology, checked and granted in one step.
import { randomUUID } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { BreakGlassGrant, NewBreakGlassGrant } from '../repos/break-glass.js';
import type { BreakGlassRepo } from '../port.js';
import type { PgExec } from './audit.js';
import { breakGlassGrants } from './schema.js';
import { ascC, changed, descC } from './sql.js';

export function createPgBreakGlassRepo(db: PgExec, now: () => string): BreakGlassRepo {
  return {
    async create(input: NewBreakGlassGrant): Promise<BreakGlassGrant> {
      const [row] = await db
        .insert(breakGlassGrants)
        .values({ id: randomUUID(), chronologyId: input.chronologyId, userId: input.userId, reason: input.reason, grantedAt: input.grantedAt ?? now(), expiresAt: input.expiresAt })
        .returning();
      return row!;
    },
    async createUnlessRunning(input: NewBreakGlassGrant & { grantedAt: string }) {
      return db.transaction(async (tx) => {
        // Rows that do not exist yet cannot be locked: an advisory lock on (chronology, user), held to the
        // end of this transaction, makes the look and the insert one step for every node.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${input.chronologyId}), hashtext(${input.userId}))`);
        const [running] = await tx
          .select()
          .from(breakGlassGrants)
          .where(and(eq(breakGlassGrants.chronologyId, input.chronologyId), eq(breakGlassGrants.userId, input.userId), gt(breakGlassGrants.expiresAt, input.grantedAt)))
          .orderBy(ascC(breakGlassGrants.grantedAt))
          .limit(1);
        if (running) return { grant: null, running };
        const [row] = await tx
          .insert(breakGlassGrants)
          .values({ id: randomUUID(), chronologyId: input.chronologyId, userId: input.userId, reason: input.reason, grantedAt: input.grantedAt, expiresAt: input.expiresAt })
          .returning();
        return { grant: row!, running: null };
      });
    },
    async get(id: string) {
      return (await db.select().from(breakGlassGrants).where(eq(breakGlassGrants.id, id)))[0] ?? null;
    },
    async activeFor(chronologyId: string, at: string = now()) {
      return db
        .select()
        .from(breakGlassGrants)
        .where(and(eq(breakGlassGrants.chronologyId, chronologyId), gt(breakGlassGrants.expiresAt, at)))
        .orderBy(ascC(breakGlassGrants.grantedAt));
    },
    async activeForUser(userId: string, at: string = now()) {
      return db
        .select()
        .from(breakGlassGrants)
        .where(and(eq(breakGlassGrants.userId, userId), gt(breakGlassGrants.expiresAt, at)))
        .orderBy(ascC(breakGlassGrants.grantedAt));
    },
    async listForChronology(chronologyId: string) {
      return db.select().from(breakGlassGrants).where(eq(breakGlassGrants.chronologyId, chronologyId)).orderBy(descC(breakGlassGrants.grantedAt));
    },
    async listUnreviewed() {
      return db.select().from(breakGlassGrants).where(isNull(breakGlassGrants.reviewedAt)).orderBy(ascC(breakGlassGrants.grantedAt));
    },
    async review(id: string, input: { reviewedBy: string; note: string; at?: string }) {
      return (
        changed(
          await db
            .update(breakGlassGrants)
            .set({ reviewedBy: input.reviewedBy, reviewNote: input.note, reviewedAt: input.at ?? now() })
            .where(and(eq(breakGlassGrants.id, id), isNull(breakGlassGrants.reviewedAt))),
        ) > 0
      );
    },
    async end(id: string, at: string = now()) {
      return changed(await db.update(breakGlassGrants).set({ expiresAt: at }).where(and(eq(breakGlassGrants.id, id), gt(breakGlassGrants.expiresAt, at)))) > 0;
    },
  };
}
