// The analysis of a chronology, the "so what?" (issue 15): the lead professional's summary of what the
// pattern means for the child, written live (every member sees it as it is typed, like the timeline), the
// summary the lead writes for the family, and each member agency's view beside it: agreeing, or taking a
// different view with its reasons. A change of view is a new record; earlier ones are kept.
//
// The summary is the chronology's analysis document (sync/live-analysis.ts); the family summary and the
// views are saved over REST. Only the lead may write the summaries (the server refuses anyone else);
// each person records only their own agency's view.
import { css, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { ANALYSIS_LIMITS, ANALYSIS_POSITION_LABELS, ANALYSIS_POSITIONS, type AnalysisPosition, type AnalysisView } from '@mac/domain';
import { characterCountState, errorSummary, focusErrorSummary, formatInstant, INITIAL_SAVE_STATE, pageStyles, statusView, type SaveState } from '@mac/ui';
import { ApiError, type AnalysisHistory, type ChronologyDetail } from '../api.js';
import { defineOnce } from '../app/lazy-pages.js';
import { LiveAnalysis } from '../sync/live-analysis.js';
import { syncUrl } from '../sync/live-chronology.js';
import { agencyViewsList } from './analysis/agency-views.js';
import { analysisHistory } from './analysis/analysis-history.js';
import { ChronologySubpage } from './chronology-subpage.js';
import { backToChronology, childName, errorText } from './page-support.js';

interface Problem {
  target: string;
  message: string;
}

export class MacAnalysisPage extends ChronologySubpage {
  static override properties = {
    analysis: { state: true },
    draft: { state: true },
    liveLoaded: { state: true },
    saveState: { state: true },
    liveProblem: { state: true },
    familyDraft: { state: true },
    position: { state: true },
    viewText: { state: true },
    problems: { state: true },
    done: { state: true },
    busy: { state: true },
    history: { state: true },
    historyError: { state: true },
  };

  declare private analysis: AnalysisView | null;
  /** The lead's summary as shown in the textarea: the live text, or more than the limit allows (not sent). */
  declare private draft: string;
  declare private liveLoaded: boolean;
  declare private saveState: SaveState;
  declare private liveProblem: string | null;
  declare private familyDraft: string;
  declare private position: AnalysisPosition | '';
  declare private viewText: string;
  declare private problems: Problem[];
  declare private done: string | null;
  declare private busy: boolean;
  /** Loaded when the reader opens "Earlier versions and views". */
  declare private history: AnalysisHistory | null;
  declare private historyError: string | null;

  protected override pageTitle = 'Analysis';
  private liveAnalysis: LiveAnalysis | null = null;

  constructor() {
    super();
    this.analysis = null;
    this.draft = '';
    this.liveLoaded = false;
    this.saveState = INITIAL_SAVE_STATE;
    this.liveProblem = null;
    this.familyDraft = '';
    this.position = '';
    this.viewText = '';
    this.problems = [];
    this.done = null;
    this.busy = false;
    this.history = null;
    this.historyError = null;
  }

  static override styles = [
    ...pageStyles,
    css`
      :host {
        display: block;
        max-width: 52rem;
      }
      .summary-text,
      .view__text {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .summary-text {
        border-left: 5px solid var(--mac-border, #b1b4b6);
        padding: 0.5rem 1rem;
        margin-bottom: 1rem;
      }
      .views {
        list-style: none;
        padding: 0;
        margin: 0 0 1.5rem;
      }
      .view {
        border-top: 1px solid var(--mac-border, #b1b4b6);
        padding-top: 0.75rem;
        margin-bottom: 0.75rem;
      }
      .view .tag {
        margin-left: 0.5rem;
        vertical-align: middle;
      }
      textarea.summary {
        min-height: 14rem;
      }
      .history {
        padding-left: 1.25rem;
      }
      .history li {
        margin-bottom: 0.75rem;
      }
    `,
  ];

  private agencyName = (slug: string): string => this.agencies.find((a) => a.slug === slug)?.name ?? slug;

  protected override async prepare(c: ChronologyDetail): Promise<void> {
    this.analysis = await this.api.analysis(c.id);
    this.familyDraft = this.analysis.familySummary;
    const mine = this.analysis.views.find((v) => v.agency === this.me.agency.slug);
    if (mine) {
      this.position = mine.position;
      this.viewText = mine.text;
    }
    this.openLive(c.id);
  }

  private openLive(chronologyId: string) {
    this.liveAnalysis?.destroy();
    this.liveAnalysis = new LiveAnalysis(syncUrl(window.location), chronologyId, {
      text: () => this.onLiveText(),
      state: (state) => (this.saveState = state),
      ended: (_why, reason) => (this.liveProblem = reason || 'The live summary is no longer available.'),
      refused: (message) => (this.liveProblem = message),
      unreachable: () => (this.liveProblem = 'The live summary cannot be reached. Check your connection; it will reconnect by itself.'),
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.liveAnalysis?.destroy();
    this.liveAnalysis = null;
  }

  private get overLimit(): boolean {
    return this.draft.length > ANALYSIS_LIMITS.text;
  }

  private onLiveText() {
    const liveAnalysis = this.liveAnalysis;
    if (!liveAnalysis) return;
    this.liveLoaded = liveAnalysis.loaded;
    if (this.overLimit || this.draft === liveAnalysis.text) return;
    // Someone else's change (another window of the lead, a save over the API): keep the caret where it was.
    const area = this.renderRoot.querySelector<HTMLTextAreaElement>('#summary');
    const focused = area !== null && this.shadowRoot?.activeElement === area;
    const selection = focused ? [area.selectionStart, area.selectionEnd] : null;
    this.draft = liveAnalysis.text;
    if (selection) void this.updateComplete.then(() => area!.setSelectionRange(selection[0]!, selection[1]!));
  }

  private onSummaryInput(event: Event) {
    this.draft = (event.target as HTMLTextAreaElement).value;
    // More than the limit is never sent (the server would refuse the whole change): it waits here until cut.
    if (!this.overLimit) this.liveAnalysis?.edit(this.draft);
  }

  private async announce(done: string | null, problems: Problem[]) {
    this.done = done;
    this.problems = problems;
    await this.updateComplete;
    if (problems.length > 0) focusErrorSummary(this.renderRoot as ShadowRoot);
    else this.renderRoot.querySelector<HTMLElement>('[data-done]')?.focus();
  }

  private async saveFamilySummary(event: Event) {
    event.preventDefault();
    const c = this.chronology!;
    if (this.familyDraft.length > ANALYSIS_LIMITS.familySummary) {
      return this.announce(null, [{ target: 'family-summary', message: `The summary for the family must be ${ANALYSIS_LIMITS.familySummary.toLocaleString('en-GB')} characters or fewer` }]);
    }
    this.busy = true;
    try {
      // The summary's text as it stands (the server settles the live text first), then the family's beside it.
      const fresh = await this.api.analysis(c.id);
      this.analysis = await this.api.saveAnalysis(c.id, { text: fresh.text, familySummary: this.familyDraft }, fresh.version);
      await this.announce('The summary for the family has been saved.', []);
    } catch (err) {
      const message = err instanceof ApiError && err.code === 'analysis_conflict' ? 'The summary changed while you were saving. Try again.' : err instanceof ApiError && err.fields[0] ? err.fields[0].message : errorText(err);
      await this.announce(null, [{ target: 'family-summary', message }]);
    } finally {
      this.busy = false;
    }
  }

  private async saveView(event: Event) {
    event.preventDefault();
    const c = this.chronology!;
    const agency = this.agencyName(this.me.agency.slug);
    const problems: Problem[] = [];
    if (this.position === '') problems.push({ target: 'view-position', message: `Select whether ${agency} agrees with the analysis or takes a different view` });
    if (this.position === 'differ' && this.viewText.trim() === '') problems.push({ target: 'view-text', message: `Give ${agency}’s reasons for taking a different view` });
    if (this.viewText.length > ANALYSIS_LIMITS.viewText) problems.push({ target: 'view-text', message: `Your agency’s view must be ${ANALYSIS_LIMITS.viewText.toLocaleString('en-GB')} characters or fewer` });
    if (problems.length > 0 || this.position === '') return this.announce(null, problems);
    this.busy = true;
    try {
      this.analysis = await this.api.saveAgencyView(c.id, this.me.agency.slug, { position: this.position, text: this.viewText });
      await this.announce(`${agency}’s view has been recorded. Earlier views stay on record.`, []);
    } catch (err) {
      const fields = err instanceof ApiError ? err.fields : [];
      await this.announce(
        null,
        fields.length > 0 ? fields.map((f) => ({ target: f.field === 'position' ? 'view-position' : 'view-text', message: f.message })) : [{ target: 'view-position', message: errorText(err) }],
      );
    } finally {
      this.busy = false;
    }
  }

  private problemFor(target: string): string | null {
    return this.problems.find((p) => p.target === target)?.message ?? null;
  }

  private errorMessage(target: string) {
    const message = this.problemFor(target);
    return message ? html`<p class="error-message" id="${target}-error"><span class="visually-hidden">Error:</span> ${message}</p>` : nothing;
  }

  private summarySection(c: ChronologyDetail) {
    const a = this.analysis;
    // The version as this page loaded it (a version is written a few seconds after typing stops).
    const written = a && a.updatedBy ? html`<p class="secondary body-s" data-updated>Version ${a.version}, by ${a.updatedBy}, ${formatInstant(a.updatedAt ?? '')}</p>` : nothing;
    if (!c.permissions.isLead) {
      const text = this.liveLoaded ? this.draft : (a?.text ?? '');
      return html`<h2 class="heading-m">The lead professional’s summary</h2>
        ${text.trim() === ''
          ? html`<p class="secondary" data-summary-empty>${c.lead.name}, the lead professional, has not written a summary yet.</p>`
          : html`<div class="summary-text" data-summary>${text}</div>`}
        ${written}`;
    }
    const count = characterCountState(this.draft, ANALYSIS_LIMITS.text);
    const status = statusView(this.saveState);
    return html`<h2 class="heading-m">The lead professional’s summary</h2>
      <div class="form-group ${this.overLimit ? 'form-group--error' : ''}">
        <label class="label" for="summary">What the pattern means for ${c.child.givenName}</label>
        <div class="hint" id="summary-hint">Saved as you type. Every member agency sees it as you write it, and can record whether it agrees.</div>
        ${this.overLimit ? html`<p class="error-message" id="summary-error"><span class="visually-hidden">Error:</span> ${count.message}: nothing more is saved until the summary is shorter</p>` : nothing}
        <textarea
          class="textarea summary ${this.overLimit ? 'textarea--error' : ''}"
          id="summary"
          name="summary"
          rows="12"
          ?disabled=${!this.liveLoaded}
          .value=${live(this.draft)}
          aria-describedby="summary-hint summary-count${this.overLimit ? ' summary-error' : ''}"
          @input=${this.onSummaryInput}
        ></textarea>
        <p id="summary-count" class="character-count__message ${count.over ? 'character-count__message--over' : ''}">${count.message}</p>
      </div>
      <p class="body-s" role="status" data-save-status>${this.liveLoaded ? status.title : 'Loading the summary…'}</p>
      ${this.liveProblem ? html`<p class="body-s" data-live-problem>${this.liveProblem}</p>` : nothing} ${written}`;
  }

  private familySection(c: ChronologyDetail) {
    const a = this.analysis;
    if (!c.permissions.isLead) {
      return html`<h2 class="heading-m">Summary for the family</h2>
        ${a && a.familySummary.trim() !== ''
          ? html`<div class="summary-text" data-family-summary>${a.familySummary}</div>`
          : html`<p class="secondary">No summary for the family has been written. The family version of the conference pack shows no analysis.</p>`}`;
    }
    const error = this.problemFor('family-summary');
    const count = characterCountState(this.familyDraft, ANALYSIS_LIMITS.familySummary);
    return html`<h2 class="heading-m">Summary for the family</h2>
      <form novalidate @submit=${this.saveFamilySummary} data-family-form>
        <div class="form-group ${error || count.over ? 'form-group--error' : ''}">
          <label class="label" for="family-summary">What the professionals think this means, in words for ${c.child.givenName}’s family</label>
          <div class="hint" id="family-summary-hint">
            Only this is shown in the family version of the conference pack: never your summary above, nor any agency’s view. Leave it empty and the family version shows no analysis.
          </div>
          ${this.errorMessage('family-summary')}
          <textarea
            class="textarea ${error || count.over ? 'textarea--error' : ''}"
            id="family-summary"
            name="familySummary"
            rows="6"
            .value=${live(this.familyDraft)}
            aria-describedby="family-summary-hint family-summary-count${error ? ' family-summary-error' : ''}"
            @input=${(e: Event) => (this.familyDraft = (e.target as HTMLTextAreaElement).value)}
          ></textarea>
          <p id="family-summary-count" class="character-count__message ${count.over ? 'character-count__message--over' : ''}">${count.message}</p>
        </div>
        <button type="submit" class="button button--secondary" ?disabled=${this.busy}>Save the summary for the family</button>
      </form>`;
  }

  private viewForm(c: ChronologyDetail) {
    const slug = this.me.agency.slug;
    if (c.permissions.readOnly || !c.memberAgencies.includes(slug)) return nothing;
    const agency = this.agencyName(slug);
    const positionError = this.problemFor('view-position');
    const textError = this.problemFor('view-text');
    const count = characterCountState(this.viewText, ANALYSIS_LIMITS.viewText);
    const radio = (value: AnalysisPosition, i: number) => html`<div class="choice">
      <input
        class="choice__input"
        id=${i === 0 ? 'view-position' : `view-position-${value}`}
        name="position"
        type="radio"
        value=${value}
        .checked=${this.position === value}
        @change=${() => (this.position = value)}
      />
      <label class="choice__label" for=${i === 0 ? 'view-position' : `view-position-${value}`}>${ANALYSIS_POSITION_LABELS[value]}</label>
    </div>`;
    return html`<form novalidate @submit=${this.saveView} data-view-form>
      <h3 class="heading-s">${agency}’s view</h3>
      <div class="form-group ${positionError ? 'form-group--error' : ''}">
        <fieldset aria-describedby=${positionError ? 'view-position-error' : nothing}>
          <legend class="legend">Does ${agency} agree with the analysis?</legend>
          ${this.errorMessage('view-position')}
          <div class="choices">${ANALYSIS_POSITIONS.map(radio)}</div>
        </fieldset>
      </div>
      <div class="form-group ${textError || count.over ? 'form-group--error' : ''}">
        <label class="label" for="view-text">${this.position === 'differ' ? `Why ${agency} takes a different view` : `Anything ${agency} wants to add (optional)`}</label>
        <div class="hint" id="view-text-hint">
          ${this.position === 'differ' ? 'Give your reasons: they are shown beside the summary and in the professional conference pack.' : 'If your agency takes a different view, you must give your reasons.'}
          Recording a new view keeps the earlier ones on record.
        </div>
        ${this.errorMessage('view-text')}
        <textarea
          class="textarea ${textError || count.over ? 'textarea--error' : ''}"
          id="view-text"
          name="text"
          rows="5"
          .value=${live(this.viewText)}
          aria-describedby="view-text-hint view-text-count${textError ? ' view-text-error' : ''}"
          @input=${(e: Event) => (this.viewText = (e.target as HTMLTextAreaElement).value)}
        ></textarea>
        <p id="view-text-count" class="character-count__message ${count.over ? 'character-count__message--over' : ''}">${count.message}</p>
      </div>
      <button type="submit" class="button" ?disabled=${this.busy}>Record ${agency}’s view</button>
    </form>`;
  }

  private async onHistoryToggle(event: Event) {
    if (!(event.target as HTMLDetailsElement).open) return;
    this.history = null;
    this.historyError = null;
    try {
      this.history = await this.api.analysisHistory(this.chronologyId);
    } catch (err) {
      this.historyError = errorText(err);
    }
  }

  protected override renderPage(c: ChronologyDetail) {
    return html`${backToChronology(c)} ${errorSummary(this.problems, this.renderRoot as ShadowRoot)}
      ${this.done
        ? html`<div class="notification-banner notification-banner--success" role="alert" aria-labelledby="done-title" tabindex="-1" data-done>
            <div class="notification-banner__header"><h2 class="notification-banner__title" id="done-title">Success</h2></div>
            <div class="notification-banner__content"><p class="notification-banner__heading">${this.done}</p></div>
          </div>`
        : nothing}
      <span class="caption">${childName(c)}</span>
      <h1 class="heading-l" tabindex="-1">Analysis</h1>
      <p>What the pattern in this chronology means for ${c.child.givenName}: the lead professional’s summary, and each agency’s view of it. A different view is kept with its reasons, and goes into the professional conference pack.</p>
      ${this.summarySection(c)} ${this.familySection(c)}
      <h2 class="heading-m">Each agency’s view</h2>
      ${agencyViewsList(this.analysis?.views ?? [], this.agencyName)} ${this.viewForm(c)}
      <details class="details" data-history @toggle=${this.onHistoryToggle}>
        <summary class="details__summary"><span class="details__summary-text">Earlier versions and views</span></summary>
        <div class="details__text">${analysisHistory(this.history, this.historyError, this.agencyName)}</div>
      </details>`;
  }
}

export function defineAnalysisPage(registry: CustomElementRegistry): void {
  defineOnce(registry, 'mac-analysis-page', MacAnalysisPage);
}
