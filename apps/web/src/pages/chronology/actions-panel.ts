// The Actions section of a chronology page (issue 15 item 3): what was agreed for the child, who owns it,
// when it is due and where it stands ("Overdue by 12 days", in words and a tag, never colour alone). Any
// member raises an action, from here, from an entry's details or from a highlight card (the page calls
// `raise` with what it came from); the owner agency or the lead marks it done (with the outcome) or
// cancelled (with the reason). The form checks with @mac/domain's own schemas, the server checks again
// and names the fields; both land in one GOV.UK error summary that takes focus.
//
// One module: the list and its two forms share one state (which action is open, which form shows, the
// error summary); its rules are in @mac/domain actions.ts.
import { LitElement, css, html, nothing } from 'lit';
import { ACTION_SOURCE_LABELS, actionCreateSchema, actionDueText, actionPatchSchema, type ActionSource } from '@mac/domain';
import { banners, base, forms, tables, tokens } from '@mac/ui';
import { ApiError, type ActionView, type Api } from '../../api.js';
import { errorText } from '../page-support.js';

/** Where a new action comes from: an entry's details, a highlight card, or the analysis. */
export interface RaiseFrom {
  source: ActionSource;
  sourceRef: string;
  entryIds: string[];
  /** What it is about, in words ("Bruise on the arm, 20 October 2026"). */
  label: string;
}

interface Problem {
  /** The id of the field to focus from the error summary; '' for the form as a whole. */
  target: string;
  message: string;
}

const CREATE_FIELDS: Record<string, string> = { title: 'action-title', ownerAgency: 'action-owner', ownerUserId: 'action-owner', dueDate: 'action-due-day', notes: 'action-notes', entryIds: 'action-title', sourceRef: 'action-title' };
const UPDATE_FIELDS: Record<string, string> = { status: 'update-status', outcome: 'update-outcome', reason: 'update-reason', dueDate: 'update-status' };

/** One problem per field shown (the owner's agency and person are one control), in the form's order. */
function problemsOf(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> | Array<{ field: string; message: string }>, fields: Record<string, string>): Problem[] {
  const out: Problem[] = [];
  for (const i of issues) {
    const field = 'field' in i ? i.field : i.path.join('.');
    const target = fields[field] ?? '';
    if (target === '' || !out.some((p) => p.target === target)) out.push({ target, message: i.message });
  }
  return out;
}

function dueDateOf(data: FormData, prefix: string): string {
  const part = (name: string, width: number) => String(data.get(`${prefix}-${name}`) ?? '').trim().padStart(width, '0');
  const [d, m, y] = [part('day', 2), part('month', 2), String(data.get(`${prefix}-year`) ?? '').trim()];
  return d === '00' && m === '00' && y === '' ? '' : `${y}-${m}-${d}`;
}

function formatDue(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!)).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

export class MacActionsPanel extends LitElement {
  static override properties = {
    api: { attribute: false },
    chronologyId: { attribute: false },
    canWrite: { type: Boolean },
    isLead: { type: Boolean },
    myAgency: { attribute: false },
    agencyName: { attribute: false },
    data: { state: true },
    loadError: { state: true },
    creating: { state: true },
    updating: { state: true },
    problems: { state: true },
    done: { state: true },
    busy: { state: true },
  };

  declare api: Api;
  declare chronologyId: string;
  declare canWrite: boolean;
  declare isLead: boolean;
  declare myAgency: string;
  declare agencyName: (slug: string) => string;
  declare private data: { actions: ActionView[]; owners: Array<{ id: string; name: string; agency: string }>; today: string } | null;
  declare private loadError: string | null;
  declare private creating: RaiseFrom | null;
  declare private updating: ActionView | null;
  declare private problems: Problem[];
  declare private done: string | null;
  declare private busy: boolean;
  private loadedFor: string | null = null;

  constructor() {
    super();
    this.canWrite = false;
    this.isLead = false;
    this.myAgency = '';
    this.agencyName = (slug) => slug;
    this.data = null;
    this.loadError = null;
    this.creating = null;
    this.updating = null;
    this.problems = [];
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
      .date-input {
        display: flex;
        gap: 1rem;
      }
      .date-input .form-group {
        margin-bottom: 0;
      }
      .action-form {
        border-left: 4px solid var(--mac-border);
        padding-left: 1rem;
        margin: 1rem 0 2rem;
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
      this.data = await this.api.actions(this.chronologyId);
      this.loadError = null;
      // The page's patterns read them too: an overdue action is a highlight (`action-overdue`).
      this.dispatchEvent(new CustomEvent('mac-actions-loaded', { detail: { actions: this.data.actions } }));
    } catch (err) {
      this.loadError = errorText(err, 'The actions could not be loaded.');
    }
  }

  /** Opens the form to raise an action from an entry, a highlight or the analysis, and takes focus there. */
  raise(from: RaiseFrom): void {
    this.creating = from;
    this.updating = null;
    this.problems = [];
    this.done = null;
    void this.updateComplete.then(() => {
      this.scrollIntoView({ block: 'start' });
      this.renderRoot.querySelector<HTMLElement>('#action-title')?.focus();
    });
  }

  private mayChange(a: ActionView): boolean {
    return this.canWrite && (this.isLead || a.ownerAgency === this.myAgency);
  }

  private focusProblems(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[data-action-errors]')?.focus());
  }

  private fail(err: unknown, fields: Record<string, string>): void {
    this.problems = err instanceof ApiError && err.fields?.length ? problemsOf(err.fields, fields) : [{ target: '', message: errorText(err) }];
    this.focusProblems();
  }

  private async submitCreate(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const from = this.creating!;
    const data = new FormData(event.target as HTMLFormElement);
    const [ownerAgency, ownerUserId] = String(data.get('owner') ?? '').split('|');
    const body = {
      title: String(data.get('title') ?? ''),
      notes: String(data.get('notes') ?? ''),
      ownerAgency: ownerAgency ?? '',
      ownerUserId: ownerUserId ?? '',
      dueDate: dueDateOf(data, 'action-due'),
      source: from.source,
      sourceRef: from.sourceRef,
      entryIds: from.entryIds,
    };
    const checked = actionCreateSchema.safeParse(body);
    if (!checked.success) {
      this.problems = problemsOf(checked.error.issues, CREATE_FIELDS).map((p) => (p.target === 'action-owner' ? { ...p, message: 'Choose who owns the action' } : p));
      return this.focusProblems();
    }
    this.busy = true;
    try {
      const { action } = await this.api.raiseAction(this.chronologyId, body);
      this.creating = null;
      this.problems = [];
      this.done = `Action raised: “${action.title}”, owned by ${action.ownerName}, due ${formatDue(action.dueDate)}.`;
      await this.load();
    } catch (err) {
      this.fail(err, CREATE_FIELDS);
    } finally {
      this.busy = false;
    }
  }

  private async submitUpdate(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const action = this.updating!;
    const data = new FormData(event.target as HTMLFormElement);
    const status = String(data.get('status') ?? '');
    const body: Record<string, string> = {};
    if (status) body.status = status;
    if (status === 'done') body.outcome = String(data.get('outcome') ?? '');
    if (status === 'cancelled') body.reason = String(data.get('reason') ?? '');
    const checked = actionPatchSchema.safeParse(body);
    if (!checked.success) {
      this.problems = problemsOf(checked.error.issues, UPDATE_FIELDS).map((p) => (p.target === '' && !status ? { target: 'update-status', message: 'Choose what has happened to the action' } : p));
      return this.focusProblems();
    }
    this.busy = true;
    try {
      const { action: changed } = await this.api.changeAction(this.chronologyId, action.id, body);
      this.updating = null;
      this.problems = [];
      // The row shows the change with the message that announces it (the list is then read again): it
      // said "Overdue" beside "… is now done" until the list came back.
      if (this.data) this.data = { ...this.data, actions: this.data.actions.map((a) => (a.id === changed.id ? changed : a)) };
      this.done = `“${changed.title}” is now ${changed.status === 'open' ? 'open' : changed.status}.`;
      await this.load();
    } catch (err) {
      this.fail(err, UPDATE_FIELDS);
    } finally {
      this.busy = false;
    }
  }

  private errorFor(target: string) {
    const p = this.problems.find((x) => x.target === target);
    return p ? html`<p class="error-message" id="${target}-error"><span class="visually-hidden">Error:</span> ${p.message}</p>` : nothing;
  }

  private renderErrors() {
    if (this.problems.length === 0) return nothing;
    return html`<div class="error-summary" role="alert" tabindex="-1" data-action-errors aria-labelledby="action-error-title">
      <h3 class="error-summary__title" id="action-error-title">There is a problem</h3>
      <ul class="error-summary__list">
        ${this.problems.map((p) => html`<li>${p.target ? html`<a href="#${p.target}" @click=${(e: Event) => this.jump(e, p.target)}>${p.message}</a>` : p.message}</li>`)}
      </ul>
    </div>`;
  }

  private jump(event: Event, target: string): void {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>(`#${target}`)?.focus();
  }

  private renderCreate(from: RaiseFrom) {
    const owners = this.data?.owners ?? [];
    const has = (t: string) => this.problems.some((p) => p.target === t);
    const agencies = [...new Set(owners.map((o) => o.agency))];
    return html`<form class="action-form" novalidate @submit=${this.submitCreate} data-action-form="create">
      <h3 class="heading-s">Raise an action</h3>
      <p class="hint" data-action-from>From ${ACTION_SOURCE_LABELS[from.source].toLowerCase()}: ${from.label}</p>
      ${this.renderErrors()}
      <div class="form-group ${has('action-title') ? 'form-group--error' : ''}">
        <label class="label" for="action-title">What is to be done</label>
        ${this.errorFor('action-title')}
        <input class="input ${has('action-title') ? 'input--error' : ''}" id="action-title" name="title" type="text" autocomplete="off" aria-describedby=${has('action-title') ? 'action-title-error' : nothing} />
      </div>
      <div class="form-group ${has('action-owner') ? 'form-group--error' : ''}">
        <label class="label" for="action-owner">Who owns it</label>
        <div class="hint" id="action-owner-hint">A person of one of this chronology’s agencies. Only their agency, or the lead professional, can close it.</div>
        ${this.errorFor('action-owner')}
        <select class="select ${has('action-owner') ? 'select--error' : ''}" id="action-owner" name="owner" aria-describedby="action-owner-hint${has('action-owner') ? ' action-owner-error' : ''}">
          <option value="">Choose a person</option>
          ${agencies.map(
            (agency) => html`<optgroup label=${this.agencyName(agency)}>
              ${owners.filter((o) => o.agency === agency).map((o) => html`<option value="${o.agency}|${o.id}">${o.name}</option>`)}
            </optgroup>`,
          )}
        </select>
      </div>
      <div class="form-group ${has('action-due-day') ? 'form-group--error' : ''}">
        <fieldset role="group" aria-describedby="action-due-hint${has('action-due-day') ? ' action-due-day-error' : ''}">
          <legend class="legend">When is it due?</legend>
          <div class="hint" id="action-due-hint">For example, 27 3 2027</div>
          ${this.errorFor('action-due-day')}
          <div class="date-input">
            <div class="form-group">
              <label class="label" for="action-due-day">Day</label>
              <input class="input input--width-5 ${has('action-due-day') ? 'input--error' : ''}" id="action-due-day" name="action-due-day" inputmode="numeric" />
            </div>
            <div class="form-group">
              <label class="label" for="action-due-month">Month</label>
              <input class="input input--width-5 ${has('action-due-day') ? 'input--error' : ''}" id="action-due-month" name="action-due-month" inputmode="numeric" />
            </div>
            <div class="form-group">
              <label class="label" for="action-due-year">Year</label>
              <input class="input input--width-10 ${has('action-due-day') ? 'input--error' : ''}" id="action-due-year" name="action-due-year" inputmode="numeric" />
            </div>
          </div>
        </fieldset>
      </div>
      <div class="form-group">
        <label class="label" for="action-notes">Notes for professionals (optional)</label>
        <div class="hint" id="action-notes-hint">Never shown in the family version of a conference pack.</div>
        <textarea class="textarea" id="action-notes" name="notes" rows="3" aria-describedby="action-notes-hint"></textarea>
      </div>
      <div class="button-group">
        <button type="submit" class="button" ?disabled=${this.busy} data-action="raise">Raise the action</button>
        <button type="button" class="button button--secondary" @click=${() => ((this.creating = null), (this.problems = []))}>Cancel</button>
      </div>
    </form>`;
  }

  private renderUpdate(a: ActionView) {
    const has = (t: string) => this.problems.some((p) => p.target === t);
    const choice = (value: string, label: string, conditional: unknown = nothing) => html`<div class="choice">
        <input class="choice__input" id=${value === 'done' ? 'update-status' : `update-status-${value}`} name="status" type="radio" value=${value} />
        <label class="choice__label" for=${value === 'done' ? 'update-status' : `update-status-${value}`}>${label}</label>
      </div>
      ${conditional}`;
    return html`<form class="action-form" novalidate @submit=${this.submitUpdate} data-action-form="update">
      <h3 class="heading-s">Update: ${a.title}</h3>
      ${this.renderErrors()}
      <div class="form-group ${has('update-status') ? 'form-group--error' : ''}">
        <fieldset aria-describedby=${has('update-status') ? 'update-status-error' : nothing}>
          <legend class="legend">What has happened?</legend>
          ${this.errorFor('update-status')}
          <div class="choices">
            ${choice(
              'done',
              'Done',
              html`<div class="form-group ${has('update-outcome') ? 'form-group--error' : ''}">
                <label class="label" for="update-outcome">Outcome: what was done (needed when done)</label>
                ${this.errorFor('update-outcome')}
                <textarea class="textarea ${has('update-outcome') ? 'textarea--error' : ''}" id="update-outcome" name="outcome" rows="2"></textarea>
              </div>`,
            )}
            ${choice(
              'cancelled',
              'Cancelled',
              html`<div class="form-group ${has('update-reason') ? 'form-group--error' : ''}">
                <label class="label" for="update-reason">Why it is no longer needed (needed when cancelled)</label>
                ${this.errorFor('update-reason')}
                <textarea class="textarea ${has('update-reason') ? 'textarea--error' : ''}" id="update-reason" name="reason" rows="2"></textarea>
              </div>`,
            )}
            ${a.status === 'open' ? nothing : choice('open', 'Open again')}
          </div>
        </fieldset>
      </div>
      <div class="button-group">
        <button type="submit" class="button" ?disabled=${this.busy} data-action="save-update">Save</button>
        <button type="button" class="button button--secondary" @click=${() => ((this.updating = null), (this.problems = []))}>Cancel</button>
      </div>
    </form>`;
  }

  private renderList() {
    const data = this.data!;
    if (data.actions.length === 0) return html`<p data-no-actions>No actions have been raised for this child.</p>`;
    const overdue = data.actions.filter((a) => a.overdue).length;
    return html`${overdue > 0 ? html`<p data-overdue-summary><strong class="tag tag--red">${overdue} overdue</strong></p>` : nothing}
      <table class="table" data-actions>
        <caption class="visually-hidden">Actions for this child</caption>
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Owner</th>
            <th scope="col">Due</th>
            <th scope="col">Where it stands</th>
            <th scope="col"><span class="visually-hidden">Change</span></th>
          </tr>
        </thead>
        <tbody>
          ${data.actions.map(
            (a) => html`<tr data-action-row=${a.id}>
              <th scope="row">${a.title}${a.outcome && a.status === 'done' ? html`<div class="secondary body-s">Outcome: ${a.outcome}</div>` : nothing}${a.reason && a.status === 'cancelled'
                ? html`<div class="secondary body-s">Cancelled: ${a.reason}</div>`
                : nothing}</th>
              <td>${a.ownerName}<div class="secondary body-s">${this.agencyName(a.ownerAgency)}</div></td>
              <td>${formatDue(a.dueDate)}</td>
              <td data-standing>${a.overdue ? html`<strong class="tag tag--red">Overdue</strong> ` : nothing}${actionDueText(a, data.today)}</td>
              <td>
                ${this.mayChange(a)
                  ? html`<button type="button" class="button button--secondary button--small" @click=${() => ((this.updating = a), (this.creating = null), (this.problems = []), (this.done = null))}>
                      Update<span class="visually-hidden"> “${a.title}”</span>
                    </button>`
                  : nothing}
              </td>
            </tr>`,
          )}
        </tbody>
      </table>`;
  }

  override render() {
    return html`<section aria-labelledby="actions-title" data-actions-panel>
      <h2 class="heading-m" id="actions-title">Actions</h2>
      ${this.done ? html`<p class="secondary" role="status" data-actions-done>${this.done}</p>` : nothing}
      ${this.loadError
        ? html`<p class="error-message" role="alert">${this.loadError}</p>`
        : this.data === null
          ? html`<p class="secondary" role="status">Loading the actions…</p>`
          : html`${this.renderList()} ${this.updating ? this.renderUpdate(this.updating) : nothing}
            ${this.creating
              ? this.renderCreate(this.creating)
              : this.canWrite
                ? html`<button type="button" class="button button--secondary" data-action="raise-general" @click=${() => this.raise({ source: 'analysis', sourceRef: '', entryIds: [], label: 'the chronology as a whole' })}>
                    Raise an action
                  </button>`
                : nothing}`}
    </section>`;
  }
}
