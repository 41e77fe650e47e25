// The chronology page's highlights: patterns worked out in the browser from the live entries (the
// domain's engine, a short while after the entries stop changing), the reviews of them (loaded, then
// live: live-reviews.ts) and the one selected, which the timeline and table show.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DEFAULT_PAST_AFTER_DAYS, epochDay, formatChronoDate, groupEpisodes, resolveConfig, type Agency, type EpisodeContext, type EpisodeView, type FamilyInput, type Highlight, type PatternAction, type PatternConfig } from '@mac/domain';
import type { ReviewState, TimelineHighlight } from '@mac/ui';
import { ApiError, type Api, type ChronologyDetail } from '../../api.js';
import { computeHighlights } from '../../patterns.js';
import type { LiveChronology } from '../../sync/live-chronology.js';
import { errorText } from '../page-support.js';
import { LiveReviews } from './live-reviews.js';

type ReviewedHighlight = Highlight & ReviewState;

const PATTERN_DELAY_MS = 300;

/** What the highlights read from the page and tell it. */
export interface HighlightsPage {
  api(): Api;
  live(): LiveChronology | null;
  agencies(): readonly Agency[];
  announce(message: string): void;
}

export type ReviewEvent = CustomEvent<{ id: string; status: 'reviewed' | 'dismissed'; note: string; respond: (error: string | null) => void }>;

export class ChronologyHighlights implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly page: HighlightsPage;
  highlights: ReviewedHighlight[] = [];
  /** The highlights grouped into episodes (@mac/domain groupEpisodes), after their reviews are applied. */
  episodes: EpisodeView[] = [];
  private context: EpisodeContext | null = null;
  /** Why no highlights can be shown, when the engine could not run. */
  unavailable: string | null = null;
  selectedId: string | null = null;
  /** The selected highlight as the timeline and table mark it; a new object only when the selection changes. */
  forTimeline: TimelineHighlight | null = null;
  private chronology: ChronologyDetail | null = null;
  private config: unknown = null;
  private reviews: LiveReviews | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The chronology's actions, as the Actions section last loaded them (for `action-overdue`). */
  private actions: readonly PatternAction[] = [];
  /** The family around the child as the server lets this user see it (loaded when the chronology opens). */
  private family: FamilyInput | undefined = undefined;

  constructor(host: ReactiveControllerHost, page: HighlightsPage) {
    this.host = host;
    this.page = page;
    host.addController(this);
  }

  hostUpdate(): void {
    const h = this.selectedId ? this.highlights.find((x) => x.id === this.selectedId) : undefined;
    if (!h) this.forTimeline = null;
    else if (this.forTimeline?.id !== h.id) this.forTimeline = { id: h.id, entryIds: new Set(h.entryIds), from: epochDay(h.window.from), to: epochDay(h.window.to) };
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** A chronology has opened: fetch the rule settings and the reviews, and follow reviews live. */
  start(chronology: ChronologyDetail): void {
    this.stop();
    this.chronology = chronology;
    const api = this.page.api();
    api
      .patternConfig()
      .then((r) => {
        this.config = r.config;
        this.schedule();
      })
      .catch(() => undefined);
    // Siblings' histories change elsewhere: read once per opening, like the rule settings.
    this.family = undefined;
    api
      .patternFamily(chronology.id)
      .then((family) => {
        if (this.chronology?.id !== chronology.id) return;
        this.family = family;
        this.schedule();
      })
      .catch(() => undefined);
    const reviews = new LiveReviews({
      eventsPath: api.reviewEventsPath(chronology.id),
      lookup: () => {
        const live = this.page.live();
        if (!live?.loaded()) return null;
        const entries = live.entries();
        return (id) => entries.get(id);
      },
      changed: () => this.schedule(),
    });
    this.reviews = reviews;
    reviews.start();
    api
      .reviews(chronology.id)
      .then((r) => reviews.learn(r.reviews))
      .catch(() => undefined);
  }

  /** The chronology has closed (or access ended): nothing of it stays. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.reviews?.destroy();
    this.reviews = null;
    this.chronology = null;
  }

  /** An entry shown with an episode (its strengths): "3 Oct 2026, Northway Primary School: Attending every day". */
  entryLabel = (id: string): string | null => {
    const e = this.page.live()?.entries().get(id);
    if (!e) return null;
    const agency = this.page.agencies().find((a) => a.slug === e.agency)?.name ?? e.agency;
    return `${formatChronoDate(e.date)}, ${agency}: ${e.summary}`;
  };

  /** Episodes again, from the highlights as reviewed now (a review can make an old episode past). */
  private regroup(): void {
    if (this.context === null) {
      this.episodes = [];
      return;
    }
    let pastAfterDays = DEFAULT_PAST_AFTER_DAYS;
    try {
      pastAfterDays = resolveConfig((this.config ?? null) as PatternConfig | null).episodes.pastAfterDays;
    } catch {
      // An invalid configuration already made the engine refuse to run; keep the default here.
    }
    this.episodes = groupEpisodes(this.highlights, this.context, { pastAfterDays });
  }

  clear(): void {
    this.stop();
    this.highlights = [];
    this.episodes = [];
    this.context = null;
    this.host.requestUpdate();
  }

  select(id: string | null): void {
    this.selectedId = id;
    this.host.requestUpdate();
  }

  has(id: string): boolean {
    return this.highlights.some((h) => h.id === id);
  }

  /** The Actions section loaded the chronology's actions (after any change): overdue ones become highlights. */
  setActions(actions: readonly PatternAction[]): void {
    this.actions = actions;
    this.schedule();
  }

  /** The entries changed: work the highlights out again once they settle. */
  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const live = this.page.live();
      const chronology = this.chronology;
      if (!live || !chronology) return;
      const started = performance.now();
      const result = computeHighlights(live.entries().values(), chronology.child.dateOfBirth, this.config, this.page.agencies(), this.actions, this.family);
      const entries = live.entries();
      const lookup = (id: string) => entries.get(id);
      this.reviews?.loaded();
      this.highlights = this.reviews
        ? this.reviews.book.apply(result.highlights, lookup)
        : result.highlights.map((h) => ({ ...h, review: null, reopened: false, reviewHistory: [], sinceReview: null }));
      this.unavailable = result.unavailable;
      this.context = result.context;
      this.regroup();
      performance.measure('mac:patterns', { start: started, end: performance.now() });
      if (this.selectedId && !result.highlights.some((h) => h.id === this.selectedId)) this.selectedId = null;
      this.host.requestUpdate();
    }, PATTERN_DELAY_MS);
  }

  /** A review saved from the patterns panel (<mac-patterns> waits for `respond`). */
  review = async (event: ReviewEvent) => {
    const { id, status, note, respond } = event.detail;
    const chronology = this.chronology;
    if (!chronology) return;
    try {
      const reviewed = await this.page.api().reviewHighlight(chronology.id, id, status, note);
      const entries = this.page.live()?.entries();
      this.reviews?.learn([reviewed.record]);
      if (this.reviews) this.highlights = this.reviews.book.apply(this.highlights, (e: string) => entries?.get(e));
      this.regroup();
      this.host.requestUpdate();
      this.page.announce(status === 'dismissed' ? 'The pattern has been dismissed. It stays in the list, marked dismissed.' : 'Your review has been saved.');
      respond(null);
    } catch (err) {
      respond(err instanceof ApiError && err.fields[0] ? err.fields[0].message : errorText(err, 'That pattern is not present any more: the entries behind it have changed.'));
    }
  };
}
