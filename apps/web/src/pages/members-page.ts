// The chronology's member agencies, managed by its lead: add an agency of the partnership, or
// remove one (after a warning: its people lose access at once, and its entries stay). The lead's
// own agency cannot be removed.
import { css, html, nothing } from 'lit';
import { pageStyles, errorSummary, focusErrorSummary } from '@mac/ui';
import { ApiError, type ChronologyDetail } from '../api.js';
import { ChronologySubpage } from './chronology-subpage.js';
import { backToChronology, childName, errorText } from './page-support.js';

export class MacMembersPage extends ChronologySubpage {
  static override properties = {
    adding: { state: true },
    removing: { state: true },
    error: { state: true },
    done: { state: true },
    busy: { state: true },
  };

  declare private adding: string;
  /** The agency the lead is confirming the removal of. */
  declare private removing: string | null;
  declare private error: string | null;
  declare private done: string | null;
  declare private busy: boolean;

  protected override pageTitle = 'Member agencies';

  constructor() {
    super();
    this.adding = '';
    this.removing = null;
    this.error = null;
    this.done = null;
    this.busy = false;
  }

  static override styles = [
    ...pageStyles,
    css`
      :host {
        display: block;
        max-width: 52rem;
      }
      .confirm {
        border-left: 5px solid var(--mac-error);
        padding: 0.75rem 1rem;
        margin-bottom: 0.5rem;
      }
      .confirm .button-group {
        margin-bottom: 0;
      }
      td.action {
        text-align: right;
        white-space: nowrap;
      }
    `,
  ];

  private agencyName = (slug: string): string => this.agencies.find((a) => a.slug === slug)?.name ?? slug;

  private async announce(done: string | null, error: string | null) {
    this.done = done;
    this.error = error;
    await this.updateComplete;
    if (error) focusErrorSummary(this.renderRoot as ShadowRoot);
    else this.renderRoot.querySelector<HTMLElement>('[data-done]')?.focus();
  }

  private async add(event: Event) {
    event.preventDefault();
    if (!this.adding) return this.announce(null, 'Select an agency to add');
    this.busy = true;
    try {
      this.chronology = await this.api.addMember(this.chronologyId, this.adding);
      const name = this.agencyName(this.adding);
      this.adding = '';
      await this.announce(`${name} has been added. Its people can see the chronology now.`, null);
    } catch (err) {
      await this.announce(null, err instanceof ApiError && err.fields[0] ? err.fields[0].message : errorText(err));
    } finally {
      this.busy = false;
    }
  }

  private async confirmRemove(slug: string) {
    this.removing = slug;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-confirm] .button--warning')?.focus();
  }

  private async removeMember(slug: string) {
    this.busy = true;
    try {
      this.chronology = await this.api.removeMember(this.chronologyId, slug);
      this.removing = null;
      await this.announce(`${this.agencyName(slug)} has been removed. Its people no longer have access; its entries stay in the chronology.`, null);
    } catch (err) {
      this.removing = null;
      await this.announce(null, errorText(err));
    } finally {
      this.busy = false;
    }
  }

  private row(c: ChronologyDetail, slug: string, leadAgency: string) {
    const name = this.agencyName(slug);
    if (this.removing === slug) {
      return html`<tr>
        <td colspan="2">
          <div class="confirm" data-confirm>
            <div class="warning-text">
              <span class="warning-text__icon" aria-hidden="true">!</span>
              <span><span class="visually-hidden">Warning</span> People at ${name} will lose access to ${childName(c)}’s chronology at once, even if they have it open. Their entries stay in it.</span>
            </div>
            <div class="button-group">
              <button type="button" class="button button--warning" ?disabled=${this.busy} @click=${() => this.removeMember(slug)}>Yes, remove ${name}</button>
              <button type="button" class="link-button" @click=${() => (this.removing = null)}>Cancel</button>
            </div>
          </div>
        </td>
      </tr>`;
    }
    return html`<tr data-member=${slug}>
      <td>${name}</td>
      <td class="action">
        ${slug === leadAgency
          ? html`<span class="secondary">Lead professional’s agency</span>`
          : html`<button type="button" class="link-button" @click=${() => this.confirmRemove(slug)}>Remove<span class="visually-hidden"> ${name}</span></button>`}
      </td>
    </tr>`;
  }

  protected override renderPage(c: ChronologyDetail) {
    const heading = html`<span class="caption">${childName(c)}</span>
      <h1 class="heading-l" tabindex="-1">Member agencies</h1>`;
    if (!c.permissions.isLead) {
      return html`${backToChronology(c)}${heading}<p class="inset">Only the chronology’s lead professional, ${c.lead.name}, can change its member agencies.</p>`;
    }
    const others = this.agencies.filter((a) => !c.memberAgencies.includes(a.slug));
    return html`${backToChronology(c)} ${errorSummary(this.error ? [{ target: 'add-agency', message: this.error }] : [], this.renderRoot as ShadowRoot)}
      ${this.done
        ? html`<div class="notification-banner notification-banner--success" role="alert" aria-labelledby="done-title" tabindex="-1" data-done>
            <div class="notification-banner__header"><h2 class="notification-banner__title" id="done-title">Success</h2></div>
            <div class="notification-banner__content"><p class="notification-banner__heading">${this.done}</p></div>
          </div>`
        : nothing}
      ${heading}
      <p>People at these agencies can see the chronology and add entries for their own agency.</p>
      <table class="table" data-members>
        <caption class="visually-hidden">Member agencies</caption>
        <thead>
          <tr>
            <th scope="col">Agency</th>
            <th scope="col"><span class="visually-hidden">Action</span></th>
          </tr>
        </thead>
        <tbody>
          ${c.memberAgencies.map((slug) => this.row(c, slug, c.lead.agency))}
        </tbody>
      </table>
      ${others.length > 0
        ? html`<form novalidate @submit=${this.add}>
            <div class="form-group ${this.error ? 'form-group--error' : ''}">
              <label class="label" for="add-agency">Add an agency</label>
              ${this.error ? html`<p class="error-message" id="add-agency-error"><span class="visually-hidden">Error:</span> ${this.error}</p>` : nothing}
              <select
                class="select ${this.error ? 'select--error' : ''}"
                id="add-agency"
                aria-describedby=${this.error ? 'add-agency-error' : nothing}
                @change=${(e: Event) => (this.adding = (e.target as HTMLSelectElement).value)}
              >
                <option value="" ?selected=${this.adding === ''}>Choose an agency</option>
                ${others.map((a) => html`<option value=${a.slug} ?selected=${this.adding === a.slug}>${a.name}</option>`)}
              </select>
            </div>
            <button type="submit" class="button" ?disabled=${this.busy}>Add agency</button>
          </form>`
        : html`<p>Every agency of the partnership is a member.</p>`}`;
  }
}
