import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tolerateStorageFailure } from './sessions.js';

// The bookkeeping writes of a request (a session's last-seen time, an API token's last use) are not waited
// for. Whatever happens to them must not reach Node as an unhandled rejection, which ends the process.
describe('tolerateStorageFailure', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
    vi.restoreAllMocks();
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

  it('notes a full disk for the storage health, and nothing goes unhandled', async () => {
    const failed = vi.fn();
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    tolerateStorageFailure({ storage: { failed } as never }, 'session last-seen', () => Promise.reject(full));
    await settle();
    expect(failed).toHaveBeenCalledWith(full, 'session last-seen');
    expect(unhandled).toEqual([]);
  });

  it('logs any other failure, and nothing goes unhandled', async () => {
    const failed = vi.fn();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    tolerateStorageFailure({ storage: { failed } as never }, 'token last-used', () => Promise.reject(new Error('no such token')));
    await settle();
    expect(failed).not.toHaveBeenCalled();
    expect(logged).toHaveBeenCalledWith('[mac] token last-used could not be stored:', expect.any(Error));
    expect(unhandled).toEqual([]);
  });
});
