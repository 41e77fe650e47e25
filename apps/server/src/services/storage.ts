// A full (or failing) disk must not crash the service or stop people reading (issue 11, finding 9).
// Writes are refused with a retryable answer (REST 507/503, websocket close 4507); reads go on, and the
// audit records of reads made meanwhile wait here, in memory and in order, until the disk has room again;
// background writers log (at most once a minute) and retry. Nothing needs a restart.
import { storageFailure, type AuditInput } from '@mac/db';
import { ApiError } from '../http/errors.js';

/** Audit records kept in memory while the disk is full; beyond this, reads are refused too (fail closed). */
export const MAX_DEFERRED_AUDIT_RECORDS = 20_000;

/** How often the service retries what could not be written (the deferred audit records). */
export const STORAGE_RETRY_MS = 2_000;

const LOG_EVERY_MS = 60_000;

export interface StorageHealth {
  /** Since when storage has been failing (ISO), or null. */
  readonly failingSince: string | null;
  /** Audit records waiting to be written, oldest first. */
  readonly deferred: readonly AuditInput[];
  /** Where storage failures were met (for operators and tests; at most 100 places). */
  readonly places: ReadonlySet<string>;
  /** Records a storage failure met at `where`; logs it (throttled). */
  failed(err: unknown, where: string): void;
  /** Storage works again. */
  recovered(): void;
  /** Keeps an audit record to write later, or throws 503 when too many are waiting. */
  defer(record: AuditInput): void;
  /** Writes the deferred records in one transaction with `append`; true when none are left. */
  flush(append: (records: readonly AuditInput[]) => Promise<void>): Promise<boolean>;
}

export function createStorageHealth(opts: { now?: () => Date; log?: (line: string) => void } = {}): StorageHealth {
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? ((line: string) => console.error(line));
  let failingSince: string | null = null;
  let deferred: AuditInput[] = [];
  const places = new Set<string>();
  let lastLogged = 0;
  let suppressed = 0;

  const health: StorageHealth = {
    get failingSince() {
      return failingSince;
    },
    get deferred() {
      return deferred;
    },
    places,
    failed(err, where) {
      failingSince ??= now().toISOString();
      if (places.size < 100) places.add(where);
      const t = now().getTime();
      if (t - lastLogged < LOG_EVERY_MS) {
        suppressed += 1;
        return;
      }
      lastLogged = t;
      const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : 'unknown';
      log(`[mac] storage failing since ${failingSince} (${code}) at ${where}: writes are refused until there is room; ${deferred.length} audit records waiting${suppressed ? ` (${suppressed} similar failures not logged)` : ''}`);
      suppressed = 0;
    },
    recovered() {
      if (failingSince !== null) log(`[mac] storage works again (failing since ${failingSince}); writes resume`);
      failingSince = null;
    },
    defer(record) {
      if (deferred.length >= MAX_DEFERRED_AUDIT_RECORDS) throw storageRefusal('full');
      deferred.push({ ...record, at: record.at ?? now().toISOString() });
    },
    flush(append) {
      // One flush at a time: a second caller waits for the one in progress (never writes a record twice).
      flushing ??= flushNow(append).finally(() => (flushing = null));
      return flushing;
    },
  };
  let flushing: Promise<boolean> | null = null;
  async function flushNow(append: (records: readonly AuditInput[]) => Promise<void>): Promise<boolean> {
    if (deferred.length === 0) return true;
    const batch = deferred;
    try {
      await append(batch);
    } catch (err) {
      if (storageFailure(err) === null) throw err;
      health.failed(err, 'writing deferred audit records');
      return false;
    }
    deferred = deferred.slice(batch.length);
    if (deferred.length === 0) health.recovered();
    return deferred.length === 0;
  }
  return health;
}

/** The API's answer to a write the disk could not take: retryable, specific, and in the usual error shape. */
export function storageRefusal(kind: 'full' | 'io'): ApiError {
  return kind === 'full'
    ? new ApiError(507, 'storage_full', 'The server’s storage is full, so nothing new can be saved just now; nothing was changed. Try again in a few minutes. If it keeps happening, tell your administrator.', undefined, { retryable: true })
    : new ApiError(503, 'storage_unavailable', 'The server cannot write to its storage just now, so nothing new can be saved; nothing was changed. Try again in a few minutes. If it keeps happening, tell your administrator.', undefined, { retryable: true });
}
