// Throttle events (failed sign-ins and re-authentications, emergency-access lookups), counted over sliding
// windows. The keys and the policy (windows, limits, delays) are the server's (apps/server/src/services/auth/throttle.ts).
import { and, asc, count, eq, gte, lt, sql } from 'drizzle-orm';
import { loginAttempts } from '../schema.js';
import type { RepoContext } from './context.js';

export function createLoginAttemptsRepo({ db, now }: RepoContext) {
  const { orm } = db;
  // The throttle's reads are point reads on the event loop before every password check: prepared once.
  const inWindow = and(eq(loginAttempts.key, sql.placeholder('key')), gte(loginAttempts.at, sql.placeholder('since')));
  const selectCount = orm.select({ n: count() }).from(loginAttempts).where(inWindow).prepare();
  const selectTimes = orm.select({ at: loginAttempts.at }).from(loginAttempts).where(inWindow).orderBy(asc(loginAttempts.at)).prepare();
  return {
    record(key: string, at: string = now()): void {
      orm.insert(loginAttempts).values({ key, at }).run();
    },

    countSince(key: string, since: string): number {
      return selectCount.get({ key, since })?.n ?? 0;
    },

    /** The key's events since `since`, oldest first (ISO instants). */
    timesSince(key: string, since: string): string[] {
      return selectTimes.all({ key, since }).map((r) => r.at);
    },

    /** Forgets the key's failures (after a successful sign-in or a password reset). */
    clear(key: string): void {
      orm.delete(loginAttempts).where(eq(loginAttempts.key, key)).run();
    },

    /** Deletes attempts older than `before`, which no window looks at any more; returns how many. */
    purgeBefore(before: string): number {
      return orm.delete(loginAttempts).where(lt(loginAttempts.at, before)).run().changes;
    },
  };
}

export type LoginAttemptsRepo = ReturnType<typeof createLoginAttemptsRepo>;
