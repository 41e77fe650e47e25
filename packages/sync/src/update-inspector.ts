// Decides whether an untrusted Yjs update may enter a document, without ever applying part of one to
// the document clients see (yjs THREAT_MODEL.md: server-side filtering is an antipattern).
//
// The update is applied to the room's SHADOW, a copy of the live document, and the transaction it
// produced is analysed before Yjs garbage-collects it ('afterTransaction' fires while deleted items still
// hold their content and the delete set is sorted). The verdict is for the whole update. After a refusal
// the shadow holds refused content and the caller must rebuild it from the live document.

import * as Y from 'yjs';
import { decide, isOptionalDocField, samePersonIds, entryFieldsFromDoc, entrySchema, fieldErrors, IMMUTABLE_FIELDS, type Action, type ChronologyAccess, type Entry, type Principal } from '@mac/domain';
import { analyseTextTransaction } from './analysis-inspector.js';
import { ENTRIES_KEY, getEntriesMap, isEntryText, storedFieldsOf } from './doc-model.js';
import { entryValueKind, isNew, itemBefore, oldShapeEntryOf, parseEntryText, replacedCurrent } from './entry-items.js';
import { refusal, type Refusal } from './errors.js';
import type { Limits } from './limits.js';
import { skimUpdateV1 } from './update-format.js';

/**
 * What a write is for, which decides the permission each changed entry is checked against:
 * - `edit`: creating, amending and withdrawing entries (every client update; REST entry routes);
 * - `import`: creating the rows of an imported chronology (a lead may import other agencies' rows);
 * - `sharing`: changing only an entry's family-sharing level (the lead may, for any agency's shared entry);
 * - `household`: creating one copy of a household event (the server's own write, never a client's): the
 *   only intent under which a new entry may carry `householdEventId`.
 */
export type WriteIntent = 'edit' | 'import' | 'sharing' | 'household';

/** The only fields a `sharing` write may change. */
export const SHARING_FIELDS: readonly string[] = ['sharing', 'sharingReason'];

export interface InspectContext {
  principal: Principal;
  readOnly: boolean;
  intent: WriteIntent;
  /**
   * The chronology as `decide` needs it. Connections are authorised at the handshake and closed when their
   * access ends, so for them this is the access they were admitted with.
   */
  chronology: ChronologyAccess;
  /** The agency of a restricted document, null for a chronology's shared document. */
  restrictedAgency: string | null;
  /** The chronology's analysis document (one Y.Text, the lead's only: analysis-inspector.ts), not entries. */
  analysis?: boolean;
  limits: Pick<Limits, 'maxMessageBytes' | 'maxEntriesPerDoc'>;
  /**
   * Who first wrote with a Yjs client id (principal id), if known. Yjs trusts clocks: whoever writes
   * clock n of client c first makes everyone ignore the real clock n of c, so one principal must not
   * write under a client id another principal uses.
   */
  clientOwner?: (client: number) => string | undefined;
  /** The first of these new entry ids that another document of the chronology (or a write pending there) already holds. */
  entryIdTaken?: (entryIds: readonly string[]) => string | null;
  /**
   * The first of these person ids that is not a person linked to this chronology (people.ts), or null.
   * Asked only for ids an update newly names on an entry. Absent: every id is refused.
   */
  unknownPerson?: (personIds: readonly string[]) => string | null;
}

export interface EntryChange {
  entryId: string;
  kind: 'create' | 'amend' | 'withdraw';
  before: Entry | null;
  after: Entry;
  /** Every field for a creation; the fields whose value changed otherwise. */
  fields: string[];
}

export type Verdict =
  | {
      ok: true;
      /** What the update added to the shadow, re-encoded (V1); null when it added nothing. */
      update: Uint8Array | null;
      changes: EntryChange[];
      /** Client ids that got new structs, for the owner map. */
      clients: number[];
    }
  | ({ ok: false; /** Refused before anything was applied: the shadow needs no rebuild. */ shadowUnchanged?: true } & Refusal);

type Analysis = { ok: true; changes: EntryChange[]; clients: number[] } | ({ ok: false } & Refusal);

function refuse(code: Refusal['code'], reason: string): { ok: false } & Refusal {
  return { ok: false, ...refusal(code, reason) };
}

function untouched(code: Refusal['code'], reason: string): Verdict {
  return { ok: false, shadowUnchanged: true, ...refusal(code, reason) };
}

/**
 * Inspects an update from a client: size, V1 decoding, dependencies, then content and permissions on
 * the shadow. Never decodes V2 (a tiny V2 update can keep Yjs busy for seconds).
 */
export function inspectUpdate(shadow: Y.Doc, update: Uint8Array, ctx: InspectContext): Verdict {
  if (update.byteLength > ctx.limits.maxMessageBytes) return untouched('MESSAGE_TOO_LARGE', 'update too large');
  const shape = skimUpdateV1(update, ctx.analysis === true ? 'text' : 'entries');
  if (!shape.ok) return untouched(shape.problem === 'malformed' ? 'MALFORMED_MESSAGE' : shape.problem === 'outdated' ? 'OUTDATED_CLIENT' : 'UPDATE_REFUSED', shape.reason);
  for (const [client, from] of shape.from) {
    // Structs that start after what we hold would wait in pendingStructs for a gap that may never fill.
    if (from > Y.getState(shadow.store, client)) return untouched('MISSING_DEPENDENCIES', 'update depends on changes the server does not have');
  }
  for (const [client, to] of shape.to) {
    if (to <= Y.getState(shadow.store, client)) continue;
    if (client === shadow.clientID) return untouched('UPDATE_REFUSED', 'update uses the server’s client id');
    const owner = ctx.clientOwner?.(client);
    if (owner !== undefined && owner !== ctx.principal.id) return untouched('UPDATE_REFUSED', 'update uses a client id of someone else');
  }
  for (const { client, clock, value } of shape.agencies) {
    // A new field "agency" with another agency's name: refused whatever else the update holds (a new
    // entry of another agency, or a change of an immutable field), without the cost of the shadow.
    // Only an import may carry other agencies' rows, and it never comes from a client.
    if (ctx.intent !== 'import' && clock >= Y.getState(shadow.store, client) && value !== ctx.principal.agency) {
      return untouched('UPDATE_REFUSED', 'you may add entries only for your own agency');
    }
  }
  let verdict: Verdict;
  try {
    verdict = inspectTransaction(shadow, (origin) => Y.applyUpdate(shadow, update, origin), ctx);
  } catch {
    return refuse('MALFORMED_MESSAGE', 'not a valid Yjs update');
  }
  if (shadow.store.pendingStructs !== null || shadow.store.pendingDs !== null) {
    return refuse('MISSING_DEPENDENCIES', 'update depends on changes the server does not have');
  }
  return verdict;
}

/**
 * Runs `run` as one transaction on the shadow and judges what it did. Used for client updates (run =
 * applyUpdate) and for the server's own writes (run = a mutation through the doc-model helpers), so
 * both paths obey the same rules. Exceptions from `run` propagate; the shadow is then dirty too.
 */
export function inspectTransaction(shadow: Y.Doc, run: (origin: object) => void, ctx: InspectContext): Verdict {
  const origin = {};
  let analysis: Analysis | null = null;
  let produced: Uint8Array | null = null;
  const onAfterTransaction = (tr: Y.Transaction) => {
    if (tr.origin === origin) analysis = analyse(shadow, tr, ctx);
  };
  const onUpdate = (update: Uint8Array, updateOrigin: unknown) => {
    if (updateOrigin === origin) produced = update;
  };
  shadow.on('afterTransaction', onAfterTransaction);
  shadow.on('update', onUpdate);
  try {
    shadow.transact(() => run(origin), origin);
  } finally {
    shadow.off('afterTransaction', onAfterTransaction);
    shadow.off('update', onUpdate);
  }
  const result = analysis as Analysis | null;
  if (result === null) return { ok: true, update: null, changes: [], clients: [] };
  if (!result.ok) return result;
  return { ok: true, update: produced, changes: result.changes, clients: result.clients };
}

// ---------------------------------------------------------------------------------------------
// Analysis of one transaction on the shadow


function schemaProblem(entry: unknown): string | null {
  const parsed = entrySchema.safeParse(entry);
  if (parsed.success) return null;
  const first = fieldErrors(parsed.error)[0];
  return first?.message ?? 'entry does not match the schema';
}

const OUTDATED_REASON = 'this page writes entries in an old form: reload it';
const ENTRY_TEXT_REASON = 'an entry is one JSON text of its fields (text or true/false)';
const STALE_REASON = 'someone else changed this entry meanwhile: reopen it and make your change again';

function analyse(doc: Y.Doc, tr: Y.Transaction, ctx: InspectContext): Analysis {
  if (ctx.analysis === true) {
    const text = analyseTextTransaction(doc, tr, ctx);
    return text.ok ? { ok: true, changes: [], clients: text.clients } : text;
  }
  const entries = getEntriesMap(doc);
  for (const key of doc.share.keys()) {
    if (key !== ENTRIES_KEY) return refuse('UPDATE_REFUSED', 'a chronology document holds only the entries map');
  }

  const clients: number[] = [];
  const newItems: Y.Item[] = [];
  for (const [client, after] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    clients.push(client);
    const structs = doc.store.clients.get(client) ?? [];
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i]!;
      // A GC struct is content the writer created and collected itself: no parent, no value.
      if (struct instanceof Y.Item) newItems.push(struct);
    }
  }
  if (clients.length === 0 && tr.deleteSet.clients.size === 0) return { ok: true, changes: [], clients };
  if (ctx.readOnly) return refuse('UPDATE_REFUSED', 'read-only access: this document cannot be changed');

  // Every key of the entries map the update wrote: each is judged by its value before and after.
  const touched = new Set<string>();
  for (const item of newItems) {
    const parent = item.parent;
    if (parent !== entries) {
      // A field inside an entry's nested map: how the old document shape wrote (a page of the old code).
      if (oldShapeEntryOf(parent, entries) !== null) return refuse('OUTDATED_CLIENT', OUTDATED_REASON);
      return refuse('UPDATE_REFUSED', 'only entries may be written');
    }
    const id = item.parentSub;
    if (id === null) return refuse('UPDATE_REFUSED', 'entries must be keyed by entry id');
    const content = item.content;
    // An overwritten value the writer had already collected (an entry it amended twice): no value to judge.
    if (!(content instanceof Y.ContentDeleted)) {
      // A nested map per entry, or one plain object per entry: the two older shapes (doc-shape.ts).
      if (content instanceof Y.ContentType && content.type instanceof Y.Map) return refuse('OUTDATED_CLIENT', OUTDATED_REASON);
      const kind = entryValueKind(content);
      if (kind === 'object') return refuse('OUTDATED_CLIENT', OUTDATED_REASON);
      if (kind !== 'text') return refuse('UPDATE_REFUSED', ENTRY_TEXT_REASON);
    }
    touched.add(id);
  }

  const removal = findRemoval(doc, tr, entries);
  if (removal !== null) return refuse(removal === OUTDATED_REASON ? 'OUTDATED_CLIENT' : 'UPDATE_REFUSED', removal);

  const created = new Map<string, Entry>();
  const amended: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [];
  for (const id of touched) {
    const value = entries.get(id);
    // Its value is an old-shape entry (a document not yet converted never reaches here) or nothing.
    if (!isEntryText(value)) return refuse('UPDATE_REFUSED', ENTRY_TEXT_REASON);
    const parsed = parseEntryText(value);
    if (!parsed.ok) return refuse('UPDATE_REFUSED', parsed.reason);
    const after = parsed.fields;
    const held = itemBefore(entries, id, tr);
    if (!replacedCurrent(entries, id, held, tr)) return refuse('UPDATE_REFUSED', STALE_REASON);
    const before: unknown = held === null ? undefined : held.content.getContent()[0];
    if (before === undefined) {
      created.set(id, entryFieldsFromDoc(after) as Entry);
      continue;
    }
    // What the document held was accepted by these rules (or converted from what they accepted earlier).
    const beforeFields = isEntryText(before) ? storedFieldsOf(before) : null;
    if (beforeFields === null) return refuse('OUTDATED_CLIENT', OUTDATED_REASON);
    amended.push([id, beforeFields, after]);
  }

  const changes: EntryChange[] = [];
  // _map.size, not size: size walks the whole map, and no entry key is ever deleted.
  if (created.size > 0 && entries._map.size > ctx.limits.maxEntriesPerDoc) {
    return refuse('UPDATE_REFUSED', `a document holds at most ${ctx.limits.maxEntriesPerDoc} entries`);
  }
  for (const [id, after] of created) {
    const problem = creationProblem(id, after, ctx);
    if (problem !== null) return refuse('UPDATE_REFUSED', problem);
    const stranger = unknownPersonIn(after, null, ctx);
    if (stranger !== null) return refuse('UPDATE_REFUSED', stranger);
    changes.push({ entryId: id, kind: 'create', before: null, after, fields: Object.keys(after) });
  }
  // One look-up for all new ids (an update may create a thousand entries).
  if (created.size > 0 && ctx.entryIdTaken !== undefined && ctx.entryIdTaken([...created.keys()]) !== null) {
    return refuse('ENTRY_ID_TAKEN', 'an entry with this id already exists in this chronology');
  }
  // Entries are judged in their domain form: the document stores a score as text (entryFieldsFromDoc).
  const entryOf = (raw: Record<string, unknown>): Entry => entryFieldsFromDoc(raw) as Entry;
  for (const [id, rawBefore, rawAfter] of amended) {
    // The stored fields whose value the new one changes (an absent optional field reads as '').
    const written = [...new Set([...Object.keys(rawBefore), ...Object.keys(rawAfter)])].filter((field) => (rawBefore[field] ?? '') !== (rawAfter[field] ?? ''));
    // An optional field (screening, the child's voice, people, the household event) may be left out while
    // empty (absent means empty); anything else the entry held stays.
    const removed = Object.keys(rawBefore).find((field) => !(field in rawAfter) && !(isOptionalDocField(field) && rawBefore[field] === ''));
    if (removed !== undefined) return refuse('UPDATE_REFUSED', `${removed} of an entry cannot be removed`);
    const before = entryOf(rawBefore);
    const after = entryOf(rawAfter);
    const outcome = amendmentOutcome(before, after, written, ctx);
    if (typeof outcome === 'string') return refuse('UPDATE_REFUSED', outcome);
    const stranger = outcome === null ? null : unknownPersonIn(after, before, ctx);
    if (stranger !== null) return refuse('UPDATE_REFUSED', stranger);
    if (outcome !== null) changes.push({ entryId: id, ...outcome, before, after });
  }
  return { ok: true, changes, clients };
}

/** Why the entry may not name the people it newly names (not people of this chronology), or null. */
function unknownPersonIn(after: Entry, before: Entry | null, ctx: InspectContext): string | null {
  const named = after.personIds ?? [];
  if (!Array.isArray(named) || named.length === 0) return null;
  const already = new Set(before?.personIds ?? []);
  const added = named.filter((id) => !already.has(id));
  if (added.length === 0) return null;
  const unknown = ctx.unknownPerson === undefined ? added[0]! : ctx.unknownPerson(added);
  return unknown === null ? null : 'personIds: names someone who is not a person of this chronology';
}

/**
 * Nothing is ever removed: no entry. Replacing an entry's value deletes the value it replaces; that is
 * fine, as long as the entry still has a value afterwards.
 */
function findRemoval(doc: Y.Doc, tr: Y.Transaction, entries: Y.Map<unknown>): string | null {
  for (const [client, ranges] of tr.deleteSet.clients) {
    const structs = doc.store.clients.get(client) ?? [];
    for (const { clock, len } of ranges) {
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < clock + len; i++) {
        const struct = structs[i]!;
        if (!(struct instanceof Y.Item)) continue;
        if (struct.parent !== entries) return oldShapeEntryOf(struct.parent, entries) !== null ? OUTDATED_REASON : 'only entries may be written';
        const current = entries._map.get(struct.parentSub ?? '');
        if (current === undefined || current.deleted) return 'entries are never removed';
      }
    }
  }
  return null;
}

function restrictionProblem(entry: Entry, ctx: InspectContext): string | null {
  const restrictedDoc = ctx.restrictedAgency !== null;
  if (entry.restricted !== restrictedDoc) {
    return restrictedDoc ? 'this document holds only restricted entries' : 'restricted entries belong in the agency’s restricted document';
  }
  if (restrictedDoc && entry.agency !== ctx.restrictedAgency) return 'this restricted document belongs to another agency';
  return null;
}

/** The one permission function, for one changed entry; null when allowed, else why not. */
function permissionProblem(action: Action, entry: Entry, ctx: InspectContext): string | null {
  const decision = decide(ctx.principal, action, ctx.chronology, { agency: entry.agency, restricted: entry.restricted === true });
  return decision.allowed ? null : decision.reason;
}

function creationProblem(id: string, entry: Entry, ctx: InspectContext): string | null {
  if (entry.id !== id) return 'an entry must be stored under its own id';
  if (ctx.intent === 'sharing') return 'a change of sharing level creates no entry';
  const denied = permissionProblem(ctx.intent === 'import' ? 'entry:import' : 'entry:create', entry, ctx);
  if (denied !== null) return entry.agency !== ctx.principal.agency ? 'you may add entries only for your own agency' : denied;
  if (entry.authorId !== ctx.principal.id) return 'an entry must name you as its author';
  // The id that ties a household event's copies together is the server's to give (a forged one would
  // join an entry to another family's event, and its amendments would travel there).
  if ((entry.householdEventId !== undefined) !== (ctx.intent === 'household')) {
    return ctx.intent === 'household' ? 'a household event’s copy must carry its householdEventId' : 'householdEventId is set only by the server when a household event is recorded';
  }
  const restricted = restrictionProblem(entry, ctx);
  if (restricted !== null) return restricted;
  const invalid = schemaProblem(entry);
  return invalid === null ? null : `invalid entry: ${invalid}`;
}

/** null: nothing really changed; a string: why it is refused. */
function amendmentOutcome(
  before: Entry,
  after: Entry,
  written: string[],
  ctx: InspectContext,
): Pick<EntryChange, 'kind' | 'fields'> | string | null {
  // Even writing a value that is already there touches the entry: only those allowed to change it may.
  if (ctx.intent === 'import') return 'an import only adds entries';
  if (ctx.intent === 'household') return 'recording a household event only adds entries';
  if (ctx.intent === 'sharing') {
    const other = written.find((field) => !SHARING_FIELDS.includes(field));
    if (other !== undefined) return `${other}: a change of sharing level changes nothing else`;
    if (permissionProblem('entry:set-sharing', before, ctx) !== null) return 'you may change only your own agency’s entries';
  } else if (permissionProblem(after.status === 'withdrawn' && before.status !== 'withdrawn' ? 'entry:withdraw' : 'entry:amend', before, ctx) !== null) {
    return 'you may change only your own agency’s entries';
  }
  const record = (e: Entry) => e as unknown as Record<string, unknown>;
  const fields = written.filter((field) => (field === 'personIds' ? !samePersonIds(before.personIds, after.personIds) : record(before)[field] !== record(after)[field]));
  if (fields.length === 0) return null;
  const immutable = fields.find((field) => (IMMUTABLE_FIELDS as readonly string[]).includes(field));
  if (immutable !== undefined) return `${immutable} cannot be changed`;
  if (before.status === 'withdrawn' && after.status !== 'withdrawn') return 'a withdrawn entry cannot be reinstated';
  const invalid = schemaProblem(after);
  if (invalid !== null) return `invalid change: ${invalid}`;
  return { kind: before.status !== 'withdrawn' && after.status === 'withdrawn' ? 'withdraw' : 'amend', fields };
}
