// Plain words for highlights. A practitioner must be able to check a highlight against the timeline
// in seconds, so every explanation names the count, the agencies, the dates (in UK form, as the
// timeline shows them) and the threshold in force.
import { ageAt, formatAge, isoFromEpochDay } from '../dates.js';
import { categoryBySlug } from '../taxonomy.js';
import { rulesNeedingDateOfBirth, rulesUsingDateOfBirth, type ResolvedPatternConfig } from './config.js';
import { knownDateOfBirth } from './days.js';
import type { Point, RuleContext } from './types.js';
import { plural, pluralWord } from '../plural.js';

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

function parts(iso: string): { y: number; m: number; d: number } {
  return { y: Number(iso.slice(0, 4)), m: Number(iso.slice(5, 7)), d: Number(iso.slice(8, 10)) };
}

function monthName(m: number): string {
  return MONTHS[m - 1] ?? String(m);
}

/** `2 March 2023`. */
export function formatUkDate(iso: string): string {
  const { y, m, d } = parts(iso);
  return `${d} ${monthName(m)} ${y}`;
}

/** `2 March 2023`, `2–24 March 2023`, `28 February – 3 March 2023`, `28 December 2022 – 3 January 2023`. */
export function formatUkRange(from: string, to: string): string {
  if (from === to) return formatUkDate(from);
  const a = parts(from);
  const b = parts(to);
  if (a.y === b.y && a.m === b.m) return `${a.d}–${b.d} ${monthName(b.m)} ${b.y}`;
  if (a.y === b.y) return `${a.d} ${monthName(a.m)} – ${formatUkDate(to)}`;
  return `${formatUkDate(from)} – ${formatUkDate(to)}`;
}

/** `on 2 March 2023`, `between 2 and 24 March 2023`, `between 28 February and 3 March 2023`. */
export function betweenDates(from: string, to: string): string {
  if (from === to) return `on ${formatUkDate(from)}`;
  const a = parts(from);
  const b = parts(to);
  if (a.y === b.y && a.m === b.m) return `between ${a.d} and ${b.d} ${monthName(b.m)} ${b.y}`;
  if (a.y === b.y) return `between ${a.d} ${monthName(a.m)} and ${formatUkDate(to)}`;
  return `between ${formatUkDate(from)} and ${formatUkDate(to)}`;
}

// Explanations name the same few days again and again (hundreds of highlights on a long history), so
// each day's words are made once. Days lie between 1900 and 2100: the cache is bounded.
const DAY_TEXT = new Map<number, string>();

export function dayText(day: number): string {
  let text = DAY_TEXT.get(day);
  if (text === undefined) DAY_TEXT.set(day, (text = formatUkDate(isoFromEpochDay(day))));
  return text;
}

export function betweenDays(from: number, to: number): string {
  return betweenDates(isoFromEpochDay(from), isoFromEpochDay(to));
}

/** A number as a person writes a threshold: 2, 1.5. */
export function num(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

/** Distinct agencies in order of first appearance. */
export function agenciesOf(points: readonly Point[]): string[] {
  // A handful of agencies among many points: a list beats a set.
  const seen: string[] = [];
  for (const p of points) if (!seen.includes(p.agency)) seen.push(p.agency);
  return seen;
}

/** `Thames Valley Police` or `3 agencies (Thames Valley Police, Northway Primary School, John Radcliffe A&E)`. */
export function agencyPhrase(slugs: readonly string[], ctx: RuleContext): string {
  const names = slugs.map((s) => ctx.agencyName(s));
  if (names.length === 1) return names[0]!;
  return `${plural(names.length, 'agency', 'agencies')} (${names.join(', ')})`;
}

/** `the category "Neglect concern"`, readable on the timeline, which shows category labels. */
export function categoryLabel(slug: string): string {
  return categoryBySlug(slug)?.label ?? slug;
}

/**
 * The distinct category labels of some points, quoted, in order of first appearance: `"Exclusion",
 * "School absence"`. The categories are found first and labelled once each (a cluster may hold
 * thousands of points of a few categories).
 */
export function categoryLabels(points: readonly Point[]): string {
  const slugs: string[] = [];
  for (const p of points) if (!slugs.includes(p.category)) slugs.push(p.category);
  return [...new Set(slugs.map((slug) => `"${categoryLabel(slug)}"`))].join(', ');
}

/** A sentence for entries whose dates are not exact days, or '' when there are none. */
export function coarseNote(points: readonly Point[]): string {
  const n = points.filter((p) => p.coarse).length;
  if (n === 0) return '';
  const which = `${plural(n, 'entry', 'entries')} ${pluralWord(n, 'has', 'have')}`;
  return ` ${which} an inexact date (month, year, approximate or period) and ${pluralWord(n, 'is', 'are')} counted from ${pluralWord(n, 'its', 'their')} start.`;
}

/** `12 weeks old`, or null when the date of birth is unknown or the day is before birth. */
export function ageText(ctx: RuleContext, day: number): string | null {
  if (ctx.dateOfBirth === null) return null;
  const age = ageAt(ctx.dateOfBirth, isoFromEpochDay(day));
  return age === null ? null : `${formatAge(age)} old`;
}

/**
 * What the highlights cannot show when the child's date of birth is unknown, for the patterns
 * panel to say once. Null when the date of birth is known, or when no rule that needs it is enabled.
 */
export function dateOfBirthNotice(dateOfBirth: string | null, config: ResolvedPatternConfig): string | null {
  if (knownDateOfBirth(dateOfBirth) !== null) return null;
  const parts: string[] = [];
  for (const id of rulesNeedingDateOfBirth) {
    if (!config.rules[id].enabled) continue;
    if (id === 'non-mobile-injury-no-paediatric-assessment') {
      parts.push(`the check for a paediatric assessment after an injury to a baby under ${config.rules[id].thresholds.maxAgeMonths} months (${id}) cannot run`);
    } else {
      parts.push(`the rule for injuries to babies under ${config.rules['non-mobile-injury'].thresholds.maxAgeMonths} months (${id}) cannot run`);
    }
  }
  for (const id of rulesUsingDateOfBirth) {
    if (!config.rules[id].enabled || rulesNeedingDateOfBirth.includes(id)) continue;
    if (id === 'was-not-brought') {
      parts.push(
        `${id} cannot tell whether the child was under ${config.rules[id].thresholds.highUnderAgeYears}, so it is never high`,
      );
    }
  }
  if (parts.length === 0) return null;
  return `The child's date of birth is not known to the day, so ${parts.join(', and ')}.`;
}
