// A long list drawn a page at a time (the patterns panel of a chronology with thousands of entries found
// about a thousand highlights: drawing every card took the tab seconds and 34,000 elements, and nobody
// reads a thousand cards in one sitting). The first page is drawn; the reader asks for more.

/** How many items a long list draws at first, and adds each time the reader asks for more. */
export const LIST_PAGE = 25;

/** How many of a list's items to draw so that the item at `index` is among them (never fewer than `shown`). */
export function shownToInclude(shown: number, index: number, page = LIST_PAGE): number {
  if (index < shown) return shown;
  return Math.ceil((index + 1) / page) * page;
}

/** What a list's "show more" control offers, or null when every item is drawn. */
export function moreOf(total: number, shown: number, page = LIST_PAGE): { shown: number; adds: number; next: number } | null {
  if (shown >= total) return null;
  const adds = Math.min(page, total - shown);
  return { shown, adds, next: shown + adds };
}
