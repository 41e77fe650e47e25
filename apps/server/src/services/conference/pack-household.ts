// The household in a conference pack (issue 14 item 5), decided without I/O like the rest of the pack's
// contents (pack-model.ts): the other children of the household as a conference already shares them, and
// which of the pack's rows are household events.
//
// A sibling is given by name, date of birth, age at the conference, place in the household and lead, and
// nothing of their record: no entry, no count of entries, no NHS number. Whether the producer may open the
// sibling's chronology is said in the professional version only (to a family it means nothing), and the
// family version names no member of staff, so a sibling's lead is given there by agency alone, as the
// cover gives this child's.
import { ageAt, describeHouseholdLink, formatAge, formatChronoDate, type Entry, type PackHousehold, type PackKind, type PackRow, type PackSibling } from '@mac/domain';

/** Age on the day of the conference, or '' when the date of birth is not an exact day (or is later). */
function ageOnDay(dateOfBirth: string | null, day: string): string {
  if (!dateOfBirth || !/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth)) return '';
  const age = ageAt(dateOfBirth, day);
  return age ? formatAge(age) : '';
}

/** One other child of the household, as the server loaded them for the pack's producer. */
export interface SiblingForPack {
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  relationship: string;
  from: string | null;
  to: string | null;
  lead: { name: string; agencyName: string };
  /** Whether the producer may open this child's chronology (its own members, or emergency access). */
  canOpen: boolean;
}

/**
 * Whether an entry is a household event: one recorded once for every child of the household, each copy
 * carrying the same `householdEventId` (an optional entry field; absent means not a household event, so
 * entries stored before the field existed are simply not household events).
 */
export function isHouseholdEvent(entry: Pick<Entry, 'householdEventId'>): boolean {
  return typeof entry.householdEventId === 'string' && entry.householdEventId !== '';
}

/**
 * The pack's household section. `household` is null when the child is in no household (the section then
 * says so); `siblings` are the other current children, already in the order to show them (oldest first).
 */
export function householdForPack(
  kind: PackKind,
  household: { name: string | null } | null,
  siblings: readonly SiblingForPack[],
  conferenceDate: string,
  rows: readonly PackRow[],
): PackHousehold {
  const family = kind === 'family';
  const shown: PackSibling[] = siblings.map((s) => ({
    name: `${s.givenName} ${s.familyName}`,
    dateOfBirth: s.dateOfBirth ? formatChronoDate(s.dateOfBirth) : 'Not recorded',
    ageText: ageOnDay(s.dateOfBirth, conferenceDate),
    relationship: describeHouseholdLink(s),
    lead: family ? s.lead.agencyName : `${s.lead.name}, ${s.lead.agencyName}`,
    ...(family ? {} : { canOpen: s.canOpen }),
  }));
  return { name: household?.name ?? null, siblings: household ? shown : [], householdEvents: rows.filter((r) => r.householdEvent === true).length };
}
