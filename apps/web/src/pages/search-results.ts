// Search across the caseload (issue 15, item 6): the GOV.UK search pattern (a labelled search input and a
// Search button in a role="search" form) and the results: each entry found, with the child, its date,
// agency and category, and its text around the matches, linking to the entry in its chronology.
//
// The snippet comes from the server as runs of plain text (`{ text, match }`): matched runs are wrapped in
// <mark> by this template, every run is text (Lit escapes it; direction controls removed as everywhere
// typed text is shown), never HTML built from stored text.
import { LitElement, css, html, nothing } from 'lit';
import { findCategory, formatChronoDate, parseSearchQuery, plural, type Agency } from '@mac/domain';
import { pageStyles, plainUserText, userText } from '@mac/ui';
import { ApiError, type Api, type SearchResult } from '../api.js';
import { chronologyPath } from '../app/router.js';

/** Where a result leads: the chronology with the entry selected (the page reads `?entry=`). */
export function searchResultPath(result: Pick<SearchResult, 'chronologyId' | 'entryId'>): string {
  return `${chronologyPath(result.chronologyId)}?entry=${encodeURIComponent(result.entryId)}`;
}

export class MacCaseloadSearch extends LitElement {
  static override properties = {
    api: { attribute: false },
    agencies: { attribute: false },
    text: { state: true },
    searched: { state: true },
    results: { state: true },
    nextOffset: { state: true },
    busy: { state: true },
    error: { state: true },
  };

  declare api: Api;
  declare agencies: Agency[];
  declare private text: string;
  /** The search the results are for (null before the first). */
  declare private searched: string | null;
  declare private results: SearchResult[];
  declare private nextOffset: number | null;
  declare private busy: boolean;
  declare private error: string | null;

  constructor() {
    super();
    this.agencies = [];
    this.text = '';
    this.searched = null;
    this.results = [];
    this.nextOffset = null;
    this.busy = false;
    this.error = null;
  }

  static override styles = [
    ...pageStyles,
    css`
      :host {
        display: block;
        margin-bottom: 2rem;
      }
      .search-row {
        display: flex;
        align-items: stretch;
        max-width: 36rem;
      }
      .search-row .input {
        flex: 1 1 auto;
        margin: 0;
      }
      .search-row .button {
        margin: 0 0 0 0.5rem;
      }
      ol.results {
        list-style: none;
        margin: 0 0 1rem;
        padding: 0;
        max-width: 48rem;
      }
      ol.results li {
        border-bottom: 1px solid var(--mac-border, #b1b4b6);
        padding: 0.75rem 0;
      }
      .result-link {
        font-weight: 700;
        font-size: 1.1875rem;
      }
      .meta {
        margin: 0.25rem 0;
      }
      .snippet {
        margin: 0.25rem 0 0;
      }
      mark {
        background: #ffdd00;
        color: #0b0c0c;
        font-weight: 700;
      }
    `,
  ];

  private agencyName(slug: string): string {
    return this.agencies.find((a) => a.slug === slug)?.name ?? slug;
  }

  private async submit(event: Event) {
    event.preventDefault();
    const text = this.text.trim();
    // The server says the same (422 naming q); checking here saves a round trip and keeps the message in place.
    const parsed = parseSearchQuery(text);
    if (!parsed.ok) {
      this.error = parsed.message;
      this.renderRoot.querySelector<HTMLInputElement>('#entry-search')?.focus();
      return;
    }
    await this.load(text, 0);
  }

  private async load(text: string, offset: number) {
    this.busy = true;
    this.error = null;
    try {
      const page = await this.api.search(text, offset);
      this.results = offset === 0 ? page.results : [...this.results, ...page.results];
      this.nextOffset = page.nextOffset;
      this.searched = text;
      if (offset > 0) {
        // Move to the first new result, so a keyboard or screen reader user carries on from there.
        await this.updateComplete;
        this.renderRoot.querySelectorAll<HTMLAnchorElement>('a.result-link')[offset]?.focus();
      }
    } catch (err) {
      this.error = err instanceof ApiError ? (err.fields.find((f) => f.field === 'q')?.message ?? err.message) : String(err);
    } finally {
      this.busy = false;
    }
  }

  private renderResult(r: SearchResult) {
    const category = findCategory(r.category)?.label ?? r.category;
    return html`<li data-search-result data-entry-id=${r.entryId}>
      <a class="result-link link" href=${searchResultPath(r)}>${userText(r.summary)}</a>
      <p class="meta body-s">
        <strong>${userText(`${r.child.givenName} ${r.child.familyName}`)}</strong> · ${formatChronoDate(r.date)} · ${this.agencyName(r.agency)} · ${category}${r.restricted
          ? html` · <strong class="tag tag--grey">Restricted to your agency</strong>`
          : nothing}
      </p>
      ${r.snippet.length > 0
        ? html`<p class="snippet body-s secondary" data-snippet><bdi>${r.snippet.map((s) => (s.match ? html`<mark>${plainUserText(s.text)}</mark>` : plainUserText(s.text)))}</bdi></p>`
        : nothing}
    </li>`;
  }

  override render() {
    const hasError = this.error !== null;
    return html`<form role="search" aria-label="Entries in your caseload" novalidate @submit=${(e: Event) => void this.submit(e)}>
        <div class="form-group ${hasError ? 'form-group--error' : ''}">
          <h2 class="heading-m"><label for="entry-search">Search what happened</label></h2>
          <div class="hint" id="entry-search-hint">Words in any entry you can see, in every chronology of your caseload. Use "quotes" for a phrase and a minus sign to leave a word out.</div>
          ${hasError ? html`<p class="error-message" id="entry-search-error"><span class="visually-hidden">Error:</span> ${this.error}</p>` : nothing}
          <div class="search-row">
            <input
              class="input ${hasError ? 'input--error' : ''}"
              id="entry-search"
              name="q"
              type="search"
              autocomplete="off"
              spellcheck="false"
              aria-describedby=${hasError ? 'entry-search-hint entry-search-error' : 'entry-search-hint'}
              .value=${this.text}
              @input=${(e: Event) => (this.text = (e.target as HTMLInputElement).value)}
            />
            <button class="button" type="submit" ?disabled=${this.busy} data-action="search-entries">Search</button>
          </div>
        </div>
      </form>
      <p role="status" class="body" data-search-status>
        ${this.busy ? 'Searching…' : this.searched === null ? '' : this.results.length === 0 ? html`No entries found for ‘${this.searched}’` : html`${plural(this.results.length, 'entry', 'entries')}${this.nextOffset !== null ? ' so far' : ''} found for ‘${this.searched}’, best match first`}
      </p>
      ${this.results.length > 0 ? html`<ol class="results" data-search-results>${this.results.map((r) => this.renderResult(r))}</ol>` : nothing}
      ${this.nextOffset !== null
        ? html`<button class="button button--secondary" type="button" ?disabled=${this.busy} data-action="more-results" @click=${() => void this.load(this.searched ?? '', this.nextOffset ?? 0)}>Show more results</button>`
        : nothing}`;
  }
}
