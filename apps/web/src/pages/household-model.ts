// What the household panel shows and offers, worked out without the DOM (household-panel.ts renders it).
import { describeHouseholdLink } from '@mac/domain';
import type { ChronologySummary, FieldProblem, HouseholdChild, HouseholdView } from '../api.js';

/** The other children: everyone in the household but the chronology being looked at. */
export function otherChildren(view: HouseholdView, chronologyId: string): HouseholdChild[] {
  return view.children.filter((c) => c.chronologyId !== chronologyId);
}

/** "Half-sibling, since Mar 2020", "Sibling, until 16 Feb 2026" (the domain's words, as the conference pack has them). */
export function describeRelationship(child: Pick<HouseholdChild, 'relationship' | 'from' | 'to'>): string {
  return describeHouseholdLink(child);
}

/**
 * The children a lead may link to this one: the chronologies they lead (the server refuses any other),
 * except this one and those already in its household. The server also refuses a child who is in another
 * household; the caseload does not say, so that is reported when it happens.
 */
export function linkCandidates(caseload: readonly ChronologySummary[], meId: string, chronologyId: string, view: HouseholdView | null): ChronologySummary[] {
  const linked = new Set((view?.children ?? []).map((c) => c.chronologyId));
  return caseload
    .filter((c) => c.lead.id === meId && c.id !== chronologyId && !linked.has(c.id))
    .sort((a, b) => `${a.child.givenName} ${a.child.familyName}`.localeCompare(`${b.child.givenName} ${b.child.familyName}`));
}

export interface LinkFormErrors {
  child?: string;
  relationship?: string;
  /** A problem with no field of the form (the household as a whole). */
  form?: string;
}

/**
 * The server's answer to a refused link, put next to the form field it concerns. Field names differ
 * between creating a household (`chronologyIds`, `children.0.relationship`) and adding a child
 * (`chronologyId`, `relationship`); both end in the same place.
 */
export function linkErrors(status: number, code: string, message: string, fields: readonly FieldProblem[]): LinkFormErrors {
  if (status === 409 && code === 'already_in_household') return { child: 'This child is already in another household. Remove them from it first.' };
  if (status === 404) return { child: 'That chronology could not be found, or you do not have access to it.' };
  if (status === 403) return { child: message };
  const errors: LinkFormErrors = {};
  for (const f of fields) {
    if (/relationship$/.test(f.field)) errors.relationship ??= f.message;
    else if (/^(chronologyIds|chronologyId|children\.\d+\.chronologyId)$/.test(f.field)) errors.child ??= f.message;
    else errors.form ??= f.message;
  }
  if (!errors.child && !errors.relationship && !errors.form) errors.form = message;
  return errors;
}
