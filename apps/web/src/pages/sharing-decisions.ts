// On the conference pack page, for the lead: the entries nobody has yet decided may be shared with the
// family (they are left out of the family version until someone does), and a form to decide many at
// once, with the reason kept on each entry (POST /api/chronologies/:id/sharing, all or nothing).
import { LitElement, css, html, nothing } from 'lit';
import { LIMITS, formatChronoDate, sortEntries, type Agency, type Entry, plural, pluralWord } from '@mac/domain';
import { pageStyles, errorSummary, focusErrorSummary, userText } from '@mac/ui';
import type { Api } from '../api.js';
import { errorText } from './page-support.js';

type Decision = 'family' | 'professionals';
interface Problem {
  field: 'entries' | 'decision' | 'reason';
  message: string;
}

export class MacSharingDecisions extends LitElement {
  static override properties = {
    api: { attribute: false },
    chronologyId: { attribute: false },
    agencies: { attribute: false },
    entries: { state: true },
    selected: { state: true },
    decision: { state: true },
    reason: { state: true },
    problems: { state: true },
    busy: { state: true },
    done: { state: true },
    loadError: { state: true },
  };

  declare api: Api;
  declare chronologyId: string;
  declare agencies: Agency[];
  declare private entries: Entry[] | null;
  declare private selected: Set<string>;
  declare private decision: Decision | '';
  declare private reason: string;
  declare private problems: Problem[];
  declare private busy: boolean;
  declare private done: string | null;
  declare private loadError: string | null;

  constructor() {
    super();
    this.agencies = [];
    this.entries = null;
    this.selected = new Set();
    this.decision = '';
    this.reason = '';
    this.problems = [];
    this.busy = false;
    this.done = null;
    this.loadError = null;
  }

  static override styles = [
    ...pageStyles,
    css`
      :host {
        display: block;
        margin: 2rem 0;
      }
      .decisions-table td:first-child,
      .decisions-table th:first-child {
        width: 3rem;
      }
      .decisions-table .choice {
        margin: 0;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** Entries of the shared record that go in a pack but have no family decision yet. */
  async load(): Promise<void> {
    try {
      const { entries } = await this.api.entries(this.chronologyId);
      this.entries = sortEntries(entries.filter((e) => e.sharing === 'undecided' && e.status === 'active' && !e.restricted));
      this.selected = new Set([...this.selected].filter((id) => this.entries!.some((e) => e.id === id)));
      this.loadError = null;
    } catch (err) {
      this.loadError = `The entries waiting for a decision could not be loaded: ${errorText(err)}`;
    }
  }

  private agencyName = (slug: string) => this.agencies.find((a) => a.slug === slug)?.name ?? slug;

  private toggle(id: string, on: boolean) {
    const next = new Set(this.selected);
    if (on) next.add(id);
    else next.delete(id);
    this.selected = next;
  }

  private toggleAll(on: boolean) {
    this.selected = on ? new Set((this.entries ?? []).map((e) => e.id)) : new Set();
  }

  private async fail(problems: Problem[]) {
    this.problems = problems;
    await this.updateComplete;
    focusErrorSummary(this.renderRoot as ShadowRoot);
  }

  private async submit(event: Event) {
    event.preventDefault();
    this.done = null;
    const problems: Problem[] = [];
    const reason = this.reason.trim();
    if (this.selected.size === 0) problems.push({ field: 'entries', message: 'Select the entries you have decided about' });
    if (this.decision === '') problems.push({ field: 'decision', message: 'Select whether the family may see the selected entries' });
    if (reason === '') {
      problems.push({ field: 'reason', message: this.decision === 'professionals' ? 'Enter why the family should not see these entries' : 'Enter the reason for your decision' });
    } else if ([...reason].length > LIMITS.sharingReason) {
      problems.push({ field: 'reason', message: `The reason must be ${LIMITS.sharingReason.toLocaleString('en-GB')} characters or fewer` });
    }
    if (problems.length > 0) return this.fail(problems);
    const decision = this.decision as Decision;
    this.problems = [];
    this.busy = true;
    try {
      const { entries } = await this.api.decideSharing(this.chronologyId, [...this.selected], decision, reason);
      this.done = `${plural(entries.length, 'entry', 'entries')} ${decision === 'family' ? 'can now be shared with the family' : 'are now for professionals only'}.`;
      this.selected = new Set();
      this.decision = '';
      this.reason = '';
      await this.load();
      this.dispatchEvent(new CustomEvent('mac-sharing-decided', { bubbles: true, composed: true }));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[data-decided]')?.focus();
    } catch (err) {
      await this.fail([{ field: 'entries', message: `Nothing was changed: ${errorText(err)}` }]);
    } finally {
      this.busy = false;
    }
  }

  private errorFor(field: Problem['field']) {
    const p = this.problems.find((e) => e.field === field);
    return p ? html`<p class="error-message" id="${field}-error"><span class="visually-hidden">Error:</span> ${p.message}</p>` : nothing;
  }

  private table(entries: Entry[]) {
    const all = entries.length > 0 && entries.every((e) => this.selected.has(e.id));
    return html`<div class="table-scroll" tabindex="0" role="region" aria-label="Entries waiting for a decision">
      <table class="table decisions-table" data-undecided>
        <caption class="visually-hidden">Entries not yet decided for the family version</caption>
        <thead>
          <tr>
            <th scope="col">
              <div class="choices choices--small">
                <div class="choice">
                  <input class="choice__input" id="entries" type="checkbox" .checked=${all} @change=${(e: Event) => this.toggleAll((e.target as HTMLInputElement).checked)} />
                  <label class="choice__label" for="entries"><span class="visually-hidden">Select all</span></label>
                </div>
              </div>
            </th>
            <th scope="col">Date</th>
            <th scope="col">Agency</th>
            <th scope="col">Summary</th>
          </tr>
        </thead>
        <tbody>
          ${entries.map(
            (e) => html`<tr data-entry=${e.id}>
              <td>
                <div class="choices choices--small">
                  <div class="choice">
                    <input
                      class="choice__input"
                      id="select-${e.id}"
                      type="checkbox"
                      .checked=${this.selected.has(e.id)}
                      @change=${(ev: Event) => this.toggle(e.id, (ev.target as HTMLInputElement).checked)}
                    />
                    <label class="choice__label" for="select-${e.id}"><span class="visually-hidden">Select: ${userText(e.summary)}</span></label>
                  </div>
                </div>
              </td>
              <td>${formatChronoDate(e.date)}</td>
              <td>${this.agencyName(e.agency)}</td>
              <td>${userText(e.summary)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  override render() {
    const entries = this.entries;
    const summary = this.problems.map((p) => ({ target: p.field === 'decision' ? 'decision-family' : p.field, message: p.message }));
    return html`<section aria-labelledby="undecided-title" data-sharing-decisions>
      <h2 class="heading-m" id="undecided-title">Entries not yet decided for the family</h2>
      ${this.done
        ? html`<div class="notification-banner notification-banner--success" role="status" tabindex="-1" data-decided>
            <div class="notification-banner__content"><p class="notification-banner__heading">${this.done}</p></div>
          </div>`
        : nothing}
      ${this.loadError ? html`<p class="error-message" role="alert">${this.loadError}</p>` : nothing}
      ${entries === null
        ? html`<p>Loading…</p>`
        : entries.length === 0
          ? html`<p data-undecided-count="0">Every entry has a decision: none is waiting.</p>`
          : html`<p data-undecided-count=${entries.length}>
                ${plural(entries.length, 'entry has', 'entries have')} no decision yet, so the family version leaves ${pluralWord(entries.length, 'it', 'them')} out.
                Select the ones you have decided about.
              </p>
              ${errorSummary(summary, this.renderRoot as ShadowRoot)}
              <form novalidate @submit=${this.submit}>
                <div class="form-group ${this.problems.some((p) => p.field === 'entries') ? 'form-group--error' : ''}">
                  ${this.errorFor('entries')} ${this.table(entries)}
                </div>
                <div class="form-group ${this.problems.some((p) => p.field === 'decision') ? 'form-group--error' : ''}">
                  <fieldset aria-describedby=${this.problems.some((p) => p.field === 'decision') ? 'decision-error' : nothing}>
                    <legend class="legend">Can the family see the selected entries?</legend>
                    ${this.errorFor('decision')}
                    <div class="choices">
                      ${(['family', 'professionals'] as const).map(
                        (value) => html`<div class="choice">
                          <input
                            class="choice__input"
                            id="decision-${value}"
                            name="decision"
                            type="radio"
                            value=${value}
                            .checked=${this.decision === value}
                            @change=${() => (this.decision = value)}
                          />
                          <label class="choice__label" for="decision-${value}">${value === 'family' ? 'Yes, share them with the family' : 'No, professionals only'}</label>
                        </div>`,
                      )}
                    </div>
                  </fieldset>
                </div>
                <div class="form-group ${this.problems.some((p) => p.field === 'reason') ? 'form-group--error' : ''}">
                  <label class="label" for="reason">Reason for your decision</label>
                  <div class="hint" id="reason-hint">Kept with each entry and in the audit trail. The family never sees it.</div>
                  ${this.errorFor('reason')}
                  <textarea
                    class="textarea"
                    id="reason"
                    rows="3"
                    .value=${this.reason}
                    aria-describedby="reason-hint${this.problems.some((p) => p.field === 'reason') ? ' reason-error' : ''}"
                    @input=${(e: Event) => (this.reason = (e.target as HTMLTextAreaElement).value)}
                  ></textarea>
                </div>
                <button type="submit" class="button button--secondary" ?disabled=${this.busy} data-action="decide">
                  Apply to ${plural(this.selected.size, 'selected entry', 'selected entries')}
                </button>
              </form>`}
    </section>`;
  }
}
