/**
 * A document from storage to a room that can answer sync (issue 17 item 3): 10,000 entries (text of
 * realistic length) written through the real write path (createEntry, as a REST POST: one update per
 * entry in the log), then loaded by a fresh room manager over the same store, before and after
 * compaction. Printed per load: the storage read alone, the entry ids' read and the Yjs apply on their
 * own, storage → room ready, and the answer to a new client's sync request (`Room.fullStateMessage`: the
 * whole state, encoded once; after compaction the stored update itself); in the same run, the reference: a stock
 * Y.Doc applying the same state (one update), no storage, and the ratio.
 *
 * Run: pnpm --filter @mac/server bench:room-load   (BENCH_N=10000 by default, BENCH_RUNS=3 loads each)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import type { Principal } from '@mac/domain';
import { createRoomManager, sharedDocName } from '@mac/sync';
import { loadConfig } from '../src/config.js';
import { closeDeps, createDeps } from '../src/create-deps.js';
import { createPersistence } from '../src/services/persistence.js';
import { createEntry } from '../src/services/entries.js';
import { entryBody, rng } from './county/synth.js';

const N = Number(process.env.BENCH_N ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CALLERS = 16;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dir = mkdtempSync(join(tmpdir(), 'mac-room-load-'));
try {
  const config = loadConfig({ MAC_DATA_DIR: dir, PORT: '0' } as NodeJS.ProcessEnv, null);
  const deps = await createDeps(config);
  await deps.repos.agencies.upsert({ slug: 'oxfordshire-csc', name: "Oxfordshire Children's Social Care", kind: 'childrens-social-care' });
  const user = await deps.repos.users.create({ email: 'bench@example.org', name: 'Bench Lead', role: 'lead', agency: 'oxfordshire-csc', passwordHash: null });
  const principal: Principal = { id: user.id, kind: 'user', role: 'lead', agency: 'oxfordshire-csc', name: user.name };
  const chronology = await deps.repos.chronologies.create({ child: { givenName: 'Bench', familyName: 'Child', dateOfBirth: '2010-06-01', nhsNumber: null, upn: null }, leadUserId: user.id, memberAgencies: ['oxfordshire-csc'], addedBy: user.id });
  const docName = sharedDocName(chronology.id);

  const r = rng(23);
  const bodies = Array.from({ length: N }, () => entryBody(r, 'childrens-social-care'));
  const tw = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CALLERS }, async () => {
      while (next < N) await createEntry(deps, principal, chronology.id, bodies[next++], null);
    }),
  );
  const writeMs = performance.now() - tw;

  const persistence = createPersistence(deps.store);
  const measure = async (label: string) => {
    const rows = await deps.repos.updateLog.load(docName);
    const bytes = rows.reduce((s, row) => s + row.data.byteLength, 0);
    const read: number[] = [];
    const ids: number[] = [];
    const apply: number[] = [];
    const ready: number[] = [];
    const answer: number[] = [];
    let state: Uint8Array = new Uint8Array();
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now();
      const data = await persistence.load(docName);
      read.push(performance.now() - t0);
      // The parts of a load, one by one: the chronology's entry ids (from the projection) and Yjs itself.
      const ti = performance.now();
      await persistence.entryDocs!(chronology.id);
      ids.push(performance.now() - ti);
      const ta = performance.now();
      const doc = new Y.Doc();
      doc.transact(() => {
        for (const update of data) Y.applyUpdate(doc, update);
      });
      apply.push(performance.now() - ta);
      doc.destroy();
      // A fresh manager each time: nothing cached between runs.
      const rooms = createRoomManager({ persistence, pingIntervalMs: 0 });
      const t1 = performance.now();
      const room = await rooms.room(docName);
      ready.push(performance.now() - t1);
      const t2 = performance.now();
      // What a new client's sync step 1 (an empty state vector) is answered with (encoded once per room;
      // after a load from one stored update, that update).
      room.fullStateMessage();
      answer.push(performance.now() - t2);
      state = Y.encodeStateAsUpdate(room.live);
      await rooms.destroy();
    }
    const stock: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const t = performance.now();
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state);
      stock.push(performance.now() - t);
      doc.destroy();
    }
    return { label, updates: rows.length, bytes, read: median(read), ids: median(ids), apply: median(apply), ready: median(ready), answer: median(answer), stock: median(stock), stateBytes: state.byteLength };
  };

  const before = await measure('replaying the log');
  await deps.rooms.compact(docName);
  const after = await measure('after compaction');
  await closeDeps(deps);

  console.log(`\n${N.toLocaleString('en-GB')} entries written through the write path in ${(writeMs / 1000).toFixed(1)} s (${CALLERS} callers); loads are medians of ${RUNS}\n`);
  const head = ['load', 'log', 'storage read', 'entry ids read', 'Yjs apply', 'storage → room ready', 'answer to a new client', 'ready + answer', 'stock Y.Doc applying the state', 'ratio'];
  const table = [head];
  for (const m of [before, after]) {
    table.push([
      m.label,
      `${m.updates} updates, ${(m.bytes / 1024 / 1024).toFixed(2)} MB`,
      `${m.read.toFixed(0)} ms`,
      `${m.ids.toFixed(0)} ms`,
      `${m.apply.toFixed(0)} ms`,
      `${m.ready.toFixed(0)} ms`,
      `${m.answer.toFixed(1)} ms (${(m.stateBytes / 1024 / 1024).toFixed(2)} MB)`,
      `${(m.ready + m.answer).toFixed(0)} ms`,
      `${m.stock.toFixed(0)} ms`,
      `${((m.ready + m.answer) / m.stock).toFixed(2)}x`,
    ]);
  }
  const widths = head.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
  for (const row of table) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
  console.log(`\nafter compaction / before: ready + answer ${((after.ready + after.answer) / (before.ready + before.answer)).toFixed(2)}x`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
