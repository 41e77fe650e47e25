// Throttle events (failed sign-ins and re-authentications, emergency-access lookups), counted over sliding
// windows. The keys and the policy (windows, limits, delays) are the server's (apps/server/src/services/auth/throttle.ts).
import { and, asc, count, eq, gte, lt } from 'drizzle-orm';
import { loginAttempts } from '../schema.js';
import type { RepoContext } from './context.js';

export function createLoginAttemptsRepo({ db, now }: RepoContext) {
  const { orm } = db;
  return {
    record(key: string, at: string = now()): void {
      orm.insert(loginAttempts).values({ key, at }).run();
    },

    countSince(key: string, since: string): number {
      return orm.select({ n: count() }).from(loginAttempts).where(and(eq(loginAttempts.key, key), gte(loginAttempts.at, since))).get()?.n ?? 0;
    },

    /** The key's events since `since`, oldest first (ISO instants). */
    timesSince(key: string, since: string): string[] {
      return orm.select({ at: loginAttempts.at }).from(loginAttempts).where(and(eq(loginAttempts.key, key), gte(loginAttempts.at, since))).orderBy(asc(loginAttempts.at)).all().map((r) => r.at);
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
