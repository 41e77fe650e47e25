// Builders for the pattern tests: entries placed by day number, so a window's edges are arithmetic
// a reader can check, and one call that runs the engine and keeps one rule's highlights.
import { epochDay, isoFromEpochDay } from '../dates.js';
import type { Entry } from '../entry.js';
import { buildEntry, testUuid } from '../testing.js';
import type { PatternConfig, RuleId } from './config.js';
import { evaluatePatterns } from './engine.js';
import type { AgencyName, Highlight } from './types.js';

export const DAY0 = epochDay('2023-03-01');

/** An ISO day `offset` days after 1 March 2023 (day 0). */
export function day(offset: number): string {
  return isoFromEpochDay(DAY0 + offset);
}

/** Day number (relative to day 0) of an ISO day. */
export function dayOf(iso: string): number {
  return epochDay(iso) - DAY0;
}

let next = 10_000;

/** An active entry on day `when` (a number of days after day 0) or on a date written as stored. */
export function entryOn(when: number | string, category: string, agency = 'thames-valley-police', overrides: Partial<Entry> = {}): Entry {
  return buildEntry({
    id: testUuid(++next),
    date: typeof when === 'number' ? day(when) : when,
    category,
    agency,
    summary: `${category} recorded by ${agency}`,
    ...overrides,
  });
}

export function withdrawn(e: Entry): Entry {
  return { ...e, status: 'withdrawn', withdrawnReason: 'Recorded on the wrong child' };
}

export const AGENCIES: readonly AgencyName[] = [
  { slug: 'thames-valley-police', name: 'Thames Valley Police' },
  { slug: 'northway-primary', name: 'Northway Primary School' },
  { slug: 'ouh-acute', name: 'John Radcliffe A&E' },
  { slug: 'oxford-health-hv', name: 'Oxford Health Visiting' },
  { slug: 'oxfordshire-csc', name: "Oxfordshire Children's Social Care" },
  { slug: 'east-oxford-gp', name: 'East Oxford GP Practice' },
];

export interface RunOptions {
  dateOfBirth?: string | null;
  asOf?: string;
  config?: PatternConfig;
}

export function run(entries: readonly Entry[], options: RunOptions = {}): Highlight[] {
  return evaluatePatterns({
    entries: [...entries],
    dateOfBirth: options.dateOfBirth === undefined ? null : options.dateOfBirth,
    asOf: options.asOf ?? '2030-01-01',
    config: options.config,
    agencies: AGENCIES,
  });
}

/** The highlights of one rule, in the engine's order. */
export function highlightsOf(rule: RuleId, entries: readonly Entry[], options: RunOptions = {}): Highlight[] {
  return run(entries, options).filter((h) => h.ruleId === rule);
}
