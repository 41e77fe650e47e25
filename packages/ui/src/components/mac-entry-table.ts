// The entries as a GOV.UK-style table: the timeline's text alternative and the view that prints.
// Virtualised (only the rows in view exist), sortable by column with aria-sort, and navigable with
// the arrow keys: one tab stop for the whole body (a roving tabindex on the summary buttons), so a
// keyboard user does not tab through 5,000 rows to reach what follows.
// One module of some 560 lines: virtualisation, sorting and the roving tabindex act on the same rows
// and the same scroll state; the pure parts are model/virtual-window.ts and model/sort.ts.
import { householdTag } from './household-marks.js';
import { LitElement, css, html, nothing, unsafeCSS, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { cssProps } from '../directives/css-props.js';
import { ageAtEntry, formatAge, seenAloneLabel } from '@mac/domain';
import { userText } from './user-text.js';
import { tokens } from '../styles/tokens.js';
import { base } from '../styles/base.js';
import { tables } from '../styles/tables.js';
import type { EntryView } from '../model/entry-view.js';
import { categoryLabel, categoryStyle } from '../model/category-style.js';
import { DEFAULT_SORT, sortViews, toggleSort, type SortKey, type SortState } from '../model/sort.js';
import { nextRowIndex, rowWindow, scrollToReveal } from '../model/virtual-window.js';
import { personLabel, type Person } from '../model/presence.js';
import { CHANGE_TAGS, type ChangeKind } from '../model/changes.js';
import { symbol } from './symbols.js';

const COLUMNS: ReadonlyArray<{ key: SortKey; label: string; className: string }> = [
  { key: 'date', label: 'Date', className: 'c-date' },
  { key: 'agency', label: 'Agency', className: 'c-agency' },
  { key: 'category', label: 'Category', className: 'c-category' },
  { key: 'summary', label: 'Summary', className: 'c-summary' },
  { key: 'impactOnChild', label: 'Impact on the child', className: 'c-impact' },
  { key: 'childsVoice', label: 'The child’s voice', className: 'c-voice' },
  { key: 'actionTaken', label: 'Action taken', className: 'c-action' },
  { key: 'sourceRef', label: 'Source', className: 'c-source' },
];

/**
 * Every row has this height (CSS below clamps each cell's content to fit): the window maths needs
 * fixed rows. Measuring rendered rows instead would let rows of different heights move the window,
 * which moves the rows measured, which can go on for ever.
 */
const ROW_HEIGHT = 88;

export class MacEntryTable extends LitElement {
  static override properties = {
    entries: { attribute: false },
    total: { attribute: false },
    agencyName: { attribute: false },
    dateOfBirth: { attribute: false },
    selectedId: { attribute: false },
    highlightIds: { attribute: false },
    editingByEntry: { attribute: false },
    changeMarks: { attribute: false },
    sort: { attribute: false },
    printing: { type: Boolean },
    scrollPos: { state: true },
    viewportHeight: { state: true },
    focusIndex: { state: true },
  };

  declare entries: readonly EntryView[];
  /** Entries before filtering, for "showing 12 of 345". */
  declare total: number;
  declare agencyName: (slug: string) => string;
  declare dateOfBirth: string | null;
  declare selectedId: string | null;
  declare highlightIds: ReadonlySet<string>;
  declare editingByEntry: ReadonlyMap<string, readonly Person[]>;
  /** Entries new, amended or withdrawn since a conference (empty when not comparing). */
  declare changeMarks: ReadonlyMap<string, ChangeKind>;
  declare sort: SortState;
  /** Every row, unclamped: set for printing. */
  declare printing: boolean;
  declare private scrollPos: number;
  declare private viewportHeight: number;
  private readonly rowHeight = ROW_HEIGHT;
  declare private focusIndex: number;

  private sorted: EntryView[] = [];
  private sortedFrom: { entries: readonly EntryView[]; sort: SortState; agencyName: unknown } | null = null;
  private resizeObserver: ResizeObserver | null = null;

  constructor() {
    super();
    this.entries = [];
    this.total = 0;
    this.agencyName = (s) => s;
    this.dateOfBirth = null;
    this.selectedId = null;
    this.highlightIds = new Set();
    this.editingByEntry = new Map();
    this.changeMarks = new Map();
    this.sort = DEFAULT_SORT;
    this.printing = false;
    this.scrollPos = 0;
    this.viewportHeight = 0;
    this.focusIndex = 0;
  }

  static override styles = [
    tokens,
    base,
    tables,
    css`
      :host {
        display: block;
      }
      .scroller {
        position: relative;
        max-height: max(24rem, 70vh);
        overflow: auto;
        border: 1px solid var(--mac-border);
        background: #fff;
      }
      .table {
        margin: 0;
        table-layout: fixed;
        min-width: 62rem;
      }
      .table th,
      .table td {
        padding: 8px 12px 8px 8px;
      }
      thead th {
        position: sticky;
        top: 0;
        z-index: 1;
        background: #fff;
        box-shadow: inset 0 -2px 0 #0b0c0c;
        vertical-align: bottom;
        padding: 0;
      }
      .sort {
        font: inherit;
        font-weight: 700;
        width: 100%;
        min-height: 44px;
        padding: 8px 12px 8px 8px;
        text-align: left;
        color: var(--mac-link);
        background: none;
        border: 0;
        cursor: pointer;
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 0.25rem;
      }
      .sort:focus-visible {
        outline: 3px solid transparent;
        color: #0b0c0c;
        background: var(--mac-focus);
        box-shadow: inset 0 -4px 0 #0b0c0c;
      }
      .print-label {
        display: none;
      }
      .sort .arrow {
        flex: none;
        white-space: nowrap;
        font-size: 0.8em;
        color: var(--mac-text);
      }
      .c-date {
        width: 10rem;
      }
      .c-agency {
        width: 9rem;
      }
      .c-category {
        width: 10.5rem;
      }
      .c-summary {
        width: 24%;
      }
      .c-source {
        width: 8rem;
      }
      tr.row {
        cursor: pointer;
        height: ${unsafeCSS(ROW_HEIGHT)}px;
      }
      tr.row > td {
        height: ${unsafeCSS(ROW_HEIGHT)}px;
      }
      tr.row:hover td {
        background: #f8f8f8;
      }
      tr.row--selected td {
        background: #e8f1f8;
      }
      tr.row--selected td:first-child {
        box-shadow: inset 5px 0 0 var(--mac-link);
      }
      tr.row--highlighted td {
        background: var(--mac-highlight);
      }
      tr.row--changed td:first-child {
        box-shadow: inset 5px 0 0 #0b0c0c;
      }
      .tag--change {
        color: #fff;
        background: #0b0c0c;
      }
      tr.row--withdrawn .text {
        color: var(--mac-secondary-text);
      }
      tr.row--withdrawn .summary {
        text-decoration: line-through;
      }
      .cell {
        max-height: ${unsafeCSS(ROW_HEIGHT - 18)}px;
        overflow: hidden;
        overflow-wrap: anywhere;
      }
      .clamp {
        display: -webkit-box;
        -webkit-box-orient: vertical;
        -webkit-line-clamp: 3;
        overflow: hidden;
      }
      .clamp-2 {
        display: -webkit-box;
        -webkit-box-orient: vertical;
        -webkit-line-clamp: 2;
        overflow: hidden;
      }
      .tags {
        display: flex;
        gap: 0.25rem;
        white-space: nowrap;
        overflow: hidden;
        font-size: 0.875rem;
      }
      .tags .tag {
        font-size: 0.8125rem;
        padding: 0 5px;
      }
      .category {
        display: flex;
        gap: 0.375rem;
        align-items: flex-start;
      }
      .symbol {
        flex: none;
        width: 16px;
        height: 16px;
        margin-top: 2px;
      }
      .sub {
        display: block;
        color: var(--mac-secondary-text);
        font-size: 0.875rem;
      }
      .spacer td {
        padding: 0;
        border: 0;
      }
      .empty td {
        padding: 1.5rem 0.5rem;
      }
      .summary {
        text-align: left;
        font-weight: 700;
      }
      /* Printed, the table fits the page's width in either orientation: every column a share of it
         (fixed widths in rem left nothing for the last columns on A4 portrait, so their text stood one
         letter a line and each entry took a page). The header row repeats on every page. */
      @media print {
        .scroller {
          max-height: none;
          overflow: visible;
          border: 0;
        }
        .table {
          min-width: 0;
          width: 100%;
          font-size: 9pt;
          line-height: 1.3;
        }
        .c-date {
          width: 11%;
        }
        .c-agency {
          width: 12%;
        }
        .c-category {
          width: 13%;
        }
        .c-summary {
          width: 21%;
        }
        .c-impact,
        .c-voice,
        .c-action {
          width: 11%;
        }
        .c-source {
          width: 10%;
        }
        /* Chromium does not repeat a header row that holds buttons on each printed page: printed,
           the header shows plain labels instead of the sort buttons. */
        .sort {
          display: none;
        }
        .print-label {
          display: block;
          font-weight: 700;
          overflow-wrap: anywhere;
        }
        .tags {
          flex-wrap: wrap;
          white-space: normal;
        }
        .symbol {
          width: 10px;
          height: 10px;
        }
        thead th {
          position: static;
          box-shadow: none;
          border-bottom: 2px solid #000;
        }
        thead {
          display: table-header-group;
        }
        tr {
          break-inside: avoid;
        }
        .table th,
        .table td {
          padding: 4px;
        }
        .cell {
          max-height: none;
        }
        tr.row,
        tr.row > td {
          height: auto;
        }
        .clamp,
        .clamp-2 {
          display: block;
          -webkit-line-clamp: none;
        }
        .summary {
          color: #000;
          text-decoration: none;
        }
        tr.row--selected td,
        tr.row--highlighted td {
          background: none;
          box-shadow: none;
        }
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver = new ResizeObserver(() => this.measure());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.resizeObserver = null;
  }

  protected override firstUpdated(): void {
    const scroller = this.scroller();
    if (scroller) this.resizeObserver?.observe(scroller);
    this.measure();
  }

  private scroller(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.scroller');
  }

  private measure() {
    const scroller = this.scroller();
    if (!scroller) return;
    this.viewportHeight = scroller.clientHeight;
    this.scrollPos = scroller.scrollTop;
  }

  /** The rows in the current sort order (recomputed only when the entries or the sort change). */
  rows(): EntryView[] {
    const from = this.sortedFrom;
    if (!from || from.entries !== this.entries || from.sort !== this.sort || from.agencyName !== this.agencyName) {
      this.sorted = sortViews(this.entries, this.sort, this.agencyName);
      this.sortedFrom = { entries: this.entries, sort: this.sort, agencyName: this.agencyName };
    }
    return this.sorted;
  }

  /** Renders every row now, synchronously, for the browser's print layout (called from beforeprint). */
  preparePrint(on: boolean): void {
    this.printing = on;
    this.performUpdate();
  }

  /** Moves keyboard focus to the table (for "view as a table" from the timeline). */
  async focusTable(): Promise<void> {
    const rows = this.rows();
    const index = Math.max(0, rows.findIndex((v) => v.entry.id === this.selectedId));
    await this.focusRow(rows.length === 0 ? -1 : index);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const rows = this.rows();
    if (this.focusIndex >= rows.length) this.focusIndex = Math.max(0, rows.length - 1);
    // A pattern chosen: bring its first entry into view, so the table shows what the timeline marks.
    if (changed.has('highlightIds') && this.highlightIds.size > 0 && !changed.has('selectedId')) {
      const index = rows.findIndex((v) => this.highlightIds.has(v.entry.id));
      if (index >= 0) this.reveal(index);
    }
    if (changed.has('selectedId') && this.selectedId) {
      const index = rows.findIndex((v) => v.entry.id === this.selectedId);
      if (index >= 0) {
        this.focusIndex = index;
        this.reveal(index);
      }
    }
  }

  private reveal(index: number) {
    const scroller = this.scroller();
    if (!scroller) return;
    const header = this.renderRoot.querySelector('thead')?.getBoundingClientRect().height ?? 0;
    const top = scrollToReveal(index, { scrollTop: scroller.scrollTop, viewportHeight: scroller.clientHeight, rowHeight: this.rowHeight, headerHeight: header });
    if (top !== null) {
      scroller.scrollTop = top;
      this.scrollPos = scroller.scrollTop;
    }
  }

  private async focusRow(index: number) {
    if (index < 0) {
      this.scroller()?.focus();
      return;
    }
    this.focusIndex = index;
    this.reveal(index);
    await this.updateComplete;
    const button = this.renderRoot.querySelector<HTMLElement>(`button[data-index="${index}"]`);
    button?.focus({ preventScroll: true });
  }

  private onScroll(event: Event) {
    this.scrollPos = (event.target as HTMLElement).scrollTop;
  }

  private onRowKey(event: KeyboardEvent, index: number) {
    const page = Math.max(1, Math.floor(this.viewportHeight / this.rowHeight) - 1);
    const next = nextRowIndex(event.key, index, this.rows().length, page);
    if (next === null) return;
    event.preventDefault();
    void this.focusRow(next);
  }

  private select(view: EntryView, index: number) {
    this.focusIndex = index;
    this.dispatchEvent(new CustomEvent('mac-select', { detail: { id: view.entry.id }, bubbles: true, composed: true }));
  }

  private changeSort(key: SortKey) {
    this.sort = toggleSort(this.sort, key);
    this.dispatchEvent(new CustomEvent('mac-sort-change', { detail: { sort: this.sort }, bubbles: true, composed: true }));
  }

  private age(view: EntryView): string | null {
    const age = ageAtEntry(this.dateOfBirth, view.entry.date);
    if (age === null) return this.dateOfBirth && !Number.isNaN(view.startDay) ? 'Before birth' : null;
    return `Age ${formatAge(age)}`;
  }

  private renderRow(view: EntryView, index: number) {
    const e = view.entry;
    const style = categoryStyle(e.category);
    const editors = this.editingByEntry.get(e.id) ?? [];
    const age = this.age(view);
    const change = this.changeMarks.get(e.id);
    const classes = [
      change ? 'row--changed' : '',
      'row',
      e.id === this.selectedId ? 'row--selected' : '',
      this.highlightIds.has(e.id) ? 'row--highlighted' : '',
      e.status === 'withdrawn' ? 'row--withdrawn' : '',
    ].join(' ');
    return html`<tr class=${classes} aria-rowindex=${index + 2} data-id=${e.id} @click=${() => this.select(view, index)}>
      <td><div class="cell text">${view.displayDate}${e.time ? html`<span class="sub">${e.time}</span>` : nothing}${age ? html`<span class="sub">${age}</span>` : nothing}</div></td>
      <td><div class="cell clamp text">${this.agencyName(e.agency)}</div></td>
      <td>
        <div class="cell category text">${symbol(style.shape, style.colour)}<span class="clamp">${categoryLabel(e.category)}</span></div>
      </td>
      <td>
        <div class="cell">
          <button
            type="button"
            class="link-button summary clamp-2"
            data-index=${index}
            tabindex=${index === this.focusIndex ? '0' : '-1'}
            aria-current=${e.id === this.selectedId ? 'true' : 'false'}
            @keydown=${(ev: KeyboardEvent) => this.onRowKey(ev, index)}
          >
            ${userText(e.summary)}
          </button>
          <div class="tags">
            ${change ? html`<span class="tag tag--change" data-change=${change}>${CHANGE_TAGS[change]}</span>` : nothing}
            ${e.status === 'withdrawn' && change !== 'withdrawn' ? html`<span class="tag tag--grey">Withdrawn</span>` : nothing}
            ${e.restricted ? html`<span class="tag tag--purple">Restricted</span>` : nothing}
            ${householdTag(e)}
            ${e.sharing === 'professionals' ? html`<span class="tag tag--orange">Professionals only</span>` : nothing}
            ${this.highlightIds.has(e.id) ? html`<span class="tag tag--yellow">In pattern</span>` : nothing}
            ${editors.length > 0 ? html`<span class="tag tag--yellow">Editing: ${editors.map(personLabel).join(', ')}</span>` : nothing}
          </div>
        </div>
      </td>
      <td><div class="cell clamp text">${userText(e.impactOnChild)}</div></td>
      <td>
        <div class="cell">
          <div class="clamp-2 text">${userText(e.childsVoice ?? '')}</div>
          ${e.seenAlone ? html`<div class="secondary" data-seen-alone=${e.seenAlone}>Seen alone: ${seenAloneLabel(e.seenAlone)}</div>` : nothing}
        </div>
      </td>
      <td><div class="cell clamp text">${userText(e.actionTaken)}</div></td>
      <td><div class="cell clamp text">${userText(e.sourceRef)}</div></td>
    </tr>`;
  }

  override render() {
    const rows = this.rows();
    const win = this.printing
      ? { start: 0, end: rows.length, padTop: 0, padBottom: 0 }
      : rowWindow({ scrollTop: this.scrollPos, viewportHeight: this.viewportHeight, rowHeight: this.rowHeight, count: rows.length, overscan: 6 });
    const visible = rows.slice(win.start, win.end);
    const shown = rows.length;
    return html`<div class="scroller" @scroll=${this.onScroll}>
      <table class="table" aria-rowcount=${shown + 1}>
        <caption class="table__caption visually-hidden" id="table-caption">
          Entries: showing ${shown} of ${this.total}, sorted by ${COLUMNS.find((c) => c.key === this.sort.key)?.label} (${this.sort.direction}).
          Use the up and down arrow keys to move between entries.
        </caption>
        <thead>
          <tr aria-rowindex="1">
            ${COLUMNS.map((c) => {
              const sorted = this.sort.key === c.key;
              return html`<th scope="col" class=${c.className} aria-sort=${sorted ? this.sort.direction : 'none'}>
                <button type="button" class="sort" @click=${() => this.changeSort(c.key)}>
                  <span>${c.label}</span>
                  <span class="arrow" aria-hidden="true">${sorted ? (this.sort.direction === 'ascending' ? '▲' : '▼') : '↕'}</span>
                </button>
                <span class="print-label">${c.label}</span>
              </th>`;
            })}
          </tr>
        </thead>
        <tbody>
          ${win.padTop > 0 ? html`<tr class="spacer" aria-hidden="true"><td colspan="7" ${cssProps({ height: `${win.padTop}px` })}></td></tr>` : nothing}
          ${shown === 0
            ? html`<tr class="empty"><td colspan="7">${this.total === 0 ? 'There are no entries yet.' : 'No entries match these filters.'}</td></tr>`
            : repeat(
                visible,
                (v) => v.entry.id,
                (v, i) => this.renderRow(v, win.start + i),
              )}
          ${win.padBottom > 0 ? html`<tr class="spacer" aria-hidden="true"><td colspan="7" ${cssProps({ height: `${win.padBottom}px` })}></td></tr>` : nothing}
        </tbody>
      </table>
    </div>`;
  }
}
