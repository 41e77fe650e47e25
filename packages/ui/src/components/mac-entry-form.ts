// The entry form, for a new entry or an amendment. The date box says what it understood as you
// type; the category's description appears as its hint; the summary counts its characters (GOV.UK
// character count). On submit every problem is listed in an error summary that takes focus, and
// shown again beside its field. Values are validated with the same schemas the server uses.
// One module of some 440 lines: one form whose fields share one state and one error summary; the
// values and their validation are model/entry-form-model.ts, the screening inputs screening-fields.ts,
// the child's voice childs-voice-fields.ts.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { CATEGORIES, CATEGORY_GROUPS, LIMITS, categoryBySlug, type Entry, type Sharing } from '@mac/domain';
import { tokens } from '../styles/tokens.js';
import { base } from '../styles/base.js';
import { forms } from '../styles/forms.js';
import {
  EMPTY_ENTRY_FORM,
  dateFeedback,
  formChanged,
  formFromEntry,
  validateAmend,
  validateCreate,
  type EntryFormValues,
  type FormError,
  type FormField,
} from '../model/entry-form-model.js';
import { characterCountState } from '../model/char-count.js';
import { errorSummary, focusErrorSummary } from './error-summary.js';
import { historyList, type HistoryItem } from './history.js';
import { childsVoiceFields } from './childs-voice-fields.js';
import { screeningFields } from './screening-fields.js';
import { peopleFields, type PersonChoice } from './people-fields.js';

const ANNOUNCE_DELAY_MS = 800;

export class MacEntryForm extends LitElement {
  static override properties = {
    mode: { type: String },
    entry: { attribute: false },
    agencyName: { attribute: false },
    agencyNames: { attribute: false },
    allowRestricted: { type: Boolean },
    formTitle: { attribute: false },
    submitLabel: { attribute: false },
    history: { attribute: false },
    historyError: { attribute: false },
    people: { attribute: false },
    values: { state: true },
    errors: { state: true },
    dateNote: { state: true },
    countAnnouncement: { state: true },
    changedElsewhere: { state: true },
  };

  declare mode: 'create' | 'amend';
  declare entry: Entry | null;
  /** The signed-in user's agency, for the restricted checkbox. */
  declare agencyName: string;
  declare agencyNames: (slug: string) => string;
  /** Whether this user's agency has a restricted document here (the option is hidden if not). */
  declare allowRestricted: boolean;
  /** The heading and the submit button of a new entry's form, where it is not an ordinary entry (a household event). */
  declare formTitle: string | null;
  declare submitLabel: string | null;
  declare history: readonly HistoryItem[] | null;
  declare historyError: string | null;
  /** The people around the child the entry may name (issue 14 item 3); none: the question is not shown. */
  declare people: readonly PersonChoice[];
  declare private values: EntryFormValues;
  declare private errors: readonly FormError[];
  declare private dateNote: { ok: boolean; message: string } | null;
  declare private countAnnouncement: string;
  declare private changedElsewhere: boolean;

  private loadedFor: Entry | null = null;
  private announceTimer: ReturnType<typeof setTimeout> | null = null;
  private dateTimer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    super();
    this.mode = 'create';
    this.formTitle = null;
    this.submitLabel = null;
    this.entry = null;
    this.agencyName = 'your agency';
    this.agencyNames = (s) => s;
    this.allowRestricted = true;
    this.history = null;
    this.historyError = null;
    this.people = [];
    this.values = { ...EMPTY_ENTRY_FORM };
    this.errors = [];
    this.dateNote = null;
    this.countAnnouncement = '';
    this.changedElsewhere = false;
  }

  static override styles = [
    tokens,
    base,
    forms,
    css`
      :host {
        display: block;
      }
      .choices__divider {
        width: 40px;
        margin: 0 0 10px;
        text-align: center;
      }
      .understood {
        margin: 0.375rem 0 0;
        padding: 0.25rem 0.5rem;
        border-left: 4px solid var(--mac-success);
        background: #f3f2f1;
      }
      .understood--bad {
        border-left-color: var(--mac-error);
      }
      .history {
        margin: 0 0 1.5rem;
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
      .time-row {
        display: flex;
        gap: 1.5rem;
        flex-wrap: wrap;
      }
      @media print {
        :host {
          display: none;
        }
      }
    `,
  ];

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('entry') || changed.has('mode')) && this.mode === 'amend' && this.entry) {
      if (this.loadedFor === null || this.loadedFor.id !== this.entry.id) {
        this.values = formFromEntry(this.entry);
        this.loadedFor = this.entry;
        this.changedElsewhere = false;
        this.errors = [];
        this.dateNote = dateFeedback(this.values.date);
      } else if (this.loadedFor !== this.entry) {
        // Someone of the same agency changed the entry while this form was open.
        this.changedElsewhere = true;
        this.loadedFor = this.entry;
      }
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.announceTimer) clearTimeout(this.announceTimer);
    if (this.dateTimer) clearTimeout(this.dateTimer);
  }

  /** Empties the form for another new entry. */
  reset(): void {
    this.values = { ...EMPTY_ENTRY_FORM };
    this.errors = [];
    this.dateNote = null;
  }

  /** Something has been typed or chosen that has not been submitted: closing the form would lose it. */
  hasUnsavedInput(): boolean {
    const baseline = this.mode === 'amend' && this.loadedFor ? formFromEntry(this.loadedFor) : EMPTY_ENTRY_FORM;
    return formChanged(this.values, baseline);
  }

  /** Focuses the first field. */
  async focusFirst(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#date')?.focus();
  }

  private set<K extends FormField>(field: K, value: EntryFormValues[K]) {
    this.values = { ...this.values, [field]: value };
    if (field === 'date') {
      // Update what was understood as the user pauses, not on every key, so it is read out once.
      if (this.dateTimer) clearTimeout(this.dateTimer);
      this.dateTimer = setTimeout(() => (this.dateNote = dateFeedback(this.values.date)), 300);
    }
    if (field === 'summary') {
      if (this.announceTimer) clearTimeout(this.announceTimer);
      this.announceTimer = setTimeout(() => (this.countAnnouncement = characterCountState(this.values.summary, LIMITS.summary).message), ANNOUNCE_DELAY_MS);
    }
  }

  private text(field: FormField) {
    return (event: Event) => this.set(field, (event.target as HTMLInputElement).value as never);
  }

  private errorFor(field: FormField): FormError | undefined {
    return this.errors.find((e) => e.field === field);
  }

  private describedBy(field: FormField, ...ids: string[]): string {
    return [...ids, this.errorFor(field) ? `${field}-error` : ''].filter(Boolean).join(' ');
  }

  private errorMessage(field: FormField) {
    const error = this.errorFor(field);
    if (!error) return nothing;
    return html`<p class="error-message" id="${field}-error"><span class="visually-hidden">Error:</span> ${error.message}</p>`;
  }

  private async submit(event: Event) {
    event.preventDefault();
    if (this.dateTimer) clearTimeout(this.dateTimer);
    this.dateNote = dateFeedback(this.values.date);
    if (this.mode === 'create') {
      const result = validateCreate(this.values);
      if (!result.ok) return this.fail(result.errors);
      this.errors = [];
      this.dispatchEvent(new CustomEvent('mac-entry-submit', { detail: { mode: 'create', input: result.input }, bubbles: true, composed: true }));
      return;
    }
    if (!this.entry) return;
    const result = validateAmend(this.entry, this.values);
    if (!result.ok) return this.fail(result.errors);
    this.errors = [];
    this.dispatchEvent(new CustomEvent('mac-entry-submit', { detail: { mode: 'amend', id: this.entry.id, changes: result.changes }, bubbles: true, composed: true }));
  }

  private async fail(errors: FormError[]) {
    this.errors = errors;
    await this.updateComplete;
    focusErrorSummary(this.renderRoot as ShadowRoot);
  }

  private cancel() {
    this.dispatchEvent(new CustomEvent('mac-entry-cancel', { bubbles: true, composed: true }));
  }

  private dateGroup() {
    const error = this.errorFor('date');
    const note = this.dateNote;
    return html`<div class="form-group ${error ? 'form-group--error' : ''}">
      <label class="label" for="date">Date of the event</label>
      <div class="hint" id="date-hint">
        For example, 05/04/2023. If you only know the month or the year, write March 2023, 03/2023 or 2023. Start with "around" or ? if the date is approximate
        (around 2021). For a period, write the start and the end with .. between them (03/2023..05/2023).
      </div>
      ${this.errorMessage('date')}
      <input
        class="input input--width-20 ${error ? 'input--error' : ''}"
        id="date"
        name="date"
        type="text"
        autocomplete="off"
        spellcheck="false"
        .value=${this.values.date}
        aria-describedby=${this.describedBy('date', 'date-hint', 'date-understood')}
        @input=${this.text('date')}
      />
      <p id="date-understood" class="understood ${note && !note.ok ? 'understood--bad' : ''}" aria-live="polite" ?hidden=${!note}>${note?.message ?? ''}</p>
    </div>`;
  }

  private categoryGroup() {
    const chosen = categoryBySlug(this.values.category);
    const error = this.errorFor('category');
    return html`<div class="form-group ${error ? 'form-group--error' : ''}">
      <label class="label" for="category">Category</label>
      <div class="hint" id="category-hint">${chosen ? chosen.description : 'Choose the kind of event. Its description will appear here.'}</div>
      ${this.errorMessage('category')}
      <select class="select ${error ? 'select--error' : ''}" id="category" name="category" aria-describedby=${this.describedBy('category', 'category-hint')} @change=${this.text('category')}>
        <option value="" ?selected=${this.values.category === ''}>Choose a category</option>
        ${CATEGORY_GROUPS.map(
          (g) => html`<optgroup label=${g.label}>
            ${CATEGORIES.filter((c) => c.group === g.slug).map((c) => html`<option value=${c.slug} ?selected=${this.values.category === c.slug}>${c.label}</option>`)}
          </optgroup>`,
        )}
      </select>
    </div>`;
  }

  private summaryGroup() {
    const error = this.errorFor('summary');
    const count = characterCountState(this.values.summary, LIMITS.summary);
    return html`<div class="form-group ${error ? 'form-group--error' : ''}">
      <label class="label" for="summary">Summary</label>
      <div class="hint" id="summary-hint">One line saying what happened, for the timeline and the table</div>
      ${this.errorMessage('summary')}
      <input
        class="input ${error || count.over ? 'input--error' : ''}"
        id="summary"
        name="summary"
        type="text"
        autocomplete="off"
        .value=${this.values.summary}
        aria-describedby=${this.describedBy('summary', 'summary-hint', 'summary-count')}
        @input=${this.text('summary')}
      />
      <p id="summary-count" class="character-count__message ${count.over ? 'character-count__message--over' : ''}" aria-hidden="true">${count.message}</p>
      <p class="visually-hidden" aria-live="polite">${this.countAnnouncement}</p>
    </div>`;
  }

  private textarea(field: 'detail' | 'impactOnChild' | 'actionTaken', label: string, hint: string) {
    const error = this.errorFor(field);
    return html`<div class="form-group ${error ? 'form-group--error' : ''}">
      <label class="label" for=${field}>${label}</label>
      <div class="hint" id="${field}-hint">${hint}</div>
      ${this.errorMessage(field)}
      <textarea
        class="textarea ${error ? 'textarea--error' : ''}"
        id=${field}
        name=${field}
        rows="4"
        .value=${this.values[field]}
        aria-describedby=${this.describedBy(field, `${field}-hint`)}
        @input=${this.text(field)}
      ></textarea>
    </div>`;
  }

  private input(field: 'time' | 'sourceRef' | 'recordedBy', label: string, hint: string, width: string) {
    const error = this.errorFor(field);
    return html`<div class="form-group ${error ? 'form-group--error' : ''}">
      <label class="label" for=${field}>${label}</label>
      <div class="hint" id="${field}-hint">${hint}</div>
      ${this.errorMessage(field)}
      <input
        class="input ${width} ${error ? 'input--error' : ''}"
        id=${field}
        name=${field}
        type="text"
        autocomplete="off"
        .value=${this.values[field]}
        aria-describedby=${this.describedBy(field, `${field}-hint`)}
        @input=${this.text(field)}
      />
    </div>`;
  }

  private sharingGroup() {
    const error = this.errorFor('sharingReason');
    const sharing = this.values.sharing;
    const professionals = sharing === 'professionals';
    const radio = (value: Sharing, id: string, label: string, hint?: string) =>
      html`<div class="choice">
        <input
          class="choice__input"
          id=${id}
          name="sharing"
          type="radio"
          value=${value}
          aria-controls=${value === 'professionals' ? 'sharing-conditional' : nothing}
          aria-describedby=${hint ? `${id}-hint` : nothing}
          .checked=${sharing === value}
          @change=${() => this.set('sharing', value)}
        />
        <label class="choice__label" for=${id}>${label}</label>
        ${hint ? html`<div class="hint choice__hint" id="${id}-hint">${hint}</div>` : nothing}
      </div>`;
    // Undecided is the default: an entry reaches the family's version only when someone decides it may.
    return html`<div class="form-group">
      <fieldset aria-describedby="sharing-hint">
        <legend class="legend">Can this entry be shared with the family?</legend>
        <div class="hint" id="sharing-hint">This decides whether it appears in the family's version of a conference pack.</div>
        <div class="choices">
          ${radio('family', 'sharing', 'Yes, it can be shared with the family')}
          ${radio('professionals', 'sharing-professionals', 'No, professionals only')}
          <div class="conditional" id="sharing-conditional" ?hidden=${!professionals}>
            <div class="form-group ${error ? 'form-group--error' : ''}">
              <label class="label" for="sharingReason">Why is it for professionals only?</label>
              ${this.errorMessage('sharingReason')}
              <textarea
                class="textarea ${error ? 'textarea--error' : ''}"
                id="sharingReason"
                name="sharingReason"
                rows="3"
                .value=${this.values.sharingReason}
                aria-describedby=${this.describedBy('sharingReason')}
                @input=${this.text('sharingReason')}
              ></textarea>
            </div>
          </div>
          <p class="choices__divider">or</p>
          ${radio('undecided', 'sharing-undecided', 'Not decided yet', 'It stays out of the family’s version until you or the lead professional decide.')}
        </div>
      </fieldset>
    </div>`;
  }

  override render() {
    const amend = this.mode === 'amend';
    const summaryErrors = this.errors.map((e) => ({ target: e.field === 'form' ? '' : e.field, message: e.message }));
    return html`<section aria-labelledby="form-title" data-entry-form=${this.mode}>
      <h2 class="heading-m" id="form-title" tabindex="-1">${amend ? 'Amend entry' : (this.formTitle ?? 'Add an entry')}</h2>
      ${errorSummary(summaryErrors, this.renderRoot as ShadowRoot)}
      ${this.changedElsewhere
        ? html`<div class="warning-text" role="alert">
            <span class="warning-text__icon" aria-hidden="true">!</span>
            <span>Someone else has changed this entry since you opened it. Check it before you save: your changes will replace theirs.</span>
          </div>`
        : nothing}
      <form novalidate @submit=${this.submit}>
        ${this.dateGroup()}
        ${this.input('time', 'Time (optional)', 'On the 24-hour clock, for example 14:30', 'input--width-5')}
        ${this.categoryGroup()}
        ${screeningFields({ values: this.values, errorFor: (f) => this.errorFor(f), set: (f, v) => this.set(f, v) })}
        ${this.summaryGroup()}
        ${this.textarea('detail', 'Detail (optional)', 'What happened, who was involved and what was said')}
        ${this.textarea('impactOnChild', 'Impact on the child (optional)', 'What this meant for the child, in your professional view')}
        ${childsVoiceFields({ values: this.values, errorFor: (f) => this.errorFor(f), set: (f, v) => this.set(f, v) })}
        ${peopleFields({ values: this.values, people: this.people, errorFor: (f) => this.errorFor(f), set: (f, v) => this.set(f, v) })}
        ${this.textarea('actionTaken', 'Action taken (optional)', 'What you or your agency did, and any referral made')}
        ${this.input('sourceRef', 'Source reference (optional)', "Your agency's own record number, so the entry can be traced", 'input--width-20')}
        ${this.input('recordedBy', 'Recorded by (optional)', 'Name and role, if not you', 'input--width-20')}
        ${amend || !this.allowRestricted
          ? nothing
          : html`<div class="form-group">
              <div class="choices">
                <div class="choice">
                  <input class="choice__input" id="restricted" name="restricted" type="checkbox" aria-describedby="restricted-hint" .checked=${this.values.restricted} @change=${(e: Event) => this.set('restricted', (e.target as HTMLInputElement).checked)} />
                  <label class="choice__label" for="restricted">Restrict to my agency</label>
                  <div class="choice__hint" id="restricted-hint">
                    Only people in ${this.agencyName} will see this entry, for example police intelligence. This cannot be changed later.
                  </div>
                </div>
              </div>
            </div>`}
        ${this.sharingGroup()}
        <div class="button-group">
          <button type="submit" class="button">${amend ? 'Save changes' : (this.submitLabel ?? 'Add entry')}</button>
          <button type="button" class="link-button" @click=${this.cancel}>Cancel</button>
        </div>
      </form>
      ${amend
        ? html`<h3 class="heading-s">History of this entry</h3>
            ${historyList(this.history, this.historyError, this.agencyNames)}`
        : nothing}
    </section>`;
  }
}
