// The y-websocket wire protocol (y-protocols sync + awareness), as the stock client speaks it:
// [messageType varUint][payload]. Parsing is strict: one message per frame, nothing left over, and a
// state vector that decodes. Anything else is malformed and closes the connection.

import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export const SYNC_STEP_1 = 0;
export const SYNC_STEP_2 = 1;
export const SYNC_UPDATE = 2;

export type ClientMessage =
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  | { type: 'sync-step-2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' };

export class MalformedMessage extends Error {}

/**
 * `bytes` must own its buffer (ws binaryType 'arraybuffer'): lib0 bounds-checks lengths against the
 * underlying ArrayBuffer, which for a pooled Node Buffer extends past the message.
 * Payloads are copied so nothing kept later aliases the socket's buffer.
 */
export function parseClientMessage(bytes: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(decoder);
    let message: ClientMessage;
    if (type === MESSAGE_SYNC) {
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder).slice();
      if (step === SYNC_STEP_1) {
        Y.decodeStateVector(payload);
        message = { type: 'sync-step-1', stateVector: payload };
      } else if (step === SYNC_STEP_2) message = { type: 'sync-step-2', update: payload };
      else if (step === SYNC_UPDATE) message = { type: 'update', update: payload };
      else throw new MalformedMessage('unknown sync message');
    } else if (type === MESSAGE_AWARENESS) {
      message = { type: 'awareness', update: decoding.readVarUint8Array(decoder).slice() };
    } else if (type === MESSAGE_QUERY_AWARENESS) {
      message = { type: 'query-awareness' };
    } else {
      throw new MalformedMessage('unknown message type');
    }
    if (decoding.hasContent(decoder)) throw new MalformedMessage('trailing bytes');
    return message;
  } catch (err) {
    if (err instanceof MalformedMessage) throw err;
    throw new MalformedMessage('malformed message');
  }
}

function message(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function syncStep1Message(doc: Y.Doc): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_STEP_1);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  });
}

export function syncStep2Message(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_STEP_2);
    encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc, stateVector));
  });
}

/** A sync step 2 carrying an update already encoded (a document's whole state, encoded once). */
export function syncStep2FromUpdate(update: Uint8Array): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_STEP_2);
    encoding.writeVarUint8Array(e, update);
  });
}

/** The update a sync step 2 or update message carries (a view of the message's bytes, not a copy). */
export function updateOfSyncMessage(bytes: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(bytes);
  const type = decoding.readVarUint(decoder);
  const step = decoding.readVarUint(decoder);
  if (type !== MESSAGE_SYNC || (step !== SYNC_STEP_2 && step !== SYNC_UPDATE)) throw new Error('not a sync step 2 or update message');
  return decoding.readVarUint8Array(decoder);
}

export function updateMessage(update: Uint8Array): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_UPDATE);
    encoding.writeVarUint8Array(e, update);
  });
}

export function awarenessMessage(awarenessUpdate: Uint8Array): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(e, awarenessUpdate);
  });
}
