// Server-side sessions, keyed by the SHA-256 of the cookie value. Whether a session is still good (idle
// limit, absolute limit, user disabled) is the server's decision; this module only records.
import { and, count, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import { sessions, users } from '../schema.js';
import type { MacDb } from '../open.js';
import { inListPlaceholder, type RepoContext } from './context.js';
import { directGet, lazySelect } from './direct-select.js';

export type SessionRecord = typeof sessions.$inferSelect;

export interface NewSession {
  idHash: string;
  userId: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
}

/** What decides whether a session is live (the server's sessionLive): the session's limits and its user's standing. */
export interface SessionLiveness {
  session: Pick<SessionRecord, 'idHash' | 'revokedAt' | 'expiresAt' | 'lastSeenAt'>;
  user: { disabled: boolean; approvedAt: string | null };
}

/**
 * What the access sweep reads of a session and its user (SessionLiveness): the columns the repository's
 * statement selects, and bench:raw-reads' reference (the same query built on every call) with it.
 */
export const livenessColumns = {
  session: { idHash: sessions.idHash, revokedAt: sessions.revokedAt, expiresAt: sessions.expiresAt, lastSeenAt: sessions.lastSeenAt },
  user: { disabled: users.disabled, approvedAt: users.approvedAt },
};

/** A session by the hash of its secret with its user, as Drizzle prepares it (directGet runs it here; bench:point-reads both ways). */
export function sessionWithUserStatement({ orm }: MacDb) {
  return orm.select({ session: sessions, user: users }).from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.idHash, sql.placeholder('idHash'))).prepare();
}

export function createSessionsRepo({ db, now }: RepoContext) {
  const { orm } = db;
  // Every authenticated request looks its session up: built and prepared once (docs/storage.md S6).
  // Run by better-sqlite3 directly, the row built with Drizzle's decoders worked out once (directGet):
  // Drizzle's own get was about a third of these point reads' time warm (bench:point-reads).
  const byHash = directGet<SessionRecord>(orm.select().from(sessions).where(eq(sessions.idHash, sql.placeholder('idHash'))).prepare());
  // ... and its user with it: one statement instead of two point reads in a row (resolveSession).
  const withUser = directGet<{ session: SessionRecord; user: typeof users.$inferSelect }>(sessionWithUserStatement(db));
  // The access sweep's question, twice a second: built once too.
  const livenessSelect = lazySelect<SessionLiveness>(() =>
    orm.select(livenessColumns).from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(inListPlaceholder(sessions.idHash, 'ids')).prepare(),
  );
  return {
    /** Sessions not revoked and not past their absolute expiry, counted per user id. */
    liveCounts(at: string = now()): Map<string, number> {
      const rows = orm
        .select({ userId: sessions.userId, n: count() })
        .from(sessions)
        .where(and(isNull(sessions.revokedAt), gt(sessions.expiresAt, at)))
        .groupBy(sessions.userId)
        .all();
      return new Map(rows.map((row) => [row.userId, row.n]));
    },

    create(input: NewSession): SessionRecord {
      const at = now();
      return orm
        .insert(sessions)
        .values({ ...input, createdAt: at, lastSeenAt: at, revokedAt: null, reauthenticatedAt: null })
        .returning()
        .get();
    },

    get(idHash: string): SessionRecord | null {
      return byHash({ idHash }) ?? null;
    },

    getWithUser(idHash: string): { session: SessionRecord; user: typeof users.$inferSelect } | null {
      return withUser({ idHash }) ?? null;
    },

    /**
     * What decides whether each named session that exists is live, in no particular order: the access
     * sweep's question about every live connection (twice a second) in one statement (port-repos.ts).
     */
    livenessOf(idHashes: readonly string[]): SessionLiveness[] {
      if (idHashes.length === 0) return [];
      return livenessSelect.all({ ids: JSON.stringify(idHashes) });
    },

    touch(idHash: string, at: string = now()): void {
      orm.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.idHash, idHash)).run();
    },

    /** Returns true if the session was live and is now revoked. */
    revoke(idHash: string): boolean {
      return orm
        .update(sessions)
        .set({ revokedAt: now() })
        .where(and(eq(sessions.idHash, idHash), isNull(sessions.revokedAt)))
        .run().changes > 0;
    },

    /** Revokes every live session of the user (password change, account disabled); returns how many. */
    revokeAllForUser(userId: string): number {
      return orm
        .update(sessions)
        .set({ revokedAt: now() })
        .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
        .run().changes;
    },

    /** For actions that ask for the password again (step-up). */
    markReauthenticated(idHash: string, at: string = now()): void {
      orm.update(sessions).set({ reauthenticatedAt: at }).where(eq(sessions.idHash, idHash)).run();
    },

    /** Deletes sessions past their absolute end (revoked ones included once they get there); returns how many. */
    purgeExpired(at: string = now()): number {
      return orm.delete(sessions).where(lte(sessions.expiresAt, at)).run().changes;
    },
  };
}

export type SessionsRepo = ReturnType<typeof createSessionsRepo>;
