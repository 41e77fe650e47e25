import { randomUUID } from 'node:crypto';
import {
  applyPatch,
  decide,
  entryInputSchema,
  entryPatchSchema,
  entrySchema,
  fieldErrors,
  newEntry,
  withdrawEntry,
  withdrawSchema,
  type Entry,
  type Principal,
  pluralWord,
} from '@mac/domain';
import { amendEntry, restrictedDocName, sharedDocName, UpdateRefusedError, writeNewEntry, type LocalWrite } from '@mac/sync';
import { entryFromProjection } from '@mac/db';
import type { AppDeps } from '../deps.js';
import { ApiError, invalid, notFound, TooManyRequests } from '../http/errors.js';
import { audit } from './audit.js';
import { requireChronology } from './access.js';
import { checkEntryPeople } from './people.js';

export function docNameForEntry(chronologyId: string, entry: Pick<Entry, 'restricted' | 'agency'>): string {
  return entry.restricted ? restrictedDocName(chronologyId, entry.agency) : sharedDocName(chronologyId);
}

/** 429 while the account is over its write volume (Limits.amendmentsPerMinute, writeBytesPerMinute). */
export function requireWriteAllowance(deps: AppDeps, principalId: string): void {
  // This node's budget, then (several nodes) what Redis last said of the account's budget across them.
  let allowance = deps.rooms.writeAllowance(principalId);
  if (allowance.ok && deps.cluster !== null) allowance = deps.cluster.volume.allowance(principalId);
  if (!allowance.ok) {
    const seconds = Math.max(1, Math.ceil(allowance.retryAfterMs / 1000));
    throw new TooManyRequests('too_many_changes', `Too many changes from this account in a short time. Try again in ${seconds} s.`, seconds);
  }
}

/**
 * Runs a room write, turning the room's refusal into an API error (it should not happen: we checked
 * first, except for an entry id already used in the chronology, which only the room can see).
 */
export async function submit(deps: AppDeps, docName: string, write: LocalWrite, mutate: Parameters<AppDeps['rooms']['submitLocal']>[2]) {
  requireWriteAllowance(deps, write.principal.id);
  try {
    const changes = await deps.rooms.submitLocal(docName, write, mutate);
    // An import is one write, whatever its size (its rows are limited by the import itself).
    deps.rooms.chargeWrite(write.principal.id, write.intent === 'import' ? { amendments: 1, bytes: 0 } : { amendments: changes.filter((c) => c.kind !== 'create').length, bytes: changedBytes(changes) });
    return changes;
  } catch (err) {
    if (err instanceof UpdateRefusedError) {
      if (err.code === 'ENTRY_ID_TAKEN') throw new ApiError(409, 'entry_id_taken', 'An entry with this id already exists in this chronology.');
      throw new ApiError(422, 'refused', err.message);
    }
    throw err;
  }
}

/** Roughly what a REST write stores: the text of the fields it wrote (the room does not return the update's size). */
function changedBytes(changes: ReadonlyArray<{ after: Entry; fields: string[] }>): number {
  let bytes = 0;
  for (const change of changes) {
    for (const field of change.fields) bytes += String((change.after as unknown as Record<string, unknown>)[field] ?? '').length;
  }
  return bytes;
}

function parseOrThrow<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: unknown } }, body: unknown, what: string): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    const fields = fieldErrors(result.error as Parameters<typeof fieldErrors>[0]);
    throw invalid(`The ${what} has ${pluralWord(fields.length, 'a problem', `${fields.length} problems`)}: ${fields.map((f) => f.message).join('; ')}`, fields);
  }
  return result.data;
}

export async function createEntry(deps: AppDeps, principal: Principal, chronologyId: string, body: unknown, ip: string | null): Promise<Entry> {
  const { access } = await requireChronology(deps, principal, chronologyId, 'chronology:read', ip);
  const input = parseOrThrow(entryInputSchema, body, 'entry');
  const entry = newEntry(input, { id: randomUUID(), agency: principal.agency, authorId: principal.id, recordedAt: deps.now().toISOString() });
  const decision = decide(principal, 'entry:create', access, entry);
  if (!decision.allowed) {
    await audit(deps, principal, ip, { action: 'entry:create', outcome: 'refused', chronologyId, details: { reason: decision.reason } });
    throw decision.status === 404 ? notFound() : new ApiError(403, 'forbidden', decision.reason);
  }
  await checkEntryPeople(deps, chronologyId, entry.personIds);
  await submit(deps, docNameForEntry(chronologyId, entry), { principal, chronology: access, meta: { via: 'rest', ip } }, (doc) => writeNewEntry(doc, entry));
  return entry;
}

/** Finds an entry the caller may see; another agency's restricted entry is as absent as a missing one. */
export async function visibleEntry(deps: AppDeps, principal: Principal, chronologyId: string, entryId: string, ip: string | null) {
  const { access } = await requireChronology(deps, principal, chronologyId, 'chronology:read', ip);
  const entry = await deps.repos.entries.getVisible(chronologyId, entryId, principal.agency);
  if (!entry || !decide(principal, 'entry:read', access, entry).allowed) throw notFound('entry');
  return { entry, access };
}

async function requireEntryWrite(deps: AppDeps, principal: Principal, chronologyId: string, entryId: string, action: 'entry:amend' | 'entry:withdraw', ip: string | null) {
  const { entry, access } = await visibleEntry(deps, principal, chronologyId, entryId, ip);
  const decision = decide(principal, action, access, entry);
  if (!decision.allowed) {
    await audit(deps, principal, ip, { action, outcome: 'refused', chronologyId, entryId, details: { reason: decision.reason } });
    throw decision.status === 404 ? notFound('entry') : new ApiError(403, 'forbidden', decision.reason);
  }
  return { entry: toEntry(entry), access };
}

export async function amend(deps: AppDeps, principal: Principal, chronologyId: string, entryId: string, body: unknown, ip: string | null): Promise<Entry> {
  const { entry: current, access } = await requireEntryWrite(deps, principal, chronologyId, entryId, 'entry:amend', ip);
  if (current.status === 'withdrawn') throw new ApiError(409, 'withdrawn', 'This entry has been withdrawn and can no longer be amended.');
  const patch = parseOrThrow(entryPatchSchema, body, 'amendment');
  const { entry, changed } = applyPatch(current, patch);
  if (changed.length === 0) return current;
  // The patch may be valid alone and not with the entry (a score that contradicts the stored level):
  // name the field here rather than let the write path refuse it without one.
  parseOrThrow(entrySchema, entry, 'amended entry');
  await checkEntryPeople(deps, chronologyId, entry.personIds, current.personIds);
  const fields = Object.fromEntries(changed.map((f) => [f, (entry as unknown as Record<string, unknown>)[f]])) as Partial<Entry>;
  await submit(deps, docNameForEntry(chronologyId, current), { principal, chronology: access, meta: { via: 'rest', ip } }, (doc) => amendEntry(doc, entryId, fields));
  return entry;
}

export async function withdraw(deps: AppDeps, principal: Principal, chronologyId: string, entryId: string, body: unknown, ip: string | null): Promise<Entry> {
  const { entry: current, access } = await requireEntryWrite(deps, principal, chronologyId, entryId, 'entry:withdraw', ip);
  if (current.status === 'withdrawn') throw new ApiError(409, 'withdrawn', 'This entry has already been withdrawn.');
  const { reason } = parseOrThrow(withdrawSchema, body, 'withdrawal');
  const entry = withdrawEntry(current, reason);
  await submit(deps, docNameForEntry(chronologyId, current), { principal, chronology: access, meta: { via: 'rest', ip } }, (doc) =>
    amendEntry(doc, entryId, { status: entry.status, withdrawnReason: entry.withdrawnReason }),
  );
  return entry;
}

/** The projection row without its bookkeeping columns (@mac/db's entryFromProjection, which pages use too). */
export const toEntry = entryFromProjection;
