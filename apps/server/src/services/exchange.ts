import { randomUUID } from 'node:crypto';
import { importKey, newEntry, toExchangeCsv, type Entry, type ImportContext, type ImportResult, type PatternEntry, type Principal, type SkippedRow, plural } from '@mac/domain';
import type { ChronologyRecord, PatternRowFilters } from '@mac/db';
import { sharedDocName, UpdateRefusedError } from '@mac/sync';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../http/errors.js';
import { audit } from './audit.js';
import { requireChronology, restrictedReader, type ChronologyMembers } from './access.js';
import { readExchangeCsv } from './csv-stream.js';
import { ImportTakenOverError, resumeLater, writeImport } from './import-journal.js';
import { requireWriteAllowance, toEntry } from './entries.js';

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export interface ImportOutcome {
  importId: string | null;
  dryRun: boolean;
  imported: number;
  entryIds: string[];
  rows: { row: number; date: string; understood: string; agency: string; category: string; summary: string }[];
  duplicates: SkippedRow[];
}

/**
 * The entries the caller may see: never another agency's restricted entries, and none at all when the
 * caller reads by a break-glass grant (restrictedReader).
 */
export async function visibleEntries(deps: AppDeps, principal: Principal, chronology: ChronologyMembers, filters: Record<string, unknown> = {}): Promise<Entry[]> {
  return (await deps.repos.entries.query(chronology.id, { ...filters, restrictedVisibleTo: restrictedReader(principal, chronology) })).map(toEntry);
}

/**
 * As `visibleEntries`, only what the pattern rules read of each (PatternEntry: @mac/db pattern-rows.ts): the
 * same entries in the same order, without the free text that is most of a row's bytes.
 */
export function visiblePatternEntries(deps: AppDeps, principal: Principal, chronology: ChronologyMembers, filters: PatternRowFilters = {}): Promise<PatternEntry[]> {
  return deps.repos.entries.patternRows(chronology.id, { ...filters, restrictedVisibleTo: restrictedReader(principal, chronology) });
}

/**
 * Imports a single-agency chronology in the exchange format: all or nothing. Every invalid row is reported
 * (422) and nothing is written; duplicates of what is already there (or of an import still being
 * written) are reported and skipped, so re-importing a file adds nothing.
 *
 * The file is read in slices that give the event loop back (csv-stream.ts), so a 5,000-row file does not
 * stall other requests while it is parsed and checked; the access check is made again after reading, as
 * the caller's access may have ended meanwhile. The write is stored in slices (import-journal.ts): the
 * import is answered once all of it is stored and its audit record written; one cut short is finished
 * from its journal, never left half-written.
 */
export async function importCsv(
  deps: AppDeps,
  principal: Principal,
  chronologyId: string,
  body: Uint8Array | string,
  opts: { dryRun: boolean; fileName?: string | null },
  ip: string | null,
): Promise<ImportOutcome> {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const context = async (record: ChronologyRecord): Promise<ImportContext> => ({
    agencies: await deps.repos.agencies.list(),
    memberAgencies: record.memberAgencies,
    importerAgency: principal.agency,
    importerLeads: principal.id === record.leadUserId,
    // Duplicates are judged only against what the importer can see: a "duplicate" of another agency's
    // restricted entry would reveal that it exists.
    existing: [...(await visibleEntries(deps, principal, record, { includeWithdrawn: true })), ...(await beingWritten(deps, principal, record))],
  });
  const first = (await requireChronology(deps, principal, chronologyId, 'chronology:import', ip)).record;
  const read = await readExchangeCsv(bytes, await context(first));
  // The loop was given back while reading: check again, and read the duplicates again, before writing;
  // one import of a chronology at a time from here to its journal, so that two at once see each other.
  const release = await importTurn(deps, chronologyId);
  try {
    return await checkAndWrite(deps, principal, chronologyId, read, opts, ip, context, release);
  } finally {
    release();
  }
}

async function checkAndWrite(
  deps: AppDeps,
  principal: Principal,
  chronologyId: string,
  read: ImportResult,
  opts: { dryRun: boolean; fileName?: string | null },
  ip: string | null,
  context: (record: ChronologyRecord) => Promise<ImportContext>,
  journalled: () => void,
): Promise<ImportOutcome> {
  const { record } = await requireChronology(deps, principal, chronologyId, 'chronology:import', ip);
  const parsed = read.errors.length > 0 ? read : recheck(read, await context(record));
  if (parsed.errors.length > 0) {
    await audit(deps, principal, ip, { action: 'chronology:import', outcome: 'refused', chronologyId, details: { errors: parsed.errors.length, dryRun: opts.dryRun } });
    const rowsAtFault = new Set(parsed.errors.map((e) => e.row)).size;
    throw new ApiError(
      422,
      'invalid_csv',
      `Nothing was imported: ${plural(parsed.errors.length, 'problem')} in ${plural(rowsAtFault, 'row')}.`,
      parsed.errors.map((e) => ({ field: e.row === 0 ? `header: ${e.column}` : `row ${e.row}: ${e.column}`, message: e.message })),
      { rows: parsed.errors, duplicates: parsed.duplicates },
    );
  }
  const preview = parsed.rows.map((r) => ({ row: r.row, date: r.input.date, understood: r.understood.date, agency: r.input.agency, category: r.input.category, summary: r.input.summary }));
  if (opts.dryRun) return { importId: null, dryRun: true, imported: 0, entryIds: [], rows: preview, duplicates: parsed.duplicates };

  const importId = randomUUID();
  const recordedAt = deps.now().toISOString();
  const byAgency = new Map<string, Entry[]>();
  for (const row of parsed.rows) {
    const entry = newEntry(row.input, { id: randomUUID(), agency: row.input.agency, authorId: principal.id, recordedAt });
    byAgency.set(entry.agency, [...(byAgency.get(entry.agency) ?? []), entry]);
  }
  const entries = [...byAgency.values()].flat();
  const entryIds = entries.map((e) => e.id);
  requireWriteAllowance(deps, principal.id);
  // Written in slices, so that it never holds the store for long (import-journal.ts): first the validated
  // import with its entries' ids, in one small commit, so that an import cut short is finished later.
  const journal = {
    id: importId,
    chronologyId,
    docName: sharedDocName(chronologyId),
    principal,
    details: { fileName: opts.fileName ?? null, duplicates: parsed.duplicates.length, ip },
    entries,
    createdAt: recordedAt,
    // Its progress, renewed by each slice stored; its writer, this call (import-journal.ts).
    touchedAt: recordedAt,
    writer: randomUUID(),
  };
  await deps.store.beginImport(journal);
  journalled();
  try {
    await writeImport(deps, journal, { fresh: true });
  } catch (err) {
    if (err instanceof UpdateRefusedError) {
      if (err.code === 'ENTRY_ID_TAKEN') throw new ApiError(409, 'entry_id_taken', 'An entry with one of these ids already exists in this chronology.');
      throw new ApiError(422, 'refused', err.message);
    }
    if (err instanceof ImportTakenOverError) {
      throw new ApiError(409, 'import_taken_over', 'This import was held up for several minutes, so another server took it over: it finishes it, and its entries appear in the chronology. There is no need to import the file again.');
    }
    // Part of it may be stored: the journal finishes it, here a while later or at the next start.
    resumeLater(deps);
    throw err;
  }
  // An import counts as one write against the account's write volume, whatever its size.
  deps.rooms.chargeWrite(principal.id, { amendments: 1, bytes: 0 });
  return { importId, dryRun: false, imported: entryIds.length, entryIds, rows: preview, duplicates: parsed.duplicates };
}

/** Per server and chronology, the import between its last check and its journal (turnOf), as a chain of turns. */
const turnsOf = new WeakMap<AppDeps, Map<string, Promise<void>>>();

/** Waits for the chronology's turn; the function returned ends it (calling it again does nothing). */
async function turnOf(deps: AppDeps, chronologyId: string): Promise<() => void> {
  const turns = turnsOf.get(deps) ?? new Map<string, Promise<void>>();
  turnsOf.set(deps, turns);
  const before = turns.get(chronologyId) ?? Promise.resolve();
  let end!: () => void;
  const mine = new Promise<void>((resolve) => (end = resolve));
  const chained = before.then(() => mine);
  turns.set(chronologyId, chained);
  await before;
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    end();
    if (turns.get(chronologyId) === chained) turns.delete(chronologyId);
  };
}

/**
 * The chronology's import turn: within this server (turnOf), then across nodes (the store's lock; on
 * SQLite's one process it is only run). The function returned ends both (calling it again does nothing).
 */
async function importTurn(deps: AppDeps, chronologyId: string): Promise<() => void> {
  const local = await turnOf(deps, chronologyId);
  try {
    const nodes = await held(deps, `import-turn:${chronologyId}`);
    return () => {
      nodes();
      local();
    };
  } catch (err) {
    local();
    throw err;
  }
}

/**
 * Holds the store's lock `name` (Store.exclusively) until the function returned is called (calling it again
 * does nothing). Rejects if the lock cannot be taken (storage failing).
 */
function held(deps: AppDeps, name: string): Promise<() => void> {
  return new Promise((resolve, reject) => {
    let taken = false;
    let end!: () => void;
    const ended = new Promise<void>((r) => (end = r));
    deps.store
      .exclusively(name, () => {
        taken = true;
        resolve(end);
        return ended;
      })
      .catch((err: unknown) => {
        if (!taken) reject(err instanceof Error ? err : new Error(String(err)));
        // Letting go failed: the lock went with its connection, which the store does not reuse.
        else console.error(`[mac] could not release the lock ${name}:`, err);
      });
  });
}

/**
 * The entries of imports into this chronology begun and not finished (still being written, or cut short):
 * duplicates are judged against them too, so the same file imported twice at once lands once. Only those
 * the caller could see once written (never another agency's restricted ones).
 */
async function beingWritten(deps: AppDeps, principal: Principal, chronology: ChronologyMembers): Promise<Entry[]> {
  const reader = restrictedReader(principal, chronology);
  return (await deps.store.pendingImports(chronology.id)).flatMap((j) => j.entries.filter((e) => !e.restricted || e.agency === reader));
}

/**
 * The rows read, checked again against the chronology as it is now (synchronously, just before writing):
 * rows of an agency that left the chronology are refused, and rows that became duplicates while the file
 * was being read (the same file imported twice at once) are skipped.
 */
function recheck(read: ImportResult, ctx: ImportContext): ImportResult {
  const seen = new Set(ctx.existing.map(importKey));
  const result: ImportResult = { rows: [], duplicates: [...read.duplicates], errors: [] };
  for (const row of read.rows) {
    if (!ctx.memberAgencies.includes(row.input.agency) || (row.input.agency !== ctx.importerAgency && !ctx.importerLeads)) {
      result.errors.push({ row: row.row, column: 'agency', message: `agency "${row.understood.agency}" is no longer a member of this chronology, or you may no longer import its rows` });
    } else if (seen.has(importKey(row.input))) {
      result.duplicates.push({ row: row.row, line: row.line, summary: row.input.summary, reason: 'duplicate' });
    } else {
      seen.add(importKey(row.input));
      result.rows.push(row);
    }
  }
  result.duplicates.sort((a, b) => a.row - b.row);
  return result;
}

export async function exportCsv(deps: AppDeps, principal: Principal, chronologyId: string, ip: string | null): Promise<string> {
  const { record } = await requireChronology(deps, principal, chronologyId, 'chronology:export', ip);
  const entries = await visibleEntries(deps, principal, record, { includeWithdrawn: true });
  await audit(deps, principal, ip, { action: 'chronology:export', chronologyId, details: { format: 'csv', entryIds: entries.map((e) => e.id) } });
  return toExchangeCsv(entries, await deps.repos.agencies.list());
}
