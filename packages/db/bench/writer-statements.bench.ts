// The SQLite writer's share of a durable entry write, alone: 16 new entries per commit, written by the
// write host on this thread into files of their own (synchronous=FULL), in the two shapes a batch takes:
//   one call    one `persistBatch` of 16 writes: what a room manager's write queue sends (16 callers of
//               `pnpm bench`, websocket writes)
//   16 calls    16 calls of one write each, every one in its own savepoint: what the write lane's group
//               commit makes of calls from several sources (audit records of 16 readers, imports, rooms of
//               other managers)
// Prints CPU per entry (user + system: the writer thread's time is what the event loop takes turns with,
// docs/storage.md "Where a 16-caller write's CPU goes") and wall time, for the writer as opened and for
// references in the same run, in alternating rounds (the machine is shared):
//   file journal   the statement journal in a temporary file past 64 KiB (temp_store as compiled), as the
//                  writer ran until 6 December 23:00
//   … and a second savepoint per unit (16 calls only): the host's savepoint around each unit's own, as then
//   one statement per row (one call only): each write's update-log row, projection row and audit record
//                  each by its own statement, as `persistBatch` wrote them until 7 December 05:00 (every
//                  statement then flushed the search index's pending text: docs/storage.md "The write path")
//   no search index / no entry version: those triggers dropped, what each costs
// Asserts nothing.   pnpm --filter @mac/db bench:writer   (BENCH_ROUNDS, BENCH_BATCHES)
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CATEGORIES, newEntry } from '@mac/domain';
import { openSqliteHost, type Call, type SqliteHost } from '../src/sqlite/host.js';
import type { PersistWrite } from '../src/port.js';
import { auditRecordsOf, projectionRowsOf } from '../src/store-write.js';

const auditKey = new Uint8Array(randomBytes(32));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 40);
const PER_COMMIT = 16;

const dropSearch = ['DROP TRIGGER entries_fts_insert', 'DROP TRIGGER entries_fts_update', 'DROP TRIGGER entries_fts_delete'];
const dropVersion = ['DROP TRIGGER entry_versions_insert', 'DROP TRIGGER entry_versions_update', 'DROP TRIGGER entry_versions_delete'];
type Shape = 'one call' | '16 calls';
interface Variant {
  name: string;
  sql: string[];
  /** Each unit of work in a second savepoint (the host's, before 6 December 23:00). */
  nested?: boolean;
  /** Each row by its own statement (before 7 December 05:00), in the same transaction and savepoint. */
  perRow?: boolean;
  reference?: boolean;
}

let counter = 0;
/** One new entry's write, shaped as the write bench's (apps/server/bench/write-path.bench.ts). */
function write(userId: string, chronologyId: string): PersistWrite {
  const i = counter++;
  const entry = newEntry(
    {
      date: new Date(Date.UTC(2015, 0, 1) + i * 6 * 3_600_000).toISOString().slice(0, 10),
      time: '',
      category: CATEGORIES[i % CATEGORIES.length]!.slug,
      summary: `Entry ${i}: home visit completed; child seen and spoken to alone`,
      detail: 'Practitioner visited the family home. Mother present. The home was warm and tidy; food in the cupboards.',
      impactOnChild: 'The child said they felt safe at home and was looking forward to the school trip.',
      actionTaken: 'Next visit booked; information shared with the school DSL.',
      sourceRef: `LCS-${100000 + i}`,
      recordedBy: 'Bench Lead',
      restricted: false,
      sharing: 'all',
      sharingReason: '',
      childsVoice: '',
      seenAlone: '',
    } as never,
    { id: randomUUID(), agency: 'oxfordshire-csc', authorId: userId, recordedAt: new Date().toISOString() },
  );
  return {
    docName: `chronology:${chronologyId}`,
    chronologyId,
    // A Yjs update of one entry is ~700 bytes (the write bench's log: 15.4 MB for 22,000).
    update: new Uint8Array(randomBytes(700)),
    claims: [],
    actor: { id: userId, name: 'Bench Lead', agency: 'oxfordshire-csc' },
    meta: { via: 'rest', ip: null },
    changes: [{ entryId: entry.id, kind: 'create', before: null, after: entry, fields: Object.keys(entry) }],
  };
}

function runBatch(host: SqliteHost, calls: Call[], nested: boolean, perRow: boolean): boolean[] {
  if (perRow) {
    // The batch one transaction, the unit one savepoint, then each write's rows one statement each.
    return host.db.tx(() =>
      calls.map((call) =>
        host.db.tx(() => {
          for (const write of call.args[0] as PersistWrite[]) {
            host.repos.updateLog.append(write.docName, write.update);
            for (const row of projectionRowsOf(write)) host.repos.entries.upsert(row);
            for (const record of auditRecordsOf(write)) host.repos.audit.append(record);
          }
          return true;
        }),
      ),
    );
  }
  if (!nested) return host.runBatch(calls).map((o) => o.ok);
  // The host as it was: the batch one transaction, each call in a savepoint of its own around the unit's.
  return host.db.tx(() => calls.map((call) => host.db.tx(() => host.runBatch([call])[0]!.ok)));
}

function measure(shape: Shape, variants: Variant[], dir: string) {
  const runs = variants.map((variant, v) => {
    const host = openSqliteHost({ file: join(dir, `${shape.replace(' ', '-')}-${v}.sqlite`) }, { auditKey }, 'write');
    for (const statement of variant.sql) host.db.sqlite.exec(statement);
    host.repos.agencies.upsert({ slug: 'oxfordshire-csc', name: "Oxfordshire Children's Social Care", kind: 'childrens-social-care' });
    const user = host.repos.users.create({ email: 'bench@example.org', name: 'Bench Lead', role: 'lead', agency: 'oxfordshire-csc', passwordHash: null });
    const chronology = host.repos.chronologies.create({ child: { givenName: 'Bench', familyName: 'Child', dateOfBirth: '2014-06-01', nhsNumber: null, upn: null }, leadUserId: user.id, memberAgencies: ['oxfordshire-csc'], addedBy: user.id });
    return { variant, host, userId: user.id, chronologyId: chronology.id, cpu: 0, wall: 0, n: 0 };
  });
  for (let round = 0; round < ROUNDS; round++) {
    for (const run of round % 2 === 0 ? runs : [...runs].reverse()) {
      const writes = () => Array.from({ length: PER_COMMIT }, () => write(run.userId, run.chronologyId));
      const batches = Array.from({ length: BATCHES }, (): Call[] => (shape === 'one call' ? [{ kind: 'unit', method: 'persistBatch', args: [writes()] }] : writes().map((w) => ({ kind: 'unit', method: 'persistBatch', args: [[w]] }))));
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      for (const batch of batches) if (!runBatch(run.host, batch, run.variant.nested === true, run.variant.perRow === true).every(Boolean)) throw new Error(`a write failed (${run.variant.name})`);
      const wall = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      // The first round warms up (JIT, page cache).
      if (round === 0) continue;
      run.cpu += cpu.user + cpu.system;
      run.wall += wall * 1000;
      run.n += BATCHES * PER_COMMIT;
    }
  }
  const reference = runs.find((r) => r.variant.reference === true)!;
  console.log(`\n${shape} per commit of ${PER_COMMIT} entries, ${runs[0]!.n} entries each${' '.repeat(Math.max(0, 8))}${'CPU/entry'.padStart(10)} ${'wall/entry'.padStart(11)}  CPU against the file journal`);
  for (const run of runs) {
    console.log(`  ${run.variant.name.padEnd(60)} ${`${(run.cpu / run.n).toFixed(0)} µs`.padStart(10)} ${`${(run.wall / run.n).toFixed(0)} µs`.padStart(11)}  ${(run.cpu / run.n / (reference.cpu / reference.n)).toFixed(2)}x`);
  }
  for (const run of runs) run.host.db.close();
}

const dir = mkdtempSync(join(tmpdir(), 'mac-bench-writer-'));
try {
  console.log(`The SQLite writer alone, synchronous=FULL (${ROUNDS - 1} rounds of ${BATCHES} commits per variant, alternating)`);
  const common: Variant[] = [
    { name: 'writer as opened', sql: [] },
    { name: 'reference: file journal (temp_store as compiled)', sql: ['PRAGMA temp_store = DEFAULT'], reference: true },
    { name: 'as opened, no search-index triggers', sql: dropSearch },
    { name: 'as opened, no entry-version triggers', sql: dropVersion },
  ];
  measure('one call', [...common.slice(0, 2), { name: 'reference: one statement per row', sql: [], perRow: true }, ...common.slice(2)], dir);
  measure('16 calls', [...common.slice(0, 2), { name: 'reference: file journal and a second savepoint per unit', sql: ['PRAGMA temp_store = DEFAULT'], nested: true }, ...common.slice(2)], dir);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
