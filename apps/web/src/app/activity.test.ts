import { describe, expect, it } from 'vitest';
import { ActivityThrottle, watchActivity } from './activity.js';

describe('reporting activity', () => {
  it('reports the first input a minute or more after the last report, and no more often', () => {
    const t = new ActivityThrottle(0);
    expect(t.input(1_000)).toBe(false); // the page has just loaded: the server heard from it
    expect(t.input(59_999)).toBe(false);
    expect(t.input(60_000)).toBe(true);
    expect(t.input(60_001)).toBe(false);
    expect(t.input(119_999)).toBe(false);
    expect(t.input(120_000)).toBe(true);
    // Nothing for half an hour (no input, so no report), then a key: reported at once.
    expect(t.input(120_000 + 30 * 60_000)).toBe(true);
  });

  it('counts the page’s own requests as reports', () => {
    const t = new ActivityThrottle(0);
    t.requested(50_000);
    expect(t.input(70_000)).toBe(false);
    expect(t.input(110_000)).toBe(true);
    t.requested(100_000); // earlier than the last report: no effect
    expect(t.input(170_000)).toBe(true);
  });

  it('listens for keys, pointers and the wheel, and stops when asked', () => {
    const target = new EventTarget();
    let clock = 0;
    let reports = 0;
    const stop = watchActivity(target, new ActivityThrottle(0), () => (reports += 1), () => clock);
    clock = 61_000;
    target.dispatchEvent(new Event('keydown'));
    target.dispatchEvent(new Event('pointerdown'));
    expect(reports).toBe(1);
    clock = 122_000;
    target.dispatchEvent(new Event('wheel'));
    expect(reports).toBe(2);
    stop();
    clock = 500_000;
    target.dispatchEvent(new Event('keydown'));
    expect(reports).toBe(2);
  });
});
