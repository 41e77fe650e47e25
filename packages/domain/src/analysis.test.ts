import { describe, expect, it } from 'vitest';
import { agencyViewInputSchema, analysisInputSchema, ANALYSIS_LIMITS, currentViews, decideAgencyView, decideAnalysisWrite } from './analysis.js';
import { fieldErrors } from './entry.js';
import type { ChronologyAccess, Principal } from './permissions.js';

const chronology: ChronologyAccess = { id: 'c1', leadUserId: 'lead-1', memberAgencies: ['csc', 'police'], readOnlyGrants: ['grantee'] };
const person = (id: string, agency: string, role: Principal['role'] = 'practitioner', kind: Principal['kind'] = 'user'): Principal => ({ id, kind, role, agency, name: id });

describe('the analysis input', () => {
  it('refuses a summary over its limit and names the field', () => {
    const parsed = analysisInputSchema.safeParse({ text: 'x'.repeat(ANALYSIS_LIMITS.text + 1) });
    expect(parsed.success).toBe(false);
    expect(fieldErrors(parsed.error!).map((f) => f.field)).toEqual(['text']);
    expect(analysisInputSchema.safeParse({ text: 'x'.repeat(ANALYSIS_LIMITS.text) }).success).toBe(true);
  });

  it('refuses unknown fields, a family summary over its limit, and a missing text', () => {
    const parsed = analysisInputSchema.safeParse({ familySummary: 'y'.repeat(ANALYSIS_LIMITS.familySummary + 1), extra: 1 });
    expect(fieldErrors(parsed.error!).map((f) => f.field).sort()).toEqual(['extra', 'familySummary', 'text']);
  });

  it('a differing view needs visible reasons; agreeing needs none', () => {
    expect(agencyViewInputSchema.safeParse({ position: 'agree' }).success).toBe(true);
    for (const text of ['', '   ', '\u200b']) {
      const parsed = agencyViewInputSchema.safeParse({ position: 'differ', text });
      expect(parsed.success).toBe(false);
      expect(fieldErrors(parsed.error!)).toEqual([expect.objectContaining({ field: 'text', message: expect.stringContaining('reasons') })]);
    }
    expect(agencyViewInputSchema.safeParse({ position: 'differ', text: 'Neglect is under-weighted' }).success).toBe(true);
    const wrong = agencyViewInputSchema.safeParse({ position: 'maybe', text: 'x' });
    expect(fieldErrors(wrong.error!).map((f) => f.field)).toEqual(['position']);
  });
});

describe('who writes the analysis', () => {
  it('only the lead of the chronology writes the summary', () => {
    expect(decideAnalysisWrite(person('lead-1', 'csc', 'lead'), chronology)).toEqual({ allowed: true });
    expect(decideAnalysisWrite(person('lead-2', 'csc', 'lead'), chronology)).toMatchObject({ allowed: false, status: 403 });
    expect(decideAnalysisWrite(person('p', 'police', 'dsl'), chronology)).toMatchObject({ allowed: false, status: 403 });
    expect(decideAnalysisWrite(person('grantee', 'health', 'lead'), chronology)).toMatchObject({ allowed: false, status: 403 });
    expect(decideAnalysisWrite(person('o', 'health', 'lead'), chronology)).toMatchObject({ allowed: false, status: 404 });
    expect(decideAnalysisWrite(person('lead-1', 'csc', 'admin'), chronology)).toMatchObject({ allowed: false, status: 404 });
  });

  it('each agency records only its own view, as a person', () => {
    expect(decideAgencyView(person('p', 'police'), chronology, 'police')).toEqual({ allowed: true });
    expect(decideAgencyView(person('p', 'police'), chronology, 'csc')).toMatchObject({ allowed: false, status: 403 });
    expect(decideAgencyView(person('token:1', 'police', 'practitioner', 'token'), chronology, 'police')).toMatchObject({ allowed: false, status: 403 });
    expect(decideAgencyView(person('grantee', 'health'), chronology, 'health')).toMatchObject({ allowed: false, status: 403 });
    expect(decideAgencyView(person('o', 'health'), chronology, 'health')).toMatchObject({ allowed: false, status: 404 });
  });
});

describe('currentViews', () => {
  it('keeps the latest view of each agency, in the order agencies first spoke', () => {
    const history = [
      { agency: 'police', position: 'agree', n: 1 },
      { agency: 'school', position: 'differ', n: 2 },
      { agency: 'police', position: 'differ', n: 3 },
    ];
    expect(currentViews(history).map((v) => v.n)).toEqual([3, 2]);
  });
});
