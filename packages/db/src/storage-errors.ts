// Storage failures are not bugs: a full disk (SQLITE_FULL, ENOSPC, EDQUOT) or a failing one (EIO,
// SQLITE_IOERR_*) must never crash the service. Writes are refused with a retryable answer, reads go on,
// and everything resumes by itself when the disk has room again (issue 11, finding 9). This tells them
// apart from other errors wherever they surface: a better-sqlite3 SqliteError (`code` SQLITE_FULL,
// SQLITE_IOERR_WRITE …) or a Node file-system error (`code` ENOSPC, EIO …).

export type StorageFailure = 'full' | 'io';

const FULL = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);
const IO = new Set(['EIO', 'SQLITE_IOERR', 'EROFS']);

/** 'full' for a full disk or quota, 'io' for an I/O failure, null for anything else. */
export function storageFailure(err: unknown): StorageFailure | null {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  if (FULL.has(code)) return 'full';
  // SQLite reports a full disk met during a write of its WAL or journal as SQLITE_IOERR_WRITE and the like.
  if (IO.has(code) || code.startsWith('SQLITE_IOERR_')) return 'io';
  return null;
}
