import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { awarenessMessage, parseClientMessage, syncStep1Message, syncStep2FromUpdate, updateMessage, updateOfSyncMessage } from './protocol.js';

describe('updateOfSyncMessage', () => {
  const doc = new Y.Doc();
  doc.getMap('entries').set('e1', { summary: 'one' });
  const update = Y.encodeStateAsUpdate(doc);

  it('gives back the update a sync step 2 or an update message carries, byte for byte', () => {
    expect(updateOfSyncMessage(syncStep2FromUpdate(update))).toEqual(update);
    expect(updateOfSyncMessage(updateMessage(update))).toEqual(update);
    // What the client's parser reads from the same message.
    const parsed = parseClientMessage(syncStep2FromUpdate(update));
    expect(parsed.type === 'sync-step-2' && parsed.update).toEqual(updateOfSyncMessage(syncStep2FromUpdate(update)));
  });

  it('refuses any other message', () => {
    expect(() => updateOfSyncMessage(syncStep1Message(doc))).toThrow('not a sync step 2 or update message');
    expect(() => updateOfSyncMessage(awarenessMessage(new Uint8Array([0])))).toThrow('not a sync step 2 or update message');
  });
});
