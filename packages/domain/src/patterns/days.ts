// Calendar steps the rules need beyond dates.ts: "under 5", "under 6 months", "within 24 months".
import { daysInMonth, epochDay, parseChronoDate, precisionOf } from '../dates.js';

/**
 * The day `months` calendar months after `iso` (an ISO day). A day that does not exist in the
 * target month (31 April, 29 February in a common year) becomes the 1st of the next month, as
 * dates.ts's ageAt does and as English law treats birthdays on 29 February.
 */
export function addMonthsDay(iso: string, months: number): number {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  const pad = (n: number, w: number): string => String(n).padStart(w, '0');
  if (d <= daysInMonth(ty, tm)) return epochDay(`${pad(ty, 4)}-${pad(tm, 2)}-${pad(d, 2)}`);
  return epochDay(`${pad(ty, 4)}-${pad(tm, 2)}-${pad(daysInMonth(ty, tm), 2)}`) + 1;
}

/** Whole calendar months from one ISO day to a later one. */
export function wholeMonthsBetween(from: string, to: string): number {
  const fy = Number(from.slice(0, 4));
  const fm = Number(from.slice(5, 7));
  const ty = Number(to.slice(0, 4));
  const tm = Number(to.slice(5, 7));
  let months = (ty - fy) * 12 + (tm - fm);
  if (addMonthsDay(from, months) > epochDay(to)) months--;
  return Math.max(0, months);
}

/**
 * A date of birth known to the day, as an ISO day, or null. A month or a year is treated as unknown
 * rather than guessed: age rules turn on single days ("under 6 months").
 */
export function knownDateOfBirth(dateOfBirth: string | null | undefined): string | null {
  if (typeof dateOfBirth !== 'string') return null;
  const parsed = parseChronoDate(dateOfBirth);
  if (!parsed.ok || parsed.date.end !== null || precisionOf(parsed.date.start) !== 'day') return null;
  const { year, month, day } = parsed.date.start;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
