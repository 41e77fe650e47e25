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
// work is bounded by a key: one row, or the few rows of one chronology. Never a scan, a list, a page or a
// document's log: those stay on the read lane, where their time is nobody's wait.
// The SQLite repositories: the port's methods and the few this adapter adds for itself (entries.pageAt, version).
import type { SqliteRepos as Repos } from '../repos/index.js';
import { isRead } from './reads.js';

type PointMethods = { [R in keyof Repos]?: ReadonlyArray<keyof Repos[R] & string> };

export const POINT_READS = {
  sessions: ['get'],
  users: ['byId'],
  apiTokens: ['byHash'],
  chronologies: ['get'],
  breakGlass: ['activeFor'],
  // One row by key: whether a page kept on the event loop is still current (kept-pages.ts).
  entries: ['version'],
} as const satisfies PointMethods;

const points = new Set(Object.entries(POINT_READS).flatMap(([repo, methods]) => methods.map((m) => `${repo}.${m}`)));

export function isPointRead(repo: string, method: string): boolean {
  return points.has(`${repo}.${method}`) && isRead(repo, method);
}
