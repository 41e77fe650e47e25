// Re-importing MAC's own export: the export is in the exchange format (its columns, agency and category
// codes), so a demo chronology exported and imported into another chronology imports cleanly, and
// imported again is reported as duplicates, once, without errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from './testing.js';

let server: TestServer;
let lead: string;

beforeAll(async () => {
  server = await startTestServer();
  lead = await server.login(DEMO.lead);
});
afterAll(async () => {
  await server?.stop();
});

describe('export then import', () => {
  it('imports a demo chronology’s export into another chronology as it is, and again as duplicates only', async () => {
    const list = (await server.api(lead, 'GET', '/api/chronologies')).body.chronologies as Array<{ id: string; memberAgencies: string[] }>;
    for (const source of list) {
      const exported = await server.api(lead, 'GET', `/api/chronologies/${source.id}/export.csv`);
      expect(exported.status).toBe(200);
      const csv = String(exported.body);
      const [header] = csv.split('\r\n');
      expect(header!.split(',').slice(0, 3)).toEqual(['date', 'time', 'agency']);
      const withdrawn = csv.split('\r\n').filter((l) => l.includes(',withdrawn,')).length;
      const target = (await server.api(lead, 'POST', '/api/chronologies', { child: { givenName: 'Roundtrip', familyName: 'Copy' }, memberAgencies: source.memberAgencies })).body.id;
      const first = await server.api(lead, 'POST', `/api/chronologies/${target}/import?fileName=export.csv`, csv, { 'content-type': 'text/csv' });
      expect(first.status, JSON.stringify(first.body).slice(0, 800)).toBe(200);
      expect(first.body.imported).toBeGreaterThan(0);
      expect(first.body.duplicates.filter((d: { reason: string }) => d.reason === 'withdrawn')).toHaveLength(withdrawn);
      const again = await server.api(lead, 'POST', `/api/chronologies/${target}/import?fileName=export.csv`, csv, { 'content-type': 'text/csv' });
      expect(again.status).toBe(200);
      expect(again.body.imported).toBe(0);
      expect(again.body.duplicates.every((d: { line: number }) => d.line >= 2)).toBe(true);
    }
  });
});
