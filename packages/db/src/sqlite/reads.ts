// The repository methods the SQLite adapter runs on its read lane: a second, read-only connection in a
// thread of its own (store.ts). On the write lane every call waits for the batch in flight, whose commit
// waits for an fsync, so a request that reads six times and audits once used to wait for seven commits;
// on the read lane a read waits for nothing but other reads, and a long one (an audit chain's
// verification, a large document's log) no longer holds up every write.
//
// What may be listed here: methods that only read. The lane's connection is opened read-only, so a method
// listed by mistake fails loudly (SQLITE_READONLY) in every test that calls it; the server's tests run the
// lanes inline (testing.ts), so every route exercises this list.
//
// What a read on this lane sees: every write whose promise had settled before the read was called (a
// write settles after its commit). A read made while a write is still in flight may not see that write;
// a caller that needs it awaits the write first, as the port's rule for every caller already says. Checks
// that must be atomic with a write (an entry id's uniqueness, a client id's owner) run inside the write's
// unit of work, not as a read before it.
//
// Login attempts are the exception (ORDERED_READS): a throttle that counts while the previous attempt is
// still being recorded could let a burst of guesses through, so their reads must see every write to them
// called before, settled or not, as a read queued behind those writes on the write lane does. The store
// keeps that: a read of login attempts leaves the write lane only while no write to them is queued or in
// flight there (store.ts). Most sign-ins find none, and no longer wait for the batch in flight (an
// import's slice, an fsync) before their password is checked (issue 17: sign-in's p99 in the county bench).
// The SQLite repositories: the port's methods and the few this adapter adds for itself (entries.pageAt, version).
import type { SqliteRepos as Repos } from '../repos/index.js';

type ReadMethods = { [R in keyof Repos]?: ReadonlyArray<keyof Repos[R] & string> };

export const READ_METHODS = {
  agencies: ['list', 'get'],
  apiTokens: ['byHash', 'byId', 'list'],
  audit: ['list', 'count', 'repeatedCreates', 'lastAllowed', 'firstAllowed', 'verify'],
  breakGlass: ['get', 'activeFor', 'activeForUser', 'listForChronology', 'listUnreviewed'],
  chronologies: ['get', 'access', 'accessOf', 'list', 'listForAgency', 'pageForViewer', 'listByIds', 'count'],
  docClients: ['owners'],
  entries: ['getVisible', 'getInDoc', 'holders', 'firstHeldElsewhere', 'docsOf', 'docsHolding', 'collisions', 'query', 'patternRows', 'page', 'pageAt', 'version', 'all', 'countByChronology', 'restrictedCount', 'lastChange', 'householdCopies'],
  notifications: ['get', 'listForUser', 'unreadCount'],
  patternReviews: ['byId', 'listForChronology', 'countByChronology'],
  sessions: ['liveCounts', 'get', 'getWithUser', 'livenessOf'],
  snapshots: ['get', 'listForChronology'],
  updateLog: ['load', 'after', 'stats', 'docNames'],
  users: ['byEmail', 'byId', 'list', 'inAgencies'],
  people: ['get', 'links', 'flags', 'getFlag', 'peopleOf', 'idsForChronology', 'versionsOf'],
  households: ['get', 'currentLinks', 'currentFor', 'event', 'siblingsOf'],
  analysis: ['latest', 'versions', 'views'],
  actions: ['get', 'listForChronology', 'history', 'historyForChronology', 'overdueCounts', 'listOverdue'],
  search: ['entries'],
  // Login attempts: see ORDERED_READS.
  loginAttempts: ['timesSince', 'countSince'],
  // Alerts: each look at a chronology and each send pass awaits its writes before its next read.
  alerts: ['preferences', 'preferencesOf', 'state', 'dueEmails', 'emailsFor', 'stateTextsOf'],
} as const satisfies ReadMethods;

/**
 * Repositories whose reads must see every write to them already called, even one not yet committed: while
 * any such write is queued or in flight on the write lane, their reads go there too, behind it.
 */
export const ORDERED_READS: ReadonlySet<string> = new Set<keyof Repos>(['loginAttempts']);

const reads = new Set(Object.entries(READ_METHODS).flatMap(([repo, methods]) => methods.map((m) => `${repo}.${m}`)));

export function isRead(repo: string, method: string): boolean {
  return reads.has(`${repo}.${method}`);
}
