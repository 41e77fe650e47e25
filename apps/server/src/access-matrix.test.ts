/**
 * The access matrix, generated from the routes themselves: every operation in the OpenAPI document ×
 * every kind of caller × a chronology they belong to, one they don't and one that doesn't exist (and for
 * entry routes: their own agency's entry, another agency's and a missing one). A route added without a
 * row in ROUTES fails this suite, so no route can escape it. Any unexpected status fails, and so does any
 * response that mentions a child the caller may not see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from './testing.js';

type Caller = 'lead' | 'police' | 'dsl' | 'hv' | 'outsider' | 'admin' | 'token' | 'anonymous';
const CALLERS: Caller[] = ['lead', 'police', 'dsl', 'hv', 'outsider', 'admin', 'token', 'anonymous'];
const AGENCY: Record<Caller, string> = {
  lead: 'oxfordshire-csc',
  police: 'thames-valley-police',
  dsl: 'northway-primary',
  hv: 'oxford-health-hv',
  outsider: 'probation-service',
  admin: 'oscp',
  token: 'thames-valley-police',
  anonymous: '',
};
type Target = 'member' | 'foreign' | 'missing';
type EntryTarget = 'own' | 'other' | 'missing';

interface Case {
  caller: Caller;
  target: Target;
  entry?: EntryTarget;
}

interface RouteSpec {
  /** Why a route is covered elsewhere instead (auth flows that end sessions). */
  skip?: string;
  scope: 'public' | 'user' | 'admin' | 'chronology' | 'entry';
  body?: (c: Case) => unknown;
  contentType?: string;
  /** A query string for routes that need one. */
  query?: (c: Case) => string;
  /**
   * Other forms of the operation (a query string each) that read differently: every case is asked again in
   * each, with the same expected answers, so a variant cannot open what the plain route refuses.
   */
  variants?: string[];
  /** Status when the caller may see the chronology (and, for entry routes, the entry). */
  allowed: (c: Case) => number;
  /** For routes whose rule is not "members only" (break-glass is for non-members): the whole answer. */
  custom?: (c: Case) => number;
}

const MISSING = '00000000-0000-4000-8000-000000000000';
const HEADER = 'date,time,agency,category,summary,detail,impact_on_child,action_taken,source_ref,recorded_by';
const isLeadOrDsl = (c: Case) => c.caller === 'lead' || c.caller === 'dsl';
const ownEntryWrite = (ok: number) => (c: Case) => (c.entry === 'own' ? ok : 403);

const ROUTES: Record<string, RouteSpec> = {
  'POST /api/auth/login': { skip: 'sign-in is tested in auth.test.ts', scope: 'public', allowed: () => 200 },
  'POST /api/auth/logout': { skip: 'ends the session: tested in auth.test.ts', scope: 'public', allowed: () => 204 },
  'POST /api/auth/password': { skip: 'ends every session: tested in auth.test.ts', scope: 'user', allowed: () => 204 },
  // Single sign-on is not configured on the matrix's server, so every caller gets 404 oidc_disabled (and
  // the status route says so); the flows themselves run against a local provider in services/oidc/oidc.test.ts.
  'GET /api/auth/oidc/status': { scope: 'public', allowed: () => 200, custom: () => 200 },
  'GET /api/auth/oidc/login': { scope: 'public', allowed: () => 404, custom: () => 404 },
  'GET /api/auth/oidc/callback': { scope: 'public', allowed: () => 404, custom: () => 404 },
  'GET /api/me': { scope: 'user', allowed: () => 200 },
  // The load balancer's health check: 200 for everyone (health.test.ts checks it says nothing about data).
  'GET /api/health': { scope: 'public', allowed: () => 200, custom: () => 200 },
  // 200 for everyone, signed in or not: the web app's cold-load probe (auth.test.ts checks the answers).
  'GET /api/auth/session': { scope: 'public', allowed: () => 200, custom: () => 200 },
  'GET /api/agencies': { scope: 'user', allowed: () => 200 },
  'GET /api/chronologies': { scope: 'user', allowed: () => 200 },
  'POST /api/chronologies': {
    scope: 'user',
    body: () => ({ child: { givenName: 'Matrix', familyName: 'Zebedee', dateOfBirth: '2020-01-01' }, memberAgencies: ['thames-valley-police'] }),
    allowed: (c) => (c.caller === 'lead' ? 201 : 403),
  },
  // The web app asks for the open-highlight count only if kept (nothing worked out for it).
  'GET /api/chronologies/{id}': { scope: 'chronology', allowed: () => 200, variants: ['?openHighlights=kept', '?openHighlights=none'] },
  'POST /api/chronologies/{id}/members': { scope: 'chronology', body: () => ({ agency: 'oxfordshire-lado' }), allowed: (c) => (c.caller === 'lead' ? 200 : 403) },
  'DELETE /api/chronologies/{id}/members/{agency}': { scope: 'chronology', allowed: (c) => (c.caller === 'lead' ? 200 : 403) },
  'GET /api/chronologies/{id}/entries': { scope: 'chronology', allowed: () => 200 },
  'POST /api/chronologies/{id}/entries': { scope: 'chronology', body: () => ({ date: '2024-01-02', category: 'other', summary: 'Matrix entry' }), allowed: () => 201 },
  'GET /api/chronologies/{id}/entries/{entryId}': { scope: 'entry', allowed: () => 200 },
  'PATCH /api/chronologies/{id}/entries/{entryId}': { scope: 'entry', body: () => ({ detail: 'amended by the matrix' }), allowed: ownEntryWrite(200) },
  'POST /api/chronologies/{id}/entries/{entryId}/withdraw': { scope: 'entry', body: () => ({ reason: 'matrix' }), allowed: ownEntryWrite(200) },
  'GET /api/chronologies/{id}/entries/{entryId}/history': { scope: 'entry', allowed: () => 200 },
  // Search across the caseload (issue 15): every content role and token; administrators have no content.
  // The words are in entries of the foreign chronology too (written in beforeAll): a result from it would
  // name its child, which the matrix looks for in every answer (search.test.ts has the leak tests proper).
  'GET /api/search': { scope: 'user', query: () => '?q=entry', allowed: (c) => (c.caller === 'admin' ? 403 : 200) },
  'POST /api/chronologies/{id}/import': {
    scope: 'chronology',
    contentType: 'text/csv',
    body: (c) => `${HEADER}\n2024-02-0${1 + CALLERS.indexOf(c.caller)},,${AGENCY[c.caller] || 'oxfordshire-csc'},other,Matrix import ${c.caller},,,,,`,
    allowed: () => 200,
  },
  'GET /api/chronologies/{id}/export.csv': { scope: 'chronology', allowed: () => 200 },
  'GET /api/chronologies/{id}/audit': { scope: 'chronology', allowed: (c) => (isLeadOrDsl(c) ? 200 : 403) },
  'GET /api/chronologies/{id}/access-report': { scope: 'chronology', allowed: (c) => (isLeadOrDsl(c) ? 200 : 403) },
  'GET /api/chronologies/{id}/patterns': { scope: 'chronology', allowed: () => 200 },
  // A server-sent event stream: the matrix reads its first event (testing.ts) and hangs up.
  'GET /api/chronologies/{id}/patterns/events': { scope: 'chronology', allowed: () => 200 },
  'GET /api/chronologies/{id}/patterns/family': { scope: 'chronology', allowed: () => 200 },
  'GET /api/chronologies/{id}/patterns/reviews': { scope: 'chronology', allowed: () => 200 },
  'POST /api/chronologies/{id}/patterns/{highlightId}/review': {
    scope: 'chronology',
    body: () => ({ status: 'reviewed', note: 'Discussed at the matrix meeting' }),
    allowed: (c) => (isLeadOrDsl(c) ? 200 : 403),
  },
  'POST /api/break-glass/lookup': {
    scope: 'user',
    body: () => ({ nhsNumber: memberNhs }),
    allowed: (c) => (c.caller === 'admin' || c.caller === 'token' ? 403 : 200),
  },
  // A wrong password: eligible callers reach the re-authentication step (422) without being granted
  // anything, so the rest of the matrix is not disturbed. The grant itself is tested in break-glass.test.ts.
  'POST /api/chronologies/{id}/break-glass': {
    scope: 'chronology',
    body: () => ({ reason: 'Matrix emergency access check', password: 'not-the-password' }),
    allowed: () => 0,
    custom: (c) => {
      if (c.caller === 'anonymous') return 401;
      if (c.caller === 'admin' || c.caller === 'token') return 403;
      if (c.target === 'missing') return 404;
      if (c.target === 'member' && c.caller !== 'outsider') return 409;
      return 422;
    },
  },
  // Single sign-on is off here: eligible callers get past every check to 409 oidc_disabled (nothing is
  // granted); the flow with a provider is tested in services/oidc/oidc.test.ts.
  'POST /api/chronologies/{id}/break-glass/sso': {
    scope: 'chronology',
    body: () => ({ reason: 'Matrix emergency access check' }),
    allowed: () => 0,
    custom: (c) => {
      if (c.caller === 'anonymous') return 401;
      if (c.caller === 'admin' || c.caller === 'token') return 403;
      if (c.target === 'missing') return 404;
      return 409;
    },
  },
  'GET /api/break-glass/reviews': { scope: 'user', allowed: () => 200 },
  'POST /api/break-glass/{grantId}/review': { scope: 'user', body: () => ({ note: 'Matrix review' }), allowed: () => 404 },
  'GET /api/notifications': { scope: 'user', allowed: () => 200 },
  // Alert preferences (issue 15): each person's own; an agency system (a token) has none.
  'GET /api/me/alert-preferences': { scope: 'user', allowed: (c) => (c.caller === 'token' ? 403 : 200) },
  'PUT /api/me/alert-preferences': {
    scope: 'user',
    body: () => ({ episodes: { follow: true, frequency: 'digest' }, entries: { categories: ['domestic-abuse-incident'], frequency: 'immediate' }, actions: { follow: false, frequency: 'immediate' } }),
    allowed: (c) => (c.caller === 'token' ? 403 : 200),
  },
  'POST /api/notifications/{notificationId}/read': { scope: 'user', allowed: () => 404 },
  'GET /api/admin/retention': { scope: 'admin', allowed: () => 200 },
  // Demo chronologies are not past retention: the admin gets 409 and nothing is destroyed.
  'POST /api/admin/retention/{id}/dispose': { scope: 'admin', body: () => ({ confirm: 'matrix', reason: 'matrix' }), allowed: () => 409 },
  'POST /api/chronologies/{id}/legal-hold': { scope: 'chronology', body: () => ({ hold: false, reason: 'Matrix check' }), allowed: (c) => (c.caller === 'lead' ? 200 : 403) },
  // Conference preparation (services/conference): the lead tightens any agency's entry; professional packs are
  // exports (any member), the family version is for the lead or a DSL; snapshots are read by members.
  'POST /api/chronologies/{id}/entries/{entryId}/sharing': {
    scope: 'entry',
    body: () => ({ sharing: 'professionals', reason: 'Matrix: names a third party' }),
    allowed: (c) => (c.caller === 'lead' ? 200 : 403),
  },
  'POST /api/chronologies/{id}/sharing': {
    scope: 'chronology',
    body: () => ({ entryIds: [undecidedEntryId], sharing: 'professionals', reason: 'Matrix: names a third party' }),
    allowed: (c) => (c.caller === 'lead' ? 200 : 403),
  },
  'POST /api/chronologies/{id}/packs': { scope: 'chronology', body: () => ({ kind: 'professional', format: 'pdf', conferenceDate: '2025-03-12' }), allowed: () => 200 },
  'POST /api/chronologies/{id}/packs/preview': { scope: 'chronology', body: () => ({ kind: 'family', conferenceDate: '2025-03-12' }), allowed: (c) => (isLeadOrDsl(c) ? 200 : 403) },
  'GET /api/chronologies/{id}/snapshots': { scope: 'chronology', allowed: () => 200 },
  'GET /api/chronologies/{id}/snapshots/{snapshotId}': { scope: 'chronology', allowed: () => 200 },
  'GET /api/chronologies/{id}/changes': { scope: 'chronology', allowed: () => 200 },
  'GET /api/pattern-config': { scope: 'user', allowed: () => 200 },
  // Households (issue 14). Reading a chronology's household is a read of the chronology. Linking needs the
  // lead of every chronology linked: the two fresh chronologies have police as a member of both (403: seen,
  // not led), the school and health visiting of one only (404: the other is not theirs to know).
  'GET /api/chronologies/{id}/household': { scope: 'chronology', allowed: () => 200 },
  // The household view (a family conference): anyone who may see one of its children; 404 for the others.
  'GET /api/households/{householdId}': {
    scope: 'user',
    allowed: () => 0,
    custom: (c) => ({ anonymous: 401, outsider: 404, admin: 404 } as Partial<Record<Caller, number>>)[c.caller] ?? 200,
  },
  'POST /api/households': {
    scope: 'user',
    body: () => ({ chronologyIds: pairIds, name: 'Matrix household' }),
    allowed: () => 0,
    custom: (c) => ({ anonymous: 401, lead: 201, police: 403, token: 403 } as Partial<Record<Caller, number>>)[c.caller] ?? 404,
  },
  // The household of the member chronology: its members know it exists (403 unless they lead a child in it
  // and the child added); the lead adds a fresh chronology of theirs, then removes it.
  'POST /api/households/{householdId}/children': {
    scope: 'user',
    body: () => ({ chronologyId: addableId, relationship: 'half-sibling' }),
    allowed: () => 0,
    custom: (c) => ({ anonymous: 401, lead: 201, outsider: 404, admin: 404 } as Partial<Record<Caller, number>>)[c.caller] ?? 403,
  },
  'DELETE /api/households/{householdId}/children/{chronologyId}': {
    scope: 'user',
    allowed: () => 0,
    custom: (c) => ({ anonymous: 401, lead: 204, outsider: 404, admin: 404 } as Partial<Record<Caller, number>>)[c.caller] ?? 403,
  },
  // People around the child (issue 14 item 3): every member reads them; the lead and people of member agencies
  // add them (an agency system does not: 403); a person of the member chronology is changed and flagged by
  // any person of a member agency, a flag withdrawn only by its agency (the lead's here), and a merge is the
  // lead's (it runs once: the lead merges the matrix's person into a second one, the others are refused
  // before the "already merged" check). Outsiders and administrators do not know the person exists (404).
  'GET /api/chronologies/{id}/people': { scope: 'chronology', allowed: () => 200 },
  'GET /api/chronologies/{id}/people/merge-suggestions': { scope: 'chronology', allowed: () => 200 },
  'POST /api/chronologies/{id}/people': {
    scope: 'chronology',
    body: (c) => ({ givenName: 'Matrix', familyName: `Adult ${c.caller}`, relationship: 'other' }),
    allowed: (c) => (c.caller === 'token' ? 403 : 201),
  },
  'POST /api/households/{householdId}/people': {
    scope: 'user',
    body: () => ({ givenName: 'Matrix', familyName: 'Household adult', relationship: 'grandparent' }),
    allowed: () => 0,
    custom: (c) => ({ anonymous: 401, outsider: 404, admin: 404, token: 403 } as Partial<Record<Caller, number>>)[c.caller] ?? 201,
  },
  'PATCH /api/people/{personId}': {
    scope: 'user',
    body: (c) => ({ familyName: `Renamed by ${c.caller}` }),
    allowed: () => 0,
    custom: (c) => ({ anonymous: 401, outsider: 404, admin: 404, token: 403 } as Partial<Record<Caller, number>>)[c.caller] ?? 200,
  },
  'POST /api/people/{personId}/flags': {
    scope: 'user',
    body: () => ({ kind: 'other-concern', reason: 'Matrix flag', sharing: 'agency' }),
    allowed: () => 0,
    custom: (c) => ({ anonymous: 401, outsider: 404, admin: 404, token: 403 } as Partial<Record<Caller, number>>)[c.caller] ?? 201,
  },
  'POST /api/people/{personId}/flags/{flagId}/withdraw': {
    scope: 'user',
    body: () => ({ reason: 'Matrix withdrawal' }),
    allowed: () => 0,
    custom: (c) => ({ anonymous: 401, outsider: 404, admin: 404, lead: 200 } as Partial<Record<Caller, number>>)[c.caller] ?? 403,
  },
  'POST /api/people/{personId}/merge': {
    scope: 'user',
    body: () => ({ intoPersonId: survivorId }),
    allowed: () => 0,
    custom: (c) => ({ anonymous: 401, outsider: 404, admin: 404, lead: 200 } as Partial<Record<Caller, number>>)[c.caller] ?? 403,
  },
  // Household events (issue 14): anyone whose agency is a member of a child's chronology in the household
  // records one (a copy where their agency is a member, the others skipped); the household is unknown to
  // the rest (404). The copies route is a read of the entry (any reader of it; the copies listed are cut to
  // what the reader may open: household-events.test.ts).
  'POST /api/households/{householdId}/events': {
    scope: 'user',
    body: (c) => ({ date: '2024-03-05', category: 'domestic-abuse-incident', summary: `Matrix household event by ${c.caller}` }),
    allowed: () => 0,
    custom: (c) => ({ anonymous: 401, outsider: 404, admin: 404 } as Partial<Record<Caller, number>>)[c.caller] ?? 201,
  },
  'GET /api/chronologies/{id}/entries/{entryId}/household-copies': { scope: 'entry', allowed: () => 200 },
  // The analysis (issue 15): every member reads it; only the lead writes the summary; each agency records its
  // own view (the path names the caller's own agency), as a person: an agency system may not.
  'GET /api/chronologies/{id}/analysis': { scope: 'chronology', allowed: () => 200 },
  'GET /api/chronologies/{id}/analysis/history': { scope: 'chronology', allowed: () => 200 },
  'PUT /api/chronologies/{id}/analysis': { scope: 'chronology', body: () => ({ text: 'Matrix analysis' }), allowed: (c) => (c.caller === 'lead' ? 200 : 403) },
  'PUT /api/chronologies/{id}/analysis/views/{agency}': {
    scope: 'chronology',
    body: (c) => ({ position: 'differ', text: `Matrix view of ${c.caller}` }),
    allowed: (c) => (c.caller === 'token' ? 403 : 200),
  },
  // Actions (issue 15): any member raises one (owned here by the lead's agency and the lead); only the owner
  // agency or the lead changes one, so the other member agencies get 403 on the lead's agency's action.
  'GET /api/chronologies/{id}/actions': { scope: 'chronology', allowed: () => 200 },
  'POST /api/chronologies/{id}/actions': {
    scope: 'chronology',
    body: () => ({ title: 'Matrix action', ownerAgency: 'oxfordshire-csc', ownerUserId: leadUserId, dueDate: '2027-01-15', source: 'analysis' }),
    allowed: () => 201,
  },
  'PATCH /api/chronologies/{id}/actions/{actionId}': {
    scope: 'chronology',
    body: () => ({ dueDate: '2027-02-01' }),
    allowed: (c) => (c.caller === 'lead' ? 200 : 403),
  },
  'PUT /api/admin/pattern-config': { scope: 'admin', body: () => ({ rules: {} }), allowed: () => 200 },
  'POST /api/admin/tokens': { scope: 'admin', body: () => ({ agency: 'oxford-health-hv', name: 'Matrix system' }), allowed: () => 201 },
  'GET /api/admin/tokens': { scope: 'admin', allowed: () => 200 },
  'POST /api/admin/tokens/{tokenId}/revoke': { scope: 'admin', allowed: () => 204 },
  'GET /api/admin/users': { scope: 'admin', allowed: () => 200 },
  'POST /api/admin/users': {
    scope: 'admin',
    body: () => ({ email: `matrix-${Math.random().toString(36).slice(2)}@example.org`, name: 'Matrix User', role: 'practitioner', agency: 'oxford-health-hv', password: 'thistle granite beacon' }),
    allowed: () => 201,
  },
  'POST /api/admin/users/{userId}/disable': { scope: 'admin', allowed: () => 204 },
  'POST /api/admin/users/{userId}/sso-unbind': { scope: 'admin', allowed: () => 204 },
  'POST /api/admin/users/{userId}/enable': { scope: 'admin', allowed: () => 204 },
  'GET /api/admin/access-review': { scope: 'admin', allowed: () => 200 },
  // The two-person rule: administrators and leads see what awaits approval; the spare user was created by
  // the matrix's administrator, who may not approve it, and belongs to an agency the lead does not lead.
  'GET /api/approvals': { scope: 'user', allowed: (c) => (c.caller === 'lead' || c.caller === 'admin' ? 200 : 403) },
  'POST /api/approvals/{kind}/{subjectId}': {
    scope: 'user',
    allowed: () => 0,
    custom: (c) => (c.caller === 'anonymous' ? 401 : c.caller === 'lead' ? 404 : 403),
  },
};

let server: TestServer;
const cookies = new Map<Caller, string | null>();
let token = '';
let memberId = '';
let foreignId = '';
let foreignChildName = '';
let spareTokenId = '';
let spareUserId = '';
let highlightId = '';
let memberNhs = '';
let snapshotId = '';
let undecidedEntryId = '';
let householdId = '';
let addableId = '';
let pairIds: string[] = [];
let leadUserId = '';
let actionId = '';
let personId = '';
let survivorId = '';
let flagId = '';
let operations: { method: string; path: string }[] = [];

beforeAll(async () => {
  server = await startTestServer();
  for (const caller of ['lead', 'police', 'dsl', 'hv', 'outsider', 'admin'] as const) cookies.set(caller, await server.login(DEMO[caller]));
  cookies.set('token', null);
  cookies.set('anonymous', null);
  const admin = cookies.get('admin')!;
  const issued = (await server.api(admin, 'POST', '/api/admin/tokens', { agency: 'thames-valley-police', name: 'TVP Niche RMS' })).body;
  token = issued.token;
  await server.approve('tokens', issued.record.id);
  // A second lead in another agency owns the chronology nobody else belongs to.
  const { cookie: lead2 } = await server.newAccount({ email: 'lead2@lado.example.org', name: 'Second Lead', role: 'lead', agency: 'oxfordshire-lado' });
  foreignChildName = 'Quillon-Foreign';
  foreignId = (await server.api(lead2, 'POST', '/api/chronologies', { child: { givenName: 'Zara', familyName: foreignChildName }, memberAgencies: ['oxfordshire-lado'] })).body.id;
  expect((await server.api(lead2, 'POST', `/api/chronologies/${foreignId}/entries`, { date: '2024-03-04', category: 'other', summary: 'LADO entry for the search' })).status).toBe(201);
  const list = await server.api(cookies.get('dsl')!, 'GET', '/api/chronologies');
  memberId = list.body.chronologies.find((c: { memberAgencies: string[] }) => ['thames-valley-police', 'oxford-health-hv', 'northway-primary', 'oxfordshire-csc'].every((a) => c.memberAgencies.includes(a))).id;
  memberNhs = list.body.chronologies.find((c: { id: string }) => c.id === memberId).child.nhsNumber;
  const patterns = await server.api(cookies.get('lead')!, 'GET', `/api/chronologies/${memberId}/patterns`);
  highlightId = patterns.body.highlights[0]?.id ?? 'no-highlight';
  snapshotId = (await server.api(cookies.get('lead')!, 'POST', `/api/chronologies/${memberId}/packs`, { kind: 'professional', format: 'csv', conferenceDate: '2025-03-12' })).headers.get('x-mac-snapshot') ?? MISSING;
  undecidedEntryId = (await server.api(cookies.get('hv')!, 'POST', `/api/chronologies/${memberId}/entries`, { date: '2024-03-04', category: 'other', summary: 'Undecided entry for the bulk decision' })).body.entry.id;
  // Households: the member chronology's own (the demo's, or one made here with a fresh sibling), a chronology
  // the lead will add to it, and a pair of fresh chronologies to link.
  const lead = cookies.get('lead')!;
  const fresh = async (givenName: string, memberAgencies: string[]) =>
    (await server.api(lead, 'POST', '/api/chronologies', { child: { givenName, familyName: 'Matrix', dateOfBirth: '2021-01-01' }, memberAgencies })).body.id as string;
  householdId = (await server.api(lead, 'GET', `/api/chronologies/${memberId}/household`)).body.household?.id ?? '';
  if (!householdId) householdId = (await server.api(lead, 'POST', '/api/households', { chronologyIds: [memberId, await fresh('Sibling', ['northway-primary'])] })).body.id;
  addableId = await fresh('Addable', ['thames-valley-police']);
  pairIds = [await fresh('PairOne', ['thames-valley-police', 'northway-primary', 'oxford-health-hv']), await fresh('PairTwo', ['thames-valley-police'])];
  leadUserId = (await server.api(lead, 'GET', '/api/me')).body.id;
  actionId = (await server.api(lead, 'POST', `/api/chronologies/${memberId}/actions`, { title: 'Matrix action to change', ownerAgency: 'oxfordshire-csc', ownerUserId: leadUserId, dueDate: '2027-01-10', source: 'analysis' })).body.action.id;
  personId = (await server.api(lead, 'POST', `/api/chronologies/${memberId}/people`, { givenName: 'Matrix', familyName: 'Person', relationship: 'father', dateOfBirth: '1980-01-01' })).body.id;
  survivorId = (await server.api(lead, 'POST', `/api/chronologies/${memberId}/people`, { givenName: 'Matrix', familyName: 'Person', relationship: 'father', dateOfBirth: '1980-01-01' })).body.id;
  flagId = (await server.api(lead, 'POST', `/api/people/${personId}/flags`, { kind: 'poses-risk-to-children', reason: 'Matrix', sharing: 'professionals' })).body.id;
  spareTokenId = (await server.api(admin, 'POST', '/api/admin/tokens', { agency: 'oxford-health-hv', name: 'Spare' })).body.record.id;
  spareUserId = (await server.api(admin, 'POST', '/api/admin/users', { email: 'spare@example.org', name: 'Spare User', role: 'practitioner', agency: 'oxford-health-hv', password: 'thistle granite beacon' })).body.user.id;
  const doc = await server.api(null, 'GET', '/api/openapi.json');
  operations = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })));
});
afterAll(async () => {
  await server?.stop();
});

/** An entry of the wanted kind in the target chronology, made fresh so withdrawals don't interfere. */
async function entryFor(caller: Caller, chronologyId: string, kind: EntryTarget): Promise<string> {
  if (kind === 'missing') return MISSING;
  if (chronologyId === foreignId) {
    const lead2 = await server.login('lead2@lado.example.org');
    return (await server.api(lead2, 'POST', `/api/chronologies/${chronologyId}/entries`, { date: '2024-03-04', category: 'other', summary: 'LADO entry' })).body.entry.id;
  }
  // "own": written by someone of the caller's agency; "other": by another agency.
  const ownWriter: Partial<Record<Caller, Caller>> = { lead: 'lead', police: 'police', dsl: 'dsl', hv: 'hv', token: 'police' };
  const writer = kind === 'own' && ownWriter[caller] ? ownWriter[caller]! : caller === 'hv' ? 'police' : 'hv';
  const res = await server.api(cookies.get(writer)!, 'POST', `/api/chronologies/${chronologyId}/entries`, { date: '2024-03-04', category: 'other', summary: `Entry by ${writer}` });
  if (res.status !== 201) throw new Error(`could not create an entry: ${JSON.stringify(res.body)}`);
  return res.body.entry.id;
}

function expected(spec: RouteSpec, c: Case): number {
  if (spec.custom) return spec.custom(c);
  if (c.caller === 'anonymous') return 401;
  if (spec.scope === 'user') return spec.allowed(c);
  if (spec.scope === 'admin') return c.caller === 'admin' ? spec.allowed(c) : 403;
  const member = c.target === 'member' && !['outsider', 'admin'].includes(c.caller);
  if (!member) return 404;
  if (spec.scope === 'entry' && c.entry === 'missing') return 404;
  return spec.allowed(c);
}

describe('access matrix', () => {
  it('has a row for every route in the OpenAPI document', () => {
    const known = new Set(Object.keys(ROUTES));
    const missing = operations.map((o) => `${o.method} ${o.path}`).filter((k) => !known.has(k));
    expect(missing).toEqual([]);
    expect(operations.length).toBeGreaterThanOrEqual(25);
  });

  it('answers every route × caller × chronology × entry as the roles matrix says, and leaks nothing', async () => {
    const failures: string[] = [];
    let cases = 0;
    const notFoundBody = (await server.api(cookies.get('outsider')!, 'GET', `/api/chronologies/${MISSING}`)).body;
    for (const op of operations) {
      const spec = ROUTES[`${op.method} ${op.path}`]!;
      if (spec.skip) continue;
      const targets: Target[] = spec.scope === 'chronology' || spec.scope === 'entry' ? ['member', 'foreign', 'missing'] : ['member'];
      const entryKinds: (EntryTarget | undefined)[] = spec.scope === 'entry' ? ['own', 'other', 'missing'] : [undefined];
      for (const caller of CALLERS) {
        for (const target of targets) {
          for (const entry of entryKinds) {
            const c: Case = { caller, target, ...(entry ? { entry } : {}) };
            const chronologyId = target === 'member' ? memberId : target === 'foreign' ? foreignId : MISSING;
            let path = op.path.replace('{id}', chronologyId);
            if (path.includes('{entryId}')) path = path.replace('{entryId}', target === 'missing' ? MISSING : await entryFor(caller, chronologyId, entry!));
            if (op.path.endsWith('/analysis/views/{agency}')) path = path.replace('{agency}', AGENCY[caller] || 'oxfordshire-csc');
            if (path.includes('{agency}')) {
              if (caller === 'lead' && target === 'member') await server.api(cookies.get('lead')!, 'POST', `/api/chronologies/${memberId}/members`, { agency: 'oxfordshire-lado' });
              path = path.replace('{agency}', 'oxfordshire-lado');
            }
            path = path.replace('{highlightId}', encodeURIComponent(highlightId));
            path = path.replace('{tokenId}', spareTokenId).replace('{userId}', spareUserId).replace('{grantId}', MISSING).replace('{notificationId}', MISSING).replace('{snapshotId}', snapshotId);
            path = path.replace('{kind}', 'users').replace('{subjectId}', spareUserId);
            path = path.replace('{householdId}', householdId).replace('{chronologyId}', addableId).replace('{actionId}', actionId);
            path = path.replace('{personId}', personId).replace('{flagId}', flagId);
            path += spec.query?.(c) ?? '';
            for (const variant of ['', ...(spec.variants ?? [])]) {
              const body = spec.body?.(c);
              const headers: Record<string, string> = caller === 'token' ? { authorization: `Bearer ${token}` } : {};
              if (spec.contentType) headers['content-type'] = spec.contentType;
              const res = await server.api(cookies.get(caller) ?? null, op.method, path + variant, body, headers);
              cases += 1;
              const want = expected(spec, c);
              const label = `${op.method} ${op.path}${variant} as ${caller} on ${target}${entry ? `/${entry} entry` : ''}`;
              if (res.status !== want) failures.push(`${label}: expected ${want}, got ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
              if (want === 404 && (spec.scope === 'chronology') && JSON.stringify(res.body) !== JSON.stringify(notFoundBody)) failures.push(`${label}: 404 body differs from a missing chronology's`);
              if (JSON.stringify(res.body ?? '').includes(foreignChildName)) failures.push(`${label}: response mentions a child the caller may not see`);
            }
          }
        }
      }
    }
    console.log(`[access-matrix] ${cases} cases over ${operations.length} operations`);
    expect(failures).toEqual([]);
    expect(cases).toBeGreaterThan(400);
  }, 300_000); // ~1,300 requests (more with every route); 85 s on SQLite and past 120 s on PostgreSQL on a loaded 2-core machine
});
