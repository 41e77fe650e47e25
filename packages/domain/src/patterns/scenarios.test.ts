// Whole case histories as agencies would send them (exchange-format CSV, fixtures/patterns/), each
// with a sidecar stating the child's date of birth, the day it is read as of, and what every rule
// must do: fire (how often, how severe, on which rows) or stay silent. Every rule is named in every
// scenario, so a change in any rule's behaviour shows up here as a changed case, not only in unit tests.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseExchangeCsv } from '../csv.js';
import { newEntry, type Entry } from '../entry.js';
import type { Agency } from '../taxonomy.js';
import { testUuid } from '../testing.js';
import { DEFAULT_PATTERN_CONFIG, RULE_IDS, type RuleId, type Severity } from './config.js';
import { evaluatePatterns } from './engine.js';
import { dateOfBirthNotice } from './explain.js';
import type { Highlight } from './types.js';

interface Expectation {
  count: number;
  severity: Severity;
  /** When the highlights differ in severity: each one's, in the engine's order (severity is then the highest). */
  severities?: Severity[];
  /** 1-based data rows that must be among the rule's highlighted entries. */
  includesRows?: number[];
  /** Every entry of these highlights has an inexact date. */
  allCoarse?: boolean;
}

interface Scenario {
  title: string;
  story: string;
  dateOfBirth: string | null;
  asOf: string;
  withdrawnRows?: number[];
  firesIfNotWithdrawn?: RuleId[];
  laterAsOf?: string;
  firesByLaterAsOf?: RuleId[];
  dateOfBirthNotice?: boolean;
  mustFire: Partial<Record<RuleId, Expectation>>;
  mustNotFire: RuleId[];
}

const DIR = new URL('../../fixtures/patterns/', import.meta.url);
const agencies = JSON.parse(readFileSync(new URL('agencies.json', DIR), 'utf8')) as Agency[];
const names = readdirSync(DIR)
  .filter((f) => f.endsWith('.csv'))
  .map((f) => f.slice(0, -4))
  .sort();

function load(name: string): { scenario: Scenario; entries: Entry[]; rowOf: Map<string, number> } {
  const scenario = JSON.parse(readFileSync(new URL(`${name}.json`, DIR), 'utf8')) as Scenario;
  const result = parseExchangeCsv(readFileSync(new URL(`${name}.csv`, DIR), 'utf8'), {
    agencies,
    memberAgencies: agencies.map((a) => a.slug),
    importerAgency: 'oxfordshire-csc',
    importerLeads: true,
    existing: [],
  });
  expect(result.errors).toEqual([]);
  expect(result.duplicates).toEqual([]);
  const rowOf = new Map<string, number>();
  const entries = result.rows.map((r) => {
    const entry = newEntry(r.input, {
      id: testUuid(r.row),
      agency: r.input.agency,
      authorId: 'import',
      recordedAt: '2024-06-30T12:00:00.000Z',
    });
    rowOf.set(entry.id, r.row);
    return (scenario.withdrawnRows ?? []).includes(r.row)
      ? { ...entry, status: 'withdrawn' as const, withdrawnReason: 'Recorded on the wrong child' }
      : entry;
  });
  return { scenario, entries, rowOf };
}

function run(entries: Entry[], scenario: Scenario, asOf = scenario.asOf): Highlight[] {
  return evaluatePatterns({ entries, dateOfBirth: scenario.dateOfBirth, asOf, agencies });
}

it('has at least ten scenarios', () => {
  expect(names.length).toBeGreaterThanOrEqual(10);
});

describe.each(names)('scenario %s', (name) => {
  const { scenario, entries, rowOf } = load(name);
  const highlights = run(entries, scenario);
  const ofRule = (rule: RuleId): Highlight[] => highlights.filter((h) => h.ruleId === rule);

  it('is a plausible case history of 10 to 40 rows that names every rule once', () => {
    expect(scenario.title.length).toBeGreaterThan(10);
    expect(entries.length).toBeGreaterThanOrEqual(8);
    expect(entries.length).toBeLessThanOrEqual(40);
    const named = [...Object.keys(scenario.mustFire), ...scenario.mustNotFire].sort();
    expect(named).toEqual([...RULE_IDS].sort());
  });

  it.each(Object.entries(scenario.mustFire) as Array<[RuleId, Expectation]>)('%s fires as expected', (rule, expected) => {
    const found = ofRule(rule);
    expect(found.map((h) => h.severity)).toEqual(expected.severities ?? Array.from({ length: expected.count }, () => expected.severity));
    expect(found).toHaveLength(expected.count);
    const rows = new Set(found.flatMap((h) => h.entryIds.map((id) => rowOf.get(id))));
    for (const row of expected.includesRows ?? []) expect(rows, `row ${row}`).toContain(row);
    if (expected.allCoarse) for (const h of found) expect(h.coarseEntryIds).toEqual(h.entryIds);
    for (const h of found) {
      // Explanations name agencies by name, never by slug, when names are given.
      for (const slug of h.agencies) expect(h.explanation).not.toContain(slug);
      expect(h.explanation).toMatch(/\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December)/);
    }
  });

  it.each(scenario.mustNotFire)('%s stays silent', (rule) => {
    expect(ofRule(rule).map((h) => h.explanation)).toEqual([]);
  });

  if (scenario.withdrawnRows !== undefined && scenario.firesIfNotWithdrawn !== undefined) {
    it('would fire more had the withdrawn entries counted', () => {
      const all = entries.map((e) => ({ ...e, status: 'active' as const, withdrawnReason: '' }));
      const more = run(all, scenario).map((h) => h.ruleId);
      for (const rule of scenario.firesIfNotWithdrawn!) expect(more).toContain(rule);
    });
  }

  if (scenario.laterAsOf !== undefined) {
    it('ignores entries after asOf, which count when read later', () => {
      const later = run(entries, scenario, scenario.laterAsOf).map((h) => h.ruleId);
      for (const rule of scenario.firesByLaterAsOf ?? []) {
        expect(highlights.map((h) => h.ruleId)).not.toContain(rule);
        expect(later).toContain(rule);
      }
    });
  }

  it(`gives the same highlights whatever order the rows arrive in`, () => {
    expect(run([...entries].reverse(), scenario)).toEqual(highlights);
  });

  it('says what cannot be checked when the date of birth is unknown', () => {
    const notice = dateOfBirthNotice(scenario.dateOfBirth, DEFAULT_PATTERN_CONFIG);
    expect(notice !== null).toBe(scenario.dateOfBirthNotice === true);
  });
});
