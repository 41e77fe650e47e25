/**
 * Stored states decoded in a worker thread (state-decoder.ts, a real worker): the same entries and version
 * as decoding on the main thread, a bounded queue (503 server_busy beyond it), and a state that cannot be
 * read fails alone with a clear error.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { buildEntry } from '@mac/domain/testing';
import { writeNewEntry } from '@mac/sync';
import { buildPackModel, type PackInput } from './pack-model.js';
import { decodeState, sharedRecordOf, versionOf } from './shared-record.js';
import { createStateDecoder, PACK_MODEL_INLINE_BELOW, type StateDecoder } from './state-decoder.js';

let decoder: StateDecoder | null = null;
afterEach(async () => {
  await decoder?.close();
  decoder = null;
});

function stateOf(n: number, summary = 'Home visit'): Uint8Array {
  const doc = new Y.Doc();
  for (let i = 0; i < n; i++) writeNewEntry(doc, buildEntry({ summary: `${summary} ${i} – “quoted”`, date: `2024-0${1 + (i % 9)}-1${i % 10}`, status: i % 7 === 0 ? 'withdrawn' : 'active', withdrawnReason: i % 7 === 0 ? 'Wrong child' : '' }));
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

function packInput(n: number, kind: 'family' | 'professional'): PackInput {
  const shared = Array.from({ length: n }, (_, i) =>
    buildEntry({ summary: `Visit ${i}`, date: `2023-${String(1 + (i % 12)).padStart(2, '0')}-1${i % 10}`, sharing: i % 3 === 0 ? 'professionals' : 'family', status: i % 11 === 0 ? 'withdrawn' : 'active', withdrawnReason: i % 11 === 0 ? 'Wrong child' : '' }),
  );
  return {
    selection: { kind, conferenceDate: '2024-06-01', from: '2023-03-01', to: null, agencies: null, household: false },
    shared,
    ownRestricted: [buildEntry({ summary: 'Restricted', restricted: true })],
    highlights: [],
    agencies: [{ slug: 'thames-valley-police', name: 'Thames Valley Police' }],
    dateOfBirth: '2015-02-01',
  };
}

describe('the stored-state decoder', () => {
  it('builds a large pack’s model in the worker, exactly as in place, and a small one in place', async () => {
    // Tasks the worker took.
    let taken = 0;
    decoder = createStateDecoder({ onStarted: () => (taken += 1) });
    for (const kind of ['family', 'professional'] as const) {
      const large = packInput(PACK_MODEL_INLINE_BELOW + 100, kind);
      const before = taken;
      const there = await decoder.packModel(large);
      expect(taken, kind).toBe(before + 1);
      expect(there.rows.length, kind).toBeGreaterThan(100);
      expect(there, kind).toEqual(buildPackModel(large));
    }
    const small = packInput(20, 'family');
    const before = taken;
    expect(await decoder.packModel(small)).toEqual(buildPackModel(small));
    expect(taken).toBe(before);
  }, 60_000);

  it('gives the entries and version the main thread would, for a document of hundreds of entries', async () => {
    decoder = createStateDecoder();
    const state = stateOf(300);
    const here = decodeState(state);
    const there = await decoder.decode(state);
    expect(there.entries).toHaveLength(300);
    expect(there.version).toBe(here.version);
    expect(there.entries).toEqual(here.entries);
  }, 60_000);

  it('reads a document from its stored rows as the main thread would: entries, version and a state that decodes to them', async () => {
    decoder = createStateDecoder();
    // Rows as a log holds them: a first batch, then amendments and more entries written on top.
    const doc = new Y.Doc();
    const rows: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => rows.push(update));
    for (let i = 0; i < 300; i++) writeNewEntry(doc, buildEntry({ summary: `Visit ${i}`, date: `2024-0${1 + (i % 9)}-1${i % 10}` }));
    const here = sharedRecordOf(rows);
    const there = await decoder.sharedRecord(rows);
    expect(there.entries).toHaveLength(300);
    expect(there.entries).toEqual(here.entries);
    expect(there.version).toBe(versionOf(doc));
    expect(here.version).toBe(versionOf(doc));
    expect(decodeState(there.state)).toEqual({ entries: here.entries, version: here.version });
    doc.destroy();
  }, 60_000);

  it('keeps one decoding and a bounded queue; one more is refused with 503 server_busy and Retry-After', async () => {
    const hold = new Int32Array(new SharedArrayBuffer(4));
    hold[0] = 1;
    let started = 0;
    decoder = createStateDecoder({ maxQueued: 1, hold, onStarted: () => (started += 1) });
    const first = decoder.decode(stateOf(2, 'first'));
    await vi.waitFor(() => expect(started).toBe(1), { timeout: 30_000 });
    const second = decoder.decode(stateOf(2, 'second'));
    const refused = await decoder.decode(stateOf(2)).then(() => null, (err: unknown) => err);
    expect(refused).toMatchObject({ status: 503, code: 'server_busy', extra: { retryAfterSeconds: 5 } });
    Atomics.store(hold, 0, 0);
    Atomics.notify(hold, 0);
    expect((await first).entries.map((e) => e.summary).sort()).toEqual(['first 0 – “quoted”', 'first 1 – “quoted”']);
    expect((await second).entries).toHaveLength(2);
  }, 60_000);

  it('fails a state that is not a document with a clear error, and reads the next', async () => {
    decoder = createStateDecoder();
    await expect(decoder.decode(new Uint8Array([255, 255, 255, 255, 1, 2, 3]))).rejects.toThrow(/the stored version could not be read/);
    expect((await decoder.decode(stateOf(3))).entries).toHaveLength(3);
  }, 60_000);
});
