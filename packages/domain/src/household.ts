// Households (Think Family, issue 14): the chronologies of children who live together, linked so that a
// conference sees the family, not one child at a time.
//
// What a link shares is deliberately small. A member of one child's chronology may see that the other
// children exist, their names, dates of birth and lead professional (what a child protection conference
// already shares). A sibling's ENTRIES stay under that sibling's own membership rules: the household adds
// no access to any document. So linking is a lead's decision about every child it touches: only the lead
// professional of each chronology may put it into a household.
import { formatChronoDate, parseChronoDate } from './dates.js';
import type { FieldError } from './errors.js';
import { canSeeChronology, isChronologyLead, isMember, type ChronologyAccess, type Decision, type Principal } from './permissions.js';

/** How a child stands in the household, said of the child by the lead who links it. */
export const HOUSEHOLD_RELATIONSHIPS = ['sibling', 'half-sibling', 'step-sibling', 'other-child'] as const;
export type HouseholdRelationship = (typeof HOUSEHOLD_RELATIONSHIPS)[number];

export const HOUSEHOLD_RELATIONSHIP_LABELS: Record<HouseholdRelationship, string> = {
  sibling: 'Sibling',
  'half-sibling': 'Half-sibling',
  'step-sibling': 'Step-sibling',
  'other-child': 'Other child living in the household',
};

/** A household links at least two children (that is what makes it a household to MAC), and at most this many. */
export const HOUSEHOLD_MAX_CHILDREN = 20;
export const HOUSEHOLD_NAME_MAX = 100;

/** One child's link, as a lead states it. Dates are exchange-format dates (a day, a month or a year). */
export interface HouseholdChildInput {
  chronologyId: string;
  relationship?: string | undefined;
  /** Since when the child has lived in the household, where known. */
  from?: string | undefined;
  /** Until when (the child moved out), where known. */
  to?: string | undefined;
}

export interface HouseholdChildLink {
  chronologyId: string;
  relationship: HouseholdRelationship;
  from: string | null;
  to: string | null;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: FieldError[] };

function isRelationship(value: string): value is HouseholdRelationship {
  return (HOUSEHOLD_RELATIONSHIPS as readonly string[]).includes(value);
}

/** Relationship and from/to dates of one link; `field` prefixes the names in the problems (e.g. `children.1`). */
export function checkChildLink(input: HouseholdChildInput, field: string, today: string): Checked<HouseholdChildLink> {
  const problems: FieldError[] = [];
  const at = (name: string) => (field ? `${field}.${name}` : name);
  const relationship = input.relationship ?? 'sibling';
  if (!isRelationship(relationship)) {
    problems.push({ field: at('relationship'), message: `Relationship must be one of ${HOUSEHOLD_RELATIONSHIPS.join(', ')}` });
  }
  const dates: { from: string | null; to: string | null } = { from: null, to: null };
  for (const side of ['from', 'to'] as const) {
    const text = input[side]?.trim();
    if (!text) continue;
    const parsed = parseChronoDate(text);
    if (!parsed.ok) problems.push({ field: at(side), message: `${side === 'from' ? 'From' : 'To'} date: ${parsed.message}` });
    else if (parsed.date.end !== null) problems.push({ field: at(side), message: `${side === 'from' ? 'From' : 'To'} date must be one date, not a period` });
    else if (parsed.canonical.replace(/^\?/, '') > today) problems.push({ field: at(side), message: `${side === 'from' ? 'From' : 'To'} date must be today or in the past` });
    else dates[side] = parsed.canonical;
  }
  // Compare at the coarser precision: "2023" to "2023-05" is fine, "2024" to "2023-05" is not.
  if (dates.from !== null && dates.to !== null) {
    const a = dates.from.replace(/^\?/, '');
    const b = dates.to.replace(/^\?/, '');
    const n = Math.min(a.length, b.length);
    if (a.slice(0, n) > b.slice(0, n)) problems.push({ field: at('to'), message: 'To date must not be before the from date' });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { chronologyId: input.chronologyId, relationship: relationship as HouseholdRelationship, ...dates } };
}

export interface NewHouseholdInput {
  chronologyIds: readonly string[];
  name?: string | undefined;
  /** Relationship and dates for some of the children; the others are siblings with no dates. */
  children?: readonly HouseholdChildInput[] | undefined;
}

export interface NewHousehold {
  name: string | null;
  children: HouseholdChildLink[];
}

/** The shape rules of a new household: at least two different children, each link well formed. */
export function checkNewHousehold(input: NewHouseholdInput, today: string): Checked<NewHousehold> {
  const problems: FieldError[] = [];
  const ids = input.chronologyIds;
  const unique = new Set(ids);
  if (unique.size !== ids.length) problems.push({ field: 'chronologyIds', message: 'Each chronology may be listed only once' });
  if (unique.size < 2) problems.push({ field: 'chronologyIds', message: 'A household links at least two children’s chronologies' });
  if (unique.size > HOUSEHOLD_MAX_CHILDREN) problems.push({ field: 'chronologyIds', message: `A household links at most ${HOUSEHOLD_MAX_CHILDREN} children` });
  const name = input.name?.trim() ?? '';
  if (name.length > HOUSEHOLD_NAME_MAX) problems.push({ field: 'name', message: `Name must be ${HOUSEHOLD_NAME_MAX} characters or fewer` });
  const details = new Map<string, HouseholdChildInput>();
  (input.children ?? []).forEach((child, i) => {
    if (!unique.has(child.chronologyId)) problems.push({ field: `children.${i}.chronologyId`, message: 'Must be one of chronologyIds' });
    else if (details.has(child.chronologyId)) problems.push({ field: `children.${i}.chronologyId`, message: 'Each child may be described only once' });
    else details.set(child.chronologyId, child);
  });
  const children: HouseholdChildLink[] = [];
  [...unique].forEach((chronologyId) => {
    const detail = details.get(chronologyId);
    const index = (input.children ?? []).indexOf(detail!);
    const checked = checkChildLink(detail ?? { chronologyId }, detail ? `children.${index}` : '', today);
    if (checked.ok) children.push(checked.value);
    else problems.push(...checked.problems);
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { name: name === '' ? null : name, children } };
}

const ALLOW: Decision = { allowed: true };

/**
 * Whether `principal` may link these chronologies into a household (creating one, or adding a child to
 * one): the lead professional of every one of them. A chronology the principal may not see answers 404
 * (as if it did not exist, so ids cannot be probed); one it sees but does not lead, 403. Missing
 * chronologies are passed as undefined. Tokens and administrators never link.
 */
export function decideHouseholdLink(principal: Principal, chronologies: readonly (ChronologyAccess | undefined)[]): Decision {
  if (principal.role === 'admin') return { allowed: false, status: 404, reason: 'administrators have no access to chronology content' };
  if (chronologies.some((c) => c === undefined || !canSeeChronology(principal, c))) return { allowed: false, status: 404, reason: 'chronology not found' };
  if (principal.kind !== 'user') return { allowed: false, status: 403, reason: 'an API token cannot link chronologies into a household' };
  const notLed = chronologies.filter((c) => !isChronologyLead(principal, c!));
  if (notLed.length > 0) return { allowed: false, status: 403, reason: 'only the lead professional of each chronology may link it into a household' };
  return ALLOW;
}

/**
 * Whether `principal` may change an existing household (add or remove a child): it must know the
 * household exists (see a current child's chronology, else 404) and lead one of its children (else 403).
 * Adding a child also needs `decideHouseholdLink` for that child; removing one only narrows what is
 * shared, so the lead of the child removed, or of any child still linked, may do it.
 */
export function decideHouseholdChange(principal: Principal, current: readonly ChronologyAccess[]): Decision {
  if (principal.role === 'admin') return { allowed: false, status: 404, reason: 'administrators have no access to chronology content' };
  if (!current.some((c) => canSeeChronology(principal, c))) return { allowed: false, status: 404, reason: 'household not found' };
  if (principal.kind !== 'user') return { allowed: false, status: 403, reason: 'an API token cannot change a household' };
  return current.some((c) => isChronologyLead(principal, c))
    ? ALLOW
    : { allowed: false, status: 403, reason: 'only the lead professional of one of its children may change a household' };
}

/** What a member of one child's chronology is shown of a sibling: never more than this. */
export interface SiblingSummary {
  chronologyId: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  lead: { name: string; agency: string };
  relationship: HouseholdRelationship;
  from: string | null;
  to: string | null;
  /** Whether the reader may open this child's chronology (its own membership rules, or emergency access). */
  canOpen: boolean;
}

/**
 * Whether `principal` may see a household by its id (the household view of a family conference): it must be
 * able to see at least one of the children linked now, else 404 (as if the household did not exist, so ids
 * cannot be probed). It then sees every current child as a SiblingSummary, which is what each child's own
 * household section already shows its members; seeing the household opens none of the other children.
 */
export function decideHouseholdRead(principal: Principal, current: readonly ChronologyAccess[]): Decision {
  if (principal.role === 'admin') return { allowed: false, status: 404, reason: 'administrators have no access to chronology content' };
  if (!current.some((c) => canSeeChronology(principal, c))) return { allowed: false, status: 404, reason: 'household not found' };
  return ALLOW;
}

/**
 * The children of a household in the order a conference reads them: oldest first (a known date of birth
 * before an unknown one), then by name, so every reader sees the same order whatever they may open.
 */
export function byAgeOldestFirst<T extends Pick<SiblingSummary, 'dateOfBirth' | 'givenName' | 'familyName' | 'chronologyId'>>(children: readonly T[]): T[] {
  return [...children].sort(
    (a, b) =>
      (a.dateOfBirth === null ? 1 : 0) - (b.dateOfBirth === null ? 1 : 0) ||
      (a.dateOfBirth ?? '').localeCompare(b.dateOfBirth ?? '') ||
      `${a.givenName} ${a.familyName}`.localeCompare(`${b.givenName} ${b.familyName}`) ||
      a.chronologyId.localeCompare(b.chronologyId),
  );
}

// ---------------------------------------------------------------------------------------------
// Household events: recorded once, a copy on each linked child's chronology

/** Why a child got no copy of a household event (the only reason there is). */
export const HOUSEHOLD_EVENT_NOT_MEMBER = 'your agency is not a member of this child’s chronology';

/**
 * Whether `principal` may record an event for a household whose current children's chronologies are
 * `current`: it must know the household (see a child's chronology, else 404, as for any household route)
 * and its agency must be a member of at least one of them (else 403: a copy is written only where the
 * author's agency is a member, and there would be none). Administrators have no content (404).
 */
export function decideHouseholdEvent(principal: Principal, current: readonly ChronologyAccess[]): Decision {
  if (principal.role === 'admin') return { allowed: false, status: 404, reason: 'administrators have no access to chronology content' };
  if (!current.some((c) => canSeeChronology(principal, c))) return { allowed: false, status: 404, reason: 'household not found' };
  if (!current.some((c) => isMember(principal, c))) return { allowed: false, status: 403, reason: 'your agency is not a member of any child’s chronology in this household' };
  return ALLOW;
}

/**
 * Which of the chosen children get a copy: those whose chronology the author's agency is a member of.
 * The others are skipped, with the reason (their lead is told an event exists and who holds it).
 */
export function householdEventTargets(
  principal: Principal,
  chosen: ReadonlyArray<{ chronologyId: string; access: ChronologyAccess }>,
): { write: string[]; skipped: Array<{ chronologyId: string; reason: string }> } {
  const write: string[] = [];
  const skipped: Array<{ chronologyId: string; reason: string }> = [];
  for (const child of chosen) {
    if (isMember(principal, child.access)) write.push(child.chronologyId);
    else skipped.push({ chronologyId: child.chronologyId, reason: HOUSEHOLD_EVENT_NOT_MEMBER });
  }
  return { write, skipped };
}

/** How a child stands in the household, in words: "Half-sibling, since Mar 2020", "Sibling, until 16 Feb 2026". */
export function describeHouseholdLink(child: { relationship: string; from: string | null; to: string | null }): string {
  const label = HOUSEHOLD_RELATIONSHIP_LABELS[child.relationship as HouseholdRelationship] ?? child.relationship;
  const when = [child.from ? `since ${formatChronoDate(child.from)}` : '', child.to ? `until ${formatChronoDate(child.to)}` : ''].filter(Boolean).join(', ');
  return when ? `${label}, ${when}` : label;
}
