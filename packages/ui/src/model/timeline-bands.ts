// What the timeline draws for two kinds of pattern beyond marking their entries (issue 16):
//   - the "start again" cycle (closed-then-re-referred): one band per cycle, from the closure to the
//     referral or concern that reopened it, so the repetition shows as repeated bands;
//   - expected events (missing-no-return-interview and the others in the domain's EXPECTED_EVENTS):
//     the deadline, from the trigger entry to its "expected by" day, marked overdue there, or drawn on
//     as late up to the day the expected entry arrived.
// Everything here is read from the rule's result (Highlight.cycles, Highlight.expected) and a clock
// (`today`, an epoch day) that callers inject: no entries are re-examined, so the drawing can never
// disagree with the patterns panel about what the rule found. Status is worked out again against
// `today` so a deadline passing while the page is open turns "due" into "overdue" without a re-run.
// Pixel placement (rows in the band row, widths, what is in view) is layoutBands, below.
import { EXPECTED_EVENTS, epochDay, formatChronoDate, isoFromEpochDay, plural, pluralWord, type CycleFacts, type ExpectedEventFacts } from '@mac/domain';
import { dayToX, type Viewport } from './timeline-scale.js';

/** The parts of a highlight the bands read (a domain Highlight fits). */
export interface BandSource {
  readonly id: string;
  readonly ruleId: string;
  readonly title: string;
  readonly window: { readonly from: string; readonly to: string };
  readonly cycles?: readonly CycleFacts[] | undefined;
  readonly expected?: ExpectedEventFacts | undefined;
  /** Its current review (model/highlight-reviews.ts), when the page has applied reviews: a dismissed highlight draws no band. */
  readonly review?: { readonly status: string } | null | undefined;
}

export type DeadlineStatus = 'due' | 'overdue' | 'late' | 'met';

export interface CycleBand {
  readonly kind: 'cycle';
  readonly key: string;
  readonly highlightId: string;
  /** 1-based position in its highlight's list of cycles, and how many there are. */
  readonly index: number;
  readonly count: number;
  readonly closedEntryId: string;
  readonly reopenedEntryId: string;
  /** Epoch days, inclusive: the closure's day and the re-referral's. */
  readonly fromDay: number;
  readonly toDay: number;
  readonly description: string;
}

export interface DeadlineBand {
  readonly kind: 'deadline';
  readonly key: string;
  readonly highlightId: string;
  readonly ruleId: string;
  readonly triggerEntryId: string;
  /** The trigger entry's day. */
  readonly fromDay: number;
  /** The last day on which the expected entry is in time. */
  readonly deadlineDay: number;
  /** The day the expected entry arrived, if it has. */
  readonly arrivedDay: number | null;
  readonly status: DeadlineStatus;
  /** The last day drawn: the deadline, or the arrival when late. */
  readonly endDay: number;
  /** "Overdue", "Late", "Due", "In time": shown on the band as well as said. */
  readonly label: string;
  readonly description: string;
}

export type TimelineBand = CycleBand | DeadlineBand;

/** What an expected entry's arrival (or its absence) means on `today`. */
export function deadlineStatus(deadlineDay: number, arrivedDay: number | null, today: number): DeadlineStatus {
  if (arrivedDay !== null) return arrivedDay <= deadlineDay ? 'met' : 'late';
  return today > deadlineDay ? 'overdue' : 'due';
}

export const DEADLINE_LABELS: Readonly<Record<DeadlineStatus, string>> = {
  due: 'Due',
  overdue: 'Overdue',
  late: 'Late',
  met: 'In time',
};

function dayText(day: number): string {
  return formatChronoDate(isoFromEpochDay(day));
}

function daysText(n: number): string {
  return plural(n, 'day');
}

/** Words for an entry on the timeline ("Case closed"), from the caller; null when not shown. */
export type EntryLabel = (entryId: string) => string | null;

function expectedText(ruleId: string, expected: ExpectedEventFacts): string {
  const check = (EXPECTED_EVENTS as Readonly<Record<string, { expectedText: string } | undefined>>)[ruleId];
  return check?.expectedText ?? `one of: ${expected.expectedCategories.join(', ')}`;
}

/**
 * The bands for a set of highlights, in the order of the timeline: cycles first (in their order), then
 * deadlines by trigger day. Highlights of other rules give none, and nor does a dismissed highlight:
 * someone has judged it not a concern, and the panel lists it as dismissed; a band would go on
 * drawing it as one. (A dismissed highlight whose entries change is reopened, its review null, and is
 * drawn again.)
 */
export function bandsFromHighlights(highlights: readonly BandSource[], today: number, entryLabel: EntryLabel = () => null): TimelineBand[] {
  const cycles: CycleBand[] = [];
  const deadlines: DeadlineBand[] = [];
  for (const h of highlights) {
    if (h.review?.status === 'dismissed') continue;
    if (h.cycles && h.cycles.length > 0) {
      h.cycles.forEach((c, i) => cycles.push(cycleBand(h, c, i + 1, h.cycles!.length, entryLabel)));
    }
    if (h.expected) deadlines.push(deadlineBand(h, h.expected, today, entryLabel));
  }
  deadlines.sort((a, b) => a.fromDay - b.fromDay || a.deadlineDay - b.deadlineDay || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return [...cycles, ...deadlines];
}

function cycleBand(h: BandSource, c: CycleFacts, index: number, count: number, entryLabel: EntryLabel): CycleBand {
  const fromDay = epochDay(c.closedOn);
  const toDay = epochDay(c.reopenedOn);
  const closed = entryLabel(c.closedEntryId) ?? 'Closed';
  const reopened = entryLabel(c.reopenedEntryId) ?? 'referred again';
  return {
    kind: 'cycle',
    key: `cycle:${h.id}:${index}`,
    highlightId: h.id,
    index,
    count,
    closedEntryId: c.closedEntryId,
    reopenedEntryId: c.reopenedEntryId,
    fromDay,
    toDay,
    description: `Start again cycle ${index} of ${count}: ${closed} on ${dayText(fromDay)}, then ${reopened} on ${dayText(toDay)}, ${daysText(toDay - fromDay)} later.`,
  };
}

function deadlineBand(h: BandSource, e: ExpectedEventFacts, today: number, entryLabel: EntryLabel): DeadlineBand {
  const fromDay = epochDay(h.window.from);
  const deadlineDay = epochDay(e.deadline);
  const arrivedDay = e.arrivedOn ? epochDay(e.arrivedOn) : null;
  const status = deadlineStatus(deadlineDay, arrivedDay, today);
  // Overdue is marked at the deadline, not drawn on to today: years of overdue bars would bury the lanes.
  const endDay = status === 'late' ? arrivedDay! : deadlineDay;
  const trigger = entryLabel(e.triggerEntryId) ?? h.title;
  const what = expectedText(h.ruleId, e);
  const said =
    status === 'late'
      ? `late: recorded on ${dayText(arrivedDay!)}, ${daysText(arrivedDay! - deadlineDay)} after the deadline`
      : status === 'met'
        ? `recorded in time on ${dayText(arrivedDay!)}`
        : status === 'overdue'
          ? `overdue: not recorded, ${daysText(today - deadlineDay)} past the deadline`
          : 'due: not yet recorded';
  return {
    kind: 'deadline',
    key: `deadline:${h.id}`,
    highlightId: h.id,
    ruleId: h.ruleId,
    triggerEntryId: e.triggerEntryId,
    fromDay,
    deadlineDay,
    arrivedDay,
    status,
    endDay,
    label: DEADLINE_LABELS[status],
    description: `${h.title}: ${trigger} on ${dayText(fromDay)}; ${what} expected by ${dayText(deadlineDay)}, ${said}.`,
  };
}

/** One sentence for the timeline's description: how many cycles and deadlines are drawn, and how they stand. */
export function describeBands(bands: readonly TimelineBand[]): string {
  if (bands.length === 0) return '';
  const cycles = bands.filter((b) => b.kind === 'cycle').length;
  const deadlines = bands.filter((b): b is DeadlineBand => b.kind === 'deadline');
  const parts: string[] = [];
  if (cycles > 0) parts.push(`${cycles} “start again” ${pluralWord(cycles, 'cycle')}`);
  if (deadlines.length > 0) {
    const counts = (['overdue', 'late', 'due', 'met'] as const)
      .map((s) => [s, deadlines.filter((d) => d.status === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${n} ${DEADLINE_LABELS[s].toLowerCase()}`);
    parts.push(`${deadlines.length} expected-event ${pluralWord(deadlines.length, 'deadline')} (${counts.join(', ')})`);
  }
  return `Drawn in the row below the lanes: ${parts.join(' and ')}.`;
}

// ---------------------------------------------------------------------------------------------
// Placement

export interface PlacedBand {
  readonly band: TimelineBand;
  /** Pixels from the left of the track; may be negative when the band starts before the view. */
  readonly left: number;
  readonly width: number;
  /** For a deadline: how much of the width is the time allowed (trigger to deadline). */
  readonly allowedWidth: number;
  readonly row: number;
}

export interface BandLayout {
  readonly placed: readonly PlacedBand[];
  readonly rows: number;
  /** Bands with some part in view, out of all. */
  readonly inView: number;
  readonly total: number;
}

export interface BandLayoutOptions {
  /** Smallest band, in px (the 24×24 target size of WCAG 2.5.8). */
  readonly minWidth?: number;
  /** Room a deadline needs for its word ("Overdue"), in px per character. */
  readonly charWidth?: number;
  readonly maxRows?: number;
}

/**
 * Places the bands in view in rows: cycles in the first row (they follow one another and never
 * overlap), deadlines in the rows below, each in the first row where it does not overlap another
 * (its word included). Past maxRows, the last row takes the rest.
 */
export function layoutBands(bands: readonly TimelineBand[], vp: Viewport, options: BandLayoutOptions = {}): BandLayout {
  const minWidth = options.minWidth ?? 24;
  const charWidth = options.charWidth ?? 8;
  const maxRows = options.maxRows ?? 4;
  const placed: PlacedBand[] = [];
  const rowEnds: number[] = [];
  const hasCycles = bands.some((b) => b.kind === 'cycle');
  let inView = 0;
  for (const band of bands) {
    const left = dayToX(vp, band.fromDay);
    const end = band.kind === 'cycle' ? band.toDay : band.endDay;
    const span = (end - band.fromDay + 1) * vp.pxPerDay;
    const allowedWidth = band.kind === 'deadline' ? (band.deadlineDay - band.fromDay + 1) * vp.pxPerDay : span;
    const wordWidth = band.kind === 'deadline' ? band.label.length * charWidth + 12 : 0;
    const width = Math.max(minWidth, span, band.kind === 'deadline' ? allowedWidth + wordWidth : 0);
    if (left + width < 0 || left > vp.width) continue;
    inView++;
    let row: number;
    if (band.kind === 'cycle') {
      row = 0;
    } else {
      const first = hasCycles ? 1 : 0;
      row = first;
      while (row < maxRows - 1 && (rowEnds[row] ?? -Infinity) > left - 2) row++;
    }
    rowEnds[row] = Math.max(rowEnds[row] ?? -Infinity, left + width);
    placed.push({ band, left, width, allowedWidth, row });
  }
  const rows = placed.reduce((n, p) => Math.max(n, p.row + 1), 0);
  return { placed, rows, inView, total: bands.length };
}
