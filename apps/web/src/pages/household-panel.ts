// The household section of a chronology page (issue 14): the other children who live with this child,
// with their age, how they stand in the household and their lead professional, and a link to each one
// the reader may open (the server says which: `canOpen`). Nothing of a sibling's entries is ever here:
// those are on the sibling's own page, under its own members. A lead may link another child they lead,
// or remove one; the server decides and audits every request, this only offers what it would allow.
// A link leads to the household view (household-page.ts): the children's timelines one above another.
// A member who may write records an event for the whole household here (household-event-form.ts).
import { LitElement, css, html, nothing } from 'lit';
import { HOUSEHOLD_RELATIONSHIPS, HOUSEHOLD_RELATIONSHIP_LABELS } from '@mac/domain';
import { banners, base, forms, tables, tokens } from '@mac/ui';
import { ApiError, type Api, type ChronologySummary, type HouseholdChild, type HouseholdView } from '../api.js';
import { chronologyPath, householdPath } from '../app/router.js';
import { describeDob } from './caseload-page.js';
import { describeRelationship, linkCandidates, linkErrors, otherChildren, type LinkFormErrors } from './household-model.js';
import { errorText } from './page-support.js';

export class MacHouseholdPanel extends LitElement {
  static override properties = {
    api: { attribute: false },
    chronologyId: { attribute: false },
    meId: { attribute: false },
    isLead: { type: Boolean },
    canWrite: { type: Boolean },
    agencyName: { attribute: false },
    myAgencyName: { attribute: false },
    view: { state: true },
    loadError: { state: true },
    caseload: { state: true },
    findingCandidates: { state: true },
    errors: { state: true },
    done: { state: true },
    busy: { state: true },
  };

  declare api: Api;
  declare chronologyId: string;
  declare meId: string;
  declare isLead: boolean;
  /** May write entries on this chronology: offered the household event form (issue 14). */
  declare canWrite: boolean;
  declare agencyName: (slug: string) => string;
  declare myAgencyName: string;
  declare private view: HouseholdView | null;
  declare private loadError: string | null;
  /** Every chronology this user can see, read once the lead opens "Link another child" (null until then). */
  declare private caseload: ChronologySummary[] | null;
  declare private findingCandidates: boolean;
  declare private errors: LinkFormErrors;
  declare private done: string | null;
  declare private busy: boolean;
  private loadedFor: string | null = null;

  constructor() {
    super();
    this.isLead = false;
    this.canWrite = false;
    this.agencyName = (slug) => slug;
    this.myAgencyName = '';
    this.view = null;
    this.loadError = null;
    this.caseload = null;
    this.findingCandidates = false;
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
      .link-form {
        display: flex;
        flex-wrap: wrap;
        gap: 0 1.5rem;
        align-items: flex-end;
      }
    `,
  ];

  override updated(): void {
    if (this.api && this.chronologyId && this.loadedFor !== this.chronologyId) {
      this.loadedFor = this.chronologyId;
      void this.load();
    }
  }

  /** Asks the server again (after a change, or when the page opens another chronology). */
  async load(): Promise<void> {
    try {
      this.view = await this.api.household(this.chronologyId);
      this.loadError = null;
    } catch (err) {
      this.loadError = errorText(err, 'The household could not be loaded.');
    }
  }

  /**
   * The chronologies this lead may link: asked for when they open "Link another child", not with every
   * chronology page. The form offers every child they lead, and the server's list cannot be asked for
   * those alone, so it is read through, 200 at a time (a lead's caseload may be thousands at county size).
   */
  private async loadCandidates(event: Event): Promise<void> {
    if (!(event.target as HTMLDetailsElement).open || this.caseload !== null || this.findingCandidates) return;
    this.findingCandidates = true;
    try {
      this.caseload = await this.api.everyChronology();
    } catch (err) {
      this.errors = { form: errorText(err, 'The children you lead could not be found.') };
    } finally {
      this.findingCandidates = false;
    }
  }

  private async link(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const other = String(data.get('child') ?? '');
    const relationship = String(data.get('relationship') ?? 'sibling');
    if (!other) {
      this.errors = { child: 'Select the child to link' };
      return this.focusError();
    }
    this.busy = true;
    this.done = null;
    try {
      const household = this.view?.household;
      if (household) await this.api.addHouseholdChild(household.id, { chronologyId: other, relationship });
      else await this.api.createHousehold({ chronologyIds: [this.chronologyId, other], children: [{ chronologyId: other, relationship }] });
      const name = this.caseload?.find((c) => c.id === other)?.child;
      this.errors = {};
      this.done = `${name ? `${name.givenName} ${name.familyName}` : 'The child'} is linked to this household.`;
      form.reset();
      await this.load();
    } catch (err) {
      this.errors = err instanceof ApiError ? linkErrors(err.status, err.code, err.message, err.fields) : { form: errorText(err) };
      this.focusError();
    } finally {
      this.busy = false;
    }
  }

  private async unlink(child: HouseholdChild): Promise<void> {
    const household = this.view?.household;
    if (!household) return;
    this.busy = true;
    this.done = null;
    try {
      await this.api.removeHouseholdChild(household.id, child.chronologyId);
      this.done = `${child.givenName} ${child.familyName} is no longer linked to this household.`;
      await this.load();
    } catch (err) {
      this.errors = { form: errorText(err) };
    } finally {
      this.busy = false;
    }
  }

  private focusError(): void {
    void this.updateComplete.then(() => (this.renderRoot.querySelector('[data-household-errors]') as HTMLElement | null)?.focus());
  }

  private renderChildren(view: HouseholdView) {
    const others = otherChildren(view, this.chronologyId);
    if (view.household === null || others.length === 0) return html`<p data-no-household>This child’s chronology is not linked to any other child’s.</p>`;
    return html`${view.household.name ? html`<p data-household-name>${view.household.name}</p>` : nothing}
      <table class="table" data-household>
        <caption class="visually-hidden">Other children in this household</caption>
        <thead>
          <tr>
            <th scope="col">Child</th>
            <th scope="col">Date of birth (age)</th>
            <th scope="col">In the household</th>
            <th scope="col">Lead professional</th>
            ${this.isLead ? html`<th scope="col"><span class="visually-hidden">Action</span></th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${others.map(
            (c) => html`<tr data-sibling=${c.chronologyId}>
              <th scope="row">
                ${c.canOpen
                  ? html`<a class="link" href=${chronologyPath(c.chronologyId)}>${c.givenName} ${c.familyName}</a>`
                  : html`${c.givenName} ${c.familyName}<br /><span class="secondary" data-not-member>Your agency is not a member of this chronology</span>`}
              </th>
              <td>${describeDob(c.dateOfBirth)}</td>
              <td>${describeRelationship(c)}</td>
              <td>${c.lead.name} (${this.agencyName(c.lead.agency)})</td>
              ${this.isLead
                ? html`<td>
                    <button type="button" class="button button--secondary button--small" ?disabled=${this.busy} @click=${() => this.unlink(c)}>
                      Remove<span class="visually-hidden"> ${c.givenName} ${c.familyName} from the household</span>
                    </button>
                  </td>`
                : nothing}
            </tr>`,
          )}
        </tbody>
      </table>
      <p class="hint">You see these children’s names, ages and leads because they live in the same household. What is recorded about them is shown only to the members of their own chronologies.</p>
      <p><a class="link" href=${householdPath(view.household.id)} data-household-view>See the household: every child’s timeline, one above another</a></p>`;
  }

  private renderLinkForm(view: HouseholdView) {
    const candidates = linkCandidates(this.caseload ?? [], this.meId, this.chronologyId, view);
    const e = this.errors;
    const problems = [e.child, e.relationship, e.form].filter((m): m is string => Boolean(m));
    return html`<details class="details" ?open=${problems.length > 0} @toggle=${this.loadCandidates}>
      <summary class="details__summary"><span class="details__summary-text">Link another child you lead to this household</span></summary>
      <div class="details__text">
        ${problems.length > 0
          ? html`<div class="error-summary" role="alert" tabindex="-1" data-household-errors aria-labelledby="household-error-title">
              <h3 class="error-summary__title" id="household-error-title">There is a problem</h3>
              <ul class="error-summary__list">
                ${e.child ? html`<li><a href="#household-child">${e.child}</a></li>` : nothing}
                ${e.relationship ? html`<li><a href="#household-relationship">${e.relationship}</a></li>` : nothing}
                ${e.form ? html`<li>${e.form}</li>` : nothing}
              </ul>
            </div>`
          : nothing}
        ${this.caseload === null
          ? html`<p class="secondary" role="status">${this.findingCandidates ? 'Finding the children you lead…' : ''}</p>`
          : candidates.length === 0
          ? html`<p data-no-candidates>There is no other chronology you lead to link.</p>`
          : html`<form class="link-form" novalidate @submit=${this.link}>
              <div class="form-group ${e.child ? 'form-group--error' : ''}">
                <label class="label" for="household-child">Child</label>
                ${e.child ? html`<p class="error-message" id="household-child-error"><span class="visually-hidden">Error:</span> ${e.child}</p>` : nothing}
                <select class="select ${e.child ? 'select--error' : ''}" id="household-child" name="child" aria-describedby=${e.child ? 'household-child-error' : nothing}>
                  <option value="">Select a child</option>
                  ${candidates.map((c) => html`<option value=${c.id}>${c.child.givenName} ${c.child.familyName}</option>`)}
                </select>
              </div>
              <div class="form-group ${e.relationship ? 'form-group--error' : ''}">
                <label class="label" for="household-relationship">How they stand in the household</label>
                ${e.relationship ? html`<p class="error-message" id="household-relationship-error"><span class="visually-hidden">Error:</span> ${e.relationship}</p>` : nothing}
                <select class="select ${e.relationship ? 'select--error' : ''}" id="household-relationship" name="relationship" aria-describedby=${e.relationship ? 'household-relationship-error' : nothing}>
                  ${HOUSEHOLD_RELATIONSHIPS.map((r) => html`<option value=${r}>${HOUSEHOLD_RELATIONSHIP_LABELS[r]}</option>`)}
                </select>
              </div>
              <div class="form-group">
                <button type="submit" class="button" ?disabled=${this.busy} data-action="link-household">Link to this household</button>
              </div>
            </form>`}
      </div>
    </details>`;
  }

  override render() {
    const view = this.view;
    return html`<section aria-labelledby="household-title" data-household-panel>
      <h2 class="heading-m" id="household-title">Household</h2>
      ${this.done ? html`<p class="secondary" role="status" data-household-done>${this.done}</p>` : nothing}
      ${this.loadError
        ? html`<p class="error-message" role="alert">${this.loadError}</p>`
        : view === null
          ? html`<p class="secondary" role="status">Loading the household…</p>`
          : html`${this.renderChildren(view)} ${this.canWrite && view.household !== null && view.children.length > 1
                ? html`<mac-household-event-form .api=${this.api} .householdId=${view.household.id} .kids=${view.children} .agencyName=${this.myAgencyName}></mac-household-event-form>`
                : nothing}
            ${this.isLead ? this.renderLinkForm(view) : nothing}`}
    </section>`;
  }
}
