import { describe, expect, it } from 'vitest';
import { childFieldOf, validateChildForm } from './child-form.js';

const today = '2025-06-01';

describe('starting a chronology', () => {
  it('makes the request, with the lead’s own agency always a member', () => {
    expect(validateChildForm({ givenName: ' Amara ', familyName: 'Okafor', dateOfBirth: '27/03/2019', nhsNumber: '943 476 5919', memberAgencies: ['thames-valley-police'] }, 'oxfordshire-csc', today)).toEqual({
      ok: true,
      body: { child: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2019-03-27', nhsNumber: '9434765919' }, memberAgencies: ['oxfordshire-csc', 'thames-valley-police'] },
    });
    expect(validateChildForm({ givenName: 'A', familyName: 'B', dateOfBirth: '', nhsNumber: '', memberAgencies: [] }, 'oxfordshire-csc', today)).toEqual({
      ok: true,
      body: { child: { givenName: 'A', familyName: 'B' }, memberAgencies: ['oxfordshire-csc'] },
    });
  });

  it('says what to fix in every field', () => {
    const result = validateChildForm({ givenName: '', familyName: '  ', dateOfBirth: '03/2019', nhsNumber: '943 476 5918', memberAgencies: [] }, 'oxfordshire-csc', today);
    expect(result.ok ? [] : result.errors).toEqual([
      { field: 'givenName', message: 'Enter the child’s first name' },
      { field: 'familyName', message: 'Enter the child’s last name' },
      { field: 'dateOfBirth', message: 'Date of birth must be an exact day, for example 27/03/2019' },
      { field: 'nhsNumber', message: 'Enter a valid NHS number: 10 digits, like 943 476 5919' },
    ]);
    const future = validateChildForm({ givenName: 'A', familyName: 'B', dateOfBirth: '02/06/2025', nhsNumber: '', memberAgencies: [] }, 'x', today);
    expect(future.ok ? null : future.errors[0]!.message).toBe('Date of birth must be today or in the past');
    expect(childFieldOf('child.dateOfBirth')).toBe('dateOfBirth');
    expect(childFieldOf('memberAgencies')).toBe('memberAgencies');
  });
});
