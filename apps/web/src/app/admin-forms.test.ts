import { describe, expect, it } from 'vitest';
import { EMPTY_TOKEN, EMPTY_USER, roleLabel, sortUserErrors, tokenFieldOf, userFieldOf, validateTokenForm, validateUserForm } from './admin-forms.js';

const valid = { email: ' jo.bloggs@tvp.example.org ', name: ' Jo Bloggs ', role: 'practitioner', agency: 'thames-valley-police', password: 'correct horse battery' } as const;

describe('the add-a-user form', () => {
  it('asks for every field, in the order of the form', () => {
    const result = validateUserForm(EMPTY_USER);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field)).toEqual(['email', 'name', 'role', 'agency', 'password']);
    expect(result.errors[0]!.message).toBe('Enter the person’s email address');
  });

  it('says when the email address is not one', () => {
    const result = validateUserForm({ ...valid, email: 'jo.bloggs' });
    expect(result).toEqual({ ok: false, errors: [{ field: 'email', message: 'Enter an email address in the correct format, like name@example.org' }] });
  });

  it('leaves the password policy to the server, and sends what was typed, trimmed but the password', () => {
    const result = validateUserForm({ ...valid, password: ' short ' });
    expect(result).toEqual({ ok: true, body: { email: 'jo.bloggs@tvp.example.org', name: 'Jo Bloggs', role: 'practitioner', agency: 'thames-valley-police', password: ' short ' } });
  });

  it('puts the server’s field problems on the form’s fields', () => {
    expect(userFieldOf('password')).toBe('password');
    expect(userFieldOf('agency')).toBe('agency');
    expect(userFieldOf('(body)')).toBe('email');
    expect(sortUserErrors([{ field: 'password', message: 'p' }, { field: 'email', message: 'e' }]).map((e) => e.field)).toEqual(['email', 'password']);
  });

  it('names the roles as people say them', () => {
    expect(roleLabel('dsl')).toBe('Designated safeguarding lead');
    expect(roleLabel('something-new')).toBe('something-new');
  });
});

describe('the issue-a-token form', () => {
  it('asks for the agency and a name', () => {
    expect(validateTokenForm(EMPTY_TOKEN)).toEqual({
      ok: false,
      errors: [
        { field: 'tokenAgency', message: 'Select the agency whose system will use the token' },
        { field: 'tokenName', message: 'Enter a name for the token, such as the system that will use it' },
      ],
    });
    expect(validateTokenForm({ agency: 'thames-valley-police', name: ' Niche records ' })).toEqual({ ok: true, agency: 'thames-valley-police', name: 'Niche records' });
    expect(validateTokenForm({ agency: 'thames-valley-police', name: 'x'.repeat(101) }).ok).toBe(false);
    expect(tokenFieldOf('name')).toBe('tokenName');
    expect(tokenFieldOf('agency')).toBe('tokenAgency');
  });
});
