// MAC_LATENCY_TRACE=1 (bench:sync's breakdown): every stage of a live update's way through the server is
// recorded, on the worker thread's side too; without the flag nothing is. Counts only: no timing is asserted.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildEntry, buildPrincipal } from '@mac/domain/testing';

const writer = buildPrincipal({ id: 'trace-writer', agency: 'thames-valley-police' });
const reader = buildPrincipal({ id: 'trace-reader', agency: 'northway-primary' });

/** Fresh modules (the flag is read as they load), one entry written and seen by a reader; the stages recorded. */
async function oneDelivery(flag: string | undefined) {
  vi.resetModules();
  if (flag !== undefined) vi.stubEnv('MAC_LATENCY_TRACE', flag);
  const db = await import('@mac/db');
  const { startSyncServer, createClient, waitForSync } = await import('./testing.js');
  const { getEntriesMap, writeNewEntry } = await import('./doc-model.js');
  const { sharedDocName } = await import('./doc-names.js');
  const server = await startSyncServer({ thread: 'worker' });
  const docName = sharedDocName(randomUUID());
  const a = createClient(server, docName, writer);
  const b = createClient(server, docName, reader);
  try {
    await Promise.all([waitForSync(a.provider, 20_000), waitForSync(b.provider, 20_000)]);
    // The opens: the room's load, and each new client's whole-state answer (its last stage is timed once the socket has written it).
    await new Promise((resolve) => setTimeout(resolve, 50));
    const opens = db.traceSummary();
    db.traceReset();
    const seen = new Promise<void>((resolve) => getEntriesMap(b.doc).observe(() => resolve()));
    writeNewEntry(a.doc, buildEntry({ agency: writer.agency, authorId: writer.id }));
    await seen;
    return { opens, stages: db.traceSummary() };
  } finally {
    a.destroy();
    b.destroy();
    await server.close();
  }
}

describe('latency trace (MAC_LATENCY_TRACE=1)', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('records each stage of one update, the SQLite thread’s included', async () => {
    const { stages } = await oneDelivery('1');
    const count = (stage: string) => Object.entries(stages).find(([name]) => name.startsWith(stage))?.[1].count ?? 0;
    // Every sync message is parsed (the clients' answers to the server's sync requests too); one update is accepted.
    expect(count('sync.1 ')).toBeGreaterThanOrEqual(1);
    for (const stage of ['sync.0 ', 'sync.2 ', 'sync.3 accepted', 'sync.4 ', 'sync.5 ']) expect(count(stage), stage).toBe(1);
    // The batch's trip to the worker: the hop there, the statements, the commit, the hop back.
    for (const stage of ['db.write.2 ', 'db.write.3 thread: statements', 'db.write.4 ', 'db.write.5 ', 'db.write.6 ']) expect(count(stage), stage).toBeGreaterThanOrEqual(1);
  });

  it("records a new client's open: the room's load, its answer handed to the socket and written", async () => {
    const { opens } = await oneDelivery('1');
    const count = (stage: string) => Object.entries(opens).find(([name]) => name.startsWith(stage))?.[1].count ?? 0;
    // One load of an empty document (no stored row), then two new clients answered from the room's whole state.
    expect(count('load.1 ')).toBe(1);
    expect(count('open.5 ')).toBe(2);
    expect(count('open.6 ')).toBe(2);
  });

  it('records nothing without the flag', async () => {
    expect(await oneDelivery(undefined)).toEqual({ opens: {}, stages: {} });
  });
});
