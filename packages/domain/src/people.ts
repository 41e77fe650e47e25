// The adults around the child (Think Family, issue 14 item 3): people records linked to children's
// chronologies, the flags agencies set on them, and the merging of two records that are one person.
//
// A person is seen through the chronologies they are linked to: a caller who may see none of them does
// not know the person exists (every route answers 404, as for a chronology). A flag is seen as its
// agency's sharing allows, mirroring restricted entries: `agency` is seen only by the flagging agency,
// `professionals` by everyone who may see the person. Nothing here is deleted: a flag is withdrawn with a
// reason, a merged record stays and points at the one it was merged into.
import { parseChronoDate } from './dates.js';
import type { FieldError } from './errors.js';
import { canSeeChronology, isChronologyLead, isMember, type ChronologyAccess, type Decision, type Principal } from './permissions.js';
import { hasBidiControls, hasVisibleText } from './text-rules.js';

/** How an adult stands to a child, said of the adult ("the mother"). A fixed list, as the vocabulary's. */
export const PERSON_RELATIONSHIPS = ['mother', 'father', 'partner-of-mother', 'partner-of-father', 'grandparent', 'sibling-adult', 'other'] as const;
export type PersonRelationship = (typeof PERSON_RELATIONSHIPS)[number];

export const PERSON_RELATIONSHIP_LABELS: Record<PersonRelationship, string> = {
  mother: 'Mother',
  father: 'Father',
  'partner-of-mother': 'Mother’s partner',
  'partner-of-father': 'Father’s partner',
  grandparent: 'Grandparent',
  'sibling-adult': 'Adult sibling',
  other: 'Other adult',
};

/** What an agency may flag about a person. */
export const PERSON_FLAG_KINDS = ['poses-risk-to-children', 'domestic-abuse-perpetrator', 'court-order', 'violence-to-staff', 'other-concern'] as const;
export type PersonFlagKind = (typeof PERSON_FLAG_KINDS)[number];

export const PERSON_FLAG_LABELS: Record<PersonFlagKind, string> = {
  'poses-risk-to-children': 'Poses a risk to children',
  'domestic-abuse-perpetrator': 'Domestic abuse perpetrator',
  'court-order': 'Subject to a court order (restraining, non-molestation or bail conditions)',
  'violence-to-staff': 'Violence or threats to staff',
  'other-concern': 'Other concern',
};

/**
 * Who sees a flag: every professional who may see the person, or only the flagging agency (as a
 * restricted entry). No flag is ever shared with the family (the family version never names one).
 */
export const PERSON_FLAG_SHARING = ['professionals', 'agency'] as const;
export type PersonFlagSharing = (typeof PERSON_FLAG_SHARING)[number];

export const PERSON_FLAG_SHARING_LABELS: Record<PersonFlagSharing, string> = {
  professionals: 'All professionals who may see this person',
  agency: 'My agency only',
};

export const PERSON_NAME_MAX = 100;
export const PERSON_FLAG_REASON_MAX = 1000;
/** The people one entry may name. */
export const ENTRY_PERSON_IDS_MAX = 20;

export type PeopleChecked<T> = { ok: true; value: T } | { ok: false; problems: FieldError[] };

const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T => typeof value === 'string' && (list as readonly string[]).includes(value);

function checkName(value: unknown, field: string, label: string, problems: FieldError[]): string {
  if (typeof value !== 'string' || !hasVisibleText(value)) {
    problems.push({ field, message: `${label} is required` });
    return '';
  }
  const trimmed = value.trim().replace(/\s+/g, ' ');
  if ([...trimmed].length > PERSON_NAME_MAX) problems.push({ field, message: `${label} must be ${PERSON_NAME_MAX} characters or fewer` });
  else if (hasBidiControls(trimmed)) problems.push({ field, message: `${label} must not contain text-direction control characters` });
  return trimmed;
}

/** One date (a day, a month or a year, as the exchange format writes it), today or earlier; null when empty. */
function checkPastDate(value: unknown, field: string, label: string, today: string, problems: FieldError[]): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    problems.push({ field, message: `${label} must be text` });
    return null;
  }
  if (value.trim() === '') return null;
  const parsed = parseChronoDate(value);
  if (!parsed.ok) problems.push({ field, message: `${label}: ${parsed.message}` });
  else if (parsed.date.end !== null) problems.push({ field, message: `${label} must be one date, not a period` });
  else if (parsed.canonical.replace(/^\?/, '') > today) problems.push({ field, message: `${label} must be today or in the past` });
  else return parsed.canonical;
  return null;
}

/** The person's relationship to one child, with since when and until when where known. */
export interface PersonLinkInput {
  relationship?: unknown;
  from?: unknown;
  to?: unknown;
}

export interface PersonLink {
  relationship: PersonRelationship;
  from: string | null;
  to: string | null;
}

function checkLink(input: PersonLinkInput, prefix: string, today: string, problems: FieldError[], required: boolean): PersonLink | null {
  const at = (name: string) => (prefix ? `${prefix}.${name}` : name);
  const before = problems.length;
  let relationship: PersonRelationship = 'other';
  if (input.relationship === undefined && !required) relationship = 'other';
  else if (!isOneOf(PERSON_RELATIONSHIPS, input.relationship)) problems.push({ field: at('relationship'), message: `relationship must be one of ${PERSON_RELATIONSHIPS.join(', ')}` });
  else relationship = input.relationship;
  const from = checkPastDate(input.from, at('from'), 'From date', today, problems);
  const to = checkPastDate(input.to, at('to'), 'To date', today, problems);
  if (from !== null && to !== null) {
    const a = from.replace(/^\?/, '');
    const b = to.replace(/^\?/, '');
    const n = Math.min(a.length, b.length);
    if (a.slice(0, n) > b.slice(0, n)) problems.push({ field: at('to'), message: 'To date must not be before the from date' });
  }
  return problems.length === before ? { relationship, from, to } : null;
}

export interface NewPersonInput extends PersonLinkInput {
  givenName?: unknown;
  familyName?: unknown;
  dateOfBirth?: unknown;
  /** For a household: a relationship per child, overriding `relationship` for that child. */
  children?: unknown;
}

export interface NewPerson {
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  link: PersonLink;
  /** Per-child links (a household's people), by chronology id. */
  children: Map<string, PersonLink>;
}

/** A new person: names required, date of birth if known, the relationship to the child (or each child). */
export function checkNewPerson(input: NewPersonInput, today: string): PeopleChecked<NewPerson> {
  const problems: FieldError[] = [];
  const givenName = checkName(input.givenName, 'givenName', 'Given name', problems);
  const familyName = checkName(input.familyName, 'familyName', 'Family name', problems);
  const dateOfBirth = checkPastDate(input.dateOfBirth, 'dateOfBirth', 'Date of birth', today, problems);
  const link = checkLink(input, '', today, problems, true);
  const children = new Map<string, PersonLink>();
  if (input.children !== undefined) {
    if (!Array.isArray(input.children)) problems.push({ field: 'children', message: 'children must be a list' });
    else
      input.children.forEach((child: unknown, i) => {
        const c = (child ?? {}) as PersonLinkInput & { chronologyId?: unknown };
        if (typeof c.chronologyId !== 'string' || c.chronologyId === '') problems.push({ field: `children.${i}.chronologyId`, message: 'chronologyId is required' });
        else if (children.has(c.chronologyId)) problems.push({ field: `children.${i}.chronologyId`, message: 'Each child may be described only once' });
        else {
          const checked = checkLink(c, `children.${i}`, today, problems, true);
          if (checked) children.set(c.chronologyId, checked);
        }
      });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { givenName, familyName, dateOfBirth, link: link!, children } };
}

export interface PersonPatchInput {
  givenName?: unknown;
  familyName?: unknown;
  /** '' or null clears it. */
  dateOfBirth?: unknown;
  /** A changed relationship to one child the person is linked to. */
  relationships?: unknown;
}

export interface PersonPatch {
  givenName?: string;
  familyName?: string;
  dateOfBirth?: string | null;
  relationships: Array<PersonLink & { chronologyId: string }>;
}

export function checkPersonPatch(input: PersonPatchInput, today: string): PeopleChecked<PersonPatch> {
  const problems: FieldError[] = [];
  const out: PersonPatch = { relationships: [] };
  if (input.givenName !== undefined) out.givenName = checkName(input.givenName, 'givenName', 'Given name', problems);
  if (input.familyName !== undefined) out.familyName = checkName(input.familyName, 'familyName', 'Family name', problems);
  if (input.dateOfBirth !== undefined) out.dateOfBirth = checkPastDate(input.dateOfBirth, 'dateOfBirth', 'Date of birth', today, problems);
  if (input.relationships !== undefined) {
    if (!Array.isArray(input.relationships)) problems.push({ field: 'relationships', message: 'relationships must be a list' });
    else
      input.relationships.forEach((r: unknown, i) => {
        const c = (r ?? {}) as PersonLinkInput & { chronologyId?: unknown };
        if (typeof c.chronologyId !== 'string' || c.chronologyId === '') problems.push({ field: `relationships.${i}.chronologyId`, message: 'chronologyId is required' });
        const checked = checkLink(c, `relationships.${i}`, today, problems, true);
        if (checked && typeof c.chronologyId === 'string') out.relationships.push({ chronologyId: c.chronologyId, ...checked });
      });
  }
  if (problems.length === 0 && out.givenName === undefined && out.familyName === undefined && out.dateOfBirth === undefined && out.relationships.length === 0) {
    problems.push({ field: '', message: 'a change must change at least one thing' });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: out };
}

export interface FlagInput {
  kind?: unknown;
  reason?: unknown;
  sharing?: unknown;
}

export interface NewFlag {
  kind: PersonFlagKind;
  reason: string;
  sharing: PersonFlagSharing;
}

export function checkFlag(input: FlagInput): PeopleChecked<NewFlag> {
  const problems: FieldError[] = [];
  if (!isOneOf(PERSON_FLAG_KINDS, input.kind)) problems.push({ field: 'kind', message: `kind must be one of ${PERSON_FLAG_KINDS.join(', ')}` });
  if (!isOneOf(PERSON_FLAG_SHARING, input.sharing)) problems.push({ field: 'sharing', message: `sharing must be one of ${PERSON_FLAG_SHARING.join(', ')}` });
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (!hasVisibleText(reason)) problems.push({ field: 'reason', message: 'reason is required: say why the flag is set' });
  else if ([...reason].length > PERSON_FLAG_REASON_MAX) problems.push({ field: 'reason', message: `reason must be ${PERSON_FLAG_REASON_MAX} characters or fewer` });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { kind: input.kind as PersonFlagKind, reason, sharing: input.sharing as PersonFlagSharing } };
}

export function checkFlagWithdrawal(input: { reason?: unknown }): PeopleChecked<{ reason: string }> {
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (!hasVisibleText(reason)) return { ok: false, problems: [{ field: 'reason', message: 'reason is required: say why the flag is withdrawn' }] };
  if ([...reason].length > PERSON_FLAG_REASON_MAX) return { ok: false, problems: [{ field: 'reason', message: `reason must be ${PERSON_FLAG_REASON_MAX} characters or fewer` }] };
  return { ok: true, value: { reason } };
}

// ---------------------------------------------------------------------------------------------
// Who may do what

const ALLOW: Decision = { allowed: true };
const hidden = (reason = 'person not found'): Decision => ({ allowed: false, status: 404, reason });
const forbidden = (reason: string): Decision => ({ allowed: false, status: 403, reason });

/** Whether a person linked to these chronologies exists for the principal: it sees at least one of them. */
export function canSeePerson(principal: Principal, chronologies: readonly ChronologyAccess[]): boolean {
  return principal.role !== 'admin' && chronologies.some((c) => canSeeChronology(principal, c));
}

/**
 * Adding a person to a child's chronology: the lead, or a person (practitioner, DSL or lead) of a member
 * agency, since every member agency knows some of the adults around the child. Read-only (emergency)
 * access and API tokens add nobody.
 */
export function decidePersonAdd(principal: Principal, chronology: ChronologyAccess | undefined): Decision {
  if (principal.role === 'admin' || chronology === undefined || !canSeeChronology(principal, chronology)) return hidden('chronology not found');
  if (principal.kind !== 'user') return forbidden('an API token cannot add people');
  if (!isMember(principal, chronology) && !isChronologyLead(principal, chronology)) return forbidden('read-only access: people cannot be added');
  return ALLOW;
}

/**
 * Changing a person's record or flagging them: a person of a member agency of one of the chronologies
 * the person is linked to (404 when the principal sees none of them).
 */
export function decidePersonChange(principal: Principal, chronologies: readonly ChronologyAccess[]): Decision {
  if (!canSeePerson(principal, chronologies)) return hidden();
  if (principal.kind !== 'user') return forbidden('an API token cannot change people');
  return chronologies.some((c) => isMember(principal, c)) ? ALLOW : forbidden('read-only access: this person cannot be changed');
}

/** A flag is withdrawn by its own agency only (as an entry is changed only by its agency). */
export function decideFlagWithdrawal(principal: Principal, flag: { agency: string; sharing: string }, chronologies: readonly ChronologyAccess[]): Decision {
  const change = decidePersonChange(principal, chronologies);
  if (!change.allowed) return change;
  if (!visibleFlag(principal, flag)) return hidden('flag not found');
  return flag.agency === principal.agency ? ALLOW : forbidden(`only ${flag.agency} may withdraw its flag`);
}

/**
 * Merging record `from` into record `into` (the same person recorded twice): a lead professional of a
 * chronology each record is linked to (the same chronology, or two), who therefore sees both. Never done
 * automatically.
 */
export function decidePersonMerge(principal: Principal, from: readonly ChronologyAccess[], into: readonly ChronologyAccess[]): Decision {
  if (!canSeePerson(principal, from) || !canSeePerson(principal, into)) return hidden();
  if (principal.kind !== 'user') return forbidden('an API token cannot merge people');
  const leads = (list: readonly ChronologyAccess[]) => list.some((c) => isChronologyLead(principal, c));
  return leads(from) && leads(into) ? ALLOW : forbidden('only the lead professional of the chronologies of both records may merge them');
}

/** Whether the principal may see this flag: shared with professionals, or its own agency's. */
export function visibleFlag(principal: Principal, flag: { agency: string; sharing: string }): boolean {
  if (principal.role === 'admin') return false;
  return flag.sharing === 'professionals' || flag.agency === principal.agency;
}

// ---------------------------------------------------------------------------------------------
// Same person?

/** A name as compared for merge suggestions: case, accents, punctuation and spacing ignored. */
export function normalisedPersonName(givenName: string, familyName: string): string {
  const fold = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  return `${fold(givenName)}|${fold(familyName)}`;
}

export interface MergeCandidate {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  mergedInto: string | null;
  chronologyIds: readonly string[];
}

export interface MergeSuggestion {
  /** Records with the same name and date of birth, oldest first by the caller's order. */
  personIds: string[];
  reason: string;
}

/**
 * Records that may be the same person: the same normalised name and the same (known) date of birth, not
 * merged already. A record with no date of birth is never suggested: a name alone is too weak.
 */
export function mergeSuggestions(people: readonly MergeCandidate[]): MergeSuggestion[] {
  const groups = new Map<string, MergeCandidate[]>();
  for (const p of people) {
    if (p.mergedInto !== null || p.dateOfBirth === null) continue;
    const key = `${normalisedPersonName(p.givenName, p.familyName)}|${p.dateOfBirth.replace(/^\?/, '')}`;
    const group = groups.get(key) ?? [];
    group.push(p);
    groups.set(key, group);
  }
  return [...groups.values()]
    .filter((g) => g.length > 1)
    .map((g) => ({ personIds: g.map((p) => p.id), reason: `Same name (${g[0]!.givenName} ${g[0]!.familyName}) and date of birth (${g[0]!.dateOfBirth})` }));
}

/**
 * The record a person id stands for now: the survivor of any merges (chains are followed, loops cut).
 * `mergedInto` needs only `get`: the server passes its map of ids, the family rules a view of their people.
 */
export function survivorOf(id: string, mergedInto: Pick<ReadonlyMap<string, string | null | undefined>, 'get'>): string {
  let current = id;
  const seen = new Set<string>([id]);
  for (;;) {
    const next = mergedInto.get(current) ?? null;
    if (next === null || seen.has(next)) return current;
    seen.add(next);
    current = next;
  }
}

// ---------------------------------------------------------------------------------------------
// The entry field `personIds` (people named on an entry): a list in the domain, text in the document

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isPersonId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** The document holds the ids as one text, comma-separated (document values are text or true/false only). */
export function personIdsToDoc(ids: readonly string[] | undefined): string {
  return (ids ?? []).join(',');
}

/** The document's text as a list; '' (or absent) is none. Anything else passes through for the schema to refuse. */
export function personIdsFromDoc(value: unknown): unknown {
  if (value === undefined || value === '') return undefined;
  return typeof value === 'string' ? value.split(',') : value;
}

/** Whether two values of the field are the same list (order kept as written). */
export function samePersonIds(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return personIdsToDoc(a) === personIdsToDoc(b);
}

/** The first problem with a list of person ids as an entry holds them, or null. */
export function personIdsProblem(ids: readonly unknown[]): string | null {
  if (ids.length > ENTRY_PERSON_IDS_MAX) return `personIds may name at most ${ENTRY_PERSON_IDS_MAX} people`;
  if (!ids.every(isPersonId)) return 'personIds must be person ids (UUIDs)';
  if (new Set(ids).size !== ids.length) return 'personIds must name each person once';
  return null;
}
