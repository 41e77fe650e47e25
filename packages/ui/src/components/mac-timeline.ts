// The timeline: one lane per agency, entries placed by date and drawn to show how precisely the
// date is known (a point for a day, a span for a month or year, a bar for a period, dashed and
// marked "c." when approximate), with a symbol and a colour per category group.
//
// Every action has a keyboard and a button route, never drag only: zoom and move with the buttons,
// with + / − and the arrow keys on the plot, or with Ctrl + wheel and Shift + wheel. Entries are one
// tab stop (a roving tabindex): arrow keys step from entry to entry, across lanes with up and down.
// The table is the text alternative, linked from here, and a summary says what is shown.
//
// Below the lanes, a row draws the "start again" cycles and expected-event deadlines of the highlights
// (model/timeline-bands.ts, components/timeline-bands-row.ts), with the cycles also banded through the
// lanes. What a key does is decided in model/timeline-keyboard.ts; the styles are timeline-styles.ts,
// the key timeline-legend.ts, what a screen reader hears of a mark timeline-mark-text.ts. It stays one module of some 600 lines because what is left is the
// element's state (view, focus, caches) and the render that reads all of it: splitting it further
// would pass that state around instead of keeping it in one place.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { guard } from 'lit/directives/guard.js';
import { cssProps } from '../directives/css-props.js';
import { epochDay, isoFromEpochDay, formatChronoDate, todayIso, plural } from '@mac/domain';
import { base, tokens } from '../styles/base.js';
import type { EntryView } from '../model/entry-view.js';
import { categoryLabel, categoryStyle } from '../model/category-style.js';
import { layoutTimeline, type Cluster, type LaneSpec, type Mark, type TimelineLayout } from '../model/timeline-layout.js';
import {
  ZOOM_STEP,
  clampToExtent,
  dayToX,
  describeRange,
  fitRange,
  panBy,
  rangeViewport,
  resize,
  reveal,
  ticks,
  visibleRange,
  zoomBy,
  zoomLevel,
  type Viewport,
} from '../model/timeline-scale.js';
import { symbol } from './symbols.js';
import { timelineStyles } from './timeline-styles.js';
import { rovingKey, rowKeyTarget, timelineKeyAction, type SteppableEntry } from '../model/timeline-keyboard.js';
import { bandsFromHighlights, describeBands, layoutBands, type BandSource, type PlacedBand, type TimelineBand } from '../model/timeline-bands.js';
import { bandRow, bandStyles, cycleOverlay } from './timeline-bands-row.js';
import { timelineLegend } from './timeline-legend.js';
import { highResultBadge } from './screening-marks.js';
import { householdBadge } from './household-marks.js';
import { describeMark } from './timeline-mark-text.js';
import { CHANGE_LETTERS, type ChangeKind } from '../model/changes.js';
import { densityUnit, laneDensity, type LaneDensity } from '../model/timeline-density.js';
import { STRIP_HEIGHT, densityLegend, densityStrip, densityStyles, describeBusiest } from './timeline-density-strip.js';

export interface TimelineHighlight {
  readonly id: string;
  readonly entryIds: ReadonlySet<string>;
  /** Epoch days, inclusive. */
  readonly from: number;
  readonly to: number;
}

const ROW = 32;
const MARK = 24;

function dayText(day: number): string {
  return formatChronoDate(isoFromEpochDay(Math.floor(day)));
}

export class MacTimeline extends LitElement {
  static override properties = {
    entries: { attribute: false },
    lanes: { attribute: false },
    selectedId: { attribute: false },
    highlight: { attribute: false },
    editingIds: { attribute: false },
    changeMarks: { attribute: false },
    patterns: { attribute: false },
    now: { attribute: false },
    heading: { attribute: false },
    headingLevel: { attribute: false },
    vp: { state: true },
    focusKey: { state: true },
    bandKey: { state: true },
  };

  /** Filtered entries, in chronology order. */
  declare entries: readonly EntryView[];
  declare lanes: readonly LaneSpec[];
  declare selectedId: string | null;
  declare highlight: TimelineHighlight | null;
  /** Entries someone else is editing now. */
  declare editingIds: ReadonlySet<string>;
  /** Entries new, amended or withdrawn since a conference (empty when not comparing). */
  declare changeMarks: ReadonlyMap<string, ChangeKind>;
  /** Every highlight found: the "start again" cycles and expected-event deadlines among them are drawn (model/timeline-bands.ts). */
  declare patterns: readonly BandSource[];
  /** The clock deadlines are judged by (milliseconds since the epoch); injectable for tests. */
  declare now: () => number;
  /** The section's heading and the plot's name: "Timeline", or e.g. "Kai Turner’s timeline" where a page shows several. */
  declare heading: string;
  /** 2, or 3 where the timeline sits under a heading of the page's own (the household view's children). */
  declare headingLevel: 2 | 3;
  declare private vp: Viewport | null;
  declare private focusKey: string | null;
  /** The cycle or deadline holding the band row's one tab stop. */
  declare private bandKey: string | null;

  private pendingRange: { from: number; to: number } | null = null;
  /** Until the user (or a presenter) moves the view, it keeps showing every entry as they load. */
  private autoFit = true;
  private resizeObserver: ResizeObserver | null = null;
  private lastRange = '';
  private layoutCache: { key: unknown[]; layout: TimelineLayout } | null = null;
  private densityCache: { key: unknown[]; byLane: Map<string, LaneDensity> } | null = null;
  private bandsCache: { key: unknown[]; bands: TimelineBand[] } | null = null;
  private restoreFocus = false;

  constructor() {
    super();
    this.entries = [];
    this.lanes = [];
    this.selectedId = null;
    this.highlight = null;
    this.editingIds = new Set();
    this.changeMarks = new Map();
    this.patterns = [];
    this.now = () => Date.now();
    this.heading = 'Timeline';
    this.headingLevel = 2;
    this.bandKey = null;
    this.vp = null;
    this.focusKey = null;
  }

  static override styles = [tokens, base, densityStyles, bandStyles, timelineStyles];

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver = new ResizeObserver((records) => {
      const width = records[0]?.contentRect.width ?? 0;
      if (width > 0) this.onWidth(width);
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.resizeObserver = null;
  }

  protected override firstUpdated(): void {
    const track = this.renderRoot.querySelector('.axis-track');
    if (track) this.resizeObserver?.observe(track);
    // Not passive: Ctrl + wheel zooms the timeline instead of the page.
    this.renderRoot.querySelector('.plot')?.addEventListener('wheel', (e) => this.onWheel(e as WheelEvent), { passive: false });
  }

  // ---------------------------------------------------------------------------------------------
  // Public API

  /** Shows exactly the days [from, to): used to follow a presenter. */
  showRange(from: number, to: number): void {
    this.autoFit = false;
    if (!this.vp) {
      this.pendingRange = { from, to };
      return;
    }
    this.vp = rangeViewport(from, to, this.vp.width);
  }

  /** The days in view, or null before the first layout. */
  currentRange(): { from: number; to: number } | null {
    return this.vp ? visibleRange(this.vp) : null;
  }

  fitAll(): void {
    if (!this.vp) return;
    this.vp = this.fitted(this.vp.width);
  }

  /** Focuses the plot (for a skip link or after closing a panel). */
  focusPlot(): void {
    this.renderRoot.querySelector<HTMLElement>('.plot')?.focus();
  }

  // ---------------------------------------------------------------------------------------------

  private extent(): { from: number; to: number } | null {
    let from = Number.POSITIVE_INFINITY;
    let to = Number.NEGATIVE_INFINITY;
    for (const v of this.entries) {
      if (Number.isNaN(v.startDay)) continue;
      if (v.startDay < from) from = v.startDay;
      if (v.endDay > to) to = v.endDay;
    }
    return from <= to ? { from, to } : null;
  }

  private fitted(width: number): Viewport {
    const extent = this.extent();
    if (extent) return fitRange(extent.from, extent.to, width);
    const today = Math.floor(Date.now() / 86_400_000);
    return fitRange(today - 365, today, width);
  }

  private onWidth(width: number) {
    if (!this.vp) {
      if (this.pendingRange) {
        this.vp = rangeViewport(this.pendingRange.from, this.pendingRange.to, width);
        this.pendingRange = null;
      } else {
        this.vp = this.fitted(width);
      }
    } else if (Math.abs(this.vp.width - width) > 0.5) {
      this.vp = resize(this.vp, width);
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.vp && this.autoFit && changed.has('entries')) this.vp = this.fitted(this.vp.width);
    if (this.vp && changed.has('highlight') && this.highlight) {
      this.autoFit = false;
      const span = this.highlight.to - this.highlight.from + 1;
      this.vp = fitRange(this.highlight.from - span * 0.15, this.highlight.to + span * 0.15, this.vp.width);
    }
    if (this.vp && changed.has('selectedId') && this.selectedId) {
      const view = this.entries.find((v) => v.entry.id === this.selectedId);
      if (view && !Number.isNaN(view.startDay)) {
        this.vp = reveal(this.vp, view.startDay);
        this.focusKey = view.entry.id;
      }
    }
    // If focus is inside the plot and its element may disappear (panned away), take it back after.
    const active = (this.renderRoot as ShadowRoot).activeElement as HTMLElement | null;
    this.restoreFocus = !!active?.dataset.key;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if ((changed as Map<PropertyKey, unknown>).has('vp') && this.vp) {
      const { from, to } = visibleRange(this.vp);
      const key = `${from.toFixed(3)}:${to.toFixed(3)}`;
      if (key !== this.lastRange) {
        this.lastRange = key;
        this.dispatchEvent(new CustomEvent('mac-range-change', { detail: { from, to }, bubbles: true, composed: true }));
      }
    }
    if (this.restoreFocus && !(this.renderRoot as ShadowRoot).activeElement) this.focusPlot();
  }

  private layout(): TimelineLayout | null {
    const vp = this.vp;
    if (!vp) return null;
    const key = [this.entries, this.lanes, vp, this.selectedId, this.highlight, this.focusKey];
    if (this.layoutCache && this.layoutCache.key.every((k, i) => k === key[i])) return this.layoutCache.layout;
    const priority = new Set<string>();
    if (this.selectedId) priority.add(this.selectedId);
    if (this.focusKey) priority.add(this.focusKey);
    if (this.highlight && this.highlight.entryIds.size <= 60) for (const id of this.highlight.entryIds) priority.add(id);
    const layout = layoutTimeline(this.entries, this.lanes, vp, { markSize: MARK, maxRows: 3, priority });
    this.layoutCache = { key, layout };
    return layout;
  }

  /** The cycles and deadlines to draw, from the highlights and today's date (see model/timeline-bands.ts). */
  private bands(): TimelineBand[] {
    const today = epochDay(todayIso(new Date(this.now())));
    const key = [this.patterns, this.entries, today];
    if (this.bandsCache && this.bandsCache.key.every((k, i) => k === key[i])) return this.bandsCache.bands;
    let byId: Map<string, EntryView> | null = null;
    const label = (id: string): string | null => {
      byId ??= new Map(this.entries.map((v) => [v.entry.id, v]));
      const view = byId.get(id);
      return view ? categoryLabel(view.entry.category) : null;
    };
    const bands = bandsFromHighlights(this.patterns, today, label);
    this.bandsCache = { key, bands };
    return bands;
  }

  /** Chooses the band's highlight in the patterns panel, or unchooses it (a toggle, as the panel's cards are). */
  private chooseBand(placed: PlacedBand) {
    this.bandKey = placed.band.key;
    const id = this.highlight?.id === placed.band.highlightId ? null : placed.band.highlightId;
    this.dispatchEvent(new CustomEvent('mac-highlight-select', { detail: { id }, bubbles: true, composed: true }));
  }

  private async onBandKey(event: KeyboardEvent, current: string, keys: readonly string[]) {
    const target = rowKeyTarget(keys, current, event.key);
    if (target === null) return;
    event.preventDefault();
    this.bandKey = target;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-band-key="${CSS.escape(target)}"]`)?.focus();
  }

  /** How busy each lane is in view, by agency (see model/timeline-density.ts). */
  private density(): Map<string, LaneDensity> {
    const vp = this.vp;
    if (!vp) return new Map();
    const key = [this.entries, vp];
    if (this.densityCache && this.densityCache.key.every((k, i) => k === key[i])) return this.densityCache.byLane;
    const perAgency = new Map<string, EntryView[]>();
    for (const view of this.entries) {
      const list = perAgency.get(view.entry.agency);
      if (list) list.push(view);
      else perAgency.set(view.entry.agency, [view]);
    }
    const unit = densityUnit(vp.pxPerDay);
    const byLane = new Map([...perAgency].map(([agency, views]) => [agency, laneDensity(views, vp, unit)] as const));
    this.densityCache = { key, byLane };
    return byLane;
  }

  // ---------------------------------------------------------------------------------------------
  // Zoom and pan

  /** Moving and zooming stop at the entries (and today): no panning on into empty years. */
  private bounded(vp: Viewport): Viewport {
    const extent = this.extent();
    if (!extent) return vp;
    const today = Math.floor(Date.now() / 86_400_000);
    return clampToExtent(vp, extent.from, Math.max(extent.to, Math.min(today, extent.to + 366)));
  }

  private zoom(factor: number, anchorX?: number) {
    this.autoFit = false;
    if (this.vp) this.vp = this.bounded(zoomBy(this.vp, factor, anchorX));
  }

  private pan(fraction: number) {
    this.autoFit = false;
    if (this.vp) this.vp = this.bounded(panBy(this.vp, this.vp.width * fraction));
  }

  private onWheel(event: WheelEvent) {
    if (!this.vp) return;
    const track = this.renderRoot.querySelector('.axis-track') as HTMLElement | null;
    this.autoFit = false;
    const x = track ? event.clientX - track.getBoundingClientRect().left : this.vp.width / 2;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      this.zoom(Math.exp(-event.deltaY * 0.002), Math.min(this.vp.width, Math.max(0, x)));
    } else if (event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
      event.preventDefault();
      const delta = event.shiftKey && event.deltaX === 0 ? event.deltaY : event.deltaX;
      this.vp = this.bounded(panBy(this.vp, delta));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Keyboard

  private itemCentre(key: string): number | null {
    return this.layout()?.nav.find((n) => n.key === key)?.centre ?? null;
  }

  private async focusItem(key: string) {
    this.focusKey = key;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`)?.focus();
  }

  private revealEntry(view: EntryView) {
    this.autoFit = false;
    if (this.vp) this.vp = reveal(this.vp, view.startDay + 0.5, MARK * 2);
    void this.focusItem(view.entry.id);
  }

  private onKey(event: KeyboardEvent) {
    const target = event.composedPath()[0] as HTMLElement;
    const focused = target.dataset?.key ?? null;
    const layout = this.layout();
    if (!this.vp || !layout) return;
    const action = timelineKeyAction(
      { key: event.key, shiftKey: event.shiftKey },
      {
        focused,
        nav: layout.nav,
        laneCount: layout.lanes.length,
        clusterDays: (key) => layout.lanes.flatMap((lane) => lane.clusters).find((c) => c.key === key),
        entries: this.datedEntries(),
        roving: this.rovingKey(layout),
      },
    );
    if (action === null) return;
    event.preventDefault();
    switch (action.kind) {
      case 'zoom':
        this.zoom(action.factor, focused ? (this.itemCentre(focused) ?? undefined) : undefined);
        break;
      case 'fit':
        this.fitAll();
        break;
      case 'pan':
        this.pan(action.fraction);
        break;
      case 'focus':
        void this.focusItem(action.key);
        break;
      case 'reveal': {
        const view = this.entries.find((v) => v.entry.id === action.entryId);
        if (view) this.revealEntry(view);
        break;
      }
      case 'focus-plot':
        this.focusPlot();
        break;
      case 'none':
        break;
    }
  }

  /** Dated entries in chronology order, as keyboard stepping reads them. */
  private datedEntries(): SteppableEntry[] {
    return this.entries.filter((v) => !Number.isNaN(v.startDay)).map((v) => ({ id: v.entry.id, startDay: v.startDay, order: v.order }));
  }

  private rovingKey(layout: TimelineLayout): string | null {
    return rovingKey(layout.nav, this.focusKey, this.selectedId);
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering

  private select(id: string) {
    this.focusKey = id;
    this.dispatchEvent(new CustomEvent('mac-select', { detail: { id }, bubbles: true, composed: true }));
  }

  private openCluster(cluster: Cluster) {
    if (!this.vp) return;
    this.autoFit = false;
    this.focusKey = null;
    this.vp = fitRange(cluster.fromDay, cluster.toDay, this.vp.width, 0.1);
    this.focusPlot();
  }

  private renderMark(mark: Mark, tabbable: boolean) {
    const e = mark.view.entry;
    const style = categoryStyle(e.category);
    const change = this.changeMarks.get(e.id);
    const classes = [
      'mark',
      `mark--${mark.kind}`,
      change ? 'mark--changed' : '',
      mark.view.approximate ? 'mark--approximate' : '',
      e.status === 'withdrawn' ? 'mark--withdrawn' : '',
      e.id === this.selectedId ? 'mark--selected' : '',
      this.highlight?.entryIds.has(e.id) ? 'mark--highlighted' : '',
    ].join(' ');
    return html`<button
      type="button"
      class=${classes}
      data-key=${e.id}
      tabindex=${tabbable ? '0' : '-1'}
      aria-current=${e.id === this.selectedId ? 'true' : 'false'}
      ${cssProps({ left: `${mark.left}px`, width: `${mark.width}px`, top: `${mark.row * ROW + 4}px`, '--c': style.colour })}
      @click=${() => this.select(e.id)}
      @focus=${() => (this.focusKey = e.id)}
    >
      ${symbol(style.shape, style.colour)}${mark.view.approximate ? html`<span class="approx" aria-hidden="true">c.</span>` : nothing}${highResultBadge(e)}${householdBadge(e)}
      <span class="visually-hidden">${describeMark(mark, this)}</span>
      ${this.editingIds.has(e.id) ? html`<span class="editing" aria-hidden="true">✎</span>` : nothing}
      ${change ? html`<span class="change" aria-hidden="true" data-change=${change}>${CHANGE_LETTERS[change]}</span>` : nothing}
    </button>`;
  }

  private renderCluster(cluster: Cluster, tabbable: boolean) {
    return html`<button
      type="button"
      class="cluster"
      data-key=${cluster.key}
      tabindex=${tabbable ? '0' : '-1'}
      ${cssProps({ left: `${cluster.left}px`, width: `${cluster.width}px`, top: `${cluster.row * ROW + 4}px` })}
      @click=${() => this.openCluster(cluster)}
      @focus=${() => (this.focusKey = cluster.key)}
    >
      <span aria-hidden="true">+${cluster.count}</span>
      <span class="visually-hidden">${cluster.count} more entries from ${dayText(cluster.fromDay)} to ${dayText(cluster.toDay)}: zoom in to see them</span>
    </button>`;
  }

  private summaryText(layout: TimelineLayout | null): string {
    const extent = this.extent();
    const n = this.entries.length;
    if (n === 0) return 'No entries to show.';
    const agencies = new Set(this.entries.map((v) => v.entry.agency)).size;
    const inView = layout ? layout.lanes.reduce((sum, lane) => sum + lane.inView, 0) : 0;
    return `${plural(n, 'entry', 'entries')} from ${plural(agencies, 'agency', 'agencies')}${
      extent ? `, ${dayText(extent.from)} to ${dayText(extent.to)}` : ''
    }. ${inView} in view.`;
  }

  override render() {
    const vp = this.vp;
    const layout = this.layout();
    const roving = layout ? this.rovingKey(layout) : null;
    const tickList = vp ? ticks(vp) : [];
    const density = this.density();
    const bands = this.bands();
    const bandLayout = vp ? layoutBands(bands, vp) : null;
    const bandKeys = bandLayout?.placed.map((p) => p.band.key) ?? [];
    const bandRoving = this.bandKey !== null && bandKeys.includes(this.bandKey) ? this.bandKey : (bandKeys[0] ?? null);
    const band =
      vp && this.highlight
        ? { left: dayToX(vp, this.highlight.from), width: Math.max(4, (this.highlight.to - this.highlight.from + 1) * vp.pxPerDay) }
        : null;
    return html`<section aria-labelledby="timeline-title" data-timeline>
      <div class="head">
        ${this.headingLevel === 3
          ? html`<h3 class="heading-m" id="timeline-title">${this.heading}</h3>`
          : html`<h2 class="heading-m" id="timeline-title">${this.heading}</h2>`}
        <div class="controls" role="group" aria-label="Zoom and move the timeline">
          <button type="button" class="button button--secondary button--small" data-zoom="out" @click=${() => this.zoom(1 / ZOOM_STEP)}><span aria-hidden="true">−</span> Zoom out</button>
          <button type="button" class="button button--secondary button--small" data-zoom="in" @click=${() => this.zoom(ZOOM_STEP)}><span aria-hidden="true">+</span> Zoom in</button>
          <button type="button" class="button button--secondary button--small" @click=${() => this.pan(-0.5)}><span aria-hidden="true">←</span> Earlier</button>
          <button type="button" class="button button--secondary button--small" @click=${() => this.pan(0.5)}>Later <span aria-hidden="true">→</span></button>
          <button type="button" class="button button--secondary button--small" @click=${() => this.fitAll()}>Show all</button>
        </div>
      </div>
      <p class="state" aria-live="polite" data-range>${vp ? `Showing ${describeRange(vp)} (zoom: ${zoomLevel(vp.pxPerDay)})` : ''}</p>
      <p class="summary" id="timeline-summary">
        ${this.summaryText(layout)}
        <button type="button" class="link-button" @click=${() => this.dispatchEvent(new CustomEvent('mac-show-table', { bubbles: true, composed: true }))}>
          View these entries as a table
        </button>
      </p>
      <div class="frame">
        <div class="axis" aria-hidden="true">
          <div class="axis-spacer"></div>
          <div class="axis-track">
            ${tickList.map((t) => html`<span class="tick ${t.major ? 'tick--major' : ''} ${t.anchor === 'end' ? 'tick--end' : ''}" ${cssProps({ left: `${t.x}px` })}>${t.label}</span>`)}
          </div>
        </div>
        <div
          class="plot"
          tabindex="0"
          role="group"
          aria-roledescription="timeline"
          aria-label=${this.heading}
          aria-describedby=${bands.length > 0 ? 'timeline-summary timeline-bands timeline-keys' : 'timeline-summary timeline-keys'}
          @keydown=${this.onKey}
        >
          <div class="overlay" aria-hidden="true">
            ${tickList.map((t) => html`<span class="gridline ${t.major ? 'gridline--major' : ''}" ${cssProps({ left: `${t.x}px` })}></span>`)}
            ${band ? html`<span class="band" ${cssProps({ left: `${band.left}px`, width: `${band.width}px` })}></span>` : nothing}
            ${bandLayout ? cycleOverlay(bandLayout) : nothing}
          </div>
          ${layout?.lanes.map(
            (lane) => html`<div class="lane" role="group" aria-label="${lane.name}: ${lane.inView} of ${lane.total} entries in view${describeBusiest(density.get(lane.slug))}" data-lane=${lane.slug}>
              <div class="lane-label" aria-hidden="true">${lane.name}<span class="lane-count">${plural(lane.total, 'entry', 'entries')}</span></div>
              <div class="lane-track" ${cssProps({ height: `${lane.rows * ROW + 8 + STRIP_HEIGHT}px` })}>
                ${guard([density.get(lane.slug)], () => densityStrip(density.get(lane.slug)))}
                ${repeat(
                  lane.marks,
                  (m) => m.view.entry.id,
                  (m) => this.renderMark(m, m.view.entry.id === roving),
                )}
                ${repeat(
                  lane.clusters,
                  (c) => c.key,
                  (c) => this.renderCluster(c, c.key === roving),
                )}
              </div>
            </div>`,
          ) ?? nothing}
        </div>
        ${bandLayout
          ? bandRow({
              layout: bandLayout,
              roving: bandRoving,
              selectedHighlightId: this.highlight?.id ?? null,
              onChoose: (p) => this.chooseBand(p),
              onFocus: (key) => (this.bandKey = key),
              onKey: (e, key) => void this.onBandKey(e, key, bandKeys),
            })
          : nothing}
      </div>
      ${bands.length > 0 ? html`<p class="hint" id="timeline-bands" data-bands-summary>${describeBands(bands)}</p>` : nothing}
      <p class="hint" id="timeline-keys">
        On the timeline: <kbd>←</kbd> <kbd>→</kbd> move earlier or later, <kbd>+</kbd> <kbd>−</kbd> zoom, <kbd>0</kbd> shows all, <kbd>Tab</kbd> goes to the entries. On an
        entry: arrow keys move between entries, <kbd>Enter</kbd> opens it. With a mouse: <kbd>Ctrl</kbd> + wheel zooms, <kbd>Shift</kbd> + wheel moves.
      </p>
      ${timelineLegend({ changes: this.changeMarks.size > 0, bands: bands.length > 0 })} ${vp ? densityLegend(densityUnit(vp.pxPerDay)) : nothing}
    </section>`;
  }
}

