// Administration (role admin only): the partnership's users, the API tokens of agencies' systems and
// the periodic access review, each its own element (pages/admin/), under one GOV.UK error summary and
// one success banner that take focus. Every action that takes something away asks first.
// Administrators see no chronology; everyone else gets a plain "only administrators" page and the
// API is not asked (it would answer 403).
import { LitElement, css, html, nothing } from 'lit';
import type { Agency } from '@mac/domain';
import { pageStyles, errorSummary, focusErrorSummary } from '@mac/ui';
import type { Api, IssuedToken, Me } from '../api.js';
import { defineOnce } from '../app/lazy-pages.js';
import { MacAccessReview } from './admin/access-review.js';
import type { AdminFeedback, Problem } from './admin/admin-section.js';
import { MacAdminTokens } from './admin/admin-tokens.js';
import { MacAdminUsers } from './admin/admin-users.js';
import { MacIssuedToken } from './admin/issued-token.js';
import type { MacApprovals } from './approvals-panel.js';

export class MacAdminPage extends LitElement {
  static override properties = {
    api: { attribute: false },
    me: { attribute: false },
    agencies: { attribute: false },
    forbidden: { state: true },
    errors: { state: true },
    done: { state: true },
    issued: { state: true },
  };

  declare api: Api;
  declare me: Me;
  declare agencies: Agency[];
  /** The server refused (the role changed since sign-in). */
  declare private forbidden: boolean;
  declare private errors: Problem[];
  declare private done: string | null;
  /** The token just issued: its secret is on screen until the administrator hides it or leaves. */
  declare private issued: IssuedToken | null;

  constructor() {
    super();
    this.agencies = [];
    this.forbidden = false;
    this.errors = [];
    this.done = null;
    this.issued = null;
  }

  static override styles = [
    ...pageStyles,
    css`
      :host {
        display: block;
        max-width: 72rem;
      }
      mac-admin-users,
      mac-admin-tokens,
      mac-access-review,
      mac-issued-token {
        display: block;
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
  }

  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  /** What the sections report: the page shows it in one place, and moves focus there. */
  private readonly feedback: AdminFeedback = {
    fail: async (errors) => {
      this.errors = errors;
      this.done = null;
      await this.updateComplete;
      focusErrorSummary(this.renderRoot as ShadowRoot);
    },
    succeed: async (message) => {
      this.errors = [];
      this.done = message;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[data-done]')?.focus();
    },
    created: () => void this.renderRoot.querySelector<MacApprovals>('mac-approvals')?.load(),
    forbidden: () => (this.forbidden = true),
    tokenIssued: async (issued) => {
      this.errors = [];
      this.done = null;
      this.issued = issued;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[data-issued]')?.focus();
    },
    tokenRevoked: (id) => {
      if (this.issued?.record.id === id) this.issued = null;
    },
  };

  private agencyName = (slug: string): string => this.agencies.find((a) => a.slug === slug)?.name ?? slug;

  /** Another administrator approved something here: the lists show it working now. */
  private onApproved = () => {
    void this.renderRoot.querySelector<MacAdminUsers>('mac-admin-users')?.load();
    void this.renderRoot.querySelector<MacAdminTokens>('mac-admin-tokens')?.load();
  };

  private hideToken = async () => {
    this.issued = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#tokens-title')?.focus();
  };

  override render() {
    const heading = html`<h1 class="heading-l" tabindex="-1">Administration</h1>`;
    if (this.me.role !== 'admin' || this.forbidden) {
      return html`<a class="back-link" href="/">Back to your caseload</a>
        ${heading}
        <p data-admins-only>Only administrators can manage users and API tokens. If someone’s account needs a change, ask your agency’s MAC administrator.</p>`;
    }
    const summary = this.errors.map((e) => ({ target: e.field, message: e.message }));
    return html`${errorSummary(summary, this.renderRoot as ShadowRoot)}
      ${this.done
        ? html`<div class="notification-banner notification-banner--success" role="alert" aria-labelledby="done-title" tabindex="-1" data-done>
            <div class="notification-banner__header"><h2 class="notification-banner__title" id="done-title">Success</h2></div>
            <div class="notification-banner__content"><p class="notification-banner__heading">${this.done}</p></div>
          </div>`
        : nothing}
      ${this.issued ? html`<mac-issued-token .issued=${this.issued} .agencyName=${this.agencyName} @mac-token-hidden=${this.hideToken}></mac-issued-token>` : nothing}
      ${heading}
      <p class="narrow">Manage who can sign in to MAC and which agency systems can send it entries. Everything done here is recorded in the audit trail.</p>

      <h2 class="heading-m" id="approvals-title">Waiting for approval</h2>
      <p class="narrow">
        An account or API token created here works only once a second administrator approves it (for an account with access to chronologies, or a token, the
        agency’s lead may approve it instead). Nobody approves what they created themselves.
      </p>
      <mac-approvals .api=${this.api} .agencies=${this.agencies} @mac-approved=${this.onApproved}></mac-approvals>

      <mac-admin-users .api=${this.api} .me=${this.me} .agencies=${this.agencies} .errors=${this.errors} .feedback=${this.feedback}></mac-admin-users>
      <mac-admin-tokens .api=${this.api} .me=${this.me} .agencies=${this.agencies} .errors=${this.errors} .feedback=${this.feedback}></mac-admin-tokens>
      <mac-access-review .api=${this.api} .me=${this.me} .agencies=${this.agencies} .errors=${this.errors} .feedback=${this.feedback}></mac-access-review>`;
  }
}

/** Defines the page and its sections; the app calls it once the page's chunk has loaded. */
export function defineAdminPage(registry: CustomElementRegistry): void {
  defineOnce(registry, 'mac-admin-users', MacAdminUsers);
  defineOnce(registry, 'mac-admin-tokens', MacAdminTokens);
  defineOnce(registry, 'mac-access-review', MacAccessReview);
  defineOnce(registry, 'mac-issued-token', MacIssuedToken);
  defineOnce(registry, 'mac-admin-page', MacAdminPage);
}

declare global {
  interface HTMLElementTagNameMap {
    'mac-admin-users': MacAdminUsers;
    'mac-admin-tokens': MacAdminTokens;
    'mac-access-review': MacAccessReview;
    'mac-issued-token': MacIssuedToken;
  }
}
