// Dates with precision, as the exchange format writes them (see docs and the CSV spec):
// `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `DD/MM/YYYY`, `MM/YYYY`, a leading `?` per side for "approximate",
// and `FROM..TO` for a period. Agencies often know only the month or the year of an event, and a
// chronology must say so rather than invent a day. Nothing here uses Date for calendar arithmetic:
// a Date carries a time zone, and a day shifting across midnight would move an event.
//
// One module: parsing, canonical form, display and arithmetic of dates with precision share one
// representation and its edge cases; splitting would spread one grammar.
import { numberWord, plural } from './plural.js';

export type DatePrecision = 'day' | 'month' | 'year';

export interface DatePoint {
  year: number;
  month: number | null;
  day: number | null;
  approximate: boolean;
}

export interface ChronoDate {
  start: DatePoint;
  /** The end of a period; null for a single date. */
  end: DatePoint | null;
}

export type ParsedChronoDate =
  | { ok: true; date: ChronoDate; canonical: string; understood: string }
  | { ok: false; message: string; understood?: string };

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;
const MONTH_ABBREVIATIONS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const FORMS_HINT =
  'write YYYY-MM-DD, DD/MM/YYYY, MM/YYYY, YYYY-MM, YYYY or a month and year such as March 2023, start with ? or "around" if approximate, and use FROM..TO for a period';

// Month words people write: the full name, the three-letter abbreviation (with or without a full
// stop) and "Sept". Keys are lower case.
const MONTH_WORDS: ReadonlyMap<string, number> = new Map<string, number>([
  ...MONTH_NAMES.map((name, i) => [name.toLowerCase(), i + 1] as const),
  ...MONTH_ABBREVIATIONS.map((name, i) => [name.toLowerCase(), i + 1] as const),
  ['sept', 9],
]);

// Words that mark a date as approximate, read as a leading `?`. Longest first so that "c." is not
// read as "c" followed by a stray full stop.
const APPROXIMATE_WORDS = ['approximately', 'approx.', 'approx', 'around', 'about', 'circa', 'ca.', 'c.', 'c'] as const;

// "early 2021", "mid-2021", "late 2021" name no range that everyone would agree on (is early the
// first third? the first half?), and the exchange format cannot store a fuzzy season. Refused with a
// message pointing at the forms that say exactly what is known.
const SEASON_WORDS = /^(early|mid|late|the start of|the end of|beginning of|end of|spring|summer|autumn|fall|winter)\b[\s-]*/i;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function monthName(month: number): string {
  return MONTH_NAMES[month - 1] ?? `month ${month}`;
}

function monthAbbreviation(month: number): string {
  return MONTH_ABBREVIATIONS[month - 1] ?? String(month);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function pad4(n: number): string {
  return String(n).padStart(4, '0');
}

export function precisionOf(p: DatePoint): DatePrecision {
  if (p.month === null) return 'year';
  return p.day === null ? 'month' : 'day';
}

// ---------------------------------------------------------------------------------------------
// Parsing

type PointResult = { ok: true; point: DatePoint } | { ok: false; message: string; understood?: string };

// The shapes people type. Each captures raw digit runs so that a wrong-length year is reported as
// such rather than as "not a date".
const ISO_DAY = /^(\d+)-(\d{1,2})-(\d{1,2})$/;
const ISO_MONTH = /^(\d+)-(\d{1,2})$/;
const YEAR_ONLY = /^(\d+)$/;
const UK_DAY = /^(\d{1,2})\/(\d{1,2})\/(\d+)$/;
const UK_MONTH = /^(\d{1,2})\/(\d+)$/;
// "March 2023", "Mar. 2023", "5 March 2023", "5th March 2023", "March 5, 2023" (the display form,
// "5 Apr 2023", reads back as itself).
const WORD_MONTH = /^([a-z]+\.?),?\s+(\d+)$/i;
const DAY_WORD_MONTH = /^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+\.?),?\s+(\d+)$/i;
const WORD_MONTH_DAY = /^([a-z]+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d+)$/i;

function monthFromWord(word: string): number | null {
  return MONTH_WORDS.get(word.toLowerCase().replace(/\.$/, '')) ?? null;
}

/** Strips a leading approximation word ("around", "c.", …); null when there is none. */
function stripApproximateWord(text: string): string | null {
  const lower = text.toLowerCase();
  for (const word of APPROXIMATE_WORDS) {
    if (!lower.startsWith(word)) continue;
    const rest = text.slice(word.length);
    // A word must end at a space, or at a digit or ? for the dotted abbreviations ("c.2021").
    if (word.endsWith('.') ? true : /^\s/.test(rest)) {
      const trimmed = rest.trim();
      // "c" alone before a month name would swallow nothing useful; require what follows to start
      // like a date.
      if (/^[\d?a-z]/i.test(trimmed)) return trimmed;
    }
  }
  return null;
}

function checkYear(raw: string, text: string, understood: string): PointResult | null {
  if (raw.length !== 4) {
    return {
      ok: false,
      message: `${text}: the year must have four digits (it has ${raw.length < 4 ? numberWord(raw.length) : raw.length})`,
      understood,
    };
  }
  const year = Number(raw);
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return { ok: false, message: `${text}: the year must be between ${MIN_YEAR} and ${MAX_YEAR}`, understood };
  }
  return null;
}

function checkMonth(month: number, text: string, understood: string, ukOrder: boolean): PointResult | null {
  if (month >= 1 && month <= 12) return null;
  // Day-first is the only order we read, so say so: 04/13/2023 is refused, never read as 13 April.
  const hint = ukOrder ? ' (dates are read day first: DD/MM/YYYY)' : '';
  return { ok: false, message: `${text} is not a real date: there is no month ${month}${hint}`, understood };
}

function parsePoint(raw: string, shownAs?: string): PointResult {
  let text = raw.trim();
  let approximate = false;
  if (text.startsWith('?')) {
    approximate = true;
    text = text.slice(1).trim();
    if (text === '') return { ok: false, message: '? must be followed by a date' };
  } else {
    const rest = stripApproximateWord(text);
    if (rest !== null) {
      approximate = true;
      text = rest;
    } else if (/^(approximately|approx\.?|around|about|circa|ca\.|c\.)$/i.test(text)) {
      return { ok: false, message: `"${text}" must be followed by a date` };
    }
  }
  const shown = shownAs ?? raw.trim();
  let m: RegExpExecArray | null;

  const season = SEASON_WORDS.exec(text);
  if (season !== null) {
    const word = season[1]!.toLowerCase();
    return {
      ok: false,
      message:
        `"${shown}": "${word}" does not say which months, so it cannot be stored exactly; ` +
        'write the year as approximate (?2021 or "around 2021"), a month ("around March 2021"), or a period of months (2021-01..2021-04)',
    };
  }

  // Month words become the numeric forms, so one set of checks (year length, range, month length)
  // applies to every way of writing a date.
  if ((m = DAY_WORD_MONTH.exec(text)) !== null || (m = WORD_MONTH_DAY.exec(text)) !== null) {
    const dayFirst = /^\d/.test(text);
    const [dRaw, word, yRaw] = dayFirst ? [m[1]!, m[2]!, m[3]!] : [m[2]!, m[1]!, m[3]!];
    const month = monthFromWord(word);
    if (month === null) return { ok: false, message: `"${shown}": "${word}" is not a month we can read (write it as March or Mar)` };
    return parsePoint(`${approximate ? '?' : ''}${dRaw}/${month}/${yRaw}`, shown);
  }
  if ((m = WORD_MONTH.exec(text)) !== null) {
    const month = monthFromWord(m[1]!);
    if (month === null) {
      return { ok: false, message: `"${shown}": "${m[1]!}" is not a month we can read (write it as March or Mar)` };
    }
    return parsePoint(`${approximate ? '?' : ''}${month}/${m[2]!}`, shown);
  }

  if ((m = ISO_DAY.exec(text)) !== null || (m = UK_DAY.exec(text)) !== null) {
    const uk = text.includes('/');
    const [yRaw, mRaw, dRaw] = uk ? [m[3]!, m[2]!, m[1]!] : [m[1]!, m[2]!, m[3]!];
    const year = Number(yRaw);
    const month = Number(mRaw);
    const day = Number(dRaw);
    const understood = `day ${day}, month ${month}, year ${yRaw}`;
    const bad = checkYear(yRaw, shown, understood) ?? checkMonth(month, shown, understood, uk);
    if (bad) return bad;
    const length = daysInMonth(year, month);
    if (day < 1 || day > length) {
      const why = day < 1 ? 'there is no day 0' : `${monthName(month)} ${year} has ${length} days`;
      return { ok: false, message: `${shown} is not a real date: ${why}`, understood: `day ${day} of ${monthName(month)} ${year}` };
    }
    return { ok: true, point: { year, month, day, approximate } };
  }

  if ((m = ISO_MONTH.exec(text)) !== null || (m = UK_MONTH.exec(text)) !== null) {
    const uk = text.includes('/');
    const [yRaw, mRaw] = uk ? [m[2]!, m[1]!] : [m[1]!, m[2]!];
    const month = Number(mRaw);
    const understood = `month ${month}, year ${yRaw}`;
    const bad = checkYear(yRaw, shown, understood) ?? checkMonth(month, shown, understood, false);
    if (bad) return bad;
    return { ok: true, point: { year: Number(yRaw), month, day: null, approximate } };
  }

  if ((m = YEAR_ONLY.exec(text)) !== null) {
    const yRaw = m[1]!;
    const bad = checkYear(yRaw, shown, `year ${yRaw}`);
    if (bad) return bad;
    return { ok: true, point: { year: Number(yRaw), month: null, day: null, approximate } };
  }

  return { ok: false, message: `"${shown}" is not a date we can read: ${FORMS_HINT}` };
}

function describePoint(p: DatePoint): string {
  const around = p.approximate ? 'around ' : '';
  if (p.month === null) return `${around}${p.year}`;
  if (p.day === null) return `${around}${monthName(p.month)} ${p.year}`;
  return `${around}${p.day} ${monthName(p.month)} ${p.year}`;
}

/** A human description of what a date means, for showing back to whoever typed it. */
export function describeChronoDate(d: ChronoDate): string {
  if (d.end !== null) return `period from ${describePoint(d.start)} to ${describePoint(d.end)}`;
  const precision = precisionOf(d.start);
  const note = d.start.approximate
    ? `approximate ${precision}`
    : precision === 'day'
      ? 'exact day'
      : `${precision} only`;
  return `${describePoint(d.start)} (${note})`;
}

/**
 * Reads a date in any accepted form. Never guesses: an impossible or ambiguous date is refused with
 * a message saying what was understood. Never throws.
 */
export function parseChronoDate(text: string): ParsedChronoDate {
  if (typeof text !== 'string') return { ok: false, message: 'a date is required' };
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'a date is required' };

  const sides = trimmed.split('..');
  if (sides.length > 2) {
    return { ok: false, message: `"${trimmed}" has more than one "..": a period is written FROM..TO` };
  }
  if (sides.length === 2) {
    const [fromText, toText] = [sides[0]!.trim(), sides[1]!.trim()];
    if (fromText === '' || toText === '') {
      return {
        ok: false,
        message: `"${trimmed}": a period needs both a start and an end (FROM..TO)`,
      };
    }
    const from = parsePoint(fromText);
    const to = parsePoint(toText);
    if (!from.ok) return { ...from, message: `start of the period: ${from.message}` };
    if (!to.ok) {
      return {
        ok: false,
        message: `end of the period: ${to.message}`,
        understood: `period from ${describePoint(from.point)} to ${to.understood ?? 'an unreadable date'}`,
      };
    }
    const date: ChronoDate = { start: from.point, end: to.point };
    const understood = describeChronoDate(date);
    // A period ending within the month or year it starts in is fine (2023-04-10..2023-04): only an
    // end wholly before the start is refused.
    if (pointLast(to.point) < pointFirst(from.point)) {
      return {
        ok: false,
        message: `the period ends (${describePoint(to.point)}) before it starts (${describePoint(from.point)})`,
        understood,
      };
    }
    return { ok: true, date, canonical: canonicalDate(date), understood };
  }

  const point = parsePoint(trimmed);
  if (!point.ok) return point;
  const date: ChronoDate = { start: point.point, end: null };
  return { ok: true, date, canonical: canonicalDate(date), understood: describeChronoDate(date) };
}

/** True when `text` is a date written exactly in its canonical (stored) form. */
export function isCanonicalDate(text: string): boolean {
  const parsed = parseChronoDate(text);
  return parsed.ok && parsed.canonical === text;
}

// ---------------------------------------------------------------------------------------------
// Writing

function canonicalPoint(p: DatePoint): string {
  const mark = p.approximate ? '?' : '';
  if (p.month === null) return `${mark}${pad4(p.year)}`;
  if (p.day === null) return `${mark}${pad4(p.year)}-${pad2(p.month)}`;
  return `${mark}${pad4(p.year)}-${pad2(p.month)}-${pad2(p.day)}`;
}

/** The stored form: `2023-04-05`, `2023-04`, `2023`, `?2021`, `2023-03-03..2023-04-09`. */
export function canonicalDate(d: ChronoDate): string {
  return d.end === null ? canonicalPoint(d.start) : `${canonicalPoint(d.start)}..${canonicalPoint(d.end)}`;
}

function displayPoint(p: DatePoint, withYear = true): string {
  const around = p.approximate ? 'c. ' : '';
  const year = withYear ? ` ${p.year}` : '';
  if (p.month === null) return `${around}${p.year}`;
  if (p.day === null) return `${around}${monthAbbreviation(p.month)}${year}`;
  return `${around}${p.day} ${monthAbbreviation(p.month)}${year}`;
}

/**
 * UK display form: `5 Apr 2023`, `Apr 2023`, `2023`, `c. 2021`, `3 Mar – 9 Apr 2023`.
 * A string that is not a readable date is shown as it is: display must never fail.
 */
export function formatChronoDate(d: ChronoDate | string): string {
  let date: ChronoDate;
  if (typeof d === 'string') {
    const parsed = parseChronoDate(d);
    if (!parsed.ok) return d;
    date = parsed.date;
  } else {
    date = d;
  }
  const { start, end } = date;
  if (end === null) return displayPoint(start);
  const elideYear = precisionOf(start) === 'day' && precisionOf(end) === 'day' && start.year === end.year;
  return `${displayPoint(start, !elideYear)} – ${displayPoint(end)}`;
}

// ---------------------------------------------------------------------------------------------
// Day arithmetic

/** Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's days_from_civil). */
export function epochDay(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (m === null) throw new RangeError(`epochDay expects YYYY-MM-DD, got "${iso}"`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // An impossible day would otherwise roll silently into the next month.
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`epochDay: ${iso} is not a real date`);
  }
  return daysFromCivil(year, month, day);
}

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The inverse of epochDay. */
export function isoFromEpochDay(n: number): string {
  const z = Math.floor(n) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

export function addDays(iso: string, days: number): string {
  return isoFromEpochDay(epochDay(iso) + days);
}

function pointFirst(p: DatePoint): string {
  return `${pad4(p.year)}-${pad2(p.month ?? 1)}-${pad2(p.day ?? 1)}`;
}

function pointLast(p: DatePoint): string {
  const month = p.month ?? 12;
  return `${pad4(p.year)}-${pad2(month)}-${pad2(p.day ?? daysInMonth(p.year, month))}`;
}

/**
 * The inclusive ISO days an entry's date covers: a month covers its first to last day, a year
 * 1 January to 31 December, a period the start of its first side to the end of its last.
 * Throws on a string that is not a date: callers hold validated, canonical dates.
 */
export function dateBounds(d: ChronoDate | string): { first: string; last: string } {
  const date = toChronoDate(d);
  return { first: pointFirst(date.start), last: pointLast(date.end ?? date.start) };
}

function toChronoDate(d: ChronoDate | string): ChronoDate {
  if (typeof d !== 'string') return d;
  const parsed = parseChronoDate(d);
  if (!parsed.ok) throw new RangeError(`not a chronology date: ${parsed.message}`);
  return parsed.date;
}

// Building an Intl.DateTimeFormat costs far more than using one, and the caseload asks for today once per
// chronology: one formatter per time zone is kept (a partnership has one; the map is emptied past 16).
const DAY_FORMATS = new Map<string, Intl.DateTimeFormat>();

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = DAY_FORMATS.get(timeZone);
  if (format === undefined) {
    if (DAY_FORMATS.size >= 16) DAY_FORMATS.clear();
    format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    DAY_FORMATS.set(timeZone, format);
  }
  return format;
}

/**
 * Today's date as YYYY-MM-DD in the partnership's time zone, not the server's: a server running in
 * UTC would otherwise call the first hour of a British Summer Time day "yesterday".
 */
export function todayIso(now: Date = new Date(), timeZone = 'Europe/London'): string {
  // The last answer is kept for its second: every time zone's offset is whole seconds, so within one second
  // the day is the same. A caseload asks once per chronology and per overdue action (formatToParts was a
  // tenth of a second of the county bench's stalls).
  const second = Math.floor(now.getTime() / 1000);
  if (lastDay !== null && lastDay.second === second && lastDay.timeZone === timeZone) return lastDay.day;
  const parts = dayFormat(timeZone).formatToParts(now);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  const day = `${get('year')}-${get('month')}-${get('day')}`;
  lastDay = { second, timeZone, day };
  return day;
}

let lastDay: { second: number; timeZone: string; day: string } | null = null;

// ---------------------------------------------------------------------------------------------
// Ordering

export interface Orderable {
  date: string;
  time: string;
  recordedAt: string;
  id: string;
}

// An unreadable date sorts after every real one rather than throwing, so a list still renders.
function startKey(date: string): string {
  const parsed = parseChronoDate(date);
  return parsed.ok ? pointFirst(parsed.date.start) : '\uffff';
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A deterministic total order for a timeline: the first day of the date, then time (an entry with
 * no time first), then when it was recorded, then id, then the date as written. Every replica sorts
 * the same way.
 */
export function compareEntries(a: Orderable, b: Orderable): number {
  return (
    compareStrings(startKey(a.date), startKey(b.date)) ||
    compareStrings(a.time, b.time) ||
    compareStrings(a.recordedAt, b.recordedAt) ||
    compareStrings(a.id, b.id) ||
    // Only for two versions of one entry (same id): keeps the order total.
    compareStrings(a.date, b.date)
  );
}

/** A new array, sorted by compareEntries; the input is left as it was. */
export function sortEntries<T extends Orderable>(list: readonly T[]): T[] {
  // Decorate once: parsing each date inside the comparator would cost O(n log n) parses.
  const keyed = list.map((item) => ({ item, key: startKey(item.date) }));
  keyed.sort(
    (a, b) =>
      compareStrings(a.key, b.key) ||
      compareStrings(a.item.time, b.item.time) ||
      compareStrings(a.item.recordedAt, b.item.recordedAt) ||
      compareStrings(a.item.id, b.item.id) ||
      compareStrings(a.item.date, b.item.date),
  );
  return keyed.map((k) => k.item);
}

// ---------------------------------------------------------------------------------------------
// Ages

export interface Age {
  years: number;
  months: number;
  days: number;
  /** Whole days since birth, for rules such as "under 6 months" and for the weeks of a young baby. */
  totalDays: number;
}

function splitIso(iso: string): [number, number, number] {
  epochDay(iso); // validates the shape
  return [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
}

/**
 * Age in whole years, months and days on a day. A birthday that does not exist in a month (29 February
 * in a common year, the 31st in a short month) falls on the 1st of the next month, as in English law
 * for people born on 29 February. Null when `on` is before the date of birth.
 */
export function ageAt(dateOfBirth: string, on: string): Age | null {
  const totalDays = epochDay(on) - epochDay(dateOfBirth);
  if (totalDays < 0) return null;
  const [by, bm, bd] = splitIso(dateOfBirth);
  const [oy, om, od] = splitIso(on);
  let monthsTotal = (oy - by) * 12 + (om - bm);
  if (od < bd) monthsTotal -= 1;
  // The last monthly "birthday" on or before `on`.
  const anniversaryMonthIndex = by * 12 + (bm - 1) + monthsTotal;
  const ay = Math.floor(anniversaryMonthIndex / 12);
  const am = (anniversaryMonthIndex % 12) + 1;
  const anniversary =
    bd <= daysInMonth(ay, am) ? `${pad4(ay)}-${pad2(am)}-${pad2(bd)}` : addDays(`${pad4(ay)}-${pad2(am)}-${pad2(daysInMonth(ay, am))}`, 1);
  return {
    years: Math.floor(monthsTotal / 12),
    months: monthsTotal % 12,
    days: epochDay(on) - epochDay(anniversary),
    totalDays,
  };
}

/**
 * An age as child protection reports write it, with the detail that matters at each stage:
 * days for a newborn (under 4 weeks), weeks under 3 months, months under 2 years, years and months
 * under 5 (pre-school development moves fast), whole years from 5.
 */
export function formatAge(age: Age): string {
  const months = age.years * 12 + age.months;
  if (age.totalDays < 28) return plural(age.totalDays, 'day');
  if (months < 3) return plural(Math.floor(age.totalDays / 7), 'week');
  if (months < 24) return plural(months, 'month');
  if (age.years < 5 && age.months > 0) return `${plural(age.years, 'year')} ${plural(age.months, 'month')}`;
  return plural(age.years, 'year');
}

/**
 * The child's age at an entry, taken at the first day of the entry's date. Null when the date of
 * birth is unknown, when either date is unreadable, or when the entry is before birth (antenatal).
 */
export function ageAtEntry(dateOfBirth: string | null, entryDate: string): Age | null {
  if (dateOfBirth === null || dateOfBirth === '') return null;
  const parsed = parseChronoDate(entryDate);
  if (!parsed.ok || !/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth)) return null;
  return ageAt(dateOfBirth, pointFirst(parsed.date.start));
}
