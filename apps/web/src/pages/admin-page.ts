// Administration (role admin only): the partnership's users and the API tokens of agencies'
// systems. Add a user, disable one (every session ends at once) or enable it again, unlink a single sign-on identity;
// issue a token (its secret is shown once, here) and revoke one. Every action that takes something away asks first,
// and each says what happened in a success banner that takes focus (GOV.UK).
// Administrators see no chronology; everyone else gets a plain "only administrators" page and the
// API is not asked (it would answer 403).
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { plural, type Agency } from '@mac/domain';
import { pageStyles, errorSummary, focusErrorSummary, formatInstant } from '@mac/ui';
import { ApiError, type AccessReview, type AdminUser, type Api, type ApiToken, type IssuedToken, type Me } from '../api.js';
import {
  EMPTY_TOKEN,
  EMPTY_USER,
  ROLES,
  roleLabel,
  sortUserErrors,
  tokenFieldOf,
  userFieldOf,
  validateTokenForm,
  validateUserForm,
  type FormError,
  type TokenField,
  type TokenFormValues,
  type UserField,
  type UserFormValues,
} from '../app/admin-forms.js';
import type { MacApprovals } from './approvals-panel.js';
import { errorText } from './page-support.js';
import { defineOnce } from '../app/lazy-pages.js';

/** What the administrator is being asked to confirm. */
type Confirming = { kind: 'disable' | 'unlink'; userId: string } | { kind: 'revoke'; tokenId: string } | null;

/** A problem to show in the error summary: a form's field, or '' for an action that failed. */
type Problem = FormError<UserField | TokenField | ''>;

export class MacAdminPage extends LitElement {
  static override properties = {
    api: { attribute: false },
    me: { attribute: false },
    agencies: { attribute: false },
    users: { state: true },
    apiTokens: { state: true },
    loadError: { state: true },
    forbidden: { state: true },
    user: { state: true },
    token: { state: true },
    errors: { state: true },
    confirming: { state: true },
    done: { state: true },
    issued: { state: true },
    copyStatus: { state: true },
    showPassword: { state: true },
    busy: { state: true },
    review: { state: true },
  };

  declare api: Api;
  declare me: Me;
  declare agencies: Agency[];
  declare private users: AdminUser[] | null;
  declare private apiTokens: ApiToken[] | null;
  declare private loadError: string | null;
  /** The server refused (the role changed since sign-in). */
  declare private forbidden: boolean;
  declare private user: UserFormValues;
  declare private token: TokenFormValues;
  declare private errors: Problem[];
  declare private confirming: Confirming;
  declare private done: string | null;
  /** The token just issued: its secret is on screen until the administrator hides it or leaves. */
  declare private issued: IssuedToken | null;
  declare private copyStatus: string;
  declare private showPassword: boolean;
  declare private busy: boolean;
  /** The access review last run on this page (each run is recorded in the audit trail). */
  declare private review: AccessReview | null;

  constructor() {
    super();
    this.agencies = [];
    this.users = null;
    this.apiTokens = null;
    this.loadError = null;
    this.forbidden = false;
    this.user = EMPTY_USER;
    this.token = EMPTY_TOKEN;
    this.errors = [];
    this.confirming = null;
    this.done = null;
    this.issued = null;
    this.copyStatus = '';
    this.showPassword = false;
    this.busy = false;
    this.review = null;
  }

  private async runReview() {
    this.busy = true;
    try {
      this.review = await this.api.accessReview();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#review-result')?.focus();
    } catch (err) {
      await this.fail([{ field: '', message: errorText(err, 'The access review could not be run.') }]);
    } finally {
      this.busy = false;
    }
  }

  private reviewResult(r: AccessReview) {
    const staleUsers = r.users.filter((u) => u.stale);
    const staleTokens = r.tokens.filter((t) => t.stale);
    return html`<div id="review-result" tabindex="-1" data-review>
      <p>
        Run ${formatInstant(r.generatedAt)}: ${r.summary.users} accounts (${r.summary.disabled} disabled), ${r.summary.tokens} active tokens.
        <strong>${plural(r.summary.staleUsers, 'account')} and ${plural(r.summary.staleTokens, 'token')} not used in the last ${plural(r.staleAfterDays, 'day')}.</strong>
      </p>
      ${staleUsers.length === 0
        ? nothing
        : html`<div class="table-scroll" tabindex="0" role="region" aria-label="Accounts not used in ${r.staleAfterDays} days">
            <table class="table" data-stale-users>
              <caption class="table__caption">Accounts not used in ${r.staleAfterDays} days: disable those no longer needed</caption>
              <thead><tr><th scope="col">Name</th><th scope="col">Agency</th><th scope="col">Role</th><th scope="col">Last signed in</th></tr></thead>
              <tbody>
                ${staleUsers.map(
                  (u) => html`<tr><th scope="row">${u.name} <span class="secondary">${u.email}</span></th><td>${u.agencyName}</td><td>${roleLabel(u.role)}</td><td>${u.lastSignInAt ? formatInstant(u.lastSignInAt) : `Never (account added ${formatInstant(u.createdAt)})`}</td></tr>`,
                )}
              </tbody>
            </table>
          </div>`}
      ${staleTokens.length === 0
        ? nothing
        : html`<table class="table" data-stale-tokens>
            <caption class="table__caption">Tokens not used in ${r.staleAfterDays} days: revoke those no longer needed</caption>
            <thead><tr><th scope="col">Agency</th><th scope="col">Name</th><th scope="col">Last used</th></tr></thead>
            <tbody>
              ${staleTokens.map((t) => html`<tr><td>${this.agencyName(t.agency)}</td><th scope="row">${t.name}</th><td>${t.lastUsedAt ? formatInstant(t.lastUsedAt) : `Never (issued ${formatInstant(t.createdAt)} by ${t.issuedBy})`}</td></tr>`)}
            </tbody>
          </table>`}
    </div>`;
  }

  static override styles = [
    ...pageStyles,
    css`
      :host {
        display: block;
        max-width: 72rem;
      }
      .narrow {
        max-width: 44rem;
      }
      .input--width-30 {
        max-width: 59ex;
      }
      h2.heading-m {
        margin-top: 2.5rem;
      }
      /* An address breaks only when the column cannot hold it whole. */
      .email {
        overflow-wrap: break-word;
      }
      th .secondary {
        font-weight: 400;
      }
      td.action {
        white-space: nowrap;
      }
      td.action .link-button + .link-button {
        margin-left: 1rem;
      }
      .confirm {
        border-left: 5px solid var(--mac-error);
        padding: 0.75rem 1rem;
        white-space: normal;
      }
      .confirm p {
        max-width: 44rem;
      }
      .confirm .button-group {
        margin-bottom: 0;
      }
      .password-row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: flex-start;
      }
      .password-row .button {
        margin-bottom: 0;
      }
      .secret {
        font-family: ui-monospace, 'Cascadia Mono', Menlo, Consolas, monospace;
        font-size: 1rem;
        width: 100%;
        max-width: 44rem;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = 'Administration – MAC';
    if (this.me.role === 'admin') void this.load();
  }

  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  private async load() {
    try {
      const [users, list] = await Promise.all([this.api.adminUsers(), this.api.apiTokens()]);
      this.users = sortUsers(users.users);
      this.apiTokens = list.tokens;
    } catch (err) {
      if (err instanceof ApiError && err.status === 403) this.forbidden = true;
      else this.loadError = errorText(err);
    }
  }

  private approvalsPanel(): MacApprovals | null {
    return this.renderRoot.querySelector('mac-approvals');
  }

  /** Another administrator approved something here: the lists show it working now. */
  private onApproved = () => void this.load();

  private agencyName = (slug: string): string => this.agencies.find((a) => a.slug === slug)?.name ?? slug;

  private sortedAgencies(): Agency[] {
    return [...this.agencies].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  }

  private errorFor(field: UserField | TokenField) {
    return this.errors.find((e) => e.field === field);
  }

  private errorMessage(field: UserField | TokenField) {
    const error = this.errorFor(field);
    return error ? html`<p class="error-message" id="${field}-error"><span class="visually-hidden">Error:</span> ${error.message}</p>` : nothing;
  }

  private describedBy(field: UserField | TokenField, hint: boolean): string | typeof nothing {
    const ids = [hint ? `${field}-hint` : '', this.errorFor(field) ? `${field}-error` : ''].filter(Boolean).join(' ');
    return ids || nothing;
  }

  private async fail(errors: Problem[]) {
    this.errors = errors;
    this.done = null;
    await this.updateComplete;
    focusErrorSummary(this.renderRoot as ShadowRoot);
  }

  private async succeed(message: string) {
    this.errors = [];
    this.done = message;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-done]')?.focus();
  }

  // Users ---------------------------------------------------------------------------------------

  private setUser(patch: Partial<UserFormValues>) {
    this.user = { ...this.user, ...patch };
  }

  private async addUser(event: Event) {
    event.preventDefault();
    const result = validateUserForm(this.user);
    if (!result.ok) return this.fail(result.errors);
    this.busy = true;
    try {
      const { user } = await this.api.createUser(result.body);
      this.users = sortUsers([...(this.users ?? []), user]);
      this.user = EMPTY_USER;
      this.showPassword = false;
      void this.approvalsPanel()?.load();
      await this.succeed(
        `${user.name} has been added as ${article(roleLabel(user.role))} at ${this.agencyName(user.agency)}. They can sign in with ${user.email} and the initial password once another administrator${user.role === 'admin' ? '' : ' or their agency’s lead'} has approved the account (below): give the password to them securely, not in an email to that address.`,
      );
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        await this.fail([{ field: 'email', message: 'A user with that email address already exists' }]);
      } else if (err instanceof ApiError && err.status === 422 && err.fields.length > 0) {
        // The password policy, an unknown agency, or the server's own checks of the other fields.
        await this.fail(sortUserErrors(err.fields.map((f) => ({ field: userFieldOf(f.field), message: f.message }))));
      } else {
        await this.fail([{ field: '', message: errorText(err) }]);
      }
    } finally {
      this.busy = false;
    }
  }

  private async ask(confirming: Exclude<Confirming, null>) {
    this.confirming = confirming;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-confirm] .button--warning')?.focus();
  }

  /** Back from a confirmation without acting: focus returns to the button that asked. */
  private async cancel() {
    const was = this.confirming;
    this.confirming = null;
    await this.updateComplete;
    if (!was) return;
    const selector = was.kind === 'revoke' ? `[data-revoke="${was.tokenId}"]` : `[data-${was.kind}="${was.userId}"]`;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private async disable(u: AdminUser) {
    this.busy = true;
    try {
      await this.api.disableUser(u.id);
      this.users = (this.users ?? []).map((x) => (x.id === u.id ? { ...x, disabled: true } : x));
      this.confirming = null;
      await this.succeed(`${u.name}’s account has been disabled. Every session they had has ended, and they cannot sign in until it is enabled again.`);
    } catch (err) {
      this.confirming = null;
      await this.fail([{ field: '', message: errorText(err, 'That user no longer exists.') }]);
    } finally {
      this.busy = false;
    }
  }

  private async enable(u: AdminUser) {
    this.busy = true;
    try {
      await this.api.enableUser(u.id);
      this.users = (this.users ?? []).map((x) => (x.id === u.id ? { ...x, disabled: false } : x));
      await this.succeed(`${u.name}’s account has been enabled. They can sign in again; sessions that ended when it was disabled stay ended.`);
    } catch (err) {
      await this.fail([{ field: '', message: errorText(err, 'That user no longer exists.') }]);
    } finally {
      this.busy = false;
    }
  }

  private async unlink(u: AdminUser) {
    this.busy = true;
    try {
      await this.api.unbindSso(u.id);
      this.users = (this.users ?? []).map((x) => (x.id === u.id ? { ...x, ssoBound: false } : x));
      this.confirming = null;
      await this.succeed(`${u.name}’s single sign-on has been unlinked. The next time they sign in with their organisation account, that account will be linked to MAC.`);
    } catch (err) {
      this.confirming = null;
      await this.fail([{ field: '', message: errorText(err, 'That user no longer exists.') }]);
    } finally {
      this.busy = false;
    }
  }

  private confirmRow(message: TemplateResult, action: string, run: () => void, columns: number) {
    return html`<tr>
      <td colspan=${columns}>
        <div class="confirm" data-confirm>
          <div class="warning-text">
            <span class="warning-text__icon" aria-hidden="true">!</span>
            <span><span class="visually-hidden">Warning</span> ${message}</span>
          </div>
          <div class="button-group">
            <button type="button" class="button button--warning" ?disabled=${this.busy} @click=${run}>${action}</button>
            <button type="button" class="link-button" @click=${this.cancel}>Cancel</button>
          </div>
        </div>
      </td>
    </tr>`;
  }

  private userRows(u: AdminUser) {
    const you = u.id === this.me.id;
    const row = html`<tr data-user=${u.email}>
      <th scope="row">${u.name}${you ? html` <span class="secondary">(you)</span>` : nothing}</th>
      <td class="email">${u.email}</td>
      <td>${this.agencyName(u.agency)}</td>
      <td>${roleLabel(u.role)}</td>
      <td data-status>
        ${u.disabled
          ? html`<strong class="tag tag--grey">Disabled</strong>`
          : u.approved
            ? html`<strong class="tag tag--green">Active</strong>`
            : html`<strong class="tag tag--yellow">Awaiting approval</strong>`}
      </td>
      <td data-sso>${u.ssoBound ? 'Yes' : 'No'}</td>
      <td class="action">
        ${u.ssoBound
          ? html`<button type="button" class="link-button" data-unlink=${u.id} @click=${() => this.ask({ kind: 'unlink', userId: u.id })}>
              Unlink single sign-on<span class="visually-hidden"> for ${u.name}</span>
            </button>`
          : nothing}
        ${you
          ? nothing
          : u.disabled
            ? html`<button type="button" class="link-button" data-enable=${u.id} ?disabled=${this.busy} @click=${() => this.enable(u)}>
                Enable<span class="visually-hidden"> ${u.name}</span>
              </button>`
            : html`<button type="button" class="link-button" data-disable=${u.id} @click=${() => this.ask({ kind: 'disable', userId: u.id })}>
                Disable<span class="visually-hidden"> ${u.name}</span>
              </button>`}
      </td>
    </tr>`;
    const c = this.confirming;
    if (c?.kind === 'disable' && c.userId === u.id) {
      return html`${row}${this.confirmRow(
        html`Disabling ${u.name}’s account signs them out everywhere at once, including any page they have open, and they will not be able to sign in, with a
          password or with single sign-on, until an administrator enables it again. Their entries and the audit trail keep their name.`,
        `Yes, disable ${u.name}`,
        () => this.disable(u),
        7,
      )}`;
    }
    if (c?.kind === 'unlink' && c.userId === u.id) {
      return html`${row}${this.confirmRow(
        html`Use this when ${u.name}’s account in their organisation’s directory has changed (for example, it was replaced), so MAC refuses their single
          sign-on. The next sign-in with their organisation account for ${u.email} links that account again: check with their organisation first that the
          address is theirs. Their password and sessions are not affected.`,
        `Yes, unlink single sign-on for ${u.name}`,
        () => this.unlink(u),
        7,
      )}`;
    }
    return row;
  }

  private usersTable(users: AdminUser[]) {
    return html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="users-title">
      <table class="table" data-users>
        <caption class="visually-hidden">Users of MAC</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email address</th>
            <th scope="col">Agency</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Single sign-on linked</th>
            <th scope="col"><span class="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          ${users.map((u) => this.userRows(u))}
        </tbody>
      </table>
    </div>`;
  }

  private textInput(field: 'email' | 'name', label: string, hint: string | null, extra: { type?: string; width?: string } = {}) {
    const error = this.errorFor(field);
    return html`<div class="form-group ${error ? 'form-group--error' : ''}">
      <label class="label" for=${field}>${label}</label>
      ${hint ? html`<div class="hint" id="${field}-hint">${hint}</div>` : nothing}
      ${this.errorMessage(field)}
      <input
        class="input ${extra.width ?? 'input--width-20'} ${error ? 'input--error' : ''}"
        id=${field}
        name=${field}
        type=${extra.type ?? 'text'}
        autocomplete="off"
        spellcheck="false"
        .value=${this.user[field]}
        aria-describedby=${this.describedBy(field, hint !== null)}
        @input=${(e: Event) => this.setUser({ [field]: (e.target as HTMLInputElement).value })}
      />
    </div>`;
  }

  private roleGroup() {
    const error = this.errorFor('role');
    return html`<div class="form-group ${error ? 'form-group--error' : ''}">
      <fieldset aria-describedby=${error ? 'role-error' : nothing}>
        <legend class="legend">Role</legend>
        ${this.errorMessage('role')}
        <div class="choices">
          ${ROLES.map((r, i) => {
            const id = i === 0 ? 'role' : `role-${r.role}`;
            return html`<div class="choice">
              <input
                class="choice__input"
                id=${id}
                name="role"
                type="radio"
                value=${r.role}
                aria-describedby="role-${r.role}-hint"
                .checked=${this.user.role === r.role}
                @change=${() => this.setUser({ role: r.role })}
              />
              <label class="choice__label" for=${id}>${r.label}</label>
              <div class="choice__hint" id="role-${r.role}-hint">${r.hint}</div>
            </div>`;
          })}
        </div>
      </fieldset>
    </div>`;
  }

  private agencySelect(field: 'agency' | 'tokenAgency', label: string, hint: string | null, value: string, set: (slug: string) => void) {
    const error = this.errorFor(field);
    return html`<div class="form-group ${error ? 'form-group--error' : ''}">
      <label class="label" for=${field}>${label}</label>
      ${hint ? html`<div class="hint" id="${field}-hint">${hint}</div>` : nothing}
      ${this.errorMessage(field)}
      <select class="select ${error ? 'select--error' : ''}" id=${field} aria-describedby=${this.describedBy(field, hint !== null)} @change=${(e: Event) => set((e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${value === ''}>Choose an agency</option>
        ${this.sortedAgencies().map((a) => html`<option value=${a.slug} ?selected=${value === a.slug}>${a.name}</option>`)}
      </select>
    </div>`;
  }

  private passwordInput() {
    const error = this.errorFor('password');
    return html`<div class="form-group ${error ? 'form-group--error' : ''}">
      <label class="label" for="password">Initial password</label>
      <div class="hint" id="password-hint">
        At least 12 characters: three random words work well. Not a common password, and not containing their email address. Give it to them in person or by
        phone.
      </div>
      ${this.errorMessage('password')}
      <div class="password-row">
        <input
          class="input input--width-20 ${error ? 'input--error' : ''}"
          id="password"
          name="password"
          type=${this.showPassword ? 'text' : 'password'}
          autocomplete="new-password"
          spellcheck="false"
          autocapitalize="none"
          .value=${this.user.password}
          aria-describedby=${this.describedBy('password', true)}
          @input=${(e: Event) => this.setUser({ password: (e.target as HTMLInputElement).value })}
        />
        <button type="button" class="button button--secondary" aria-controls="password" data-show-password @click=${() => (this.showPassword = !this.showPassword)}>
          ${this.showPassword ? 'Hide' : 'Show'}<span class="visually-hidden"> password</span>
        </button>
      </div>
      <p class="visually-hidden" aria-live="polite">${this.showPassword ? 'The password is visible' : ''}</p>
    </div>`;
  }

  private addUserForm() {
    return html`<form class="narrow" novalidate @submit=${this.addUser} data-add-user>
      ${this.textInput('email', 'Email address', 'They sign in with it. To sign in with their organisation account, it must be the address that account has.', {
        type: 'email',
        width: 'input--width-30',
      })}
      ${this.textInput('name', 'Full name', null)} ${this.roleGroup()}
      ${this.agencySelect('agency', 'Agency', 'The organisation they work for. They see the chronologies it is a member of.', this.user.agency, (slug) => this.setUser({ agency: slug }))}
      ${this.passwordInput()}
      <button type="submit" class="button" ?disabled=${this.busy}>Add user</button>
    </form>`;
  }

  // API tokens ----------------------------------------------------------------------------------

  private async issueToken(event: Event) {
    event.preventDefault();
    const result = validateTokenForm(this.token);
    if (!result.ok) return this.fail(result.errors);
    this.busy = true;
    try {
      const issued = await this.api.issueToken(result.agency, result.name);
      this.apiTokens = [issued.record, ...(this.apiTokens ?? [])];
      void this.approvalsPanel()?.load();
      this.token = EMPTY_TOKEN;
      this.errors = [];
      this.done = null;
      this.copyStatus = '';
      this.issued = issued;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[data-issued]')?.focus();
    } catch (err) {
      if (err instanceof ApiError && err.status === 422 && err.fields.length > 0) {
        await this.fail(err.fields.map((f) => ({ field: tokenFieldOf(f.field), message: f.message })));
      } else {
        await this.fail([{ field: '', message: errorText(err) }]);
      }
    } finally {
      this.busy = false;
    }
  }

  private async revoke(t: ApiToken) {
    this.busy = true;
    try {
      await this.api.revokeToken(t.id);
      const now = new Date().toISOString();
      this.apiTokens = (this.apiTokens ?? []).map((x) => (x.id === t.id ? { ...x, revokedAt: now } : x));
      if (this.issued?.record.id === t.id) this.issued = null;
      this.confirming = null;
      await this.succeed(`The token “${t.name}” of ${this.agencyName(t.agency)} has been revoked. MAC refuses it from now on.`);
    } catch (err) {
      this.confirming = null;
      await this.fail([{ field: '', message: errorText(err, 'That token no longer exists.') }]);
    } finally {
      this.busy = false;
    }
  }

  private async copyToken() {
    const field = this.renderRoot.querySelector<HTMLInputElement>('#issued-token');
    const secret = this.issued?.token;
    if (!field || !secret) return;
    field.focus();
    field.select();
    try {
      await navigator.clipboard.writeText(secret);
      this.copyStatus = 'The token has been copied.';
    } catch {
      // No clipboard permission (or an older browser): the field is selected, ready to copy by hand.
      this.copyStatus = 'Your browser did not let MAC copy it. The token is selected: press Ctrl and C (or Command and C) to copy it.';
    }
  }

  private async hideToken() {
    this.issued = null;
    this.copyStatus = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#tokens-title')?.focus();
  }

  private issuedBanner(issued: IssuedToken) {
    const { record } = issued;
    return html`<div class="notification-banner notification-banner--success" role="alert" aria-labelledby="issued-title" tabindex="-1" data-issued>
      <div class="notification-banner__header"><h2 class="notification-banner__title" id="issued-title">Token issued</h2></div>
      <div class="notification-banner__content">
        <p class="notification-banner__heading">The token “${record.name}” for ${this.agencyName(record.agency)} is ready.</p>
        <div class="warning-text">
          <span class="warning-text__icon" aria-hidden="true">!</span>
          <span>
            <span class="visually-hidden">Warning</span>
            Copy it now: this is the only time it will be shown. MAC keeps only a fingerprint of it and cannot show it again. If it is lost, revoke it and issue
            another.
          </span>
        </div>
        <div class="form-group">
          <label class="label" for="issued-token">API token</label>
          <div class="hint" id="issued-token-hint">
            Give it to ${this.agencyName(record.agency)} securely. Their system sends it with every request, in the header Authorization: Bearer followed by the
            token.
          </div>
          <input
            class="input secret"
            id="issued-token"
            type="text"
            readonly
            autocomplete="off"
            spellcheck="false"
            aria-describedby="issued-token-hint"
            .value=${issued.token}
            @focus=${(e: Event) => (e.target as HTMLInputElement).select()}
          />
        </div>
        <div class="button-group">
          <button type="button" class="button button--secondary" data-copy @click=${this.copyToken}>Copy the token</button>
          <button type="button" class="link-button" data-hide-token @click=${this.hideToken}>I have copied it: hide the token</button>
        </div>
        <p role="status" data-copy-status>${this.copyStatus}</p>
      </div>
    </div>`;
  }

  private tokenRows(t: ApiToken) {
    const agency = this.agencyName(t.agency);
    const row = html`<tr data-token=${t.id}>
      <td>${agency}</td>
      <th scope="row">${t.name}</th>
      <td>${formatInstant(t.createdAt)} <span class="secondary">by ${t.issuedBy}</span></td>
      <td>${t.lastUsedAt ? formatInstant(t.lastUsedAt) : 'Not used yet'}</td>
      <td data-status>
        ${t.revokedAt
          ? html`<strong class="tag tag--grey">Revoked</strong> ${formatInstant(t.revokedAt)}`
          : t.approved
            ? html`<strong class="tag tag--green">Active</strong>`
            : html`<strong class="tag tag--yellow">Awaiting approval</strong>`}
      </td>
      <td class="action">
        ${t.revokedAt
          ? nothing
          : html`<button type="button" class="link-button" data-revoke=${t.id} @click=${() => this.ask({ kind: 'revoke', tokenId: t.id })}>
              Revoke<span class="visually-hidden"> the token “${t.name}” of ${agency}</span>
            </button>`}
      </td>
    </tr>`;
    const c = this.confirming;
    if (c?.kind === 'revoke' && c.tokenId === t.id) {
      return html`${row}${this.confirmRow(
        html`${agency}’s system using “${t.name}” will be refused from now on, and its open connections close at once. A revoked token cannot be used
          again: issue a new one if the system still needs access.`,
        `Yes, revoke “${t.name}”`,
        () => this.revoke(t),
        6,
      )}`;
    }
    return row;
  }

  private tokensTable(list: ApiToken[]) {
    if (list.length === 0) return html`<p data-no-tokens>No tokens have been issued.</p>`;
    // Tokens in use first, newest first.
    const sorted = [...list].sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || b.createdAt.localeCompare(a.createdAt));
    return html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="tokens-title">
      <table class="table" data-tokens>
        <caption class="visually-hidden">API tokens</caption>
        <thead>
          <tr>
            <th scope="col">Agency</th>
            <th scope="col">Name</th>
            <th scope="col">Issued</th>
            <th scope="col">Last used</th>
            <th scope="col">Status</th>
            <th scope="col"><span class="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          ${sorted.map((t) => this.tokenRows(t))}
        </tbody>
      </table>
    </div>`;
  }

  private issueTokenForm() {
    const nameError = this.errorFor('tokenName');
    return html`<form class="narrow" novalidate @submit=${this.issueToken} data-issue-token>
      ${this.agencySelect('tokenAgency', 'Agency', 'The token acts for this agency only, with a practitioner’s rights.', this.token.agency, (slug) => (this.token = { ...this.token, agency: slug }))}
      <div class="form-group ${nameError ? 'form-group--error' : ''}">
        <label class="label" for="tokenName">Name</label>
        <div class="hint" id="tokenName-hint">The system that will use it, for example “Niche records management”. It helps you recognise the token later.</div>
        ${this.errorMessage('tokenName')}
        <input
          class="input input--width-20 ${nameError ? 'input--error' : ''}"
          id="tokenName"
          name="tokenName"
          type="text"
          autocomplete="off"
          .value=${this.token.name}
          aria-describedby=${this.describedBy('tokenName', true)}
          @input=${(e: Event) => (this.token = { ...this.token, name: (e.target as HTMLInputElement).value })}
        />
      </div>
      <button type="submit" class="button" ?disabled=${this.busy}>Issue a token</button>
    </form>`;
  }

  // ---------------------------------------------------------------------------------------------

  override render() {
    const heading = html`<h1 class="heading-l" tabindex="-1">Administration</h1>`;
    if (this.me.role !== 'admin' || this.forbidden) {
      return html`<a class="back-link" href="/">Back to your caseload</a>
        ${heading}
        <p data-admins-only>Only administrators can manage users and API tokens. If someone’s account needs a change, ask your agency’s MAC administrator.</p>`;
    }
    const summary = this.errors.map((e) => ({ target: e.field, message: e.message }));
    const users = this.users;
    const list = this.apiTokens;
    return html`${errorSummary(summary, this.renderRoot as ShadowRoot)}
      ${this.done
        ? html`<div class="notification-banner notification-banner--success" role="alert" aria-labelledby="done-title" tabindex="-1" data-done>
            <div class="notification-banner__header"><h2 class="notification-banner__title" id="done-title">Success</h2></div>
            <div class="notification-banner__content"><p class="notification-banner__heading">${this.done}</p></div>
          </div>`
        : nothing}
      ${this.issued ? this.issuedBanner(this.issued) : nothing} ${heading}
      <p class="narrow">Manage who can sign in to MAC and which agency systems can send it entries. Everything done here is recorded in the audit trail.</p>
      ${this.loadError ? html`<p class="error-message" role="alert">${this.loadError}</p>` : nothing}

      <h2 class="heading-m" id="approvals-title">Waiting for approval</h2>
      <p class="narrow">
        An account or API token created here works only once a second administrator approves it (for an account with access to chronologies, or a token, the
        agency’s lead may approve it instead). Nobody approves what they created themselves.
      </p>
      <mac-approvals .api=${this.api} .agencies=${this.agencies} @mac-approved=${this.onApproved}></mac-approvals>

      <h2 class="heading-m" id="users-title" tabindex="-1">Users</h2>
      ${users === null
        ? html`<p class="secondary" role="status">Loading users…</p>`
        : html`<p class="narrow">Disabled accounts stay on the list: their entries and the audit trail keep their names.</p>
            ${this.usersTable(users)}`}
      <h3 class="heading-s">Add a user</h3>
      ${this.addUserForm()}

      <h2 class="heading-m" id="tokens-title" tabindex="-1">API tokens</h2>
      <p class="narrow">
        An agency’s case-management system uses a token to send entries to MAC and to read the chronologies its agency is a member of. Revoke a token as soon as
        the system no longer needs it, or if someone else may have seen it.
      </p>
      ${list === null ? html`<p class="secondary" role="status">Loading tokens…</p>` : this.tokensTable(list)}
      <h3 class="heading-s">Issue a token</h3>
      ${this.issueTokenForm()}

      <h2 class="heading-m" id="review-title" tabindex="-1">Access review</h2>
      <p class="narrow">
        Once a quarter, check who can still get in: the review lists accounts and tokens not used in the last 90 days. Running it is recorded in the audit
        trail, so the record shows when reviews were done.
      </p>
      <button type="button" class="button button--secondary" data-run-review ?disabled=${this.busy} @click=${this.runReview}>Run the access review</button>
      ${this.review ? this.reviewResult(this.review) : nothing}`;
  }
}

function sortUsers(users: AdminUser[]): AdminUser[] {
  return [...users].sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || a.email.localeCompare(b.email));
}

/** "a Practitioner", "an Administrator". */
function article(label: string): string {
  return `${/^[AEIOU]/.test(label) ? 'an' : 'a'} ${label.toLowerCase()}`;
}

/** Defines the page; the app calls it once the page's chunk has loaded. */
export function defineAdminPage(registry: CustomElementRegistry): void {
  defineOnce(registry, 'mac-admin-page', MacAdminPage);
}
