/**
 * The analysis of a chronology (issue 15) over the real server: the lead writes the summary (versions,
 * optimistic concurrency), each member agency records its own view (dissent kept), nobody else writes,
 * bad input changes nothing, a chronology you may not see answers 404, and every read and write is audited.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ANALYSIS_LIMITS } from '@mac/domain';
import { analysisDocName, getAnalysisText } from '@mac/sync';
import { pdfText, squash } from './services/conference/pdf-inspect.js';
import { connect, upgradeStatus, type Client } from './sync-testing.js';
import { DEMO, startTestServer, type TestServer } from './testing.js';

let server: TestServer;
const cookies: Record<string, string> = {};
let id: string;
let token: string;
const MISSING = '00000000-0000-4000-8000-000000000000';

const get = (who: string, path = '') => server.api(cookies[who] ?? null, 'GET', `/api/chronologies/${id}/analysis${path}`);
const putSummary = (who: string, body: unknown, ifMatch?: string) => server.api(cookies[who] ?? null, 'PUT', `/api/chronologies/${id}/analysis`, body, ifMatch ? { 'if-match': ifMatch } : {});
const putView = (who: string, agency: string, body: unknown) => server.api(cookies[who] ?? null, 'PUT', `/api/chronologies/${id}/analysis/views/${agency}`, body);

beforeAll(async () => {
  server = await startTestServer();
  for (const who of ['lead', 'police', 'dsl', 'hv', 'outsider', 'admin'] as const) cookies[who] = await server.login(DEMO[who]);
  const created = await server.api(cookies.lead!, 'POST', '/api/chronologies', {
    child: { givenName: 'Analysis', familyName: 'Child', dateOfBirth: '2018-02-03' },
    memberAgencies: ['thames-valley-police', 'northway-primary', 'oxford-health-hv'],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  id = created.body.id;
  const issued = (await server.api(cookies.admin!, 'POST', '/api/admin/tokens', { agency: 'thames-valley-police', name: 'TVP analysis test' })).body;
  await server.approve('tokens', issued.record.id);
  token = issued.token;
});
afterAll(async () => {
  await server?.stop();
});

describe('the lead’s summary', () => {
  it('is empty, version 0, before anyone writes it; any member reads it', async () => {
    for (const who of ['lead', 'police', 'dsl', 'hv']) {
      const res = await get(who);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ text: '', familySummary: '', version: 0, updatedAt: null, updatedBy: null, views: [] });
      expect(res.headers.get('etag')).toBe('"analysis-v0"');
    }
  });

  it('the lead saves versions; each save is kept in the history', async () => {
    const first = await putSummary('lead', { text: 'Neglect escalating since September: the child is not being seen.' }, '"analysis-v0"');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ version: 1, updatedBy: expect.any(String), familySummary: '' });
    expect(first.headers.get('etag')).toBe('"analysis-v1"');
    const second = await putSummary('lead', { text: 'Neglect escalating; school and police concerns agree.', familySummary: 'We are worried Sam is not being looked after well enough.' }, '"analysis-v1"');
    expect(second.body).toMatchObject({ version: 2, text: 'Neglect escalating; school and police concerns agree.' });
    // familySummary left out: kept as it was.
    const third = await putSummary('lead', { text: 'Neglect escalating; all agencies have concerns.' }, '"analysis-v2"');
    expect(third.body).toMatchObject({ version: 3, familySummary: 'We are worried Sam is not being looked after well enough.' });
    const police = await get('police');
    expect(police.body).toMatchObject({ version: 3, text: 'Neglect escalating; all agencies have concerns.' });
    const history = await get('hv', '/history');
    expect(history.status).toBe(200);
    expect(history.body.versions.map((v: { version: number; text: string }) => [v.version, v.text.slice(0, 20)])).toEqual([
      [1, 'Neglect escalating s'],
      [2, 'Neglect escalating; '],
      [3, 'Neglect escalating; '],
    ]);
  });

  it('a save from an old version answers 409 and writes nothing', async () => {
    const res = await putSummary('lead', { text: 'Overwriting someone else’s work' }, '"analysis-v1"');
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'analysis_conflict', version: 3 });
    expect((await get('lead')).body).toMatchObject({ version: 3, text: 'Neglect escalating; all agencies have concerns.' });
  });

  it('nobody but the lead writes it: 403 for members, 404 for those who may not see the chronology', async () => {
    for (const who of ['police', 'dsl', 'hv']) expect((await putSummary(who, { text: `written by ${who}` })).status).toBe(403);
    const byToken = await server.api(null, 'PUT', `/api/chronologies/${id}/analysis`, { text: 'by a system' }, { authorization: `Bearer ${token}` });
    expect(byToken.status).toBe(403);
    const notFound = (await server.api(cookies.outsider!, 'GET', `/api/chronologies/${MISSING}`)).body;
    for (const who of ['outsider', 'admin']) {
      for (const res of [await get(who), await get(who, '/history'), await putSummary(who, { text: 'x' }), await putView(who, who === 'admin' ? 'oscp' : 'probation-service', { position: 'agree' })]) {
        expect(res.status).toBe(404);
        expect(res.body).toEqual(notFound);
      }
    }
    expect((await server.api(null, 'PUT', `/api/chronologies/${id}/analysis`, { text: 'anonymous' })).status).toBe(401);
    expect((await get('lead')).body).toMatchObject({ version: 3, text: 'Neglect escalating; all agencies have concerns.' });
  });

  it('bad input answers 422 naming each field, and changes nothing', async () => {
    const cases: Array<[unknown, string[], string?]> = [
      [{ text: 'x'.repeat(ANALYSIS_LIMITS.text + 1) }, ['text']],
      [{ text: 'ok', familySummary: 'y'.repeat(ANALYSIS_LIMITS.familySummary + 1) }, ['familySummary']],
      [{}, ['text']],
      [{ text: 42 }, ['text']],
      [{ text: 'fine' }, ['If-Match'], 'v2'],
    ];
    for (const [body, fields, ifMatch] of cases) {
      const res = await putSummary('lead', body, ifMatch);
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.body.error.code).toBe('invalid');
      expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual(fields);
    }
    expect((await get('lead')).body.version).toBe(3);
  });
});

describe('each agency’s view', () => {
  it('an agency agrees, then differs with reasons: the current view changes and the earlier one is kept', async () => {
    const agree = await putView('police', 'thames-valley-police', { position: 'agree' });
    expect(agree.status, JSON.stringify(agree.body)).toBe(200);
    expect(agree.body.views).toEqual([{ agency: 'thames-valley-police', position: 'agree', text: '', by: expect.any(String), at: expect.any(String), onVersion: 3 }]);
    const differ = await putView('police', 'thames-valley-police', { position: 'differ', text: 'The risk from the new partner is under-stated.' });
    expect(differ.status).toBe(200);
    const school = await putView('dsl', 'northway-primary', { position: 'agree', text: 'Matches what we see in school.' });
    expect(school.body.views.map((v: { agency: string; position: string }) => [v.agency, v.position])).toEqual([
      ['thames-valley-police', 'differ'],
      ['northway-primary', 'agree'],
    ]);
    // Dissent is never overwritten: both police views are in the history, in order.
    const history = (await get('lead', '/history')).body;
    expect(history.views.filter((v: { agency: string }) => v.agency === 'thames-valley-police').map((v: { position: string }) => v.position)).toEqual(['agree', 'differ']);
  });

  it('a differing view without reasons, or a position that is not one, answers 422 and records nothing', async () => {
    for (const [body, field] of [
      [{ position: 'differ' }, 'text'],
      [{ position: 'differ', text: '   ' }, 'text'],
      [{ position: 'unsure', text: 'hmm' }, 'position'],
      [{ position: 'agree', text: 'z'.repeat(ANALYSIS_LIMITS.viewText + 1) }, 'text'],
    ] as const) {
      const res = await putView('hv', 'oxford-health-hv', body);
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual([field]);
    }
    expect((await get('hv')).body.views.some((v: { agency: string }) => v.agency === 'oxford-health-hv')).toBe(false);
  });

  it('nobody records another agency’s view, nor an agency system its own', async () => {
    expect((await putView('hv', 'thames-valley-police', { position: 'agree' })).status).toBe(403);
    expect((await putView('lead', 'northway-primary', { position: 'differ', text: 'overruled' })).status).toBe(403);
    expect((await putView('police', 'probation-service', { position: 'agree' })).status).toBe(403);
    const byToken = await server.api(null, 'PUT', `/api/chronologies/${id}/analysis/views/thames-valley-police`, { position: 'agree' }, { authorization: `Bearer ${token}` });
    expect(byToken.status).toBe(403);
    const views = (await get('lead')).body.views;
    expect(views.find((v: { agency: string }) => v.agency === 'thames-valley-police')).toMatchObject({ position: 'differ' });
    expect(views.find((v: { agency: string }) => v.agency === 'northway-primary')).toMatchObject({ position: 'agree' });
  });
});

describe('the audit trail', () => {
  it('records every read, save, view and refusal of the analysis', async () => {
    const trail = await server.api(cookies.lead!, 'GET', `/api/chronologies/${id}/audit?limit=500`);
    expect(trail.status).toBe(200);
    const records = trail.body.records as Array<{ action: string; outcome: string; details: Record<string, unknown> }>;
    const count = (action: string, outcome = 'allowed') => records.filter((r) => r.action === action && r.outcome === outcome).length;
    expect(count('analysis:save')).toBe(3);
    expect(count('analysis:save', 'refused')).toBeGreaterThanOrEqual(5); // the conflict, three members and the token
    expect(count('analysis:view')).toBe(3);
    expect(count('analysis:view', 'refused')).toBeGreaterThanOrEqual(4);
    expect(count('analysis:read')).toBeGreaterThanOrEqual(5);
    expect(count('analysis:history')).toBeGreaterThanOrEqual(2);
    expect(records.find((r) => r.action === 'analysis:view' && r.outcome === 'allowed')?.details).toMatchObject({ agency: expect.any(String), position: expect.any(String) });
  });
});

describe('the live summary', () => {
  let liveId: string;
  const clients: Client[] = [];
  const open = (who: string) => {
    const client = connect(server.origin, cookies[who]!, analysisDocName(liveId));
    clients.push(client);
    return client;
  };
  const synced = (client: Client) => vi.waitFor(() => expect(client.provider.synced).toBe(true), { timeout: 10_000 });
  const textOf = (client: Client) => getAnalysisText(client.doc).toString();
  const liveGet = (who: string, path = '') => server.api(cookies[who]!, 'GET', `/api/chronologies/${liveId}/analysis${path}`);

  beforeAll(async () => {
    liveId = (await server.api(cookies.lead!, 'POST', '/api/chronologies', { child: { givenName: 'Live', familyName: 'Analysis' }, memberAgencies: ['thames-valley-police', 'oxford-health-hv'] })).body.id;
  });
  afterAll(() => {
    for (const client of clients) client.destroy();
  });

  it('the lead types, every member sees it as it is written, and a read finds it as the latest version', async () => {
    const lead = open('lead');
    const police = open('police');
    await Promise.all([synced(lead), synced(police)]);
    getAnalysisText(lead.doc).insert(0, 'Live: the child is not being seen.');
    await vi.waitFor(() => expect(textOf(police)).toBe('Live: the child is not being seen.'), { timeout: 10_000 });
    const read = await liveGet('hv');
    expect(read.body).toMatchObject({ text: 'Live: the child is not being seen.', version: 1, updatedBy: expect.any(String) });
    // Nothing typed since: reading again writes no new version.
    expect((await liveGet('police')).body.version).toBe(1);
  });

  it('another member’s update is refused whole (4409) and changes nothing; a non-member cannot open the document', async () => {
    const hv = open('hv');
    await synced(hv);
    getAnalysisText(hv.doc).insert(0, 'HV rewrites the analysis. ');
    await vi.waitFor(() => expect(hv.closes.map((c) => c.code)).toContain(4409), { timeout: 10_000 });
    expect((await liveGet('lead')).body).toMatchObject({ text: 'Live: the child is not being seen.', version: 1 });
    expect(await upgradeStatus(server.origin, `/sync/${analysisDocName(liveId)}`, { cookie: cookies.outsider!, origin: server.origin })).toBe(404);
    expect(await upgradeStatus(server.origin, `/sync/${analysisDocName(liveId)}`, { cookie: cookies.admin!, origin: server.origin })).toBe(404);
  });

  it('a REST save writes the same text: open editors see it at once, and it is the next version', async () => {
    const [lead, police] = clients;
    const saved = await server.api(cookies.lead!, 'PUT', `/api/chronologies/${liveId}/analysis`, { text: 'Saved over REST: the child is not being seen at home.' }, { 'if-match': '"analysis-v1"' });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.version).toBe(2);
    await vi.waitFor(() => {
      expect(textOf(lead!)).toBe('Saved over REST: the child is not being seen at home.');
      expect(textOf(police!)).toBe('Saved over REST: the child is not being seen at home.');
    }, { timeout: 10_000 });
    // Typing after the save, then saving from the version before the typing: overtaken, 409, nothing written.
    getAnalysisText(lead!.doc).insert(getAnalysisText(lead!.doc).length, ' Typed live.');
    await vi.waitFor(() => expect(textOf(police!)).toContain('Typed live.'), { timeout: 10_000 });
    const stale = await server.api(cookies.lead!, 'PUT', `/api/chronologies/${liveId}/analysis`, { text: 'From an old copy' }, { 'if-match': '"analysis-v2"' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.version).toBe(3);
    expect(textOf(police!)).toBe('Saved over REST: the child is not being seen at home. Typed live.');
    const history = (await liveGet('police', '/history')).body.versions.map((v: { version: number; text: string }) => v.text);
    expect(history).toEqual(['Live: the child is not being seen.', 'Saved over REST: the child is not being seen at home.', 'Saved over REST: the child is not being seen at home. Typed live.']);
  });

  it('typing that stops becomes a version by itself, without anyone reading it', async () => {
    const [lead] = clients;
    const before = (await server.deps.repos.analysis.latest(liveId))!.version;
    getAnalysisText(lead!.doc).insert(0, 'Quiet: ');
    // Nobody reads the analysis: the version is written once the text has been quiet (5 s).
    await vi.waitFor(
      async () => {
        const latest = await server.deps.repos.analysis.latest(liveId);
        expect(latest?.version).toBe(before + 1);
        expect(latest?.text).toBe('Quiet: Saved over REST: the child is not being seen at home. Typed live.');
      },
      { timeout: 20_000, interval: 250 },
    );
  });

  it('each version typed live is audited as the lead’s save over the websocket', async () => {
    const trail = (await server.api(cookies.lead!, 'GET', `/api/chronologies/${liveId}/audit?limit=500`)).body.records as Array<{ action: string; outcome: string; actorAgency: string; details: Record<string, unknown> }>;
    const saves = trail.filter((r) => r.action === 'analysis:save' && r.outcome === 'allowed');
    expect(saves.map((r) => r.details.via).sort()).toEqual(['rest', 'websocket', 'websocket', 'websocket']);
    expect(saves.every((r) => r.actorAgency === 'oxfordshire-csc')).toBe(true);
    expect(trail.some((r) => r.action === 'sync.update' && r.outcome === 'refused' && r.actorAgency === 'oxford-health-hv')).toBe(true);
  });
});

describe('conference packs and snapshots', () => {
  const CONFERENCE = { conferenceDate: '2026-12-10' };
  const PROFESSIONAL_TEXT = 'Neglect escalating; all agencies have concerns.';
  const POLICE_REASONS = 'The risk from the new partner is under-stated.';
  const FAMILY_TEXT = 'We are worried Sam is not being looked after well enough.';
  const pack = async (who: string, body: Record<string, unknown>, chronologyId = id) => {
    const res = await fetch(`${server.origin}/api/chronologies/${chronologyId}/packs`, {
      method: 'POST',
      headers: { cookie: cookies[who]!, origin: server.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ ...CONFERENCE, ...body }),
    });
    expect(res.status).toBe(200);
    return { bytes: Buffer.from(await res.arrayBuffer()), snapshotId: res.headers.get('x-mac-snapshot')! };
  };
  const preview = (who: string, kind: string, chronologyId = id) => server.api(cookies[who]!, 'POST', `/api/chronologies/${chronologyId}/packs/preview`, { kind, ...CONFERENCE });

  it('the professional pack shows the summary and every agency’s view, dissent with its reasons', async () => {
    const res = await preview('hv', 'professional');
    expect(res.status).toBe(200);
    expect(res.body.analysis).toMatchObject({ text: PROFESSIONAL_TEXT, version: 3, updatedBy: expect.any(String) });
    expect(res.body.analysis.views).toEqual([
      expect.objectContaining({ agency: 'thames-valley-police', agencyName: expect.any(String), position: 'differ', text: POLICE_REASONS }),
      expect.objectContaining({ agency: 'northway-primary', position: 'agree' }),
    ]);
    const text = pdfText((await pack('police', { kind: 'professional', format: 'pdf' })).bytes);
    expect(text).toContain('Analysis');
    expect(squash(text)).toContain(squash(PROFESSIONAL_TEXT));
    expect(squash(text)).toContain(squash(POLICE_REASONS));
    expect(text).toMatch(/takes a different view/);
  });

  it('the family version shows only the summary written for the family: no professional summary, no agency’s view, nobody named', async () => {
    const res = await preview('lead', 'family');
    expect(res.status).toBe(200);
    expect(res.body.analysis).toEqual({ text: FAMILY_TEXT, version: 3, updatedAt: expect.any(String), views: [] });
    const json = JSON.stringify(res.body);
    for (const forbidden of [PROFESSIONAL_TEXT, POLICE_REASONS, 'Matches what we see in school.']) expect(json).not.toContain(forbidden);
    const text = squash(pdfText((await pack('lead', { kind: 'family', format: 'pdf' })).bytes));
    expect(text).toContain(squash(FAMILY_TEXT));
    for (const forbidden of [PROFESSIONAL_TEXT, POLICE_REASONS, 'Matches what we see in school.', 'differentview']) expect(text).not.toContain(squash(forbidden));
  });

  it('a family version carries no analysis at all when the lead wrote no family summary', async () => {
    const other = (await server.api(cookies.lead!, 'POST', '/api/chronologies', { child: { givenName: 'NoFamily', familyName: 'Summary' }, memberAgencies: ['thames-valley-police'] })).body.id;
    expect((await server.api(cookies.lead!, 'PUT', `/api/chronologies/${other}/analysis`, { text: 'PROFESSIONAL-ONLY analysis' })).status).toBe(200);
    expect((await server.api(cookies.police!, 'PUT', `/api/chronologies/${other}/analysis/views/thames-valley-police`, { position: 'differ', text: 'POLICE-DISSENT' })).status).toBe(200);
    const family = await preview('lead', 'family', other);
    expect(family.body.analysis).toBeUndefined();
    expect(JSON.stringify(family.body)).not.toMatch(/PROFESSIONAL-ONLY|POLICE-DISSENT/);
    expect(squash(pdfText((await pack('lead', { kind: 'family', format: 'pdf' }, other)).bytes))).not.toMatch(/PROFESSIONALONLY|POLICEDISSENT/);
    expect((await preview('lead', 'professional', other)).body.analysis.views[0]).toMatchObject({ position: 'differ', text: 'POLICE-DISSENT' });
  });

  it('a snapshot freezes the analysis as it stood; later changes do not reach it', async () => {
    const { snapshotId } = await pack('hv', { kind: 'professional', format: 'csv' });
    const saved = await putSummary('lead', { text: 'Changed after the conference.' });
    expect(saved.status).toBe(200);
    await putView('dsl', 'northway-primary', { position: 'differ', text: 'Changed our view after the conference.' });
    const opened = await server.api(cookies.police!, 'GET', `/api/chronologies/${id}/snapshots/${snapshotId}`);
    expect(opened.status).toBe(200);
    expect(opened.body.analysis).toMatchObject({ text: PROFESSIONAL_TEXT, version: 3, familySummary: FAMILY_TEXT });
    expect(opened.body.analysis.views.map((v: { agency: string; position: string }) => [v.agency, v.position])).toEqual([
      ['thames-valley-police', 'differ'],
      ['northway-primary', 'agree'],
    ]);
    expect((await get('police')).body).toMatchObject({ text: 'Changed after the conference.', version: 4 });
  });
});
