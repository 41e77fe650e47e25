import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Debounced, FIRST_PAGE, Latest, back, countText, currentPage, forward } from './caseload-paging.js';

describe('the trail of pages (Previous needs the cursors the server only gives going forward)', () => {
  it('goes forward with the cursor and the rows of the page left, and back to exactly the page before', () => {
    const two = forward(FIRST_PAGE, 'c1', 50);
    const three = forward(two, 'c2', 50);
    expect(currentPage(three)).toEqual({ after: 'c2', start: 100 });
    expect(currentPage(back(three))).toEqual({ after: 'c1', start: 50 });
    expect(currentPage(back(back(three)))).toEqual({ after: null, start: 0 });
  });

  it('stays on the first page when asked to go back from it', () => {
    expect(back(FIRST_PAGE)).toBe(FIRST_PAGE);
  });

  it('numbers a page from the rows the pages before it really had, not from the page size', () => {
    expect(currentPage(forward(forward(FIRST_PAGE, 'a', 3), 'b', 3)).start).toBe(6);
  });
});

describe('the result count', () => {
  it('says how many when one page holds them all', () => {
    expect(countText(0, 3, 3, false)).toBe('3 chronologies');
    expect(countText(0, 1, 1, true)).toBe('1 chronology found');
    expect(countText(0, 0, 0, false)).toBe('0 chronologies');
  });

  it('says which rows of how many when there are more pages', () => {
    expect(countText(0, 50, 5008, false)).toBe('Showing 1 to 50 of 5,008 chronologies');
    expect(countText(5000, 8, 5008, false)).toBe('Showing 5,001 to 5,008 of 5,008 chronologies');
    expect(countText(50, 50, 120, true)).toBe('Showing 51 to 100 of 120 chronologies found');
  });

  it('tells a search that found nothing from an empty caseload', () => {
    expect(countText(0, 0, 0, true)).toBe('No chronologies found');
  });
});

describe('only the newest answer is shown', () => {
  it('makes every earlier ticket stale', () => {
    const latest = new Latest();
    const first = latest.begin();
    expect(latest.isCurrent(first)).toBe(true);
    const second = latest.begin();
    expect(latest.isCurrent(first)).toBe(false);
    expect(latest.isCurrent(second)).toBe(true);
  });

  it('an older answer arriving last is not shown', async () => {
    const latest = new Latest();
    const shown: string[] = [];
    const ask = async (q: string, delay: number) => {
      const ticket = latest.begin();
      await new Promise((r) => setTimeout(r, delay));
      if (latest.isCurrent(ticket)) shown.push(q);
    };
    await Promise.all([ask('ru', 20), ask('ruby', 0)]);
    expect(shown).toEqual(['ruby']);
  });
});

describe('the search box asks once typing pauses', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks once, with the last text, after the pause', () => {
    const asked: string[] = [];
    const search = new Debounced<string>(250, (q) => asked.push(q));
    search.later('r');
    vi.advanceTimersByTime(100);
    search.later('ru');
    vi.advanceTimersByTime(249);
    expect(asked).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(asked).toEqual(['ru']);
  });

  it('asks at once on Enter and forgets the question waiting', () => {
    const asked: string[] = [];
    const search = new Debounced<string>(250, (q) => asked.push(q));
    search.later('rub');
    search.now('ruby');
    vi.advanceTimersByTime(1000);
    expect(asked).toEqual(['ruby']);
  });
});
