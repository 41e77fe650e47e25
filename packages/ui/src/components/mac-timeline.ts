// The timeline: one lane per agency, entries placed by date and drawn to show how precisely the
// date is known (a point for a day, a span for a month or year, a bar for a period, dashed and
// marked "c." when approximate), with a symbol and a colour per category group.
//
// Every action has a keyboard and a button route, never drag only: zoom and move with the buttons,
// with + / − and the arrow keys on the plot, or with Ctrl + wheel and Shift + wheel. Entries are one
// tab stop (a roving tabindex): arrow keys step from entry to entry, across lanes with up and down.
// The table is the text alternative, linked from here, and a summary says what is shown.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { guard } from 'lit/directives/guard.js';
import { cssProps } from '../directives/css-props.js';
import { isoFromEpochDay, formatChronoDate } from '@mac/domain';
import { plainUserText } from './user-text.js';
import { base, tokens } from '../styles/base.js';
import type { EntryView } from '../model/entry-view.js';
import { GROUP_STYLES, categoryLabel, categoryStyle } from '../model/category-style.js';
import { layoutTimeline, nearestInLane, type Cluster, type LaneSpec, type Mark, type TimelineLayout } from '../model/timeline-layout.js';
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
import { highResultBadge, resultDescription } from './screening-marks.js';
import { CHANGE_LABELS, CHANGE_LETTERS, type ChangeKind } from '../model/changes.js';
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
    vp: { state: true },
    focusKey: { state: true },
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
  declare private vp: Viewport | null;
  declare private focusKey: string | null;

  private pendingRange: { from: number; to: number } | null = null;
  /** Until the user (or a presenter) moves the view, it keeps showing every entry as they load. */
  private autoFit = true;
  private resizeObserver: ResizeObserver | null = null;
  private lastRange = '';
  private layoutCache: { key: unknown[]; layout: TimelineLayout } | null = null;
  private densityCache: { key: unknown[]; byLane: Map<string, LaneDensity> } | null = null;
  private restoreFocus = false;

  constructor() {
    super();
    this.entries = [];
    this.lanes = [];
    this.selectedId = null;
    this.highlight = null;
    this.editingIds = new Set();
    this.changeMarks = new Map();
    this.vp = null;
    this.focusKey = null;
  }

  static override styles = [
    tokens,
    base,
    densityStyles,
    css`
      :host {
        display: block;
        --label-width: 11rem;
        container-type: inline-size;
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        justify-content: space-between;
        gap: 0.5rem 1rem;
      }
      .head h2 {
        margin-bottom: 0.5rem;
      }
      .controls {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin-bottom: 0.5rem;
      }
      .state {
        margin: 0 0 0.5rem;
        color: var(--mac-secondary-text);
      }
      .summary {
        margin-bottom: 0.5rem;
      }
      /* overflow: clip, not hidden: a hidden overflow is still a scroll container, and focusing a
         mark at the edge would scroll a lane out of line with the axis. */
      .frame {
        border: 1px solid var(--mac-border);
        background: #fff;
        overflow: clip;
      }
      .axis {
        display: flex;
        border-bottom: 1px solid var(--mac-border);
        height: 28px;
        background: var(--mac-light-grey);
      }
      .axis-spacer {
        flex: none;
        width: var(--label-width);
        border-right: 1px solid var(--mac-border);
      }
      .axis-track {
        position: relative;
        flex: 1;
        overflow: clip;
      }
      .tick {
        position: absolute;
        top: 0;
        height: 28px;
        padding: 5px 0 0 4px;
        font-size: 0.875rem;
        white-space: nowrap;
        border-left: 1px solid var(--mac-border);
        color: var(--mac-secondary-text);
      }
      .tick--major {
        border-left: 2px solid #0b0c0c;
        color: var(--mac-text);
        font-weight: 700;
      }
      /* The last label, where there is no room after its line: against the right edge instead (the
         gridline below still marks its day). */
      .tick--end {
        left: auto !important;
        right: 0;
        padding: 5px 4px 0;
        border-left: 0;
      }
      .plot {
        position: relative;
        min-height: 4rem;
      }
      .plot:focus-visible {
        outline: 3px solid var(--mac-focus);
        outline-offset: -3px;
        box-shadow: inset 0 0 0 6px #0b0c0c;
      }
      .overlay {
        position: absolute;
        top: 0;
        bottom: 0;
        left: var(--label-width);
        right: 0;
        overflow: clip;
        pointer-events: none;
      }
      .gridline {
        position: absolute;
        top: 0;
        bottom: 0;
        border-left: 1px solid #e5e6e7;
      }
      .gridline--major {
        border-left-color: #b1b4b6;
      }
      .band {
        position: absolute;
        top: 0;
        bottom: 0;
        background: var(--mac-highlight);
        border-left: 2px dashed #594d00;
        border-right: 2px dashed #594d00;
      }
      .lane {
        position: relative;
        display: flex;
        border-bottom: 1px solid var(--mac-border);
      }
      .lane:nth-child(even) .lane-label {
        background: #f8f8f8;
      }
      .lane-label {
        flex: none;
        width: var(--label-width);
        padding: 6px 8px;
        border-right: 1px solid var(--mac-border);
        font-weight: 700;
        font-size: 0.875rem;
        background: #fff;
        overflow-wrap: anywhere;
        z-index: 1;
      }
      .lane-count {
        display: block;
        font-weight: 400;
        color: var(--mac-secondary-text);
      }
      .lane-track {
        position: relative;
        flex: 1;
        overflow: clip;
      }
      .mark,
      .cluster {
        position: absolute;
        height: 24px;
        min-width: 24px;
        padding: 0;
        margin: 0;
        border: 0;
        background: none;
        font: inherit;
        cursor: pointer;
        display: flex;
        align-items: center;
        gap: 2px;
        color: var(--mac-text);
      }
      .mark .symbol {
        flex: none;
        width: 20px;
        height: 20px;
        margin: 0 2px;
      }
      .mark--span {
        border: 2px dotted var(--c);
        background: color-mix(in srgb, var(--c) 12%, white);
      }
      .mark--period {
        border: 2px solid var(--c);
        background: color-mix(in srgb, var(--c) 30%, white);
      }
      .mark--span .symbol,
      .mark--period .symbol {
        width: 16px;
        height: 16px;
      }
      .mark--approximate {
        opacity: 0.8;
        border: 2px dashed var(--c);
        border-radius: 12px;
      }
      .mark--point.mark--approximate {
        background: #fff;
      }
      .risk-high {
        /* A high screening result: a black-on-yellow "!" beside the symbol, not colour alone. */
        font-size: 0.75rem;
        font-weight: 700;
        line-height: 1;
        padding: 1px 4px;
        border: 2px solid #0b0c0c;
        background: #ffdd00;
        color: #0b0c0c;
      }
      .approx {
        font-size: 0.75rem;
        font-weight: 700;
        padding-right: 3px;
      }
      .mark--withdrawn {
        opacity: 0.45;
      }
      .mark--withdrawn::after {
        content: '';
        position: absolute;
        left: -2px;
        right: -2px;
        top: 50%;
        border-top: 2px solid #0b0c0c;
        transform: rotate(-20deg);
      }
      .mark--highlighted {
        box-shadow: 0 0 0 3px #0b0c0c;
        background-color: var(--mac-highlight);
      }
      .mark--selected {
        outline: 3px solid var(--mac-link);
        outline-offset: 2px;
      }
      .mark:hover,
      .cluster:hover {
        box-shadow: 0 0 0 2px var(--mac-link-hover);
      }
      .mark:focus-visible,
      .cluster:focus-visible {
        outline: 3px solid #0b0c0c;
        outline-offset: 1px;
        background-color: var(--mac-focus);
        box-shadow: 0 0 0 6px var(--mac-focus);
        z-index: 3;
      }
      .editing {
        position: absolute;
        top: -8px;
        right: -8px;
        width: 16px;
        height: 16px;
        border-radius: 50%;
        background: #0b0c0c;
        color: #fff;
        font-size: 11px;
        line-height: 16px;
        text-align: center;
      }
      .change {
        position: absolute;
        top: -9px;
        left: -9px;
        min-width: 16px;
        height: 16px;
        padding: 0 2px;
        border-radius: 8px;
        background: #0b0c0c;
        color: #fff;
        font-size: 11px;
        font-weight: 700;
        line-height: 16px;
        text-align: center;
        z-index: 2;
      }
      .mark--changed {
        box-shadow: 0 0 0 2px #0b0c0c;
      }
      .legend .change {
        position: static;
        display: inline-block;
      }
      .cluster {
        justify-content: center;
        background: var(--mac-mid-grey);
        border: 1px solid #505a5f;
        border-radius: 12px;
        font-size: 0.8125rem;
        font-weight: 700;
      }
      .hint {
        color: var(--mac-secondary-text);
        font-size: 0.875rem;
        margin: 0.5rem 0;
      }
      kbd {
        font-family: inherit;
        font-weight: 700;
        border: 1px solid var(--mac-border);
        padding: 0 4px;
        background: var(--mac-light-grey);
      }
      .legend,
      .density-key {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 2rem;
        font-size: 0.875rem;
      }
      .density-key {
        flex-direction: column;
        gap: 0;
      }
      .legend h3,
      .density-key h3 {
        font-size: 0.875rem;
        margin: 0 0 0.25rem;
      }
      .legend ul,
      .density-key ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
      }
      .legend li,
      .density-key li {
        display: flex;
        align-items: center;
        gap: 0.375rem;
      }
      .legend .symbol {
        width: 16px;
        height: 16px;
      }
      .sample {
        position: relative;
        display: inline-flex;
        width: 36px;
        height: 16px;
        cursor: default;
      }
      .sample.mark--point {
        width: 16px;
      }
      /* Narrow (a phone): each lane's name goes above its track, so the plot keeps the whole width
         instead of what an 11rem name column leaves of 390 px. */
      @container (max-width: 560px) {
        .axis-spacer {
          display: none;
        }
        .overlay {
          left: 0;
        }
        .lane {
          flex-direction: column;
        }
        .lane-label {
          width: auto;
          border-right: 0;
          border-bottom: 1px solid var(--mac-border);
          padding: 2px 8px;
          background: #f8f8f8;
        }
        .lane-count {
          display: inline;
          margin-left: 0.5rem;
        }
        .lane-track {
          flex: none;
        }
      }
      @media print {
        :host {
          display: none;
        }
      }
    `,
  ];

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

  private stepEntry(fromDay: number, fromOrder: number, direction: 1 | -1): boolean {
    const list = this.entries.filter((v) => !Number.isNaN(v.startDay));
    const next =
      direction === 1
        ? list.find((v) => v.startDay > fromDay || (v.startDay === fromDay && v.order > fromOrder))
        : [...list].reverse().find((v) => v.startDay < fromDay || (v.startDay === fromDay && v.order < fromOrder));
    if (!next) return false;
    this.revealEntry(next);
    return true;
  }

  private onKey(event: KeyboardEvent) {
    const target = event.composedPath()[0] as HTMLElement;
    const key = target.dataset?.key;
    const layout = this.layout();
    if (!this.vp || !layout) return;
    const anchor = key ? (this.itemCentre(key) ?? undefined) : undefined;
    let handled = true;
    switch (event.key) {
      case '+':
      case '=':
        this.zoom(ZOOM_STEP, anchor);
        break;
      case '-':
      case '_':
        this.zoom(1 / ZOOM_STEP, anchor);
        break;
      case '0':
        this.fitAll();
        break;
      default:
        handled = key ? this.onItemKey(event, key, layout) : this.onPlotKey(event, layout);
    }
    if (handled) event.preventDefault();
  }

  private onPlotKey(event: KeyboardEvent, layout: TimelineLayout): boolean {
    const step = event.shiftKey ? 0.8 : 0.2;
    switch (event.key) {
      case 'ArrowLeft':
        this.pan(-step);
        return true;
      case 'ArrowRight':
        this.pan(step);
        return true;
      case 'ArrowDown':
      case 'Enter': {
        const first = this.rovingKey(layout);
        if (first) void this.focusItem(first);
        return true;
      }
      case 'Home': {
        const first = this.entries.find((v) => !Number.isNaN(v.startDay));
        if (first) this.revealEntry(first);
        return true;
      }
      case 'End': {
        const last = [...this.entries].reverse().find((v) => !Number.isNaN(v.startDay));
        if (last) this.revealEntry(last);
        return true;
      }
      default:
        return false;
    }
  }

  private onItemKey(event: KeyboardEvent, key: string, layout: TimelineLayout): boolean {
    const nav = layout.nav;
    const index = nav.findIndex((n) => n.key === key);
    const item = nav[index];
    if (!item) return false;
    const cluster = item.kind === 'cluster' ? layout.lanes[item.laneIndex]!.clusters.find((c) => c.key === key) : undefined;
    const view = item.kind === 'mark' ? this.entries.find((v) => v.entry.id === key) : undefined;
    switch (event.key) {
      case 'ArrowRight':
      case 'ArrowLeft': {
        const direction = event.key === 'ArrowRight' ? 1 : -1;
        const neighbour = nav[index + direction];
        if (neighbour) void this.focusItem(neighbour.key);
        else if (view) this.stepEntry(view.startDay, view.order, direction);
        else if (cluster) this.stepEntry(direction === 1 ? cluster.toDay : cluster.fromDay, direction === 1 ? Infinity : -Infinity, direction);
        return true;
      }
      case 'ArrowUp':
      case 'ArrowDown': {
        const direction = event.key === 'ArrowDown' ? 1 : -1;
        for (let lane = item.laneIndex + direction; lane >= 0 && lane < layout.lanes.length; lane += direction) {
          const found = nearestInLane(nav, lane, item.centre);
          if (found) {
            void this.focusItem(found.key);
            break;
          }
        }
        return true;
      }
      case 'Home':
      case 'End': {
        const list = this.entries.filter((v) => !Number.isNaN(v.startDay));
        const target = event.key === 'Home' ? list[0] : list[list.length - 1];
        if (target) this.revealEntry(target);
        return true;
      }
      case 'Escape':
        this.focusPlot();
        return true;
      default:
        return false;
    }
  }

  /** The one entry (or cluster) in the tab order: the focused one, else the selected, else the first in view. */
  private rovingKey(layout: TimelineLayout): string | null {
    const keys = new Set(layout.nav.map((n) => n.key));
    if (this.focusKey && keys.has(this.focusKey)) return this.focusKey;
    if (this.selectedId && keys.has(this.selectedId)) return this.selectedId;
    const inView = layout.nav.find((n) => n.centre >= 0) ?? layout.nav[0];
    return inView?.key ?? null;
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

  private describeMark(mark: Mark): string {
    const e = mark.view.entry;
    const style = categoryStyle(e.category);
    const parts = [
      `${mark.view.approximate ? 'approximately ' : ''}${mark.view.displayDate}`,
      `${categoryLabel(e.category)} (${style.label}, ${style.shapeName})`,
      plainUserText(e.summary),
    ];
    const result = resultDescription(e);
    if (result) parts.push(result);
    if (mark.kind === 'span') parts.push(`some time in ${mark.view.precision === 'year' ? 'the year' : 'the month'}`);
    if (e.status === 'withdrawn') parts.push('withdrawn');
    const change = this.changeMarks.get(e.id);
    if (change) parts.push(CHANGE_LABELS[change].toLowerCase());
    if (this.highlight?.entryIds.has(e.id)) parts.push('part of the chosen pattern');
    if (this.editingIds.has(e.id)) parts.push('being edited by someone else');
    if (e.id === this.selectedId) parts.push('open');
    return parts.join('; ');
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
      ${symbol(style.shape, style.colour)}${mark.view.approximate ? html`<span class="approx" aria-hidden="true">c.</span>` : nothing}${highResultBadge(e)}
      <span class="visually-hidden">${this.describeMark(mark)}</span>
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
    return `${n} ${n === 1 ? 'entry' : 'entries'} from ${agencies} ${agencies === 1 ? 'agency' : 'agencies'}${
      extent ? `, ${dayText(extent.from)} to ${dayText(extent.to)}` : ''
    }. ${inView} in view.`;
  }

  private legend() {
    return html`<div class="legend" data-legend>
      <div>
        <h3>Category groups</h3>
        <ul>
          ${GROUP_STYLES.map((s) => html`<li>${symbol(s.shape, s.colour)} ${s.label} <span class="visually-hidden">(${s.shapeName})</span></li>`)}
        </ul>
      </div>
      <div>
        <h3>How dates are drawn</h3>
        <ul>
          <li><span class="mark mark--point sample" aria-hidden="true">${symbol('circle', '#505a5f')}</span> Exact day</li>
          <li><span class="mark mark--span sample" aria-hidden="true" ${cssProps({ '--c': '#505a5f' })}></span> Month or year only (spans it)</li>
          <li><span class="mark mark--period sample" aria-hidden="true" ${cssProps({ '--c': '#505a5f' })}></span> Period, start to end</li>
          <li><span class="mark mark--approximate sample" aria-hidden="true" ${cssProps({ '--c': '#505a5f' })}><span class="approx">c.</span></span> Approximate</li>
          <li><span class="mark mark--point mark--withdrawn sample" aria-hidden="true">${symbol('circle', '#505a5f')}</span> Withdrawn</li>
          <li><span class="mark mark--point mark--highlighted sample" aria-hidden="true">${symbol('circle', '#505a5f')}</span> In the chosen pattern</li>
          <li><span class="mark mark--point sample" aria-hidden="true">${symbol('circle', '#505a5f')}<span class="risk-high">!</span></span> High screening result</li>
        </ul>
      </div>
      ${this.changeMarks.size > 0
        ? html`<div data-change-legend>
            <h3>Since the conference</h3>
            <ul>
              ${(['new', 'amended', 'withdrawn'] as const).map(
                (k) => html`<li><span class="change" aria-hidden="true">${CHANGE_LETTERS[k]}</span> ${CHANGE_LABELS[k].replace(' since the conference', '')}</li>`,
              )}
            </ul>
          </div>`
        : nothing}
    </div>`;
  }

  override render() {
    const vp = this.vp;
    const layout = this.layout();
    const roving = layout ? this.rovingKey(layout) : null;
    const tickList = vp ? ticks(vp) : [];
    const density = this.density();
    const band =
      vp && this.highlight
        ? { left: dayToX(vp, this.highlight.from), width: Math.max(4, (this.highlight.to - this.highlight.from + 1) * vp.pxPerDay) }
        : null;
    return html`<section aria-labelledby="timeline-title" data-timeline>
      <div class="head">
        <h2 class="heading-m" id="timeline-title">Timeline</h2>
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
          aria-label="Timeline"
          aria-describedby="timeline-summary timeline-keys"
          @keydown=${this.onKey}
        >
          <div class="overlay" aria-hidden="true">
            ${tickList.map((t) => html`<span class="gridline ${t.major ? 'gridline--major' : ''}" ${cssProps({ left: `${t.x}px` })}></span>`)}
            ${band ? html`<span class="band" ${cssProps({ left: `${band.left}px`, width: `${band.width}px` })}></span>` : nothing}
          </div>
          ${layout?.lanes.map(
            (lane) => html`<div class="lane" role="group" aria-label="${lane.name}: ${lane.inView} of ${lane.total} entries in view${describeBusiest(density.get(lane.slug))}" data-lane=${lane.slug}>
              <div class="lane-label" aria-hidden="true">${lane.name}<span class="lane-count">${lane.total} ${lane.total === 1 ? 'entry' : 'entries'}</span></div>
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
      </div>
      <p class="hint" id="timeline-keys">
        On the timeline: <kbd>←</kbd> <kbd>→</kbd> move earlier or later, <kbd>+</kbd> <kbd>−</kbd> zoom, <kbd>0</kbd> shows all, <kbd>Tab</kbd> goes to the entries. On an
        entry: arrow keys move between entries, <kbd>Enter</kbd> opens it. With a mouse: <kbd>Ctrl</kbd> + wheel zooms, <kbd>Shift</kbd> + wheel moves.
      </p>
      ${this.legend()} ${vp ? densityLegend(densityUnit(vp.pxPerDay)) : nothing}
    </section>`;
  }
}

