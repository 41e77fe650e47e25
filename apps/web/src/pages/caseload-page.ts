// The caseload: every chronology this user can see, filtered by the child's name or NHS number, and the
// search of what happened across all of them (<mac-caseload-search>, search-results.ts).
import { LitElement, css, html, nothing } from 'lit';
import { ageAt, formatAge, formatChronoDate, todayIso, type Agency, plural } from '@mac/domain';
import { pageStyles, formatInstant } from '@mac/ui';
import type { Api, ChronologySummary, Me } from '../api.js';
import { chronologyPath } from '../app/router.js';
import { caseloadCardStyles, caseloadCards } from './caseload-cards.js';

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
    query: { state: true },
    error: { state: true },
  };

  declare api: Api;
  declare me: Me;
  declare agencies: Agency[];
  declare private list: ChronologySummary[] | null;
  declare private query: string;
  declare private error: string | null;

  constructor() {
    super();
    this.agencies = [];
    this.list = null;
    this.query = '';
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

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = 'Your caseload – MAC';
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.recount !== null) clearTimeout(this.recount);
    this.recount = null;
  }

  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  private async load(attempt = 0) {
    try {
      const list = (await this.api.chronologies()).chronologies;
      if (!this.isConnected) return;
      this.list = list;
      // Counts the server was still working out (null) are kept there once worked out: ask again for them.
      const wait = RECOUNT_AFTER_MS[attempt];
      if (list.some((c) => c.openHighlights === null) && wait !== undefined) this.recount = setTimeout(() => void this.load(attempt + 1), wait);
    } catch (err) {
      // A failed recount leaves the list shown; only a failed first load is an error.
      if (this.list === null) this.error = err instanceof Error ? err.message : String(err);
    }
  }

  private agencyName(slug: string): string {
    return this.agencies.find((a) => a.slug === slug)?.name ?? slug;
  }

  private matchesQuery(c: ChronologySummary): boolean {
    const q = this.query.trim().toLowerCase();
    if (!q) return true;
    const name = `${c.child.givenName} ${c.child.familyName}`.toLowerCase();
    const nhs = (c.child.nhsNumber ?? '').replace(/\s/g, '');
    return q.split(/\s+/).every((t) => name.includes(t)) || (nhs !== '' && nhs.includes(q.replace(/\s/g, '')));
  }

  override render() {
    const list = this.list;
    const shown = list?.filter((c) => this.matchesQuery(c)) ?? [];
    return html`<div class="head">
        <h1 class="heading-l" tabindex="-1">Your caseload</h1>
        ${this.me.role === 'lead' ? html`<a class="button" href="/chronologies/new" draggable="false" data-action="new">Start a new chronology</a>` : nothing}
      </div>
      ${this.error ? html`<p class="error-message" role="alert">${this.error}</p>` : nothing}
      ${this.me.role === 'admin' ? nothing : html`<mac-caseload-search .api=${this.api} .agencies=${this.agencies}></mac-caseload-search>`}
      <h2 class="heading-m">Children</h2>
      <div class="form-group search" role="search" aria-label="Children in your caseload">
        <label class="label" for="search">Search by child’s name or NHS number</label>
        <input class="input" id="search" type="search" autocomplete="off" .value=${this.query} @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)} />
      </div>
      <p role="status" data-result-count>
        ${list === null ? 'Loading your caseload…' : `${plural(shown.length, 'chronology', 'chronologies')}${this.query.trim() ? ' found' : ''}`}
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
        : list !== null && this.query.trim() === ''
          ? html`<p>You have no chronologies yet. A chronology appears here when your agency is added to one.</p>`
          : nothing}
      ${this.me.role === 'admin'
        ? nothing
        : html`<p class="emergency"><a href="/emergency-access" data-link="emergency">Can’t find a child? Request emergency access</a></p>`}`;
  }
}
