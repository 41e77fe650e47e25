// What a chronology page needs from the REST API before it can draw anything: the chronology (its child,
// members, permissions and document names) and the first page of its entries in timeline order. Asked
// for together, as soon as the app knows someone is signed in (mac-app.ts), while the page's chunk
// and the agencies are still loading; the page takes them when it starts (once: a page opened again
// asks again). The first page is drawn before the live documents have synced (issue 17: a 5,000-entry
// document takes the browser most of a second to apply, a 20,000-entry one several), and the live
// documents then take over (sync/live-chronology.ts).
import type { Api, ChronologyDetail, Entry } from '../api.js';

/** Entries in the first page: every entry of most chronologies (they average some 80), and the first screens of the table of the largest. */
export const FIRST_PAGE = 500;

export interface FirstPage {
  entries: Entry[];
  /** Every entry the reader may see is in `entries` (as the server held them when it answered). */
  complete: boolean;
}

export interface ChronologyOpening {
  readonly id: string;
  /** A page has taken it: any later page of this chronology asks afresh (what it holds may be stale). */
  taken: boolean;
  readonly detail: Promise<ChronologyDetail>;
  /** Null when the page could not be read: the page then waits for the live documents, as before. */
  readonly firstPage: Promise<FirstPage | null>;
}

export function openChronology(api: Api, id: string): ChronologyOpening {
  const detail = api.chronology(id);
  const firstPage = api
    .entriesPage(id, FIRST_PAGE)
    .then((page): FirstPage => ({ entries: page.entries, complete: page.next === undefined }))
    .catch(() => null);
  // Nobody may ever take this opening (the user moves on first): its failure is then nobody's to handle.
  detail.catch(() => undefined);
  return { id, detail, firstPage, taken: false };
}

/** The opening the app asked for, if it is for chronology `id` and no page has taken it yet; else a new one. */
export function takeOpening(api: Api, asked: ChronologyOpening | null, id: string): ChronologyOpening {
  if (asked && !asked.taken && asked.id === id) {
    asked.taken = true;
    return asked;
  }
  return openChronology(api, id);
}
