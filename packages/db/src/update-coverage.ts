// Rule S9 (docs/storage.md): a compaction replaces a document's rows only with a state that holds them.
// The update log stores Yjs updates in the V1 encoding; this reads just enough of one to say what it
// covers (per client, the clocks it reaches, and the ranges it deletes) without building a document or
// decoding any text, so the store can check the state it is given against the rows it is about to
// delete, on the thread that deletes them (the SQLite writer; a worker for PostgreSQL, pg/state-check.ts).
//
// Found 7 December: a merge thread that answered in another shape than its caller expected (its source
// had changed under the running server) made every big document's merged state an EMPTY array, stored in
// place of its log. S8 refuses empty states; this refuses any state that does not hold the rows: a
// truncated one, another document's, or bytes that are no update at all.
//
// What "holds" means, and why not equality: the state's clocks must be EXACTLY the rows' (every struct of
// every row is in it, and nothing of another document), and every deletion of every row must be a
// deletion in it. The state may delete more than the rows say: Yjs deletes an item as it integrates when
// its parent was deleted or, for a map key written concurrently, when it is not the winning value; no
// row records those deletions, the merged document does.
//
// Layout read (yjs src/utils/encoding.js, UpdateDecoderV1; lib0 encoding for varints, strings, `any`):
// groups of structs per client, then the delete set. Every content kind is read (stored rows of older
// document shapes hold nested types and plain objects), and the whole input must be consumed.

const BIT6 = 32; // a map key (parentSub) follows
const BIT7 = 64; // a right origin follows
const BIT8 = 128; // a left origin follows
const KIND_MASK = 31;

export interface UpdateCoverage {
  /** Per client, the first clock of its structs in the update. */
  from: Map<number, number>;
  /** Per client, the clock after its last struct. */
  to: Map<number, number>;
  /** Whether any struct is a Skip (a gap: the update does not hold that range). */
  skips: boolean;
  /** The delete set: per client, [clock, length] pairs as encoded. */
  deletes: Map<number, number[]>;
}

class Reader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}

  byte(): number {
    if (this.pos >= this.bytes.length) throw new Error('unexpected end of the update');
    return this.bytes[this.pos++]!;
  }

  varUint(): number {
    let num = 0;
    let mult = 1;
    for (;;) {
      const b = this.byte();
      num += (b & 127) * mult;
      if (b < 128) return num;
      mult *= 128;
      if (mult > 2 ** 53) throw new Error('a number in the update is too large');
    }
  }

  /** lib0's signed varint: 6 bits and a sign in the first byte, 7 in the next. */
  skipVarInt(): void {
    if ((this.byte() & 128) === 0) return;
    while ((this.byte() & 128) !== 0);
  }

  skip(n: number): void {
    if (this.pos + n > this.bytes.length) throw new Error('unexpected end of the update');
    this.pos += n;
  }

  skipString(): void {
    this.skip(this.varUint());
  }

  /** A string's length in UTF-16 code units (what a Y.Text's struct counts), read from its UTF-8 bytes. */
  stringLength(): number {
    const n = this.varUint();
    const end = this.pos + n;
    if (end > this.bytes.length) throw new Error('unexpected end of the update');
    let units = 0;
    for (let i = this.pos; i < end; i++) {
      const b = this.bytes[i]!;
      if ((b & 0xc0) !== 0x80) units += b >= 0xf0 ? 2 : 1;
    }
    this.pos = end;
    return units;
  }

  /** One value of lib0's `any` encoding. */
  skipAny(depth = 0): void {
    if (depth > 64) throw new Error('the update nests values too deeply');
    const type = this.byte();
    switch (type) {
      case 127: // undefined
      case 126: // null
      case 121: // false
      case 120: // true
        return;
      case 125:
        return this.skipVarInt();
      case 124:
        return this.skip(4);
      case 123:
      case 122:
        return this.skip(8);
      case 119: // string
      case 116: // Uint8Array
        return this.skipString();
      case 118: {
        const fields = this.varUint();
        for (let i = 0; i < fields; i++) {
          this.skipString();
          this.skipAny(depth + 1);
        }
        return;
      }
      case 117: {
        const items = this.varUint();
        for (let i = 0; i < items; i++) this.skipAny(depth + 1);
        return;
      }
      default:
        throw new Error(`unknown value type ${type} in the update`);
    }
  }
}

/**
 * What one V1 update covers; throws when the bytes are not exactly one V1 update. Given `into`, adds to
 * it instead (the clocks reached, the highest kept; the deletions appended): the rows of a log, read as one.
 */
export function coverageOf(update: Uint8Array, into?: UpdateCoverage): UpdateCoverage {
  const r = new Reader(update);
  const from = into?.from ?? new Map<number, number>();
  const to = into?.to ?? new Map<number, number>();
  let skips = into?.skips ?? false;
  const groups = r.varUint();
  for (let g = 0; g < groups; g++) {
    const count = r.varUint();
    const client = r.varUint();
    let clock = r.varUint();
    if (count > 0) from.set(client, Math.min(from.get(client) ?? clock, clock));
    for (let s = 0; s < count; s++) {
      const info = r.byte();
      const kind = info & KIND_MASK;
      if (kind === 0 || kind === 10) {
        // GC, Skip: a length.
        if (kind === 10) skips = true;
        clock += r.varUint();
        continue;
      }
      if (info & BIT8) (r.varUint(), r.varUint());
      if (info & BIT7) (r.varUint(), r.varUint());
      if ((info & (BIT7 | BIT8)) === 0) {
        if (r.varUint() === 1) r.skipString(); // a top-level type's name
        else (r.varUint(), r.varUint()); // the parent item's id
        if (info & BIT6) r.skipString(); // the map key
      }
      clock += contentLength(r, kind);
    }
    if (count > 0) to.set(client, Math.max(to.get(client) ?? 0, clock));
  }
  const deletes = into?.deletes ?? new Map<number, number[]>();
  const clients = r.varUint();
  for (let c = 0; c < clients; c++) {
    const client = r.varUint();
    const n = r.varUint();
    let ranges = deletes.get(client);
    if (ranges === undefined) deletes.set(client, (ranges = []));
    for (let i = 0; i < n; i++) ranges.push(r.varUint(), r.varUint());
  }
  if (r.pos !== update.length) throw new Error('bytes follow the update');
  if (into !== undefined) {
    into.skips = skips;
    return into;
  }
  return { from, to, skips, deletes };
}

/** Reads an item's content (yjs readItemContent, V1) and answers its length in clock units. */
function contentLength(r: Reader, kind: number): number {
  switch (kind) {
    case 1: // deleted
      return r.varUint();
    case 2: {
      // JSON: strings
      const n = r.varUint();
      for (let i = 0; i < n; i++) r.skipString();
      return n;
    }
    case 3: // binary
    case 5: // embed (JSON text)
      r.skipString();
      return 1;
    case 4:
      return r.stringLength();
    case 6: // format: key and JSON text
      r.skipString();
      r.skipString();
      return 1;
    case 7: {
      // a nested type; XML elements and hooks carry a name
      const typeRef = r.varUint();
      if (typeRef === 3 || typeRef === 5) r.skipString();
      return 1;
    }
    case 8: {
      const n = r.varUint();
      for (let i = 0; i < n; i++) r.skipAny();
      return n;
    }
    case 9: // a subdocument: guid and options
      r.skipString();
      r.skipAny();
      return 1;
    default:
      throw new Error(`unknown content kind ${kind} in the update`);
  }
}

/** Sorted, merged [start, end) ranges. */
function normalised(pairs: number[]): number[] {
  const ranges: Array<[number, number]> = [];
  for (let i = 0; i < pairs.length; i += 2) if (pairs[i + 1]! > 0) ranges.push([pairs[i]!, pairs[i]! + pairs[i + 1]!]);
  ranges.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [start, end] of ranges) {
    if (out.length > 0 && start <= out[out.length - 1]!) out[out.length - 1] = Math.max(out[out.length - 1]!, end);
    else out.push(start, end);
  }
  return out;
}

/** Whether every range of `inner` lies within the ranges of `outer` (both normalised). */
function within(inner: number[], outer: number[]): boolean {
  let j = 0;
  for (let i = 0; i < inner.length; i += 2) {
    while (j < outer.length && outer[j + 1]! < inner[i + 1]!) j += 2;
    if (j >= outer.length || outer[j]! > inner[i]!) return false;
  }
  return true;
}

/**
 * Why `state` does not hold every one of `rows` (a document's stored updates, in order), or null when it
 * does: its clocks are exactly theirs, it is a whole state (every client from clock 0, no gap), and every
 * deletion of theirs is one of its own. The rows' combined clocks are what the document's state vector
 * was once they were all applied (a compacted row among them counts as the whole state it is).
 */
export function stateDoesNotHold(state: Uint8Array, rows: readonly Uint8Array[]): string | null {
  const whole = wholeStateOf(state);
  if (typeof whole === 'string') return whole;
  const held = whole;
  const all: UpdateCoverage = { from: new Map(), to: new Map(), skips: false, deletes: new Map() };
  for (let i = 0; i < rows.length; i++) {
    try {
      coverageOf(rows[i]!, all);
    } catch (err) {
      return `stored row ${i + 1} of ${rows.length} could not be read (${err instanceof Error ? err.message : String(err)})`;
    }
  }
  const { to, deletes } = all;
  for (const [client, clock] of to) {
    const got = held.to.get(client) ?? 0;
    if (got !== clock) return `the rows reach clock ${clock} of client ${client}, the state ${got}`;
  }
  for (const [client, clock] of held.to) if (!to.has(client) && clock > 0) return `the state holds client ${client} (to clock ${clock}), which no row holds`;
  for (const [client, pairs] of deletes) {
    if (!within(normalised(pairs), normalised(held.deletes.get(client) ?? []))) return `the state does not delete everything the rows delete (client ${client})`;
  }
  return null;
}

/** The coverage of a whole document state (every client from clock 0, no gap), or why it is not one. */
function wholeStateOf(state: Uint8Array): UpdateCoverage | string {
  if (state.byteLength === 0) return 'the state is empty';
  let held: UpdateCoverage;
  try {
    held = coverageOf(state);
  } catch (err) {
    return `the state is not a Yjs update (${err instanceof Error ? err.message : String(err)})`;
  }
  if (held.skips) return 'the state has a gap (a Skip struct): it is not a whole state';
  for (const [client, start] of held.from) if (start !== 0) return `the state starts client ${client} at clock ${start}, not 0: it is not a whole state`;
  return held;
}

/** Why `state` is not a whole document state (a conversion's), or null. */
export function wholeStateProblem(state: Uint8Array): string | null {
  const whole = wholeStateOf(state);
  return typeof whole === 'string' ? whole : null;
}
