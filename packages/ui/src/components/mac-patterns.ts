// The patterns panel: highlights the rule engine found in the entries this user can see, most
// severe and most recent first. Each says what it found, over which window, from which agencies,
// and under which thresholds, so a reader can check it against the timeline rather than trust it.
// Reviews show on each card (who, when, their note); reviewed and dismissed highlights stay in the
// list. A review stays with its highlight as entries join it: the card then says it reopened, why
// ("1 entry joined since"), and still shows the last review and the earlier ones. The lead and DSLs can
// review or dismiss a highlight here; the page saves it (event `mac-highlight-review`).
// Highlights are grouped into episodes (@mac/domain groupEpisodes): one card per episode, opening with a
// plain sentence, with the rules that fired as its reasons inside it and the strengths recorded in its
// window beside them; past episodes (reviewed or acted on long ago) are collapsed as history, drawn only
// when opened. Long lists are drawn 25 at a time (model/list-window.ts), with "Show 25 more".
// One module of some 400 lines (its styles in patterns-styles.ts): the panel is one list of cards and one
// review form per card, both bound to the same state (which card is open, what is being reviewed); its
// model is model/highlight-*.ts.
import { LitElement, html, nothing } from 'lit';
import {
  describeSinceReview,
  formatChronoDate,
  thresholdWords,
  type CycleFacts,
  type SiblingFacts,
  type EpisodeView,
  type ExpectedEventFacts,
  type ReviewHistoryItem,
  type SinceReview,
  plural,
  pluralWord,
} from '@mac/domain';
import { tokens } from '../styles/tokens.js';
import { base } from '../styles/base.js';
import { forms } from '../styles/forms.js';
import { orderHighlights } from '../model/highlight-order.js';
import { reviewNoteError, type HighlightReview } from '../model/highlight-reviews.js';
import { errorSummary, focusErrorSummary } from './error-summary.js';
import { formatInstant } from './history.js';
import { cyclesList, expectedLine, siblingLine } from './screening-marks.js';
import { patternsStyles } from './patterns-styles.js';
import { LIST_PAGE, moreOf, shownToInclude } from '../model/list-window.js';

export interface HighlightLike {
  readonly id: string;
  readonly ruleId: string;
  readonly severity: 'medium' | 'high';
  readonly title: string;
  readonly explanation: string;
  readonly entryIds: readonly string[];
  readonly agencies: readonly string[];
  readonly window: { readonly from: string; readonly to: string };
  readonly thresholds: Readonly<Record<string, number>>;
  readonly coarseEntryIds?: readonly string[];
  readonly review?: HighlightReview | null;
  /** The entries changed after the last review, which therefore no longer covers it. */
  readonly reopened?: boolean;
  /** Every review of the highlight, oldest first, kept as its window and id change. */
  readonly reviewHistory?: readonly ReviewHistoryItem[];
  /** How the highlight differs from what its last review covered. */
  readonly sinceReview?: SinceReview | null;
  /** Expected-event checks: the deadline and whether the expected entry is due, overdue or late. */
  readonly expected?: ExpectedEventFacts;
  /** closed-then-re-referred: the cycles. */
  readonly cycles?: readonly CycleFacts[];
  /** sibling-previously-on-plan: the linked sibling and the entries of theirs it rests on. */
  readonly sibling?: SiblingFacts;
}

type ReviewStatus = 'reviewed' | 'dismissed';


function windowText(h: HighlightLike): string {
  return h.window.from === h.window.to ? formatChronoDate(h.window.from) : `${formatChronoDate(h.window.from)} to ${formatChronoDate(h.window.to)}`;
}

export class MacPatterns extends LitElement {
  static override properties = {
    highlights: { attribute: false },
    episodes: { attribute: false },
    entryLabel: { attribute: false },
    selectedId: { attribute: false },
    agencyName: { attribute: false },
    unavailable: { attribute: false },
    canReview: { type: Boolean },
    canRaiseAction: { type: Boolean },
    reviewingId: { state: true },
    reviewStatus: { state: true },
    reviewNote: { state: true },
    reviewError: { state: true },
    reviewBusy: { state: true },
    historyOpen: { state: true },
    shown: { state: true },
  };

  declare highlights: readonly HighlightLike[];
  /** The highlights grouped into episodes; when empty, the highlights are listed one by one. */
  declare episodes: readonly EpisodeView[];
  /** Words for an entry shown with an episode (a strength): "3 Oct 2026, Northway Primary: …"; null when not known. */
  declare entryLabel: (id: string) => string | null;
  declare selectedId: string | null;
  declare agencyName: (slug: string) => string;
  /** Why patterns cannot be shown, or null. */
  declare unavailable: string | null;
  /** The lead or a DSL: may review or dismiss. */
  declare canReview: boolean;
  /** A member who may raise an action from a highlight (event `mac-raise-action`, issue 15). */
  declare canRaiseAction: boolean;
  declare private reviewingId: string | null;
  declare private reviewStatus: ReviewStatus | '';
  declare private reviewNote: string;
  declare private reviewError: { field: 'status' | 'note'; message: string } | null;
  declare private reviewBusy: boolean;
  /** Whether the history of past episodes is open (its episodes are drawn only then). */
  declare private historyOpen: boolean;
  /**
   * How many items of each long list are drawn (LIST_PAGE unless the reader asked for more), by the list's
   * key: 'current' (the highlights, or the current episodes), 'past' (the open history's episodes),
   * `episode:<id>` (an episode's reasons).
   */
  declare private shown: ReadonlyMap<string, number>;

  constructor() {
    super();
    this.highlights = [];
    this.episodes = [];
    this.entryLabel = () => null;
    this.selectedId = null;
    this.agencyName = (s) => s;
    this.unavailable = null;
    this.canReview = false;
    this.canRaiseAction = false;
    this.reviewingId = null;
    this.reviewStatus = '';
    this.reviewNote = '';
    this.reviewError = null;
    this.reviewBusy = false;
    this.historyOpen = false;
    this.shown = new Map();
  }

  static override styles = [tokens, base, forms, patternsStyles];

  private async openReview(h: HighlightLike) {
    this.reviewingId = h.id;
    this.reviewStatus = '';
    this.reviewNote = '';
    this.reviewError = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#review-status')?.focus();
  }

  private async submitReview(event: Event, h: HighlightLike) {
    event.preventDefault();
    const problem = reviewNoteError(this.reviewStatus, this.reviewNote);
    const fail = async (error: { field: 'status' | 'note'; message: string }) => {
      this.reviewError = error;
      await this.updateComplete;
      focusErrorSummary(this.renderRoot as ShadowRoot);
    };
    if (problem) return fail(problem);
    this.reviewBusy = true;
    const status = this.reviewStatus as ReviewStatus;
    // The page saves it and answers with an error message, or null when it is saved.
    const error = await new Promise<string | null>((respond) =>
      this.dispatchEvent(new CustomEvent('mac-highlight-review', { detail: { id: h.id, status, note: this.reviewNote.trim(), respond }, bubbles: true, composed: true })),
    );
    this.reviewBusy = false;
    if (error) return fail({ field: 'note', message: error });
    this.reviewingId = null;
    this.reviewError = null;
    await this.updateComplete;
    // A review can complete an old episode, which then moves into the history, or move a card beyond the
    // items drawn: draw it there (opening the history), so the card and the focus stay with the reviewer.
    this.reveal(h.id);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-highlight="${CSS.escape(h.id)}"] [data-review]`)?.focus();
  }

  private reviewState(h: HighlightLike) {
    const history = h.reviewHistory ?? [];
    const last = history.at(-1) ?? h.review ?? null;
    const earlier = history.slice(0, -1);
    if (h.reopened) {
      const why = h.sinceReview ? describeSinceReview(h.sinceReview) : '';
      return html`<div class="review" data-review="reopened" tabindex="-1">
        <p data-reopened-why>
          <strong class="tag tag--orange">Reopened</strong>
          ${why ? `${why.charAt(0).toUpperCase()}${why.slice(1)} the last review: it needs reviewing again.` : 'Entries have changed since this pattern was reviewed: it needs reviewing again.'}
        </p>
        ${last ? this.reviewItem(last, 'Last review') : nothing} ${this.earlierReviews(earlier)}
      </div>`;
    }
    if (!last) return html`<p class="body-s secondary" data-review="none" tabindex="-1">Not reviewed yet.</p>`;
    return html`<div class="review" data-review=${last.status} tabindex="-1">${this.reviewItem(last, null)} ${this.earlierReviews(earlier)}</div>`;
  }

  private reviewItem(r: { status: 'reviewed' | 'dismissed'; note: string; byName: string; at: string }, label: string | null) {
    return html`<div class="review-item" data-review-item>
      <p>
        ${label ? html`<span class="secondary">${label}:</span>` : nothing}
        <strong class="tag ${r.status === 'dismissed' ? 'tag--grey' : 'tag--green'}">${r.status === 'dismissed' ? 'Dismissed' : 'Reviewed'}</strong>
        by ${r.byName}, <time datetime=${r.at}>${formatInstant(r.at)}</time>
      </p>
      <p class="note">${r.note}</p>
    </div>`;
  }

  private earlierReviews(earlier: readonly ReviewHistoryItem[]) {
    if (earlier.length === 0) return nothing;
    // Newest first inside: the one just before the last is what a reader wants next.
    return html`<details class="review-history" data-review-history>
      <summary>Earlier reviews (${earlier.length})</summary>
      <ol class="review-history__list">
        ${[...earlier].reverse().map((r) => html`<li>${this.reviewItem(r, null)}</li>`)}
      </ol>
    </details>`;
  }

  private reviewForm(h: HighlightLike) {
    const error = this.reviewError;
    const statusError = error?.field === 'status' ? error.message : null;
    const noteError = error?.field === 'note' ? error.message : null;
    const radio = (value: ReviewStatus, label: string, id: string) => html`<div class="choice">
      <input class="choice__input" id=${id} name="review-status" type="radio" value=${value} .checked=${this.reviewStatus === value} @change=${() => (this.reviewStatus = value)} />
      <label class="choice__label" for=${id}>${label}</label>
    </div>`;
    return html`<div class="review-form">
      ${errorSummary(error ? [{ target: error.field === 'status' ? 'review-status' : 'review-note', message: error.message }] : [], this.renderRoot as ShadowRoot)}
      <form novalidate @submit=${(e: Event) => this.submitReview(e, h)} data-review-form>
        <div class="form-group ${statusError ? 'form-group--error' : ''}">
          <fieldset aria-describedby=${statusError ? 'review-status-error' : nothing}>
            <legend class="legend">What have you decided?<span class="visually-hidden"> About: ${h.title}</span></legend>
            ${statusError ? html`<p class="error-message" id="review-status-error"><span class="visually-hidden">Error:</span> ${statusError}</p>` : nothing}
            <div class="choices choices--small">
              ${radio('reviewed', 'Reviewed: the pattern has been considered', 'review-status')}
              ${radio('dismissed', 'Dismissed: it is not a concern', 'review-status-dismissed')}
            </div>
          </fieldset>
        </div>
        <div class="form-group ${noteError ? 'form-group--error' : ''}">
          <label class="label" for="review-note">${this.reviewStatus === 'dismissed' ? 'Why are you dismissing it?' : 'Note'}</label>
          <div class="hint" id="review-note-hint">Everyone who can see this chronology will see your note, your name and when you wrote it.</div>
          ${noteError ? html`<p class="error-message" id="review-note-error"><span class="visually-hidden">Error:</span> ${noteError}</p>` : nothing}
          <textarea
            class="textarea ${noteError ? 'textarea--error' : ''}"
            id="review-note"
            rows="3"
            .value=${this.reviewNote}
            aria-describedby="review-note-hint${noteError ? ' review-note-error' : ''}"
            @input=${(e: Event) => (this.reviewNote = (e.target as HTMLTextAreaElement).value)}
          ></textarea>
        </div>
        <div class="actions">
          <button type="submit" class="button button--small" ?disabled=${this.reviewBusy}>Save review</button>
          <button type="button" class="link-button" @click=${() => (this.reviewingId = null)}>Cancel</button>
        </div>
      </form>
    </div>`;
  }

  private choose(h: HighlightLike) {
    const id = this.selectedId === h.id ? null : h.id;
    this.dispatchEvent(new CustomEvent('mac-highlight-select', { detail: { id }, bubbles: true, composed: true }));
  }

  /** One highlight, as a reason inside its episode (h4) or on its own (h3). */
  private card(h: HighlightLike, level: 'h3' | 'h4') {
    const selected = h.id === this.selectedId;
    const dismissed = h.review?.status === 'dismissed';
    const heading = html`<span class="tag severity ${h.severity === 'high' ? 'tag--red' : 'tag--orange'}">${h.severity === 'high' ? 'High' : 'Medium'}</span>
      ${h.title}`;
    const threshold = thresholdWords(h.ruleId, h.thresholds);
    return html`<li class="card ${h.severity === 'high' ? 'card--high' : ''} ${dismissed ? 'card--dismissed' : ''} ${selected ? 'card--selected' : ''}" data-highlight=${h.id}>
      ${level === 'h3' ? html`<h3>${heading}</h3>` : html`<h4>${heading}</h4>`}
      <p class="meta">
        ${windowText(h)} · ${plural(h.entryIds.length, 'entry', 'entries')} ·
        ${h.agencies.map((a) => this.agencyName(a)).join(', ')}
      </p>
      <p class="explanation">${h.explanation}</p>
      ${expectedLine(h.expected)} ${cyclesList(h.cycles)} ${siblingLine(h.sibling)}
      ${h.coarseEntryIds && h.coarseEntryIds.length > 0
        ? html`<p class="body-s">
            ${h.coarseEntryIds.length} of these entries ${pluralWord(h.coarseEntryIds.length, 'has', 'have')} an approximate or partial date: check
            ${pluralWord(h.coarseEntryIds.length, 'it', 'them')}.
          </p>`
        : nothing}
      ${threshold ? html`<p class="body-s" data-threshold><strong>Threshold:</strong> ${threshold}.</p>` : nothing}
      ${this.reviewState(h)}
      <div class="actions">
        <button type="button" class="button button--secondary button--small" aria-pressed=${selected ? 'true' : 'false'} @click=${() => this.choose(h)}>
          ${selected ? 'Shown on the timeline' : 'Show on the timeline'}<span class="visually-hidden">: ${h.title}</span>
        </button>
        ${this.canReview && this.reviewingId !== h.id
          ? html`<button type="button" class="button button--secondary button--small" data-action="review" @click=${() => this.openReview(h)}>
              ${h.review && !h.reopened ? 'Review again' : 'Review or dismiss'}<span class="visually-hidden">: ${h.title}</span>
            </button>`
          : nothing}
        ${this.canRaiseAction
          ? html`<button
              type="button"
              class="button button--secondary button--small"
              data-action="raise-action"
              @click=${() =>
                this.dispatchEvent(
                  new CustomEvent('mac-raise-action', { detail: { source: 'highlight', sourceRef: h.id, entryIds: [...h.entryIds], label: h.title }, bubbles: true, composed: true }),
                )}
            >
              Raise an action<span class="visually-hidden">: ${h.title}</span>
            </button>`
          : nothing}
      </div>
      ${this.reviewingId === h.id ? this.reviewForm(h) : nothing}
    </li>`;
  }

  /** One episode: its sentence, its reasons (the highlights), and the strengths recorded in its window. */
  private episodeCard(e: EpisodeView, byId: ReadonlyMap<string, HighlightLike>) {
    const reasons = e.highlightIds.map((id) => byId.get(id)).filter((h): h is HighlightLike => h !== undefined);
    const headingId = `episode-${e.id.replace(/[^a-zA-Z0-9-]/g, '-')}`;
    return html`<li class="episode ${e.severity === 'high' ? 'episode--high' : ''} ${e.status === 'past' ? 'episode--past' : ''}" data-episode=${e.id} data-status=${e.status} aria-labelledby=${headingId}>
      <h3 id=${headingId}>
        <span class="tag severity ${e.severity === 'high' ? 'tag--red' : 'tag--orange'}">${e.severity === 'high' ? 'High' : 'Medium'}</span>
        ${e.title}
      </h3>
      <p class="summary" data-summary>${e.summary}</p>
      <p class="meta">${e.agencies.map((a) => this.agencyName(a)).join(', ')}</p>
      ${e.pastBecause ? html`<p class="body-s secondary">${e.pastBecause}</p>` : nothing}
      ${e.strengthEntryIds.length > 0
        ? html`<h4 class="strengths-title">Strengths recorded in this period</h4>
            <ul class="strengths" data-strengths>
              ${e.strengthEntryIds.map((id) => html`<li>${this.entryLabel(id) ?? 'A strength or positive change'}</li>`)}
            </ul>`
        : nothing}
      <h4 class="reasons-title">${pluralWord(reasons.length, 'Why: the pattern found', `Why: the ${reasons.length} patterns found`)}</h4>
      <ol data-list=${`episode:${e.id}`}>
        ${reasons.slice(0, this.shownOf(`episode:${e.id}`)).map((h) => this.card(h, 'h4'))}
      </ol>
      ${this.more(reasons.length, `episode:${e.id}`, 'patterns in this episode')}
    </li>`;
  }

  /** The highlights in order, and the episodes they are grouped into when every one is known. */
  private layout() {
    const list = orderHighlights(this.highlights);
    const byId = new Map(list.map((h) => [h.id, h]));
    const grouped = this.episodes.length > 0 && this.episodes.every((e) => e.highlightIds.every((id) => byId.has(id)));
    const current = grouped ? this.episodes.filter((e) => e.status === 'current') : [];
    const past = grouped ? this.episodes.filter((e) => e.status === 'past') : [];
    return { list, byId, grouped, current, past };
  }

  private shownOf(key: string): number {
    return this.shown.get(key) ?? LIST_PAGE;
  }

  private showAtLeast(key: string, index: number) {
    const n = shownToInclude(this.shownOf(key), index);
    if (n !== this.shownOf(key)) this.shown = new Map(this.shown).set(key, n);
  }

  /** Draws the highlight's card: enough of its lists, and the history opened if it is there. */
  private reveal(id: string) {
    const { list, grouped, current, past } = this.layout();
    if (!grouped) {
      const index = list.findIndex((h) => h.id === id);
      if (index >= 0) this.showAtLeast('current', index);
      return;
    }
    for (const [key, episodes] of [['current', current], ['past', past]] as const) {
      const index = episodes.findIndex((e) => e.highlightIds.includes(id));
      if (index < 0) continue;
      this.showAtLeast(key, index);
      const episode = episodes[index]!;
      this.showAtLeast(`episode:${episode.id}`, episode.highlightIds.indexOf(id));
      if (key === 'past') this.historyOpen = true;
      return;
    }
  }

  /**
   * The "show more" control under a long list. Focus moves to the first item it adds (its heading), so a
   * keyboard or screen reader user goes on reading where the list went on.
   */
  private more(total: number, key: string, noun: string) {
    const more = moreOf(total, this.shownOf(key));
    if (more === null) return nothing;
    const showMore = async () => {
      this.shown = new Map(this.shown).set(key, more.next);
      await this.updateComplete;
      const heading = this.renderRoot.querySelector<HTMLElement>(`ol[data-list="${CSS.escape(key)}"] > li:nth-child(${more.shown + 1}) :is(h3, h4)`);
      heading?.setAttribute('tabindex', '-1');
      heading?.focus();
    };
    return html`<div class="more" data-more=${key}>
      <p class="body-s secondary">Showing ${more.shown} of ${total} ${noun}.</p>
      <button type="button" class="button button--secondary button--small" @click=${showMore}>Show ${more.adds} more<span class="visually-hidden"> ${noun}</span></button>
    </div>`;
  }

  override render() {
    const { list, byId, grouped, current, past } = this.layout();
    const open = list.filter((h) => !h.review).length;
    return html`<section aria-labelledby="patterns-title" data-patterns>
      <h2 class="heading-m" id="patterns-title">
        Patterns <span class="secondary">(${list.length}${list.length > 0 ? `, ${open} not reviewed` : ''}${grouped ? `, in ${plural(this.episodes.length, 'episode')}` : ''})</span>
      </h2>
      <p class="body-s secondary">
        Prompts for professional judgement, worked out from the entries you can see and updated as they change. They are not conclusions.
      </p>
      ${this.unavailable
        ? html`<p class="inset">${this.unavailable}</p>`
        : list.length === 0
          ? html`<p class="inset">No patterns found in the entries you can see.</p>`
          : grouped
            ? html`${current.length > 0
                  ? html`<ol data-episodes="current" data-list="current">
                        ${current.slice(0, this.shownOf('current')).map((e) => this.episodeCard(e, byId))}
                      </ol>
                      ${this.more(current.length, 'current', 'current episodes')}`
                  : html`<p class="inset">No current episodes: every episode below ended long ago and was reviewed or acted on.</p>`}
                ${past.length > 0
                  ? html`<details class="history" data-history ?open=${this.historyOpen} @toggle=${(e: Event) => (this.historyOpen = (e.target as HTMLDetailsElement).open)}>
                      <summary>History: ${plural(past.length, 'earlier episode')}, reviewed or followed by a plan</summary>
                      ${this.historyOpen
                        ? html`<ol data-episodes="past" data-list="past">
                              ${past.slice(0, this.shownOf('past')).map((e) => this.episodeCard(e, byId))}
                            </ol>
                            ${this.more(past.length, 'past', 'earlier episodes')}`
                        : nothing}
                    </details>`
                  : nothing}`
            : html`<ol data-list="current">
                  ${list.slice(0, this.shownOf('current')).map((h) => this.card(h, 'h3'))}
                </ol>
                ${this.more(list.length, 'current', 'patterns')}`}
    </section>`;
  }
}
