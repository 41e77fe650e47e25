import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from './testing.js';

let server: TestServer;
let lead: string, police: string, hv: string, dsl: string, admin: string;
let id: string;

const post = (cookie: string, body: Record<string, unknown>) => server.api(cookie, 'POST', `/api/chronologies/${id}/entries`, { category: 'other', summary: 'x', ...body });
const highlights = async (cookie: string, asOf = '2024-12-31') => (await server.api(cookie, 'GET', `/api/chronologies/${id}/patterns?asOf=${asOf}`)).body.highlights as { id: string; ruleId: string; entryIds: string[]; explanation: string; review: unknown; reopened: boolean; window: { from: string; to: string } }[];

beforeAll(async () => {
  server = await startTestServer();
  lead = await server.login(DEMO.lead);
  police = await server.login(DEMO.police);
  hv = await server.login(DEMO.hv);
  dsl = await server.login(DEMO.dsl);
  admin = await server.login(DEMO.admin);
  id = (await server.api(lead, 'POST', '/api/chronologies', { child: { givenName: 'Pattern', familyName: 'Case', dateOfBirth: '2012-05-01' }, memberAgencies: ['thames-valley-police', 'oxford-health-hv', 'northway-primary'] })).body.id;
});
afterAll(async () => {
  await server?.stop();
});

describe('patterns API', () => {
  it('explains each highlight for the demo chronologies', async () => {
    const list = await server.api(lead, 'GET', '/api/chronologies');
    const all = await Promise.all(list.body.chronologies.map((c: { id: string }) => server.api(lead, 'GET', `/api/chronologies/${c.id}/patterns`)));
    const found = all.flatMap((r) => r.body.highlights);
    expect(found.length).toBeGreaterThan(5);
    for (const h of found) {
      expect(h.explanation.length).toBeGreaterThan(20);
      expect(h.entryIds.length).toBeGreaterThan(0);
    }
    expect(list.body.chronologies.some((c: { openHighlights: number }) => c.openHighlights > 0)).toBe(true);
  });

  it('never lets another agency’s restricted entry change what a user is shown', async () => {
    expect((await post(hv, { date: '2024-03-01', category: 'self-harm', summary: 'Disclosed self-harm at the health review' })).status).toBe(201);
    const before = await highlights(hv);
    expect(before.filter((h) => h.ruleId === 'repeat-self-harm')).toEqual([]);
    expect((await post(police, { date: '2024-03-20', category: 'self-harm', summary: 'Found cutting; taken to ED (intelligence)', restricted: true })).status).toBe(201);
    // The police see the pattern their restricted entry completes...
    expect((await highlights(police)).filter((h) => h.ruleId === 'repeat-self-harm')).toHaveLength(1);
    // ...and nobody else's view changes by so much as a window or a count.
    expect(await highlights(hv)).toEqual(before);
    expect((await highlights(dsl)).filter((h) => h.ruleId === 'repeat-self-harm')).toEqual([]);
  });

  it('ignores entries after asOf and withdrawn entries', async () => {
    await post(hv, { date: '2024-04-01', category: 'self-harm', summary: 'Second disclosure of self-harm' });
    expect((await highlights(hv, '2024-12-31')).filter((h) => h.ruleId === 'repeat-self-harm')).toHaveLength(1);
    expect((await highlights(hv, '2024-03-15')).filter((h) => h.ruleId === 'repeat-self-harm')).toHaveLength(0);
    const bad = await server.api(hv, 'GET', `/api/chronologies/${id}/patterns?asOf=2024-02-30`);
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields[0].field).toBe('asOf');
  });

  it('keeps reviews with who and when, reopens them when the entries change, and needs a reason to dismiss', async () => {
    const h = (await highlights(hv)).find((x) => x.ruleId === 'repeat-self-harm')!;
    const url = `/api/chronologies/${id}/patterns/${encodeURIComponent(h.id)}/review`;
    expect((await server.api(hv, 'POST', url, { status: 'reviewed', note: 'seen' })).status).toBe(403);
    expect((await server.api(dsl, 'POST', url, { status: 'dismissed', note: ' ' })).status).toBe(422);
    const reviewed = await server.api(dsl, 'POST', url, { status: 'reviewed', note: 'Discussed with CAMHS; safety plan in place.' });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.review).toMatchObject({ status: 'reviewed', note: 'Discussed with CAMHS; safety plan in place.', byName: expect.any(String) });
    // Nothing is hidden by a review: the highlight is still listed.
    const after = (await highlights(hv)).find((x) => x.id === h.id)!;
    expect(after.review).not.toBeNull();

    const entryId = h.entryIds[0]!;
    expect((await server.api(hv, 'PATCH', `/api/chronologies/${id}/entries/${entryId}`, { detail: 'Wounds more serious than first reported.' })).status).toBe(200);
    const reopened = (await highlights(hv)).find((x) => x.id === h.id)!;
    expect(reopened.review).toBeNull();
    expect(reopened.reopened).toBe(true);
    const trail = await server.api(lead, 'GET', `/api/chronologies/${id}/audit?action=pattern:reviewed`);
    expect(trail.body.records).toHaveLength(1);
  });

  it('applies the partnership configuration and rejects an invalid one', async () => {
    const invalid = await server.api(admin, 'PUT', '/api/admin/pattern-config', { rules: { 'repeat-self-harm': { thresholds: { nonsense: 3 } } } });
    expect(invalid.status).toBe(422);
    expect(JSON.stringify(invalid.body.error.fields)).toContain('nonsense');
    const off = await server.api(admin, 'PUT', '/api/admin/pattern-config', { rules: { 'repeat-self-harm': { enabled: false } } });
    expect(off.status).toBe(200);
    expect((await highlights(hv)).filter((h) => h.ruleId === 'repeat-self-harm')).toEqual([]);
    expect((await server.api(hv, 'GET', '/api/pattern-config')).body.config.rules['repeat-self-harm'].enabled).toBe(false);
    await server.api(admin, 'PUT', '/api/admin/pattern-config', { rules: {} });
  });
});

describe('pattern episodes', () => {
  type EpisodeBody = { id: string; from: string; to: string; severity: string; highlightIds: string[]; status: string };
  const get = async (cookie: string, chronologyId: string, asOf: string) => (await server.api(cookie, 'GET', `/api/chronologies/${chronologyId}/patterns?asOf=${asOf}`)).body as { highlights: { id: string; ruleId: string }[]; episodes: EpisodeBody[] };
  let case2: string;

  beforeAll(async () => {
    case2 = (await server.api(lead, 'POST', '/api/chronologies', { child: { givenName: 'Episode', familyName: 'Case', dateOfBirth: '2013-02-01' }, memberAgencies: ['thames-valley-police', 'oxford-health-hv', 'northway-primary'] })).body.id;
    const add = (cookie: string, date: string, category: string, extra: Record<string, unknown> = {}) =>
      server.api(cookie, 'POST', `/api/chronologies/${case2}/entries`, { date, category, summary: `${category} recorded`, ...extra });
    // One burst in spring 2024 (several rules fire on it), and a separate one in autumn.
    for (const [cookie, date, category] of [
      [police, '2024-03-01', 'domestic-abuse-incident'],
      [hv, '2024-03-10', 'neglect-concern'],
      [police, '2024-03-20', 'domestic-abuse-incident'],
      [hv, '2024-04-01', 'neglect-concern'],
      [police, '2024-04-15', 'domestic-abuse-incident'],
      [hv, '2024-10-01', 'self-harm'],
      [hv, '2024-10-20', 'self-harm'],
    ] as const) {
      expect((await add(cookie, date, category)).status).toBe(201);
    }
  });

  it('groups every highlight into exactly one episode, with exactly the contract fields', async () => {
    const body = await get(hv, case2, '2024-12-31');
    expect(body.highlights.length).toBeGreaterThan(2);
    expect(body.episodes.length).toBe(2);
    for (const e of body.episodes) expect(Object.keys(e).sort()).toEqual(['from', 'highlightIds', 'id', 'severity', 'status', 'to']);
    expect(body.episodes.flatMap((e) => e.highlightIds).sort()).toEqual(body.highlights.map((h) => h.id).sort());
    const spring = body.episodes.find((e) => e.from === '2024-03-01')!;
    expect(spring.highlightIds.length).toBeGreaterThan(1);
    expect(spring.status).toBe('current');
  });

  it('makes an old episode past once every pattern in it has been reviewed, and only then', async () => {
    const later = '2025-06-30';
    const before = await get(dsl, case2, later);
    const autumn = before.episodes.find((e) => e.from === '2024-10-01')!;
    // Ended more than six months before asOf but not reviewed: still current.
    expect(autumn.status).toBe('current');
    for (const highlightId of autumn.highlightIds) {
      const url = `/api/chronologies/${case2}/patterns/${encodeURIComponent(highlightId)}/review`;
      expect((await server.api(dsl, 'POST', url, { status: 'reviewed', note: 'Safety plan with CAMHS in place.' })).status).toBe(200);
    }
    const after = await get(dsl, case2, later);
    expect(after.episodes.find((e) => e.id === autumn.id)!.status).toBe('past');
    // Read nearer its end, the same reviewed episode is current again: it ended too recently.
    expect((await get(dsl, case2, '2024-12-31')).episodes.find((e) => e.from === '2024-10-01')!.status).toBe('current');
  });

  it('never lets another agency’s restricted entry change the episodes a user is shown', async () => {
    const before = await get(hv, case2, '2024-12-31');
    // A restricted police entry after the spring burst: a fourth domestic abuse incident within the year.
    expect((await server.api(police, 'POST', `/api/chronologies/${case2}/entries`, { date: '2024-07-01', category: 'domestic-abuse-incident', summary: 'Intelligence', restricted: true })).status).toBe(201);
    // The police's own episode stretches to it...
    expect((await get(police, case2, '2024-12-31')).episodes.find((e) => e.from === '2024-03-01')!.to).toBe('2024-07-01');
    // ...and nobody else's episodes change.
    expect((await get(hv, case2, '2024-12-31')).episodes).toEqual(before.episodes);
  });
});
