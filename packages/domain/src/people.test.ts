import { describe, expect, it } from 'vitest';
import { applyPatch, entryInputSchema, entryPatchSchema, entrySchema, fieldErrors } from './entry.js';
import { checkFlag, checkNewPerson, decidePersonAdd, decidePersonMerge, mergeSuggestions, normalisedPersonName, survivorOf, visibleFlag } from './people.js';
import type { ChronologyAccess, Principal } from './permissions.js';
import { docValueOf, entryFieldsFromDoc } from './screening.js';
import { buildEntry } from './testing.js';

const PERSON = '3f1c2b5e-8a4d-4c1e-9b2a-6d7e8f901234';
const OTHER = '7a9b8c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const user = (agency: string, role: Principal['role'] = 'practitioner', id = `u-${agency}`): Principal => ({ id, kind: 'user', role, agency, name: id });
const chronology = (memberAgencies: string[], leadUserId = 'lead'): ChronologyAccess => ({ id: `c-${memberAgencies.join('-')}`, leadUserId, memberAgencies });

describe('people records', () => {
  it('compares names without case, accents, punctuation or extra spaces', () => {
    expect(normalisedPersonName(' Zoë  ', "O'Neill")).toBe(normalisedPersonName('zoe', 'o neill'));
    expect(normalisedPersonName('Zoe', 'Neill')).not.toBe(normalisedPersonName('Zoe', 'ONeill'));
  });

  it('suggests records with the same name and known date of birth, never merged ones or ones without a date of birth', () => {
    const base = { givenName: 'Dean', familyName: 'Marsh', mergedInto: null, chronologyIds: ['a'] };
    const suggestions = mergeSuggestions([
      { ...base, id: '1', dateOfBirth: '1988-03-14' },
      { ...base, id: '2', givenName: 'DEAN', dateOfBirth: '1988-03-14' },
      { ...base, id: '3', dateOfBirth: null },
      { ...base, id: '4', dateOfBirth: null },
      { ...base, id: '5', dateOfBirth: '1988-03-14', mergedInto: '1' },
      { ...base, id: '6', dateOfBirth: '1989-03-14' },
    ]);
    expect(suggestions.map((s) => s.personIds)).toEqual([['1', '2']]);
  });

  it('follows merges to the survivor and stops on a loop', () => {
    const merged = new Map<string, string | null>([['a', 'b'], ['b', 'c'], ['c', null], ['x', 'y'], ['y', 'x']]);
    expect(survivorOf('a', merged)).toBe('c');
    expect(survivorOf('c', merged)).toBe('c');
    expect(['x', 'y']).toContain(survivorOf('x', merged));
  });

  it('checks a new person field by field, with the domain’s date rules', () => {
    const today = '2025-06-01';
    const ok = checkNewPerson({ givenName: ' Dean ', familyName: 'Marsh', relationship: 'partner-of-mother', dateOfBirth: 'March 1988' }, today);
    expect(ok).toMatchObject({ ok: true, value: { givenName: 'Dean', dateOfBirth: '1988-03', link: { relationship: 'partner-of-mother' } } });
    const bad = checkNewPerson({ givenName: '', familyName: 'Marsh', relationship: 'lodger', dateOfBirth: '2026-01-01..2026-02-01' }, today);
    expect(bad.ok ? [] : bad.problems.map((p) => p.field)).toEqual(['givenName', 'dateOfBirth', 'relationship']);
  });

  it('checks flags: kind, sharing and a reason', () => {
    expect(checkFlag({ kind: 'poses-risk-to-children', reason: ' Breach ', sharing: 'agency' })).toEqual({ ok: true, value: { kind: 'poses-risk-to-children', reason: 'Breach', sharing: 'agency' } });
    const bad = checkFlag({ kind: 'bad', sharing: 'family' });
    expect(bad.ok ? [] : bad.problems.map((p) => p.field)).toEqual(['kind', 'sharing', 'reason']);
  });

  it('an agency-only flag is seen only by its agency; administrators see none', () => {
    expect(visibleFlag(user('police'), { agency: 'police', sharing: 'agency' })).toBe(true);
    expect(visibleFlag(user('school'), { agency: 'police', sharing: 'agency' })).toBe(false);
    expect(visibleFlag(user('school'), { agency: 'police', sharing: 'professionals' })).toBe(true);
    expect(visibleFlag(user('oscp', 'admin'), { agency: 'police', sharing: 'professionals' })).toBe(false);
  });

  it('members add people; outsiders get 404, tokens 403; only a lead of both records’ chronologies merges', () => {
    const c = chronology(['police', 'school']);
    expect(decidePersonAdd(user('police'), c).allowed).toBe(true);
    expect(decidePersonAdd(user('probation'), c)).toMatchObject({ allowed: false, status: 404 });
    expect(decidePersonAdd({ ...user('police'), kind: 'token' }, c)).toMatchObject({ allowed: false, status: 403 });
    const lead = user('csc', 'lead', 'lead');
    const led = chronology(['csc']);
    const notLed = chronology(['csc'], 'someone-else');
    expect(decidePersonMerge(lead, [led], [led]).allowed).toBe(true);
    expect(decidePersonMerge(lead, [led], [notLed])).toMatchObject({ allowed: false, status: 403 });
    expect(decidePersonMerge(user('csc'), [led], [led])).toMatchObject({ allowed: false, status: 403 });
    expect(decidePersonMerge(lead, [led], [chronology(['police'], 'x')])).toMatchObject({ allowed: false, status: 404 });
  });
});

describe('the entry field personIds', () => {
  it('is optional: an entry without it (older clients) is valid, and absent in the document means none', () => {
    expect(entrySchema.safeParse(buildEntry()).success).toBe(true);
    expect(entryFieldsFromDoc({ personIds: '' })).toEqual({ childsVoice: '', seenAlone: '' });
    expect(entryFieldsFromDoc({ personIds: `${PERSON},${OTHER}` }).personIds).toEqual([PERSON, OTHER]);
    expect(docValueOf({ personIds: [PERSON, OTHER] }, 'personIds')).toBe(`${PERSON},${OTHER}`);
    expect(docValueOf({}, 'personIds')).toBe('');
  });

  it('refuses what is not a list of distinct person ids, naming personIds', () => {
    for (const personIds of [['nope'], [PERSON, PERSON], 'x', Array.from({ length: 21 }, () => crypto.randomUUID())]) {
      const parsed = entrySchema.safeParse({ ...buildEntry(), personIds });
      expect(parsed.success).toBe(false);
      if (!parsed.success) expect(fieldErrors(parsed.error).map((e) => e.field)).toEqual(['personIds']);
    }
    expect(entrySchema.safeParse({ ...buildEntry(), personIds: [] }).success).toBe(false);
  });

  it('a new entry names people; an amendment changes or clears the list, and an unchanged list is no change', () => {
    const input = entryInputSchema.parse({ date: '2024-01-01', category: 'other', summary: 'x', personIds: [PERSON] });
    expect(input.personIds).toEqual([PERSON]);
    const entry = { ...buildEntry(), personIds: [PERSON] };
    expect(applyPatch(entry, entryPatchSchema.parse({ personIds: [PERSON] })).changed).toEqual([]);
    const added = applyPatch(entry, entryPatchSchema.parse({ personIds: [PERSON, OTHER] }));
    expect(added.changed).toEqual(['personIds']);
    const cleared = applyPatch(entry, entryPatchSchema.parse({ personIds: [] }));
    expect(cleared.changed).toEqual(['personIds']);
    expect(cleared.entry.personIds).toBeUndefined();
    expect(entrySchema.safeParse(cleared.entry).success).toBe(true);
  });
});
