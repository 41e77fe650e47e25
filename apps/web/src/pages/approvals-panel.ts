// Accounts and agency API tokens waiting for a second person (the two-person rule: an administrator
// cannot give themselves access to content). Shown on the administration page, and to a lead on their
// notifications page for their own agency. One button per item the viewer may approve; what they created
// themselves is listed as waiting for someone else. Approving says what happened and tells the page.
import { LitElement, css, html, nothing } from 'lit';
import type { Agency } from '@mac/domain';
import { banners, base, formatInstant, tables, tokens } from '@mac/ui';
import type { Api, PendingApproval } from '../api.js';
import { roleLabel } from '../app/admin-forms.js';
import { errorText } from './page-support.js';

export class MacApprovals extends LitElement {
  static override properties = {
    api: { attribute: false },
    agencies: { attribute: false },
    pending: { state: true },
    loadError: { state: true },
    done: { state: true },
    busy: { state: true },
  };

  declare api: Api;
  declare agencies: Agency[];
  declare private pending: PendingApproval[] | null;
  declare private loadError: string | null;
  declare private done: string | null;
  declare private busy: boolean;

  constructor() {
    super();
    this.agencies = [];
    this.pending = null;
    this.loadError = null;
    this.done = null;
    this.busy = false;
  }

  static override styles = [
    tokens,
    base,
    tables,
    banners,
    css`
      :host {
        display: block;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** Asks the server again (the page calls it after creating an account or token). */
  async load(): Promise<void> {
    try {
      this.pending = (await this.api.approvals()).pending;
      this.loadError = null;
    } catch (err) {
      this.loadError = errorText(err);
    }
  }

  private agencyName(slug: string): string {
    return this.agencies.find((a) => a.slug === slug)?.name ?? slug;
  }

  private async approve(item: PendingApproval): Promise<void> {
    this.busy = true;
    try {
      await this.api.approve(item.kind, item.id);
      this.done = item.kind === 'user' ? `${item.name}’s account is approved: they can now sign in.` : `The API token “${item.name}” is approved: it works from now on.`;
      await this.load();
      this.dispatchEvent(new CustomEvent('mac-approved', { bubbles: true, composed: true }));
      await this.updateComplete;
      (this.renderRoot.querySelector('[data-approved]') as HTMLElement | null)?.focus();
    } catch (err) {
      this.loadError = errorText(err);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const pending = this.pending;
    return html`${this.done
        ? html`<div class="notification-banner notification-banner--success" role="alert" aria-labelledby="approved-title" tabindex="-1" data-approved>
            <div class="notification-banner__header"><h3 class="notification-banner__title" id="approved-title">Approved</h3></div>
            <div class="notification-banner__content"><p class="notification-banner__heading">${this.done}</p></div>
          </div>`
        : nothing}
      ${this.loadError ? html`<p class="error-message" role="alert">${this.loadError}</p>` : nothing}
      ${pending === null
        ? html`<p class="secondary" role="status">Loading…</p>`
        : pending.length === 0
          ? html`<p data-none-pending>Nothing is waiting for approval.</p>`
          : html`<table class="table" data-pending>
              <caption class="visually-hidden">Accounts and API tokens waiting for approval</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">What</th>
                  <th scope="col">Agency</th>
                  <th scope="col">Created</th>
                  <th scope="col"><span class="visually-hidden">Action</span></th>
                </tr>
              </thead>
              <tbody>
                ${pending.map(
                  (p) => html`<tr data-pending-id=${p.id}>
                    <td>${p.name}${p.email ? html`<br /><span class="secondary">${p.email}</span>` : nothing}</td>
                    <td>${p.kind === 'user' ? `Account: ${roleLabel(p.role ?? 'practitioner')}` : 'API token'}</td>
                    <td>${this.agencyName(p.agency)}</td>
                    <td>${formatInstant(p.createdAt)} by ${p.createdByName}</td>
                    <td>
                      ${p.mayApprove
                        ? html`<button type="button" class="button button--secondary" ?disabled=${this.busy} @click=${() => this.approve(p)}>
                            Approve<span class="visually-hidden"> ${p.name}</span>
                          </button>`
                        : html`<span class="secondary">Waiting for another administrator${p.kind === 'user' && p.role !== 'admin' ? ' or the agency’s lead' : ''}</span>`}
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>`}`;
  }
}
