// A strict skim of a Yjs V1 update before Yjs itself decodes it. The whole message must be exactly one
// V1 update (no trailing bytes: V2 bytes or garbage that happen to start like a V1 update are caught
// here), and only the content kinds a chronology document can hold may appear: plain values (an entry is
// one JSON text of its fields, which the inspector parses strictly; true/false alone reach the inspector,
// which refuses them as entries) and deleted placeholders. A nested Y.Map or a plain object per entry is
// how clients of the two older document shapes wrote entries: refused as `outdated` (the client must
// reload), not as hostile content. Yjs would otherwise happily decode text, embeds, formatting or
// sub-documents and leave the rules to find out later.
//
// The same pass yields each client's clock range (what Y.parseUpdateMeta computes), and skips strings
// without decoding them (but a new entry's text, for its agency): this runs for every message, so it
// must cost less than applying the update.
//
// Layout (yjs src/utils/encoding.js with UpdateDecoderV1; lib0 any-encoding for values): client groups
// of structs, then the delete set.

import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { MAX_ENTRY_TEXT } from './entry-items.js';

const BIT6 = 32; // item has a parentSub (a map key)
const BIT7 = 64; // item has a right origin
const BIT8 = 128; // item has a left origin
const KIND_MASK = 31;

const GC = 0;
const DELETED = 1;
const STRING = 4;
const TYPE = 7;
const ANY = 8;
const SKIP = 10;
const Y_MAP_TYPE_REF = 1;
const ANY_OBJECT = 118;
const ANY_STRING = 119;
const ANY_TRUE = 120;
const ANY_FALSE = 121;

export type UpdateShape =
  | {
      ok: true;
      structs: number;
      /** Per client, the first clock the update holds (as Y.parseUpdateMeta's `from`). */
      from: Map<number, number>;
      /** Per client, the clock after the last struct it holds (as Y.parseUpdateMeta's `to`). */
      to: Map<number, number>;
      /** The delete set, flattened: client, clock, length, client, clock, length… */
      deletes: number[];
      /**
       * Every `agency` field of an entry the update writes as the first value of its key in the entries
       * map (which is how a new entry is written): client, clock and the text. Lets the inspector refuse
       * the commonest hostile update, another agency's entries, before trying it on the shadow.
       */
      agencies: Array<{ client: number; clock: number; value: string }>;
    }
  | { ok: false; problem: 'malformed' | 'content' | 'outdated'; reason: string };

class Malformed extends Error {}

function skipBytes(d: decoding.Decoder, length: number): void {
  if (d.pos + length > d.arr.length) throw new Malformed();
  d.pos += length;
}

function skipString(d: decoding.Decoder): void {
  skipBytes(d, decoding.readVarUint(d));
}

/**
 * Whether a doc already holds everything an update carries (every struct, every deletion). The stock
 * client answers every connect with its whole delete set and what it thinks we lack, usually nothing:
 * recognising that on the live doc spares building a shadow for rooms where nobody writes.
 */
export function holdsAll(doc: Y.Doc, shape: Extract<UpdateShape, { ok: true }>): boolean {
  for (const [client, to] of shape.to) if (to > Y.getState(doc.store, client)) return false;
  const { deletes } = shape;
  for (let i = 0; i < deletes.length; i += 3) {
    const client = deletes[i]!;
    const clock = deletes[i + 1]!;
    const end = clock + deletes[i + 2]!;
    if (end <= clock) continue;
    if (end > Y.getState(doc.store, client)) return false;
    const structs = doc.store.clients.get(client)!;
    for (let at = Y.findIndexSS(structs, clock); at < structs.length && structs[at]!.id.clock < end; at++) {
      if (!structs[at]!.deleted) return false;
    }
  }
  return true;
}

function skipId(d: decoding.Decoder): void {
  decoding.readVarUint(d);
  decoding.readVarUint(d);
}

const MALFORMED = { ok: false, problem: 'malformed', reason: 'not a Yjs update (V1)' } as const;

const AGENCY_KEY = 'agency';

const OUTDATED = {
  ok: false,
  problem: 'outdated',
  reason: 'this page writes entries in an old form: reload it',
} as const;

/** Skims a plain object (after its type byte): whether every field is text or true/false. */
function skimPlainObject(d: decoding.Decoder): boolean {
  const fields = decoding.readVarUint(d);
  for (let f = 0; f < fields; f++) {
    skipString(d);
    const type = decoding.readUint8(d);
    if (type === ANY_STRING) skipString(d);
    else if (type !== ANY_TRUE && type !== ANY_FALSE) return false;
  }
  return true;
}

/**
 * The `agency` field of an entry's text, if the text is a JSON object with a text `agency`; else null.
 * Only a shortcut for the commonest hostile update: the inspector parses every entry strictly anyway.
 */
function agencyOfEntryText(text: string): string | null {
  if (text.length > MAX_ENTRY_TEXT) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    const agency = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)[AGENCY_KEY] : undefined;
    return typeof agency === 'string' ? agency : null;
  } catch {
    return null;
  }
}

/**
 * `entries`: a chronology's document (entries: one JSON text each). `text`: its analysis document (plain
 * strings of one Y.Text and deleted placeholders; no maps, values, formatting or embeds).
 */
/** Whether a transaction changed its document: what decides whether Yjs emits 'update' for it, without encoding it. */
export function changedBy(tr: Y.Transaction): boolean {
  if (tr.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of tr.afterState) if (tr.beforeState.get(client) !== clock) return true;
  return false;
}

export type DocContent = 'entries' | 'text';

export function skimUpdateV1(update: Uint8Array, contentKind: DocContent = 'entries'): UpdateShape {
  const textDoc = contentKind === 'text';
  const agencies: Array<{ client: number; clock: number; value: string }> = [];
  const from = new Map<number, number>();
  const to = new Map<number, number>();
  const deletes: number[] = [];
  let structs = 0;
  const content = (reason: string): UpdateShape => ({ ok: false, problem: 'content', reason });
  try {
    const d = decoding.createDecoder(update);
    const groups = decoding.readVarUint(d);
    for (let g = 0; g < groups; g++) {
      const count = decoding.readVarUint(d);
      const client = decoding.readVarUint(d);
      let clock = decoding.readVarUint(d);
      if (count > 0) from.set(client, Math.min(from.get(client) ?? clock, clock));
      for (let s = 0; s < count; s++) {
        structs++;
        const info = decoding.readUint8(d);
        const kind = info & KIND_MASK;
        if (kind === GC || kind === SKIP) {
          clock += decoding.readVarUint(d);
          // GC: "content I created and collected myself". A MAC client never has any (entries are never
          // removed and hold no nested types, so Yjs never collects a whole struct); accepted, one would be stored and
          // broadcast, and its client id would join the document's state vector for good, at any length.
          if (kind === GC) return content('a chronology document holds no collected (GC) structs');
          continue;
        }
        if (info & BIT8) skipId(d);
        if (info & BIT7) skipId(d);
        let firstValue = false;
        if ((info & (BIT7 | BIT8)) === 0) {
          firstValue = true;
          if (decoding.readVarUint(d) === 1) skipString(d); // top-level type name
          else skipId(d); // parent item
          if (info & BIT6) skipString(d); // the map key
        }
        switch (kind) {
          case DELETED:
            clock += decoding.readVarUint(d);
            break;
          case TYPE:
            if (textDoc) return content('the analysis document holds only plain text');
            // Entries of the old document shape were nested maps: a client of the old code.
            if (decoding.readVarUint(d) === Y_MAP_TYPE_REF) return OUTDATED;
            return content('a chronology document holds only entries, each one value');
          case ANY: {
            if (textDoc) return content('the analysis document holds only plain text');
            const n = decoding.readVarUint(d);
            for (let i = 0; i < n; i++) {
              const type = decoding.readUint8(d);
              if (type === ANY_STRING) {
                // An entry's text (doc-model.ts); decoded only as a key's first value (a new entry).
                if (firstValue && n === 1) {
                  const agency = agencyOfEntryText(decoding.readVarString(d));
                  if (agency !== null) agencies.push({ client, clock, value: agency });
                } else skipString(d);
              }
              // One plain object of text and true/false per entry: the previous shape (doc-shape.ts), a page
              // of older code. Any other object is no entry of any shape.
              else if (type === ANY_OBJECT) return skimPlainObject(d) ? OUTDATED : content('an entry is one JSON text of its fields');
              else if (type !== ANY_TRUE && type !== ANY_FALSE) return content('an entry is one JSON text of its fields');
            }
            clock += n;
            break;
          }
          case STRING:
            if (!textDoc) return content('a chronology document holds only entries of text and true/false');
            // Yjs counts a string's clock length in UTF-16 code units, as JavaScript does.
            clock += decoding.readVarString(d).length;
            break;
          case 2: // JSON
          case 3: // binary
          case 5: // embed
          case 6: // format
          case 9: // sub-document
            return content('a chronology document holds only entries of text and true/false');
          default:
            return MALFORMED;
        }
      }
      if (count > 0) to.set(client, Math.max(to.get(client) ?? clock, clock));
    }
    const dsClients = decoding.readVarUint(d);
    for (let c = 0; c < dsClients; c++) {
      const client = decoding.readVarUint(d);
      const ranges = decoding.readVarUint(d);
      for (let r = 0; r < ranges; r++) deletes.push(client, decoding.readVarUint(d), decoding.readVarUint(d));
    }
    if (decoding.hasContent(d)) return MALFORMED;
  } catch {
    return MALFORMED;
  }
  return { ok: true, structs, from, to, deletes, agencies };
}
