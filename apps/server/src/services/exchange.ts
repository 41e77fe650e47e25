import { randomUUID } from 'node:crypto';
import { importKey, newEntry, toExchangeCsv, type Entry, type ImportContext, type ImportResult, type Principal, type SkippedRow, plural } from '@mac/domain';
import type { ChronologyRecord } from '@mac/db';
import type * as Y from 'yjs';
import { sharedDocName, UpdateRefusedError, writeNewEntry } from '@mac/sync';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../http/errors.js';
import { audit } from './audit.js';
import { requireChronology, restrictedReader, type ChronologyMembers } from './access.js';
import { readExchangeCsv } from './csv-stream.js';
import { Pacer } from './pacer.js';
import { requireWriteAllowance, toEntry } from './entries.js';

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** Entries per slice of an import's write: each slice is checked, then delivered, in one turn of the loop. */
const IMPORT_SLICE = 100;

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
 * Imports a single-agency chronology in the exchange format: all or nothing. Every invalid row is reported
 * (422); duplicates of what is already there are reported and skipped, so re-importing a file adds
 * nothing. All rows land in one Yjs update per agency, each one transaction on the shared document.
 *
 * The file is read in slices that give the event loop back (csv-stream.ts), so a 5,000-row file does not
 * stall other requests while it is parsed and checked; the access check is made again after reading, as
 * the caller's access may have ended meanwhile. The write itself is synchronous: one room update per
 * agency, persisted in one transaction, so that nothing of a half-written import can be seen or stored.
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
    existing: await visibleEntries(deps, principal, record, { includeWithdrawn: true }),
  });
  const first = (await requireChronology(deps, principal, chronologyId, 'chronology:import', ip)).record;
  const read = await readExchangeCsv(bytes, await context(first));
  // The loop was given back while reading: check again, and read the duplicates again, before writing.
  const { record, access } = await requireChronology(deps, principal, chronologyId, 'chronology:import', ip);
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
  const docName = sharedDocName(chronologyId);
  const entryIds: string[] = [];
  const pacer = new Pacer();
  // One write for the whole import, all or nothing: staged in slices that give the event loop back,
  // persisted in one transaction, delivered in slices (packages/sync large-write.ts). A lead may import
  // rows of other agencies (the exchange format's rule): the room asks `decide` for 'entry:import' on each
  // row, as the real principal, whose name the audit records carry.
  const entries = [...byAgency.values()].flat();
  const slices = Array.from({ length: Math.ceil(entries.length / IMPORT_SLICE) }, (_, i) => (doc: Y.Doc) => {
    for (const entry of entries.slice(i * IMPORT_SLICE, (i + 1) * IMPORT_SLICE)) writeNewEntry(doc, entry);
  });
  requireWriteAllowance(deps, principal.id);
  try {
    await deps.rooms.submitInSlices(docName, { principal, chronology: access, intent: 'import', meta: { via: 'import', ip, importId } }, slices, { pace: () => pacer.pace() });
  } catch (err) {
    if (err instanceof UpdateRefusedError) {
      if (err.code === 'ENTRY_ID_TAKEN') throw new ApiError(409, 'entry_id_taken', 'An entry with one of these ids already exists in this chronology.');
      throw new ApiError(422, 'refused', err.message);
    }
    throw err;
  }
  // An import counts as one write against the account's write volume, whatever its size.
  deps.rooms.chargeWrite(principal.id, { amendments: 1, bytes: 0 });
  entryIds.push(...entries.map((e) => e.id));
  await audit(deps, principal, ip, {
    action: 'chronology:import',
    chronologyId,
    details: { importId, fileName: opts.fileName ?? null, imported: entryIds.length, duplicates: parsed.duplicates.length, entryIds },
  });
  return { importId, dryRun: false, imported: entryIds.length, entryIds, rows: preview, duplicates: parsed.duplicates };
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
