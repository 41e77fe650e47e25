import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, PASSWORD_MAX, PASSWORD_MIN } from './password-policy.js';

const problem = (password: string, context?: Parameters<typeof checkPasswordPolicy>[1]) => checkPasswordPolicy(password, context)?.message ?? null;

describe('password policy (NCSC: length over complexity, a deny-list)', () => {
  it('accepts three random words, with no rule about digits or symbols', () => {
    expect(problem('correct horse battery')).toBeNull();
    expect(problem('thistlegranitebeacon')).toBeNull();
    expect(problem('x'.repeat(PASSWORD_MIN - 1) + 'y')).toBeNull();
  });

  it('asks for at least 12 characters, and says how many there are', () => {
    expect(problem('short words')).toBe(`Password must be ${PASSWORD_MIN} characters or more (it has 11)`);
    expect(problem('')).toMatch(/it has 0/);
  });

  it('refuses more than 128 characters', () => {
    expect(problem('a b '.repeat(40))).toBe(`Password must be ${PASSWORD_MAX} characters or fewer`);
    expect(problem('ab'.repeat(PASSWORD_MAX / 2))).toBeNull();
  });

  it('refuses common passwords however they are dressed up', () => {
    for (const common of ['password1234', 'Password1234', 'P@ssw0rd!!!!', 'safeguarding1', 'Safeguarding2026', 'welcome2026!', '1q2w3e4r5t6y']) {
      expect(problem(common), common).toMatch(/too common/);
    }
  });

  it('refuses one character repeated', () => {
    expect(problem('aaaaaaaaaaaaaa')).toBe('Password must not be one character repeated');
  });

  it('refuses a password containing the email address’s name part, addressing whoever sets it', () => {
    expect(problem('my name is priya.shah ok', { email: 'Priya.Shah@csc.example.org' })).toBe('Password must not contain your email address');
    expect(problem('my name is priya.shah ok', { email: 'priya.shah@csc.example.org', forSomeoneElse: true })).toBe('Password must not contain their email address');
    // A name part too short to matter is not checked.
    expect(problem('an ordinary passphrase', { email: 'an@x.example' })).toBeNull();
  });
});
