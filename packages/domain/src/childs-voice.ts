// The child's voice and lived experience (issue 15): serious case reviews keep finding chronologies that
// list what adults did and never what the child said, or whether anyone saw the child on their own.
// Every entry may carry two optional fields:
//
//   childsVoice  what the child said, did or showed, in their own words where possible (free text)
//   seenAlone    whether the practitioner saw the child alone: 'yes', 'no', 'not-applicable' (a baby, a
//                record with no contact), or '' (not recorded)
//
// Both are optional in the Yjs document: absent (entries written before they existed, or by an older
// client) means '' (entryFieldsFromDoc fills them in), so every stored entry stays valid.
//
// `childsVoiceSummary` answers the question a conference chair asks first: when did each agency last
// hear from the child, and last see them alone? A child nobody has heard from for months shows as such.
import { dateBounds, epochDay } from './dates.js';
import { hasVisibleText } from './text-rules.js';
import { plural } from './plural.js';

export const VOICE_FIELDS = ['childsVoice', 'seenAlone'] as const;
export type VoiceField = (typeof VOICE_FIELDS)[number];

export const SEEN_ALONE_VALUES = ['yes', 'no', 'not-applicable'] as const;
/** '' is "not recorded", the value of every entry written before the field existed. */
export type SeenAlone = (typeof SEEN_ALONE_VALUES)[number] | '';

export const SEEN_ALONE_LABELS: Readonly<Record<(typeof SEEN_ALONE_VALUES)[number], string>> = {
  yes: 'Yes',
  no: 'No',
  'not-applicable': 'Not applicable',
};

export const SEEN_ALONE_MESSAGE = 'seenAlone must be "yes", "no", "not-applicable" or empty';

export function isSeenAlone(value: unknown): value is SeenAlone {
  return value === '' || (SEEN_ALONE_VALUES as readonly unknown[]).includes(value);
}

/** "Yes", "No", "Not applicable", or '' when not recorded. */
export function seenAloneLabel(value: string | undefined): string {
  return value !== undefined && value !== '' && value in SEEN_ALONE_LABELS ? SEEN_ALONE_LABELS[value as keyof typeof SEEN_ALONE_LABELS] : '';
}

export function isVoiceField(field: string): field is VoiceField {
  return (VOICE_FIELDS as readonly string[]).includes(field);
}

// ---------------------------------------------------------------------------------------------
// Last heard from, last seen alone

/** The fields the summary reads. */
export interface VoiceEntry {
  id: string;
  date: string;
  agency: string;
  status: string;
  childsVoice?: string | undefined;
  seenAlone?: string | undefined;
}

export interface VoiceEvent {
  entryId: string;
  agency: string;
  /** The entry's canonical date. */
  date: string;
  /**
   * Whole days from the entry's date to `today`. A date known only to the month or year (or a period)
   * counts from its last day, so the figure is never more than the truth: "at least".
   */
  daysSince: number;
  /** True when the date is not a single known day, so daysSince is a lower bound. */
  approximate: boolean;
}

export interface AgencyVoice {
  agency: string;
  /** The latest entry of the agency that records the child's words, or null: never. */
  lastHeardFrom: VoiceEvent | null;
  /** The latest entry of the agency that records the child as seen alone, or null: never. */
  lastSeenAlone: VoiceEvent | null;
}

export interface VoiceSummary {
  today: string;
  /** One row per agency: the given agencies in their order, then any other agency with entries (by slug). */
  agencies: AgencyVoice[];
  /** Across all agencies. */
  lastHeardFrom: VoiceEvent | null;
  lastSeenAlone: VoiceEvent | null;
  /**
   * Nobody has recorded the child's words within `quietAfterDays` (or ever): the chronology says so
   * prominently. Dates known only to the month count from the month's end, so this never fires early.
   */
  quiet: boolean;
  quietAfterDays: number;
}

/** Three months without the child's words recorded by anyone: longer than any ordinary visiting cycle. */
export const DEFAULT_QUIET_AFTER_DAYS = 90;

export interface VoiceSummaryOptions {
  /** ISO day the figures count to (the chronology page: today in the partnership's zone; a pack: the conference). */
  today: string;
  /** Agencies to list even with no entry (the chronology's members), in display order. */
  agencies?: readonly string[];
  quietAfterDays?: number;
}

/**
 * When each agency last heard from the child (an active entry with the child's words) and last saw them
 * alone (seenAlone 'yes'), with days since. Withdrawn entries do not count, nor entries dated after
 * `today` (a mistyped or planned date must not make a silent child look recently heard). Pure: the
 * caller passes only the entries its reader may see.
 */
export function childsVoiceSummary(entries: readonly VoiceEntry[], opts: VoiceSummaryOptions): VoiceSummary {
  const todayDay = epochDay(opts.today);
  const quietAfterDays = opts.quietAfterDays ?? DEFAULT_QUIET_AFTER_DAYS;
  const heard = new Map<string, VoiceEvent>();
  const alone = new Map<string, VoiceEvent>();
  const seenAgencies = new Set<string>();
  for (const entry of entries) {
    seenAgencies.add(entry.agency);
    if (entry.status !== 'active') continue;
    const voiced = hasVisibleText(entry.childsVoice ?? '');
    const wasAlone = entry.seenAlone === 'yes';
    if (!voiced && !wasAlone) continue;
    const event = eventOf(entry, todayDay);
    if (event === null) continue;
    if (voiced) keepLatest(heard, event);
    if (wasAlone) keepLatest(alone, event);
  }
  const order = [...(opts.agencies ?? [])];
  const listed = new Set(order);
  const others = [...seenAgencies].filter((a) => !listed.has(a)).sort();
  const agencies = [...order, ...others].map((agency) => ({
    agency,
    lastHeardFrom: heard.get(agency) ?? null,
    lastSeenAlone: alone.get(agency) ?? null,
  }));
  const lastHeardFrom = latest(heard.values());
  return {
    today: opts.today,
    agencies,
    lastHeardFrom,
    lastSeenAlone: latest(alone.values()),
    quiet: lastHeardFrom === null || lastHeardFrom.daysSince >= quietAfterDays,
    quietAfterDays,
  };
}

function eventOf(entry: VoiceEntry, todayDay: number): VoiceEvent | null {
  let bounds: { first: string; last: string };
  try {
    bounds = dateBounds(entry.date);
  } catch {
    return null; // not a date: the schema refuses these, and a summary must not throw over one
  }
  if (epochDay(bounds.first) > todayDay) return null;
  const lastDay = Math.min(epochDay(bounds.last), todayDay);
  return {
    entryId: entry.id,
    agency: entry.agency,
    date: entry.date,
    daysSince: todayDay - lastDay,
    approximate: bounds.first !== bounds.last || entry.date.includes('?'),
  };
}

// The later event wins; on the same count of days the first kept stays (input order is the timeline's).
function keepLatest(by: Map<string, VoiceEvent>, event: VoiceEvent): void {
  const kept = by.get(event.agency);
  if (kept === undefined || event.daysSince < kept.daysSince) by.set(event.agency, event);
}

function latest(events: Iterable<VoiceEvent>): VoiceEvent | null {
  let best: VoiceEvent | null = null;
  for (const e of events) if (best === null || e.daysSince < best.daysSince) best = e;
  return best;
}

/** "today", "yesterday", "12 days ago", "at least 40 days ago" (a date known only to the month). */
export function describeDaysSince(event: Pick<VoiceEvent, 'daysSince' | 'approximate'>): string {
  const n = event.daysSince;
  const words = n === 0 ? 'today' : `${plural(n, 'day')} ago`;
  return event.approximate && n > 0 ? `at least ${words}` : words;
}
