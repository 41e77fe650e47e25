import { describe, expect, it } from 'vitest';
import { createTokenBucket } from './rate-limit.js';

describe('token bucket', () => {
  it('allows a burst, then the average rate', () => {
    const bucket = createTokenBucket(10, 5);
    let t = 0;
    expect(Array.from({ length: 6 }, () => bucket.take(t))).toEqual([true, true, true, true, true, false]);
    expect(bucket.waitMs(t)).toBe(100);
    t += 100;
    expect(bucket.take(t)).toBe(true);
    expect(bucket.take(t)).toBe(false);
    t += 10_000;
    expect(Array.from({ length: 6 }, () => bucket.take(t)).filter(Boolean)).toHaveLength(5);
  });
});
