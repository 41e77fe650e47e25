// <mac-admin-tokens>: the API tokens of agencies' systems. Issue a token (it works once a second
// person approves it; its secret is shown once, at the top of the page: issued-token.ts) and revoke
// one, after a warning under its row.
import { html, nothing } from 'lit';
import { formatInstant } from '@mac/ui';
import { ApiError, type ApiToken } from '../../api.js';
import { EMPTY_TOKEN, tokenFieldOf, validateTokenForm, type TokenFormValues } from '../../app/admin-forms.js';
import { errorText } from '../page-support.js';
import { AdminSection } from './admin-section.js';

export class MacAdminTokens extends AdminSection {
  static override properties = {
    ...AdminSection.properties,
    tokens: { state: true },
    loadError: { state: true },
    token: { state: true },
    confirming: { state: true },
  };

  declare private tokens: ApiToken[] | null;
  declare private loadError: string | null;
  declare private token: TokenFormValues;
  /** The token whose revocation is being confirmed. */
  declare private confirming: string | null;

  constructor() {
    super();
    this.tokens = null;
    this.loadError = null;
    this.token = EMPTY_TOKEN;
    this.confirming = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    const result = await this.fetchList(() => this.api.apiTokens());
    if (result.ok) {
      this.tokens = result.value.tokens;
      this.loadError = null;
    } else this.loadError = result.message;
  }

  private async issueToken(event: Event) {
    event.preventDefault();
    const result = validateTokenForm(this.token);
    if (!result.ok) return this.feedback.fail(result.errors);
    await this.working(async () => {
      try {
        const issued = await this.api.issueToken(result.agency, result.name);
        this.tokens = [issued.record, ...(this.tokens ?? [])];
        this.feedback.created();
        this.token = EMPTY_TOKEN;
        await this.feedback.tokenIssued(issued);
      } catch (err) {
        if (err instanceof ApiError && err.status === 422 && err.fields.length > 0) {
          await this.feedback.fail(err.fields.map((f) => ({ field: tokenFieldOf(f.field), message: f.message })));
        } else {
          await this.feedback.fail([{ field: '', message: errorText(err) }]);
        }
      }
    });
  }

  private async ask(id: string) {
    this.confirming = id;
    await this.updateComplete;
    this.querySelector<HTMLElement>('[data-confirm] .button--warning')?.focus();
  }

  /** Back from a confirmation without acting: focus returns to the button that asked. */
  private cancel = async () => {
    const was = this.confirming;
    this.confirming = null;
    await this.updateComplete;
    if (was) this.querySelector<HTMLElement>(`[data-revoke="${was}"]`)?.focus();
  };

  private revoke(t: ApiToken) {
    return this.working(async () => {
      try {
        await this.api.revokeToken(t.id);
        const now = new Date().toISOString();
        this.tokens = (this.tokens ?? []).map((x) => (x.id === t.id ? { ...x, revokedAt: now } : x));
        this.feedback.tokenRevoked(t.id);
        this.confirming = null;
        await this.feedback.succeed(`The token “${t.name}” of ${this.agencyName(t.agency)} has been revoked. MAC refuses it from now on.`);
      } catch (err) {
        this.confirming = null;
        await this.feedback.fail([{ field: '', message: errorText(err, 'That token no longer exists.') }]);
      }
    });
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
          : html`<button type="button" class="link-button" data-revoke=${t.id} @click=${() => this.ask(t.id)}>
              Revoke<span class="visually-hidden"> the token “${t.name}” of ${agency}</span>
            </button>`}
      </td>
    </tr>`;
    if (this.confirming !== t.id) return row;
    return html`${row}${this.confirmRow(
      html`${agency}’s system using “${t.name}” will be refused from now on, and its open connections close at once. A revoked token cannot be used
        again: issue a new one if the system still needs access.`,
      `Yes, revoke “${t.name}”`,
      () => this.revoke(t),
      this.cancel,
      6,
    )}`;
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

  override render() {
    const list = this.tokens;
    const nameError = this.errorFor('tokenName');
    return html`<h2 class="heading-m" id="tokens-title" tabindex="-1">API tokens</h2>
      <p class="narrow">
        An agency’s case-management system uses a token to send entries to MAC and to read the chronologies its agency is a member of. Revoke a token as soon as
        the system no longer needs it, or if someone else may have seen it.
      </p>
      ${this.loadError ? html`<p class="error-message" role="alert">${this.loadError}</p>` : nothing}
      ${list === null ? (this.loadError ? nothing : html`<p class="secondary" role="status">Loading tokens…</p>`) : this.tokensTable(list)}
      <h3 class="heading-s">Issue a token</h3>
      <form class="narrow" novalidate @submit=${this.issueToken} data-issue-token>
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
}
