// Properties over random chronologies (fast-check, seeded by vitest's run): the engine never throws,
// does not care about input order, keeps its own invariants, and agrees with the naive reference
// reading of patterns.md (bench/reference.ts) on every highlight id and severity.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referencePatterns } from '../../bench/reference.js';
import { epochDay, isoFromEpochDay } from '../dates.js';
import { CATEGORIES } from '../taxonomy.js';
import { RULE_IDS, type PatternConfig } from './config.js';
import { compareHighlights, evaluatePatterns } from './engine.js';
import { highlightId } from './highlight.js';
import { startOfDate } from './timeline.js';
import type { PatternEntry } from './types.js';

const START = epochDay('2021-01-01');
const AGENCIES = ['thames-valley-police', 'northway-primary', 'ouh-acute', 'oxford-health-hv', 'oxfordshire-csc'];
const SLUGS = CATEGORIES.map((c) => c.slug);
// Categories the rules look at, drawn more often so that rules actually fire on small histories.
const RULE_CATEGORIES = [
  'domestic-abuse-incident', 'parental-mental-health', 'parental-substance-misuse', 'new-adult-in-household', 'injury',
  'physical-abuse-concern', 'neglect-concern', 'missing-episode', 'exploitation-concern', 'arrest-or-offence', 'self-harm',
  'emergency-department-attendance', 'missed-health-appointment', 'school-absence', 'exclusion', 'referral-to-social-care',
  'child-protection-plan-start', 'child-protection-plan-end',
  'domestic-abuse-risk-assessment', 'marac-referral', 'neglect-assessment', 'exploitation-screening', 'return-home-interview',
  'paediatric-assessment', 'strategy-discussion', 'section-47-enquiry', 'case-closed', 'child-in-need-plan-end',
];

const iso = (offset: number): string => isoFromEpochDay(START + offset);

/** A stored date of any precision, or (when `garbage`) something that is not a date at all. */
const dateArb = (span: number, garbage: boolean): fc.Arbitrary<string> => {
  const offset = fc.integer({ min: 0, max: span });
  const forms: Array<fc.Arbitrary<string>> = [
    offset.map(iso),
    offset.map(iso),
    offset.map((o) => iso(o).slice(0, 7)),
    offset.map((o) => iso(o).slice(0, 4)),
    offset.map((o) => `?${iso(o)}`),
    offset.map((o) => `?${iso(o).slice(0, 7)}`),
    fc.tuple(offset, fc.integer({ min: 0, max: 400 })).map(([o, len]) => `${iso(o)}..${iso(o + len)}`),
  ];
  if (garbage) forms.push(fc.string(), fc.constantFrom('', '2023-02-30', '31/02/2023', '2023-13', '..', '?', '0000-00-00'));
  return fc.oneof(...forms);
};

const entryArb = (span: number, garbage: boolean): fc.Arbitrary<Omit<PatternEntry, 'id'>> =>
  fc.record({
    date: dateArb(span, garbage),
    agency: fc.constantFrom(...AGENCIES),
    category: garbage
      ? fc.oneof(fc.constantFrom(...SLUGS), fc.constantFrom(...RULE_CATEGORIES), fc.string())
      : fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...SLUGS) }, { weight: 3, arbitrary: fc.constantFrom(...RULE_CATEGORIES) }),
    status: fc.constantFrom('active', 'active', 'active', 'active', 'withdrawn'),
    // Screening results on any category (the rules must read them only where they belong).
    riskLevel: fc.constantFrom('', 'low', 'medium', 'high', 'standard', '4'),
    areaGrades: fc.oneof(
      fc.constant(''),
      fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })).map(
        ([a, b, c, d]) => `physical-care:${a},safety:${b},emotional-care:${c},developmental-care:${d}`,
      ),
    ),
  });

const historyArb = (max: number, span = 1100, garbage = false): fc.Arbitrary<PatternEntry[]> =>
  fc.array(entryArb(span, garbage), { maxLength: max }).map((list) => list.map((e, i) => ({ ...e, id: `e-${String(i).padStart(4, '0')}` })));

const dobArb = fc.oneof(fc.constant(null), fc.integer({ min: -2500, max: 900 }).map(iso));
const asOfArb = fc.integer({ min: 0, max: 1300 }).map(iso);

/** Random but valid thresholds, small enough that windows and counts bite on small histories. */
const configArb: fc.Arbitrary<PatternConfig> = fc
  .record({
    windowDays: fc.integer({ min: 1, max: 400 }),
    count: fc.integer({ min: 1, max: 5 }),
    ratio: fc.constantFrom(1, 1.5, 2, 3),
    extra: fc.constantFrom(0, 0.5, 1),
    months: fc.integer({ min: 1, max: 36 }),
    disabled: fc.subarray([...RULE_IDS], { maxLength: 4 }),
  })
  .map(({ windowDays, count, ratio, extra, months, disabled }) => {
    const rules: PatternConfig['rules'] = {
      'frequency-escalation': { thresholds: { windowDays, minConcerns: count, ratio, highRatio: ratio + extra } },
      'repeat-category': { thresholds: { windowDays, minEntries: count } },
      'multi-agency-cluster': { thresholds: { windowDays, minAgencies: Math.min(count, 4) } },
      'was-not-brought': { thresholds: { windowDays, minMissed: count, highUnderAgeYears: 1 + (months % 10) } },
      'multiple-parental-adversities': { thresholds: { windowDays } },
      'non-mobile-injury': { thresholds: { maxAgeMonths: Math.min(months, 24) } },
      'repeat-referral': { thresholds: { windowDays, minReferrals: count } },
      'repeat-child-protection-plan': { thresholds: { highWithinMonths: months } },
      'education-after-concern': { thresholds: { windowDays } },
      'missing-and-exploitation': { thresholds: { windowDays, minMissing: count, minExploitation: Math.max(1, count - 2) } },
      'repeat-self-harm': { thresholds: { windowDays, minEpisodes: count } },
      'frequent-emergency-attendance': { thresholds: { windowDays, minAttendances: count } },
      'new-adult-then-concern': { thresholds: { windowDays } },
      'silence-during-plan': { thresholds: { minSilentDays: Math.max(1, windowDays >> 2) } },
      'high-risk-domestic-abuse': { thresholds: { windowDays } },
      'neglect-assessment-concern': { thresholds: { concernGrade: 1 + (months % 5) } },
      'exploitation-risk-rising': { thresholds: { windowDays, minMissing: count, minExploitation: Math.max(1, count - 2) } },
      'assessment-out-of-date': { thresholds: { maxAgeDays: windowDays } },
      'missing-no-return-interview': { thresholds: { deadlineDays: 1 + (months % 7) } },
      'non-mobile-injury-no-paediatric-assessment': { thresholds: { maxAgeMonths: Math.min(months, 24), deadlineDays: 1 + (count % 3) } },
      'strategy-discussion-no-outcome': { thresholds: { deadlineWorkingDays: count } },
      'closed-then-re-referred': { thresholds: { windowDays, minCycles: count } },
    };
    for (const id of disabled) rules[id] = { ...rules[id], enabled: false } as never;
    return { rules };
  });

function shuffle<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('pattern engine properties', () => {
  it('never throws on arbitrary entries: any date form, unknown categories, any status', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            id: fc.oneof(fc.string(), fc.constantFrom('a', 'b')),
            date: dateArb(1100, true),
            agency: fc.oneof(fc.constantFrom(...AGENCIES), fc.string()),
            category: fc.oneof(fc.constantFrom(...SLUGS), fc.string()),
            status: fc.oneof(fc.constantFrom('active', 'withdrawn'), fc.string()),
          }),
          { maxLength: 80 },
        ),
        dobArb,
        asOfArb,
        (entries, dateOfBirth, asOf) => {
          const out = evaluatePatterns({ entries, dateOfBirth, asOf });
          expect(Array.isArray(out)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives identical output whatever the input order', () => {
    fc.assert(
      fc.property(historyArb(80), dobArb, asOfArb, fc.integer(), (entries, dateOfBirth, asOf, seed) => {
        const a = evaluatePatterns({ entries, dateOfBirth, asOf });
        const b = evaluatePatterns({ entries: shuffle(entries, seed), dateOfBirth, asOf });
        expect(b).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps its invariants: entries it was given, active and not after asOf; windows in order; output sorted; ids unique', () => {
    fc.assert(
      fc.property(historyArb(80, 1100, true), dobArb, asOfArb, configArb, (entries, dateOfBirth, asOf, config) => {
        const out = evaluatePatterns({ entries, dateOfBirth, asOf, config });
        const usable = new Set(entries.filter((e) => e.status !== 'withdrawn').map((e) => e.id));
        for (const h of out) {
          expect(h.entryIds.length).toBeGreaterThan(0);
          for (const id of h.entryIds) expect(usable.has(id)).toBe(true);
          for (const id of h.coarseEntryIds) expect(h.entryIds).toContain(id);
          expect(h.window.from <= h.window.to).toBe(true);
          expect(h.window.from <= asOf).toBe(true);
          expect(h.window.to <= asOf).toBe(true);
          expect(h.explanation.length).toBeGreaterThan(20);
        }
        expect(new Set(out.map((h) => h.id)).size).toBe(out.length);
        expect([...out].sort(compareHighlights)).toEqual(out);
      }),
      { numRuns: 300 },
    );
  });

  it('lists each highlight as a straightforward reading of its entries would: id, agencies, inexact dates', () => {
    // makeHighlight does all of this in one pass over the points with a cache of id hashes; here each
    // is worked out again the plain way from the entries the highlight names.
    fc.assert(
      fc.property(historyArb(80, 1100, true), dobArb, asOfArb, configArb, (entries, dateOfBirth, asOf, config) => {
        const byId = new Map(entries.map((e) => [e.id, e]));
        for (const h of evaluatePatterns({ entries, dateOfBirth, asOf, config })) {
          const mine = h.entryIds.map((id) => byId.get(id)!);
          expect(h.id).toBe(highlightId(h.ruleId, h.window.from, h.window.to, [...h.entryIds].reverse()));
          expect(h.agencies).toEqual([...new Set(mine.map((e) => e.agency))]);
          expect(h.coarseEntryIds).toEqual(mine.filter((e) => startOfDate(e.date)!.coarse).map((e) => e.id));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with the naive reference on every highlight id and severity (default thresholds)', () => {
    fc.assert(
      fc.property(historyArb(60, 500), dobArb, asOfArb, (entries, dateOfBirth, asOf) => {
        const engine = evaluatePatterns({ entries, dateOfBirth, asOf })
          .map((h) => ({ id: h.id, ruleId: h.ruleId, severity: h.severity }))
          .sort((a, b) => (a.id < b.id ? -1 : 1));
        expect(engine).toEqual(referencePatterns({ entries, dateOfBirth, asOf }));
      }),
      { numRuns: 400 },
    );
  });

  it('agrees with the naive reference under random thresholds and disabled rules', () => {
    fc.assert(
      fc.property(historyArb(60, 700), dobArb, asOfArb, configArb, (entries, dateOfBirth, asOf, config) => {
        const engine = evaluatePatterns({ entries, dateOfBirth, asOf, config })
          .map((h) => ({ id: h.id, ruleId: h.ruleId, severity: h.severity }))
          .sort((a, b) => (a.id < b.id ? -1 : 1));
        expect(engine).toEqual(referencePatterns({ entries, dateOfBirth, asOf, config }));
      }),
      { numRuns: 400 },
    );
  });
});
