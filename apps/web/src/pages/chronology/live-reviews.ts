// The reviews of highlights on a chronology page: what the server says on load (GET /patterns/reviews,
// the reviews without the highlights), then every review anyone saves, live, over the review event stream
// (GET /patterns/events, apps/server services/review-events.ts). They are applied to the highlights
// the page works out live with @mac/ui's ReviewBook, so a review stays with a highlight as entries join
// it. A review learnt before the live document has loaded waits: what its entries looked like is only
// known once they are there.
import type { Entry } from '@mac/domain';
import { ReviewBook, type ServerReviewRecord } from '@mac/ui';

export interface LiveReviewsOptions {
  /** Where the event stream is (api.reviewEventsPath). */
  eventsPath: string;
  /** The entries as the live document has them, or null until it has loaded. */
  lookup: () => ((id: string) => Entry | undefined) | null;
  /** Something new was learnt: work the highlights out again. */
  changed: () => void;
  /** Makes the event source; tests and browsers without EventSource pass their own or null. */
  openEvents?: ((path: string) => EventSource) | null;
}

export class LiveReviews {
  readonly book = new ReviewBook();
  private readonly options: LiveReviewsOptions;
  private pending: ServerReviewRecord[] = [];
  private events: EventSource | null = null;
  private destroyed = false;

  constructor(options: LiveReviewsOptions) {
    this.options = options;
  }

  /** Opens the stream. Its first event carries every review so far, so a reconnect misses none. */
  start(): void {
    const open = this.options.openEvents === undefined ? (path: string) => new EventSource(path) : this.options.openEvents;
    if (!open || this.destroyed) return;
    const events = open(this.options.eventsPath);
    this.events = events;
    events.addEventListener('ready', (e) => this.learn(parse<{ reviews: ServerReviewRecord[] }>(e)?.reviews ?? []));
    events.addEventListener('review', (e) => {
      const record = parse<ServerReviewRecord>(e);
      if (record) this.learn([record]);
    });
    // The server ends the stream when the session or the access ends: do not reconnect into a 401.
    events.addEventListener('end', () => events.close());
  }

  /** Reviews from any source: the load, the stream, the answer to one's own review. */
  learn(records: readonly ServerReviewRecord[]): void {
    if (this.destroyed || records.length === 0) return;
    const lookup = this.options.lookup();
    if (!lookup) {
      this.pending.push(...records);
      return;
    }
    const waiting = this.pending;
    this.pending = [];
    if (this.book.add([...waiting, ...records], lookup) > 0) this.options.changed();
  }

  /** The live document has (re)loaded: take in what waited for it. */
  loaded(): void {
    const lookup = this.options.lookup();
    if (!lookup || this.pending.length === 0) return;
    const waiting = this.pending;
    this.pending = [];
    if (this.book.add(waiting, lookup) > 0) this.options.changed();
  }

  destroy(): void {
    this.destroyed = true;
    this.events?.close();
    this.events = null;
    this.pending = [];
  }
}

function parse<T>(event: Event): T | null {
  try {
    return JSON.parse((event as MessageEvent<string>).data) as T;
  } catch {
    return null;
  }
}
