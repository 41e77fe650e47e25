// Where each entry goes on the timeline: its lane (agency), its row within the lane, and its box in
// pixels. Marks never overlap: an entry that cannot be placed in a lane's few rows joins a cluster
// ("+12") that zooms in when chosen, so a lane stays readable at any zoom and the number of elements
// drawn stays small even for a 5,000-entry chronology.
import { isExactDay, type EntryView } from './entry-view.js';
import { dayToX, type Viewport } from './timeline-scale.js';

export interface LaneSpec {
  readonly slug: string;
  readonly name: string;
}

/** point: an exact day; span: a month or a year (the event happened some time within it); period: FROM..TO. */
export type MarkKind = 'point' | 'span' | 'period';

export interface Mark {
  readonly view: EntryView;
  readonly laneIndex: number;
  readonly row: number;
  readonly left: number;
  readonly width: number;
  readonly kind: MarkKind;
}

export interface Cluster {
  /** Stable enough for keyed rendering: lane and first entry. */
  readonly key: string;
  readonly laneIndex: number;
  readonly row: number;
  readonly left: number;
  readonly width: number;
  readonly count: number;
  readonly fromDay: number;
  readonly toDay: number;
}

export interface LaneLayout {
  readonly slug: string;
  readonly name: string;
  /** Rows drawn, including the cluster row when there is one. */
  readonly rows: number;
  readonly marks: readonly Mark[];
  readonly clusters: readonly Cluster[];
  /** Entries of this lane in the filtered list. */
  readonly total: number;
  /** Entries of this lane within the visible range (drawn or clustered). */
  readonly inView: number;
}

/** Something keyboard focus can rest on, in reading order (left to right, then lane by lane). */
export interface NavItem {
  readonly kind: 'mark' | 'cluster';
  readonly key: string;
  readonly laneIndex: number;
  readonly centre: number;
}

export interface TimelineLayout {
  readonly lanes: readonly LaneLayout[];
  readonly nav: readonly NavItem[];
}

export interface LayoutOptions {
  /** Smallest mark, in px: also the 24×24 target size of WCAG 2.5.8. */
  readonly markSize?: number;
  readonly gap?: number;
  /** Rows of marks per lane before entries are clustered. */
  readonly maxRows?: number;
  readonly clusterWidth?: number;
  /** Entries placed before all others (the selected one, a highlight's), so they are never clustered. */
  readonly priority?: ReadonlySet<string>;
}

interface Box {
  view: EntryView;
  left: number;
  right: number;
  kind: MarkKind;
}

function boxOf(view: EntryView, vp: Viewport, size: number): Box {
  if (isExactDay(view)) {
    const centre = dayToX(vp, view.startDay + 0.5);
    return { view, left: centre - size / 2, right: centre + size / 2, kind: 'point' };
  }
  const left = dayToX(vp, view.startDay);
  const right = Math.max(left + size, dayToX(vp, view.endDay + 1));
  return { view, left, right, kind: view.period ? 'period' : 'span' };
}

class Row {
  /** Right edge of the last mark placed in left-to-right order. */
  end = Number.NEGATIVE_INFINITY;
  readonly reserved: Array<[number, number]> = [];

  fits(left: number, right: number, gap: number): boolean {
    if (left < this.end + gap) return false;
    return this.reserved.every(([l, r]) => right + gap <= l || left >= r + gap);
  }
}

/**
 * Lays out `views` (already filtered; any order) in `lanes`. An entry of an agency that has no lane
 * gets one at the end, named by its slug, so nothing is ever silently left off.
 */
export function layoutTimeline(
  views: readonly EntryView[],
  lanes: readonly LaneSpec[],
  vp: Viewport,
  options: LayoutOptions = {},
): TimelineLayout {
  const size = options.markSize ?? 24;
  const gap = options.gap ?? 4;
  const maxRows = options.maxRows ?? 3;
  const clusterWidth = options.clusterWidth ?? 40;
  const priority = options.priority ?? new Set<string>();

  const specs = [...lanes];
  const laneIndex = new Map<string, number>(specs.map((l, i) => [l.slug, i]));
  const perLane: EntryView[][] = specs.map(() => []);
  for (const view of views) {
    let index = laneIndex.get(view.entry.agency);
    if (index === undefined) {
      index = specs.length;
      specs.push({ slug: view.entry.agency, name: view.entry.agency });
      laneIndex.set(view.entry.agency, index);
      perLane.push([]);
    }
    perLane[index]!.push(view);
  }

  const out: LaneLayout[] = [];
  const nav: NavItem[] = [];
  specs.forEach((spec, li) => {
    const boxes: Box[] = [];
    for (const view of perLane[li]!) {
      if (Number.isNaN(view.startDay)) continue;
      const box = boxOf(view, vp, size);
      if (box.right < -size || box.left > vp.width + size) continue;
      boxes.push(box);
    }
    boxes.sort((a, b) => a.left - b.left || a.view.order - b.view.order);

    const rows: Row[] = [];
    const marks: Mark[] = [];
    const overflow: Box[] = [];
    const place = (box: Box, reserve: boolean): boolean => {
      for (let r = 0; r < maxRows; r++) {
        if (r === rows.length) rows.push(new Row());
        const row = rows[r]!;
        if (row.fits(box.left, box.right, gap)) {
          if (reserve) row.reserved.push([box.left, box.right]);
          else row.end = box.right;
          marks.push({ view: box.view, laneIndex: li, row: r, left: box.left, width: box.right - box.left, kind: box.kind });
          return true;
        }
      }
      return false;
    };
    for (const box of boxes) if (priority.has(box.view.entry.id)) place(box, true);
    for (const box of boxes) {
      if (priority.has(box.view.entry.id)) continue;
      if (!place(box, false)) overflow.push(box);
    }

    const clusters: Cluster[] = [];
    const clusterRow = rows.length;
    let current: { left: number; count: number; from: number; to: number; first: string } | null = null;
    const flush = () => {
      if (!current) return;
      clusters.push({
        key: `${spec.slug}:${current.first}`,
        laneIndex: li,
        row: clusterRow,
        left: current.left,
        width: clusterWidth,
        count: current.count,
        fromDay: current.from,
        toDay: current.to,
      });
    };
    for (const box of overflow) {
      if (current && box.left < current.left + clusterWidth) {
        current.count += 1;
        current.from = Math.min(current.from, box.view.startDay);
        current.to = Math.max(current.to, box.view.endDay);
        continue;
      }
      const previousRight: number = current ? current.left + clusterWidth + gap : Number.NEGATIVE_INFINITY;
      flush();
      current = { left: Math.max(box.left, previousRight), count: 1, from: box.view.startDay, to: box.view.endDay, first: box.view.entry.id };
    }
    flush();

    marks.sort((a, b) => a.left - b.left || a.row - b.row);
    for (const m of marks) nav.push({ kind: 'mark', key: m.view.entry.id, laneIndex: li, centre: m.left + Math.min(m.width, size) / 2 });
    for (const c of clusters) nav.push({ kind: 'cluster', key: c.key, laneIndex: li, centre: c.left + c.width / 2 });

    out.push({
      slug: spec.slug,
      name: spec.name,
      rows: Math.max(1, rows.length) + (clusters.length > 0 ? 1 : 0),
      marks,
      clusters,
      total: perLane[li]!.length,
      inView: boxes.length,
    });
  });

  nav.sort((a, b) => a.centre - b.centre || a.laneIndex - b.laneIndex);
  return { lanes: out, nav };
}

/** The nav item nearest in x to `centre` within another lane, for moving focus up and down. */
export function nearestInLane(nav: readonly NavItem[], laneIndex: number, centre: number): NavItem | null {
  let best: NavItem | null = null;
  for (const item of nav) {
    if (item.laneIndex !== laneIndex) continue;
    if (!best || Math.abs(item.centre - centre) < Math.abs(best.centre - centre)) best = item;
  }
  return best;
}
