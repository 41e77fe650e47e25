// The high-severity episodes each recipient of one alert pass sees, worked out once per way of seeing.
// Working them out runs the pattern engine over the chronology's entries as the person sees them, and a
// pass did that for every recipient in turn: a chronology of 2,000+ entries at county size has about 20
// (the lead and its member agencies' DSLs) in two or three agencies, so each pass of a meeting's writes
// cost 1.3 s of CPU, 0.6 s of it on the one SQLite read thread; shared, 0.1 s (issue 17).
//
// What someone sees there depends on their agency (another agency's restricted entries, agency-only flags,
// which siblings and linked chronologies they are a member of), on their own running break-glass grants
// (which other chronologies they may open) and on whether they are an administrator (nothing): the parts
// highlight-counts.ts names for a shared caseload count. Recipients alike in agency, role and grants share
// one working-out. Reading a sibling's entries for it is audited under each recipient's own name before
// they are given the result, exactly the records working it out themselves would have written.
import type { SiblingRead } from '../family-patterns.js';

export interface Recipient {
  id: string;
  role: string;
  agencySlug: string;
}

export interface SharedEpisodesOptions<U extends Recipient, T> {
  /** The chronologies the person holds a running break-glass grant on. */
  grantsOf: (user: U) => Promise<readonly string[]>;
  /** Works the result out as `user` sees it, their sibling reads audited under their name as they are made. */
  compute: (user: U) => Promise<{ value: T; siblingReads: readonly SiblingRead[] }>;
  /** Writes `reads` under `user`'s name; resolves once they are durable. */
  account: (user: U, reads: readonly SiblingRead[]) => Promise<void>;
}

/** For one pass over one chronology: each recipient's result, worked out once per agency, role and grants held. */
export function sharedEpisodes<U extends Recipient, T>({ grantsOf, compute, account }: SharedEpisodesOptions<U, T>): (user: U) => Promise<T> {
  const byView = new Map<string, Promise<{ value: T; siblingReads: readonly SiblingRead[] }>>();
  return async (user) => {
    const grants = [...new Set(await grantsOf(user))].sort();
    const view = JSON.stringify([user.agencySlug, user.role, grants]);
    const shared = byView.get(view);
    if (shared === undefined) {
      const own = compute(user);
      byView.set(view, own);
      return (await own).value;
    }
    const { value, siblingReads } = await shared;
    if (siblingReads.length > 0) await account(user, siblingReads);
    return value;
  };
}
