import { describe, expect, it } from 'vitest';
import { LIST_PAGE, moreOf, shownToInclude } from './list-window.js';

describe('a long list drawn a page at a time', () => {
  it('offers the next page, or what is left, and nothing once every item is drawn', () => {
    expect(moreOf(1000, LIST_PAGE)).toEqual({ shown: 25, adds: 25, next: 50 });
    expect(moreOf(60, 50)).toEqual({ shown: 50, adds: 10, next: 60 });
    expect(moreOf(25, 25)).toBeNull();
    expect(moreOf(3, 25)).toBeNull();
  });

  it('draws enough pages to include an item, and never fewer than already drawn', () => {
    expect(shownToInclude(25, 3)).toBe(25);
    expect(shownToInclude(25, 25)).toBe(50);
    expect(shownToInclude(25, 49)).toBe(50);
    expect(shownToInclude(25, 50)).toBe(75);
    expect(shownToInclude(100, 60)).toBe(100);
  });
});
