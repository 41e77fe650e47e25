import { describe, expect, it } from 'vitest';
import { CLOSE, closeName, closeReason, MAX_CLOSE_REASON_BYTES, mustResync } from './close-codes.js';

describe('close codes', () => {
  it('are private-use codes, 44xx for decisions and 45xx for transient failures', () => {
    for (const code of Object.values(CLOSE)) expect(code >= 4400 && code < 4600).toBe(true);
    expect(mustResync(CLOSE.UPDATE_REFUSED)).toBe(true);
    expect(mustResync(CLOSE.SERVER_ERROR)).toBe(false);
    expect(mustResync(CLOSE.STORAGE_FULL)).toBe(false); // retryable: the client keeps its changes
    expect(mustResync(1006)).toBe(false);
    expect(closeName(4429)).toBe('RATE_LIMITED');
    // A page of the old code writing the old document shape: refused, and it must reload (resync).
    expect(closeName(4426)).toBe('OUTDATED_CLIENT');
    expect(mustResync(CLOSE.OUTDATED_CLIENT)).toBe(true);
    expect(CLOSE.TOO_MANY_CONNECTIONS).toBe(CLOSE.RATE_LIMITED);
    expect(closeName(1000)).toBeNull();
  });

  it('shortens reasons to fit a close frame, counting UTF-8 bytes', () => {
    expect(closeReason('short')).toBe('short');
    const long = closeReason('é'.repeat(200));
    expect(new TextEncoder().encode(long).length).toBeLessThanOrEqual(MAX_CLOSE_REASON_BYTES);
    expect(long.endsWith('…')).toBe(true);
  });

  it('imports nothing, so the browser can take it alone', async () => {
    const { readFile } = await import('node:fs/promises');
    const source = await readFile(new URL('./close-codes.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/^import /m);
  });
});
