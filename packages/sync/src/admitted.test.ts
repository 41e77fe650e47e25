// A socket handed to the room manager before its open is admitted (apps/server: the open's audit record,
// written while the handshake is made): nothing reaches it until then, its messages wait, and an open that
// is not admitted is closed without a byte of the document.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { buildEntry, buildPrincipal } from '@mac/domain/testing';
import { CLOSE } from './close-codes.js';
import { readEntries, writeNewEntry } from './doc-model.js';
import { sharedDocName } from './doc-names.js';
import { parseClientMessage } from './protocol.js';
import { createClient, localWrite, rawSocket, startSyncServer, waitForSync, type TestSyncServer } from './testing.js';

const police = buildPrincipal({ id: 'police-1', agency: 'thames-valley-police', name: 'Pat Police' });
const school = buildPrincipal({ id: 'school-1', agency: 'northway-primary', name: 'Sam School' });

let server: TestSyncServer;
afterEach(() => server.close());

/** A promise settled from outside. */
function gate() {
  let resolve!: () => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a socket whose open is not yet admitted', () => {
  it('is sent nothing until admitted, then synced with what it asked for meanwhile', async () => {
    const admission = gate();
    server = await startSyncServer({ admitted: () => admission.promise });
    const docName = sharedDocName(randomUUID());
    const entry = buildEntry({ id: randomUUID(), agency: police.agency, authorId: police.id });
    await server.manager.submitLocal(docName, localWrite(police), (doc) => writeNewEntry(doc, entry));
    // The room is loaded already: the socket would be answered at once, were it not held.
    const reader = createClient(server, docName, school);
    const raw = rawSocket(server, docName, school);
    try {
      await raw.opened;
      await pause(200);
      expect(raw.received).toHaveLength(0);
      expect(reader.provider.synced).toBe(false);
      admission.resolve();
      await waitForSync(reader.provider);
      expect(readEntries(reader.doc)).toEqual([entry]);
      // The raw socket sent nothing: it is asked for its state (sync step 1), no more.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(raw.received.map((m) => parseClientMessage(m).type)).toContain('sync-step-1');
    } finally {
      reader.destroy();
      raw.ws.terminate();
    }
  });

  it('is closed (SERVER_ERROR) without a byte of the document when its admission fails', async () => {
    const admission = gate();
    server = await startSyncServer({ admitted: () => admission.promise });
    const docName = sharedDocName(randomUUID());
    await server.manager.submitLocal(docName, localWrite(police), (doc) => writeNewEntry(doc, buildEntry({ id: randomUUID(), agency: police.agency, authorId: police.id })));
    const raw = rawSocket(server, docName, school);
    await raw.opened;
    admission.reject(new Error('the audit record could not be stored'));
    expect((await raw.closed).code).toBe(CLOSE.SERVER_ERROR);
    expect(raw.received).toHaveLength(0);
  });
});
