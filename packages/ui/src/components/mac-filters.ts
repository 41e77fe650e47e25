// The filters: date range, agencies, category groups and single categories, free text, withdrawn
// entries. Every change is reported at once (text and dates when typing pauses or the field is
// left), and the page keeps them in the URL. A date that cannot be read is said so next to its
// field and simply not applied: filtering never fails.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { CATEGORIES, CATEGORY_GROUPS, pluralWord } from '@mac/domain';
import { tokens } from '../styles/tokens.js';
import { base } from '../styles/base.js';
import { forms } from '../styles/forms.js';
import { EMPTY_FILTERS, filterProblems, isFiltering, type Filters } from '../model/filters.js';
import { groupStyle } from '../model/category-style.js';
import type { LaneSpec } from '../model/timeline-layout.js';
import { symbol } from './symbols.js';

const TEXT_DELAY_MS = 250;

export class MacFilters extends LitElement {
  static override properties = {
    filters: { attribute: false },
    agencies: { attribute: false },
    shown: { attribute: false },
    total: { attribute: false },
    partial: { type: Boolean },
    expanded: { state: true },
    draft: { state: true },
  };

  declare filters: Filters;
  declare agencies: readonly LaneSpec[];
  declare shown: number;
  declare total: number;
  /** Only the first entries of the chronology have arrived (the rest are loading): the total is not known yet. */
  declare partial: boolean;
  declare private expanded: boolean;
  /** What is in the text and date boxes, which may run ahead of the applied filters while typing. */
  declare private draft: { text: string; from: string; to: string };

  private textTimer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    super();
    this.filters = EMPTY_FILTERS;
    this.agencies = [];
    this.shown = 0;
    this.total = 0;
    this.partial = false;
    this.expanded = false;
    this.draft = { text: '', from: '', to: '' };
  }

  static override styles = [
    tokens,
    base,
    forms,
    css`
      :host {
        display: block;
      }
      .panel {
        background: var(--mac-light-grey);
        padding: 0.5rem 1rem;
        margin-bottom: 1rem;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1.5rem;
      }
      .search {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25rem 0.75rem;
        flex: 1 1 22rem;
      }
      .search__label {
        margin: 0;
      }
      .search .input {
        flex: 1 1 12rem;
        width: auto;
        min-width: 0;
      }
      .bar .choices,
      .bar .choice {
        margin: 0;
      }
      .count {
        margin: 0;
        font-weight: 700;
      }
      .agency-list {
        columns: 2 16rem;
        column-gap: 1rem;
      }
      .agency-list .choice {
        break-inside: avoid;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0 1.5rem;
        align-items: flex-start;
      }
      .more {
        border-top: 1px solid var(--mac-border);
        padding-top: 0.75rem;
      }
      .row .form-group {
        margin-bottom: 0.75rem;
      }
      .text-group {
        flex: 1 1 16rem;
      }
      .date-group {
        flex: 0 1 12rem;
      }
      fieldset.agencies {
        flex: 1 1 18rem;
      }
      fieldset.categories {
        flex: 3 1 30rem;
      }
      .legend {
        font-size: 1rem;
      }
      .group-row {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0 0.5rem;
      }
      .group-row .symbol {
        width: 16px;
        height: 16px;
      }
      .group-list {
        columns: 2 16rem;
        column-gap: 1rem;
      }
      .group-item {
        break-inside: avoid;
      }
      details {
        margin: 0 0 0.25rem 2.25rem;
      }
      summary {
        cursor: pointer;
        color: var(--mac-link);
        text-decoration: underline;
        min-height: 24px;
        font-size: 0.875rem;
      }
      summary:focus-visible {
        outline: 3px solid transparent;
        color: #0b0c0c;
        background: var(--mac-focus);
        box-shadow: 0 -2px var(--mac-focus), 0 4px #0b0c0c;
        text-decoration: none;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 2rem;
        align-items: center;
        margin-bottom: 0.75rem;
        min-height: 32px;
      }
      @media print {
        :host {
          display: none;
        }
      }
    `,
  ];

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A new filter state from outside (the URL, a presenter) replaces whatever was being typed.
    if (changed.has('filters')) this.draft = { text: this.filters.text, from: this.filters.from, to: this.filters.to };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.textTimer) clearTimeout(this.textTimer);
  }

  private emit(next: Filters) {
    this.dispatchEvent(new CustomEvent('mac-filters-change', { detail: { filters: next }, bubbles: true, composed: true }));
  }

  private patchFilters(patch: Partial<Filters>) {
    this.emit({ ...this.filters, ...patch });
  }

  private onText(event: Event) {
    const text = (event.target as HTMLInputElement).value;
    this.draft = { ...this.draft, text };
    if (this.textTimer) clearTimeout(this.textTimer);
    this.textTimer = setTimeout(() => this.patchFilters({ text }), TEXT_DELAY_MS);
  }

  private onDate(field: 'from' | 'to', event: Event) {
    const value = (event.target as HTMLInputElement).value;
    this.draft = { ...this.draft, [field]: value };
    if (event.type === 'change') this.patchFilters({ [field]: value });
  }

  private toggle(list: readonly string[], value: string, on: boolean): string[] {
    const set = new Set(list);
    if (on) set.add(value);
    else set.delete(value);
    return [...set];
  }

  private onGroup(group: string, on: boolean) {
    // Choosing a whole group replaces any single categories chosen within it.
    const inGroup = new Set<string>(CATEGORIES.filter((c) => c.group === group).map((c) => c.slug));
    this.patchFilters({
      groups: this.toggle(this.filters.groups, group, on),
      categories: on ? this.filters.categories.filter((c) => !inGroup.has(c)) : this.filters.categories,
    });
  }

  private clear() {
    this.draft = { text: '', from: '', to: '' };
    this.emit({ ...EMPTY_FILTERS, withdrawn: this.filters.withdrawn });
  }

  private dateGroup(field: 'from' | 'to', label: string, problem: string | undefined) {
    const id = `filter-${field}`;
    return html`<div class="form-group date-group ${problem ? 'form-group--error' : ''}">
      <label class="label" for=${id}>${label}</label>
      <div class="hint" id="${id}-hint">For example, 2022 or 04/2023</div>
      ${problem ? html`<p class="error-message" id="${id}-error"><span class="visually-hidden">Error:</span> ${problem}</p>` : nothing}
      <input
        class="input ${problem ? 'input--error' : ''}"
        id=${id}
        name=${field}
        type="text"
        autocomplete="off"
        spellcheck="false"
        .value=${this.draft[field]}
        aria-describedby="${id}-hint${problem ? ` ${id}-error` : ''}"
        @input=${(e: Event) => this.onDate(field, e)}
        @change=${(e: Event) => this.onDate(field, e)}
      />
    </div>`;
  }

  private categoryChoices() {
    const groups = new Set(this.filters.groups);
    const categories = new Set(this.filters.categories);
    return html`<div class="group-list">
      ${CATEGORY_GROUPS.map((g) => {
        const style = groupStyle(g.slug);
        const list = CATEGORIES.filter((c) => c.group === g.slug);
        const chosenInside = list.filter((c) => categories.has(c.slug)).length;
        return html`<div class="group-item">
          <div class="choice">
            <input class="choice__input" id="group-${g.slug}" type="checkbox" .checked=${groups.has(g.slug)} @change=${(e: Event) => this.onGroup(g.slug, (e.target as HTMLInputElement).checked)} />
            <label class="choice__label group-row" for="group-${g.slug}">${symbol(style.shape, style.colour)} ${g.label}</label>
          </div>
          ${list.length > 1 && !groups.has(g.slug)
            ? html`<details ?open=${chosenInside > 0}>
                <summary>Choose ${g.label.toLowerCase()} categories${chosenInside > 0 ? ` (${chosenInside} chosen)` : ''}</summary>
                <div class="choices choices--small">
                  ${list.map(
                    (c) => html`<div class="choice">
                      <input
                        class="choice__input"
                        id="category-${c.slug}"
                        type="checkbox"
                        .checked=${categories.has(c.slug)}
                        @change=${(e: Event) => this.patchFilters({ categories: this.toggle(this.filters.categories, c.slug, (e.target as HTMLInputElement).checked) })}
                      />
                      <label class="choice__label" for="category-${c.slug}">${c.label}</label>
                    </div>`,
                  )}
                </div>
              </details>`
            : nothing}
        </div>`;
      })}
    </div>`;
  }

  override render() {
    const problems = filterProblems(this.filters);
    const problem = (field: 'from' | 'to') => problems.find((p) => p.field === field)?.message;
    const agencies = new Set(this.filters.agencies);
    const chosen = this.filters.agencies.length + this.filters.groups.length + this.filters.categories.length + (this.filters.from ? 1 : 0) + (this.filters.to ? 1 : 0);
    // A date that cannot be read is shown with its field, so the filters open to show it.
    const expanded = this.expanded || problems.length > 0;
    // One line until asked for more: the timeline, not the filters, comes first on the page.
    return html`<section class="panel" aria-labelledby="filters-title" data-filters>
      <h2 id="filters-title" class="visually-hidden">Filter entries</h2>
      <form role="search" aria-labelledby="filters-title" @submit=${(e: Event) => e.preventDefault()}>
        <div class="bar">
          <div class="search">
            <label class="label search__label" for="filter-text">Search the entries</label>
            <span class="visually-hidden" id="filter-text-hint">Words in the summary, detail, impact, action or source</span>
            <input class="input" id="filter-text" name="q" type="search" autocomplete="off" .value=${this.draft.text} aria-describedby="filter-text-hint" @input=${this.onText} />
          </div>
          <div class="choices choices--small withdrawn">
            <div class="choice">
              <input class="choice__input" id="filter-withdrawn" type="checkbox" .checked=${this.filters.withdrawn} @change=${(e: Event) => this.patchFilters({ withdrawn: (e.target as HTMLInputElement).checked })} />
              <label class="choice__label" for="filter-withdrawn">Show withdrawn entries</label>
            </div>
          </div>
          <button type="button" class="link-button more-toggle" aria-expanded=${expanded ? 'true' : 'false'} aria-controls="more-filters" @click=${() => (this.expanded = !expanded)}>
            ${expanded ? 'Hide the filters by agency or category, or by date' : 'Filter by agency or category, or by date'}${chosen > 0 ? ` (${chosen} chosen)` : ''}
          </button>
          <p class="count" role="status" data-filter-count>Showing ${this.shown} of ${this.partial ? 'the first ' : ''}${this.total} ${pluralWord(this.total, 'entry', 'entries')}${this.partial ? ': the rest are loading' : ''}</p>
          ${isFiltering(this.filters) ? html`<button type="button" class="button button--secondary button--small" @click=${this.clear}>Clear filters</button>` : nothing}
        </div>
        <div class="row more" id="more-filters" ?hidden=${!expanded}>
          ${this.dateGroup('from', 'From', problem('from'))} ${this.dateGroup('to', 'To', problem('to'))}
        </div>
        <div class="row" ?hidden=${!expanded}>
          <fieldset class="agencies form-group">
            <legend class="legend">Agencies</legend>
            <div class="choices choices--small agency-list">
              ${this.agencies.map(
                (a) => html`<div class="choice">
                  <input
                    class="choice__input"
                    id="agency-${a.slug}"
                    type="checkbox"
                    .checked=${agencies.has(a.slug)}
                    @change=${(e: Event) => this.patchFilters({ agencies: this.toggle(this.filters.agencies, a.slug, (e.target as HTMLInputElement).checked) })}
                  />
                  <label class="choice__label" for="agency-${a.slug}">${a.name}</label>
                </div>`,
              )}
            </div>
          </fieldset>
          <fieldset class="categories form-group">
            <legend class="legend">Categories</legend>
            <div class="choices choices--small">${this.categoryChoices()}</div>
          </fieldset>
        </div>
      </form>
    </section>`;
  }
}
