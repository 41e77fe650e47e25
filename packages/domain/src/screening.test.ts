import { describe, expect, it } from 'vitest';
import { parseExchangeCsv, toExchangeCsv } from './csv.js';
import { applyPatch, entryInputSchema, entryPatchSchema, entrySchema, fieldErrors, newEntry } from './entry.js';
import {
  describeResult,
  docValueOf,
  entryFieldsFromDoc,
  isHighResult,
  normaliseScreening,
  parseAreaGrades,
  screeningToDoc,
} from './screening.js';
import { buildEntry, TEST_AGENCIES } from './testing.js';

const GRADES = 'physical-care:2,safety:4,emotional-care:1,developmental-care:3';

function inputErrors(body: unknown): Record<string, string> {
  const result = entryInputSchema.safeParse(body);
  if (result.success) return {};
  return Object.fromEntries(fieldErrors(result.error).map((e) => [e.field, e.message]));
}

const base = { date: '2024-03-01', summary: 'Result recorded' };

describe('screening results on entries', () => {
  it('accepts a checklist result: a level and a score, the score from JSON number or digits', () => {
    const a = entryInputSchema.parse({ ...base, category: 'domestic-abuse-risk-assessment', riskLevel: 'High', score: 18 });
    expect(a).toMatchObject({ riskLevel: 'high', score: 18 });
    const b = entryInputSchema.parse({ ...base, category: 'domestic-abuse-risk-assessment', riskLevel: 'medium', score: ' 9 ' });
    expect(b).toMatchObject({ riskLevel: 'medium', score: 9 });
  });

  it('takes the practitioner’s level: high by professional judgement at any score, standard or medium below 14', () => {
    expect(inputErrors({ ...base, category: 'domestic-abuse-risk-assessment', riskLevel: 'high', score: 3 })).toEqual({});
    expect(inputErrors({ ...base, category: 'domestic-abuse-risk-assessment', riskLevel: 'standard', score: 13 })).toEqual({});
    // 14 yes answers is the checklist's own threshold for high: a lower level contradicts the tool.
    expect(inputErrors({ ...base, category: 'domestic-abuse-risk-assessment', riskLevel: 'medium', score: 14 })).toEqual({
      riskLevel: 'riskLevel must be "high" when the checklist has 14 or more yes answers (it has 14)',
    });
  });

  it('refuses a score outside 0–27, a fraction, text, and a level that is not the tool’s, naming the field', () => {
    expect(inputErrors({ ...base, category: 'domestic-abuse-risk-assessment', riskLevel: 'high', score: 28 }).score).toMatch(/0 to 27/);
    expect(inputErrors({ ...base, category: 'domestic-abuse-risk-assessment', riskLevel: 'high', score: -1 }).score).toMatch(/0 to 27/);
    expect(inputErrors({ ...base, category: 'domestic-abuse-risk-assessment', riskLevel: 'high', score: 2.5 }).score).toMatch(/whole number/);
    expect(inputErrors({ ...base, category: 'domestic-abuse-risk-assessment', riskLevel: 'high', score: 'lots' }).score).toMatch(/whole number/);
    expect(inputErrors({ ...base, category: 'domestic-abuse-risk-assessment', riskLevel: 'low' }).riskLevel).toMatch(/"standard", "medium", "high"/);
    expect(inputErrors({ ...base, category: 'exploitation-screening', riskLevel: 'standard' }).riskLevel).toMatch(/"low", "medium", "high"/);
    expect(inputErrors({ ...base, category: 'exploitation-screening', riskLevel: 'high', score: 4 }).score).toMatch(/does not apply/);
    expect(inputErrors({ ...base, category: 'other', riskLevel: 'high' }).riskLevel).toMatch(/applies only to screening results/);
    expect(inputErrors({ ...base, category: 'injury', score: 3 }).score).toMatch(/only to the domestic abuse risk checklist/);
  });

  it('reads Graded Care Profile 2 grades in several written forms, stores one form, and takes its level from the worst area', () => {
    for (const written of [GRADES, '2,4,1,3', '2413', 'Safety=4; physical care=2; emotional-care = 1; developmental-care:3']) {
      const input = entryInputSchema.parse({ ...base, category: 'neglect-assessment', areaGrades: written });
      expect(input.areaGrades, written).toBe(GRADES);
      expect(input.riskLevel, written).toBe('4');
    }
  });

  it('refuses area grades missing or out of range, and a level other than the worst grade', () => {
    expect(inputErrors({ ...base, category: 'neglect-assessment', areaGrades: 'physical-care:2,safety:3' }).areaGrades).toMatch(/emotional-care, developmental-care have no grade/);
    expect(inputErrors({ ...base, category: 'neglect-assessment', areaGrades: '2,3,6,1' }).areaGrades).toMatch(/emotional-care must be a whole number from 1 to 5/);
    expect(inputErrors({ ...base, category: 'neglect-assessment', areaGrades: '2,3,1' }).areaGrades).toMatch(/must give 4 grades/);
    expect(inputErrors({ ...base, category: 'neglect-assessment', areaGrades: 'hygiene:2' }).areaGrades).toMatch(/not an area/);
    expect(inputErrors({ ...base, category: 'neglect-assessment', areaGrades: GRADES, riskLevel: '3' }).riskLevel).toMatch(/worst area grade \(4\)/);
    expect(inputErrors({ ...base, category: 'neglect-assessment', riskLevel: '4' }).areaGrades).toMatch(/required/);
    expect(inputErrors({ ...base, category: 'domestic-abuse-risk-assessment', areaGrades: GRADES }).areaGrades).toMatch(/does not apply/);
  });

  it('lets a screening entry have no result at all (record, never invent)', () => {
    const input = entryInputSchema.parse({ ...base, category: 'exploitation-screening', riskLevel: '', score: null });
    expect(input).not.toHaveProperty('riskLevel');
    expect(input).not.toHaveProperty('score');
  });

  it('keeps stored entries of older clients valid: the fields are optional', () => {
    expect(entrySchema.safeParse(buildEntry({ category: 'exploitation-screening' })).success).toBe(true);
    expect(entrySchema.safeParse(buildEntry({ category: 'exploitation-screening', riskLevel: 'medium' })).success).toBe(true);
    expect(entrySchema.safeParse(buildEntry({ category: 'other', riskLevel: 'medium' })).success).toBe(false);
    expect(entrySchema.safeParse(buildEntry({ category: 'neglect-assessment', areaGrades: '2,4,1,3' })).success).toBe(false);
  });

  it('amends: null clears, new grades bring their level, a category change drops a result that no longer applies', () => {
    const entry = newEntry(entryInputSchema.parse({ ...base, category: 'neglect-assessment', areaGrades: GRADES }), {
      id: '00000000-0000-4000-8000-000000000001', agency: 'oxfordshire-csc', authorId: 'u', recordedAt: '2024-03-01T10:00:00Z',
    });
    expect(entry.riskLevel).toBe('4');
    const regraded = applyPatch(entry, entryPatchSchema.parse({ areaGrades: '5,4,1,3' }));
    expect(regraded.entry).toMatchObject({ areaGrades: 'physical-care:5,safety:4,emotional-care:1,developmental-care:3', riskLevel: '5' });
    expect(regraded.changed).toEqual(['riskLevel', 'areaGrades']);
    const moved = applyPatch(entry, entryPatchSchema.parse({ category: 'neglect-concern' }));
    expect(moved.entry).not.toHaveProperty('areaGrades');
    expect(moved.changed).toEqual(['category', 'riskLevel', 'areaGrades']);
    const da = buildEntry({ category: 'domestic-abuse-risk-assessment', riskLevel: 'high', score: 15 });
    const cleared = applyPatch(da, entryPatchSchema.parse({ score: null }));
    expect(cleared.entry).not.toHaveProperty('score');
    expect(cleared.changed).toEqual(['score']);
    const contradicted = applyPatch(da, entryPatchSchema.parse({ riskLevel: 'medium' }));
    expect(entrySchema.safeParse(contradicted.entry).success).toBe(false);
  });

  it('round-trips through the document form: text in the Y.Map, a number in the entry', () => {
    const entry = buildEntry({ category: 'domestic-abuse-risk-assessment', riskLevel: 'high', score: 0 });
    expect(screeningToDoc(entry)).toEqual({ riskLevel: 'high', score: '0', areaGrades: '' });
    expect(docValueOf(entry, 'score')).toBe('0');
    expect(docValueOf(entry, 'summary')).toBe(entry.summary);
    const raw = { ...entry, score: '0', areaGrades: '' } as Record<string, unknown>;
    expect(entryFieldsFromDoc(raw)).toEqual(entry);
    // Not digits: passed on unchanged, so the schema names the field.
    const odd = entryFieldsFromDoc({ ...raw, score: '1e3' });
    expect(entrySchema.safeParse(odd).success).toBe(false);
    expect(fieldErrors(entrySchema.safeParse(odd).error!)[0]!.field).toBe('score');
  });

  it('says which results are high and describes them for a reader', () => {
    expect(isHighResult({ category: 'domestic-abuse-risk-assessment', riskLevel: 'high' })).toBe(true);
    expect(isHighResult({ category: 'exploitation-screening', riskLevel: 'medium' })).toBe(false);
    expect(isHighResult({ category: 'neglect-assessment', areaGrades: GRADES, riskLevel: '4' })).toBe(true);
    expect(isHighResult({ category: 'neglect-assessment', areaGrades: formatGrades([3, 3, 2, 1]), riskLevel: '3' })).toBe(false);
    expect(describeResult({ category: 'domestic-abuse-risk-assessment', riskLevel: 'high', score: 16 })).toBe('High risk (16 yes answers)');
    expect(describeResult({ category: 'neglect-assessment', areaGrades: GRADES })).toBe(
      'Worst grade 4 (physical care 2, safety 4, emotional care 1, developmental care 3)',
    );
    expect(normaliseScreening({ category: 'other', riskLevel: 'high' })).toEqual({ category: 'other' });
  });
});

function formatGrades(grades: number[]): string {
  const parsed = parseAreaGrades(grades.join(','));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.canonical;
}

describe('screening results in the exchange format', () => {
  const ctx = {
    agencies: TEST_AGENCIES,
    memberAgencies: TEST_AGENCIES.map((a) => a.slug),
    importerAgency: 'oxfordshire-csc',
    importerLeads: true,
    existing: [],
  };

  it('imports risk_level, score and area_grades, and reports a bad cell by its column', () => {
    const csv = [
      'date,agency,category,summary,risk_level,score,area_grades',
      '2024-01-10,thames-valley-police,domestic-abuse-risk-assessment,Checklist with mother,high,17,',
      '2024-01-11,oxfordshire-csc,neglect-assessment,GCP2 completed,,,"2,4,1,3"',
      '2024-01-12,thames-valley-police,domestic-abuse-risk-assessment,Checklist repeated,medium,31,',
      '2024-01-13,oxfordshire-csc,neglect-assessment,GCP2 repeated,,,"2,4"',
      '2024-01-14,oxfordshire-csc,other,Strategy meeting,high,,',
    ].join('\n');
    const result = parseExchangeCsv(csv, ctx);
    expect(result.errors).toEqual([
      { row: 3, line: 4, column: 'score', message: expect.stringMatching(/^score of the domestic abuse risk checklist must be a whole number from 0 to 27/) },
      { row: 4, line: 5, column: 'area_grades', message: expect.stringMatching(/^area_grades must give 4 grades/) },
      { row: 5, line: 6, column: 'risk_level', message: expect.stringMatching(/^risk_level applies only to screening results/) },
    ]);
    expect(result.rows.map((r) => [r.input.riskLevel, r.input.score, r.input.areaGrades])).toEqual([
      ['high', 17, undefined],
      ['4', undefined, GRADES],
    ]);
  });

  it('exports them, empty for other categories, and re-imports the export as duplicates', () => {
    const entries = [
      buildEntry({ category: 'domestic-abuse-risk-assessment', riskLevel: 'high', score: 17, summary: 'Checklist' }),
      buildEntry({ category: 'neglect-assessment', riskLevel: '4', areaGrades: GRADES, summary: 'GCP2' }),
      buildEntry({ summary: 'Incident' }),
    ];
    const csv = toExchangeCsv(entries, TEST_AGENCIES);
    const lines = csv.split('\r\n');
    expect(lines[0]).toContain('risk_level,score,area_grades');
    expect(lines[1]).toContain(',high,17,');
    expect(lines[2]).toContain(`,4,,"${GRADES}"`);
    const again = parseExchangeCsv(csv, { ...ctx, existing: entries });
    expect(again.errors).toEqual([]);
    expect(again.duplicates).toHaveLength(3);
  });
});
