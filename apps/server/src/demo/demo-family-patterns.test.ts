// The demo partnership shows the family rules on realistic histories (issue 14 item 6): the Turner
// household's lead sees Kai's earlier child protection plan on Leo's patterns, and the mother's partner,
// flagged by the police, coming back after a gap, and the household events clustering on both children; the health visitor, a member of Leo's chronology only,
// sees neither Kai's plan nor anything else of Kai's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from '../testing.js';

let server: TestServer;
let lead: string, hv: string;
let leo: string, kai: string;

beforeAll(async () => {
  server = await startTestServer();
  [lead, hv] = (await Promise.all([DEMO.lead, DEMO.hv].map((email) => server.login(email)))) as [string, string];
  const list = (await server.api(lead, 'GET', '/api/chronologies')).body.chronologies as Array<{ id: string; child: { givenName: string; familyName: string } }>;
  leo = list.find((c) => c.child.givenName === 'Leo' && c.child.familyName === 'Turner')!.id;
  kai = list.find((c) => c.child.givenName === 'Kai' && c.child.familyName === 'Turner')!.id;
});
afterAll(async () => {
  await server?.stop();
});

type Highlight = { ruleId: string; severity: string; explanation: string; sibling?: { chronologyId: string } };
const rulesOf = async (cookie: string, id: string) => ((await server.api(cookie, 'GET', `/api/chronologies/${id}/patterns`)).body.highlights as Highlight[]).filter((h) => ['sibling-previously-on-plan', 'known-adult-returns', 'household-event-cluster'].includes(h.ruleId));

describe('the demo Turner household and the family rules', () => {
  it("shows Leo's lead Kai's earlier plan and a known adult coming back", async () => {
    const found = await rulesOf(lead, leo);
    expect(found.find((h) => h.ruleId === 'sibling-previously-on-plan')).toMatchObject({ sibling: { chronologyId: kai } });
    expect(found.find((h) => h.ruleId === 'sibling-previously-on-plan')!.explanation).toMatch(/^Kai, a linked sibling, had a child protection plan/);
    expect(found.some((h) => h.ruleId === 'known-adult-returns')).toBe(true);
  });

  it('shows the household events of November 2026 clustering on both children', async () => {
    for (const id of [leo, kai]) expect((await rulesOf(lead, id)).map((h) => h.ruleId), id === leo ? 'Leo' : 'Kai').toContain('household-event-cluster');
  });

  it("shows the health visitor (not a member of Kai's chronology) nothing of Kai", async () => {
    const found = await rulesOf(hv, leo);
    expect(found.map((h) => h.ruleId)).not.toContain('sibling-previously-on-plan');
    expect(JSON.stringify(await server.api(hv, 'GET', `/api/chronologies/${leo}/patterns`))).not.toContain(kai);
  });
});
