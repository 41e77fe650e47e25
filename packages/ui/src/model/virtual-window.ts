// Which rows of a long table to render. Only the rows in view (plus a few either side, so a fast
// scroll or a keyboard step never shows a blank) exist in the DOM; spacer rows above and below keep
// the scrollbar true to the whole list. Rows have a fixed height, which makes this exact.

export interface WindowInput {
  readonly scrollTop: number;
  readonly viewportHeight: number;
  readonly rowHeight: number;
  readonly count: number;
  /** Rows rendered beyond each edge of the view. */
  readonly overscan?: number;
}

export interface RowWindow {
  /** First row rendered. */
  readonly start: number;
  /** One past the last row rendered. */
  readonly end: number;
  /** Height of the spacer above the first rendered row. */
  readonly padTop: number;
  /** Height of the spacer below the last rendered row. */
  readonly padBottom: number;
}

export function rowWindow({ scrollTop, viewportHeight, rowHeight, count, overscan = 8 }: WindowInput): RowWindow {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0, padTop: 0, padBottom: 0 };
  // Before the first layout the viewport has no height: render a screenful rather than nothing.
  const height = viewportHeight > 0 ? viewportHeight : rowHeight * 20;
  const top = Math.max(0, scrollTop);
  const first = Math.min(count - 1, Math.floor(top / rowHeight));
  const visible = Math.ceil(height / rowHeight) + 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start, end, padTop: start * rowHeight, padBottom: (count - end) * rowHeight };
}

/**
 * The scrollTop that brings row `index` fully into view, or null when it already is. `headerHeight`
 * is the sticky header that covers the top of the viewport.
 */
export function scrollToReveal(
  index: number,
  opts: { scrollTop: number; viewportHeight: number; rowHeight: number; headerHeight?: number },
): number | null {
  const header = opts.headerHeight ?? 0;
  const top = index * opts.rowHeight;
  const bottom = top + opts.rowHeight;
  if (top < opts.scrollTop) return top;
  if (bottom + header > opts.scrollTop + opts.viewportHeight) return Math.max(0, bottom + header - opts.viewportHeight);
  return null;
}

/** The row index after a navigation key, clamped to the list; null for keys that do not move. */
export function nextRowIndex(key: string, current: number, count: number, pageSize: number): number | null {
  if (count === 0) return null;
  const clamp = (n: number) => Math.min(count - 1, Math.max(0, n));
  switch (key) {
    case 'ArrowDown':
      return clamp(current + 1);
    case 'ArrowUp':
      return clamp(current - 1);
    case 'PageDown':
      return clamp(current + pageSize);
    case 'PageUp':
      return clamp(current - pageSize);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
