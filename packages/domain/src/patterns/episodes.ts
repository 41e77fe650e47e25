// Episodes, not noise (issue 15). A busy history gives many highlights, several firing on the same
// entries (a burst of concerns is at once an escalation, a multi-agency cluster and a repeated
// category). A reader needs the episode: what happened to the child over those weeks, with the rules
// that fired as its reasons. So highlights that share an entry or whose windows overlap in time are one
// episode (transitively: no two episodes share an entry or overlap), and one entry never sits in two
// episodes: one event never makes two cards.
//
// An episode is past (history, shown collapsed) when it ended more than `pastAfterDays` before asOf
// and either every highlight in it has a current review (reviewed or dismissed), or a plan started
// (child protection, child in need, looked after) during it or within `pastAfterDays` after it. Strengths
// and protective factors recorded in an episode's window are shown with it; they never change its
// severity or status (a strength does not cancel a concern).
//
// Pure, and linear in the highlights' entries after one sort of the highlights: the server and the
// browser group the same highlights the same way, inside the engine's time budget.
import { epochDay, isoFromEpochDay } from '../dates.js';
import { categoryBySlug } from '../taxonomy.js';
import { DEFAULT_PAST_AFTER_DAYS, type Severity } from './config.js';
import { betweenDates, formatUkDate } from './explain.js';
import { entrySetHash } from './highlight.js';
import { pointsOf, pointsWhere, type Timeline } from './timeline.js';
import { numberWord, pluralInWords, pluralWord } from '../plural.js';

/** Entries that put a plan in place: an episode they follow has been acted on. */
export const PLAN_CATEGORIES = ['child-protection-plan-start', 'child-in-need-plan-start', 'became-looked-after'] as const;

/** What episodes read of the timeline the highlights came from (engine.ts analysePatterns). */
export interface EpisodeContext {
  readonly asOfDay: number;
  /** Concern entries in timeline order: each one's day and agency (for the opening sentence). */
  readonly concernDays: Int32Array;
  readonly concernAgencies: readonly string[];
  /** Days on which a plan started, ascending. */
  readonly planDays: Int32Array;
  /** Strengths, protective factors and positive change, in timeline order. */
  readonly strengthIds: readonly string[];
  readonly strengthDays: Int32Array;
  /** How many points the timeline has, and each highlight's points by seq (IdHashCache.highlightSeqs). */
  readonly pointCount: number;
  readonly highlightSeqs: ReadonlyMap<string, Int32Array>;
}

export function episodeContext(timeline: Timeline, asOfDay: number): EpisodeContext {
  const concerns = pointsWhere(timeline, (p) => p.concern);
  const plans = pointsOf(timeline, PLAN_CATEGORIES);
  const strengths = pointsWhere(timeline, (p) => categoryBySlug(p.category)?.positive === true);
  const concernAgencies = new Array<string>(concerns.length);
  for (let i = 0; i < concerns.length; i++) concernAgencies[i] = concerns[i]!.agency;
  return {
    asOfDay,
    concernDays: daysOf(concerns),
    concernAgencies,
    planDays: daysOf(plans),
    strengthIds: strengths.map((p) => p.id),
    strengthDays: daysOf(strengths),
    pointCount: timeline.points.length,
    highlightSeqs: timeline.points[0]?.hashes.highlightSeqs ?? new Map(),
  };
}

// A loop, not Int32Array.from(list, fn): that goes through the iterator protocol per point.
function daysOf(points: readonly { readonly day: number }[]): Int32Array {
  const days = new Int32Array(points.length);
  for (let i = 0; i < points.length; i++) days[i] = points[i]!.day;
  return days;
}

/** The parts of a highlight an episode reads (a Highlight with its review state fits). */
export interface EpisodeHighlight {
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
  readonly entryIds: readonly string[];
  readonly agencies: readonly string[];
  readonly window: { readonly from: string; readonly to: string };
  /** The current review, if any (a reopened highlight has none). */
  readonly review?: { readonly status: 'reviewed' | 'dismissed' } | null | undefined;
}

export type EpisodeStatus = 'current' | 'past';

/** An episode as the API returns it (GET /api/chronologies/:id/patterns `episodes`): the field names are a contract. */
export interface Episode {
  /** Stable while the same highlights make it up: its window and a hash of their ids. */
  id: string;
  /** ISO days, inclusive: the earliest start and the latest end of its highlights' windows. */
  from: string;
  to: string;
  /** The highest severity among its highlights not dismissed (among all, when every one is dismissed). */
  severity: Severity;
  /** Its highlights, most severe and most recent first (the engine's order). */
  highlightIds: string[];
  status: EpisodeStatus;
}

/** An episode with the words and facts the patterns panel shows. */
export interface EpisodeView extends Episode {
  /** "Sep–Dec 2026: 3 patterns across 4 agencies". */
  title: string;
  /** One plain sentence: "Six concerns from four agencies in 12 weeks, after none in the three months before." */
  summary: string;
  /** Agency slugs in the order their highlights name them. */
  agencies: string[];
  /** Strengths and positive change recorded within its window, in timeline order: shown with it, never used to suppress it. */
  strengthEntryIds: string[];
  /** Why it is past, in words; null when current. */
  pastBecause: string | null;
}

export interface EpisodeOptions {
  /** Days after its end before a reviewed or acted-on episode is past (the configuration's episodes.pastAfterDays). */
  pastAfterDays?: number;
}

const SEVERITY_RANK = { high: 0, medium: 1 } as const;

/**
 * Groups highlights (in the engine's order, with their review state applied) into episodes: current
 * ones first, then by severity (high first), the most recent end first. Each highlight is in exactly
 * one episode.
 */
export function groupEpisodes(highlights: readonly EpisodeHighlight[], context: EpisodeContext, options: EpisodeOptions = {}): EpisodeView[] {
  const n = highlights.length;
  if (n === 0) return [];
  const pastAfterDays = options.pastAfterDays ?? DEFAULT_PAST_AFTER_DAYS;
  const from = new Int32Array(n);
  const to = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    from[i] = dayOf(highlights[i]!.window.from);
    to[i] = dayOf(highlights[i]!.window.to);
  }
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  // Shared entries first. A highlight's window need not span its entries (silence-during-plan's is
  // the silence after them), so sharing an entry does not imply overlapping windows.
  // When every highlight came from this context's evaluation, entries are matched by their points'
  // positions; otherwise (a test's highlights, say) by entry id, which costs a map lookup each.
  const seqsOf = highlights.map((h) => {
    const seqs = context.highlightSeqs.get(h.id);
    return seqs !== undefined && seqs.length === h.entryIds.length ? seqs : null;
  });
  if (seqsOf.every((x) => x !== null)) {
    const owner = new Int32Array(context.pointCount).fill(-1);
    for (let i = 0; i < n; i++) {
      const seqs = seqsOf[i]!;
      for (let k = 0; k < seqs.length; k++) {
        const o = owner[seqs[k]!]!;
        if (o === -1) owner[seqs[k]!] = i;
        else union(o, i);
      }
    }
  } else {
    const owner = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      for (const id of highlights[i]!.entryIds) {
        const o = owner.get(id);
        if (o === undefined) owner.set(id, i);
        else union(o, i);
      }
    }
  }
  // Then overlap in time, between those groups' spans: sorted by start, a span that starts on or
  // before the furthest end so far joins the run (days are inclusive: touching on a day is overlapping).
  const spanFrom = new Map<number, number>();
  const spanTo = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (!spanFrom.has(r) || from[i]! < spanFrom.get(r)!) spanFrom.set(r, from[i]!);
    if (!spanTo.has(r) || to[i]! > spanTo.get(r)!) spanTo.set(r, to[i]!);
  }
  const roots = [...spanFrom.keys()].sort((a, b) => spanFrom.get(a)! - spanFrom.get(b)! || a - b);
  let runEnd = spanTo.get(roots[0]!)!;
  for (let k = 1; k < roots.length; k++) {
    const r = roots[k]!;
    if (spanFrom.get(r)! <= runEnd) union(roots[k - 1]!, r);
    runEnd = Math.max(runEnd, spanTo.get(r)!);
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    const list = groups.get(root);
    if (list === undefined) groups.set(root, [i]);
    else list.push(i);
  }
  const out: EpisodeView[] = [];
  for (const members of groups.values()) out.push(episodeOf(members, highlights, from, to, context, pastAfterDays));
  return out.sort(
    (a, b) =>
      (a.status === b.status ? 0 : a.status === 'current' ? -1 : 1) ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      (a.to < b.to ? 1 : a.to > b.to ? -1 : 0) ||
      (a.from < b.from ? 1 : a.from > b.from ? -1 : 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** The API's view of an episode: exactly the contract's fields. */
export function episodeContract(e: Episode): Episode {
  return { id: e.id, from: e.from, to: e.to, severity: e.severity, highlightIds: [...e.highlightIds], status: e.status };
}

function episodeOf(
  members: readonly number[],
  highlights: readonly EpisodeHighlight[],
  fromDays: Int32Array,
  toDays: Int32Array,
  context: EpisodeContext,
  pastAfterDays: number,
): EpisodeView {
  let fromDay = Infinity;
  let toDay = -Infinity;
  let severity: Severity = 'medium';
  let anyHigh = false;
  let reviewed = true;
  const agencies: string[] = [];
  const highlightIds: string[] = [];
  for (const i of members) {
    const h = highlights[i]!;
    highlightIds.push(h.id);
    if (fromDays[i]! < fromDay) fromDay = fromDays[i]!;
    if (toDays[i]! > toDay) toDay = toDays[i]!;
    if (h.severity === 'high') {
      anyHigh = true;
      if (h.review?.status !== 'dismissed') severity = 'high';
    }
    if (h.review === null || h.review === undefined) reviewed = false;
    for (const a of h.agencies) if (!agencies.includes(a)) agencies.push(a);
  }
  if (anyHigh && members.every((i) => highlights[i]!.review?.status === 'dismissed')) severity = 'high';
  const from = isoFromEpochDay(fromDay);
  const to = isoFromEpochDay(toDay);
  const ended = toDay < context.asOfDay - pastAfterDays;
  const planDay = firstAtOrAfter(context.planDays, fromDay);
  const plan = planDay < context.planDays.length && context.planDays[planDay]! <= toDay + pastAfterDays ? context.planDays[planDay]! : null;
  const past = ended && (reviewed || plan !== null);
  const strengthEntryIds: string[] = [];
  for (let k = firstAtOrAfter(context.strengthDays, fromDay); k < context.strengthDays.length && context.strengthDays[k]! <= toDay; k++) {
    strengthEntryIds.push(context.strengthIds[k]!);
  }
  const first = highlights[members[0]!]!;
  return {
    id: `episode:${from}..${to}:${entrySetHash(highlightIds)}`,
    from,
    to,
    severity,
    highlightIds,
    status: past ? 'past' : 'current',
    title: `${monthRange(from, to)}: ${pluralWord(members.length, first.title, `${pluralInWords(members.length, 'pattern')} across ${pluralInWords(agencies.length, 'agency', 'agencies')}`)}`,
    summary: summaryOf(fromDay, toDay, context, members.map((i) => highlights[i]!)),
    agencies,
    strengthEntryIds,
    pastBecause: !past
      ? null
      : `It ended more than ${durationWords(pastAfterDays)} ago and ${
          reviewed ? `${pluralWord(members.length, 'its pattern was', 'every pattern in it was')} reviewed` : `a plan followed (started ${formatUkDate(isoFromEpochDay(plan!))})`
        }.`,
  };
}

/**
 * The opening sentence, as a social worker would write it: the concerns recorded in the episode's
 * window, by how many agencies, over how long, against the same stretch before it (three months for a
 * short episode). Counted from the entries the caller can see, as the highlights were.
 */
function summaryOf(fromDay: number, toDay: number, context: EpisodeContext, members: readonly EpisodeHighlight[]): string {
  const days = context.concernDays;
  const lo = firstAtOrAfter(days, fromDay);
  const hi = firstAtOrAfter(days, toDay + 1);
  const concerns = hi - lo;
  const span = toDay - fromDay + 1;
  const when = span === 1 ? betweenDates(isoFromEpochDay(fromDay), isoFromEpochDay(fromDay)) : `in ${durationWords(span)}`;
  if (concerns === 0) {
    // Patterns about what did not happen or about assessments: say what fired, when.
    const others = members.length - 1;
    return `${members[0]!.title}${others > 0 ? `, with ${pluralInWords(others, 'other pattern')}` : ''}, ${betweenDates(isoFromEpochDay(fromDay), isoFromEpochDay(toDay))}.`;
  }
  const seen: string[] = [];
  for (let k = lo; k < hi; k++) {
    const a = context.concernAgencies[k]!;
    if (!seen.includes(a)) seen.push(a);
  }
  const period = span < 91 ? 91 : span;
  const before = lo - firstAtOrAfter(days, fromDay - period);
  return `${capitalise(pluralInWords(concerns, 'concern'))} from ${pluralInWords(seen.length, 'agency', 'agencies')} ${when}, after ${before === 0 ? 'none' : numberWord(before)} in the ${durationWords(period)} before.`;
}

// ---------------------------------------------------------------------------------------------
// Words

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A stretch of days as a person says it: "5 days", "12 weeks", "three months", "four years". */
export function durationWords(days: number): string {
  if (days <= 13) return pluralInWords(days, 'day');
  if (days < 91) return pluralInWords(Math.round(days / 7), 'week');
  if (days < 730) return pluralInWords(Math.round(days / 30.4375), 'month');
  return pluralInWords(Math.round(days / 365.25), 'year');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** "Sep 2026", "Sep–Dec 2026", "Nov 2025 – Feb 2026". */
export function monthRange(from: string, to: string): string {
  const month = (iso: string) => MONTHS[Number(iso.slice(5, 7)) - 1]!;
  const fy = from.slice(0, 4);
  const ty = to.slice(0, 4);
  if (from.slice(0, 7) === to.slice(0, 7)) return `${month(from)} ${fy}`;
  if (fy === ty) return `${month(from)}–${month(to)} ${ty}`;
  return `${month(from)} ${fy} – ${month(to)} ${ty}`;
}

// ---------------------------------------------------------------------------------------------

/** The first index whose day is at least `day` (ascending days). */
function firstAtOrAfter(days: Int32Array, day: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid]! < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const DAY_CACHE = new Map<string, number>();

// Windows name the same days again and again; ISO days between 1900 and 2100 keep the cache bounded.
function dayOf(iso: string): number {
  let day = DAY_CACHE.get(iso);
  if (day === undefined) DAY_CACHE.set(iso, (day = epochDay(iso)));
  return day;
}
