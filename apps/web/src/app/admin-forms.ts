// The administration page's two forms (add a user, issue an API token), checked with GOV.UK wording
// before the server checks them again (apps/server routes/admin.ts). The password policy is the
// server's alone: its 422 names the `password` field and the page shows that message beside it.
import type { NewUser, Role } from '../api.js';

export const ROLES: ReadonlyArray<{ readonly role: Role; readonly label: string; readonly hint: string }> = [
  { role: 'practitioner', label: 'Practitioner', hint: 'Sees the chronologies their agency is a member of and adds their agency’s entries.' },
  { role: 'dsl', label: 'Designated safeguarding lead', hint: 'As a practitioner, and also reads the audit trail, reviews highlights and makes the family version of a pack.' },
  { role: 'lead', label: 'Lead professional', hint: 'Starts chronologies for children and decides which agencies share them.' },
  { role: 'admin', label: 'Administrator', hint: 'Manages users and API tokens. Sees no chronology.' },
];

export function roleLabel(role: string): string {
  return ROLES.find((r) => r.role === role)?.label ?? role;
}

export type UserField = 'email' | 'name' | 'role' | 'agency' | 'password';

export interface UserFormValues {
  readonly email: string;
  readonly name: string;
  readonly role: Role | '';
  readonly agency: string;
  readonly password: string;
}

export interface FormError<F extends string> {
  readonly field: F;
  readonly message: string;
}

export const EMPTY_USER: UserFormValues = { email: '', name: '', role: '', agency: '', password: '' };

const NAME_MAX = 100;
const EMAIL_MAX = 320;
// Only the shape a person can get wrong by mistyping; the server checks the address properly.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const USER_ORDER: readonly UserField[] = ['email', 'name', 'role', 'agency', 'password'];

export function validateUserForm(values: UserFormValues): { ok: true; body: NewUser } | { ok: false; errors: Array<FormError<UserField>> } {
  const errors: Array<FormError<UserField>> = [];
  const email = values.email.trim();
  const name = values.name.trim();
  if (email === '') errors.push({ field: 'email', message: 'Enter the person’s email address' });
  else if (email.length > EMAIL_MAX) errors.push({ field: 'email', message: `Email address must be ${EMAIL_MAX} characters or fewer` });
  else if (!EMAIL_SHAPE.test(email)) errors.push({ field: 'email', message: 'Enter an email address in the correct format, like name@example.org' });
  if (name === '') errors.push({ field: 'name', message: 'Enter the person’s full name' });
  else if ([...name].length > NAME_MAX) errors.push({ field: 'name', message: `Full name must be ${NAME_MAX} characters or fewer` });
  if (values.role === '') errors.push({ field: 'role', message: 'Select the person’s role' });
  if (values.agency === '') errors.push({ field: 'agency', message: 'Select the person’s agency' });
  if (values.password === '') errors.push({ field: 'password', message: 'Enter an initial password' });
  if (errors.length > 0 || values.role === '') return { ok: false, errors };
  return { ok: true, body: { email, name, role: values.role, agency: values.agency, password: values.password } };
}

/** The server's field names are the form's; anything else (a whole-body problem) goes on the first field. */
export function userFieldOf(serverField: string): UserField {
  return USER_ORDER.find((f) => f === serverField) ?? 'email';
}

export function sortUserErrors(errors: ReadonlyArray<FormError<UserField>>): Array<FormError<UserField>> {
  return [...errors].sort((a, b) => USER_ORDER.indexOf(a.field) - USER_ORDER.indexOf(b.field));
}

export type TokenField = 'tokenAgency' | 'tokenName';

export interface TokenFormValues {
  readonly agency: string;
  readonly name: string;
}

export const EMPTY_TOKEN: TokenFormValues = { agency: '', name: '' };

export function validateTokenForm(values: TokenFormValues): { ok: true; agency: string; name: string } | { ok: false; errors: Array<FormError<TokenField>> } {
  const errors: Array<FormError<TokenField>> = [];
  const name = values.name.trim();
  if (values.agency === '') errors.push({ field: 'tokenAgency', message: 'Select the agency whose system will use the token' });
  if (name === '') errors.push({ field: 'tokenName', message: 'Enter a name for the token, such as the system that will use it' });
  else if ([...name].length > NAME_MAX) errors.push({ field: 'tokenName', message: `Name must be ${NAME_MAX} characters or fewer` });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, agency: values.agency, name };
}

export function tokenFieldOf(serverField: string): TokenField {
  return serverField === 'name' ? 'tokenName' : 'tokenAgency';
}
