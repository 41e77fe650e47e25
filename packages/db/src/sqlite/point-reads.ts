// The reads the SQLite adapter answers on the caller's own thread, from a third, read-only connection
// (store.ts): the lookups by key that every request makes before it does anything else (its session, its
// user or API token, the chronology and its running break-glass grants), and the version of a chronology's
// entries that says whether a page kept on the event loop is still current (kept-pages.ts).
//
// Why not on the read lane like every other read: each is one or two prepared statements on a unique or
// small index range, a few microseconds of SQLite, while a round trip to a thread costs the event loop a
// postMessage, a message event and a promise, and costs the request two thread wake-ups (~150-200 µs on a
// quiet machine, milliseconds on a loaded one). An authenticated REST write made three such round trips
// before its commit; now it makes one, the commit's own. Reading here never waits for a lock: the
// connection's busy timeout is 0 and a read that finds the database busy (SQLite's WAL recovery, nothing
// the server itself does) goes to the read lane instead, off the event loop.
//
// What may be listed: methods of READ_METHODS (reads.ts: read-only, checked there by every test) whose
// work is bounded by a key: one row, the few rows of one chronology or one person, or the partnership's
// agencies (a table of a few dozen rows that only seeding and the CLI write). Never a scan of anything that
// grows with the county, a page or a document's log: those stay on the read lane, where their time is
// nobody's wait.
// The SQLite repositories: the port's methods and the few this adapter adds for itself (entries.pageAt, version).
import type { SqliteRepos as Repos } from '../repos/index.js';
import { serialiseError, type Call, type Outcome, type SqliteHost } from './host.js';
import { isRead } from './reads.js';

type PointMethods = { [R in keyof Repos]?: ReadonlyArray<keyof Repos[R] & string> };

export const POINT_READS = {
  sessions: ['get', 'getWithUser'],
  apiTokens: ['byHash'],
  chronologies: ['get', 'access'],
  // A chronology's running grants, and a person's (an index range on user and expiry: a grant lasts hours,
  // and a person holds a few at most): every caseload list, count key and alert pass asks for the latter.
  breakGlass: ['activeFor', 'activeForUser'],
  // One row by key: whether a page kept on the event loop is still current (kept-pages.ts).
  entries: ['version'],
  // Sign-in's own lookups before the password is checked: the account by its (unique) email, and the
  // throttle's failures of one key within a window, an index range the throttle itself keeps short (its
  // delays: a few dozen a day at most). Login attempts only while none is being written (reads.ts).
  users: ['byId', 'byEmail'],
  loginAttempts: ['timesSince', 'countSince'],
  // An agency by its slug, and the whole list (a partnership's few dozen rows, which only seeding and the
  // CLI write): the name in every /api/me and sign-in's answer; the list in every pattern count's key, every
  // pattern view and every alert pass (12,000 read-lane trips in a two-minute full county bench run).
  agencies: ['get', 'list'],
  // One chronology's pattern reviews (an index range on chronology and time: most have none, a busy one a
  // few dozen): what the browser asks for beside every chronology it opens (GET …/patterns/reviews).
  patternReviews: ['listForChronology'],
} as const satisfies PointMethods;

const points = new Set(Object.entries(POINT_READS).flatMap(([repo, methods]) => methods.map((m) => `${repo}.${m}`)));

export function isPointRead(repo: string, method: string): boolean {
  return points.has(`${repo}.${method}`) && isRead(repo, method);
}

/**
 * The point reads that run exactly ONE statement (point-reads.test.ts counts them). Outside a transaction
 * one statement is its own read transaction: one snapshot, which sees every commit finished before it
 * began, as a BEGIN ... COMMIT around it would; the wrapper only adds two statements, and every request
 * makes four or five point reads (profiled under read load: a sixth to a quarter of a point read's time).
 * chronologies.get reads the record with its members in one statement (a subquery), so it is listed too.
 */
export const ONE_STATEMENT = {
  sessions: ['get', 'getWithUser'],
  chronologies: ['get', 'access'],
  users: ['byId', 'byEmail'],
  apiTokens: ['byHash'],
  breakGlass: ['activeFor', 'activeForUser'],
  entries: ['version'],
  loginAttempts: ['timesSince', 'countSince'],
  agencies: ['get', 'list'],
  patternReviews: ['listForChronology'],
} as const satisfies PointMethods;

const oneStatement = new Set(Object.entries(ONE_STATEMENT).flatMap(([repo, methods]) => methods.map((m) => `${repo}.${m}`)));

/** One point read on the point reads' connection: a one-statement read as it is, any other in its read transaction. */
export function runPointRead(host: Pick<SqliteHost, 'repos' | 'runBatch'>, c: Call): Outcome {
  if (c.kind !== 'repo' || !oneStatement.has(`${c.repo}.${c.method}`)) return host.runBatch([c])[0]!;
  const repo = (host.repos as unknown as Record<string, Record<string, (...args: unknown[]) => unknown>>)[c.repo]!;
  try {
    // Called on its repository, as the host does: some methods use their siblings through `this`.
    return { ok: true, value: repo[c.method]!.apply(repo, c.args) };
  } catch (err) {
    return { ok: false, error: serialiseError(err) };
  }
}
