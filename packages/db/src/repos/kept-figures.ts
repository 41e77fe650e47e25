// The caseload's figures per chronology on SQLite (entries.countByChronology, lastChange, restrictedCount),
// kept on the read-only connection between listings. Every caseload list asks all three for every listed
// chronology (and the first two again for their siblings): three scans of the covering index over every
// listed chronology's entries, ~30 ms of the read lane's thread per list of 250 chronologies (20,000
// entries) in the county bench, whether anything changed or not; most lists find nothing changed.
//
// A figure is kept per question (which figure, the reader's agency, the chronology) with the chronology's
// entry version (`entry_versions`, moved by triggers on every change to its entries, as for the kept pages
// in entry-page.ts), and served again only while that version is the one it was read at. The versions are
// read first, in the same read transaction as the figures worked out for the chronologies that moved (the
// read lane runs each call as one): a figure is never older than the version it is kept with. The writing
// connection keeps none (a batch rolled back there could leave a version a later write reaches again).
import type { MacDb } from '../open.js';

/** Figures kept at most (a few dozen bytes each); beyond this the oldest kept is dropped. */
export const KEPT_FIGURES = 100_000;

export type FigureKind = 'count' | 'lastChange' | 'restricted';

export function createKeptFigures(db: MacDb, max = KEPT_FIGURES) {
  const kept = db.sqlite.readonly ? new Map<string, { version: number; value: unknown }>() : null;
  let hits = 0;
  // Prepared on first use (the writing connection never asks).
  let versions: ReturnType<MacDb['sqlite']['prepare']> | null = null;

  /**
   * The figure of `kind` for each of `ids` as `agency` would see it: kept ones whose chronology has not moved
   * since, the rest from `read` (asked only for those), in the order of `ids`.
   */
  function figures<V>(kind: FigureKind, ids: readonly string[], agency: string | undefined, read: (ids: readonly string[]) => Record<string, V>): Record<string, V> {
    if (kept === null || ids.length === 0) return read(ids);
    versions ??= db.sqlite.prepare('select chronology_id, version from entry_versions where chronology_id in (select value from json_each(?))').raw();
    const at = new Map((versions.all(JSON.stringify(ids)) as Array<[string, number]>).map(([id, version]) => [id, version]));
    const prefix = `${kind}\u0000${agency === undefined ? '\u0001' : agency}\u0000`;
    const out: Record<string, V> = {};
    const missing: string[] = [];
    for (const id of ids) {
      const hit = kept.get(prefix + id);
      // A chronology without a row is at version 0 (no entry yet).
      if (hit !== undefined && hit.version === (at.get(id) ?? 0)) {
        out[id] = hit.value as V;
        hits += 1;
      } else missing.push(id);
    }
    if (missing.length === 0) return out;
    const fresh = read(missing);
    for (const id of missing) {
      out[id] = fresh[id]!;
      kept.delete(prefix + id);
      kept.set(prefix + id, { version: at.get(id) ?? 0, value: fresh[id] });
    }
    for (const key of kept.keys()) {
      if (kept.size <= max) break;
      kept.delete(key);
    }
    // In the order asked (the callers' objects list every id, in order).
    return Object.fromEntries(ids.map((id) => [id, out[id]!]));
  }

  return { figures, stats: () => ({ hits, kept: kept?.size ?? 0 }) };
}
