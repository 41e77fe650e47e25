import { describe, expect, it } from 'vitest';
import { EMPTY_ENTRY_FORM, validateAmend, validateCreate } from './entry-form-model.js';
import { buildEntry } from '@mac/domain/testing';

const base = { ...EMPTY_ENTRY_FORM, date: '05/04/2024', summary: 'Result recorded' };

describe('screening inputs in the entry form', () => {
  it('submits a checklist level and score, and only the fields the category shows', () => {
    const result = validateCreate({ ...base, category: 'domestic-abuse-risk-assessment', riskLevel: 'high', score: '16', areaGrades: 'physical-care:5' });
    expect(result).toMatchObject({ ok: true, input: { riskLevel: 'high', score: 16 } });
    expect(result.ok && result.input).not.toHaveProperty('areaGrades');
    // Values left from another category are not sent (nor reported) for a category without a tool.
    expect(validateCreate({ ...base, category: 'other', riskLevel: 'high', score: '99' })).toMatchObject({ ok: true });
  });

  it('says what to do, in the words of the form, for each screening field', () => {
    const bad = validateCreate({ ...base, category: 'domestic-abuse-risk-assessment', riskLevel: 'medium', score: '30' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors).toEqual([{ field: 'score', message: 'Enter the number of yes answers as a whole number from 0 to 27' }]);
    const contradiction = validateCreate({ ...base, category: 'domestic-abuse-risk-assessment', riskLevel: 'medium', score: '15' });
    expect(!contradiction.ok && contradiction.errors).toEqual([{ field: 'riskLevel', message: 'Select high: the checklist has 14 or more yes answers' }]);
    const partial = validateCreate({ ...base, category: 'neglect-assessment', areaGrades: 'physical-care:2,emotional-care:3' });
    expect(!partial.ok && partial.errors).toEqual([{ field: 'areaGrades', message: 'Choose a grade for safety, developmental care' }]);
  });

  it('takes a Graded Care Profile’s level from its grades, and amends only what changed', () => {
    const created = validateCreate({ ...base, category: 'neglect-assessment', areaGrades: 'physical-care:2,safety:4,emotional-care:1,developmental-care:3' });
    expect(created).toMatchObject({ ok: true, input: { riskLevel: '4' } });
    const entry = buildEntry({ category: 'domestic-abuse-risk-assessment', riskLevel: 'high', score: 15 });
    const amended = validateAmend(entry, { ...base, date: '05/04/2023', summary: entry.summary, category: entry.category, sharing: entry.sharing, riskLevel: 'high', score: '' });
    // The score cleared: written to the document as '' (empty), nothing else changed.
    expect(amended).toEqual({ ok: true, changes: { score: '' } });
  });
});
