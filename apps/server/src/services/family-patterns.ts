// What the family rules see (Think Family, docs/patterns.md): the linked siblings whose chronologies the
// caller may open, each with the few entries the sibling rule reads, as the caller may see them under
// that sibling's own membership rules (another agency's restricted entry stays hidden; a sibling the
// caller cannot open is not given at all, so no highlight can hint at it). Reading a sibling's entries
// for a highlight is a read of that sibling's chronology, so it is audited there, with the chronology
// the highlights were for. The people around the child come with the flags the caller may see
// (services/people.ts), merged records pointing at their survivor.
import { canSeeChronology, SIBLING_HISTORY_CATEGORIES, type FamilyInput, type PatternSibling, type Principal } from '@mac/domain';
import type { AppDeps } from '../deps.js';
import { accessOf } from './access.js';
import { audit } from './audit.js';
import { visiblePatternEntries } from './exchange.js';
import { peopleForPatterns } from './people.js';

/**
 * `audited` false: the sibling reads are not audited here, only returned (in the input, as `siblings`), by the
 * caseload counts worked out ahead for no viewer in particular (count-warmer.ts): each viewer such a count
 * reaches has them audited under their own name first (caseload-stats.ts `accountFor`).
 */
export async function familyFor(deps: AppDeps, principal: Principal, chronologyId: string, reads: 'together' | 'inTurn' = 'together', audited = true): Promise<FamilyInput> {
  // Someone waiting (reads 'together'): the siblings and the people at once, and the siblings side by side
  // (in their household's order); one after the other, each sibling was a read and an audit commit in a row
  // on a chronology page's count. A caseload's background count keeps them in turn (patterns.ts CountReads).
  const siblingsOf = () => deps.repos.households.siblingsOf([chronologyId]).then((found) => found[chronologyId] ?? []);
  // The people of this chronology with the flags the caller may see (services/people.ts decides which).
  const peopleOf = () => peopleForPatterns(deps, principal, chronologyId);
  const [siblingIds, people] = reads === 'together' ? await Promise.all([siblingsOf(), peopleOf()]) : [await siblingsOf(), await peopleOf()];
  const one = (id: string) => siblingFor(deps, principal, chronologyId, id, audited);
  const siblings: Array<PatternSibling | null> = [];
  if (reads === 'together') siblings.push(...(await Promise.all(siblingIds.map(one))));
  else for (const id of siblingIds) siblings.push(await one(id));
  return {
    siblings: siblings.filter((s): s is PatternSibling => s !== null),
    people: people.map(({ id, name, mergedInto, flags }) => ({ id, name, ...(mergedInto ? { mergedInto } : {}), flags })),
  };
}

/** A sibling's entries read for the family rules: the details of its audit record (`chronology:patterns`, via a sibling). */
export interface SiblingRead {
  chronologyId: string;
  for: string;
  entryIds: string[];
}

/**
 * The audit record of a sibling read, under `principal`'s name. The one place it is written: by the read
 * itself, and (caseload-stats.ts) for each other viewer a shared count reaches, who must get the same record.
 */
export function auditSiblingRead(deps: AppDeps, principal: Principal, read: SiblingRead, opts: { firstReadCheck?: 'await' | 'after' } = {}): Promise<void> {
  return audit(deps, principal, null, { action: 'chronology:patterns', chronologyId: read.chronologyId, details: { via: 'sibling', for: read.for, entryIds: read.entryIds } }, opts);
}

/** One sibling as the family rules see it (null: the caller may not open it, or it has nothing they read); its read audited. */
async function siblingFor(deps: AppDeps, principal: Principal, chronologyId: string, id: string, audited: boolean): Promise<PatternSibling | null> {
  const record = await deps.repos.chronologies.get(id);
  if (!record || !canSeeChronology(principal, await accessOf(deps, record))) return null;
  const entries = await visiblePatternEntries(deps, principal, record, { categories: SIBLING_HISTORY_CATEGORIES });
  if (entries.length === 0) return null;
  if (audited) await auditSiblingRead(deps, principal, { chronologyId: id, for: chronologyId, entryIds: entries.map((e) => e.id) });
  // Only what the rule reads of each entry: the family input also goes to the browser (its live highlights).
  return { chronologyId: id, name: record.child.givenName, entries: entries.map(({ id: entryId, date, agency, category, status }) => ({ id: entryId, date, agency, category, status })) };
}
