import { describe, expect, it } from 'vitest';
import { EMPTY_PASSWORDS, PASSWORD_MAX, passwordErrorsFromServer, validatePasswordForm } from './password-form.js';

const valid = { currentPassword: 'old lantern orchard', newPassword: ' river candle orbit ', confirmPassword: ' river candle orbit ' } as const;

describe('the change-your-password form', () => {
  it('asks for every field, in the order of the form', () => {
    expect(validatePasswordForm(EMPTY_PASSWORDS)).toEqual({
      ok: false,
      errors: [
        { field: 'currentPassword', message: 'Enter your current password' },
        { field: 'newPassword', message: 'Enter a new password' },
        { field: 'confirmPassword', message: 'Confirm your new password' },
      ],
    });
  });

  it('says how long the new password must be, counting every character', () => {
    expect(validatePasswordForm({ ...valid, newPassword: 'short words', confirmPassword: 'short words' })).toEqual({
      ok: false,
      errors: [{ field: 'newPassword', message: 'New password must be 12 characters or more' }],
    });
    // Twelve with the spaces is long enough: the server counts them too.
    expect(validatePasswordForm({ ...valid, newPassword: ' ten chars ', confirmPassword: ' ten chars ' }).ok).toBe(false);
    expect(validatePasswordForm({ ...valid, newPassword: ' ten  chars ', confirmPassword: ' ten  chars ' }).ok).toBe(true);
    const long = 'a'.repeat(PASSWORD_MAX) + 'b';
    expect(validatePasswordForm({ ...valid, newPassword: long, confirmPassword: long })).toEqual({
      ok: false,
      errors: [{ field: 'newPassword', message: 'New password must be 128 characters or fewer' }],
    });
  });

  it('says when the confirmation does not match, beside the confirmation', () => {
    expect(validatePasswordForm({ ...valid, confirmPassword: 'river candle orbit' })).toEqual({
      ok: false,
      errors: [{ field: 'confirmPassword', message: 'The passwords do not match: enter your new password again' }],
    });
    // No new password yet: that is the problem to fix, not the confirmation.
    expect(validatePasswordForm({ ...valid, newPassword: '' })).toEqual({ ok: false, errors: [{ field: 'newPassword', message: 'Enter a new password' }] });
  });

  it('refuses the current password as the new one', () => {
    const same = { currentPassword: valid.newPassword, newPassword: valid.newPassword, confirmPassword: valid.newPassword };
    expect(validatePasswordForm(same)).toEqual({ ok: false, errors: [{ field: 'newPassword', message: 'New password must be different from your current password' }] });
  });

  it('sends the passwords exactly as typed, and leaves the rest of the policy to the server', () => {
    expect(validatePasswordForm(valid)).toEqual({ ok: true, body: { currentPassword: 'old lantern orchard', newPassword: ' river candle orbit ' } });
    expect(validatePasswordForm({ ...valid, newPassword: 'password1234', confirmPassword: 'password1234' }).ok).toBe(true);
  });

  it('puts the server’s field problems on the form’s fields, in the form’s order', () => {
    expect(
      passwordErrorsFromServer([
        { field: '(body)', message: 'Something about the request' },
        { field: 'newPassword', message: 'Password is too common' },
        { field: 'currentPassword', message: 'Enter your current password correctly' },
      ]),
    ).toEqual([
      { field: 'currentPassword', message: 'Enter your current password correctly' },
      { field: 'newPassword', message: 'Password is too common' },
      { field: '', message: 'Something about the request' },
    ]);
  });
});
