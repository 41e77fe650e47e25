// Writing an import without holding the store for it (issue 17). An import of 1,000 rows stored in ONE
// transaction held the single SQLite writer for 0.4-0.9 s (1.3 s for 2,500), and every audited request
// (sign-in, reads, REST writes: each answers once its audit record is durable) waited behind it. So an
// import is written in slices, one slice per batch of the write lane (packages/sync write-queue.ts), and
// what users rely on is kept by a journal (Store.beginImport / finishImport, docs/storage.md S7):
//
//   - the whole file is read and checked first (exchange.ts): bad input writes nothing, journal included;
//   - the validated import, its entries with their ids already assigned, is stored in one small commit
//     before the first slice (beginImport);
//   - the slices then land one by one (each its update, projection rows and entry audit records, carrying
//     the import's id), and live clients see each as it is stored;
//   - the journal row is removed in the same transaction as the import's own audit record
//     (finishImport): an import answered as done is wholly stored and recorded.
//
// An import cut short (the process killed, the disk full) leaves its journal: `resumeImports` (at
// start-up, and again a while after a failure) writes the entries its document does not hold yet and
// finishes it. Entry ids are fixed, so that is idempotent: nothing twice, nothing lost.
//
// Several nodes share the journals. A journal records its last progress (`touchedAt`: begun, then each
// slice stored, in that slice's own transaction) and its writer (a random id per attempt). An import whose
// progress is less than five minutes old is its writer's, however long ago it began: a big import paced
// behind a busy write lane may run for minutes, and a node still storing its slices never looks cut short.
// One whose progress stopped (its node died, or its storage has failed for five minutes) was cut short,
// and is finished by one node at a time (a lock named after it: Store.exclusively, a PostgreSQL advisory
// lock, which goes with its node if the node dies). That node first takes it over (Store.claimImport: one
// statement, only if its progress is still old, so a slice stored meanwhile keeps it with its writer),
// and from then on only it may finish it (Store.finishImport names the writer): the first writer, alive
// after all, can no longer remove the journal or write the import's audit record. Its slices already
// handed to its write lane may still be stored: entry ids are fixed and each is stored once per
// chronology (the store refuses the second writer's, write-conflict.ts), and a refusal is judged against
// what is stored by then (writeImportHeld). A fresh import holds no lock while it writes (one pool
// connection per import in flight: imports filling the pool would deadlock); its progress is the fence.
// Each node looks for imports cut short every minute (`startImportSweep`), so one whose node died is
// finished without waiting for a node to restart.
import { randomUUID } from 'node:crypto';
import type { Entry, Principal } from '@mac/domain';
import type { AuditInput, ImportJournal } from '@mac/db';
import { storageFailure } from '@mac/db';
import type * as Y from 'yjs';
import { UpdateRefusedError, writeNewEntry } from '@mac/sync';
import type { AppDeps } from '../deps.js';
import { accessOf } from './access.js';
import { flushDeferredAudit } from './audit.js';
import { Pacer } from './pacer.js';

/** Entries per slice: each slice is checked and staged in one turn of the loop, and stored in one batch. */
export const IMPORT_SLICE = 50;

/** How long after a failed import the server tries to finish it (and any other cut short). */
const RESUME_AFTER_MS = 30_000;

/** Several nodes: an import with no progress (no slice stored) for this long is not another node's still at work. */
const CUT_SHORT_AFTER_MS = 5 * 60_000;

/** Several nodes: how often each node looks for imports cut short on a node that is gone. */
const SWEEP_EVERY_MS = 60_000;

/** The imports this process is writing now, by deps: never resumed under their writer's feet. */
const writing = new WeakMap<AppDeps, Set<string>>();
const writingIn = (deps: AppDeps) => {
  let set = writing.get(deps);
  if (set === undefined) writing.set(deps, (set = new Set()));
  return set;
};

/** The import's own audit record: who, what, when (the time is the record's own). */
function importRecord(journal: ImportJournal, principal: Principal, extra: Record<string, unknown> = {}, outcome: 'allowed' | 'refused' = 'allowed'): AuditInput {
  const { ip, ...details } = journal.details as { ip?: string | null } & Record<string, unknown>;
  return {
    actorId: principal.id,
    actorLabel: principal.name,
    actorAgency: principal.agency,
    action: 'chronology:import',
    outcome,
    chronologyId: journal.chronologyId,
    entryId: null,
    details: { importId: journal.id, ...details, imported: journal.entries.length, entryIds: journal.entries.map((e) => e.id), ...extra },
    ip: ip ?? null,
  };
}

/**
 * The import was taken over by another node while this one wrote it (no slice of it stored for five
 * minutes: its storage stuck): that node finishes it. The importer is told so; importing the file again
 * would find its rows duplicates.
 */
export class ImportTakenOverError extends Error {
  constructor(readonly importId: string) {
    super(`import ${importId} made no progress for a while and was taken over by another node, which finishes it`);
    this.name = 'ImportTakenOverError';
  }
}

/**
 * Writes the journal's entries that its document does not hold yet, in slices, as the importer, then
 * finishes the import (its audit record, the journal removed). `fresh`: an import just begun by this
 * call's writer (journal.writer), whose entries nobody can hold yet (no need to ask storage). Otherwise
 * the import is taken over first (Store.claimImport), only if its progress is older than `idleBefore`
 * (null: whatever it is). A refusal by the room (the importer may no longer import there: it is checked
 * again on every slice) finishes the import as refused, saying how many of its entries were stored, and
 * rethrows. A fresh import taken over meanwhile by another node rejects with ImportTakenOverError.
 */
export function writeImport(deps: AppDeps, journal: ImportJournal, opts: { fresh: boolean; idleBefore?: string | null; extra?: Record<string, unknown> }): Promise<boolean> {
  // An import being finished is finished by one node at a time (their sweeps may find it together); the
  // lock holds a connection of the store's pool, so a fresh import, which nobody else can be finishing
  // (its progress is recent: resumeImports), does not take it.
  if (opts.fresh) return writeImportHeld(deps, journal, opts);
  return deps.store.exclusively(`import:${journal.id}`, async () => {
    // Taken over only if it is still pending (another node may have finished it while this one waited for
    // its lock) and its progress still old (its writer may have stored a slice since the list was read).
    const writer = randomUUID();
    if (!(await deps.store.claimImport(journal.id, writer, opts.idleBefore ?? null))) return false;
    return writeImportHeld(deps, { ...journal, writer }, opts);
  });
}

/** True once this call finished the import; false when it found it finished already. */
async function writeImportHeld(deps: AppDeps, journal: ImportJournal, opts: { fresh: boolean; extra?: Record<string, unknown> }): Promise<boolean> {
  const principal = journal.principal as Principal;
  const ip = (journal.details.ip as string | null | undefined) ?? null;
  const ours = writingIn(deps);
  if (ours.has(journal.id)) throw new Error(`import ${journal.id} is being written already`);
  ours.add(journal.id);
  try {
    const missing = opts.fresh ? journal.entries : await missingOf(deps, journal);
    if (missing.length > 0) {
      const record = await deps.repos.chronologies.get(journal.chronologyId);
      if (record === null) {
        // Disposed of meanwhile (retention): nothing left to write into; said so, not retried for ever.
        return await finish(deps, journal, principal, { ...opts.extra, refused: 'the chronology is gone', stored: journal.entries.length - missing.length }, 'refused', opts);
      }
      const slices = Array.from({ length: Math.ceil(missing.length / IMPORT_SLICE) }, (_, i) => (doc: Y.Doc) => {
        for (const entry of missing.slice(i * IMPORT_SLICE, (i + 1) * IMPORT_SLICE)) writeNewEntry(doc, entry);
      });
      const pacer = new Pacer();
      // A lead may import rows of other agencies (the exchange format's rule): the room asks `decide` for
      // 'entry:import' on each row, as the real principal, whose name the audit records carry.
      const write = { principal, chronology: await accessOf(deps, record), intent: 'import' as const, meta: { via: 'import' as const, ip, importId: journal.id } };
      try {
        await deps.rooms.submitInSlices(journal.docName, write, slices, { pace: () => pacer.pace() });
      } catch (err) {
        if (!(err instanceof UpdateRefusedError)) throw err;
        // Judged against what is stored now: a writer taken over may have stored some of these meanwhile
        // (then this attempt's slices were refused as entries already there, and nothing is missing).
        const left = await missingOf(deps, journal);
        if (left.length > 0) {
          await finish(deps, journal, principal, { ...opts.extra, refused: err.message, stored: journal.entries.length - left.length }, 'refused', opts);
          throw err;
        }
      }
    }
    return await finish(deps, journal, principal, opts.extra ?? {}, 'allowed', opts);
  } finally {
    ours.delete(journal.id);
  }
}

/** The journal's entries its chronology does not hold yet. */
async function missingOf(deps: AppDeps, journal: ImportJournal): Promise<readonly Entry[]> {
  const held = new Set((await deps.repos.entries.docsOf(journal.chronologyId)).map((row) => row.id));
  return journal.entries.filter((e) => !held.has(e.id));
}

/**
 * False when the import was finished already (finishing is idempotent: nothing written then). A fresh
 * import that this writer may no longer finish was taken over: ImportTakenOverError.
 */
async function finish(deps: AppDeps, journal: ImportJournal, principal: Principal, extra: Record<string, unknown>, outcome: 'allowed' | 'refused', opts: { fresh: boolean }): Promise<boolean> {
  // Records waiting for room (a full disk) go first: the chain keeps the order things happened in.
  if (deps.storage.deferred.length > 0 && !(await flushDeferredAudit(deps))) throw new Error('the audit records waiting for room could not be written yet');
  const finished = await deps.store.finishImport(journal.id, journal.writer, importRecord(journal, principal, extra, outcome));
  // Nobody else finishes a fresh import but the node that took it over (claimImport changed its writer).
  if (!finished && opts.fresh) throw new ImportTakenOverError(journal.id);
  return finished;
}

/**
 * Finishes every import cut short (at start-up, and a while after an import failed). One at a time,
 * oldest first; one that cannot be finished now is left for the next attempt, and said so.
 */
export async function resumeImports(deps: AppDeps, log: (line: string) => void = console.log, opts: { cutShortAfterMs?: number } = {}): Promise<number> {
  let finished = 0;
  const ours = writingIn(deps);
  // Several nodes: an import with recent progress may be another node's, still being written (it finishes
  // it itself, and holds no lock while it does: only its progress tells): it is left to the sweep. One
  // node (SQLite): every import not this process's own was cut short.
  const idleBefore = deps.cluster === null ? null : new Date(deps.now().getTime() - (opts.cutShortAfterMs ?? CUT_SHORT_AFTER_MS)).toISOString();
  for (const journal of await deps.store.pendingImports()) {
    if (ours.has(journal.id)) continue;
    // Looked at again by the sweep (startImportSweep): finished by its own node by then, or cut short there.
    if (idleBefore !== null && journal.touchedAt >= idleBefore) continue;
    try {
      // False: another node finished it while this one waited for its lock, or its writer stored a slice since.
      if (!(await writeImport(deps, journal, { fresh: false, idleBefore, extra: { resumed: true } }))) continue;
      finished += 1;
      log(`[mac] finished import ${journal.id} into chronology ${journal.chronologyId}, cut short earlier (${journal.entries.length} entries)`);
    } catch (err) {
      if (err instanceof UpdateRefusedError) log(`[mac] import ${journal.id} into chronology ${journal.chronologyId}, cut short earlier, is refused now (${err.message}); its audit record says how much of it was stored`);
      else console.error(`[mac] import ${journal.id} into chronology ${journal.chronologyId} was cut short and could not be finished yet; it is tried again later:`, err);
    }
  }
  return finished;
}

const resumeTimers = new WeakMap<AppDeps, NodeJS.Timeout>();
const sweepTimers = new WeakMap<AppDeps, NodeJS.Timeout>();

/** The server is closing: no more attempts from here. */
export function stopResuming(deps: AppDeps): void {
  clearTimeout(resumeTimers.get(deps));
  resumeTimers.delete(deps);
  clearInterval(sweepTimers.get(deps));
  sweepTimers.delete(deps);
}

/**
 * Several nodes: every `everyMs`, finish the imports cut short (no progress for `cutShortAfterMs`)
 * whatever node began them. A node that dies mid-import leaves its journal to the others: without this it
 * waited for a node to start, or for another import to fail. One node's sweep at a time finishes a given
 * import (its lock); the others find it finished.
 */
export function startImportSweep(deps: AppDeps, opts: { everyMs?: number; cutShortAfterMs?: number } = {}): void {
  if (deps.cluster === null || sweepTimers.has(deps)) return;
  let sweeping = false;
  const timer = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    void resumeImports(deps, console.log, { cutShortAfterMs: opts.cutShortAfterMs })
      .catch((err: unknown) => {
        if (storageFailure(err) === null) console.error('[mac] could not look for imports cut short:', err);
      })
      .finally(() => (sweeping = false));
  }, opts.everyMs ?? SWEEP_EVERY_MS);
  timer.unref();
  sweepTimers.set(deps, timer);
}

/** After a failed import: try to finish it (and any other) a while later, again while some are left. */
export function resumeLater(deps: AppDeps): void {
  if (resumeTimers.has(deps)) return;
  const timer = setTimeout(() => {
    resumeTimers.delete(deps);
    void resumeImports(deps).then(
      async () => {
        if ((await deps.store.pendingImports()).length > 0) resumeLater(deps);
      },
      (err: unknown) => {
        if (storageFailure(err) === null) console.error('[mac] could not look for imports cut short:', err);
        resumeLater(deps);
      },
    );
  }, RESUME_AFTER_MS);
  timer.unref();
  resumeTimers.set(deps, timer);
}
