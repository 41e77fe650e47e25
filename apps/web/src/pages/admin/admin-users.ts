// <mac-admin-users>: the partnership's users. Add a user (the account works once a second person
// approves it), disable one (every session ends at once) or enable it again, unlink a single sign-on
// identity. What takes something away asks first, under the user's row.
import { html, nothing } from 'lit';
import { ApiError, type AdminUser } from '../../api.js';
import { EMPTY_USER, ROLES, roleLabel, sortUserErrors, userFieldOf, validateUserForm, type UserFormValues } from '../../app/admin-forms.js';
import { errorText } from '../page-support.js';
import { AdminSection } from './admin-section.js';

type Confirming = { kind: 'disable' | 'unlink'; userId: string } | null;

export class MacAdminUsers extends AdminSection {
  static override properties = {
    ...AdminSection.properties,
    users: { state: true },
    loadError: { state: true },
    user: { state: true },
    confirming: { state: true },
    showPassword: { state: true },
  };

  declare private users: AdminUser[] | null;
  declare private loadError: string | null;
  declare private user: UserFormValues;
  declare private confirming: Confirming;
  declare private showPassword: boolean;

  constructor() {
    super();
    this.users = null;
    this.loadError = null;
    this.user = EMPTY_USER;
    this.confirming = null;
    this.showPassword = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    const result = await this.fetchList(() => this.api.adminUsers());
    if (result.ok) {
      this.users = sortUsers(result.value.users);
      this.loadError = null;
    } else this.loadError = result.message;
  }

  private setUser(patch: Partial<UserFormValues>) {
    this.user = { ...this.user, ...patch };
  }

  private async addUser(event: Event) {
    event.preventDefault();
    const result = validateUserForm(this.user);
    if (!result.ok) return this.feedback.fail(result.errors);
    await this.working(async () => {
      try {
        const { user } = await this.api.createUser(result.body);
        this.users = sortUsers([...(this.users ?? []), user]);
        this.user = EMPTY_USER;
        this.showPassword = false;
        this.feedback.created();
        await this.feedback.succeed(
          `${user.name} has been added as ${article(roleLabel(user.role))} at ${this.agencyName(user.agency)}. They can sign in with ${user.email} and the initial password once another administrator${user.role === 'admin' ? '' : ' or their agency’s lead'} has approved the account (below): give the password to them securely, not in an email to that address.`,
        );
      } catch (err) {
        if (err instanceof ApiError && err.status === 409) {
          await this.feedback.fail([{ field: 'email', message: 'A user with that email address already exists' }]);
        } else if (err instanceof ApiError && err.status === 422 && err.fields.length > 0) {
          // The password policy, an unknown agency, or the server's own checks of the other fields.
          await this.feedback.fail(sortUserErrors(err.fields.map((f) => ({ field: userFieldOf(f.field), message: f.message }))));
        } else {
          await this.feedback.fail([{ field: '', message: errorText(err) }]);
        }
      }
    });
  }

  private async ask(confirming: Exclude<Confirming, null>) {
    this.confirming = confirming;
    await this.updateComplete;
    this.querySelector<HTMLElement>('[data-confirm] .button--warning')?.focus();
  }

  /** Back from a confirmation without acting: focus returns to the button that asked. */
  private cancel = async () => {
    const was = this.confirming;
    this.confirming = null;
    await this.updateComplete;
    if (was) this.querySelector<HTMLElement>(`[data-${was.kind}="${was.userId}"]`)?.focus();
  };

  /** Disables, enables or unlinks `u`, then says so (or what went wrong). */
  private change(u: AdminUser, call: () => Promise<unknown>, patch: Partial<AdminUser>, done: string) {
    return this.working(async () => {
      try {
        await call();
        this.users = (this.users ?? []).map((x) => (x.id === u.id ? { ...x, ...patch } : x));
        this.confirming = null;
        await this.feedback.succeed(done);
      } catch (err) {
        this.confirming = null;
        await this.feedback.fail([{ field: '', message: errorText(err, 'That user no longer exists.') }]);
      }
    });
  }

  private disable(u: AdminUser) {
    return this.change(u, () => this.api.disableUser(u.id), { disabled: true }, `${u.name}’s account has been disabled. Every session they had has ended, and they cannot sign in until it is enabled again.`);
  }

  private enable(u: AdminUser) {
    return this.change(u, () => this.api.enableUser(u.id), { disabled: false }, `${u.name}’s account has been enabled. They can sign in again; sessions that ended when it was disabled stay ended.`);
  }

  private unlink(u: AdminUser) {
    return this.change(
      u,
      () => this.api.unbindSso(u.id),
      { ssoBound: false },
      `${u.name}’s single sign-on has been unlinked. The next time they sign in with their organisation account, that account will be linked to MAC.`,
    );
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
        this.cancel,
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
        this.cancel,
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

  override render() {
    const users = this.users;
    return html`<h2 class="heading-m" id="users-title" tabindex="-1">Users</h2>
      ${this.loadError ? html`<p class="error-message" role="alert">${this.loadError}</p>` : nothing}
      ${users === null
        ? this.loadError
          ? nothing
          : html`<p class="secondary" role="status">Loading users…</p>`
        : html`<p class="narrow">Disabled accounts stay on the list: their entries and the audit trail keep their names.</p>
            ${this.usersTable(users)}`}
      <h3 class="heading-s">Add a user</h3>
      <form class="narrow" novalidate @submit=${this.addUser} data-add-user>
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
}

function sortUsers(users: AdminUser[]): AdminUser[] {
  return [...users].sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || a.email.localeCompare(b.email));
}

/** "a Practitioner", "an Administrator". */
function article(label: string): string {
  return `${/^[AEIOU]/.test(label) ? 'an' : 'a'} ${label.toLowerCase()}`;
}
