/**
 * A document from storage to a room that can answer sync (issue 17 items 3 and 5): 10,000 entries (text of
 * realistic length) written through the real write path (createEntry, as a REST POST: one update per
 * entry in the log), then loaded by a fresh room manager over the same store, the way users now meet it:
 *   - a long uncompacted log (automatic compaction off for this row, so every run replays it): the rows
 *     applied in turns while the merge worker makes them one update, which answers new clients;
 *   - after automatic compaction: what a manager with the default policy stored at that first load;
 *   - for comparison, the replay as it was before (one transaction on the event loop, the answer encoded
 *     there too), done inline without a manager;
 *   - a document of the previous shape (the same entries, a plain object each, one stored row, as an
 *     upgrade finds a compacted one), converted as it loads: its longest stall against today's shape's.
 * Printed per load: the storage read alone, the entry ids' read and the Yjs apply on their own, storage →
 * room ready, the answer to a new client's sync request (`Room.fullStateMessage`), the longest stall of the
 * event loop from the start of the load to the answer (perf_hooks.monitorEventLoopDelay, 1 ms resolution,
 * its max), and in the same run the reference: a stock Y.Doc applying the same state (one update), no
 * storage, and the ratio.
 *
 * Run: pnpm --filter @mac/server bench:room-load   (BENCH_N=10000 by default, BENCH_RUNS=3 loads each)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import type { Principal } from '@mac/domain';
import { stateDoesNotHold } from '@mac/db';
import { createRoomManager, createStateMerger, getEntriesMap, sharedDocName, storedFieldsOf, type RoomManagerOptions } from '@mac/sync';
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
  // The writing server's own rooms compact nothing: the rows below are measured as written.
  const config = loadConfig({ MAC_DATA_DIR: dir, PORT: '0', MAC_COMPACT_AFTER_UPDATES: '0' } as NodeJS.ProcessEnv, null);
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
  const merger = createStateMerger();
  /** The longest event-loop stall (ms) while `work` runs: the histogram's max at 1 ms resolution. */
  const stallDuring = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
    const h = monitorEventLoopDelay({ resolution: 1 });
    h.enable();
    try {
      const out = await work();
      // One more turn, so that a stall at the very end is sampled.
      await new Promise((resolve) => setTimeout(resolve, 2));
      return [out, h.max / 1e6];
    } finally {
      h.disable();
    }
  };

  /** A document to load: by default the one written above; `reset` runs before each load (a conversion replaces the log). */
  type Target = { docName: string; chronologyId: string; reset?: () => Promise<void> };
  const written: Target = { docName, chronologyId: chronology.id };
  const measure = async (label: string, manager: Partial<RoomManagerOptions> | 'inline', target: Target = written) => {
    const { docName, chronologyId } = target;
    await target.reset?.();
    const rows = await deps.repos.updateLog.load(docName);
    const bytes = rows.reduce((s, row) => s + row.data.byteLength, 0);
    const read: number[] = [];
    const ids: number[] = [];
    const apply: number[] = [];
    const ready: number[] = [];
    const answer: number[] = [];
    const stall: number[] = [];
    let state: Uint8Array = new Uint8Array();
    let answerBytes = 0;
    for (let run = 0; run < RUNS; run++) {
      await target.reset?.();
      const t0 = performance.now();
      const data = await persistence.load(docName);
      read.push(performance.now() - t0);
      // The parts of a load, one by one: the chronology's entry ids (from the projection) and Yjs itself.
      const ti = performance.now();
      await persistence.entryDocs!(chronologyId);
      ids.push(performance.now() - ti);
      const ta = performance.now();
      const doc = new Y.Doc();
      doc.transact(() => {
        for (const update of data) Y.applyUpdate(doc, update);
      });
      apply.push(performance.now() - ta);
      doc.destroy();
      if (manager === 'inline') {
        // As before: the rows in one transaction, the answer encoded from the live document.
        const [, stalled] = await stallDuring(async () => {
          const t1 = performance.now();
          const [stored] = await Promise.all([persistence.load(docName), persistence.entryDocs!(chronologyId)]);
          const live = new Y.Doc();
          live.transact(() => {
            for (const update of stored) Y.applyUpdate(live, update);
          });
          ready.push(performance.now() - t1);
          const t2 = performance.now();
          state = Y.encodeStateAsUpdate(live);
          answer.push(performance.now() - t2);
          answerBytes = state.byteLength;
          live.destroy();
        });
        stall.push(stalled);
        continue;
      }
      // A fresh manager each time: nothing cached between runs, but one merge thread for all of them, as a
      // running server keeps its own (a fresh thread's Yjs is not yet optimised: the first run shows it).
      const rooms = createRoomManager({ pingIntervalMs: 0, ...manager, persistence, merger });
      const [room, stalled] = await stallDuring(async () => {
        const t1 = performance.now();
        const room = await rooms.room(docName);
        ready.push(performance.now() - t1);
        const t2 = performance.now();
        // What a new client's sync step 1 (an empty state vector) is answered with (encoded once per room;
        // after a load, the stored row or the worker's merge of the rows).
        answerBytes = room.fullStateMessages().reduce((sum, message) => sum + message.byteLength, 0);
        answer.push(performance.now() - t2);
        return room;
      });
      stall.push(stalled);
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
    return { label, updates: rows.length, bytes, read: median(read), ids: median(ids), apply: median(apply), ready: median(ready), answer: median(answer), stall: median(stall), stock: median(stock), answerBytes };
  };

  const asBefore = await measure('replay as before (inline)', 'inline');
  const long = await measure('long log, replayed', { compaction: false });
  // The first load with the default policy stores the merge it made (the rows are due); destroy waits for it.
  const logRows = await persistence.load(docName);
  const first = createRoomManager({ persistence, pingIntervalMs: 0, merger });
  const tc = performance.now();
  await first.room(docName);
  await first.destroy();
  const compactMs = performance.now() - tc;
  const compacted = await persistence.load(docName);
  if (compacted.length !== 1) throw new Error('the first load under the default policy did not compact the log');
  // Rule S9's check of that compaction (the store runs it on the writer's thread): timed here on its own.
  const checkMs: number[] = [];
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    const problem = stateDoesNotHold(compacted[0]!, logRows);
    checkMs.push(performance.now() - t);
    if (problem !== null) throw new Error(`S9 refuses the compaction: ${problem}`);
  }
  const after = await measure('after automatic compaction', {});
  // A document of the previous shape (a plain object per entry), as an upgrade finds a compacted one: the
  // same entries, one stored row, put back before each load (the load stores its conversion in its place).
  const oldChronology = await deps.repos.chronologies.create({ child: { givenName: 'Old', familyName: 'Shape', dateOfBirth: '2010-06-01', nhsNumber: null, upn: null }, leadUserId: user.id, memberAgencies: ['oxfordshire-csc'], addedBy: user.id });
  const oldDocName = sharedDocName(oldChronology.id);
  const writtenRows = await persistence.load(docName);
  const oldState = (() => {
    const live = new Y.Doc();
    for (const update of writtenRows) Y.applyUpdate(live, update);
    const old = new Y.Doc();
    old.transact(() => {
      for (const [id, value] of getEntriesMap(live).entries()) getEntriesMap(old).set(id, storedFieldsOf(value));
    });
    return Y.encodeStateAsUpdate(old);
  })();
  await deps.store.appendUpdates([{ docName: oldDocName, update: oldState, claims: [], principalId: user.id }]);
  const oldShape = await measure('previous shape (objects), converted', {}, { docName: oldDocName, chronologyId: oldChronology.id, reset: () => persistence.compact!(oldDocName, oldState, Number.MAX_SAFE_INTEGER, { converted: true }) });
  const conversions = (merger as { conversions?: number }).conversions;
  await merger.close();
  await closeDeps(deps);

  console.log(`\n${N.toLocaleString('en-GB')} entries written through the write path in ${(writeMs / 1000).toFixed(1)} s (${CALLERS} callers); loads are medians of ${RUNS}\n`);
  const head = ['load', 'log', 'storage read', 'entry ids read', 'Yjs apply', 'storage → room ready', 'answer to a new client', 'ready + answer', 'longest stall', 'stock Y.Doc applying the state', 'ratio'];
  const table = [head];
  for (const m of [asBefore, long, after, oldShape]) {
    table.push([
      m.label,
      `${m.updates} updates, ${(m.bytes / 1024 / 1024).toFixed(2)} MB`,
      `${m.read.toFixed(0)} ms`,
      `${m.ids.toFixed(0)} ms`,
      `${m.apply.toFixed(0)} ms`,
      `${m.ready.toFixed(0)} ms`,
      `${m.answer.toFixed(1)} ms (${(m.answerBytes / 1024 / 1024).toFixed(2)} MB)`,
      `${(m.ready + m.answer).toFixed(0)} ms`,
      `${m.stall.toFixed(0)} ms`,
      `${m.stock.toFixed(0)} ms`,
      `${((m.ready + m.answer) / m.stock).toFixed(2)}x`,
    ]);
  }
  const widths = head.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
  for (const row of table) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
  console.log(`\nthe first load under the default policy, its merge stored in place of the log: ${compactMs.toFixed(0)} ms`);
  console.log(`S9's check of that compaction (the merged state against the log's ${logRows.length.toLocaleString('en-GB')} rows, ${(logRows.reduce((n, r) => n + r.byteLength, 0) / 1048576).toFixed(1)} MB), here on the event loop, in the server on the writer's thread: ${checkMs.map((ms) => ms.toFixed(1)).join(' / ')} ms`);
  console.log(`long log / as before: ready + answer ${((long.ready + long.answer) / (asBefore.ready + asBefore.answer)).toFixed(2)}x, longest stall ${(long.stall / asBefore.stall).toFixed(2)}x`);
  console.log(`after automatic compaction / long log: ready + answer ${((after.ready + after.answer) / (long.ready + long.answer)).toFixed(2)}x`);
  console.log(`previous shape converted / after automatic compaction (today's shape, one row): ready + answer ${((oldShape.ready + oldShape.answer) / (after.ready + after.answer)).toFixed(2)}x, longest stall ${oldShape.stall.toFixed(0)} ms against ${after.stall.toFixed(0)} ms (${(oldShape.stall / after.stall).toFixed(2)}x); conversions in the merge worker: ${conversions ?? 'none (this build converts on the event loop)'}`);
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
