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
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
import * as Y from 'yjs';

/** y-websocket's message type for sync messages (its `messageSync`; the provider does not export it). */
const MESSAGE_SYNC = 0;

/**
 * The highest clock of `clientId` a sync message from the server shows it holds, or null when the
 * message says nothing about it. `pos` is just after the message type (where the provider's
 * handler starts reading). Never throws: a message we cannot read is simply not an ack.
 */
export function serverClockIn(buf: Uint8Array, pos: number, clientId: number): number | null {
  try {
    const decoder = decoding.createDecoder(buf);
    decoder.pos = pos;
    const step = decoding.readVarUint(decoder);
    // lib0 reads past the end quietly (a shorter array, or undefined): a payload cut short is no ack.
    const length = decoding.readVarUint(decoder);
    if (decoder.pos + length > buf.length) return null;
    const payload = decoding.readUint8Array(decoder, length);
    if (step === messageYjsSyncStep1) return Y.decodeStateVector(payload).get(clientId) ?? null;
    if (step === messageYjsSyncStep2 || step === messageYjsUpdate) return Y.parseUpdateMeta(payload).to.get(clientId) ?? null;
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
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, messageYjsSyncStep1);
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(sv));
  return encoding.toUint8Array(encoder);
}

/** Our own clock: how far this client's history goes. */
export function localClock(doc: Y.Doc): number {
  return Y.getState(doc.store, doc.clientID);
}
