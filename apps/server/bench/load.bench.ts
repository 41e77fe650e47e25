/**
 * Load: the real server as a child process (`node --import tsx src/cli.ts start`, a fresh data directory,
 * the demo partnership), driven from this process by autocannon against the API and by ~100 stock
 * y-websocket clients on the three demo chronologies, a few of which write entries all along.
 *
 * Phases, each held LOAD_SECONDS (60 by default), one after the other while the websocket clients stay:
 *   1. reference: GET /api/openapi.json             (no session, no SQLite, no audit: a cached
 *                                                    document of ~100 kB serialised each time)
 *   2. reference: GET /api/me without a session      (the middleware chain and a 401: the trivial one)
 *   3. GET  /api/chronologies/<id>/entries          (session, access check, SQLite query, audit record)
 *   4. POST /api/chronologies/<id>/entries          (the whole write path: validation, shadow doc, one
 *                                                    durable transaction, broadcast) round four chronologies
 *                                                    of their own, so the demo documents do not grow without
 *                                                    end and none reaches the 50,000-entry cap
 *   5. GET  /api/chronologies/<id>/entries?limit=500 (issue 12's audited read: a page of 500 of a chronology
 *                                                    of 600 entries, each read answered once its audit
 *                                                    record is durable)
 *   6. ceiling: the same page's bytes from bench/body-server.ts, a process of its own that does no work of
 *                                                    ours (no session, access, store or audit): what any
 *                                                    server pays here to send those bytes over a socket
 *   7. reference: GET /api/me with a session        (session and account reads, no audit)
 * Printed: sustained req/s, latency p50/p99, errors and non-2xx per phase; the ratio of the API phases to
 * the references; websocket delivery p50/p99 (write on one client → seen on another); server RSS.
 *
 * Run: pnpm --filter @mac/server exec tsx bench/load.bench.ts
 * Knobs: LOAD_SECONDS=60, LOAD_CONNECTIONS=10 (autocannon), LOAD_WS_CLIENTS=100, LOAD_WS_WRITERS=5,
 *        LOAD_WS_WRITE_MS=500 (each writer's interval), LOAD_PHASES=get,post (a comma-separated subset of
 *        openapi, me, get, post, page, ceiling, me-session, run in the order given, a key given twice runs
 *        twice: LOAD_PHASES=page,ceiling,page,ceiling alternates them), LOAD_PROFILE=<dir> (a V8 CPU profile
 *        of the server, written when it stops).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATEGORIES } from '@mac/domain';
import { entryText, sharedDocName } from '@mac/sync';
import { connect, type Client } from '../src/sync-testing.js';
import { cpuByThread, threadCpu } from './thread-cpu.js';
import { DEMO, TEST_PASSWORD } from '../src/testing.js';

// autocannon ships no types (and @types/autocannon is not installed): the little we use, typed here.
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
interface AutocannonTarget {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Per request: autocannon calls setupRequest before each one (used to spread writes over documents). */
  requests?: Array<{ setupRequest: (req: { path?: string }) => { path?: string } }>;
}
type Autocannon = (opts: AutocannonTarget & { connections: number; duration: number }) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 10);
const WS_CLIENTS = Number(process.env.LOAD_WS_CLIENTS ?? 100);
const WS_WRITERS = Number(process.env.LOAD_WS_WRITERS ?? 5);
const WS_WRITE_MS = Number(process.env.LOAD_WS_WRITE_MS ?? 500);

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'mac-load-'));

function startServer(): Promise<{ child: ChildProcess; origin: string }> {
  return new Promise((resolve, reject) => {
    const profile = process.env.LOAD_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LOAD_PROFILE}`] : [];
    const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'src/cli.ts', 'start'], {
      cwd: serverDir,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', MAC_DATA_DIR: dataDir, MAC_DEMO_PASSWORD: TEST_PASSWORD, NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /MAC listening on (http:\/\/\S+)\r?\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, origin: m[1]! });
      }
    });
    // The server's own logging (refusals, throttled warnings) is not ours to print, but we keep the tail.
    child.stderr!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}: ${out}`));
    });
  });
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const r1 = (n: number) => Math.round(n * 10) / 10;

function fail(message: string): never {
  throw new Error(message);
}

const only = process.env.LOAD_PHASES?.split(',').map((k) => k.trim());

/** bench/body-server.ts in a process of its own, serving the bytes in `file`. */
function startBodyServer(file: string): Promise<{ child: ChildProcess; origin: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/body-server.ts', file], { cwd: serverDir, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /body server on (http:\/\/\S+)\r?\n/.exec(out);
      if (m) resolve({ child, origin: m[1]! });
    });
    child.on('exit', (code) => reject(new Error(`the body server exited with ${code}: ${out}`)));
  });
}

async function main() {
  // Every stock provider adds a process 'exit' listener.
  process.setMaxListeners(0);
  const { child, origin } = await startServer();
  console.log(`server pid ${child.pid} (perf record -p it for a profile of its threads' CPU)`);
  const rss: number[] = [];
  const rssTimer = setInterval(() => rss.push(rssMb(child.pid!)), 1000);
  const clients: Client[] = [];
  try {
    const json = async (cookie: string | null, method: string, path: string, body?: unknown) => {
      const res = await fetch(origin + path, {
        method,
        headers: { ...(cookie ? { cookie } : {}), ...(method === 'GET' ? {} : { origin, 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json().catch(() => null)) as any };
    };
    const login = async (email: string, password = TEST_PASSWORD) => {
      const res = await fetch(origin + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ email, password }) });
      if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
      return res.headers.get('set-cookie')!.split(';')[0]!;
    };

    // People: the demo members, and more practitioners so that ~100 connections stay under the
    // per-user cap of 20 open connections.
    const admin = await login(DEMO.admin);
    const admin2 = await login(DEMO.admin2);
    const lead = await login(DEMO.lead);
    const people: Array<{ cookie: string; agency: string; id: string }> = [];
    for (const email of [DEMO.police, DEMO.hv, DEMO.lead, DEMO.dsl]) {
      const cookie = await login(email);
      const me = (await json(cookie, 'GET', '/api/me')).body;
      people.push({ cookie, agency: me.agency.slug, id: me.id });
    }
    const demoChronologies = (await json(lead, 'GET', '/api/chronologies')).body.chronologies as Array<{ id: string; memberAgencies: string[] }>;
    const memberAgencies = [...new Set(demoChronologies.flatMap((c) => c.memberAgencies))];
    const extra = Math.max(0, Math.ceil(WS_CLIENTS / 12) - people.length);
    for (let i = 0; i < extra; i++) {
      const agency = memberAgencies[i % memberAgencies.length]!;
      const email = `load.user${i}@mac.example.org`;
      const made = await json(admin, 'POST', '/api/admin/users', { email, name: `Load User ${i}`, role: 'practitioner', agency, password: 'a load testing passphrase' });
      if (made.status !== 201) throw new Error(`create user: ${made.status} ${JSON.stringify(made.body)}`);
      // The two-person rule: the second administrator approves it.
      const approved = await json(admin2, 'POST', `/api/approvals/users/${made.body.user.id}`);
      if (approved.status !== 204) throw new Error(`approve user: ${approved.status}`);
      const cookie = await login(email, 'a load testing passphrase');
      people.push({ cookie, agency, id: made.body.user.id });
    }

    // Websocket clients, spread over the demo chronologies each person may open.
    const sent = new Map<string, number>();
    const delivery: number[] = [];
    const byDoc = new Map<string, Client[]>();
    for (let i = 0; clients.length < WS_CLIENTS; i++) {
      const person = people[i % people.length]!;
      const docs = demoChronologies.filter((c) => c.memberAgencies.includes(person.agency));
      if (docs.length === 0) continue;
      const docName = sharedDocName(docs[i % docs.length]!.id);
      const c = connect(origin, person.cookie, docName);
      (c as Client & { person?: typeof person }).person = person;
      c.doc.getMap('entries').observe((event) => {
        if (event.transaction.local) return; // the writer's own copy: not a delivery
        const now = performance.now();
        for (const key of event.keysChanged) {
          const at = sent.get(key);
          if (at !== undefined) delivery.push(now - at);
        }
      });
      clients.push(c);
      byDoc.set(docName, [...(byDoc.get(docName) ?? []), c]);
    }
    const deadline = Date.now() + 30_000;
    while (clients.some((c) => !c.provider.synced)) {
      if (Date.now() > deadline) throw new Error(`${clients.filter((c) => !c.provider.synced).length} websocket clients did not sync: ${JSON.stringify(clients.flatMap((c) => c.closes).slice(0, 5))}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    console.log(`${clients.length} websocket clients on ${byDoc.size} documents (${[...byDoc.values()].map((l) => l.length).join(' / ')}), ${people.length} users`);

    // Writers: one client per document first, then more, each adding an entry every WS_WRITE_MS.
    const docs = [...byDoc.values()];
    const writers: Client[] = [];
    for (let i = 0; writers.length < Math.min(WS_WRITERS, clients.length); i++) {
      const list = docs[i % docs.length]!;
      const candidate = list[Math.floor(i / docs.length)];
      if (candidate) writers.push(candidate);
    }
    let writes = 0;
    const writeTimers = writers.map((w, n) =>
      setInterval(() => {
        const person = (w as Client & { person: { agency: string; id: string } }).person;
        const id = crypto.randomUUID();
        const fields: Record<string, string | boolean> = {
          id, date: '2024-06-01', time: '', agency: person.agency, category: CATEGORIES[0]!.slug, summary: `Load write ${n}.${writes}`, detail: '', impactOnChild: '', actionTaken: '', sourceRef: '', recordedBy: '', restricted: false, authorId: person.id, recordedAt: new Date().toISOString(), status: 'active', withdrawnReason: '', sharing: 'family', sharingReason: '',
        };
        sent.set(id, performance.now());
        w.doc.getMap('entries').set(id, entryText(fields));
        writes++;
      }, WS_WRITE_MS),
    );

    // REST phases.
    const police = people[0]!;
    const readChronology = demoChronologies.find((c) => c.memberAgencies.includes(police.agency))!.id;
    // Writes go round several chronologies of their own: one document holds at most 50,000 entries, and
    // a minute at full speed comes close to that.
    const targets: string[] = [];
    for (let i = 0; i < 4; i++) {
      const target = await json(lead, 'POST', '/api/chronologies', { child: { givenName: 'Load', familyName: `Bench ${i + 1}` }, memberAgencies: [police.agency] });
      if (target.status !== 201) throw new Error(`create chronology: ${target.status}`);
      targets.push(target.body.id);
    }
    // Issue 12's read: a page of 500 entries of a chronology of 600 (written here through the API, as people do).
    const pageTarget = await json(lead, 'POST', '/api/chronologies', { child: { givenName: 'Load', familyName: 'Reads' }, memberAgencies: [police.agency] });
    if (pageTarget.status !== 201) throw new Error(`create chronology: ${pageTarget.status}`);
    const pagePath = `/api/chronologies/${pageTarget.body.id}/entries?limit=500`;
    const pageNeeded = (only ?? ['page', 'ceiling']).some((k) => k === 'page' || k === 'ceiling');
    for (let i = 0; pageNeeded && i < 600; i += 10) {
      await Promise.all(
        Array.from({ length: 10 }, async (_, j) => {
          const made = await json(police.cookie, 'POST', `/api/chronologies/${pageTarget.body.id}/entries`, { date: '2024-05-06', category: 'police-attendance', summary: `Read bench entry ${i + j}`, detail: 'Written by the load bench so that a page of 500 entries has realistic text in it: who attended, what was seen, what was done.' });
          if (made.status !== 201) throw new Error(`write entry: ${made.status} ${JSON.stringify(made.body)}`);
        }),
      );
    }
    // The ceiling serves exactly the bytes the real server answered (the first page, 500 entries).
    const bodyFile = join(dataDir, 'page.json');
    if (pageNeeded) {
      const res = await fetch(origin + pagePath, { headers: { cookie: police.cookie } });
      const bytes = new Uint8Array(await res.arrayBuffer());
      const listed = (JSON.parse(new TextDecoder().decode(bytes)) as { entries: unknown[] }).entries.length;
      if (res.status !== 200 || listed !== 500) throw new Error(`the page: ${res.status}, ${listed} entries`);
      writeFileSync(bodyFile, bytes);
      console.log(`a page of 500 entries: ${Math.round(bytes.byteLength / 1024)} KB`);
    }
    let bodyServer: { child: ChildProcess; origin: string } | null = null;
    let written = 0;
    const allPhases: Array<{ key: string; name: string; opts: AutocannonTarget; start?: () => Promise<string> }> = [
      { key: 'openapi', name: 'reference: GET /api/openapi.json', opts: { url: `${origin}/api/openapi.json` } },
      { key: 'me', name: 'reference: GET /api/me, no session (401)', opts: { url: `${origin}/api/me` } },
      { key: 'get', name: 'GET /api/chronologies/<id>/entries', opts: { url: `${origin}/api/chronologies/${readChronology}/entries`, headers: { cookie: police.cookie } } },
      {
        key: 'post',
        name: 'POST /api/chronologies/<id>/entries',
        opts: {
          url: `${origin}/api/chronologies/${targets[0]}/entries`,
          requests: [{ setupRequest: (req) => ({ ...req, path: `/api/chronologies/${targets[written++ % targets.length]}/entries` }) }],
          method: 'POST',
          headers: { cookie: police.cookie, origin, 'content-type': 'application/json' },
          body: JSON.stringify({ date: '2024-05-06', category: 'police-attendance', summary: 'Load bench entry', detail: 'Posted by the load bench.' }),
        },
      },
      { key: 'page', name: 'GET …/entries?limit=500, audited', opts: { url: origin + pagePath, headers: { cookie: police.cookie } } },
      {
        key: 'ceiling',
        name: 'ceiling: the same page bytes, no work of ours',
        opts: { url: '' },
        start: async () => {
          bodyServer ??= await startBodyServer(bodyFile);
          return `${bodyServer.origin}/page`;
        },
      },
      { key: 'me-session', name: 'reference: GET /api/me with a session', opts: { url: `${origin}/api/me`, headers: { cookie: police.cookie } } },
    ];
    const phases = only === undefined ? allPhases : only.map((key) => allPhases.find((p) => p.key === key) ?? fail(`unknown phase ${key} in LOAD_PHASES`));
    const results: Array<{ name: string; rps: number; p50: number; p99: number; errors: number; non2xx: number; total: number; rssMax: number }> = [];
    for (const phase of phases) {
      const before = rss.length;
      const deliveryBefore = delivery.length;
      const url = phase.start === undefined ? phase.opts.url : await phase.start();
      // The CPU per request, by thread, of the process that answered (the server, or the ceiling's own process:
      // its event loop is what ours compares with), and the phase's window on the monotonic clock the
      // server's CPU profile (LOAD_PROFILE) is stamped with.
      const answering = phase.key === 'ceiling' ? bodyServer!.child.pid! : child.pid!;
      const cpuBefore = threadCpu(answering);
      const from = process.hrtime.bigint() / 1000n;
      const result = await autocannon({ ...phase.opts, url, connections: CONNECTIONS, duration: SECONDS });
      const cpu = `; ${phase.key === 'ceiling' ? 'its' : 'server'} CPU per request: ${[...cpuByThread(cpuBefore, threadCpu(answering), answering)].filter(([, us]) => us > 0).map(([name, us]) => `${name} ${Math.round(us / Math.max(1, result.requests.total))} µs`).join(', ')}`;
      if (process.env.LOAD_PROFILE) console.log(`phase ${phase.key}: ${from} ${process.hrtime.bigint() / 1000n}`);
      const phaseRss = rss.slice(before);
      results.push({
        name: phase.name,
        rps: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.errors + result.timeouts,
        non2xx: result.non2xx,
        total: result.requests.total,
        rssMax: Math.max(...phaseRss, 0),
      });
      const d = delivery.slice(deliveryBefore);
      console.log(`${phase.name}: ${r1(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${result.errors + result.timeouts}, non-2xx ${result.non2xx}; ws delivery p50 ${r1(percentile(d, 50))} ms p99 ${r1(percentile(d, 99))} ms (${d.length}); server RSS max ${r1(Math.max(...phaseRss, 0))} MB${cpu}`);
    }
    writeTimers.forEach(clearInterval);
    (bodyServer as { child: ChildProcess } | null)?.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 2000));

    // The references are the first two phases; without them (LOAD_PHASES) the ratios are not printed.
    const ref = results.find((r) => r.name.startsWith('reference: GET /api/openapi'))?.rps ?? NaN;
    const ref401 = results.find((r) => r.name === 'reference: GET /api/me, no session (401)')?.rps ?? NaN;
    console.log('\nLoad bench (server in a child process; this process drives autocannon and the websocket clients; same 2-core machine)');
    console.table(
      results.map((r) => ({
        phase: r.name,
        'req/s': r1(r.rps),
        'p50 ms': r.p50,
        'p99 ms': r.p99,
        errors: r.errors,
        'non-2xx': r.non2xx,
        requests: r.total,
        'vs 401': `${r1((r.rps / ref401) * 100)} %`,
        'vs openapi.json': `${r1((r.rps / ref) * 100)} %`,
        'server RSS max MB': r1(r.rssMax),
      })),
    );
    const closes = clients.flatMap((c) => c.closes);
    console.log(
      `websocket: ${clients.length} clients, ${writers.length} writers, ${writes} writes, ${delivery.length} deliveries: p50 ${r1(percentile(delivery, 50))} ms, p99 ${r1(percentile(delivery, 99))} ms, max ${r1(Math.max(...delivery))} ms; closes: ${closes.length ? JSON.stringify(closes.slice(0, 5)) : 'none'}`,
    );
    // Issue 12's read against its ceiling: over all their phases (each LOAD_SECONDS long).
    const over = (name: string) => results.filter((r) => r.name === name).reduce((sum, r) => sum + r.total, 0);
    const pages = over('GET …/entries?limit=500, audited');
    const ceiling = over('ceiling: the same page bytes, no work of ours');
    if (pages > 0 && ceiling > 0) console.log(`audited pages of 500: ${pages} in ${results.filter((r) => r.name.startsWith('GET …/entries?limit')).length} phases; the ceiling ${ceiling}: ${r1(pages / ceiling * 100)} % of the ceiling`);
    console.log(`server RSS: start ${r1(rss[0] ?? 0)} MB, max ${r1(Math.max(...rss))} MB, end ${r1(rss[rss.length - 1] ?? 0)} MB`);
  } finally {
    clearInterval(rssTimer);
    for (const c of clients) c.destroy();
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// The last thing the script does: a failure sets the exit code, nothing awaits it.
void main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
