// What the family rules (Think Family) read besides the child's own timeline: the linked siblings the
// caller may see, the adults around the child, and which entries are household events or name someone.
// Built once per evaluation, and only from the entries that carry those fields, so the twenty-odd rules
// that never read them pay one pass over the entries at most.
import { survivorOf } from '../people.js';
import type { FamilyContext, FamilyInput, PatternEntry, PatternPerson } from './types.js';

const NONE: FamilyContext = Object.freeze({
  siblings: [],
  people: new Map(),
  householdEventOf: new Map(),
  peopleOf: new Map(),
});

export function familyContext(entries: readonly PatternEntry[], family: FamilyInput | undefined): FamilyContext {
  const hasFamily = family !== undefined && ((family.siblings?.length ?? 0) > 0 || (family.people?.length ?? 0) > 0);
  const householdEventOf = new Map<string, string>();
  const peopleOf = new Map<string, readonly string[]>();
  const people = new Map((family?.people ?? []).map((p) => [p.id, p]));
  const mergedInto = { get: (id: string) => people.get(id)?.mergedInto };
  for (const e of entries) {
    if (e === null || typeof e !== 'object') continue;
    if (typeof e.householdEventId === 'string' && e.householdEventId !== '') householdEventOf.set(e.id, e.householdEventId);
    const named = e.personIds;
    if (Array.isArray(named) && named.length > 0) {
      // Only people the caller may see: an id of a person hidden from the caller names nobody here.
      const visible = [...new Set(named.filter((id) => typeof id === 'string' && people.has(id)).map((id) => survivorOf(id, mergedInto)))];
      if (visible.length > 0) peopleOf.set(e.id, visible);
    }
  }
  if (!hasFamily && householdEventOf.size === 0) return NONE;
  return { siblings: family?.siblings ?? [], people, householdEventOf, peopleOf };
}

/**
 * Whether the person holds a flag (of any kind) the caller may see, set by `asOf` and not withdrawn before
 * `isoDay` (the return being judged). A flag set after he came back still tells a reader today that the
 * return mattered; one withdrawn before it no longer does.
 */
export function flaggedBy(person: PatternPerson | undefined, isoDay: string, asOf: string): boolean {
  if (!person) return false;
  return person.flags.some((f) => f.createdAt.slice(0, 10) <= asOf && (!f.withdrawnAt || f.withdrawnAt.slice(0, 10) > isoDay));
}
