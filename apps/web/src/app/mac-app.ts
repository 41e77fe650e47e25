// The application shell: header, skip link, main and footer in the light DOM (styled by
// styles.css, so the skip link's #main-content works), and the current page inside main. Owns the
// signed-in user and the route; a session that ends anywhere (a 401 from the API, a 4401 from the
// live connection) lands here and shows the sign-in page with a clear message.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { Agency } from '@mac/domain';
import { ApiError, createApi, type Api, type Me } from '../api.js';
import { CHANGE_PASSWORD_PATH, parseRoute, safeNext, signInPath, type Route } from './router.js';
import { ActivityThrottle, watchActivity } from './activity.js';
import { PageLoader, isLazy, type LazyRoute } from './lazy-pages.js';
import { openChronology, type ChronologyOpening } from './chronology-opening.js';

export const SIGNED_OUT_NOTICE = 'You have been signed out because your session ended. Sign in again to continue.';
export const PASSWORD_CHANGED_NOTICE = 'Your password has been changed. Sign in with your new password.';

interface PageElement extends HTMLElement {
  focusHeading?: () => void;
  /** What leaving the page now would lose, as a question for a confirm dialog; null when nothing would be. */
  leaveWarning?: () => string | null;
}

/** Where each role starts: administrators have no caseload (they never see chronology content). */
export function homePath(me: Pick<Me, 'role'>): string {
  return me.role === 'admin' ? '/admin' : '/';
}

export class MacApp extends LitElement {
  static override properties = {
    route: { state: true },
    me: { state: true },
    agencies: { state: true },
    notice: { state: true },
    booting: { state: true },
    location: { state: true },
    unread: { state: true },
  };

  declare private route: Route;
  declare private me: Me | null;
  declare private agencies: Agency[];
  declare private notice: string | null;
  declare private booting: boolean;
  /** pathname + search, so a page sees query changes made by back and forward. */
  declare private location: string;
  /** Unread notifications, for the header. */
  declare private unread: number;

  readonly api: Api;
  private navigated = false;
  /** Focus moves to the new page's heading once it is there (a lazy page may still be loading). */
  private focusPending = false;
  private readonly pages = new PageLoader();
  private readonly activity = new ActivityThrottle(Date.now());
  private stopWatching: (() => void) | null = null;
  /** The chronology of the address the app started at, asked for before its page exists (chronology-opening.ts). */
  private opening: ChronologyOpening | null = null;

  constructor() {
    super();
    this.route = parseRoute(window.location.pathname, window.location.search);
    this.me = null;
    this.agencies = [];
    this.notice = null;
    this.booting = true;
    this.location = window.location.pathname + window.location.search;
    this.unread = 0;
    this.api = createApi({ onUnauthenticated: () => this.sessionEnded(), onRequest: () => this.activity.requested(Date.now()) });
    // The page's chunk downloads while the session is asked for, not after.
    if (isLazy(this.route.name)) void this.pages.load(this.route.name).then(() => this.requestUpdate());
  }

  // The shell is styled by the page's stylesheet: render into the light DOM.
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.onPopState);
    document.addEventListener('click', this.onLinkClick);
    this.addEventListener('mac-navigate', this.onNavigateEvent as EventListener);
    this.addEventListener('mac-session-ended', this.onSessionEndedEvent as EventListener);
    this.addEventListener('mac-password-changed', this.onPasswordChanged as EventListener);
    this.addEventListener('mac-notifications-changed', this.onNotificationsChanged as EventListener);
    // Real use of the page keeps the session alive (see activity.ts); nothing else does.
    this.stopWatching = watchActivity(document, this.activity, () => {
      if (this.me) void this.api.ping().catch(() => undefined);
    });
    void this.boot();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.onPopState);
    document.removeEventListener('click', this.onLinkClick);
    this.stopWatching?.();
    this.stopWatching = null;
  }

  /** Unread notifications: asked on sign-in and as the person moves between pages, never on a timer. */
  private async refreshUnread() {
    if (!this.me || this.me.role === 'admin') return;
    try {
      const { notifications } = await this.api.notifications();
      this.unread = notifications.filter((n) => n.readAt === null).length;
    } catch {
      // The count is a convenience; the notifications page says what went wrong.
    }
  }

  private onNotificationsChanged = (event: CustomEvent<{ unread: number }>) => {
    this.unread = event.detail.unread;
  };

  private async boot() {
    try {
      const session = await this.api.session();
      this.me = session.signedIn ? session.user : null;
      // The chronology is asked for alongside the agencies, before its page exists (issue 17's first view).
      if (this.me && this.route.name === 'chronology') this.opening = openChronology(this.api, this.route.id);
      if (this.me) await this.loadAgencies();
      if (this.me) void this.refreshUnread();
    } catch (err) {
      this.me = null;
      if (!(err instanceof ApiError && err.status === 401)) {
        this.notice = err instanceof Error ? err.message : String(err);
      }
    }
    this.booting = false;
    this.guard(true);
  }

  private async loadAgencies() {
    try {
      this.agencies = (await this.api.agencies()).agencies;
    } catch {
      this.agencies = [];
    }
  }

  /** Sends a signed-out user to sign in (keeping where they were going), a signed-in one away from it. */
  private guard(replace: boolean) {
    const here = window.location.pathname + window.location.search;
    // force: the page being left has been asked already (or there is none yet).
    if (!this.me && this.route.name !== 'sign-in') this.navigate(signInPath(here), { replace, force: true });
    else if (this.me && this.route.name === 'sign-in') this.navigate(this.route.next ?? homePath(this.me), { replace, force: true });
    else if (this.me?.role === 'admin' && this.route.name === 'caseload') this.navigate(homePath(this.me), { replace, force: true });
  }

  /** Asks before leaving a page that would lose something (a half-typed entry, changes not yet saved). */
  private mayLeave(): boolean {
    const warning = this.querySelector<PageElement>('[data-page]')?.leaveWarning?.() ?? null;
    return warning === null || window.confirm(warning);
  }

  navigate(path: string, opts: { replace?: boolean; force?: boolean } = {}): void {
    // Leaving the chronology page ends its live connection and its form: what is unsent or half-typed would be lost.
    if (!opts.force && !this.mayLeave()) return;
    if (opts.replace) history.replaceState(null, '', path);
    else history.pushState(null, '', path);
    this.navigated = !opts.replace || this.navigated;
    this.syncRoute();
    // "/" for an administrator is the administration page; a signed-out user goes to sign in.
    this.guard(true);
    window.scrollTo(0, 0);
    if (!opts.replace && this.route.name !== 'notifications') void this.refreshUnread();
  }

  private syncRoute() {
    this.route = parseRoute(window.location.pathname, window.location.search);
    this.location = window.location.pathname + window.location.search;
  }

  private onPopState = () => {
    this.navigated = true;
    this.syncRoute();
    this.guard(true);
  };

  private onNavigateEvent = (event: CustomEvent<{ path: string; replace?: boolean }>) => {
    this.navigate(event.detail.path, { replace: event.detail.replace ?? false });
  };

  private onSessionEndedEvent = () => this.sessionEnded();

  /** The server ended every session of the user, this one included, and cleared the cookie. */
  private onPasswordChanged = () => this.signedOut(PASSWORD_CHANGED_NOTICE);

  private onSkip = (event: Event) => {
    event.preventDefault();
    this.querySelector<HTMLElement>('#main-content')?.focus();
  };

  // Same-origin links anywhere, including inside components' shadow roots, navigate in the app.
  private onLinkClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = event.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
    if (!anchor || anchor.target || anchor.hasAttribute('download') || anchor.hasAttribute('data-skip-link')) return;
    const url = new URL(anchor.href, window.location.href);
    if (url.origin !== window.location.origin || url.pathname.startsWith('/api/')) return;
    if (url.hash && url.pathname === window.location.pathname && url.search === window.location.search) return;
    event.preventDefault();
    this.navigate(url.pathname + url.search);
  };

  private sessionEnded(notice: string = SIGNED_OUT_NOTICE) {
    if (!this.me && this.route.name === 'sign-in') return;
    this.me = null;
    this.unread = 0;
    this.notice = notice;
    const here = window.location.pathname + window.location.search;
    this.navigate(signInPath(safeNext(here)), { replace: true, force: true });
  }

  private async signOut() {
    if (!this.mayLeave()) return;
    try {
      await this.api.logout();
    } catch {
      // Signed out locally whatever the server said: the cookie is HttpOnly and it clears it.
    }
    this.signedOut('You have signed out.');
  }

  /** Signed out on purpose (not a session that ran out): the sign-in page, with `notice`, and no way back to where they were. */
  private signedOut(notice: string) {
    this.me = null;
    this.unread = 0;
    this.notice = notice;
    this.navigate('/sign-in', { force: true });
  }

  private async signedIn(me: Me) {
    this.me = me;
    this.notice = null;
    await this.loadAgencies();
    void this.refreshUnread();
    const next = this.route.name === 'sign-in' ? this.route.next : null;
    // Signing in is a navigation like any other: focus moves to the new page's heading.
    this.navigated = true;
    this.navigate(next ?? homePath(me), { replace: true });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A page loaded on first navigation: start loading it as soon as it is wanted; render again when
    // it is ready (or has failed).
    const c = changed as Map<PropertyKey, unknown>;
    if ((c.has('route') || c.has('me')) && this.me && isLazy(this.route.name) && this.pages.state(this.route.name) !== 'ready') {
      void this.pages.load(this.route.name).then(() => this.requestUpdate());
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    // After an in-app navigation, move focus to the new page's heading (GOV.UK guidance for single
    // page apps): a screen reader then announces where the user now is.
    if ((changed as Map<PropertyKey, unknown>).has('route') && this.navigated && !this.booting) this.focusPending = true;
    if (!this.focusPending) return;
    // A page that could not be loaded: its message's heading takes focus instead.
    const failed = this.querySelector<HTMLElement>('[data-page-load-failed] h1');
    if (failed) {
      this.focusPending = false;
      failed.focus();
      return;
    }
    const page = this.querySelector<PageElement>('[data-page]');
    if (!page) return;
    this.focusPending = false;
    if (page.focusHeading) setTimeout(() => page.focusHeading?.(), 0);
  }

  private retryPage(name: LazyRoute) {
    // Focus goes to the page's heading once it is there (or back to this message if it fails again).
    this.focusPending = true;
    void this.pages.load(name).then(() => this.requestUpdate());
    this.requestUpdate();
  }

  /** What stands in for a page that is still loading, or could not be loaded. */
  private pageLoading(name: LazyRoute) {
    if (this.pages.state(name) === 'failed') {
      return html`<div class="page-load-failed" role="alert" data-page-load-failed>
        <h1 class="page-load-failed__title" tabindex="-1">This page could not be loaded</h1>
        <p>Check your connection, then try again. If it keeps happening, reload the page.</p>
        <button type="button" class="page-load-failed__retry" @click=${() => this.retryPage(name)}>Try again</button>
      </div>`;
    }
    return html`<p class="loading" role="status" data-page-loading>Loading the page…</p>`;
  }

  /** A page element per route and chronology: moving between two chronologies' pages starts afresh. */
  private page() {
    const route = this.route;
    return keyed(`${route.name}:${'id' in route ? route.id : ''}:${'snapshotId' in route ? route.snapshotId : ''}`, this.pageFor(route));
  }

  private pageFor(route: Route) {
    if (this.booting) return html`<p class="loading">Loading…</p>`;
    if (this.me && isLazy(route.name) && this.pages.state(route.name) !== 'ready') return this.pageLoading(route.name);
    switch (route.name) {
      case 'sign-in':
        return html`<mac-sign-in-page data-page .api=${this.api} .notice=${this.notice} .errorCode=${route.error} @mac-signed-in=${(e: CustomEvent<{ me: Me }>) => this.signedIn(e.detail.me)}></mac-sign-in-page>`;
      case 'caseload':
        return this.me ? html`<mac-caseload-page data-page .api=${this.api} .me=${this.me} .agencies=${this.agencies}></mac-caseload-page>` : nothing;
      case 'chronology':
        return this.me
          ? html`<mac-chronology-page
              data-page
              .api=${this.api}
              .me=${this.me}
              .agencies=${this.agencies}
              .chronologyId=${route.id}
              .opening=${this.opening}
              .search=${window.location.search}
            ></mac-chronology-page>`
          : nothing;
      case 'import':
        return this.me
          ? html`<mac-import-page data-page .api=${this.api} .me=${this.me} .agencies=${this.agencies} .chronologyId=${route.id}></mac-import-page>`
          : nothing;
      case 'pack':
        return this.me
          ? html`<mac-pack-page data-page .api=${this.api} .me=${this.me} .agencies=${this.agencies} .chronologyId=${route.id}></mac-pack-page>`
          : nothing;
      case 'snapshot':
        return this.me
          ? html`<mac-snapshot-page data-page .api=${this.api} .me=${this.me} .agencies=${this.agencies} .chronologyId=${route.id} .snapshotId=${route.snapshotId}></mac-snapshot-page>`
          : nothing;
      case 'new-chronology':
        return this.me ? html`<mac-new-chronology-page data-page .api=${this.api} .me=${this.me} .agencies=${this.agencies}></mac-new-chronology-page>` : nothing;
      case 'analysis':
        return this.me
          ? html`<mac-analysis-page data-page .api=${this.api} .me=${this.me} .agencies=${this.agencies} .chronologyId=${route.id}></mac-analysis-page>`
          : nothing;
      case 'members':
        return this.me
          ? html`<mac-members-page data-page .api=${this.api} .me=${this.me} .agencies=${this.agencies} .chronologyId=${route.id}></mac-members-page>`
          : nothing;
      case 'household':
        return this.me ? html`<mac-household-page data-page .api=${this.api} .me=${this.me} .agencies=${this.agencies} .householdId=${route.id}></mac-household-page>` : nothing;
      case 'emergency-access':
        return this.me ? html`<mac-emergency-access-page data-page .api=${this.api} .me=${this.me}></mac-emergency-access-page>` : nothing;
      case 'notifications':
        return this.me ? html`<mac-notifications-page data-page .api=${this.api} .me=${this.me} .agencies=${this.agencies}></mac-notifications-page>` : nothing;
      case 'admin':
        return this.me ? html`<mac-admin-page data-page .api=${this.api} .me=${this.me} .agencies=${this.agencies}></mac-admin-page>` : nothing;
      case 'alert-settings':
        return this.me ? html`<mac-alert-settings-page data-page .api=${this.api} .me=${this.me}></mac-alert-settings-page>` : nothing;
      case 'change-password':
        return this.me ? html`<mac-change-password-page data-page .api=${this.api} .me=${this.me}></mac-change-password-page>` : nothing;
      case 'not-found':
        return html`<mac-not-found-page data-page></mac-not-found-page>`;
    }
  }

  override render() {
    // The skip link is the first thing in the banner landmark: axe-core cannot tell that a link
    // before the landmarks is a skip link when the page's other links are inside shadow roots.
    return html`<header class="header" role="banner">
        <a href="#main-content" class="skip-link" data-skip-link @click=${this.onSkip}>Skip to main content</a>
        <div class="header__inner">
          <a class="header__service" href="/">MAC <span class="header__service-sub">Multi-agency chronology</span></a>
          ${this.me
            ? html`<div class="header__user">
                <span class="who" data-signed-in-as>${this.me.name}, ${this.me.agency.name}</span>
                <span class="header__links">
                  ${this.me.role === 'admin'
                    ? html`<a class="header__link" href="/admin" data-admin-link>Administration</a>`
                    : html`<a class="header__link" href="/notifications" data-notifications-link
                        >Notifications${this.unread > 0
                          ? html` <span class="header__count" data-unread>${this.unread}</span><span class="visually-hidden"> unread</span>`
                          : nothing}</a
                      >`}
                  ${this.me.hasPassword ? html`<a class="header__link" href=${CHANGE_PASSWORD_PATH} data-change-password-link>Change password</a>` : nothing}
                  <button type="button" class="header__signout" @click=${this.signOut}>Sign out</button>
                </span>
              </div>`
            : nothing}
        </div>
        <div class="phase-banner">
          <div class="width-container"><span class="tag">Pilot</span>Information here is confidential: share it only as your agency's information sharing agreement allows.</div>
        </div>
      </header>
      <main id="main-content" class="width-container" tabindex="-1">${this.page()}</main>
      <footer class="footer" role="contentinfo">
        <div class="width-container">MAC: a live multi-agency chronology for safeguarding children.</div>
      </footer>`;
  }
}
