// Starting a chronology: the child's details and the agencies to invite, checked with GOV.UK wording
// before the server checks them again (apps/server services/chronologies.ts validateChild).
import { isValidNhsNumber, normaliseNhsNumber, parseChronoDate, todayIso } from '@mac/domain';

export interface ChildFormValues {
  readonly givenName: string;
  readonly familyName: string;
  /** As typed: 27/03/2019, or ''. */
  readonly dateOfBirth: string;
  readonly nhsNumber: string;
  readonly memberAgencies: readonly string[];
}

export type ChildField = 'givenName' | 'familyName' | 'dateOfBirth' | 'nhsNumber' | 'memberAgencies';

export interface ChildFormError {
  readonly field: ChildField;
  readonly message: string;
}

export interface CreateChronologyBody {
  child: { givenName: string; familyName: string; dateOfBirth?: string; nhsNumber?: string };
  memberAgencies: string[];
}

const NAME_MAX = 100;

export function validateChildForm(values: ChildFormValues, ownAgency: string, today: string = todayIso()): { ok: true; body: CreateChronologyBody } | { ok: false; errors: ChildFormError[] } {
  const errors: ChildFormError[] = [];
  const given = values.givenName.trim();
  const family = values.familyName.trim();
  if (given === '') errors.push({ field: 'givenName', message: 'Enter the child’s first name' });
  else if ([...given].length > NAME_MAX) errors.push({ field: 'givenName', message: `First name must be ${NAME_MAX} characters or fewer` });
  if (family === '') errors.push({ field: 'familyName', message: 'Enter the child’s last name' });
  else if ([...family].length > NAME_MAX) errors.push({ field: 'familyName', message: `Last name must be ${NAME_MAX} characters or fewer` });

  let dateOfBirth: string | undefined;
  if (values.dateOfBirth.trim() !== '') {
    const parsed = parseChronoDate(values.dateOfBirth);
    if (!parsed.ok) errors.push({ field: 'dateOfBirth', message: `Date of birth: ${parsed.message}` });
    else if (parsed.date.end !== null || parsed.date.start.day === null || parsed.date.start.approximate) {
      errors.push({ field: 'dateOfBirth', message: 'Date of birth must be an exact day, for example 27/03/2019' });
    } else if (parsed.canonical > today) errors.push({ field: 'dateOfBirth', message: 'Date of birth must be today or in the past' });
    else dateOfBirth = parsed.canonical;
  }

  let nhsNumber: string | undefined;
  if (values.nhsNumber.trim() !== '') {
    if (!isValidNhsNumber(values.nhsNumber)) errors.push({ field: 'nhsNumber', message: 'Enter a valid NHS number: 10 digits, like 943 476 5919' });
    else nhsNumber = normaliseNhsNumber(values.nhsNumber) ?? undefined;
  }

  // The lead's own agency is always a member; the others can be added later too.
  const members = [...new Set([ownAgency, ...values.memberAgencies])];

  if (errors.length > 0) return { ok: false, errors };
  const child: CreateChronologyBody['child'] = { givenName: given, familyName: family };
  if (dateOfBirth) child.dateOfBirth = dateOfBirth;
  if (nhsNumber) child.nhsNumber = nhsNumber;
  return { ok: true, body: { child, memberAgencies: members } };
}

/** The server's 422 field names (child.dateOfBirth) as the form's. */
export function childFieldOf(serverField: string): ChildField | null {
  const name = serverField.replace(/^child\./, '');
  return (['givenName', 'familyName', 'dateOfBirth', 'nhsNumber', 'memberAgencies'] as const).find((f) => f === name) ?? null;
}
