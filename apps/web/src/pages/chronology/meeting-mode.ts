// Meeting mode on the chronology page. The lead presents: what they show (filters, the timeline's
// range, the open entry, the selected pattern) goes out in their presence state. Anyone may follow a
// presenter: their page then shows the same, until they change the filters themselves or the presenter
// stops. Also publishes this page's own presence (what is viewed, edited or added), presenting or not.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { decodeFilters, encodeFilters, sameFilters, type Filters, type Presence } from '@mac/ui';
import type { LiveChronology } from '../../sync/live-chronology.js';
import type { Panel } from './entry-panel.js';

/** What meeting mode reads from the page and asks of it. */
export interface MeetingPage {
  live(): LiveChronology | null;
  presence(): Presence;
  filters(): Filters;
  panel(): Panel;
  selectedId(): string | null;
  highlightId(): string | null;
  hasHighlight(id: string): boolean;
  /** Filters set by the presenter (they do not stop the following). */
  setFilters(filters: Filters): void;
  showRange(from: number, to: number): void;
  /** Opens the entry's details without moving focus. */
  select(id: string): void;
  closeDetails(): void;
  selectHighlight(id: string | null): void;
  announce(message: string): void;
}

export class MeetingMode implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly page: MeetingPage;
  /** This page presents to the meeting (a lead only). */
  presenting = false;
  /** The user id of the presenter followed, if any. */
  following: string | null = null;
  /** The timeline's visible range, as a presenter shares it. */
  private range: { from: number; to: number } | null = null;

  constructor(host: ReactiveControllerHost, page: MeetingPage) {
    this.host = host;
    this.page = page;
    host.addController(this);
  }

  hostUpdated(): void {
    this.publish();
  }

  /** The person followed, while they are here. */
  presenter() {
    return this.following ? this.page.presence().people.find((p) => p.userId === this.following) : undefined;
  }

  follow(userId: string): void {
    this.following = userId;
    const person = this.page.presence().people.find((p) => p.userId === userId);
    this.page.announce(person ? `You are following ${person.name}.` : '');
    this.apply();
    this.host.requestUpdate();
  }

  stopFollowing(message = 'You stopped following.'): void {
    this.following = null;
    this.page.announce(message);
    this.host.requestUpdate();
  }

  togglePresenting(): void {
    this.presenting = !this.presenting;
    this.page.announce(
      this.presenting ? 'You are presenting. People who follow you see your filters, your view of the timeline and the entry you open.' : 'You have stopped presenting.',
    );
    this.host.requestUpdate();
  }

  /** The timeline's range changed: a presenter shares it at once. */
  rangeChanged(range: { from: number; to: number }): void {
    this.range = range;
    if (this.presenting) this.publish();
  }

  /** Presence changed: show what the presenter followed shows now. */
  apply(): void {
    if (!this.following) return;
    const presenter = this.presenter();
    const state = presenter?.presenting?.follow;
    if (!presenter || !state) {
      this.stopFollowing(`${presenter?.name ?? 'The presenter'} has stopped presenting, so you are no longer following.`);
      return;
    }
    const filters = decodeFilters(new URLSearchParams(state.filters));
    if (!sameFilters(filters, this.page.filters())) this.page.setFilters(filters);
    if (state.range) this.page.showRange(state.range.from, state.range.to);
    if (state.selected && this.page.live()?.entries().has(state.selected)) {
      if (this.page.selectedId() !== state.selected) this.page.select(state.selected);
    } else if (this.page.panel()?.kind === 'details') {
      this.page.closeDetails();
    }
    const highlight = state.highlight && this.page.hasHighlight(state.highlight) ? state.highlight : null;
    if (highlight !== this.page.highlightId()) this.page.selectHighlight(highlight);
  }

  /** This page's presence: what is open here and, while presenting, what followers should see. */
  publish(): void {
    const live = this.page.live();
    if (!live) return;
    const panel = this.page.panel();
    live.setPresence({
      viewing: panel?.kind === 'details' ? panel.id : null,
      editing: panel?.kind === 'amend' ? panel.id : null,
      adding: panel?.kind === 'create',
      follow: this.presenting
        ? {
            presenting: true,
            filters: encodeFilters(this.page.filters()).toString(),
            range: this.range,
            selected: panel?.kind === 'details' || panel?.kind === 'amend' ? panel.id : null,
            highlight: this.page.highlightId(),
          }
        : null,
    });
  }
}
