// The caseload: the chronologies this user can see, a page at a time from the server (a county caseload
// is thousands), found by the child's name or NHS number on the server too, and the search of what
// happened across all of them (<mac-caseload-search>, search-results.ts). Paging: caseload-paging.ts.
import { LitElement, css, html, nothing } from 'lit';
import { ageAt, formatAge, formatChronoDate, todayIso, type Agency } from '@mac/domain';
import { pageStyles, formatInstant } from '@mac/ui';
import { ApiError, type Api, type ChronologySummary, type Me } from '../api.js';
import { chronologyPath } from '../app/router.js';
import { caseloadCardStyles, caseloadCards } from './caseload-cards.js';
import { Debounced, FIRST_PAGE, Latest, back, countText, currentPage, forward, type Trail } from './caseload-paging.js';

export function formatNhsNumber(nhs: string | null): string {
  if (!nhs) return '';
  const digits = nhs.replace(/\s/g, '');
  return /^\d{10}$/.test(digits) ? `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}` : nhs;
}

/** "2 overdue" in words as well as the tag's colour (never colour alone); "None" for 0. */
export function overdueText(n: number) {
  return n > 0 ? html`<span class="tag tag--red">${n} overdue</span>` : 'None';
}

/**
 * The open patterns: a red tag when there are some; "Counting…" while the server is still working the count
 * out (the list does not wait for it: the page asks again, see `load`).
 */
export function openPatternsText(n: number | null) {
  if (n === null) return html`<span class="secondary" data-counting>Counting…</span>`;
  return n > 0 ? html`<span class="tag tag--red">${n}</span>` : '0';
}

/** How long the page waits before asking again for counts still being worked out: longer each time, then it stops. */
const RECOUNT_AFTER_MS = [500, 1_000, 2_000, 4_000, 8_000, 15_000];

/** How long typing in the search box pauses before the server is asked (Enter asks at once). */
const SEARCH_AFTER_MS = 300;

export function describeDob(dob: string | null): string {
  if (!dob) return 'Not known';
  const age = /^\d{4}-\d{2}-\d{2}$/.test(dob) ? ageAt(dob, todayIso()) : null;
  return age ? `${formatChronoDate(dob)} (${formatAge(age)})` : formatChronoDate(dob);
}

export class MacCaseloadPage extends LitElement {
  static override properties = {
    api: { attribute: false },
    me: { attribute: false },
    agencies: { attribute: false },
    list: { state: true },
    total: { state: true },
    next: { state: true },
    trail: { state: true },
    query: { state: true },
    searched: { state: true },
    error: { state: true },
  };

  declare api: Api;
  declare me: Me;
  declare agencies: Agency[];
  /** The page shown (null until the first answer). */
  declare private list: ChronologySummary[] | null;
  /** How many chronologies match the search shown, on every page. */
  declare private total: number;
  /** The cursor of the page after the one shown; null on the last page. */
  declare private next: string | null;
  declare private trail: Trail;
  /** What is in the search box. */
  declare private query: string;
  /** The search the page shown answers ('' for the whole caseload): the box may be ahead of it. */
  declare private searched: string;
  declare private error: string | null;

  constructor() {
    super();
    this.agencies = [];
    this.list = null;
    this.total = 0;
    this.next = null;
    this.trail = FIRST_PAGE;
    this.query = '';
    this.searched = '';
    this.error = null;
  }

  static override styles = [
    ...pageStyles,
    caseloadCardStyles,
    css`
      :host {
        display: block;
      }
      .search {
        max-width: 36rem;
      }
      .search-row {
        display: flex;
        gap: 0;
      }
      .search-row .input {
        flex: 1 1 auto;
      }
      .search-row .button {
        margin: 0 0 0 0.5rem;
      }
      /* GOV.UK Pagination, Previous and Next only: the server's cursors go forward, so there are no page numbers. */
      .pagination {
        display: flex;
        flex-wrap: wrap;
        gap: 0 2rem;
        margin: 0 0 2rem;
      }
      .pagination__link {
        display: inline-flex;
        align-items: center;
        gap: 0.5rem;
        padding: 0.25rem 0;
        font-weight: 700;
      }
      .pagination__icon {
        width: 0.95rem;
        height: 0.8125rem;
        fill: currentcolor;
        flex: none;
      }
      .results-heading:focus {
        outline: 3px solid var(--mac-focus);
        outline-offset: 0;
      }
      .agencies {
        margin: 0;
        padding-left: 1.1rem;
      }
      .numeric {
        text-align: right;
      }
      td.child a {
        font-weight: 700;
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 2rem;
        justify-content: space-between;
        align-items: flex-start;
      }
      .head .button {
        margin-bottom: 1rem;
      }
      .emergency {
        margin-top: 2rem;
      }
    `,
  ];

  private recount: ReturnType<typeof setTimeout> | null = null;
  private readonly latest = new Latest();
  private readonly search = new Debounced<string>(SEARCH_AFTER_MS, (q) => void this.show(q.trim(), FIRST_PAGE));

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = 'Your caseload – MAC';
    void this.show(this.searched, this.trail);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopRecount();
    this.search.cancel();
  }

  private stopRecount() {
    if (this.recount !== null) clearTimeout(this.recount);
    this.recount = null;
  }

  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  /**
   * Shows the page `trail` ends at of the chronologies matching `q`. Only the newest question's answer
   * is shown: a search typed on, or a page followed, while an earlier answer is on its way wins over it.
   */
  private async show(q: string, trail: Trail, opts: { focus?: boolean; attempt?: number } = {}) {
    const attempt = opts.attempt ?? 0;
    const ticket = this.latest.begin();
    this.stopRecount();
    const after = currentPage(trail).after;
    try {
      const page = await this.api.chronologies(after === null ? { q } : { q, after });
      if (!this.isConnected || !this.latest.isCurrent(ticket)) return;
      this.list = page.chronologies;
      this.total = page.total;
      this.next = page.next;
      this.trail = trail;
      this.searched = q;
      this.error = null;
      if (opts.focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[data-results-heading]')?.focus());
      // Counts the server was still working out (null) are kept there once worked out: ask again for
      // them, for the same page (same search, same cursor).
      const wait = RECOUNT_AFTER_MS[attempt];
      if (page.chronologies.some((c) => c.openHighlights === null) && wait !== undefined) this.recount = setTimeout(() => void this.show(q, trail, { attempt: attempt + 1 }), wait);
    } catch (err) {
      if (!this.isConnected || !this.latest.isCurrent(ticket)) return;
      // A cursor the server refuses (422 naming `after`): start again from the first page.
      if (err instanceof ApiError && err.status === 422 && after !== null) return void this.show(q, FIRST_PAGE, opts);
      // A failed recount leaves the page shown; a failed first load or page change says so.
      if (attempt === 0) this.error = err instanceof Error ? err.message : String(err);
    }
  }

  private onSearchInput(e: Event) {
    this.query = (e.target as HTMLInputElement).value;
    this.search.later(this.query);
  }

  private onSearchSubmit(e: Event) {
    e.preventDefault();
    this.search.now(this.query);
  }

  private page(e: Event, trail: Trail) {
    e.preventDefault();
    void this.show(this.searched, trail, { focus: true });
  }

  private agencyName(slug: string): string {
    return this.agencies.find((a) => a.slug === slug)?.name ?? slug;
  }

  /** GOV.UK Pagination with Previous and Next only (the list's cursors go one way; there are no page numbers). */
  private pagination(rows: number) {
    const previous = this.trail.length > 1 ? back(this.trail) : null;
    const following = this.next === null ? null : forward(this.trail, this.next, rows);
    if (!previous && !following) return nothing;
    return html`<nav class="pagination" aria-label="Pages of your caseload" data-caseload-pages>
      ${previous
        ? html`<div class="pagination__prev">
            <a class="link pagination__link" href="#children" rel="prev" data-page="previous" @click=${(e: Event) => this.page(e, previous)}>
              <svg class="pagination__icon" xmlns="http://www.w3.org/2000/svg" aria-hidden="true" focusable="false" viewBox="0 0 15 13"><path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"></path></svg>
              <span class="pagination__link-title">Previous<span class="visually-hidden"> page</span></span>
            </a>
          </div>`
        : nothing}
      ${following
        ? html`<div class="pagination__next">
            <a class="link pagination__link" href="#children" rel="next" data-page="next" @click=${(e: Event) => this.page(e, following)}>
              <span class="pagination__link-title">Next<span class="visually-hidden"> page</span></span>
              <svg class="pagination__icon" xmlns="http://www.w3.org/2000/svg" aria-hidden="true" focusable="false" viewBox="0 0 15 13"><path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"></path></svg>
            </a>
          </div>`
        : nothing}
    </nav>`;
  }

  override render() {
    const list = this.list;
    const shown = list ?? [];
    return html`<div class="head">
        <h1 class="heading-l" tabindex="-1">Your caseload</h1>
        ${this.me.role === 'lead' ? html`<a class="button" href="/chronologies/new" draggable="false" data-action="new">Start a new chronology</a>` : nothing}
      </div>
      ${this.error ? html`<p class="error-message" role="alert">${this.error}</p>` : nothing}
      ${this.me.role === 'admin' ? nothing : html`<mac-caseload-search .api=${this.api} .agencies=${this.agencies}></mac-caseload-search>`}
      <h2 class="heading-m results-heading" id="children" tabindex="-1" data-results-heading>Children</h2>
      <form class="form-group search" role="search" aria-label="Children in your caseload" novalidate @submit=${this.onSearchSubmit}>
        <label class="label" for="search">Search by child’s name or NHS number</label>
        <div class="search-row">
          <input class="input" id="search" type="search" autocomplete="off" maxlength="200" .value=${this.query} @input=${this.onSearchInput} />
          <button class="button button--secondary" type="submit" data-action="search-children">Search</button>
        </div>
      </form>
      <p role="status" data-result-count>
        ${list === null ? 'Loading your caseload…' : countText(currentPage(this.trail).start, shown.length, this.total, this.searched !== '')}
      </p>
      ${list !== null && shown.length > 0
        ? html`<div class="table-scroll"><table class="table" data-caseload>
            <caption class="visually-hidden">Chronologies you can see</caption>
            <thead>
              <tr>
                <th scope="col">Child</th>
                <th scope="col">Date of birth (age)</th>
                <th scope="col">Lead professional</th>
                <th scope="col">Agencies</th>
                <th scope="col" class="numeric">Entries</th>
                <th scope="col">Last change</th>
                <th scope="col" class="numeric">Open patterns</th>
                <th scope="col" class="numeric">Overdue actions</th>
              </tr>
            </thead>
            <tbody>
              ${shown.map(
                (c) => html`<tr>
                  <td class="child">
                    <a href=${chronologyPath(c.id)}>${c.child.givenName} ${c.child.familyName}</a>
                    ${c.memberAgencies.includes(this.me.agency.slug) ? nothing : html`<div><strong class="tag tag--orange">Emergency access, read only</strong></div>`}
                    ${c.child.nhsNumber ? html`<div class="secondary body-s">NHS ${formatNhsNumber(c.child.nhsNumber)}</div>` : nothing}
                  </td>
                  <td>${describeDob(c.child.dateOfBirth)}</td>
                  <td>${c.lead.name}<div class="secondary body-s">${this.agencyName(c.lead.agency)}</div></td>
                  <td>
                    <ul class="agencies">
                      ${c.memberAgencies.map((a) => html`<li>${this.agencyName(a)}</li>`)}
                    </ul>
                  </td>
                  <td class="numeric">${c.entryCount}</td>
                  <td>${c.lastChangeAt ? formatInstant(c.lastChangeAt) : 'No entries yet'}</td>
                  <td class="numeric" data-open-patterns>${openPatternsText(c.openHighlights)}</td>
                  <td class="numeric" data-overdue-actions>${overdueText(c.overdueActions)}</td>
                </tr>`,
              )}
            </tbody>
          </table></div>
          ${caseloadCards(shown, this.me, (slug) => this.agencyName(slug))}`
        : list !== null && this.searched === '' && this.trail.length === 1
          ? html`<p>You have no chronologies yet. A chronology appears here when your agency is added to one.</p>`
          : nothing}
      ${list === null ? nothing : this.pagination(shown.length)}
      ${this.me.role === 'admin'
        ? nothing
        : html`<p class="emergency"><a href="/emergency-access" data-link="emergency">Can’t find a child? Request emergency access</a></p>`}`;
  }
}
