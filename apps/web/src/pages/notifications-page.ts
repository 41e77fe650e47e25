// Notifications, and for a lead professional the emergency accesses to their chronologies that
// nobody has reviewed yet: who, which child, why, when, how much they opened, and a note to record
// the review. A review cannot be skipped: it stays on this list until it is recorded.
import { LitElement, css, html, nothing } from 'lit';
import { plural, type Agency } from '@mac/domain';
import { pageStyles, errorSummary, focusErrorSummary, formatInstant } from '@mac/ui';
import { ApiError, type Api, type ChronologySummary, type Grant, type Me, type Notification } from '../api.js';
import { ALERT_SETTINGS_PATH, chronologyPath } from '../app/router.js';
import { errorText } from './page-support.js';

export class MacNotificationsPage extends LitElement {
  static override properties = {
    api: { attribute: false },
    me: { attribute: false },
    agencies: { attribute: false },
    notifications: { state: true },
    grants: { state: true },
    childNames: { state: true },
    loadError: { state: true },
    notes: { state: true },
    errors: { state: true },
    reviewed: { state: true },
    busy: { state: true },
  };

  declare api: Api;
  declare me: Me;
  declare agencies: Agency[];
  declare private notifications: Notification[] | null;
  declare private grants: Grant[] | null;
  /** Child names of the chronologies this user can see, by id. */
  declare private childNames: Map<string, string>;
  declare private loadError: string | null;
  declare private notes: Record<string, string>;
  declare private errors: Record<string, string>;
  declare private reviewed: string | null;
  declare private busy: boolean;

  constructor() {
    super();
    this.agencies = [];
    this.notifications = null;
    this.grants = null;
    this.childNames = new Map();
    this.loadError = null;
    this.notes = {};
    this.errors = {};
    this.reviewed = null;
    this.busy = false;
  }

  static override styles = [
    ...pageStyles,
    css`
      :host {
        display: block;
        max-width: 60rem;
      }
      .grant {
        border-left: 5px solid var(--mac-error);
        padding: 0.75rem 1rem;
        margin-bottom: 1.5rem;
      }
      .grant .summary-list {
        margin-bottom: 1rem;
      }
      /* The page's own words and the reason as given: ordinary wrapping for the former. */
      .grant dd.plain {
        white-space: normal;
      }
      .notes {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .notes li {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: baseline;
        justify-content: space-between;
        padding: 0.75rem 0;
        border-bottom: 1px solid var(--mac-border);
      }
      .notes li p {
        margin: 0;
        flex: 1 1 30rem;
        overflow-wrap: anywhere;
      }
      .notes time {
        display: block;
        color: var(--mac-secondary-text);
        font-size: 0.875rem;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = 'Notifications – MAC';
    void this.load();
  }

  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  private async load() {
    try {
      const [notes, grants] = await Promise.all([this.api.notifications(), this.api.breakGlassReviews()]);
      this.notifications = notes.notifications;
      this.grants = grants.grants;
      this.changed();
      void this.nameChildren([...grants.grants.map((g) => g.chronologyId), ...notes.notifications.map((n) => n.chronologyId)]);
    } catch (err) {
      this.loadError = errorText(err);
    }
  }

  /**
   * The children's names for the chronologies the grants and messages are about, and so which of them
   * this user can still open (a message's link shows only then). Neither reply names the child, and
   * opening each chronology (GET /api/chronologies/{id}) would record a read of it in the audit trail,
   * and tell its lead when the reader's account is new (new-accounts.ts): so the caseload is read,
   * 200 at a time, until every one is found or it ends. The page shows meanwhile; the names fill in.
   */
  private async nameChildren(ids: ReadonlyArray<string | null>) {
    const wanted = new Set(ids.filter((id): id is string => id !== null));
    if (wanted.size === 0) return;
    try {
      const found = (list: readonly ChronologySummary[]) => list.filter((c) => wanted.has(c.id));
      const list = await this.api.everyChronology((sofar) => found(sofar).length === wanted.size);
      this.childNames = new Map(found(list).map((c) => [c.id, `${c.child.givenName} ${c.child.familyName}`]));
    } catch {
      // The names are a convenience: a grant still links to its chronology without one.
    }
  }

  /** Tells the header how many are unread. */
  private changed() {
    const unread = (this.notifications ?? []).filter((n) => n.readAt === null).length;
    this.dispatchEvent(new CustomEvent('mac-notifications-changed', { detail: { unread }, bubbles: true, composed: true }));
  }

  private agencyName = (slug: string): string => this.agencies.find((a) => a.slug === slug)?.name ?? slug;

  private async markRead(n: Notification) {
    try {
      await this.api.markNotificationRead(n.id);
      this.notifications = (this.notifications ?? []).map((x) => (x.id === n.id ? { ...x, readAt: new Date().toISOString() } : x));
      this.changed();
    } catch (err) {
      this.loadError = errorText(err);
    }
  }

  private async review(event: Event, grant: Grant) {
    event.preventDefault();
    const note = (this.notes[grant.id] ?? '').trim();
    const fail = async (message: string) => {
      this.errors = { [grant.id]: message };
      await this.updateComplete;
      focusErrorSummary(this.renderRoot as ShadowRoot);
    };
    if (note === '') return fail('Enter what you found when you reviewed this emergency access');
    this.busy = true;
    try {
      await this.api.reviewBreakGlass(grant.id, note);
      this.grants = (this.grants ?? []).filter((g) => g.id !== grant.id);
      this.errors = {};
      this.reviewed = `${grant.userName}’s emergency access to ${this.childNames.get(grant.chronologyId) ?? 'the chronology'}`;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[data-reviewed]')?.focus();
    } catch (err) {
      await fail(err instanceof ApiError && err.fields[0] ? err.fields[0].message : errorText(err));
    } finally {
      this.busy = false;
    }
  }

  private grantCard(g: Grant) {
    const error = this.errors[g.id];
    const id = `note-${g.id}`;
    const child = this.childNames.get(g.chronologyId);
    return html`<section class="grant" aria-labelledby="grant-${g.id}" data-grant=${g.id}>
      <h3 class="heading-s" id="grant-${g.id}">${g.userName}, ${this.agencyName(g.agency)}</h3>
      <dl class="summary-list">
        <div class="summary-list__row">
          <dt>Chronology</dt>
          <dd class="plain"><a href=${chronologyPath(g.chronologyId)}>${child ?? 'Open the chronology'}</a></dd>
        </div>
        <div class="summary-list__row"><dt>Their reason</dt><dd>${g.reason}</dd></div>
        <div class="summary-list__row"><dt>When</dt><dd class="plain">${formatInstant(g.grantedAt)} to ${formatInstant(g.expiresAt)}</dd></div>
        ${g.repeat
          ? html`<div class="summary-list__row" data-repeat><dt>Repeat</dt><dd class="plain"><strong>Repeat access:</strong> ${plural(g.earlierGrants, 'earlier emergency access', 'earlier emergency accesses')} to this chronology by them${g.lastGrantedAt ? `, the last from ${formatInstant(g.lastGrantedAt)}` : ''}</dd></div>`
          : nothing}
        <div class="summary-list__row"><dt>What they opened</dt><dd class="plain">${plural(g.reads, 'recorded read', 'recorded reads')} (the access log has the detail)</dd></div>
      </dl>
      <form novalidate @submit=${(e: Event) => this.review(e, g)}>
        <div class="form-group ${error ? 'form-group--error' : ''}">
          <label class="label" for=${id}>Your review</label>
          <div class="hint" id="${id}-hint">Was the access justified? Say what you checked and anything you have done about it.</div>
          ${error ? html`<p class="error-message" id="${id}-error"><span class="visually-hidden">Error:</span> ${error}</p>` : nothing}
          <textarea
            class="textarea ${error ? 'textarea--error' : ''}"
            id=${id}
            rows="3"
            .value=${this.notes[g.id] ?? ''}
            aria-describedby="${id}-hint${error ? ` ${id}-error` : ''}"
            @input=${(e: Event) => (this.notes = { ...this.notes, [g.id]: (e.target as HTMLTextAreaElement).value })}
          ></textarea>
        </div>
        <button type="submit" class="button" ?disabled=${this.busy}>Record the review<span class="visually-hidden"> of ${g.userName}’s access</span></button>
      </form>
    </section>`;
  }

  override render() {
    const summary = Object.entries(this.errors).map(([grantId, message]) => ({ target: `note-${grantId}`, message }));
    const notes = this.notifications;
    const grants = this.grants;
    return html`<a class="back-link" href="/">Back to your caseload</a>
      ${errorSummary(summary, this.renderRoot as ShadowRoot)}
      ${this.reviewed
        ? html`<div class="notification-banner notification-banner--success" role="alert" aria-labelledby="reviewed-title" tabindex="-1" data-reviewed>
            <div class="notification-banner__header"><h2 class="notification-banner__title" id="reviewed-title">Success</h2></div>
            <div class="notification-banner__content"><p class="notification-banner__heading">Your review of ${this.reviewed} has been recorded.</p></div>
          </div>`
        : nothing}
      <h1 class="heading-l" tabindex="-1">Notifications</h1>
      <p data-alert-settings-link><a href=${ALERT_SETTINGS_PATH}>Alert settings</a>: choose which changes to chronologies you are told about, and how often.</p>
      ${this.loadError ? html`<p class="error-message" role="alert">${this.loadError}</p>` : nothing}
      ${notes === null || grants === null
        ? html`<p class="secondary" role="status">Loading…</p>`
        : html`${grants.length > 0 || this.me.role === 'lead'
              ? html`<h2 class="heading-m">Emergency access to review</h2>
                  ${grants.length === 0
                    ? html`<p data-no-grants>There is no emergency access to your chronologies waiting for a review.</p>`
                    : html`<p>Someone outside the chronology used emergency access. Check that it was justified and record your review.</p>
                        ${grants.map((g) => this.grantCard(g))}`}`
              : nothing}
            ${this.me.role === 'lead'
              ? html`<h2 class="heading-m">Accounts and systems waiting for your approval</h2>
                  <p>An administrator created these for your agency. Approve only people and systems you know are yours: until then they cannot sign in or connect.</p>
                  <mac-approvals .api=${this.api} .agencies=${this.agencies}></mac-approvals>`
              : nothing}
            <h2 class="heading-m">Messages</h2>
            ${notes.length === 0
              ? html`<p>You have no notifications.</p>`
              : html`<ul class="notes" data-notifications>
                  ${notes.map(
                    (n) => html`<li data-notification=${n.id} data-read=${n.readAt ? 'yes' : 'no'}>
                      <p>
                        ${n.readAt ? nothing : html`<strong class="tag">New</strong> `}${n.message}
                        <time datetime=${n.createdAt}>${formatInstant(n.createdAt)}</time>
                      </p>
                      ${n.chronologyId && this.childNames.has(n.chronologyId) ? html`<a href=${chronologyPath(n.chronologyId)}>Open the chronology<span class="visually-hidden">: ${this.childNames.get(n.chronologyId)}</span></a>` : nothing}
                      ${n.readAt
                        ? nothing
                        : html`<button type="button" class="button button--secondary button--small" @click=${() => this.markRead(n)}>
                            Mark as read<span class="visually-hidden">: ${n.message}</span>
                          </button>`}
                    </li>`,
                  )}
                </ul>`}`}`;
  }
}
