// What a key press on the timeline does, as a pure function of what has focus and what is laid out,
// so the component only carries the action out (mac-timeline.ts) and the rules are unit-tested here.
//
// On the plot itself: ← → move the view (Shift for most of a screen), ↓ or Enter go to the entries,
// Home and End bring the first or last entry into view. On an entry or a "+n" cluster: ← → step to the
// next thing in reading order, and past the edge of the view on to the next entry in the chronology;
// ↑ ↓ go to the nearest thing in the lane above or below (skipping empty lanes); Escape goes back to
// the plot. Everywhere: + and − zoom, 0 shows everything.
import { nearestInLane, type NavItem } from './timeline-layout.js';
import { ZOOM_STEP } from './timeline-scale.js';

/** An entry as keyboard stepping sees it: dated entries only, in chronology order. */
export interface SteppableEntry {
  readonly id: string;
  readonly startDay: number;
  /** Position in the chronology's canonical order, to break ties on a day. */
  readonly order: number;
}

export interface TimelineKeyContext {
  /** The data-key of the focused entry or cluster, or null when the plot itself has focus. */
  readonly focused: string | null;
  /** Focusable things in view, in reading order (timeline-layout.ts). */
  readonly nav: readonly NavItem[];
  readonly laneCount: number;
  /** The days a cluster covers, by its key. */
  readonly clusterDays: (key: string) => { fromDay: number; toDay: number } | undefined;
  /** Every dated entry, in chronology order, including those out of view. */
  readonly entries: readonly SteppableEntry[];
  /** The entry or cluster that holds the one tab stop (see rovingKey). */
  readonly roving: string | null;
}

export type TimelineKeyAction =
  | { readonly kind: 'zoom'; readonly factor: number }
  | { readonly kind: 'fit' }
  /** Move the view by a fraction of its width (negative: earlier). */
  | { readonly kind: 'pan'; readonly fraction: number }
  /** Focus something already in view. */
  | { readonly kind: 'focus'; readonly key: string }
  /** Bring an entry into view, then focus it. */
  | { readonly kind: 'reveal'; readonly entryId: string }
  | { readonly kind: 'focus-plot' }
  /** The key is the timeline's, but there is nowhere to go (the last entry, an empty lane below). */
  | { readonly kind: 'none' };

export interface KeyPress {
  readonly key: string;
  readonly shiftKey: boolean;
}

/** The action for a key press, or null when the key is not the timeline's (let the page have it). */
export function timelineKeyAction(press: KeyPress, ctx: TimelineKeyContext): TimelineKeyAction | null {
  switch (press.key) {
    case '+':
    case '=':
      return { kind: 'zoom', factor: ZOOM_STEP };
    case '-':
    case '_':
      return { kind: 'zoom', factor: 1 / ZOOM_STEP };
    case '0':
      return { kind: 'fit' };
    default:
      return ctx.focused === null ? plotKey(press, ctx) : itemKey(press, ctx.focused, ctx);
  }
}

function plotKey(press: KeyPress, ctx: TimelineKeyContext): TimelineKeyAction | null {
  const step = press.shiftKey ? 0.8 : 0.2;
  switch (press.key) {
    case 'ArrowLeft':
      return { kind: 'pan', fraction: -step };
    case 'ArrowRight':
      return { kind: 'pan', fraction: step };
    case 'ArrowDown':
    case 'Enter':
      return ctx.roving === null ? { kind: 'none' } : { kind: 'focus', key: ctx.roving };
    case 'Home':
    case 'End':
      return revealEnd(press.key, ctx);
    default:
      return null;
  }
}

function itemKey(press: KeyPress, focused: string, ctx: TimelineKeyContext): TimelineKeyAction | null {
  const { nav } = ctx;
  const index = nav.findIndex((n) => n.key === focused);
  const item = nav[index];
  if (!item) return null;
  switch (press.key) {
    case 'ArrowRight':
    case 'ArrowLeft': {
      const direction = press.key === 'ArrowRight' ? 1 : -1;
      const neighbour = nav[index + direction];
      if (neighbour) return { kind: 'focus', key: neighbour.key };
      // The edge of the view: on to the next entry in the chronology, brought into view.
      let next: SteppableEntry | null = null;
      if (item.kind === 'mark') {
        const entry = ctx.entries.find((e) => e.id === focused);
        if (entry) next = stepEntry(ctx.entries, entry.startDay, entry.order, direction);
      } else {
        const days = ctx.clusterDays(focused);
        if (days) next = stepEntry(ctx.entries, direction === 1 ? days.toDay : days.fromDay, direction === 1 ? Infinity : -Infinity, direction);
      }
      return next ? { kind: 'reveal', entryId: next.id } : { kind: 'none' };
    }
    case 'ArrowUp':
    case 'ArrowDown': {
      const direction = press.key === 'ArrowDown' ? 1 : -1;
      for (let lane = item.laneIndex + direction; lane >= 0 && lane < ctx.laneCount; lane += direction) {
        const found = nearestInLane(nav, lane, item.centre);
        if (found) return { kind: 'focus', key: found.key };
      }
      return { kind: 'none' };
    }
    case 'Home':
    case 'End':
      return revealEnd(press.key, ctx);
    case 'Escape':
      return { kind: 'focus-plot' };
    default:
      return null;
  }
}

function revealEnd(key: 'Home' | 'End', ctx: TimelineKeyContext): TimelineKeyAction {
  const target = key === 'Home' ? ctx.entries[0] : ctx.entries[ctx.entries.length - 1];
  return target ? { kind: 'reveal', entryId: target.id } : { kind: 'none' };
}

/** The next dated entry after (or before) a day and a position on it, in chronology order. */
export function stepEntry(entries: readonly SteppableEntry[], fromDay: number, fromOrder: number, direction: 1 | -1): SteppableEntry | null {
  if (direction === 1) return entries.find((v) => v.startDay > fromDay || (v.startDay === fromDay && v.order > fromOrder)) ?? null;
  for (let i = entries.length - 1; i >= 0; i--) {
    const v = entries[i]!;
    if (v.startDay < fromDay || (v.startDay === fromDay && v.order < fromOrder)) return v;
  }
  return null;
}

/**
 * The one entry (or cluster) in the tab order: the focused one, else the selected, else the first in
 * view (a roving tabindex: the timeline is one tab stop however many entries it shows).
 */
export function rovingKey(nav: readonly NavItem[], focusKey: string | null, selectedId: string | null): string | null {
  const keys = new Set(nav.map((n) => n.key));
  if (focusKey && keys.has(focusKey)) return focusKey;
  if (selectedId && keys.has(selectedId)) return selectedId;
  const inView = nav.find((n) => n.centre >= 0) ?? nav[0];
  return inView?.key ?? null;
}

/** A row of items with one tab stop (the cycle and deadline row): ← → Home End move along it. */
export function rowKeyTarget(keys: readonly string[], current: string, key: string): string | null {
  const index = keys.indexOf(current);
  if (index < 0 || keys.length === 0) return null;
  switch (key) {
    case 'ArrowRight':
      return keys[Math.min(keys.length - 1, index + 1)]!;
    case 'ArrowLeft':
      return keys[Math.max(0, index - 1)]!;
    case 'Home':
      return keys[0]!;
    case 'End':
      return keys[keys.length - 1]!;
    default:
      return null;
  }
}
