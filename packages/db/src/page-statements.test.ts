// The page statements of both backends keep one SQL text per combination of filters present (built once,
// named by number in a kept page's key: kept-pages.ts). Every combination must get its own text, with the
// conditions it asks for and exactly as many placeholders as values bound, whichever was built first.
import { describe, expect, it } from 'vitest';
import type { EntryPageQuery } from './entry-pages.js';
import { pageStatement } from './repos/entry-page.js';
import { pgPageStatement } from './pg/entry-page.js';

const after = { dateFirst: '2024-01-02', time: '10:00', recordedAt: '2024-01-02T10:00:00.000Z', id: 'e1', docName: 'c1' };

/** Every combination of the filters a page may have, each value distinct per combination. */
function combinations(): EntryPageQuery[] {
  const out: EntryPageQuery[] = [];
  for (const from of [undefined, '2024-01-01'])
    for (const to of [undefined, '2024-12-31'])
      for (const agencies of [undefined, [], ['northway-primary']])
        for (const categories of [undefined, [], ['education']])
          for (const includeWithdrawn of [false, true])
            for (const a of [undefined, after])
              for (const text of [undefined, 'visit', '  '])
                out.push({ limit: 10 + out.length, restrictedVisibleTo: 'thames-valley-police', from, to, agencies, categories, includeWithdrawn, after: a, text });
  return out;
}

/** What a query asks for, as the conditions its text must hold (a blank text filter is no filter). */
function expected(q: EntryPageQuery): string {
  return [q.from ? 'from' : '', q.to ? 'to' : '', q.agencies ? `agencies ${q.agencies.length}` : '', q.categories ? `categories ${q.categories.length}` : '', q.includeWithdrawn ? '' : 'active', q.after ? 'after' : '', q.text?.trim() ? 'text' : ''].join('|');
}

const backends = [
  { name: 'SQLite', statement: pageStatement, placeholders: (sql: string) => sql.split('?').length - 1, like: ' like ', nothing: / and 0 and / },
  { name: 'PostgreSQL', statement: pgPageStatement, placeholders: (sql: string) => Math.max(...[...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]))), like: ' ilike ', nothing: / and false and / },
];

describe.each(backends)('the page statement on $name', ({ statement, placeholders, like, nothing }) => {
  it('has one text per combination of filters present, holding its conditions and a placeholder per value, in any order of building', () => {
    const all = combinations();
    for (const order of [all, [...all].reverse()]) {
      const textOf = new Map<string, string>();
      for (const q of order) {
        const { sql, params } = statement('c1', q);
        expect(placeholders(sql), sql).toBe(params.length);
        expect(params[0]).toBe('c1');
        expect(params).toContain(q.limit + 1);
        expect(sql.includes('date_last >='), sql).toBe(Boolean(q.from));
        expect(sql.includes('date_first <='), sql).toBe(Boolean(q.to));
        expect(sql.includes(like), sql).toBe(Boolean(q.text?.trim()));
        expect(sql.includes("status = 'active'"), sql).toBe(!q.includeWithdrawn);
        expect(/\) > \(/.test(sql), sql).toBe(Boolean(q.after));
        expect(/agency (in|= any)/.test(sql), sql).toBe((q.agencies?.length ?? 0) > 0);
        expect(/category (in|= any)/.test(sql), sql).toBe((q.categories?.length ?? 0) > 0);
        // An empty list of agencies or categories matches nothing.
        expect(nothing.test(sql), sql).toBe(q.agencies?.length === 0 || q.categories?.length === 0);
        const wanted = expected(q);
        expect(textOf.get(wanted) ?? sql, wanted).toBe(sql);
        textOf.set(wanted, sql);
      }
      expect(textOf.size).toBe(2 * 2 * 3 * 3 * 2 * 2 * 2);
    }
  });
});
