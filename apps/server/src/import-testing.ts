// Shared by the import tests (import-slices, import-crash, cluster/imports): a CSV of generated rows in the
// exchange format's columns, and the ids a chronology holds as its entries read them.
import { expect } from 'vitest';
import type { TestServer } from './testing.js';

export const CSV_HEADER = 'date,time,agency,category,summary,detail,impact_on_child,action_taken,source_ref,recorded_by';

/** `n` rows of `agency`, summaries `<tag> 0` … `<tag> n-1`, dated on the days of a month of 2023 ("05"). */
export function csvRows(opts: { agency: string; n: number; tag: string; month: string }): string {
  const row = (i: number) => `2023-${opts.month}-${String((i % 28) + 1).padStart(2, '0')},,${opts.agency},other,${opts.tag} ${i},,,,,`;
  return [CSV_HEADER, ...Array.from({ length: opts.n }, (_, i) => row(i))].join('\n');
}

/** The entry ids a chronology holds (one page of up to 2,000), as `cookie`'s account reads them. */
export async function entryIdsOf(server: TestServer, cookie: string, chronologyId: string): Promise<string[]> {
  const res = await server.api(cookie, 'GET', `/api/chronologies/${chronologyId}/entries?limit=2000`);
  expect(res.status).toBe(200);
  return (res.body.entries as Array<{ id: string }>).map((e) => e.id);
}
