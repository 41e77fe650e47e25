// The people around the child on a chronology page (issue 14 item 3): each adult's name, how they stand to
// this child, their age, and the flags the reader's agency may see (what, why, who and when; withdrawn
// flags stay listed, marked). People of member agencies add and change people and flag them; a flag is
// withdrawn only by its agency; the lead sees possible duplicate records and merges two after a confirm
// step. The server decides and audits every request; this offers only what it would allow. The list is
// told to the page (`mac-people-loaded`) so the entry form can offer the people and the details name them.
//
// One module: the list of people, their flags and the link and merge forms share one state (who is open,
// which form shows, the error summary).
import { LitElement, css, html, nothing } from 'lit';
import {
  checkFlag,
  checkFlagWithdrawal,
  checkNewPerson,
  checkPersonPatch,
  PERSON_FLAG_KINDS,
  PERSON_FLAG_SHARING,
  PERSON_FLAG_SHARING_LABELS,
  PERSON_RELATIONSHIPS,
  todayIso,
  type FieldError,
} from '@mac/domain';
import { banners, base, formatInstant, forms, tables, tokens } from '@mac/ui';
import { ApiError, type Api, type PersonRecord } from '../api.js';
import { describeDob } from './caseload-page.js';
import { fieldErrorsOf, flagLabel, orderedFlags, personName, relationshipLabel, relationshipTo, survivors, type PersonFormErrors } from './people-model.js';
import { errorText } from './page-support.js';

type OpenForm =
  | { kind: 'add' }
  | { kind: 'edit'; personId: string }
  | { kind: 'flag'; personId: string }
  | { kind: 'withdraw'; personId: string; flagId: string }
  | { kind: 'merge'; fromId: string; intoId: string }
  | null;

/** Checked here with the server's own rules first, so a mistake is shown without a request (the server checks again). */
function checked<T>(result: { ok: true; value: T } | { ok: false; problems: FieldError[] }): T {
  if (!result.ok) throw new ApiError(422, 'invalid', 'There is a problem', result.problems);
  return result.value;
}

type Suggestion = { reason: string; people: PersonRecord[]; canMerge: boolean };

const FIELD_LABEL: Record<keyof PersonFormErrors, string> = {
  givenName: 'Given name',
  familyName: 'Family name',
  dateOfBirth: 'Date of birth',
  relationship: 'Relationship',
  kind: 'What the flag is about',
  reason: 'Reason',
  sharing: 'Who may see it',
  form: '',
};

export class MacPeoplePanel extends LitElement {
  static override properties = {
    api: { attribute: false },
    chronologyId: { attribute: false },
    canWrite: { type: Boolean },
    isLead: { type: Boolean },
    myAgency: { attribute: false },
    agencyName: { attribute: false },
    people: { state: true },
    suggestions: { state: true },
    loadError: { state: true },
    open: { state: true },
    errors: { state: true },
    done: { state: true },
    busy: { state: true },
  };

  declare api: Api;
  declare chronologyId: string;
  declare canWrite: boolean;
  declare isLead: boolean;
  declare myAgency: string;
  declare agencyName: (slug: string) => string;
  declare private people: PersonRecord[] | null;
  declare private suggestions: Suggestion[];
  declare private loadError: string | null;
  declare private open: OpenForm;
  declare private errors: PersonFormErrors;
  declare private done: string | null;
  declare private busy: boolean;
  private loadedFor: string | null = null;

  constructor() {
    super();
    this.canWrite = false;
    this.isLead = false;
    this.myAgency = '';
    this.agencyName = (slug) => slug;
    this.people = null;
    this.suggestions = [];
    this.loadError = null;
    this.open = null;
    this.errors = {};
    this.done = null;
    this.busy = false;
  }

  static override styles = [
    tokens,
    base,
    forms,
    tables,
    banners,
    css`
      :host {
        display: block;
        margin-top: 2rem;
      }
      .person {
        border: 1px solid var(--mac-border, #b1b4b6);
        padding: 1rem;
        margin-bottom: 1rem;
      }
      .person h3 {
        margin-top: 0;
      }
      .flags {
        list-style: none;
        padding: 0;
        margin: 0 0 1rem;
      }
      .flags li {
        border-left: 5px solid var(--mac-error, #d4351c);
        padding: 0.25rem 0 0.25rem 0.75rem;
        margin-bottom: 0.5rem;
      }
      .flags li.withdrawn {
        border-left-color: #b1b4b6;
      }
      dl {
        margin: 0 0 1rem;
      }
      dt {
        font-weight: 700;
      }
      dd {
        margin: 0 0 0.5rem;
      }
    `,
  ];

  override updated(): void {
    if (this.api && this.chronologyId && this.loadedFor !== this.chronologyId) {
      this.loadedFor = this.chronologyId;
      void this.load();
    }
  }

  async load(): Promise<void> {
    try {
      this.people = (await this.api.people(this.chronologyId)).people;
      this.suggestions = this.isLead ? (await this.api.mergeSuggestions(this.chronologyId)).suggestions.filter((s) => s.canMerge) : [];
      this.loadError = null;
      this.dispatchEvent(new CustomEvent('mac-people-loaded', { detail: { people: this.people }, bubbles: true, composed: true }));
    } catch (err) {
      this.loadError = errorText(err, 'The people around the child could not be loaded.');
    }
  }

  private show(form: OpenForm): void {
    this.open = form;
    this.errors = {};
    this.done = null;
    void this.updateComplete.then(() => (this.renderRoot.querySelector('[data-people-form] input, [data-people-form] select, [data-people-form] textarea, [data-people-form] button') as HTMLElement | null)?.focus());
  }

  /** Runs a request from a form: the success message and a reload, or the problems beside their fields. */
  private async run(event: Event | null, action: () => Promise<string>): Promise<void> {
    event?.preventDefault();
    this.busy = true;
    try {
      const message = await action();
      this.open = null;
      this.errors = {};
      this.done = message;
      await this.load();
      void this.updateComplete.then(() => (this.renderRoot.querySelector('[data-people-done]') as HTMLElement | null)?.focus());
    } catch (err) {
      this.errors = err instanceof ApiError && err.fields.length > 0 ? fieldErrorsOf(err.fields, err.message) : { form: errorText(err) };
      void this.updateComplete.then(() => (this.renderRoot.querySelector('[data-people-errors]') as HTMLElement | null)?.focus());
    } finally {
      this.busy = false;
    }
  }

  private value(form: HTMLFormElement, name: string): string {
    return String(new FormData(form).get(name) ?? '');
  }

  private addPerson = (event: SubmitEvent) =>
    this.run(event, async () => {
      const f = event.target as HTMLFormElement;
      const body = { givenName: this.value(f, 'givenName'), familyName: this.value(f, 'familyName'), dateOfBirth: this.value(f, 'dateOfBirth'), relationship: this.value(f, 'relationship') };
      checked(checkNewPerson(body, todayIso()));
      await this.api.addPerson(this.chronologyId, body);
      return `${body.givenName.trim()} ${body.familyName.trim()} has been added.`;
    });

  private editPerson = (person: PersonRecord) => (event: SubmitEvent) =>
    this.run(event, async () => {
      const f = event.target as HTMLFormElement;
      const relationship = this.value(f, 'relationship');
      const linked = person.relationships.some((r) => r.chronologyId === this.chronologyId);
      const body = {
        givenName: this.value(f, 'givenName'),
        familyName: this.value(f, 'familyName'),
        dateOfBirth: this.value(f, 'dateOfBirth'),
        ...(linked ? { relationships: [{ chronologyId: this.chronologyId, relationship }] } : {}),
      };
      checked(checkPersonPatch(body, todayIso()));
      await this.api.updatePerson(person.id, body);
      return 'The changes have been saved.';
    });

  private flagPerson = (person: PersonRecord) => (event: SubmitEvent) =>
    this.run(event, async () => {
      const f = event.target as HTMLFormElement;
      const body = { kind: this.value(f, 'kind'), reason: this.value(f, 'reason'), sharing: this.value(f, 'sharing') };
      checked(checkFlag(body));
      await this.api.flagPerson(person.id, body);
      return `${personName(person)} has been flagged.`;
    });

  private withdrawFlag = (person: PersonRecord, flagId: string) => (event: SubmitEvent) =>
    this.run(event, async () => {
      const { reason } = checked(checkFlagWithdrawal({ reason: this.value(event.target as HTMLFormElement, 'reason') }));
      await this.api.withdrawPersonFlag(person.id, flagId, reason);
      return 'The flag has been withdrawn. It stays on record, marked as withdrawn.';
    });

  private merge = (fromId: string, intoId: string) =>
    this.run(null, async () => {
      await this.api.mergePerson(fromId, intoId);
      return 'The records have been merged. Both are kept: entries naming either now show this person.';
    });

  private errorSummary() {
    const entries = Object.entries(this.errors) as Array<[keyof PersonFormErrors, string]>;
    if (entries.length === 0) return nothing;
    return html`<div class="error-summary" role="alert" tabindex="-1" data-people-errors aria-labelledby="people-error-title">
      <h3 class="error-summary__title" id="people-error-title">There is a problem</h3>
      <ul class="error-summary__list">
        ${entries.map(([field, message]) => (field === 'form' ? html`<li>${message}</li>` : html`<li><a href="#people-${field}">${FIELD_LABEL[field]}: ${message}</a></li>`))}
      </ul>
    </div>`;
  }

  private field(name: 'givenName' | 'familyName' | 'dateOfBirth', label: string, value: string, hint?: string) {
    const error = this.errors[name];
    const described = [hint ? `people-${name}-hint` : '', error ? `people-${name}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="form-group ${error ? 'form-group--error' : ''}">
      <label class="label" for="people-${name}">${label}</label>
      ${hint ? html`<div class="hint" id="people-${name}-hint">${hint}</div>` : nothing}
      ${error ? html`<p class="error-message" id="people-${name}-error"><span class="visually-hidden">Error:</span> ${error}</p>` : nothing}
      <input class="input input--width-20 ${error ? 'input--error' : ''}" id="people-${name}" name=${name} type="text" .value=${value} aria-describedby=${described || nothing} autocomplete="off" spellcheck="false" />
    </div>`;
  }

  private relationshipSelect(current: string) {
    const error = this.errors.relationship;
    return html`<div class="form-group ${error ? 'form-group--error' : ''}">
      <label class="label" for="people-relationship">Relationship to this child</label>
      ${error ? html`<p class="error-message" id="people-relationship-error"><span class="visually-hidden">Error:</span> ${error}</p>` : nothing}
      <select class="select" id="people-relationship" name="relationship" aria-describedby=${error ? 'people-relationship-error' : nothing}>
        ${PERSON_RELATIONSHIPS.map((r) => html`<option value=${r} ?selected=${r === current}>${relationshipLabel(r)}</option>`)}
      </select>
    </div>`;
  }

  private personForm(person: PersonRecord | null) {
    const current = person?.relationships.find((r) => r.chronologyId === this.chronologyId)?.relationship ?? 'mother';
    return html`<form novalidate data-people-form=${person ? 'edit' : 'add'} @submit=${person ? this.editPerson(person) : this.addPerson}>
      ${this.errorSummary()} ${this.field('givenName', 'Given name', person?.givenName ?? '')} ${this.field('familyName', 'Family name', person?.familyName ?? '')}
      ${this.field('dateOfBirth', 'Date of birth (optional)', person?.dateOfBirth ?? '', 'If known. For example 27/3/1988, March 1988 or 1988')} ${this.relationshipSelect(current)}
      <div class="button-group">
        <button type="submit" class="button" ?disabled=${this.busy}>${person ? 'Save changes' : 'Add this person'}</button>
        <button type="button" class="link-button" @click=${() => (this.open = null)}>Cancel</button>
      </div>
    </form>`;
  }

  private flagForm(person: PersonRecord) {
    const e = this.errors;
    return html`<form novalidate data-people-form="flag" @submit=${this.flagPerson(person)}>
      ${this.errorSummary()}
      <div class="form-group ${e.kind ? 'form-group--error' : ''}">
        <label class="label" for="people-kind">What the flag is about</label>
        ${e.kind ? html`<p class="error-message" id="people-kind-error"><span class="visually-hidden">Error:</span> ${e.kind}</p>` : nothing}
        <select class="select" id="people-kind" name="kind">
          ${PERSON_FLAG_KINDS.map((k) => html`<option value=${k}>${flagLabel(k)}</option>`)}
        </select>
      </div>
      <div class="form-group ${e.reason ? 'form-group--error' : ''}">
        <label class="label" for="people-reason">Reason</label>
        <div class="hint" id="people-reason-hint">Why your agency sets this flag, for example “breach of restraining order”</div>
        ${e.reason ? html`<p class="error-message" id="people-reason-error"><span class="visually-hidden">Error:</span> ${e.reason}</p>` : nothing}
        <textarea class="textarea ${e.reason ? 'textarea--error' : ''}" id="people-reason" name="reason" rows="3" aria-describedby="people-reason-hint${e.reason ? ' people-reason-error' : ''}"></textarea>
      </div>
      <div class="form-group ${e.sharing ? 'form-group--error' : ''}">
        <fieldset>
          <legend class="legend">Who may see it</legend>
          ${e.sharing ? html`<p class="error-message" id="people-sharing-error"><span class="visually-hidden">Error:</span> ${e.sharing}</p>` : nothing}
          <div class="choices">
            ${PERSON_FLAG_SHARING.map(
              (s, i) => html`<div class="choice">
                <input class="choice__input" type="radio" name="sharing" value=${s} id=${i === 0 ? 'people-sharing' : `people-sharing-${s}`} ?checked=${i === 0} />
                <label class="choice__label" for=${i === 0 ? 'people-sharing' : `people-sharing-${s}`}>${PERSON_FLAG_SHARING_LABELS[s]}</label>
              </div>`,
            )}
          </div>
        </fieldset>
      </div>
      <div class="button-group">
        <button type="submit" class="button" ?disabled=${this.busy}>Add the flag</button>
        <button type="button" class="link-button" @click=${() => (this.open = null)}>Cancel</button>
      </div>
    </form>`;
  }

  private withdrawForm(person: PersonRecord, flagId: string) {
    const e = this.errors;
    return html`<form novalidate data-people-form="withdraw" @submit=${this.withdrawFlag(person, flagId)}>
      ${this.errorSummary()}
      <div class="form-group ${e.reason ? 'form-group--error' : ''}">
        <label class="label" for="people-reason">Why are you withdrawing this flag?</label>
        ${e.reason ? html`<p class="error-message" id="people-reason-error"><span class="visually-hidden">Error:</span> ${e.reason}</p>` : nothing}
        <textarea class="textarea" id="people-reason" name="reason" rows="2"></textarea>
      </div>
      <div class="button-group">
        <button type="submit" class="button button--warning" ?disabled=${this.busy}>Withdraw the flag</button>
        <button type="button" class="link-button" @click=${() => (this.open = null)}>Cancel</button>
      </div>
    </form>`;
  }

  private renderFlags(person: PersonRecord) {
    const flags = orderedFlags(person.flags);
    if (flags.length === 0) return html`<p class="secondary">No flags your agency may see.</p>`;
    return html`<ul class="flags" aria-label="Flags on ${personName(person)}">
      ${flags.map(
        (f) => html`<li class=${f.withdrawnAt ? 'withdrawn' : ''} data-flag=${f.kind}>
          <strong>${flagLabel(f.kind)}</strong>${f.withdrawnAt ? html` <span class="tag tag--grey">Withdrawn</span>` : nothing}${f.sharing === 'agency' ? html` <span class="tag tag--purple">${this.agencyName(f.agency)} only</span>` : nothing}
          <br />${f.reason}
          <br /><span class="secondary">Set by ${f.createdBy.name}, ${this.agencyName(f.agency)}, on ${formatInstant(f.createdAt)}</span>
          ${f.withdrawnAt ? html`<br /><span class="secondary">Withdrawn by ${f.withdrawnBy?.name ?? 'someone'} on ${formatInstant(f.withdrawnAt)}: ${f.withdrawnReason}</span>` : nothing}
          ${this.canWrite && !f.withdrawnAt && f.agency === this.myAgency
            ? html`<br /><button type="button" class="link-button" @click=${() => this.show({ kind: 'withdraw', personId: person.id, flagId: f.id })}>Withdraw<span class="visually-hidden"> the flag “${flagLabel(f.kind)}” on ${personName(person)}</span></button>`
            : nothing}
          ${this.open?.kind === 'withdraw' && this.open.flagId === f.id ? this.withdrawForm(person, f.id) : nothing}
        </li>`,
      )}
    </ul>`;
  }

  private renderPerson(person: PersonRecord) {
    const open = this.open;
    const mine = open !== null && 'personId' in open && open.personId === person.id;
    return html`<div class="person" data-person=${person.id}>
      <h3 class="heading-s">${personName(person)}</h3>
      <dl>
        <dt>Relationship to this child</dt>
        <dd>${relationshipTo(person, this.chronologyId)}</dd>
        <dt>Date of birth (age)</dt>
        <dd>${describeDob(person.dateOfBirth)}</dd>
      </dl>
      ${this.renderFlags(person)}
      ${this.canWrite
        ? html`<div class="button-group">
            <button type="button" class="button button--secondary button--small" @click=${() => this.show({ kind: 'flag', personId: person.id })}>Add a flag<span class="visually-hidden"> on ${personName(person)}</span></button>
            <button type="button" class="button button--secondary button--small" @click=${() => this.show({ kind: 'edit', personId: person.id })}>Change<span class="visually-hidden"> ${personName(person)}’s details</span></button>
          </div>`
        : nothing}
      ${mine && open?.kind === 'flag' ? this.flagForm(person) : nothing} ${mine && open?.kind === 'edit' ? this.personForm(person) : nothing}
    </div>`;
  }

  private renderSuggestions() {
    if (this.suggestions.length === 0) return nothing;
    const open = this.open;
    return html`<h3 class="heading-s" id="people-duplicates-title">Records that may be the same person</h3>
      <p class="hint">Check with the agencies before you merge: records are never merged by themselves. Both records are kept.</p>
      ${this.suggestions.map((s) => {
        const [into, from] = [s.people[0]!, s.people[1]!];
        const confirming = open?.kind === 'merge' && open.fromId === from.id && open.intoId === into.id;
        return html`<div class="inset" data-merge-suggestion>
          <p>${s.reason}: ${personName(into)} (added ${formatInstant(into.createdAt)} by ${this.agencyName(into.createdAgency)}) and ${personName(from)} (added ${formatInstant(from.createdAt)} by ${this.agencyName(from.createdAgency)}).</p>
          ${confirming
            ? html`<div class="warning-text" role="alert" data-merge-confirm>
                  <span class="warning-text__icon" aria-hidden="true">!</span>
                  <span>Merge the later record into the earlier one? Entries naming either will show one person, with both records’ flags and relationships. This cannot be undone here.</span>
                </div>
                ${this.errorSummary()}
                <div class="button-group">
                  <button type="button" class="button button--warning" ?disabled=${this.busy} data-people-form="merge" @click=${() => this.merge(from.id, into.id)}>Confirm merge</button>
                  <button type="button" class="link-button" @click=${() => (this.open = null)}>Cancel</button>
                </div>`
            : html`<button type="button" class="button button--secondary button--small" @click=${() => this.show({ kind: 'merge', fromId: from.id, intoId: into.id })}>
                Merge these records<span class="visually-hidden">: ${personName(into)} and ${personName(from)}</span>
              </button>`}
        </div>`;
      })}`;
  }

  override render() {
    const people = this.people === null ? null : survivors(this.people);
    return html`<section aria-labelledby="people-title" data-people-panel>
      <h2 class="heading-m" id="people-title">People around the child</h2>
      ${this.done ? html`<p class="secondary" role="status" tabindex="-1" data-people-done>${this.done}</p>` : nothing}
      ${this.loadError
        ? html`<p class="error-message" role="alert">${this.loadError}</p>`
        : people === null
          ? html`<p class="secondary" role="status">Loading the people around the child…</p>`
          : html`${people.length === 0 ? html`<p data-no-people>No adults around this child have been recorded yet.</p>` : people.map((p) => this.renderPerson(p))}
              ${this.renderSuggestions()}
              ${this.canWrite
                ? this.open?.kind === 'add'
                  ? html`<h3 class="heading-s">Add a person</h3>${this.personForm(null)}`
                  : html`<button type="button" class="button button--secondary" data-action="add-person" @click=${() => this.show({ kind: 'add' })}>Add a person around the child</button>`
                : nothing}`}
    </section>`;
  }
}
