// The conference pack's options: which version, the conference date, the dates and agencies to
// include. Checked here with GOV.UK wording before the server checks them again.
import { parseChronoDate, dateBounds } from '@mac/domain';

export type PackKind = 'professional' | 'family';
export type PackFormat = 'pdf' | 'csv';

export interface PackFormValues {
  readonly kind: PackKind | '';
  /** As typed: 12/03/2025. */
  readonly conferenceDate: string;
  readonly from: string;
  readonly to: string;
  /** The agencies ticked. */
  readonly agencies: readonly string[];
  /** Include the household: the other children's names, ages and leads, and the household events marked. */
  readonly household?: boolean;
}

export type PackField = 'kind' | 'conferenceDate' | 'from' | 'to' | 'agencies';

export interface PackFormError {
  readonly field: PackField;
  readonly message: string;
}

export interface PackRequestBody {
  kind: PackKind;
  conferenceDate: string;
  from?: string;
  to?: string;
  agencies?: string[];
  household?: boolean;
}

export const PACK_FIELD_ORDER: readonly PackField[] = ['kind', 'conferenceDate', 'from', 'to', 'agencies'];

export function validatePackForm(values: PackFormValues, memberAgencies: readonly string[]): { ok: true; body: PackRequestBody } | { ok: false; errors: PackFormError[] } {
  const errors: PackFormError[] = [];
  if (values.kind === '') errors.push({ field: 'kind', message: 'Select which version of the pack you need' });

  let conferenceDate = '';
  if (values.conferenceDate.trim() === '') {
    errors.push({ field: 'conferenceDate', message: 'Enter the date of the conference' });
  } else {
    const parsed = parseChronoDate(values.conferenceDate);
    if (!parsed.ok) errors.push({ field: 'conferenceDate', message: `Date of the conference: ${parsed.message}` });
    else if (!/^\d{4}-\d{2}-\d{2}$/.test(parsed.canonical)) errors.push({ field: 'conferenceDate', message: 'The date of the conference must be an exact day, for example 12/03/2025' });
    else conferenceDate = parsed.canonical;
  }

  const bound = (field: 'from' | 'to', label: string): string | undefined => {
    const text = values[field].trim();
    if (text === '') return undefined;
    const parsed = parseChronoDate(text);
    if (!parsed.ok) {
      errors.push({ field, message: `${label}: ${parsed.message}` });
      return undefined;
    }
    return parsed.canonical;
  };
  const from = bound('from', 'Entries from');
  const to = bound('to', 'Entries up to');
  if (from !== undefined && to !== undefined && dateBounds(to).last < dateBounds(from).first) {
    errors.push({ field: 'to', message: 'The end of the dates must be the same as or after the start' });
  }

  const chosen = memberAgencies.filter((a) => values.agencies.includes(a));
  if (chosen.length === 0) errors.push({ field: 'agencies', message: 'Select at least one agency' });

  if (errors.length > 0) return { ok: false, errors };
  const body: PackRequestBody = { kind: values.kind as PackKind, conferenceDate };
  if (from !== undefined) body.from = from;
  if (to !== undefined) body.to = to;
  if (chosen.length < memberAgencies.length) body.agencies = chosen;
  if (values.household === true) body.household = true;
  return { ok: true, body };
}

/** The server's field names in a 422 (conferenceDate, from, to, agencies.0) as the form's fields. */
export function packFieldOf(serverField: string): PackField | null {
  const head = serverField.split('.')[0]!;
  return (PACK_FIELD_ORDER as readonly string[]).includes(head) ? (head as PackField) : null;
}

/** "conference-pack-family-2025-03-12.pdf" from a Content-Disposition header, else a fallback. */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  const m = disposition ? /filename="([^"\\/]+)"/.exec(disposition) : null;
  return m ? m[1]! : fallback;
}
