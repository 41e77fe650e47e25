// Knowing when the server holds our changes. The y-websocket protocol has no acknowledgement, and
// MAC's server does not echo a writer's update back to it. What the protocol does give us:
//
//  - the server's sync step 1 on connect carries its state vector: how much of each client's
//    history it holds, ours included;
//  - its sync step 2 answers a state vector we send with every change we claim not to have.
//
// So, to ask "do you have my changes up to clock N?", we send a sync step 1 that is our real state
// vector except that for our own client it says "I have only up to what you last confirmed". The
// server answers with our own changes beyond that point if, and only if, it has stored them (it
// applies an update to the document it answers from only after persisting it). Applying that
// answer locally is a no-op; reading the highest clock of ours in it is the acknowledgement.
import * as Y from 'yjs';

const MESSAGE_SYNC = 0;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

function readVarUint(buf: Uint8Array, pos: number): [number, number] {
  let value = 0;
  let multiplier = 1;
  for (;;) {
    if (pos >= buf.length) throw new RangeError('truncated varuint');
    const byte = buf[pos++]!;
    value += (byte & 0x7f) * multiplier;
    if (byte < 0x80) return [value, pos];
    multiplier *= 128;
    if (multiplier > 2 ** 53) throw new RangeError('varuint too large');
  }
}

function writeVarUint(out: number[], value: number): void {
  let v = value;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

/**
 * The highest clock of `clientId` a sync message from the server shows it holds, or null when the
 * message says nothing about it. `pos` is just after the message type (where the provider's
 * handler starts reading). Never throws: a message we cannot read is simply not an ack.
 */
export function serverClockIn(buf: Uint8Array, pos: number, clientId: number): number | null {
  try {
    const [step, afterStep] = readVarUint(buf, pos);
    const [length, start] = readVarUint(buf, afterStep);
    const payload = buf.subarray(start, start + length);
    if (payload.length !== length) return null;
    if (step === SYNC_STEP_1) return Y.decodeStateVector(payload).get(clientId) ?? null;
    if (step === SYNC_STEP_2 || step === SYNC_UPDATE) return Y.parseUpdateMeta(payload).to.get(clientId) ?? null;
    return null;
  } catch {
    return null;
  }
}

/** A sync step 1 asking the server for our own changes after `ackedClock` (and anything else we lack). */
export function probeMessage(doc: Y.Doc, ackedClock: number): Uint8Array {
  const sv = Y.decodeStateVector(Y.encodeStateVector(doc));
  if (ackedClock > 0) sv.set(doc.clientID, ackedClock);
  else sv.delete(doc.clientID);
  const stateVector = Y.encodeStateVector(sv);
  const out: number[] = [];
  writeVarUint(out, MESSAGE_SYNC);
  writeVarUint(out, SYNC_STEP_1);
  writeVarUint(out, stateVector.length);
  const bytes = new Uint8Array(out.length + stateVector.length);
  bytes.set(out, 0);
  bytes.set(stateVector, out.length);
  return bytes;
}

/** Our own clock: how far this client's history goes. */
export function localClock(doc: Y.Doc): number {
  return Y.getState(doc.store, doc.clientID);
}
