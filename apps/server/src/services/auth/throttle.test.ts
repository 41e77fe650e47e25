import { describe, expect, it } from 'vitest';
import { delayAfter, PASSWORD_THROTTLE, progressiveWait, slidingWait } from './throttle.js';

describe('throttle policy', () => {
  it('[F6] delays double after the free attempts and stop at the cap', () => {
    const { pair } = PASSWORD_THROTTLE;
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => delayAfter(n, pair))).toEqual([0, 0, 0, 2_000, 4_000, 8_000, 16_000]);
    expect(delayAfter(40, pair)).toBe(15 * 60_000);
    expect(delayAfter(10_000, pair)).toBe(15 * 60_000);
  });

  it('[F6] the wait counts from the last failure', () => {
    const t = Date.parse('2026-01-01T10:00:00.000Z');
    const times = ['2026-01-01T09:59:50.000Z', '2026-01-01T09:59:55.000Z', '2026-01-01T09:59:59.000Z', '2026-01-01T10:00:00.000Z'];
    expect(progressiveWait(times, PASSWORD_THROTTLE.pair, t)).toBe(4_000);
    expect(progressiveWait(times, PASSWORD_THROTTLE.pair, t + 4_000)).toBe(0);
    expect(progressiveWait([], PASSWORD_THROTTLE.pair, t)).toBe(0);
  });

  it('[F14] a sliding window has room again when its oldest counted event leaves it', () => {
    const limit = { windowMs: 60_000, max: 2 };
    const t = Date.parse('2026-01-01T10:00:00.000Z');
    expect(slidingWait(['2026-01-01T09:59:30.000Z'], limit, t)).toBe(0);
    expect(slidingWait(['2026-01-01T09:59:10.000Z', '2026-01-01T09:59:30.000Z'], limit, t)).toBe(10_000);
    expect(slidingWait(['2026-01-01T09:59:05.000Z', '2026-01-01T09:59:10.000Z', '2026-01-01T09:59:30.000Z'], limit, t)).toBe(10_000);
  });
});
