// Household events (issue 14, item 2): an event that concerns the whole household (a domestic abuse
// call-out to the home, an eviction, a parent's arrest) recorded once and written as a copy into each
// chosen child's chronology document, all copies in ONE unit of work (`Store.recordHouseholdEvent`,
// through `rooms.submitTogether`: every copy is inspected on its room's shadow like any write, stored
// together, then broadcast to the open timelines).
//
// Copies go only where the author's agency is a member; the other children are skipped, and their lead is
// told that an event exists and which agency holds it, never what it says (not even that, for a restricted
// event: another agency's restricted entry is as absent as a missing one). Every copy carries the same
// `householdEventId` (the server's to give: the update inspector refuses it from anyone else). Changes to
// one copy are carried to the others by services/household-copies.ts.
import { randomUUID } from 'node:crypto';
import {
  canSeeChronology,
  decide,
  decideHouseholdEvent,
  entryInputSchema,
  fieldErrors,
  householdEventTargets,
  newEntry,
  type ChronologyAccess,
  type Entry,
  type FieldError,
  type Principal,
  pluralWord,
} from '@mac/domain';
import type { ChronologyRecord, HouseholdEventRecord, NewNotification } from '@mac/db';
import { UpdateRefusedError, writeNewEntry, type WriteGroup } from '@mac/sync';
import type { AppDeps } from '../deps.js';
import { ApiError, invalid, notFound } from '../http/errors.js';
import { accessOf } from './access.js';
import { audit } from './audit.js';
import { docNameForEntry, requireWriteAllowance, visibleEntry } from './entries.js';
import { toPersistWrite } from './persistence.js';

export interface HouseholdEventResult {
  householdEventId: string;
  entries: Array<{ chronologyId: string; entryId: string }>;
  skipped: Array<{ chronologyId: string; reason: string }>;
}

type Loaded = { record: ChronologyRecord; access: ChronologyAccess };

async function loadChildren(deps: AppDeps, ids: readonly string[]): Promise<Map<string, Loaded>> {
  const found = new Map<string, Loaded>();
  for (const id of ids) {
    const record = await deps.repos.chronologies.get(id);
    if (record) found.set(id, { record, access: await accessOf(deps, record) });
  }
  return found;
}

/** The request body: an entry's fields and, optionally, which children (`chronologyIds`). */
function parseBody(body: unknown, linked: readonly string[]) {
  const problems: FieldError[] = [];
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid('The household event must be a JSON object of entry fields.', [{ field: '', message: 'the body must be a JSON object' }]);
  }
  const { chronologyIds, ...fields } = body as Record<string, unknown>;
  let chosen: string[] = [...linked];
  if (chronologyIds !== undefined) {
    if (!Array.isArray(chronologyIds) || chronologyIds.some((id) => typeof id !== 'string')) {
      problems.push({ field: 'chronologyIds', message: 'chronologyIds must be a list of chronology ids' });
    } else if (chronologyIds.length === 0) {
      problems.push({ field: 'chronologyIds', message: 'chronologyIds must name at least one child of the household (or be left out for all of them)' });
    } else {
      chosen = [...new Set(chronologyIds as string[])];
      const outside = chosen.filter((id) => !linked.includes(id));
      if (outside.length > 0) problems.push({ field: 'chronologyIds', message: `not a child of this household: ${outside.join(', ')}` });
    }
  }
  const parsed = entryInputSchema.safeParse(fields);
  if (!parsed.success) problems.push(...fieldErrors(parsed.error));
  if (problems.length > 0 || !parsed.success) {
    throw invalid(`The household event has ${pluralWord(problems.length, 'a problem', `${problems.length} problems`)}: ${problems.map((p) => p.message).join('; ')}`, problems);
  }
  return { input: parsed.data, chosen };
}

/** What a skipped child's lead is told: that an event exists and who holds it, nothing of its content. */
function skippedNotice(agencyName: string, child: ChronologyRecord): string {
  const name = `${child.child.givenName} ${child.child.familyName}`;
  return `${agencyName} recorded an event for ${name}’s household. It is not on ${name}’s chronology because ${agencyName} is not a member of it: ask ${agencyName} about it, or add them as a member.`;
}

/**
 * POST /api/households/:householdId/events. 404 for a household the caller may not know of, 403 when its
 * agency is a member of none of the children's chronologies, 422 (naming the fields) for invalid entry
 * fields or children outside the household, or when the chosen children are all skipped: nothing is
 * written in any of those cases.
 */
export async function recordHouseholdEvent(deps: AppDeps, principal: Principal, householdId: string, body: unknown, ip: string | null): Promise<HouseholdEventResult> {
  const household = await deps.repos.households.get(householdId);
  const links = household ? await deps.repos.households.currentLinks(householdId) : [];
  const children = await loadChildren(deps, links.map((l) => l.chronologyId));
  const decision = decideHouseholdEvent(principal, [...children.values()].map((c) => c.access));
  if (!decision.allowed) {
    // On the chronologies the caller may see (their own members' trail), never on the others.
    const seen = [...children.values()].filter((c) => canSeeChronology(principal, c.access));
    const details = { householdId, reason: decision.reason };
    if (seen.length === 0) await audit(deps, principal, ip, { action: 'household-event:record', outcome: 'refused', details });
    for (const c of seen) await audit(deps, principal, ip, { action: 'household-event:record', outcome: 'refused', chronologyId: c.record.id, details });
    throw decision.status === 404 ? notFound('household') : new ApiError(403, 'forbidden', decision.reason);
  }
  const { input, chosen } = parseBody(body, [...children.keys()]);
  const { write, skipped } = householdEventTargets(principal, chosen.map((id) => ({ chronologyId: id, access: children.get(id)!.access })));
  if (write.length === 0) {
    throw invalid('Your agency is not a member of any of the chosen children’s chronologies: the event would be recorded nowhere.', [
      { field: 'chronologyIds', message: 'choose at least one child whose chronology your agency is a member of' },
    ]);
  }
  requireWriteAllowance(deps, principal.id);

  const householdEventId = randomUUID();
  const recordedAt = deps.now().toISOString();
  const copies = write.map((chronologyId) => {
    const entry: Entry = newEntry(input, { id: randomUUID(), agency: principal.agency, authorId: principal.id, recordedAt, householdEventId });
    const access = children.get(chronologyId)!.access;
    // Checked like any new entry (it always passes for a member's own agency; the room checks again).
    const allowed = decide(principal, 'entry:create', access, entry);
    if (!allowed.allowed) throw new ApiError(403, 'forbidden', allowed.reason);
    return { chronologyId, entry, access };
  });

  const agencyName = (await deps.repos.agencies.get(principal.agency))?.name ?? principal.agency;
  const notifications: NewNotification[] = [];
  // A restricted event is its agency's alone: as with any restricted entry, other agencies are not even
  // told that it exists (the skipped children are still listed to the author).
  const told = input.restricted ? [] : skipped;
  for (const skip of told) {
    const child = children.get(skip.chronologyId)!.record;
    notifications.push({ userId: child.leadUserId, chronologyId: child.id, kind: 'household-event-elsewhere', message: skippedNotice(agencyName, child) });
  }
  const event: HouseholdEventRecord = { id: householdEventId, householdId, agency: principal.agency, recordedBy: principal.id, recordedAt, chronologyIds: write, skipped };
  const group: WriteGroup = {
    async persist(accepted) {
      const writes = accepted.map(toPersistWrite);
      const seqs = await deps.store.recordHouseholdEvent({ event, writes, notifications });
      deps.notePersisted(writes, accepted);
      return seqs;
    },
  };
  try {
    await deps.rooms.submitTogether(
      copies.map(({ chronologyId, entry, access }) => ({
        docName: docNameForEntry(chronologyId, entry),
        write: { principal, chronology: access, intent: 'household' as const, meta: { via: 'rest' as const, ip, householdEventId } },
        mutate: (doc) => writeNewEntry(doc, entry),
      })),
      group,
    );
  } catch (err) {
    if (err instanceof UpdateRefusedError) throw new ApiError(422, 'refused', `The household event could not be recorded, and nothing was written: ${err.message}`);
    throw err;
  }
  deps.rooms.chargeWrite(principal.id, { amendments: 0, bytes: JSON.stringify(input).length * copies.length });
  // Each written child's trail says an event was recorded for the household; a skipped child's says an
  // event exists and who holds it (its lead was notified), never its content.
  for (const copy of copies) {
    await audit(deps, principal, ip, { action: 'household-event:record', chronologyId: copy.chronologyId, entryId: copy.entry.id, details: { householdId, householdEventId } });
  }
  for (const skip of told) {
    await audit(deps, principal, ip, { action: 'household-event:skipped', chronologyId: skip.chronologyId, details: { householdId, householdEventId, heldBy: principal.agency, reason: skip.reason } });
  }
  return { householdEventId, entries: copies.map((c) => ({ chronologyId: c.chronologyId, entryId: c.entry.id })), skipped };
}

export interface HouseholdCopyView {
  householdEventId: string;
  /** The other copies the reader may open: their chronology, entry and child's name. */
  copies: Array<{ chronologyId: string; entryId: string; givenName: string; familyName: string }>;
}

/**
 * GET /api/chronologies/:id/entries/:entryId/household-copies: for a reader who may see this entry, the
 * household event's other copies that the reader may also see (a chronology it may open, and the copy
 * visible there under that chronology's own rules). Copies in chronologies the reader may not open are
 * not mentioned at all, not even counted.
 */
export async function householdCopiesOf(deps: AppDeps, principal: Principal, chronologyId: string, entryId: string, ip: string | null): Promise<HouseholdCopyView | null> {
  const { entry } = await visibleEntry(deps, principal, chronologyId, entryId, ip);
  const householdEventId = entry.householdEventId;
  if (householdEventId === null || householdEventId === undefined || householdEventId === '') {
    await audit(deps, principal, ip, { action: 'household-event:copies', chronologyId, entryId, details: { householdEventId: null } });
    return null;
  }
  const out: HouseholdCopyView['copies'] = [];
  for (const copy of await deps.repos.entries.householdCopies(householdEventId)) {
    if (copy.chronologyId === chronologyId) continue;
    const record = await deps.repos.chronologies.get(copy.chronologyId);
    if (!record) continue;
    const access = await accessOf(deps, record);
    if (!decide(principal, 'entry:read', access, copy).allowed) continue;
    out.push({ chronologyId: copy.chronologyId, entryId: copy.id, givenName: record.child.givenName, familyName: record.child.familyName });
  }
  await audit(deps, principal, ip, { action: 'household-event:copies', chronologyId, entryId, details: { householdEventId, shown: out.map((c) => c.chronologyId) } });
  return { householdEventId, copies: out };
}
