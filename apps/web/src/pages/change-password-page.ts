// Change your password: the current one, the new one and the new one again, each with a Show
// button (the GOV.UK password input). The browser checks what a mistyping gets wrong
// (app/password-form.ts); the server checks the current password and its policy and answers 422 with
// the field, shown beside it and in the error summary, which takes focus. On success the server has
// ended every session of the user, this one included: the page tells the app, which shows the
// sign-in page with a notice. The page warns of that before anything is asked.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { base, errorSummary, focusErrorSummary, forms, tokens } from '@mac/ui';
import { ApiError, type Api, type Me } from '../api.js';
import {
  EMPTY_PASSWORDS,
  PASSWORD_MIN,
  passwordErrorsFromServer,
  validatePasswordForm,
  type PasswordField,
  type PasswordFormError,
  type PasswordFormValues,
} from '../app/password-form.js';
import { errorText } from './page-support.js';

const TITLE = 'Change your password – MAC';

/** The words after "Show"/"Hide" on each field's button, so every button has its own name. */
const FIELD_NAMES: Record<PasswordField, string> = {
  currentPassword: 'current password',
  newPassword: 'new password',
  confirmPassword: 'new password confirmation',
};

export class MacChangePasswordPage extends LitElement {
  static override properties = {
    api: { attribute: false },
    me: { attribute: false },
    values: { state: true },
    errors: { state: true },
    shown: { state: true },
    busy: { state: true },
  };

  declare api: Api;
  declare me: Me;
  declare private values: PasswordFormValues;
  declare private errors: PasswordFormError[];
  /** The fields whose password is shown as text. */
  declare private shown: ReadonlySet<PasswordField>;
  declare private busy: boolean;

  constructor() {
    super();
    this.values = EMPTY_PASSWORDS;
    this.errors = [];
    this.shown = new Set();
    this.busy = false;
  }

  static override styles = [
    tokens,
    base,
    forms,
    css`
      :host {
        display: block;
        max-width: 44rem;
      }
      .password-row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: flex-start;
      }
      .password-row .input {
        flex: 1 1 16rem;
      }
      .password-row .button {
        margin-bottom: 0;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = TITLE;
  }

  protected override updated(changed: PropertyValues<this>): void {
    // GOV.UK: while the page shows errors, its title starts with "Error:".
    if ((changed as Map<PropertyKey, unknown>).has('errors') && this.isConnected) document.title = this.errors.length > 0 ? `Error: ${TITLE}` : TITLE;
  }

  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  private set(patch: Partial<PasswordFormValues>) {
    this.values = { ...this.values, ...patch };
  }

  private toggle(field: PasswordField) {
    const shown = new Set(this.shown);
    if (shown.has(field)) shown.delete(field);
    else shown.add(field);
    this.shown = shown;
  }

  private async fail(errors: PasswordFormError[]) {
    this.errors = errors;
    await this.updateComplete;
    focusErrorSummary(this.renderRoot as ShadowRoot);
  }

  private async submit(event: Event) {
    event.preventDefault();
    // GOV.UK: passwords go back to hidden on submit, so a browser never offers to save them as plain text.
    this.shown = new Set();
    const result = validatePasswordForm(this.values);
    if (!result.ok) return this.fail(result.errors);
    this.busy = true;
    try {
      await this.api.changePassword(result.body.currentPassword, result.body.newPassword);
      this.values = EMPTY_PASSWORDS;
      this.errors = [];
      // Every session of this user has ended, this one too: the app shows the sign-in page.
      this.dispatchEvent(new CustomEvent('mac-password-changed', { bubbles: true, composed: true }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return; // The session had already ended: the app is showing the sign-in page.
      if (err instanceof ApiError && err.status === 422 && err.fields.length > 0) {
        const errors = passwordErrorsFromServer(err.fields);
        // What the server refused is typed again; a current password it accepted stays.
        if (errors.some((e) => e.field === 'currentPassword')) this.set({ currentPassword: '' });
        if (errors.some((e) => e.field === 'newPassword')) this.set({ newPassword: '', confirmPassword: '' });
        await this.fail(errors);
      } else {
        await this.fail([{ field: '', message: errorText(err) }]);
      }
    } finally {
      this.busy = false;
    }
  }

  private errorFor(field: PasswordField) {
    return this.errors.find((e) => e.field === field);
  }

  private passwordInput(field: PasswordField, label: string, autocomplete: 'current-password' | 'new-password', hint: string | null) {
    const error = this.errorFor(field);
    const shown = this.shown.has(field);
    const describedBy = [hint ? `${field}-hint` : '', error ? `${field}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="form-group ${error ? 'form-group--error' : ''}">
      <label class="label" for=${field}>${label}</label>
      ${hint ? html`<div class="hint" id="${field}-hint">${hint}</div>` : nothing}
      ${error ? html`<p class="error-message" id="${field}-error"><span class="visually-hidden">Error:</span> ${error.message}</p>` : nothing}
      <div class="password-row">
        <input
          class="input input--width-20 ${error ? 'input--error' : ''}"
          id=${field}
          name=${field}
          type=${shown ? 'text' : 'password'}
          autocomplete=${autocomplete}
          spellcheck="false"
          autocapitalize="none"
          .value=${this.values[field]}
          aria-describedby=${describedBy || nothing}
          @input=${(e: Event) => this.set({ [field]: (e.target as HTMLInputElement).value })}
        />
        <button type="button" class="button button--secondary" aria-controls=${field} data-show=${field} @click=${() => this.toggle(field)}>
          ${shown ? 'Hide' : 'Show'}<span class="visually-hidden"> ${FIELD_NAMES[field]}</span>
        </button>
      </div>
      <p class="visually-hidden" aria-live="polite">${shown ? `Your ${FIELD_NAMES[field]} is visible` : ''}</p>
    </div>`;
  }

  override render() {
    const summary = this.errors.map((e) => ({ target: e.field, message: e.message }));
    return html`<a class="back-link" href=${this.me.role === 'admin' ? '/admin' : '/'}>${this.me.role === 'admin' ? 'Back to administration' : 'Back to your caseload'}</a>
      ${errorSummary(summary, this.renderRoot as ShadowRoot)}
      <h1 class="heading-l" tabindex="-1">Change your password</h1>
      <p>You sign in to MAC as ${this.me.email}.</p>
      <div class="warning-text" data-warning>
        <span class="warning-text__icon" aria-hidden="true">!</span>
        <span>
          <span class="visually-hidden">Warning</span>
          Changing your password signs you out everywhere, including on other devices. Anything not yet saved on another device will be lost. You will then
          sign in again with your new password.
        </span>
      </div>
      <form novalidate @submit=${this.submit}>
        <!-- Tells a password manager whose password this is; not shown, and not sent. -->
        <input type="text" hidden name="username" autocomplete="username" .value=${this.me.email} readonly />
        ${this.passwordInput('currentPassword', 'Current password', 'current-password', null)}
        ${this.passwordInput('newPassword', 'New password', 'new-password', `At least ${PASSWORD_MIN} characters. Three random words work well, like ‘river candle orbit’.`)}
        ${this.passwordInput('confirmPassword', 'Confirm new password', 'new-password', null)}
        <div class="button-group">
          <button type="submit" class="button" ?disabled=${this.busy}>Change password</button>
          <a href=${this.me.role === 'admin' ? '/admin' : '/'}>Cancel</a>
        </div>
      </form>`;
  }
}
