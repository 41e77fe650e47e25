// The storage port's contract for `entries.patternRows` (pattern-rows.ts), run by store-contract.ts against
// every adapter: exactly the fields the rules read of what `query` gives with the same filters, in the same
// order, as `entryFromProjection` makes them, so a caller that switches from `query` changes nothing but cost.
import { expect, it } from 'vitest';
import type { Entry } from '@mac/domain';
import { buildEntry } from '@mac/domain/testing';
import type { Store } from './port.js';
import type { ChronologyRecord } from './repos/chronologies.js';
import { entryFromProjection } from './entry-pages.js';
import type { EntryProjectionInput, EntryRow } from './repos/entries.js';

export function describePatternRowsContract({ store, seed, projection }: { store: () => Store; seed: () => Promise<{ chronology: ChronologyRecord }>; projection: (chronologyId: string, entry: Entry, docName?: string) => EntryProjectionInput }): void {
  it("entries.patternRows: what the rules read of query's entries, with the same filters, in the same order", async () => {
    const { chronology } = await seed();
    const id = chronology.id;
    const put = (entry: Partial<Entry>, doc = id) => store().repos.entries.upsert(projection(id, buildEntry({ agency: 'thames-valley-police', ...entry }), doc));
    await put({ id: 'p-01', date: '2023-04', category: 'missed-appointment', agency: 'northway-primary', personIds: ['person-a', 'person-b'] });
    await put({ id: 'p-02', date: '2023-04-10', time: '09:00', category: 'domestic-abuse', householdEventId: 'household-event-1' });
    await put({ id: 'p-03', date: '2023-04-10', time: '08:00', category: 'assessment', riskLevel: 'high', score: 7, areaGrades: 'a=3;b=1' } as Partial<Entry>);
    await put({ id: 'p-04', date: '2023-06-01', status: 'withdrawn', withdrawnReason: 'wrong child' });
    await put({ id: 'p-05', date: '2023-04-12', restricted: true, category: 'missed-appointment' }, `${id}/restricted/thames-valley-police`);
    await put({ id: 'P-06', date: '2023-04-10', time: '09:00', summary: 'long free text '.repeat(50) });
    // What the rules read, as entryFromProjection gives those fields of a whole row (absent when unset).
    const picked = (e: EntryRow) => {
      const { id: entryId, date, agency, category, status, riskLevel, areaGrades, householdEventId, personIds } = entryFromProjection(e) as Entry & { riskLevel?: string; areaGrades?: string };
      return { id: entryId, date, agency, category, status, ...(riskLevel === undefined ? {} : { riskLevel }), ...(areaGrades === undefined ? {} : { areaGrades }), ...(householdEventId === undefined ? {} : { householdEventId }), ...(personIds === undefined ? {} : { personIds }) };
    };
    const filters = [
      {},
      { includeWithdrawn: true },
      { restrictedVisibleTo: 'northway-primary' },
      { restrictedVisibleTo: 'thames-valley-police', includeWithdrawn: true },
      { categories: ['missed-appointment', 'domestic-abuse'] },
      { categories: ['missed-appointment'], restrictedVisibleTo: 'northway-primary' },
      { categories: [] },
    ];
    for (const f of filters) {
      const rows = await store().repos.entries.patternRows(id, f);
      expect(rows, JSON.stringify(f)).toEqual((await store().repos.entries.query(id, f)).map(picked));
    }
    // Not vacuous: the fields are there, and the hidden and withdrawn are not.
    const all = await store().repos.entries.patternRows(id, { includeWithdrawn: true });
    expect(all.map((e) => e.id)).toEqual(['p-01', 'p-03', 'P-06', 'p-02', 'p-05', 'p-04']);
    expect(all.find((e) => e.id === 'p-01')!.personIds).toEqual(['person-a', 'person-b']);
    expect(all.find((e) => e.id === 'p-02')!.householdEventId).toBe('household-event-1');
    expect(all.find((e) => e.id === 'p-03')).toMatchObject({ riskLevel: 'high', areaGrades: 'a=3;b=1' });
    expect(Object.keys(all.find((e) => e.id === 'P-06')!)).toEqual(['id', 'date', 'agency', 'category', 'status']);
    expect((await store().repos.entries.patternRows(id, { restrictedVisibleTo: 'northway-primary' })).map((e) => e.id)).not.toContain('p-05');
    expect((await store().repos.entries.patternRows(id)).map((e) => e.id)).not.toContain('p-04');
    expect(await store().repos.entries.patternRows(id, { categories: [] })).toEqual([]);
  });
}
