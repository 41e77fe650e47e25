// The household in a conference pack (issue 14 item 5), decided without I/O like the rest of the pack's
// contents (pack-model.ts): the other children of the household as a conference already shares them, and
// which of the pack's rows are household events.
//
// A sibling is given by name, date of birth, age at the conference, place in the household and lead, and
// nothing of their record: no entry, no count of entries, no NHS number. Whether the producer may open the
// sibling's chronology is said in the professional version only (to a family it means nothing), and the
// family version names no member of staff, so a sibling's lead is given there by agency alone, as the
// cover gives this child's.
import { ageAt, describeHouseholdLink, formatAge, formatChronoDate, PERSON_FLAG_LABELS, PERSON_RELATIONSHIP_LABELS, type Entry, type PackHousehold, type PackKind, type PackPerson, type PackRow, type PackSibling, type PersonFlagKind, type PersonRelationship } from '@mac/domain';

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

/** A person around the child as the people service shows them to the pack's producer (services/people.ts PersonView). */
export interface PersonForPack {
  givenName: string;
  familyName: string;
  mergedInto: string | null;
  relationships: ReadonlyArray<{ chronologyId: string; relationship: string; from: string | null; to: string | null }>;
  flags: ReadonlyArray<{ kind: string; reason: string; sharing: string; agency: string; createdAt: string; withdrawnAt: string | null }>;
}

/**
 * The adults around this child in the professional version: each person linked to this chronology (a record
 * merged into another is shown through the survivor), with their relationship to this child and the flags
 * shared with professionals that have not been withdrawn. A flag shared only within its agency stays out even
 * when the producer is of that agency, as a restricted entry does: the pack goes to every agency. The family
 * version gets none: people carry no family-sharing decision, so nothing about them is decided for the family.
 */
export function peopleForPack(kind: PackKind, chronologyId: string, people: readonly PersonForPack[], agencyName: (slug: string) => string): PackPerson[] | undefined {
  if (kind === 'family') return undefined;
  const shown: PackPerson[] = [];
  for (const person of people) {
    if (person.mergedInto !== null) continue;
    const link = person.relationships.find((r) => r.chronologyId === chronologyId);
    if (!link) continue;
    const label = PERSON_RELATIONSHIP_LABELS[link.relationship as PersonRelationship] ?? link.relationship;
    const when = [link.from ? `since ${formatChronoDate(link.from)}` : '', link.to ? `until ${formatChronoDate(link.to)}` : ''].filter(Boolean).join(', ');
    shown.push({
      name: `${person.givenName} ${person.familyName}`.trim(),
      relationship: when ? `${label}, ${when}` : label,
      flags: person.flags
        .filter((f) => f.sharing === 'professionals' && f.withdrawnAt === null)
        .map((f) => ({ kind: PERSON_FLAG_LABELS[f.kind as PersonFlagKind] ?? f.kind, agencyName: agencyName(f.agency), since: formatChronoDate(f.createdAt.slice(0, 10)), reason: f.reason })),
    });
  }
  return shown.sort((a, b) => a.name.localeCompare(b.name));
}
