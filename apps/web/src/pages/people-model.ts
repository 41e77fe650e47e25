// What the people panel shows and offers, worked out without the DOM (people-panel.ts renders it): the
// people around this child (records merged into another are shown as that one), how each stands to this
// child, their flags in words, and what the entry form offers (one choice per person).
import { PERSON_FLAG_LABELS, PERSON_RELATIONSHIP_LABELS, type PersonFlagKind, type PersonRelationship } from '@mac/domain';
import type { PersonChoice } from '@mac/ui';
import type { PersonFlag, PersonRecord } from '../api.js';

export const personName = (p: Pick<PersonRecord, 'givenName' | 'familyName'>): string => `${p.givenName} ${p.familyName}`;

export function relationshipLabel(relationship: string): string {
  return PERSON_RELATIONSHIP_LABELS[relationship as PersonRelationship] ?? relationship;
}

export function flagLabel(kind: string): string {
  return PERSON_FLAG_LABELS[kind as PersonFlagKind] ?? kind;
}

/** How the person stands to this child ("Mother’s partner"), or to the household's other children only. */
export function relationshipTo(person: PersonRecord, chronologyId: string): string {
  const own = person.relationships.find((r) => r.chronologyId === chronologyId);
  if (own) return relationshipLabel(own.relationship);
  return person.relationships.length > 0 ? `${relationshipLabel(person.relationships[0]!.relationship)} of a sibling` : 'Not stated';
}

/** The records to show: survivors only (a merged record is shown as the record it was merged into). */
export function survivors(people: readonly PersonRecord[]): PersonRecord[] {
  return people.filter((p) => p.mergedInto === null);
}

/** What the entry form offers: one checkbox per person, named with their relationship to this child. */
export function personChoices(people: readonly PersonRecord[], chronologyId: string): PersonChoice[] {
  return survivors(people).map((p) => ({ id: p.id, label: `${personName(p)}, ${relationshipTo(p, chronologyId).toLowerCase()}` }));
}

/** Names any person id an entry holds: a merged record by its survivor's name. */
export function personLabeller(people: readonly PersonRecord[], chronologyId: string): (id: string) => string {
  const byId = new Map(people.map((p) => [p.id, p]));
  return (id) => {
    let p = byId.get(id);
    for (let i = 0; p?.mergedInto && i < 16; i++) p = byId.get(p.mergedInto) ?? p;
    return p ? `${personName(p)} (${relationshipTo(p, chronologyId).toLowerCase()})` : 'A person you cannot see';
  };
}

/** Active flags first, each oldest first; a withdrawn flag stays listed, marked. */
export function orderedFlags(flags: readonly PersonFlag[]): PersonFlag[] {
  return [...flags.filter((f) => f.withdrawnAt === null), ...flags.filter((f) => f.withdrawnAt !== null)];
}

export interface PersonFormErrors {
  givenName?: string;
  familyName?: string;
  dateOfBirth?: string;
  relationship?: string;
  kind?: string;
  reason?: string;
  sharing?: string;
  form?: string;
}

/** A 422's field problems, each on its field; anything else on the form. */
export function fieldErrorsOf(fields: ReadonlyArray<{ field: string; message: string }>, fallback: string): PersonFormErrors {
  const out: PersonFormErrors = {};
  for (const f of fields) {
    const key = (['givenName', 'familyName', 'dateOfBirth', 'relationship', 'kind', 'reason', 'sharing'] as const).find((k) => f.field === k);
    if (key) out[key] ??= f.message;
    else out.form ??= f.message;
  }
  if (Object.keys(out).length === 0) out.form = fallback;
  return out;
}
