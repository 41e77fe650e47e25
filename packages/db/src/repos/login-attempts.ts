// Failed sign-ins, counted over a sliding window to throttle password guessing. Keys are
// 'email:<address>' and 'ip:<address>'; the policy (window, limits) is the server's.
import { and, count, eq, gte, lt } from 'drizzle-orm';
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
