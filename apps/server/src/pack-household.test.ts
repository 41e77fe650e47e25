/**
 * Conference packs with the household (issue 14 item 5), over the real server: the other children as a
 * conference already shares them, and nothing of a sibling's record, whoever produces the pack. Ava's
 * chronology has the police, health visiting and the school as members; her half-brother Ben's only the
 * school, with an entry marked BEN-ONLY that the health visitor may never read. Checked in the preview, the
 * PDF (text and structure tree) and the CSV, professional and family versions, and in the audit record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfStructure, pdfText, squash } from './services/conference/pdf-inspect.js';
import { DEMO, startTestServer, type TestServer } from './testing.js';

let server: TestServer;
const cookies: Record<string, string> = {};
let ava: string;
let ben: string;
let householdId: string;
const MARK = `BEN-ONLY-${crypto.randomUUID().slice(0, 8)}`;
const BEN_NHS = '9434765919';
const CONFERENCE = { conferenceDate: '2026-12-10' };

async function newChronology(givenName: string, dateOfBirth: string, memberAgencies: string[], nhsNumber?: string): Promise<string> {
  const res = await server.api(cookies.lead!, 'POST', '/api/chronologies', { child: { givenName, familyName: 'Packhouse', dateOfBirth, ...(nhsNumber ? { nhsNumber } : {}) }, memberAgencies });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

async function download(who: string, body: Record<string, unknown>): Promise<{ status: number; bytes: Buffer }> {
  const res = await fetch(`${server.origin}/api/chronologies/${ava}/packs`, {
    method: 'POST',
    headers: { cookie: cookies[who]!, origin: server.origin, 'content-type': 'application/json' },
    body: JSON.stringify({ ...CONFERENCE, ...body }),
  });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}

const preview = (who: string, body: Record<string, unknown>) => server.api(cookies[who]!, 'POST', `/api/chronologies/${ava}/packs/preview`, { ...CONFERENCE, ...body });

beforeAll(async () => {
  server = await startTestServer();
  for (const who of ['lead', 'police', 'dsl', 'hv'] as const) cookies[who] = await server.login(DEMO[who]);
  ava = await newChronology('Ava', '2019-05-01', ['thames-valley-police', 'oxford-health-hv', 'northway-primary']);
  ben = await newChronology('Ben', '2016-02-01', ['northway-primary'], BEN_NHS);
  // Ben's entry, shared with the family and as visible as an entry can be: it must still never reach Ava's pack.
  const benEntry = await server.api(cookies.dsl!, 'POST', `/api/chronologies/${ben}/entries`, { date: '2025-01-10', category: 'other', summary: `Ben's entry ${MARK}`, detail: MARK, sharing: 'family' });
  expect(benEntry.status, JSON.stringify(benEntry.body)).toBe(201);
  const avaEntry = await server.api(cookies.police!, 'POST', `/api/chronologies/${ava}/entries`, { date: '2025-01-10', category: 'other', summary: 'Police visit to Ava’s home', sharing: 'family' });
  expect(avaEntry.status, JSON.stringify(avaEntry.body)).toBe(201);
  const made = await server.api(cookies.lead!, 'POST', '/api/households', { chronologyIds: [ava, ben], name: 'Packhouse family', children: [{ chronologyId: ben, relationship: 'half-sibling', from: '2019-05' }] });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  householdId = made.body.id;
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

describe('the household in a conference pack', () => {
  it('the health visitor’s professional preview names Ben, his age and lead, says she cannot open his chronology, and holds nothing of his record', async () => {
    const res = await preview('hv', { kind: 'professional', household: true });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.options.household).toBe(true);
    expect(res.body.household).toEqual({
      name: 'Packhouse family',
      siblings: [{ name: 'Ben Packhouse', dateOfBirth: '1 Feb 2016', ageText: '10 years', relationship: 'Half-sibling, since May 2019', lead: 'Priya Shah, Oxfordshire Children\'s Social Care', canOpen: false }],
      householdEvents: 0,
      people: [],
    });
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(MARK);
    expect(text).not.toContain(BEN_NHS);
    expect(res.body.rows.map((r: { summary: string }) => r.summary)).toEqual(['Police visit to Ava’s home']);
    // The school, a member of both, is told it may open Ben's; still nothing of Ben's entries is in Ava's pack.
    const school = await preview('dsl', { kind: 'professional', household: true });
    expect(school.body.household.siblings[0].canOpen).toBe(true);
    expect(JSON.stringify(school.body)).not.toContain(MARK);
  });

  it('the PDF has a tagged “The household” section with a table of the other children, and none of Ben’s entries', async () => {
    const { status, bytes } = await download('hv', { kind: 'professional', format: 'pdf', household: true });
    expect(status).toBe(200);
    const text = pdfText(bytes);
    expect(text).toContain('The household');
    expect(squash(text)).toContain(squash('Ben Packhouse'));
    expect(squash(text)).toContain(squash('Half-sibling, since May 2019'));
    expect(squash(text)).not.toContain(squash(MARK));
    expect(text).not.toContain(BEN_NHS);
    const tree = pdfStructure(bytes);
    expect(tree).toContain('"The household"');
    // The household table comes after its heading, with a column header per column and Ben's name as the row's header.
    const section = tree.slice(tree.indexOf('"The household"'));
    expect(section).toMatch(/Table[\s\S]*?TH[\s\S]*?"Child"[\s\S]*?TH[\s\S]*?"Ben Packhouse"/);
  });

  it('the family version names no member of staff for Ben, does not say who may open his chronology, and holds nothing of his record', async () => {
    const res = await preview('lead', { kind: 'family', household: true });
    expect(res.status).toBe(200);
    expect(res.body.household.siblings).toEqual([{ name: 'Ben Packhouse', dateOfBirth: '1 Feb 2016', ageText: '10 years', relationship: 'Half-sibling, since May 2019', lead: 'Oxfordshire Children\'s Social Care' }]);
    expect(JSON.stringify(res.body)).not.toContain(MARK);
    const { bytes } = await download('lead', { kind: 'family', format: 'pdf', household: true });
    const text = squash(pdfText(bytes));
    expect(text).toContain(squash('Ben Packhouse'));
    for (const forbidden of [MARK, 'Priya Shah', 'producer may open', BEN_NHS]) expect(text, forbidden).not.toContain(squash(forbidden));
  });

  it('without the option a pack has no household: the preview has none and the PDF no section', async () => {
    const res = await preview('hv', { kind: 'professional' });
    expect(res.body.household).toBeUndefined();
    expect(res.body.options.household).toBeUndefined();
    const { bytes } = await download('hv', { kind: 'professional', format: 'pdf' });
    expect(pdfText(bytes)).not.toContain('The household');
    expect(squash(pdfText(bytes))).not.toContain(squash('Ben Packhouse'));
  });

  it('the CSV (the exchange format, entries only) carries no sibling at all', async () => {
    const { status, bytes } = await download('hv', { kind: 'professional', format: 'csv', household: true });
    expect(status).toBe(200);
    const csv = bytes.toString('utf8');
    expect(csv).toContain('Police visit to Ava’s home');
    expect(csv).not.toContain('Ben');
    expect(csv).not.toContain(MARK);
  });

  it('a child in no household: the section says so', async () => {
    const lone = await newChronology('Lone', '2020-01-01', ['thames-valley-police']);
    const res = await server.api(cookies.lead!, 'POST', `/api/chronologies/${lone}/packs/preview`, { ...CONFERENCE, kind: 'professional', household: true });
    expect(res.body.household).toEqual({ name: null, siblings: [], householdEvents: 0, people: [] });
  });

  it('refuses a household option that is not true or false, naming the field, and produces nothing', async () => {
    const res = await preview('hv', { kind: 'professional', household: 'yes' });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body.error.fields ?? res.body)).toContain('household');
  });

  it('the audit record of a pack names the household and the siblings it named', async () => {
    await download('lead', { kind: 'professional', format: 'pdf', household: true });
    const records = (await server.api(cookies.lead!, 'GET', `/api/chronologies/${ava}/audit?limit=1000`)).body.records as Array<{ action: string; actorAgency: string; details: Record<string, unknown> }>;
    // The lead's only professional pack (earlier it produced the family version, which carries no people).
    const pack = records.find((r) => r.action === 'chronology:pack' && r.actorAgency === 'oxfordshire-csc' && r.details.kind === 'professional');
    expect(pack!.details.household).toEqual({ householdId, siblings: [ben], people: 0 });
    expect(pack!.details.options).toMatchObject({ household: true });
  });

  it('a household event recorded once is marked in this child’s pack; the sibling’s copy is not in it', async () => {
    // The school is a member of both children's chronologies: one copy on each.
    const event = await server.api(cookies.dsl!, 'POST', `/api/households/${householdId}/events`, { date: '2026-11-20', category: 'other', summary: 'Eviction notice served on the family', sharing: 'family' });
    expect(event.status, JSON.stringify(event.body)).toBe(201);
    const copies = event.body.entries as Array<{ chronologyId: string; entryId: string }>;
    const avaCopy = copies.find((c) => c.chronologyId === ava)!.entryId;
    const benCopy = copies.find((c) => c.chronologyId === ben)!.entryId;
    for (const kind of ['professional', 'family'] as const) {
      const res = await preview(kind === 'family' ? 'lead' : 'hv', { kind, household: true });
      const rows = res.body.rows as Array<{ entryId: string; householdEvent?: true }>;
      expect(rows.find((r) => r.entryId === avaCopy)?.householdEvent, kind).toBe(true);
      expect(rows.filter((r) => r.householdEvent).length, kind).toBe(1);
      expect(res.body.household.householdEvents, kind).toBe(1);
      expect(JSON.stringify(res.body), kind).not.toContain(benCopy);
    }
    // Not asked for: the same row, unmarked.
    const plain = await preview('hv', { kind: 'professional' });
    expect(plain.body.rows.find((r: { entryId: string }) => r.entryId === avaCopy)).not.toHaveProperty('householdEvent');
    const { bytes } = await download('hv', { kind: 'professional', format: 'pdf', household: true });
    const text = squash(pdfText(bytes));
    expect(text).toContain(squash('HOUSEHOLD EVENT'));
    expect(text).toContain(squash('1 entry in this pack is a household event'));
  });

  it('the adults around the child: the professional version has them with the flags shared with professionals; the family version has no person and no flag', async () => {
    const person = await server.api(cookies.police!, 'POST', `/api/chronologies/${ava}/people`, { givenName: 'Ray', familyName: 'Stone', relationship: 'partner-of-mother' });
    expect(person.status, JSON.stringify(person.body)).toBe(201);
    const ray = person.body.id as string;
    const shared = await server.api(cookies.police!, 'POST', `/api/people/${ray}/flags`, { kind: 'poses-risk-to-children', reason: 'Breach of a restraining order', sharing: 'professionals' });
    expect(shared.status, JSON.stringify(shared.body)).toBe(201);
    const own = await server.api(cookies.police!, 'POST', `/api/people/${ray}/flags`, { kind: 'other-concern', reason: 'AGENCY-ONLY-INTEL', sharing: 'agency' });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    // Produced by the police, who may see their own agency-only flag: it still stays out of the pack.
    for (const who of ['police', 'hv'] as const) {
      const res = await preview(who, { kind: 'professional', household: true });
      expect(res.body.household.people, who).toEqual([
        { name: 'Ray Stone', relationship: 'Mother’s partner', flags: [{ kind: 'Poses a risk to children', agencyName: 'Thames Valley Police', since: expect.any(String), reason: 'Breach of a restraining order' }] },
      ]);
      expect(JSON.stringify(res.body), who).not.toContain('AGENCY-ONLY-INTEL');
    }
    const { bytes } = await download('police', { kind: 'professional', format: 'pdf', household: true });
    const text = squash(pdfText(bytes));
    expect(text).toContain(squash('The adults around the child'));
    expect(text).toContain(squash('Breach of a restraining order'));
    expect(text).not.toContain(squash('AGENCY-ONLY-INTEL'));
    // The family version: no person, no flag, in the preview or the PDF.
    const family = await preview('lead', { kind: 'family', household: true });
    expect(family.body.household.people).toBeUndefined();
    const familyPdf = squash(pdfText((await download('lead', { kind: 'family', format: 'pdf', household: true })).bytes));
    for (const forbidden of ['Ray Stone', 'Poses a risk', 'restraining order', 'AGENCY-ONLY-INTEL']) {
      expect(JSON.stringify(family.body), forbidden).not.toContain(forbidden);
      expect(familyPdf, forbidden).not.toContain(squash(forbidden));
    }
  });
});
