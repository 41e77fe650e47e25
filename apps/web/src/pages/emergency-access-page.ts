// Emergency ("break-glass") access: someone whose agency is not a member of a child's chronology
// finds it by the child's NHS number, gives a reason and their password again, and gets read-only
// access for 60 minutes (someone who signs in through their organisation's single sign-on confirms it
// there instead of with a password). Everything about it is audited and the chronology's lead is told at once,
// so the page says so plainly (GOV.UK warning text) before anything is asked.
import { LitElement, css, html, nothing } from 'lit';
import { isValidNhsNumber } from '@mac/domain';
import { pageStyles, errorSummary, focusErrorSummary } from '@mac/ui';
import { ApiError, type Api, type Grant, type Me } from '../api.js';
import { chronologyPath } from '../app/router.js';
import { errorText } from './page-support.js';
import { defineOnce } from '../app/lazy-pages.js';

type Field = 'nhsNumber' | 'reason' | 'password';

interface Found {
  chronologyId: string;
  childInitials: string;
  leadName: string;
}

const MIN_REASON = 10;

/** What the page says when the provider sent the user back without a grant (never the provider's text). */
const SSO_ERRORS: Record<string, string> = {
  oidc_other_user: 'Your organisation’s sign-in confirmed a different person. Sign in there as yourself, or confirm with your password.',
  oidc_denied: 'Signing in again at your organisation was cancelled, so emergency access was not given.',
  default: 'We could not confirm it was you through your organisation’s sign-in, so emergency access was not given. Try again, or confirm with your password.',
};

export class MacEmergencyAccessPage extends LitElement {
  static override properties = {
    api: { attribute: false },
    me: { attribute: false },
    nhsNumber: { state: true },
    reason: { state: true },
    password: { state: true },
    found: { state: true },
    errors: { state: true },
    busy: { state: true },
    alreadyMember: { state: true },
    ssoEnabled: { state: true },
  };

  declare api: Api;
  declare me: Me;
  declare private nhsNumber: string;
  declare private reason: string;
  declare private password: string;
  declare private found: Found | null;
  declare private errors: Array<{ field: Field | 'form'; message: string }>;
  declare private busy: boolean;
  declare private alreadyMember: string | null;
  declare private ssoEnabled: boolean;

  constructor() {
    super();
    this.nhsNumber = '';
    this.reason = '';
    this.password = '';
    this.found = null;
    this.errors = [];
    this.busy = false;
    this.alreadyMember = null;
    this.ssoEnabled = false;
  }

  static override styles = [
    ...pageStyles,
    css`
      :host {
        display: block;
        max-width: 44rem;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = 'Request emergency access – MAC';
    void this.api
      .oidcStatus()
      .then((s) => (this.ssoEnabled = s.enabled))
      .catch(() => undefined);
    // Back from the provider without a grant: say why once, and take the code out of the address.
    const code = new URLSearchParams(window.location.search).get('error');
    if (code !== null) {
      window.history.replaceState(window.history.state, '', window.location.pathname);
      void this.fail([{ field: 'form', message: SSO_ERRORS[code] ?? SSO_ERRORS.default! }]);
    }
  }

  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  private async fail(errors: Array<{ field: Field | 'form'; message: string }>) {
    this.errors = errors;
    await this.updateComplete;
    focusErrorSummary(this.renderRoot as ShadowRoot);
  }

  private async find(event: Event) {
    event.preventDefault();
    const nhs = this.nhsNumber.trim();
    if (nhs === '') return this.fail([{ field: 'nhsNumber', message: 'Enter the child’s NHS number' }]);
    if (!isValidNhsNumber(nhs)) return this.fail([{ field: 'nhsNumber', message: 'Enter a valid NHS number: 10 digits, like 943 476 5919' }]);
    this.busy = true;
    this.alreadyMember = null;
    try {
      this.found = await this.api.breakGlassLookup(nhs);
      this.errors = [];
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#found-title')?.focus();
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        await this.fail([{ field: 'nhsNumber', message: 'No chronology was found for that NHS number. Check it, or ask children’s social care whether one has been started.' }]);
      } else {
        await this.fail([{ field: 'form', message: errorText(err) }]);
      }
    } finally {
      this.busy = false;
    }
  }

  private async request(event: Event) {
    event.preventDefault();
    const found = this.found;
    if (!found) return;
    const errors: Array<{ field: Field; message: string }> = [];
    if (this.reason.trim().length < MIN_REASON) {
      errors.push({ field: 'reason', message: this.reason.trim() === '' ? 'Enter why you need emergency access' : `Enter why you need emergency access, in at least ${MIN_REASON} characters` });
    }
    if (this.password === '') errors.push({ field: 'password', message: 'Enter your password' });
    if (errors.length > 0) return this.fail(errors);
    this.busy = true;
    try {
      const grant = await this.api.breakGlass(found.chronologyId, this.reason.trim(), this.password);
      this.password = '';
      this.granted(grant);
    } catch (err) {
      this.password = '';
      if (err instanceof ApiError && (err.code === 'already_member' || err.code === 'already_granted')) {
        this.alreadyMember = found.chronologyId;
        await this.fail([{ field: 'form', message: err.message }]);
      } else if (err instanceof ApiError && err.status === 422 && err.fields.length > 0) {
        await this.fail(err.fields.map((f) => ({ field: f.field === 'password' ? 'password' : 'reason', message: f.message })));
      } else {
        await this.fail([{ field: 'form', message: errorText(err) }]);
      }
    } finally {
      this.busy = false;
    }
  }

  /** The same request, confirmed at the organisation's sign-in instead of with the password. */
  private async requestSso() {
    const found = this.found;
    if (!found) return;
    if (this.reason.trim().length < MIN_REASON) {
      return this.fail([{ field: 'reason', message: this.reason.trim() === '' ? 'Enter why you need emergency access' : `Enter why you need emergency access, in at least ${MIN_REASON} characters` }]);
    }
    this.busy = true;
    try {
      const { redirectTo } = await this.api.breakGlassSso(found.chronologyId, this.reason.trim());
      window.location.assign(redirectTo);
    } catch (err) {
      this.busy = false;
      if (err instanceof ApiError && (err.code === 'already_member' || err.code === 'already_granted')) this.alreadyMember = found.chronologyId;
      await this.fail([{ field: err instanceof ApiError && err.fields[0]?.field === 'reason' ? 'reason' : 'form', message: err instanceof ApiError && err.fields[0] ? err.fields[0].message : errorText(err) }]);
    }
  }

  private granted(grant: Grant) {
    this.dispatchEvent(new CustomEvent('mac-navigate', { detail: { path: chronologyPath(grant.chronologyId) }, bubbles: true, composed: true }));
  }

  private errorFor(field: Field) {
    return this.errors.find((e) => e.field === field);
  }

  private errorMessage(field: Field) {
    const error = this.errorFor(field);
    return error ? html`<p class="error-message" id="${field}-error"><span class="visually-hidden">Error:</span> ${error.message}</p>` : nothing;
  }

  private warning() {
    return html`<div class="warning-text" data-warning>
      <span class="warning-text__icon" aria-hidden="true">!</span>
      <span>
        <span class="visually-hidden">Warning</span>
        Emergency access is recorded, with your reason and everything you open. The chronology’s lead professional is told straight away and must review
        why you used it.
      </span>
    </div>`;
  }

  private lookupForm() {
    const error = this.errorFor('nhsNumber');
    return html`<form novalidate @submit=${this.find}>
      <div class="form-group ${error ? 'form-group--error' : ''}">
        <label class="label" for="nhsNumber">The child’s NHS number</label>
        <div class="hint" id="nhsNumber-hint">10 digits, for example 943 476 5919</div>
        ${this.errorMessage('nhsNumber')}
        <input
          class="input input--width-10 ${error ? 'input--error' : ''}"
          id="nhsNumber"
          name="nhsNumber"
          type="text"
          inputmode="numeric"
          autocomplete="off"
          spellcheck="false"
          .value=${this.nhsNumber}
          aria-describedby="nhsNumber-hint${error ? ' nhsNumber-error' : ''}"
          @input=${(e: Event) => (this.nhsNumber = (e.target as HTMLInputElement).value)}
        />
      </div>
      <button type="submit" class="button" ?disabled=${this.busy}>Find the chronology</button>
    </form>`;
  }

  private requestForm(found: Found) {
    const reasonError = this.errorFor('reason');
    const passwordError = this.errorFor('password');
    return html`<h2 class="heading-m" id="found-title" tabindex="-1">Chronology found</h2>
      <dl class="summary-list" data-found>
        <div class="summary-list__row"><dt>Child’s initials</dt><dd>${found.childInitials}</dd></div>
        <div class="summary-list__row"><dt>Lead professional</dt><dd>${found.leadName}</dd></div>
      </dl>
      ${this.alreadyMember ? html`<p><a href=${chronologyPath(this.alreadyMember)}>Open the chronology</a></p>` : nothing}
      ${this.warning()}
      <form novalidate @submit=${this.request}>
        <div class="form-group ${reasonError ? 'form-group--error' : ''}">
          <label class="label" for="reason">Why do you need emergency access?</label>
          <div class="hint" id="reason-hint">For example, the child has been brought to the emergency department out of hours. ${found.leadName} will read this.</div>
          ${this.errorMessage('reason')}
          <textarea
            class="textarea ${reasonError ? 'textarea--error' : ''}"
            id="reason"
            name="reason"
            rows="4"
            .value=${this.reason}
            aria-describedby="reason-hint${reasonError ? ' reason-error' : ''}"
            @input=${(e: Event) => (this.reason = (e.target as HTMLTextAreaElement).value)}
          ></textarea>
        </div>
        <div class="form-group ${passwordError ? 'form-group--error' : ''}">
          <label class="label" for="password">Your password</label>
          <div class="hint" id="password-hint">Enter it again to confirm it is you, ${this.me.name}.</div>
          ${this.errorMessage('password')}
          <input
            class="input input--width-20 ${passwordError ? 'input--error' : ''}"
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            .value=${this.password}
            aria-describedby="password-hint${passwordError ? ' password-error' : ''}"
            @input=${(e: Event) => (this.password = (e.target as HTMLInputElement).value)}
          />
        </div>
        <div class="button-group">
          <button type="submit" class="button button--warning" ?disabled=${this.busy}>Get emergency access for 60 minutes</button>
          <a href="/">Cancel</a>
        </div>
      </form>
      ${this.ssoEnabled
        ? html`<h2 class="heading-s">If you sign in with your organisation’s account</h2>
            <p>Confirm it is you there instead of entering a password. You will be asked to sign in again, then brought back here.</p>
            <button type="button" class="button button--secondary" data-sso ?disabled=${this.busy} @click=${this.requestSso}>
              Confirm with your organisation’s sign-in
            </button>`
        : nothing}`;
  }

  override render() {
    const summary = this.errors.map((e) => ({ target: e.field === 'form' ? '' : e.field, message: e.message }));
    const heading = html`<a class="back-link" href="/">Back to your caseload</a>
      ${errorSummary(summary, this.renderRoot as ShadowRoot)}
      <h1 class="heading-l" tabindex="-1">Request emergency access</h1>`;
    if (this.me.role === 'admin') {
      return html`${heading}<p>Emergency access is for practitioners, designated safeguarding leads and lead professionals. Administrators cannot use it.</p>`;
    }
    return html`${heading}
      <p>
        If a child is not in your caseload because your agency is not part of their chronology, and you need to see it now to keep them safe, you can read
        it for 60 minutes. You will not be able to change anything.
      </p>
      ${this.found ? nothing : this.warning()} ${this.found ? this.requestForm(this.found) : this.lookupForm()}`;
  }
}

/** Defines the page; the app calls it once the page's chunk has loaded. */
export function defineEmergencyAccessPage(registry: CustomElementRegistry): void {
  defineOnce(registry, 'mac-emergency-access-page', MacEmergencyAccessPage);
}
