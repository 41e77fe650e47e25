// The change-your-password form, checked with GOV.UK wording before the server checks it again
// (apps/server routes/auth.ts, POST /api/auth/password). Only what a person can get wrong by
// mistyping is checked here: empty fields, the length, the two new passwords matching. The rest of
// the policy (common passwords, one character repeated, the email address) is the server's alone:
// its 422 names the `currentPassword` or `newPassword` field and the page shows its words there.

import { PASSWORD_MAX, PASSWORD_MIN } from '@mac/domain';

/** The server's limits, from @mac/domain, so the form can say so before asking. */
export { PASSWORD_MAX, PASSWORD_MIN };

export type PasswordField = 'currentPassword' | 'newPassword' | 'confirmPassword';

export const PASSWORD_FIELDS: readonly PasswordField[] = ['currentPassword', 'newPassword', 'confirmPassword'];

export interface PasswordFormValues {
  readonly currentPassword: string;
  readonly newPassword: string;
  readonly confirmPassword: string;
}

export interface PasswordFormError {
  /** A field of the form, or '' for a problem with no field (the server could not be reached). */
  readonly field: PasswordField | '';
  readonly message: string;
}

export const EMPTY_PASSWORDS: PasswordFormValues = { currentPassword: '', newPassword: '', confirmPassword: '' };

/** What the server is sent: passwords exactly as typed (spaces are part of a password). */
export interface ChangePasswordBody {
  readonly currentPassword: string;
  readonly newPassword: string;
}

export function validatePasswordForm(values: PasswordFormValues): { ok: true; body: ChangePasswordBody } | { ok: false; errors: PasswordFormError[] } {
  const errors: PasswordFormError[] = [];
  const { currentPassword, newPassword, confirmPassword } = values;
  if (currentPassword === '') errors.push({ field: 'currentPassword', message: 'Enter your current password' });
  if (newPassword === '') errors.push({ field: 'newPassword', message: 'Enter a new password' });
  else if (newPassword.length < PASSWORD_MIN) errors.push({ field: 'newPassword', message: `New password must be ${PASSWORD_MIN} characters or more` });
  else if (newPassword.length > PASSWORD_MAX) errors.push({ field: 'newPassword', message: `New password must be ${PASSWORD_MAX} characters or fewer` });
  else if (newPassword === currentPassword) errors.push({ field: 'newPassword', message: 'New password must be different from your current password' });
  if (confirmPassword === '') errors.push({ field: 'confirmPassword', message: 'Confirm your new password' });
  else if (newPassword !== '' && confirmPassword !== newPassword) errors.push({ field: 'confirmPassword', message: 'The passwords do not match: enter your new password again' });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, body: { currentPassword, newPassword } };
}

/**
 * The server's 422 field problems on the form's fields, in the form's order. A field the form does
 * not have (a problem with the request itself) has no field to go to: it is listed in the summary only.
 */
export function passwordErrorsFromServer(fields: ReadonlyArray<{ field: string; message: string }>): PasswordFormError[] {
  const errors = fields.map((f): PasswordFormError => ({ field: PASSWORD_FIELDS.find((p) => p === f.field) ?? '', message: f.message }));
  const order = (field: PasswordField | '') => (field === '' ? PASSWORD_FIELDS.length : PASSWORD_FIELDS.indexOf(field));
  return errors.sort((a, b) => order(a.field) - order(b.field));
}
