// <mac-access-review>: the periodic access review. Once a quarter an administrator checks who can
// still get in: accounts and tokens not used in the last 90 days. Each run is recorded in the audit
// trail (by the server), so the record shows when reviews were done.
import { html, nothing } from 'lit';
import { plural } from '@mac/domain';
import { formatInstant } from '@mac/ui';
import type { AccessReview } from '../../api.js';
import { roleLabel } from '../../app/admin-forms.js';
import { errorText } from '../page-support.js';
import { AdminSection } from './admin-section.js';

export class MacAccessReview extends AdminSection {
  static override properties = {
    ...AdminSection.properties,
    review: { state: true },
  };

  /** The review last run here. */
  declare private review: AccessReview | null;

  constructor() {
    super();
    this.review = null;
  }

  private run = () =>
    this.working(async () => {
      try {
        this.review = await this.api.accessReview();
        await this.updateComplete;
        this.querySelector<HTMLElement>('#review-result')?.focus();
      } catch (err) {
        await this.feedback.fail([{ field: '', message: errorText(err, 'The access review could not be run.') }]);
      }
    });

  private result(r: AccessReview) {
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

  override render() {
    return html`<h2 class="heading-m" id="review-title" tabindex="-1">Access review</h2>
      <p class="narrow">
        Once a quarter, check who can still get in: the review lists accounts and tokens not used in the last 90 days. Running it is recorded in the audit
        trail, so the record shows when reviews were done.
      </p>
      <button type="button" class="button button--secondary" data-run-review ?disabled=${this.busy} @click=${this.run}>Run the access review</button>
      ${this.review ? this.result(this.review) : nothing}`;
  }
}
