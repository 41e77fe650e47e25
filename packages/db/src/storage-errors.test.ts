// Which failures are the storage's (retryable: 507 or 503) and which are bugs: for SQLite and for PostgreSQL.
import { describe, expect, it } from 'vitest';
import { storageFailure } from './storage-errors.js';

const withCode = (code: string) => Object.assign(new Error('x'), { code });

describe('storageFailure', () => {
  it('a full disk is "full" on either backend', () => {
    for (const code of ['SQLITE_FULL', 'ENOSPC', 'EDQUOT', '53100']) expect(storageFailure(withCode(code)), code).toBe('full');
  });

  it('a failing disk or a lost PostgreSQL connection is "io"', () => {
    for (const code of ['EIO', 'SQLITE_IOERR_WRITE', '58030', 'ECONNREFUSED', 'ECONNRESET', '57P01', '57P03', '08006', '08003', '08000']) {
      expect(storageFailure(withCode(code)), code).toBe('io');
    }
  });

  it('reads the code through the wrappers around a driver error (Drizzle’s query error)', () => {
    const wrapped = Object.assign(new Error('Failed query: select 1'), { cause: withCode('57P01') });
    expect(storageFailure(wrapped)).toBe('io');
  });

  it('constraint violations, syntax errors and plain errors are not storage failures', () => {
    for (const err of [withCode('23505'), withCode('SQLITE_CONSTRAINT_UNIQUE'), withCode('42601'), new Error('bug'), null, 'text']) expect(storageFailure(err)).toBeNull();
  });
});
