// What the administration page's three sections (users, API tokens, the access review) share. Each
// is its own element, rendered without a shadow root: the page's styles reach it, and the page's one
// GOV.UK error summary (at the top, as the pattern asks) can move focus to any section's fields. The
// page owns that summary and the success banner; a section reports through `feedback`.
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import type { Agency } from '@mac/domain';
import { ApiError, type Api, type IssuedToken, type Me } from '../../api.js';
import { errorText } from '../page-support.js';
import type { FormError, TokenField, UserField } from '../../app/admin-forms.js';

/** A problem to show in the error summary: a form's field, or '' for an action that failed. */
export type Problem = FormError<UserField | TokenField | ''>;

/** How a section tells the page what happened. */
export interface AdminFeedback {
  /** Shows the problems in the error summary and moves focus to it. */
  fail(errors: Problem[]): Promise<void>;
  /** Shows the success banner and moves focus to it. */
  succeed(message: string): Promise<void>;
  /** Something was created that waits for approval: the approvals list asks again. */
  created(): void;
  /** The server refused the administrator's lists (the role changed since sign-in). */
  forbidden(): void;
  /** A token was issued: its secret is shown once, at the top of the page. */
  tokenIssued(issued: IssuedToken): Promise<void>;
  tokenRevoked(id: string): void;
}

export abstract class AdminSection extends LitElement {
  static override properties = {
    api: { attribute: false },
    me: { attribute: false },
    agencies: { attribute: false },
    errors: { attribute: false },
    feedback: { attribute: false },
    busy: { state: true },
  };

  declare api: Api;
  declare me: Me;
  declare agencies: Agency[];
  /** The page's current problems: a field's own message shows beside it. */
  declare errors: readonly Problem[];
  declare feedback: AdminFeedback;
  declare protected busy: boolean;

  constructor() {
    super();
    this.agencies = [];
    this.errors = [];
    this.busy = false;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected agencyName = (slug: string): string => this.agencies.find((a) => a.slug === slug)?.name ?? slug;

  protected errorFor(field: UserField | TokenField) {
    return this.errors.find((e) => e.field === field);
  }

  protected errorMessage(field: UserField | TokenField) {
    const error = this.errorFor(field);
    return error ? html`<p class="error-message" id="${field}-error"><span class="visually-hidden">Error:</span> ${error.message}</p>` : nothing;
  }

  protected describedBy(field: UserField | TokenField, hint: boolean): string | typeof nothing {
    const ids = [hint ? `${field}-hint` : '', this.errorFor(field) ? `${field}-error` : ''].filter(Boolean).join(' ');
    return ids || nothing;
  }

  protected agencySelect(field: 'agency' | 'tokenAgency', label: string, hint: string | null, value: string, set: (slug: string) => void) {
    const error = this.errorFor(field);
    const agencies = [...this.agencies].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
    return html`<div class="form-group ${error ? 'form-group--error' : ''}">
      <label class="label" for=${field}>${label}</label>
      ${hint ? html`<div class="hint" id="${field}-hint">${hint}</div>` : nothing}
      ${this.errorMessage(field)}
      <select class="select ${error ? 'select--error' : ''}" id=${field} aria-describedby=${this.describedBy(field, hint !== null)} @change=${(e: Event) => set((e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${value === ''}>Choose an agency</option>
        ${agencies.map((a) => html`<option value=${a.slug} ?selected=${value === a.slug}>${a.name}</option>`)}
      </select>
    </div>`;
  }

  /** A warning under a table row before an action that takes something away, with the action and a way back. */
  protected confirmRow(message: TemplateResult, action: string, run: () => void, cancel: () => void, columns: number) {
    return html`<tr>
      <td colspan=${columns}>
        <div class="confirm" data-confirm>
          <div class="warning-text">
            <span class="warning-text__icon" aria-hidden="true">!</span>
            <span><span class="visually-hidden">Warning</span> ${message}</span>
          </div>
          <div class="button-group">
            <button type="button" class="button button--warning" ?disabled=${this.busy} @click=${run}>${action}</button>
            <button type="button" class="link-button" @click=${cancel}>Cancel</button>
          </div>
        </div>
      </td>
    </tr>`;
  }

  /** The section's list, or why it could not be loaded (a 403 is the page's to show). */
  protected async fetchList<T>(fetch: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; message: string | null }> {
    try {
      return { ok: true, value: await fetch() };
    } catch (err) {
      if (err instanceof ApiError && err.status === 403) {
        this.feedback.forbidden();
        return { ok: false, message: null };
      }
      return { ok: false, message: errorText(err) };
    }
  }

  /** Runs an action with the section's buttons disabled. */
  protected async working(action: () => Promise<void>): Promise<void> {
    this.busy = true;
    try {
      await action();
    } finally {
      this.busy = false;
    }
  }
}
