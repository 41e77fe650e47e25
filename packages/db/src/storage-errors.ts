// Storage failures are not bugs: a full disk (SQLITE_FULL, ENOSPC, EDQUOT) or a failing one (EIO,
// SQLITE_IOERR_*) must never crash the service. Writes are refused with a retryable answer, reads go on,
// and everything resumes by itself when the disk has room again (issue 11, finding 9). This tells them
// apart from other errors wherever they surface: a better-sqlite3 SqliteError (`code` SQLITE_FULL,
// SQLITE_IOERR_WRITE …) or a Node file-system error (`code` ENOSPC, EIO …).
//
// On PostgreSQL the same two kinds come as SQLSTATE codes (53100 disk_full; 58030 io_error) and, more
// often, as a lost or refused connection (the server restarting, a failover, the network): socket errors
// (ECONNREFUSED, ECONNRESET …), class 08 (connection exception) and 57P01-57P03 (the server shutting down
// or not yet accepting). Those are 'io': retryable, answered 503, and the pool reconnects by itself when
// the database is back. Drizzle wraps driver errors (DrizzleQueryError), so the code may be on a `cause`.

export type StorageFailure = 'full' | 'io';

const FULL = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT', '53100']);
const IO = new Set([
  'EIO',
  'SQLITE_IOERR',
  'EROFS',
  // PostgreSQL: I/O error; the server shutting down, crashed, or not yet accepting connections.
  '58030',
  '57P01',
  '57P02',
  '57P03',
  // The connection itself.
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

function codeOf(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
}

/** 'full' for a full disk or quota, 'io' for an I/O failure or a lost database connection, null for anything else. */
export function storageFailure(err: unknown): StorageFailure | null {
  // The error itself, then what it wraps (a few levels: Drizzle's query error around the driver's).
  let current: unknown = err;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const code = codeOf(current);
    if (FULL.has(code)) return 'full';
    // SQLite reports a full disk met during a write of its WAL or journal as SQLITE_IOERR_WRITE and the like.
    if (IO.has(code) || code.startsWith('SQLITE_IOERR_')) return 'io';
    // SQLSTATE class 08: connection exception (08000, 08003, 08006 …).
    if (/^08[0-9A-Z]{3}$/.test(code)) return 'io';
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
