import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from './testing.js';

let server: TestServer;
let lead: string, police: string, hv: string;
let chronologyId: string;

const HEADER = 'date,time,agency,category,summary,detail,impact_on_child,action_taken,source_ref,recorded_by';

beforeAll(async () => {
  server = await startTestServer();
  lead = await server.login(DEMO.lead);
  police = await server.login(DEMO.police);
  hv = await server.login(DEMO.hv);
  const created = await server.api(lead, 'POST', '/api/chronologies', {
    child: { givenName: 'Test', familyName: 'Import', dateOfBirth: '2018-02-03' },
    memberAgencies: ['thames-valley-police', 'oxford-health-hv'],
  });
  expect(created.status).toBe(201);
  chronologyId = created.body.id;
});
afterAll(async () => {
  await server?.stop();
});

const importAs = (cookie: string, csv: string, query = '') =>
  server.api(cookie, 'POST', `/api/chronologies/${chronologyId}/import${query}`, csv, { 'content-type': 'text/csv' });

describe('CSV import', () => {
  const police3 = [
    HEADER,
    '2023-04-05,14:30,thames-valley-police,domestic-abuse-incident,Police attended a domestic incident,,,DASH standard,STORM 1,PC 123',
    '04/2023,,Thames Valley Police,POLICE-ATTENDANCE,"Welfare check, all well",,,,STORM 2,',
    '?2021..2022-06,,thames-valley-police,other,Period of intelligence reports,,,,,',
  ].join('\r\n');

  it('previews without writing, then imports all rows in one audited action', async () => {
    const preview = await importAs(police, police3, '?dryRun=1');
    expect(preview.body.error?.rows ?? []).toEqual([]);
    expect(preview.status).toBe(200);
    expect(preview.body.rows.map((r: { date: string }) => r.date)).toEqual(['2023-04-05', '2023-04', '?2021..2022-06']);
    expect((await server.api(police, 'GET', `/api/chronologies/${chronologyId}/entries`)).body.entries).toHaveLength(0);

    const done = await importAs(police, police3);
    expect(done.status).toBe(200);
    expect(done.body.imported).toBe(3);
    expect(done.body.importId).toMatch(/^[0-9a-f-]{36}$/);
    const entries = (await server.api(hv, 'GET', `/api/chronologies/${chronologyId}/entries`)).body.entries;
    expect(entries).toHaveLength(3);
    const audit = await server.api(lead, 'GET', `/api/chronologies/${chronologyId}/audit?action=chronology:import`);
    expect(audit.body.records[0].details).toMatchObject({ importId: done.body.importId, imported: 3 });
  });

  it('re-importing the same file adds nothing and reports the duplicates', async () => {
    const again = await importAs(police, police3);
    expect(again.status).toBe(200);
    expect(again.body.imported).toBe(0);
    expect(again.body.duplicates).toHaveLength(3);
    expect((await server.api(hv, 'GET', `/api/chronologies/${chronologyId}/entries`)).body.entries).toHaveLength(3);
  });

  it('reports every invalid row and writes nothing', async () => {
    const csv = [
      HEADER,
      '31/02/2023,,thames-valley-police,injury,Impossible date,,,,,',
      '2023-13-01,,thames-valley-police,injury,Impossible month,,,,,',
      '05/04/23,,thames-valley-police,injury,Two-digit year,,,,,',
      '2023-05-01,,thames-valley-police,not-a-category,Unknown category,,,,,',
      '2023-05-02,,thames-valley-police,injury,Fine row,,,,,',
    ].join('\n');
    const res = await importAs(police, csv);
    expect(res.status).toBe(422);
    expect(res.body.error.rows.map((r: { row: number }) => r.row)).toEqual([1, 2, 3, 4]);
    expect(res.body.error.rows[0].message).toMatch(/February/);
    expect((await server.api(hv, 'GET', `/api/chronologies/${chronologyId}/entries?text=Fine%20row`)).body.entries).toHaveLength(0);
  });

  it("refuses another agency's rows from a non-lead, and accepts them from the lead", async () => {
    const csv = [HEADER, '2023-06-01,,oxford-health-hv,missed-health-appointment,Was not brought to 2-year review,,,,,'].join('\n');
    const refused = await importAs(police, csv);
    expect(refused.status).toBe(422);
    expect(refused.body.error.rows[0].column).toBe('agency');
    const ok = await importAs(lead, csv);
    expect(ok.status).toBe(200);
    const entry = (await server.api(hv, 'GET', `/api/chronologies/${chronologyId}/entries?text=2-year%20review`)).body.entries[0];
    expect(entry.agency).toBe('oxford-health-hv');
    // The health visitor's agency owns it now, so the health visitor may amend it.
    expect((await server.api(hv, 'PATCH', `/api/chronologies/${chronologyId}/entries/${entry.id}`, { detail: 'Rebooked.' })).status).toBe(200);
  });

  it('refuses unknown columns and non-CSV bodies', async () => {
    const res = await importAs(police, 'date,agency,category,summary,colour\n2023-01-01,thames-valley-police,other,x,red');
    expect(res.status).toBe(422);
    expect(res.body.error.rows[0]).toMatchObject({ row: 0, column: 'colour' });
    const json = await server.api(police, 'POST', `/api/chronologies/${chronologyId}/import`, { not: 'csv' });
    expect(json.status).toBe(415);
  });
});

describe('CSV import at the row limit (read as a stream, written all or nothing)', () => {
  const rows = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `2019-01-01,,thames-valley-police,other,${tag} ${i},,,,,`);
  const newChronology = async () => {
    const created = await server.api(lead, 'POST', '/api/chronologies', { child: { givenName: 'Limit', familyName: 'Test' }, memberAgencies: ['thames-valley-police'] });
    return created.body.id as string;
  };
  // Every page (the list is paged: 500 by default, at most 2,000).
  const count = async (id: string) => {
    let n = 0;
    let cursor: string | undefined;
    do {
      const page = (await server.api(police, 'GET', `/api/chronologies/${id}/entries?limit=2000${cursor ? `&cursor=${cursor}` : ''}`)).body;
      n += page.entries.length;
      cursor = page.next;
    } while (cursor !== undefined);
    return n;
  };

  it('accepts 5,000 rows in one import', async () => {
    const id = await newChronology();
    const res = await server.api(police, 'POST', `/api/chronologies/${id}/import`, [HEADER, ...rows(5000, 'Row')].join('\r\n'), { 'content-type': 'text/csv' });
    expect(res.status).toBe(200);
    expect(res.body.imported).toBe(5000);
    expect(await count(id)).toBe(5000);
  });

  it('refuses 5,001 rows, naming the limit, and writes nothing', async () => {
    const id = await newChronology();
    const res = await server.api(police, 'POST', `/api/chronologies/${id}/import`, [HEADER, ...rows(5001, 'Row')].join('\r\n'), { 'content-type': 'text/csv' });
    expect(res.status).toBe(422);
    expect(res.body.error.rows).toEqual([{ row: 0, column: '', message: 'the file has more than 5,000 rows: split it into smaller files' }]);
    expect(await count(id)).toBe(0);
  });

  it('writes none of 5,000 rows when the last one is invalid', async () => {
    const id = await newChronology();
    const csv = [HEADER, ...rows(4999, 'Row'), '2019-02-30,,thames-valley-police,other,Impossible date,,,,,'].join('\r\n');
    const res = await server.api(police, 'POST', `/api/chronologies/${id}/import`, csv, { 'content-type': 'text/csv' });
    expect(res.status).toBe(422);
    expect(res.body.error.rows.map((r: { row: number }) => r.row)).toEqual([5000]);
    expect(await count(id)).toBe(0);
  });
});

describe('CSV export', () => {
  it('neutralises cells a spreadsheet would run as a formula', async () => {
    const res = await server.api(police, 'POST', `/api/chronologies/${chronologyId}/entries`, {
      date: '2023-07-01',
      category: 'other',
      summary: '=HYPERLINK("http://evil.example","click")',
      detail: '@SUM(A1)',
      actionTaken: '+1',
      sourceRef: '-2',
    });
    expect(res.status).toBe(201);
    const csv = await server.api(hv, 'GET', `/api/chronologies/${chronologyId}/export.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = csv.body as string;
    expect(text.split("\r\n")[0]).toBe(
      'date,time,agency,category,summary,detail,impact_on_child,childs_voice,seen_alone,action_taken,source_ref,recorded_by,sharing,sharing_reason,risk_level,score,area_grades,entry_id,recorded_at,status,agency_name,category_label',
    );
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(text).toContain("'@SUM(A1)");
    expect(text).toContain("'+1");
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
  });
});
