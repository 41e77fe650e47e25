import { describe, expect, it, vi } from 'vitest';
import { Parser } from 'csv-parse';
import { MAX_IMPORT_ROWS, parseExchangeCsv, type ImportContext } from '@mac/domain';
import { TEST_AGENCIES } from '@mac/domain/testing';
import { readExchangeCsv } from './csv-stream.js';
import { Pacer } from './pacer.js';

const police = 'thames-valley-police';
const ctx: ImportContext = { agencies: TEST_AGENCIES, memberAgencies: [police], importerAgency: police, importerLeads: false, existing: [] };
const bytes = (text: string) => new TextEncoder().encode(text);
const rows = (n: number) => Array.from({ length: n }, (_, i) => `2023-01-01,${police},other,Row ${i}`);

describe('readExchangeCsv (streamed)', () => {
  it('reads what the whole-file parser reads: rows, lines, errors, duplicates', async () => {
    const text = [
      'date,agency,category,summary,detail',
      `2023-04-05,${police},injury,"Fell, grazed knee","two\r\nlines"`,
      `2023-13-01,${police},injury,Bad month,`,
      '',
      `2023-04-05,${police},injury,"Fell, grazed knee",again`,
    ].join('\r\n');
    const streamed = await readExchangeCsv(bytes(text), ctx);
    expect(streamed).toEqual(parseExchangeCsv(text, ctx));
    expect(streamed.rows.map((r) => r.line)).toEqual([2]);
    expect(streamed.errors.map((e) => e.row)).toEqual([2]);
    expect(streamed.duplicates.map((d) => d.row)).toEqual([4]);
  });

  it(`accepts ${MAX_IMPORT_ROWS} rows and refuses one more, naming the limit`, async () => {
    const ok = await readExchangeCsv(bytes(['date,agency,category,summary', ...rows(MAX_IMPORT_ROWS)].join('\n')), ctx);
    expect(ok.errors).toEqual([]);
    expect(ok.rows).toHaveLength(MAX_IMPORT_ROWS);
    const tooMany = await readExchangeCsv(bytes(['date,agency,category,summary', ...rows(MAX_IMPORT_ROWS + 1)].join('\n')), ctx);
    expect(tooMany.rows).toEqual([]);
    expect(tooMany.errors).toEqual([{ row: 0, column: '', message: 'the file has more than 5,000 rows: split it into smaller files' }]);
  });

  it('stops reading at the row limit: the rest of a 100,000-row file is never parsed', async () => {
    const text = ['date,agency,category,summary', ...rows(100_000)].join('\n');
    const write = vi.spyOn(Parser.prototype, 'write');
    try {
      const result = await readExchangeCsv(bytes(text), ctx);
      expect(result.errors).toEqual([{ row: 0, column: '', message: 'the file has more than 5,000 rows: split it into smaller files' }]);
      const parsed = write.mock.calls.reduce((sum, [chunk]) => sum + (chunk as Buffer).length, 0);
      expect(parsed).toBeLessThan(text.length / 10);
    } finally {
      write.mockRestore();
    }
  });

  it('reports a syntax error in words, and nothing else', async () => {
    const result = await readExchangeCsv(bytes(['date,agency,category,summary', ...rows(3), `2023-01-01,${police},other,"never closed`].join('\n')), ctx);
    expect(result.rows).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.message).toMatch(/a quoted cell is never closed/);
  });

  it('gives the event loop back while it reads', async () => {
    const events: string[] = [];
    setImmediate(() => events.push('another request'));
    const result = await readExchangeCsv(bytes(['date,agency,category,summary', ...rows(200)].join('\n')), ctx, new Pacer(0));
    events.push('file read');
    expect(result.rows).toHaveLength(200);
    // Had the reader held the loop until the end, the file would be read first.
    expect(events).toEqual(['another request', 'file read']);
  });
});
