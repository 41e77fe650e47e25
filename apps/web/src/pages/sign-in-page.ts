// Sign in: the GOV.UK pattern. Errors are listed in an error summary that takes focus, and shown
// beside each field; the server's answer to a wrong email or password is the same for both, and
// so is ours. A notice (signed out, session ended, password changed) is shown above the form and
// takes focus when the app brings the user here. When single sign-on is set up, "Sign in with your
// organisation account" comes first; a sign-on that failed comes back here with a fixed code
// (?error=…), shown in the error summary in plain words.
import { LitElement, css, html, nothing } from 'lit';
import { base, errorSummary, focusErrorSummary, forms, tokens } from '@mac/ui';
import { ApiError, type Api, type Me } from '../api.js';
import { signInErrorMessage } from '../app/sign-in-errors.js';

interface SignInError {
  field: 'email' | 'password' | 'form';
  message: string;
}

export class MacSignInPage extends LitElement {
  static override properties = {
    api: { attribute: false },
    notice: { attribute: false },
    errorCode: { attribute: false },
    ssoEnabled: { state: true },
    email: { state: true },
    password: { state: true },
    errors: { state: true },
    busy: { state: true },
  };

  declare api: Api;
  declare notice: string | null;
  /** The code single sign-on returned with, if it failed. */
  declare errorCode: string | null;
  declare private ssoEnabled: boolean;
  declare private email: string;
  declare private password: string;
  declare private errors: SignInError[];
  declare private busy: boolean;

  constructor() {
    super();
    this.notice = null;
    this.errorCode = null;
    this.ssoEnabled = false;
    this.email = '';
    this.password = '';
    this.errors = [];
    this.busy = false;
  }

  static override styles = [
    tokens,
    base,
    forms,
    css`
      :host {
        display: block;
        max-width: 40rem;
      }
      .banner {
        border: 5px solid var(--mac-brand);
        margin-bottom: 2rem;
      }
      .banner__header {
        padding: 2px 15px 5px;
        color: #fff;
        background: var(--mac-brand);
      }
      .banner__title {
        margin: 0;
        font-size: 1.1875rem;
        line-height: 1.6;
      }
      .banner__content {
        padding: 15px;
        font-size: 1.1875rem;
        font-weight: 700;
      }
      .banner__content p {
        margin: 0;
      }
      .input {
        max-width: 30rem;
      }
      .sso {
        margin-bottom: 2rem;
        padding-bottom: 1.5rem;
        border-bottom: 1px solid var(--mac-border);
      }
      .sso .button {
        margin-bottom: 0;
      }
      .sso p {
        margin: 1rem 0 0;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = 'Sign in – MAC';
    this.api
      .oidcStatus()
      .then((r) => (this.ssoEnabled = r.enabled))
      .catch(() => (this.ssoEnabled = false));
    if (this.errorCode) void this.updateComplete.then(() => focusErrorSummary(this.renderRoot as ShadowRoot));
  }

  /** Arriving with a notice (signed out, password changed), focus goes to it, so it is read first. */
  focusHeading(): void {
    (this.renderRoot.querySelector<HTMLElement>('[data-notice]') ?? this.renderRoot.querySelector<HTMLElement>('h1'))?.focus();
  }

  private errorFor(field: 'email' | 'password') {
    return this.errors.find((e) => e.field === field);
  }

  private async submit(event: Event) {
    event.preventDefault();
    const errors: SignInError[] = [];
    if (this.email.trim() === '') errors.push({ field: 'email', message: 'Enter your email address' });
    if (this.password === '') errors.push({ field: 'password', message: 'Enter your password' });
    if (errors.length > 0) return this.fail(errors);
    this.busy = true;
    try {
      const { user } = await this.api.login(this.email.trim(), this.password);
      this.errors = [];
      this.dispatchEvent(new CustomEvent<{ me: Me }>('mac-signed-in', { detail: { me: user }, bubbles: true, composed: true }));
    } catch (err) {
      this.password = '';
      // `fail` only moves focus to the error summary once it has rendered: nothing here waits for that.
      if (err instanceof ApiError && err.status === 401) {
        void this.fail([{ field: 'email', message: 'Enter a correct email address and password' }]);
      } else if (err instanceof ApiError && err.status === 429) {
        void this.fail([{ field: 'form', message: err.message }]);
      } else {
        void this.fail([{ field: 'form', message: err instanceof Error ? err.message : 'Sign in failed. Try again.' }]);
      }
    } finally {
      this.busy = false;
    }
  }

  private async fail(errors: SignInError[]) {
    this.errors = errors;
    await this.updateComplete;
    focusErrorSummary(this.renderRoot as ShadowRoot);
  }

  private field(name: 'email' | 'password', label: string, type: string, autocomplete: string) {
    const error = this.errorFor(name);
    return html`<div class="form-group ${error ? 'form-group--error' : ''}">
      <label class="label" for=${name}>${label}</label>
      ${error ? html`<p class="error-message" id="${name}-error"><span class="visually-hidden">Error:</span> ${error.message}</p>` : nothing}
      <input
        class="input ${error ? 'input--error' : ''}"
        id=${name}
        name=${name}
        type=${type}
        autocomplete=${autocomplete}
        spellcheck="false"
        .value=${name === 'email' ? this.email : this.password}
        aria-describedby=${error ? `${name}-error` : nothing}
        @input=${(e: Event) => {
          const value = (e.target as HTMLInputElement).value;
          if (name === 'email') this.email = value;
          else this.password = value;
        }}
      />
    </div>`;
  }

  override render() {
    const summary = this.errors.map((e) => ({ target: e.field === 'form' ? '' : e.field, message: e.message }));
    const ssoError = this.errors.length === 0 ? signInErrorMessage(this.errorCode) : null;
    if (ssoError) summary.push({ target: '', message: ssoError });
    return html`
      ${this.notice
        ? html`<div class="banner" role="region" aria-labelledby="notice-title" tabindex="-1" data-notice>
            <div class="banner__header"><h2 id="notice-title" class="banner__title">Important</h2></div>
            <div class="banner__content"><p>${this.notice}</p></div>
          </div>`
        : nothing}
      ${errorSummary(summary, this.renderRoot as ShadowRoot)}
      <h1 class="heading-l" tabindex="-1">Sign in to MAC</h1>
      ${this.ssoEnabled
        ? html`<div class="sso" data-sso>
            <a class="button" href="/api/auth/oidc/login" draggable="false">Sign in with your organisation account</a>
            <p class="body-s secondary">Use the account you sign in to your computer with. Or sign in with your email address and password below.</p>
          </div>`
        : nothing}
      <p>Use the email address and password your agency's MAC administrator gave you.</p>
      <form novalidate @submit=${this.submit}>
        ${this.field('email', 'Email address', 'email', 'username')} ${this.field('password', 'Password', 'password', 'current-password')}
        <button type="submit" class="button" ?disabled=${this.busy}>Sign in</button>
      </form>
    `;
  }
}
