// <mac-household-event-form>: in the household panel (issue 14), record an event that concerns the whole
// household (a police call-out to the home, an eviction) once: the entry form's fields, and checkboxes for
// the children it is about (all of them at first). The server writes a copy on each chosen child's
// chronology your agency is a member of, all or none, and lists the children it left out; this says which,
// in words (GOV.UK success banner), and the open timelines show the copies live.
import { LitElement, css, html, nothing } from 'lit';
import type { EntryInput } from '@mac/domain';
import { banners, base, forms, tokens, type MacEntryForm } from '@mac/ui';
import { ApiError, type Api, type HouseholdChild } from '../api.js';
import { errorText } from './page-support.js';
import { pluralWord } from '@mac/domain';

interface Outcome {
  written: string[];
  skipped: Array<{ name: string; reason: string }>;
}

const nameOf = (c: HouseholdChild) => `${c.givenName} ${c.familyName}`;

/** "Leo Turner", "Leo Turner and Kai Turner", "A, B and C". */
function listNames(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export class MacHouseholdEventForm extends LitElement {
  static override properties = {
    api: { attribute: false },
    householdId: { attribute: false },
    kids: { attribute: false },
    agencyName: { attribute: false },
    chosen: { state: true },
    errors: { state: true },
    outcome: { state: true },
    busy: { state: true },
    open: { state: true },
  };

  declare api: Api;
  declare householdId: string;
  /** Every child of the household, this chronology's child first. */
  declare kids: readonly HouseholdChild[];
  /** The recording agency's name (the copies are its entries). */
  declare agencyName: string;
  declare private chosen: ReadonlySet<string> | null;
  declare private errors: Array<{ href: string | null; text: string }>;
  declare private outcome: Outcome | null;
  declare private busy: boolean;
  declare private open: boolean;

  constructor() {
    super();
    this.kids = [];
    this.agencyName = '';
    this.chosen = null;
    this.errors = [];
    this.outcome = null;
    this.busy = false;
    this.open = false;
  }

  static override styles = [
    tokens,
    base,
    forms,
    banners,
    css`
      :host {
        display: block;
        margin-top: 1.5rem;
      }
    `,
  ];

  /** The chosen children: all of them until the reader unticks one. */
  private chosenIds(): Set<string> {
    return new Set(this.chosen ?? this.kids.map((c) => c.chronologyId));
  }

  private toggle(id: string, on: boolean): void {
    const next = this.chosenIds();
    if (on) next.add(id);
    else next.delete(id);
    this.chosen = next;
  }

  private async record(event: CustomEvent<{ mode: 'create'; input: EntryInput }>): Promise<void> {
    event.stopPropagation();
    if (event.detail.mode !== 'create') return;
    const ids = this.kids.map((c) => c.chronologyId).filter((id) => this.chosenIds().has(id));
    this.outcome = null;
    if (ids.length === 0) {
      this.errors = [{ href: `#hh-child-${this.kids[0]?.chronologyId ?? ''}`, text: 'Select at least one child the event is about' }];
      return this.focusOn('[data-household-event-errors]');
    }
    this.busy = true;
    try {
      const result = await this.api.recordHouseholdEvent(this.householdId, { ...event.detail.input, chronologyIds: ids });
      const byId = new Map(this.kids.map((c) => [c.chronologyId, nameOf(c)]));
      this.outcome = {
        written: result.entries.map((e) => byId.get(e.chronologyId) ?? 'a child'),
        skipped: result.skipped.map((s) => ({ name: byId.get(s.chronologyId) ?? 'a child', reason: s.reason })),
      };
      this.errors = [];
      this.chosen = null;
      this.renderRoot.querySelector<MacEntryForm>('mac-entry-form')?.reset();
      this.open = false;
      this.dispatchEvent(new CustomEvent('mac-household-event-recorded', { detail: result, bubbles: true, composed: true }));
      void this.focusOn('[data-household-event-done]');
    } catch (err) {
      this.errors =
        err instanceof ApiError && err.fields.length > 0
          ? err.fields.map((f) => ({ href: null, text: f.message }))
          : [{ href: null, text: errorText(err, 'The household event could not be recorded.') }];
      void this.focusOn('[data-household-event-errors]');
    } finally {
      this.busy = false;
    }
  }

  private async focusOn(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private renderOutcome(outcome: Outcome) {
    return html`<div class="notification-banner notification-banner--success" role="alert" tabindex="-1" aria-labelledby="hh-done-title" data-household-event-done>
      <div class="notification-banner__header"><h3 class="notification-banner__title" id="hh-done-title">Success</h3></div>
      <div class="notification-banner__content">
        <p class="notification-banner__heading">The household event is recorded on the ${pluralWord(outcome.written.length, 'chronology', 'chronologies')} of ${listNames(outcome.written)}.</p>
        ${outcome.skipped.map(
          (s) => html`<p data-household-event-skipped>Not recorded for ${s.name}: ${s.reason}. Their lead professional has been told that ${this.agencyName} holds an event for the household.</p>`,
        )}
      </div>
    </div>`;
  }

  override render() {
    const chosen = this.chosenIds();
    const noneChosen = this.errors.some((e) => e.href !== null);
    return html`${this.outcome ? this.renderOutcome(this.outcome) : nothing}
      <details class="details" ?open=${this.open || this.errors.length > 0} @toggle=${(e: Event) => (this.open = (e.target as HTMLDetailsElement).open)}>
        <summary class="details__summary"><span class="details__summary-text" data-action="open-household-event">Record an event for the whole household</span></summary>
        <div class="details__text">
          <p>For something that concerns every child living here, such as a police call-out to the home or an eviction. It is recorded once, as an entry of ${this.agencyName}, on each chosen child’s chronology that ${this.agencyName} is a member of.</p>
          ${this.errors.length > 0
            ? html`<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="hh-error-title" data-household-event-errors>
                <h3 class="error-summary__title" id="hh-error-title">There is a problem</h3>
                <ul class="error-summary__list">
                  ${this.errors.map((e) => html`<li>${e.href ? html`<a href=${e.href}>${e.text}</a>` : e.text}</li>`)}
                </ul>
              </div>`
            : nothing}
          <div class="form-group ${noneChosen ? 'form-group--error' : ''}">
            <fieldset class="fieldset" aria-describedby=${noneChosen ? 'hh-children-hint hh-children-error' : 'hh-children-hint'}>
              <legend class="legend legend--s">Which children is it about?</legend>
              <div class="hint" id="hh-children-hint">Select all that apply.</div>
              ${noneChosen ? html`<p class="error-message" id="hh-children-error"><span class="visually-hidden">Error:</span> Select at least one child the event is about</p>` : nothing}
              <div class="choices choices--small">
                ${this.kids.map(
                  (c) => html`<div class="choice">
                    <input
                      class="choice__input"
                      type="checkbox"
                      id=${`hh-child-${c.chronologyId}`}
                      name="children"
                      value=${c.chronologyId}
                      .checked=${chosen.has(c.chronologyId)}
                      @change=${(e: Event) => this.toggle(c.chronologyId, (e.target as HTMLInputElement).checked)}
                    />
                    <label class="choice__label" for=${`hh-child-${c.chronologyId}`}>${nameOf(c)}</label>
                  </div>`,
                )}
              </div>
            </fieldset>
          </div>
          ${this.open || this.errors.length > 0
            ? // Only while open: the page's own entry form stays the one entry form on the page otherwise.
              html`<mac-entry-form
                mode="create"
                allowRestricted
                .formTitle=${'The event'}
                .submitLabel=${this.busy ? 'Recording…' : 'Record for the household'}
                .agencyName=${this.agencyName}
                @mac-entry-submit=${this.record}
                @mac-entry-cancel=${() => (this.open = false)}
              ></mac-entry-form>`
            : nothing}
        </div>
      </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mac-household-event-form': MacHouseholdEventForm;
  }
}
