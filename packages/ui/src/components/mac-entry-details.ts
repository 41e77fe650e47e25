// One entry in full, opened from the timeline or the table. Only the entry's own agency sees the
// controls to amend or withdraw it (decided by the page with the domain's `decide`); others are
// told who can change it. Withdrawal asks for a reason, as the record must say why.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { LIMITS, ageAtEntry, formatAge, pluralWord, seenAloneLabel } from '@mac/domain';
import { userText } from './user-text.js';
import { tokens } from '../styles/tokens.js';
import { base } from '../styles/base.js';
import { forms } from '../styles/forms.js';
import { tables } from '../styles/tables.js';
import type { EntryView } from '../model/entry-view.js';
import { categoryLabel, categoryStyle } from '../model/category-style.js';
import { withdrawalError } from '../model/entry-form-model.js';
import { CHANGE_LABELS, type EntryChange } from '../model/changes.js';
import { personLabel, type Person } from '../model/presence.js';
import { errorSummary, focusErrorSummary } from './error-summary.js';
import { fieldLabel, fieldValue, formatInstant, historyList, type HistoryItem } from './history.js';
import { symbol } from './symbols.js';

export class MacEntryDetails extends LitElement {
  static override properties = {
    view: { attribute: false },
    agencyName: { attribute: false },
    dateOfBirth: { attribute: false },
    canEdit: { type: Boolean },
    editors: { attribute: false },
    history: { attribute: false },
    historyError: { attribute: false },
    readOnlyNote: { attribute: false },
    historyAvailable: { attribute: false },
    change: { attribute: false },
    changeSince: { attribute: false },
    canTightenSharing: { type: Boolean },
    personLabel: { attribute: false },
    tightening: { state: true },
    sharingReason: { state: true },
    sharingError: { state: true },
    sharingBusy: { state: true },
    withdrawing: { state: true },
    reason: { state: true },
    reasonError: { state: true },
    showHistory: { state: true },
  };

  declare view: EntryView | null;
  /** How to name a person the entry names (the people panel's list: merged records resolve to their survivor). */
  declare personLabel: (personId: string) => string;
  declare agencyName: (slug: string) => string;
  declare dateOfBirth: string | null;
  declare canEdit: boolean;
  declare editors: readonly Person[];
  declare history: readonly HistoryItem[] | null;
  declare historyError: string | null;
  /** Why nothing here can be changed (a snapshot, emergency access), instead of who can change it. */
  declare readOnlyNote: string | null;
  declare historyAvailable: boolean;
  /** How the entry changed since the conference being compared against, or null. */
  declare change: EntryChange | null;
  /** "the conference on 12 Mar 2025" */
  declare changeSince: string;
  /** The chronology's lead may make any entry professionals-only (never the reverse). */
  declare canTightenSharing: boolean;
  declare private tightening: boolean;
  declare private sharingReason: string;
  declare private sharingError: string | null;
  declare private sharingBusy: boolean;
  declare private withdrawing: boolean;
  declare private reason: string;
  declare private reasonError: string | null;
  declare private showHistory: boolean;

  constructor() {
    super();
    this.view = null;
    this.personLabel = () => 'A person around the child';
    this.agencyName = (s) => s;
    this.dateOfBirth = null;
    this.canEdit = false;
    this.editors = [];
    this.history = null;
    this.historyError = null;
    this.readOnlyNote = null;
    this.historyAvailable = true;
    this.change = null;
    this.changeSince = 'the conference';
    this.canTightenSharing = false;
    this.tightening = false;
    this.sharingReason = '';
    this.sharingError = null;
    this.sharingBusy = false;
    this.withdrawing = false;
    this.reason = '';
    this.reasonError = null;
    this.showHistory = false;
  }

  static override styles = [
    tokens,
    base,
    forms,
    tables,
    css`
      :host {
        display: block;
      }
      .head {
        display: flex;
        gap: 1rem;
        align-items: flex-start;
        justify-content: space-between;
      }
      h2 {
        overflow-wrap: anywhere;
      }
      .tags {
        display: flex;
        flex-wrap: wrap;
        gap: 0.375rem;
        margin-bottom: 0.75rem;
      }
      .category {
        display: inline-flex;
        gap: 0.375rem;
        align-items: center;
      }
      .symbol {
        width: 18px;
        height: 18px;
      }
      .history {
        margin: 0 0 1rem;
        padding-left: 1.25rem;
      }
      .history li {
        margin-bottom: 0.5rem;
      }
      .history__head {
        margin-bottom: 0.25rem;
      }
      .history__changes {
        padding-left: 1.25rem;
        margin: 0;
        overflow-wrap: anywhere;
      }
      del {
        color: var(--mac-secondary-text);
      }
      ins {
        text-decoration: none;
        font-weight: 700;
      }
      .change {
        border-left: 5px solid #0b0c0c;
        padding: 0.5rem 0.75rem;
        margin-bottom: 1rem;
        background: var(--mac-light-grey);
      }
      .change ul {
        margin: 0.25rem 0 0;
        padding-left: 1.25rem;
        overflow-wrap: anywhere;
      }
      @media print {
        :host {
          display: none;
        }
      }
    `,
  ];

  protected override willUpdate(changed: PropertyValues<this>): void {
    const previous = changed.get('view') as EntryView | null | undefined;
    if (changed.has('view') && previous?.entry.id !== this.view?.entry.id) {
      this.withdrawing = false;
      this.reason = '';
      this.reasonError = null;
      this.showHistory = false;
      this.tightening = false;
      this.sharingReason = '';
      this.sharingError = null;
    }
  }

  /** Moves focus to the entry's heading (after it is opened). */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#details-title')?.focus();
  }

  private emit(name: string, detail: unknown = {}) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  private async withdraw(event: Event) {
    event.preventDefault();
    const error = withdrawalError(this.reason);
    this.reasonError = error;
    if (error) {
      await this.updateComplete;
      focusErrorSummary(this.renderRoot as ShadowRoot);
      return;
    }
    this.emit('mac-withdraw', { id: this.view!.entry.id, reason: this.reason.trim() });
    this.withdrawing = false;
    this.reason = '';
  }

  private toggleHistory() {
    this.showHistory = !this.showHistory;
    if (this.showHistory) this.emit('mac-history-request', { id: this.view!.entry.id });
  }

  private row(label: string, value: unknown) {
    if (value === '' || value === null || value === undefined) return nothing;
    return html`<div class="summary-list__row"><dt>${label}</dt><dd>${typeof value === 'string' ? userText(value) : value}</dd></div>`;
  }

  override render() {
    const view = this.view;
    if (!view) return nothing;
    const e = view.entry;
    const style = categoryStyle(e.category);
    const age = ageAtEntry(this.dateOfBirth, e.date);
    const agency = this.agencyName(e.agency);
    return html`<section aria-labelledby="details-title" data-entry-details=${e.id}>
      <div class="head">
        <div>
          <span class="caption">${view.displayDate}${e.time ? ` at ${e.time}` : ''} · ${agency}</span>
          <h2 class="heading-m" id="details-title" tabindex="-1">${userText(e.summary)}</h2>
        </div>
        <button type="button" class="button button--secondary button--small" @click=${() => this.emit('mac-close')}>Close<span class="visually-hidden"> entry</span></button>
      </div>
      <div class="tags">
        ${e.status === 'withdrawn' ? html`<span class="tag tag--grey">Withdrawn</span>` : nothing}
        ${e.restricted ? html`<span class="tag tag--purple">Restricted to ${agency}</span>` : nothing}
        ${e.sharing === 'professionals' ? html`<span class="tag tag--orange">Professionals only</span>` : nothing}
        ${e.sharing === 'undecided' ? html`<span class="tag tag--grey">Family sharing not decided</span>` : nothing}
        ${view.approximate ? html`<span class="tag tag--grey">Approximate date</span>` : nothing}
      </div>
      ${this.editors.length > 0
        ? html`<div class="inset" role="status">${this.editors.map(personLabel).join(', ')} ${pluralWord(this.editors.length, 'is', 'are')} editing this entry now.</div>`
        : nothing}
      <dl class="summary-list">
        ${this.row('Date', view.displayDate)} ${this.row('Time', e.time)}
        ${this.row('Child’s age', age ? formatAge(age) : this.dateOfBirth ? 'Before birth' : '')} ${this.row('Agency', agency)}
        <div class="summary-list__row">
          <dt>Category</dt>
          <dd><span class="category">${symbol(style.shape, style.colour)} ${categoryLabel(e.category)}</span> <span class="secondary">(${style.label})</span></dd>
        </div>
        ${this.row('Detail', e.detail)} ${this.row('Impact on the child', e.impactOnChild)}
        ${this.row('The child’s voice', e.childsVoice)} ${this.row('Seen alone', seenAloneLabel(e.seenAlone))}
        ${(e.personIds ?? []).length > 0
          ? html`<div class="summary-list__row" data-entry-people>
              <dt>People involved</dt>
              <dd>
                <ul class="list">
                  ${[...new Set((e.personIds ?? []).map((id) => this.personLabel(id)))].map((label) => html`<li>${userText(label)}</li>`)}
                </ul>
              </dd>
            </div>`
          : nothing}
        ${this.row('Action taken', e.actionTaken)}
        ${this.row('Source reference', e.sourceRef)} ${this.row('Recorded by', e.recordedBy)} ${this.row('Recorded on', formatInstant(e.recordedAt))}
        ${this.row(
          'Sharing',
          e.sharing === 'professionals'
            ? `Professionals only: ${e.sharingReason}`
            : e.sharing === 'family'
              ? 'Can be shared with the family'
              : 'Not decided yet: left out of the family’s version',
        )}
        ${e.status === 'withdrawn' ? this.row('Why it was withdrawn', e.withdrawnReason) : nothing}
      </dl>
      ${this.changeBlock()} ${this.sharingControl()}
      ${this.readOnlyNote
        ? html`<p class="secondary" data-read-only>${this.readOnlyNote}</p>`
        : this.canEdit
        ? e.status === 'withdrawn'
          ? html`<p class="secondary">This entry has been withdrawn. It stays in the record and cannot be changed.</p>`
          : this.withdrawing
            ? this.withdrawForm()
            : html`<div class="button-group">
                <button type="button" class="button button--secondary" data-action="amend" @click=${() => this.emit('mac-amend', { id: e.id })}>Amend entry</button>
                <button type="button" class="button button--warning" data-action="withdraw" @click=${() => (this.withdrawing = true)}>Withdraw entry</button>
              </div>`
        : html`<p class="secondary" data-no-edit>Only ${agency} can change this entry.</p>`}
      ${this.historyAvailable
        ? html`<button type="button" class="link-button" aria-expanded=${this.showHistory ? 'true' : 'false'} @click=${this.toggleHistory}>
              ${this.showHistory ? 'Hide history' : 'Show history'}<span class="visually-hidden"> of this entry</span>
            </button>
            ${this.showHistory ? historyList(this.history, this.historyError, this.agencyName) : nothing}`
        : nothing}
    </section>`;
  }

  private changeBlock() {
    const change = this.change;
    if (!change) return nothing;
    const fields = Object.entries(change.changes).filter(([field]) => field !== 'status');
    return html`<div class="change" data-change=${change.kind}>
      <strong>${CHANGE_LABELS[change.kind].replace('the conference', this.changeSince)}</strong>
      ${change.kind === 'withdrawn' && change.newSinceSnapshot ? html`<span class="secondary"> (recorded after it, then withdrawn)</span>` : nothing}
      ${fields.length > 0
        ? html`<ul>
            ${fields.map(([field, c]) => html`<li>${fieldLabel(field)}: <del>${fieldValue(field, c.from)}</del> → <ins>${fieldValue(field, c.to)}</ins></li>`)}
          </ul>`
        : nothing}
    </div>`;
  }

  private sharingControl() {
    const e = this.view?.entry;
    if (!e || !this.canTightenSharing || e.sharing === 'professionals' || e.status === 'withdrawn') return nothing;
    if (!this.tightening) {
      return html`<p>
        <button type="button" class="button button--secondary button--small" data-action="tighten" @click=${() => this.openTighten()}>
          Make this entry professionals-only
        </button>
      </p>`;
    }
    const error = this.sharingError;
    return html`${errorSummary(error ? [{ target: 'sharing-reason', message: error }] : [], this.renderRoot as ShadowRoot)}
      <form novalidate @submit=${this.tighten} data-tighten-form>
        <div class="form-group ${error ? 'form-group--error' : ''}">
          <label class="label" for="sharing-reason">Why should the family not see this entry?</label>
          <div class="hint" id="sharing-reason-hint">
            It will be left out of the family version of conference packs. Only ${this.agencyName(e.agency)} can make it shareable again.
          </div>
          ${error ? html`<p class="error-message" id="sharing-reason-error"><span class="visually-hidden">Error:</span> ${error}</p>` : nothing}
          <textarea
            class="textarea ${error ? 'textarea--error' : ''}"
            id="sharing-reason"
            rows="3"
            .value=${this.sharingReason}
            aria-describedby="sharing-reason-hint${error ? ' sharing-reason-error' : ''}"
            @input=${(ev: Event) => (this.sharingReason = (ev.target as HTMLTextAreaElement).value)}
          ></textarea>
        </div>
        <div class="button-group">
          <button type="submit" class="button" ?disabled=${this.sharingBusy}>Make professionals-only</button>
          <button type="button" class="link-button" @click=${() => (this.tightening = false)}>Cancel</button>
        </div>
      </form>`;
  }

  private async openTighten() {
    this.tightening = true;
    this.sharingError = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#sharing-reason')?.focus();
  }

  private async tighten(event: Event) {
    event.preventDefault();
    const reason = this.sharingReason.trim();
    const fail = async (message: string) => {
      this.sharingError = message;
      await this.updateComplete;
      focusErrorSummary(this.renderRoot as ShadowRoot);
    };
    if (reason === '') return fail('Enter why the family should not see this entry');
    if ([...reason].length > LIMITS.sharingReason) return fail(`The reason must be ${LIMITS.sharingReason.toLocaleString('en-GB')} characters or fewer`);
    this.sharingBusy = true;
    // The page makes the request and answers with an error message, or null once it is done.
    const error = await new Promise<string | null>((respond) => this.emit('mac-tighten-sharing', { id: this.view!.entry.id, reason, respond }));
    this.sharingBusy = false;
    if (error) return fail(error);
    this.tightening = false;
    this.sharingReason = '';
    this.sharingError = null;
  }

  private withdrawForm() {
    const error = this.reasonError;
    return html`${errorSummary(error ? [{ target: 'withdraw-reason', message: error }] : [], this.renderRoot as ShadowRoot)}
      <form novalidate @submit=${this.withdraw}>
        <div class="form-group ${error ? 'form-group--error' : ''}">
          <label class="label" for="withdraw-reason">Why are you withdrawing this entry?</label>
          <div class="hint" id="withdraw-reason-hint">The entry stays in the record, marked as withdrawn with your reason. This cannot be undone.</div>
          ${error ? html`<p class="error-message" id="withdraw-reason-error"><span class="visually-hidden">Error:</span> ${error}</p>` : nothing}
          <textarea
            class="textarea ${error ? 'textarea--error' : ''}"
            id="withdraw-reason"
            rows="3"
            .value=${this.reason}
            aria-describedby="withdraw-reason-hint${error ? ' withdraw-reason-error' : ''}"
            @input=${(ev: Event) => (this.reason = (ev.target as HTMLTextAreaElement).value)}
          ></textarea>
        </div>
        <div class="button-group">
          <button type="submit" class="button button--warning">Withdraw entry</button>
          <button type="button" class="link-button" @click=${() => (this.withdrawing = false)}>Cancel</button>
        </div>
      </form>`;
  }
}
