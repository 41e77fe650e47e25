/**
 * REST property tests: fast-check requests against every route of the server's own OpenAPI document
 * (read at run time, so new routes are fuzzed without touching this file), sent with valid sessions of
 * every role: arbitrary and near-valid JSON bodies, bodies that are not JSON, the wrong content type,
 * huge strings, odd path parameters and query strings.
 *
 * For every request: never a 5xx; an error is the API's error shape; a refused request (4xx) changes no
 * stored data (every table but the audit trail, sessions and sign-in attempts, watched by triggers on
 * the server's connection and confirmed by hashing the tables). A 2xx may change data (a near-valid body
 * is sometimes simply valid): it moves the baseline. At the end, no prototype was polluted.
 *
 * CI: MAC_REST_FUZZ_RUNS=100 per route (default). Nightly: MAC_REST_FUZZ_RUNS=1000. Replay: MAC_REST_FUZZ_SEED.
 */
import fc from 'fast-check';
import { request as httpRequest } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { CATEGORIES } from '@mac/domain';
import { DEMO, startTestServer, TEST_PASSWORD } from '../testing.js';
import { chronologyWith, envInt, installChangeCounters, seedFrom, signIn, tableHashes, type Actor } from './harness.js';
import { arbBody, arbPathValue, arbQuery, BROKEN_BODIES, routesOf, type RawBody, type Route } from './rest-arbitraries.js';

const RUNS = envInt('MAC_REST_FUZZ_RUNS', 100);
const SEED = seedFrom('MAC_REST_FUZZ_SEED');

// Top-level await: the routes to fuzz come from the running server's OpenAPI document.
const server = await startTestServer();
afterAll(() => server.stop());

const [police, hv, lead, dsl, admin, outsider] = await Promise.all([DEMO.police, DEMO.hv, DEMO.lead, DEMO.dsl, DEMO.admin, DEMO.outsider].map((email) => signIn(server, email)));
const actors: Actor[] = [police!, hv!, lead!, dsl!, admin!, outsider!];
const openapi = (await server.api(null, 'GET', '/api/openapi.json')).body;
const allRoutes = routesOf(openapi);

// The world the fuzzer may touch. Destructive routes (removing members, disabling, revoking, disposing)
// get only sacrificial targets, so that the sessions above keep their access for the whole run.
const mainChronology = await chronologyWith(server, [police!.agency, hv!.agency]);
const sacrificial = await server.api(lead!.cookie, 'POST', '/api/chronologies', {
  child: { givenName: 'Fuzz', familyName: 'Target' },
  memberAgencies: [police!.agency, hv!.agency, dsl!.agency],
});
if (sacrificial.status !== 201) throw new Error(`could not create the sacrificial chronology: ${sacrificial.status} ${JSON.stringify(sacrificial.body)}`);
const sacrificialId: string = sacrificial.body.id;
for (const actor of [police!, hv!]) {
  const r = await server.api(actor.cookie, 'POST', `/api/chronologies/${sacrificialId}/entries`, { date: '2024-02-03', category: 'police-attendance', summary: `Seed entry of ${actor.agency}` });
  if (r.status !== 201) throw new Error(`seed entry: ${r.status}`);
}
const victimUser = await server.api(admin!.cookie, 'POST', '/api/admin/users', { email: 'fuzz.victim@mac.example.org', name: 'Fuzz Victim', role: 'practitioner', agency: police!.agency, password: 'a long enough passphrase for fuzzing' });
const victimToken = await server.api(admin!.cookie, 'POST', '/api/admin/tokens', { agency: police!.agency, name: 'Fuzz token' });
await server.approve('users', victimUser.body.user.id);
await server.approve('tokens', victimToken.body.record.id);
const csvSeed = String((await server.api(police!.cookie, 'GET', `/api/chronologies/${mainChronology}/export.csv`)).body).split('\n').slice(0, 6).join('\n');
const patterns = (await server.api(lead!.cookie, 'GET', `/api/chronologies/${mainChronology}/patterns`)).body;
const highlightIds: string[] = (patterns?.highlights ?? []).map((h: { id: string }) => h.id).slice(0, 10);
const entryIds = [...(await server.deps.repos.entries.all(mainChronology)).slice(0, 6), ...await server.deps.repos.entries.all(sacrificialId)].map((e) => e.id);
const agencies = (await server.deps.repos.agencies.list()).map((a) => a.slug);
const pools = { categories: CATEGORIES.map((c) => c.slug).slice(0, 12), agencies };

function isDestructive(route: Route): boolean {
  return route.method === 'DELETE' || /dispose|disable|revoke|legal-hold/.test(route.path);
}

function poolFor(route: Route, param: string): string[] {
  switch (param) {
    case 'id':
      return isDestructive(route) ? [sacrificialId] : [mainChronology, sacrificialId];
    case 'entryId':
      return entryIds;
    case 'agency':
      return agencies;
    case 'highlightId':
      return highlightIds;
    case 'userId':
      return victimUser.status === 201 ? [victimUser.body.user.id] : [];
    case 'tokenId':
      return victimToken.status === 201 ? [victimToken.body.record.id] : [];
    default:
      return [];
  }
}

// ---------------------------------------------------------------------------------------------
// Sending, and judging one answer

interface Req {
  actor: Actor;
  url: string;
  method: string;
  body: RawBody;
  origin: 'same' | 'cross' | 'none';
}

const counters = installChangeCounters(server);
let baselineCounts = counters.read();
let baselineHashes = tableHashes(server);
const statuses = new Map<string, Record<number, number>>();
const changedBy2xx = new Map<string, number>();

/**
 * node:http rather than fetch: bytes go out exactly as given, and when the server answers (413) before
 * reading a large body and then drops the connection, we still see its answer.
 */
function send(req: Req): Promise<{ status: number; text: string; contentType: string }> {
  const headers: Record<string, string> = { cookie: req.actor.cookie };
  if (req.origin === 'same') headers.origin = server.origin;
  else if (req.origin === 'cross') headers.origin = 'https://evil.example.com';
  if (req.body.contentType) headers['content-type'] = req.body.contentType;
  const body = req.method === 'GET' || req.body.body === undefined ? undefined : typeof req.body.body === 'string' ? Buffer.from(req.body.body) : Buffer.from(req.body.body);
  if (body) headers['content-length'] = String(body.length);
  const url = new URL(server.origin);
  return new Promise((resolve, reject) => {
    let answered = false;
    const r = httpRequest({ host: url.hostname, port: url.port, method: req.method, path: req.url, headers, agent: false }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      const contentType = String(res.headers['content-type'] ?? '');
      // An event stream (GET …/patterns/events) does not end by itself: take its first event, hang up.
      const stream = contentType.startsWith('text/event-stream');
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        if (stream && Buffer.concat(chunks).includes('\n\n')) {
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), contentType });
          res.destroy();
        }
      });
      res.on('error', () => {});
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), contentType: String(res.headers['content-type'] ?? '') }));
    });
    r.on('error', (err) => {
      if (!answered) reject(new Error(`no answer: ${err.message} — for ${describeReq(req)}`));
    });
    r.end(body);
  });
}

function notJson(req: Req): boolean {
  const media = (req.body.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (req.body.body === undefined) return false;
  if (media !== 'application/json') return true;
  try {
    JSON.parse(typeof req.body.body === 'string' ? req.body.body : new TextDecoder('utf-8', { fatal: true }).decode(req.body.body));
    return false;
  } catch {
    return true;
  }
}

function describeReq(req: Req): string {
  const body = req.body.body === undefined ? '(none)' : typeof req.body.body === 'string' ? req.body.body.slice(0, 300) : `bytes ${Buffer.from(req.body.body).toString('hex').slice(0, 120)}`;
  return `${req.method} ${req.url.slice(0, 300)} as ${req.actor.email} origin=${req.origin} content-type=${JSON.stringify(req.body.contentType)} [${req.body.label}] body=${body}`;
}

/** Returns what is wrong with the server's answer to `req`, or null. */
async function judge(routeKey: string, req: Req): Promise<string | null> {
  const { status, text, contentType } = await send(req);
  const tally = statuses.get(routeKey) ?? {};
  tally[status] = (tally[status] ?? 0) + 1;
  statuses.set(routeKey, tally);
  if (status >= 500) {
    // Hono's validators throw HTTPException (400 malformed JSON, 415 unsupported media type), which the
    // app's onError does not recognise: every such request is a 500. Named apart, so that a 500 for a
    // well-formed JSON request stays visible beside it.
    const cause = notJson(req) ? 'for a body that is not well-formed JSON of a JSON content type' : 'for well-formed JSON';
    return `answered ${status} ${cause}: ${text.slice(0, 200)} — for ${describeReq(req)}`;
  }
  const counts = counters.read();
  const touched = Object.keys(counts).filter((t) => counts[t] !== baselineCounts[t]);
  if (status >= 200 && status < 300) {
    if (touched.length) {
      changedBy2xx.set(routeKey, (changedBy2xx.get(routeKey) ?? 0) + 1);
      baselineHashes = tableHashes(server);
    }
    baselineCounts = counts;
    return null;
  }
  if (status >= 400) {
    if (contentType.includes('application/json')) {
      let parsed: any;
      try {
        parsed = JSON.parse(text);
      } catch {
        return `answered ${status} with broken JSON: ${text.slice(0, 200)} — for ${describeReq(req)}`;
      }
      if (typeof parsed?.error?.code !== 'string' || typeof parsed?.error?.message !== 'string') return `answered ${status} without the error shape: ${text.slice(0, 200)} — for ${describeReq(req)}`;
    } else if (req.url.startsWith('/api/')) {
      return `answered ${status} as ${contentType || 'no content type'}, not JSON — for ${describeReq(req)}`;
    }
    if (touched.length) {
      const hashes = tableHashes(server);
      const changed = Object.keys(hashes).filter((t) => hashes[t] !== baselineHashes[t]);
      baselineCounts = counts;
      if (changed.length) {
        baselineHashes = hashes;
        return `answered ${status} but changed ${changed.join(', ')} — for ${describeReq(req)}`;
      }
    }
    return null;
  }
  baselineCounts = counts;
  return null;
}

function arbRequest(route: Route): fc.Arbitrary<Req> {
  const pathParams = route.params.filter((p) => p.in === 'path');
  const pathArb = fc.tuple(...pathParams.map((p) => arbPathValue(poolFor(route, p.name)))).map((values) => {
    let path = route.path;
    pathParams.forEach((p, i) => (path = path.replace(`{${p.name}}`, values[i]!)));
    return path;
  });
  // Half the time the role the route is for (so that requests get past authorisation), else anyone.
  const natural = route.path.startsWith('/api/admin') ? admin! : /members|legal-hold|review|packs|break-glass\/\{/.test(route.path) ? lead! : null;
  const actor = fc.oneof(natural ? fc.constant(natural) : fc.constantFrom(police!, hv!), fc.constantFrom(...actors));
  const origin = fc.oneof({ arbitrary: fc.constant<'same'>('same'), weight: 18 }, { arbitrary: fc.constantFrom<'cross' | 'none'>('cross', 'none'), weight: 1 });
  return fc.record({ actor, path: pathArb, query: arbQuery(route), body: arbBody(route, pools, csvSeed), origin }).map(({ actor, path, query, body, origin }) => ({ actor, url: path + query, method: route.method, body, origin }));
}

const SEPARATE = new Set(['/api/auth/login', '/api/auth/logout']);
const fuzzed = allRoutes.filter((r) => !SEPARATE.has(r.path));
const problems: string[] = [];

describe('REST fuzzing', () => {
  it('finds the routes to fuzz in the OpenAPI document', () => {
    expect(fuzzed.filter((r) => r.method !== 'GET').length).toBeGreaterThan(10);
    console.log(`rest-fuzz seed ${SEED}: ${fuzzed.length} routes (${fuzzed.filter((r) => r.method !== 'GET').length} mutating) × ${RUNS} runs, plus ${BROKEN_BODIES.length} broken bodies each`);
  });

  it.each(fuzzed.map((r, i) => [`${r.method} ${r.path}`, r, i] as const))('%s: never 5xx, errors in shape, refusals change nothing', async (key, route, i) => {
    const runs = route.method === 'GET' ? Math.max(5, Math.floor(RUNS / 4)) : RUNS;
    // Every request is judged and every distinct problem kept (no shrinking: the failing request is
    // printed whole, and one bad answer must not hide the next).
    const found = new Map<string, string>();
    for (const req of fc.sample(arbRequest(route), { seed: SEED + i, numRuns: runs })) {
      const problem = await judge(key, req);
      if (problem) found.set(problem.replace(/ — for .*/s, '').slice(0, 120), problem);
    }
    problems.push(...[...found.values()].map((p) => `${key}: ${p}`));
    expect([...found.values()], `seed ${SEED + i}`).toEqual([]);
  }, 300_000);

  it.each(fuzzed.filter((r) => r.method !== 'GET').map((r) => [`${r.method} ${r.path}`, r] as const))('%s: every broken body under every content type', async (key, route) => {
    const found = new Map<string, string>();
    const contentTypes = ['application/json', 'text/plain', 'application/x-www-form-urlencoded', null];
    for (const [label, body] of BROKEN_BODIES) {
      for (const contentType of contentTypes) {
        let path = route.path;
        for (const p of route.params.filter((x) => x.in === 'path')) path = path.replace(`{${p.name}}`, poolFor(route, p.name)[0] ?? 'x');
        const problem = await judge(key, { actor: route.path.startsWith('/api/admin') ? admin! : lead!, url: path, method: route.method, body: { body, contentType, label }, origin: 'same' });
        if (problem) found.set(problem.replace(/ — for .*/s, '').slice(0, 120), problem);
      }
    }
    problems.push(...[...found.values()].map((p) => `${key}: ${p}`));
    expect([...found.values()]).toEqual([]);
  }, 120_000);

  it('POST /api/auth/logout with any body: never 5xx (throwaway sessions)', async () => {
    const route = allRoutes.find((r) => r.path === '/api/auth/logout')!;
    const samples = fc.sample(arbBody(route, pools, csvSeed), { seed: SEED, numRuns: 8 });
    for (const body of samples) {
      const throwaway = await signIn(server, DEMO.dsl);
      const problem = await judge('POST /api/auth/logout', { actor: throwaway, url: route.path, method: 'POST', body, origin: 'same' });
      expect(problem).toBeNull();
    }
  }, 60_000);

  it('POST /api/auth/login with arbitrary bodies: never 5xx, and throttling answers 4xx (runs last: it throttles this address)', async () => {
    const route = allRoutes.find((r) => r.path === '/api/auth/login')!;
    const anonymous: Actor = { email: 'anonymous', cookie: '', id: '', agency: '', name: '' };
    const found = new Map<string, string>();
    for (const body of fc.sample(arbBody(route, pools, csvSeed), { seed: SEED, numRuns: Math.max(20, Math.floor(RUNS / 2)) })) {
      // The real password never appears: nothing here can sign in.
      if (typeof body.body === 'string' && body.body.includes(TEST_PASSWORD)) continue;
      const problem = await judge('POST /api/auth/login', { actor: anonymous, url: route.path, method: 'POST', body, origin: 'same' });
      if (problem) found.set(problem.replace(/ — for .*/s, '').slice(0, 120), problem);
    }
    problems.push(...[...found.values()].map((p) => `POST /api/auth/login: ${p}`));
    expect([...found.values()]).toEqual([]);
  }, 120_000);

  it('left no polluted prototype behind, and reports what it did', () => {
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const table = [...statuses.entries()].map(([route, tally]) => ({ route, ...Object.fromEntries(Object.entries(tally).map(([s, n]) => [s, n])), '2xx that changed data': changedBy2xx.get(route) ?? 0 }));
    console.table(table);
    const total = [...statuses.values()].reduce((a, t) => a + Object.values(t).reduce((x, y) => x + y, 0), 0);
    console.log(`rest-fuzz seed ${SEED}: ${total} requests; problems: ${problems.length}`);
    for (const p of problems.slice(0, 30)) console.log(' -', p.slice(0, 600));
  });
});
