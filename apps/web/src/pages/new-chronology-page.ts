// Starting a chronology for a child (lead professionals only): the child's details and the
// agencies to share it with. GOV.UK question page: errors in a summary and beside each field.
import { LitElement, css, html, nothing } from 'lit';
import type { Agency } from '@mac/domain';
import { banners, base, childFieldOf, errorSummary, focusErrorSummary, forms, tokens, validateChildForm, type ChildField, type ChildFormError, type ChildFormValues } from '@mac/ui';
import { ApiError, type Api, type Me } from '../api.js';
import { chronologyPath } from '../app/router.js';
import { errorText } from './page-support.js';

const ORDER: readonly ChildField[] = ['givenName', 'familyName', 'dateOfBirth', 'nhsNumber', 'memberAgencies'];

export class MacNewChronologyPage extends LitElement {
  static override properties = {
    api: { attribute: false },
    me: { attribute: false },
    agencies: { attribute: false },
    values: { state: true },
    errors: { state: true },
    busy: { state: true },
  };

  declare api: Api;
  declare me: Me;
  declare agencies: Agency[];
  declare private values: ChildFormValues;
  declare private errors: ChildFormError[];
  declare private busy: boolean;

  constructor() {
    super();
    this.agencies = [];
    this.values = { givenName: '', familyName: '', dateOfBirth: '', nhsNumber: '', memberAgencies: [] };
    this.errors = [];
    this.busy = false;
  }

  static override styles = [
    tokens,
    base,
    forms,
    banners,
    css`
      :host {
        display: block;
        max-width: 44rem;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = 'Start a new chronology – MAC';
  }

  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  private set(patch: Partial<ChildFormValues>) {
    this.values = { ...this.values, ...patch };
  }

  private errorFor(field: ChildField) {
    return this.errors.find((e) => e.field === field);
  }

  private async fail(errors: ChildFormError[]) {
    this.errors = [...errors].sort((a, b) => ORDER.indexOf(a.field) - ORDER.indexOf(b.field));
    await this.updateComplete;
    focusErrorSummary(this.renderRoot as ShadowRoot);
  }

  private async submit(event: Event) {
    event.preventDefault();
    const result = validateChildForm(this.values, this.me.agency.slug);
    if (!result.ok) return this.fail(result.errors);
    this.busy = true;
    try {
      const created = await this.api.createChronology(result.body);
      this.dispatchEvent(new CustomEvent('mac-navigate', { detail: { path: chronologyPath(created.id) }, bubbles: true, composed: true }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 422 && err.fields.length > 0) {
        await this.fail(err.fields.map((f) => ({ field: childFieldOf(f.field) ?? 'givenName', message: f.message })));
      } else {
        await this.fail([{ field: 'givenName', message: errorText(err) }]);
      }
    } finally {
      this.busy = false;
    }
  }

  private input(field: 'givenName' | 'familyName' | 'dateOfBirth' | 'nhsNumber', label: string, hint: string | null, width: string, extra: { inputmode?: string; autocomplete?: string } = {}) {
    const error = this.errorFor(field);
    const describedBy = [hint ? `${field}-hint` : '', error ? `${field}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="form-group ${error ? 'form-group--error' : ''}">
      <label class="label" for=${field}>${label}</label>
      ${hint ? html`<div class="hint" id="${field}-hint">${hint}</div>` : nothing}
      ${error ? html`<p class="error-message" id="${field}-error"><span class="visually-hidden">Error:</span> ${error.message}</p>` : nothing}
      <input
        class="input ${width} ${error ? 'input--error' : ''}"
        id=${field}
        name=${field}
        type="text"
        autocomplete=${extra.autocomplete ?? 'off'}
        inputmode=${extra.inputmode ?? nothing}
        spellcheck="false"
        .value=${this.values[field]}
        aria-describedby=${describedBy || nothing}
        @input=${(e: Event) => this.set({ [field]: (e.target as HTMLInputElement).value })}
      />
    </div>`;
  }

  override render() {
    if (this.me.role !== 'lead') {
      return html`<a class="back-link" href="/">Back to your caseload</a>
        <h1 class="heading-l" tabindex="-1">Start a new chronology</h1>
        <p>Only a lead professional can start a chronology. Ask the child’s lead professional in children’s social care.</p>`;
    }
    const others = this.agencies.filter((a) => a.slug !== this.me.agency.slug);
    const chosen = new Set(this.values.memberAgencies);
    const summary = this.errors.map((e) => ({ target: e.field === 'memberAgencies' ? (others[0] ? `agency-${others[0].slug}` : '') : e.field, message: e.message }));
    return html`<a class="back-link" href="/">Back to your caseload</a>
      ${errorSummary(summary, this.renderRoot as ShadowRoot)}
      <h1 class="heading-l" tabindex="-1">Start a new chronology</h1>
      <p>You will be its lead professional. The agencies you choose can see it and add their own entries at once.</p>
      <form novalidate @submit=${this.submit}>
        <fieldset class="form-group">
          <legend class="legend heading-m">About the child</legend>
          ${this.input('givenName', 'First name', null, 'input--width-20')} ${this.input('familyName', 'Last name', null, 'input--width-20')}
          ${this.input('dateOfBirth', 'Date of birth (optional)', 'For example, 27/03/2019', 'input--width-10')}
          ${this.input('nhsNumber', 'NHS number (optional)', '10 digits, for example 943 476 5919', 'input--width-10', { inputmode: 'numeric' })}
        </fieldset>
        <div class="form-group">
          <fieldset aria-describedby="agencies-hint">
            <legend class="legend heading-m">Which agencies should share it?</legend>
            <div class="hint" id="agencies-hint">${this.me.agency.name}, your agency, is always a member. You can add or remove agencies later.</div>
            <div class="choices choices--small">
              ${others.map(
                (a) => html`<div class="choice">
                  <input
                    class="choice__input"
                    id="agency-${a.slug}"
                    type="checkbox"
                    .checked=${chosen.has(a.slug)}
                    @change=${(e: Event) => {
                      const on = (e.target as HTMLInputElement).checked;
                      this.set({ memberAgencies: on ? [...this.values.memberAgencies, a.slug] : this.values.memberAgencies.filter((s) => s !== a.slug) });
                    }}
                  />
                  <label class="choice__label" for="agency-${a.slug}">${a.name}</label>
                </div>`,
              )}
            </div>
          </fieldset>
        </div>
        <div class="button-group">
          <button type="submit" class="button" ?disabled=${this.busy}>Start the chronology</button>
          <a href="/">Cancel</a>
        </div>
      </form>`;
  }
}
