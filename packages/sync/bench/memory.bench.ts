// Where the memory of an open entry goes, and what loading costs, for the chronology document's shape
// (issue 17 items 2 and 3). In one run, on the same entries (text of realistic length, as the county
// bench writes them):
//
//   old shape  the `entries` Y.Map holds one Y.Map per entry, one Yjs item per field (~18): the shape
//              before issue 17, which rooms now convert as they load it (doc-shape.ts);
//   object     one plain object per entry (one Yjs item per entry): the shape from issue 17 item 2
//              until entries became text, also converted as rooms load it;
//   today      one JSON text per entry (one Yjs item per entry), as doc-model.ts writes it;
//   reference  the same entries as plain JavaScript objects in a Map (no Yjs: what the data itself costs).
//
// For each: bytes per entry of the live document as a room loads it (one stored update per entry),
// of a second copy (the room's shadow), the Yjs structs per entry, the encoded state, the time to
// load the document from its log (one update per entry) and from a compacted state (V1 and V2), and
// the time a client takes to open it: a new Y.Doc applying the whole state (V1, what the server sends)
// and reading every entry (`readEntriesById`, what the browser's first view does).
//
//   pnpm --filter @mac/sync bench:memory          (BENCH_N=10000 entries by default)
//
// Heap figures come from process.memoryUsage().heapUsed after a full collection (node --expose-gc), the
// difference with the same process before the structure was built, divided by the entries.
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import type { Entry } from '@mac/domain';
import { buildEntry } from '@mac/domain/testing';
import { readEntriesById, storedEntryOf, writeNewEntry } from '../src/doc-model.js';
import { shareEntryValues } from '../src/shared-values.js';
import { writeObjectShapeEntry, writeOldShapeEntry } from '../src/testing.js';

const N = Number(process.env.BENCH_N ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** Runs of the client's open (apply + read), shorter and noisier than the rest. */
const OPEN_RUNS = Number(process.env.BENCH_OPEN_RUNS ?? 15);
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc (pnpm --filter @mac/sync bench:memory does)');

// ---------------------------------------------------------------------------------------------
// Entries with text of realistic length (apps/server/bench/county/synth.ts writes the same kind).

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const r = rng(17);
const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
const OPENERS = ['Home visit', 'Telephone call', 'Report received', 'Incident attended', 'Appointment', 'Meeting held', 'Information shared', 'Concern raised'];
const SUBJECTS = ['mother', 'father', 'grandmother', "mother's partner", 'older brother', 'the child', 'the family', 'the class teacher'];
const VERBS = ['reported', 'described', 'disclosed', 'was seen with', 'raised concerns about', 'agreed to', 'spoke about', 'was worried by'];
const OBJECTS = ['arguments at home late at night', 'a bruise on the upper arm', 'missed meals and poor hygiene', 'not attending school for a week', 'low mood and poor sleep', 'rent arrears and a notice to quit'];
const TAILS = ['No injuries seen.', 'The child appeared settled and well cared for.', 'Advice given and safety plan discussed.', 'Consent obtained to share with partner agencies.', 'To be discussed at the next core group.'];
const sentence = () => `${pick(OPENERS)}: ${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)}.`;
const paragraph = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 === 0 ? sentence() : pick(TAILS))).join(' ');
const uuid = (i: number, salt: number) => `${(salt * 1_000_003 + i).toString(16).padStart(8, '0')}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

function entryAt(i: number): Entry {
  return buildEntry({
    id: uuid(i, 1),
    date: new Date(Date.UTC(2015, 0, 1) + i * 6 * 3_600_000).toISOString().slice(0, 10),
    time: r() < 0.5 ? '14:30' : '',
    agency: pick(['thames-valley-police', 'northway-primary', 'oxfordshire-csc', 'east-oxford-gp']),
    category: pick(['domestic-abuse-incident', 'home-visit', 'school-attendance-concern', 'missing-episode']),
    summary: `${sentence()} (${i + 1})`,
    detail: r() < 0.85 ? paragraph(2 + Math.floor(r() * 5)) : '',
    impactOnChild: r() < 0.7 ? pick(TAILS) : '',
    actionTaken: r() < 0.7 ? paragraph(1) : '',
    sourceRef: `REF-${i}`,
    recordedBy: r() < 0.6 ? 'Sam Taylor' : '',
    authorId: uuid(i % 50, 2),
    recordedAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
    sharing: 'undecided',
  });
}

const docValue = (entry: Entry) => storedEntryOf(entry);

const entries = Array.from({ length: N }, (_, i) => entryAt(i));
const textBytes = entries.reduce((s, e) => s + JSON.stringify(docValue(e)).length, 0) / N;

/** One update per entry, written by one client per entry as the server's REST path writes them. */
function logOf(write: (doc: Y.Doc, entry: Entry) => void): Uint8Array[] {
  const log: Uint8Array[] = [];
  const doc = new Y.Doc();
  doc.on('update', (u: Uint8Array) => log.push(u));
  for (const entry of entries) write(doc, entry);
  doc.destroy();
  return log;
}
const oldLog = logOf((doc, entry) => void writeOldShapeEntry(doc, entry as unknown as Record<string, unknown>));
const objectLog = logOf((doc, entry) => writeObjectShapeEntry(doc, entry as unknown as Record<string, unknown>));
const todayLog = logOf((doc, entry) => writeNewEntry(doc, entry));

function loadLog(log: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  doc.getMap('entries');
  doc.transact(() => {
    for (const u of log) Y.applyUpdate(doc, u);
  });
  return doc;
}

function heapNow(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

/** Bytes per entry that `build` keeps alive (measured RUNS times, the median). */
function bytesPerEntry<T>(build: () => T): number {
  const out: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const before = heapNow();
    let kept: T | null = build();
    const after = heapNow();
    out.push((after - before) / N);
    if (kept instanceof Y.Doc) kept.destroy();
    kept = null;
  }
  return median(out);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function ms(f: () => unknown, runs = RUNS): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const kept = f();
    times.push(performance.now() - t);
    if (kept instanceof Y.Doc) kept.destroy();
  }
  return median(times);
}

function structsPerEntry(doc: Y.Doc): number {
  let n = 0;
  for (const structs of doc.store.clients.values()) n += structs.length;
  return n / N;
}

interface ShapeFigures {
  name: string;
  live: number;
  shadow: number;
  /** The shadow as a room builds it since issue 17: its entry values are live's own objects. */
  sharingShadow: number;
  structs: number;
  stateV1: number;
  stateV2: number;
  loadLog: number;
  loadV1: number;
  loadV2: number;
  /** A client opening the document: apply the whole V1 state to a new doc and read every entry. */
  open: number;
  openMin: number;
}

function shapeFigures(name: string, log: Uint8Array[]): ShapeFigures {
  const probe = loadLog(log);
  const stateV1 = Y.encodeStateAsUpdate(probe);
  const stateV2 = Y.encodeStateAsUpdateV2(probe);
  const structs = structsPerEntry(probe);
  probe.destroy();
  const live = bytesPerEntry(() => loadLog(log));
  // The shadow as a room builds it: the live document's state applied to a new one.
  const shadow = bytesPerEntry(() => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, stateV1);
    return doc;
  });
  const liveDoc = loadLog(log);
  const sharingShadow = bytesPerEntry(() => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, stateV1);
    shareEntryValues(liveDoc, doc);
    return doc;
  });
  liveDoc.destroy();
  const opens: number[] = [];
  for (let i = 0; i < OPEN_RUNS; i++) {
    const t = performance.now();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, stateV1);
    if (readEntriesById(doc).size !== N) throw new Error(`${name}: not every entry read`);
    opens.push(performance.now() - t);
    doc.destroy();
  }
  return {
    open: median(opens),
    openMin: Math.min(...opens),
    name,
    live,
    shadow,
    sharingShadow,
    structs,
    stateV1: stateV1.byteLength / N,
    stateV2: stateV2.byteLength / N,
    loadLog: ms(() => loadLog(log)),
    loadV1: ms(() => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, stateV1);
      return doc;
    }),
    loadV2: ms(() => {
      const doc = new Y.Doc();
      Y.applyUpdateV2(doc, stateV2);
      return doc;
    }),
  };
}

const old = shapeFigures('old shape: a Y.Map per entry', oldLog);
const object = shapeFigures('object: one plain object per entry', objectLog);
const today = shapeFigures('today: one JSON text per entry', todayLog);
const reference = bytesPerEntry(() => new Map(entries.map((e) => [e.id, JSON.parse(JSON.stringify(docValue(e))) as unknown])));

const kb = (b: number) => `${(b / 1024).toFixed(2)} KB`;
const x = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
console.log(`\n${N.toLocaleString('en-GB')} entries, ${textBytes.toFixed(0)} bytes of JSON each on average; heap bytes per entry (median of ${RUNS})\n`);
const rows: string[][] = [['', 'live', 'live + shadow', 'x reference', 'shadow sharing values', 'x reference', 'Yjs structs', 'state V1', 'state V2', 'load log', 'load state V1', 'load state V2', 'client open (min)']];
for (const s of [old, object, today]) {
  const shared = s !== old ? [kb(s.live + s.sharingShadow), x(s.live + s.sharingShadow, reference)] : ['', ''];
  rows.push([s.name, kb(s.live), kb(s.live + s.shadow), x(s.live + s.shadow, reference), ...shared, s.structs.toFixed(1), kb(s.stateV1), kb(s.stateV2), `${s.loadLog.toFixed(0)} ms`, `${s.loadV1.toFixed(0)} ms`, `${s.loadV2.toFixed(0)} ms`, `${s.open.toFixed(0)} (${s.openMin.toFixed(0)}) ms`]);
}
rows.push(['reference: plain objects in a Map', kb(reference), '', '1.00x', '', '', '', '', '', '', '', '', '']);
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
for (const row of rows) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
console.log(
  `\ntoday / old shape: live ${x(today.live, old.live)}, live + shadow as rooms hold it ${x(today.live + today.sharingShadow, old.live + old.shadow)}, ` +
    `load from the log ${x(today.loadLog, old.loadLog)}, load from a compacted state ${x(today.loadV1, old.loadV1)}`,
);
console.log(
  `today / object: live ${x(today.live, object.live)}, live + shadow as rooms hold it ${x(today.live + today.sharingShadow, object.live + object.sharingShadow)}, ` +
    `state V1 bytes ${x(today.stateV1, object.stateV1)}, load from the log ${x(today.loadLog, object.loadLog)}, load from a compacted state ${x(today.loadV1, object.loadV1)}, ` +
    `client open (apply + read every entry) ${x(today.open, object.open)} (min ${x(today.openMin, object.openMin)})`,
);
