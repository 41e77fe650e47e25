// Paging the caseload through the server (GET /api/chronologies?q&limit&after): which page is shown, how
// to get back to the one before it, what the count says, and which answer may still be shown. Kept apart
// from the page's DOM so it can be tested on its own (caseload-paging.test.ts).
import { plural } from '@mac/domain';

/** How many chronologies a page of the caseload shows (the server's default too). */
export const CASELOAD_PAGE_SIZE = 50;

/** One page shown: the cursor it was asked with (null: the first), and how many rows came before it. */
export interface PageMark {
  readonly after: string | null;
  readonly start: number;
}

/**
 * The pages walked through to reach the one shown, the first page first and the shown one last. The
 * server's cursors only go forward, so "Previous" is the cursor kept from the way here. Where a page
 * starts is counted from the rows the pages before it really had, not from the page size: a page the
 * server answered shorter (or a test asked smaller) still numbers the next one right.
 */
export type Trail = readonly PageMark[];

export const FIRST_PAGE: Trail = [{ after: null, start: 0 }];

export function currentPage(trail: Trail): PageMark {
  return trail[trail.length - 1] ?? FIRST_PAGE[0]!;
}

/** The trail once "Next" is followed from a page of `rows` rows that answered `next`. */
export function forward(trail: Trail, next: string, rows: number): Trail {
  return [...trail, { after: next, start: currentPage(trail).start + rows }];
}

/** The trail once "Previous" is followed (the first page stays the first page). */
export function back(trail: Trail): Trail {
  return trail.length > 1 ? trail.slice(0, -1) : trail;
}

/**
 * What the result count says: "3 chronologies" when one page holds them all, "Showing 51 to 100 of 5,008
 * chronologies" when there are more; "found" after either when a search chose them, and "No chronologies
 * found" for a search that found none.
 */
export function countText(start: number, rows: number, total: number, searched: boolean): string {
  const found = searched ? ' found' : '';
  if (searched && total === 0) return 'No chronologies found';
  if ((start === 0 && rows >= total) || rows === 0) return `${plural(total, 'chronology', 'chronologies')}${found}`;
  return `Showing ${grouped(start + 1)} to ${grouped(start + rows)} of ${plural(total, 'chronology', 'chronologies')}${found}`;
}

const grouped = (n: number) => n.toLocaleString('en-GB');

/**
 * Numbers each question asked of the server so that only the answer to the newest is shown: a search
 * typed on while an earlier one is still on its way, or a page followed while a recount is out, must
 * never be replaced by the older answer arriving last.
 */
export class Latest {
  private asked = 0;

  /** A new question: its ticket. Every ticket handed out before it is stale from now on. */
  begin(): number {
    this.asked += 1;
    return this.asked;
  }

  isCurrent(ticket: number): boolean {
    return ticket === this.asked;
  }
}

/**
 * Runs `run` once typing has paused for `ms` (the search box asks the server then, not on every key);
 * `now` runs it at once (Enter, the Search button) and forgets the one waiting.
 */
export class Debounced<T> {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly ms: number,
    private readonly run: (value: T) => void,
  ) {}

  later(value: T): void {
    this.cancel();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.run(value);
    }, this.ms);
  }

  now(value: T): void {
    this.cancel();
    this.run(value);
  }

  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
