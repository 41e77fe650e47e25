import { describe, expect, it } from 'vitest';
import { nextRowIndex, rowWindow, scrollToReveal } from './virtual-window.js';

describe('virtual window', () => {
  it('renders the rows in view plus the overscan, and spacers for the rest', () => {
    const w = rowWindow({ scrollTop: 7200, viewportHeight: 720, rowHeight: 72, count: 5000, overscan: 5 });
    expect(w.start).toBe(95);
    expect(w.end).toBe(100 + 11 + 5);
    expect(w.padTop).toBe(95 * 72);
    expect(w.padTop + (w.end - w.start) * 72 + w.padBottom).toBe(5000 * 72);
  });

  it('keeps the total height for any scroll position, even past the end', () => {
    for (const scrollTop of [0, 1, 500, 359_000, 360_000, 999_999]) {
      const w = rowWindow({ scrollTop, viewportHeight: 600, rowHeight: 72, count: 5000 });
      expect(w.padTop + (w.end - w.start) * 72 + w.padBottom).toBe(5000 * 72);
      expect(w.end).toBeGreaterThan(w.start);
    }
  });

  it('renders a screenful before the first layout, and nothing for an empty list', () => {
    expect(rowWindow({ scrollTop: 0, viewportHeight: 0, rowHeight: 72, count: 100 }).end).toBeGreaterThan(10);
    expect(rowWindow({ scrollTop: 0, viewportHeight: 500, rowHeight: 72, count: 0 })).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
  });

  it('scrolls just enough to reveal a row under the sticky header', () => {
    const opts = { scrollTop: 720, viewportHeight: 432, rowHeight: 72, headerHeight: 48 };
    expect(scrollToReveal(12, opts)).toBeNull();
    expect(scrollToReveal(5, opts)).toBe(360);
    expect(scrollToReveal(20, opts)).toBe(21 * 72 + 48 - 432);
  });

  it('moves by one, by a page, and to either end with the keyboard', () => {
    expect(nextRowIndex('ArrowDown', 3, 10, 5)).toBe(4);
    expect(nextRowIndex('ArrowUp', 0, 10, 5)).toBe(0);
    expect(nextRowIndex('PageDown', 8, 10, 5)).toBe(9);
    expect(nextRowIndex('Home', 8, 10, 5)).toBe(0);
    expect(nextRowIndex('End', 0, 10, 5)).toBe(9);
    expect(nextRowIndex('a', 0, 10, 5)).toBeNull();
  });
});
