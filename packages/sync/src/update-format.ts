// A strict skim of a Yjs V1 update before Yjs itself decodes it: the whole message must be exactly one
// V1 update (no trailing bytes: V2 bytes or garbage that happen to start like a V1 update are caught
// here), and only the content kinds a chronology document can hold may appear. Yjs would otherwise
// happily decode strings, embeds, formatting or sub-documents and leave the rules to find out later.
//
// Layout (yjs src/utils/encoding.js, UpdateDecoderV1): client groups of structs, then the delete set.

import * as decoding from 'lib0/decoding';

const BIT6 = 32; // item has a parentSub (a map key)
const BIT7 = 64; // item has a right origin
const BIT8 = 128; // item has a left origin
const KIND_MASK = 31;

const GC = 0;
const DELETED = 1;
const TYPE = 7;
const ANY = 8;
const SKIP = 10;
const Y_MAP_TYPE_REF = 1;

export type UpdateShape =
  | { ok: true; structs: number }
  | { ok: false; problem: 'malformed' | 'content'; reason: string };

export function skimUpdateV1(update: Uint8Array): UpdateShape {
  let contentProblem: string | null = null;
  const forbid = (reason: string) => {
    contentProblem ??= reason;
  };
  let structs = 0;
  try {
    const d = decoding.createDecoder(update);
    const groups = decoding.readVarUint(d);
    for (let g = 0; g < groups; g++) {
      const count = decoding.readVarUint(d);
      decoding.readVarUint(d); // client
      decoding.readVarUint(d); // first clock
      for (let s = 0; s < count; s++) {
        structs++;
        const info = decoding.readUint8(d);
        const kind = info & KIND_MASK;
        if (kind === GC || kind === SKIP) {
          decoding.readVarUint(d); // length
          continue;
        }
        if (info & BIT8) skipId(d);
        if (info & BIT7) skipId(d);
        if ((info & (BIT7 | BIT8)) === 0) {
          if (decoding.readVarUint(d) === 1) decoding.readVarString(d); // top-level type name
          else skipId(d); // parent item
          if (info & BIT6) decoding.readVarString(d);
        }
        switch (kind) {
          case DELETED:
            decoding.readVarUint(d);
            break;
          case TYPE:
            if (decoding.readVarUint(d) !== Y_MAP_TYPE_REF) forbid('a chronology document holds only maps of fields');
            break;
          case ANY: {
            const n = decoding.readVarUint(d);
            for (let i = 0; i < n; i++) {
              const value: unknown = decoding.readAny(d);
              if (typeof value !== 'string' && typeof value !== 'boolean') forbid('an entry field holds only text or true/false');
            }
            break;
          }
          case 2: // JSON
          case 3: // binary
          case 4: // string (Y.Text)
          case 5: // embed
          case 6: // format
          case 9: // sub-document
            // Refused, but we stop reading: their payloads are not worth decoding.
            return { ok: false, problem: 'content', reason: contentProblem ?? 'content a chronology document cannot hold' };
          default:
            return { ok: false, problem: 'malformed', reason: 'not a Yjs update (V1)' };
        }
      }
    }
    const dsClients = decoding.readVarUint(d);
    for (let c = 0; c < dsClients; c++) {
      decoding.readVarUint(d); // client
      const ranges = decoding.readVarUint(d);
      for (let r = 0; r < ranges; r++) skipId(d); // clock, length
    }
    if (decoding.hasContent(d)) return { ok: false, problem: 'malformed', reason: 'not a Yjs update (V1)' };
  } catch {
    return { ok: false, problem: 'malformed', reason: 'not a Yjs update (V1)' };
  }
  if (contentProblem !== null) return { ok: false, problem: 'content', reason: contentProblem };
  return { ok: true, structs };
}

function skipId(d: decoding.Decoder): void {
  decoding.readVarUint(d);
  decoding.readVarUint(d);
}
