/**
 * First view of a large chronology in Chromium (issue 17 item 4): from navigation to the timeline and
 * the first table rows drawn (the page's `mac:first-view` mark, whose start time counts from the
 * navigation), and until the live documents have loaded (`mac:live`). The built app is served by the
 * real server (apps/server, a fresh data directory); chronologies of 5,000 and 20,000 entries are made
 * through the CSV import, as an agency system would. In the same run, the reference: the same page of a
 * 50-entry chronology, and the ratios against it (a figure on this shared machine means little alone).
 *
 * Run: pnpm --filter @mac/web bench:first-view   (builds the web app first; BENCH_RUNS=5 navigations
 * per chronology, BENCH_SIZES=5000,20000; BENCH_PROFILE=1 also prints where the main thread's time
 * went during one navigation of the largest, by script, from a CPU profile)
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { syntheticCsv } from '../e2e/support/seed.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SIZES = (process.env.BENCH_SIZES ?? '5000,20000').split(',').map(Number);
const PROFILE = process.env.BENCH_PROFILE === '1';
const REFERENCE = 50;
const IMPORT_ROWS = 5000; // the exchange format's limit per file
const AGENCIES = ['oxfordshire-csc', 'thames-valley-police', 'northway-primary', 'oxford-health-hv', 'east-oxford-gp', 'ouh-acute'];
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function startServer(port: number, dataDir: string, password: string): Promise<{ child: ChildProcess; url: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', MAC_DATA_DIR: dataDir, MAC_DEMO_PASSWORD: password };
  delete env.NODE_ENV;
  const child = spawn('pnpm', ['--filter', '@mac/server', 'start'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /MAC listening on (http:\/\/\S+)\r?\n/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]! });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the server exited (${code}):\n${output}`)));
  });
}

/** A chronology of `count` entries, imported in files of at most 5,000 rows (distinct summaries: no duplicates). */
async function seed(page: Page, name: string, count: number): Promise<string> {
  const files: string[] = [];
  for (let done = 0; done < count; done += IMPORT_ROWS) {
    const rows = Math.min(IMPORT_ROWS, count - done);
    files.push(syntheticCsv(rows, 1 + done).replace(/Synthetic entry (\d+)/g, (_, n: string) => `Synthetic entry ${done + Number(n)}`));
  }
  return page.evaluate(
    async ([name, files, agencies]) => {
      const created = await fetch('/api/chronologies', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ child: { givenName: name, familyName: 'Bench', dateOfBirth: '2012-03-04' }, memberAgencies: agencies }),
      });
      if (created.status !== 201) throw new Error(`create answered ${created.status}: ${await created.text()}`);
      const { id } = (await created.json()) as { id: string };
      for (const csv of files) {
        const imported = await fetch(`/api/chronologies/${id}/import?fileName=bench.csv`, { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: csv });
        if (imported.status !== 200) throw new Error(`import answered ${imported.status}: ${(await imported.text()).slice(0, 500)}`);
      }
      return id;
    },
    [name, files, AGENCIES] as const,
  );
}

interface Visit {
  firstView: number;
  live: number | null;
  /** The patterns worked out from every input (the server's answers included) and drawn. */
  settled: number;
  rows: number;
}

/**
 * One navigation, measured, and then waited out until the page has settled: the patterns' inputs have
 * arrived (the server worked every pattern out for them: seconds for 20,000 entries) and the
 * engine has run on them. Without that wait the next navigation (the reference page, after the largest)
 * met a server and a tab still busy with this one's patterns, and measured them: the 50-entry page took
 * longer than the 5,000-entry one (1,744 ms against 1,034 ms on a quiet machine).
 */
async function visit(page: Page, url: string): Promise<Visit> {
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('mac:first-view').length > 0, null, { timeout: 60_000 });
  await page.waitForFunction(() => performance.getEntriesByName('mac:live').length > 0, null, { timeout: 60_000 });
  await page.waitForFunction(
    () => {
      const answered = performance.getEntriesByType('resource').filter((r) => /\/patterns\/(family|reviews)$|\/pattern-config$/.test(new URL(r.name).pathname)) as PerformanceResourceTiming[];
      if (answered.length < 3) return false;
      const last = Math.max(...answered.map((r) => r.responseEnd));
      return performance.getEntriesByName('mac:patterns').some((m) => m.startTime >= last);
    },
    null,
    { timeout: 120_000, polling: 50 },
  );
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return page.evaluate(() => {
    const table = document.querySelector('mac-app mac-chronology-page')?.shadowRoot?.querySelector('mac-entry-table');
    const patterns = performance.getEntriesByName('mac:patterns');
    const lastPatterns = patterns[patterns.length - 1]!;
    return {
      firstView: performance.getEntriesByName('mac:first-view')[0]!.startTime,
      live: performance.getEntriesByName('mac:live')[0]?.startTime ?? null,
      settled: lastPatterns.startTime + lastPatterns.duration,
      rows: table?.shadowRoot?.querySelectorAll('tr.row').length ?? 0,
    };
  });
}

/**
 * In the page (BENCH_PROFILE): marks when each request answers and each websocket message arrives. A
 * string, not a function: tsx's helpers would not exist in the page.
 */
const TRACE = String.raw`(() => {
  const mark = (name) => performance.mark(name);
  const fetch0 = window.fetch;
  window.fetch = async (...args) => {
    mark('fetch start ' + String(args[0]).replace(/^https?:\/\/[^/]+/, '').slice(0, 60));
    const r = await fetch0(...args);
    mark('fetch ' + String(args[0]).replace(/^https?:\/\/[^/]+/, '').slice(0, 60) + ' ' + r.status);
    return r;
  };
  const WS = window.WebSocket;
  window.WebSocket = class extends WS {
    constructor(url, protocols) {
      super(url, protocols);
      mark('ws new ' + String(url).replace(/^wss?:\/\/[^/]+/, '').slice(0, 60));
      this.addEventListener('open', () => mark('ws open'));
      let n = 0;
      this.addEventListener('message', (e) => { if (n++ < 3) mark('ws message ' + (e.data.byteLength ?? e.data.size ?? '?') + ' bytes'); });
    }
  };
  // Each custom element's update (Lit's render and commit), as a measure named after the element.
  const define0 = customElements.define.bind(customElements);
  customElements.define = (name, cls, options) => {
    for (const method of ['willUpdate', 'update', 'updated', 'firstUpdated']) {
      const f = cls.prototype[method];
      if (!f) continue;
      cls.prototype[method] = function (...args) {
        const t = performance.now();
        const r = f.apply(this, args);
        performance.measure(method + ' ' + name, { start: t });
        return r;
      };
    }
    return define0(name, cls, options);
  };
})();`;

const COUNT_ELEMENTS = String.raw`(() => {
  const counts = [];
  const walk = (root, name) => {
    const all = root.querySelectorAll('*');
    counts.push(name + ' ' + all.length);
    for (const el of all) if (el.shadowRoot) walk(el.shadowRoot, el.tagName.toLowerCase());
  };
  walk(document, 'document');
  return counts.filter((c) => Number(c.split(' ')[1]) > 50).join(', ');
})()`;

async function timeline(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => r.name.endsWith('.js')).map((r) => ({ name: `loaded ${r.name.replace(/^.*\//, '')}`, startTime: r.responseEnd }));
    const updates = performance.getEntriesByType('measure').filter((m) => m.duration > 5).map((m) => ({ name: `${m.name} took ${m.duration.toFixed(0)} ms`, startTime: m.startTime }));
    const marks = [...performance.getEntriesByType('mark'), ...updates, ...scripts, { name: 'responseEnd (html)', startTime: nav.responseEnd }, { name: 'DOMContentLoaded', startTime: nav.domContentLoadedEventEnd }];
    return marks.sort((a, b) => a.startTime - b.startTime).map((m) => `${m.startTime.toFixed(0).padStart(6)} ms  ${m.name}`);
  });
}

/** Time of the renderer's main thread by trace event (top-level and nested), during one navigation. */
async function traceSummary(page: Page, url: string): Promise<void> {
  const browser = page.context().browser()!;
  await browser.startTracing(page, { categories: ['devtools.timeline', 'v8.execute', 'disabled-by-default-devtools.timeline'] });
  await visit(page, url);
  const buffer = await browser.stopTracing();
  const { traceEvents } = JSON.parse(buffer.toString()) as { traceEvents: Array<{ name: string; ph: string; dur?: number; tid: number; pid: number; ts: number; args?: { name?: string; data?: { frames?: unknown } } }> };
  const main = traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const events = traceEvents.filter((e) => e.ph === 'X' && e.dur !== undefined && main && e.tid === main.tid && e.pid === main.pid);
  const total = new Map<string, number>();
  for (const e of events) total.set(e.name, (total.get(e.name) ?? 0) + e.dur! / 1000);
  console.log('  renderer main thread, inclusive time by trace event:');
  for (const [k, v] of [...total].sort((a, b) => b[1] - a[1]).slice(0, 18)) console.log(`    ${v.toFixed(0).padStart(6)} ms  ${k}`);
}

/** Self time of the main thread during one navigation, by script and by function (a CDP CPU profile). */
async function profile(page: Page, url: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await visit(page, url);
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>; samples: number[]; timeDeltas: number[] } };
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byScript = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, ms] of self) {
    const frame = byNode.get(id)!.callFrame;
    const script = frame.url ? new URL(frame.url, 'http://x').pathname : `(${frame.functionName || 'native'})`;
    byScript.set(script, (byScript.get(script) ?? 0) + ms);
    const fn = `${frame.functionName || '(anonymous)'} ${script}:${frame.lineNumber}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  }
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  for (const [id, ms] of self) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byNode.get(at)!.callFrame;
      const fn = `${frame.functionName || '(anonymous)'} ${frame.url ? new URL(frame.url, 'http://x').pathname : ''}:${frame.lineNumber}`;
      if (seen.has(fn)) continue;
      seen.add(fn);
      inclusive.set(fn, (inclusive.get(fn) ?? 0) + ms);
    }
  }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  console.log('  main thread self time by script:');
  for (const [k, v] of top(byScript, 12)) console.log(`    ${v.toFixed(0).padStart(6)} ms  ${k}`);
  console.log('  by function:');
  for (const [k, v] of top(byFunction, 25)) console.log(`    ${v.toFixed(0).padStart(6)} ms  ${k}`);
  console.log('  by function, inclusive:');
  for (const [k, v] of top(inclusive, 60)) console.log(`    ${v.toFixed(0).padStart(6)} ms  ${k}`);
}

if (process.env.BENCH_BUILD !== '0') execFileSync('pnpm', ['--filter', '@mac/web', 'build'], { cwd: root, stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } });
const dataDir = mkdtempSync(join(tmpdir(), 'mac-first-view-'));
const password = `bench-${randomBytes(9).toString('base64url')}`;
const { child, url } = await startServer(await freePort(), dataDir, password);
const browser = await chromium.launch({
  executablePath: process.env.MAC_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  const page = await context.newPage();
  if (PROFILE) await page.addInitScript(TRACE);
  await page.goto(`${url}/sign-in`);
  const status = await page.evaluate(
    async ([email, pw]) => (await fetch('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password: pw }) })).status,
    ['lead@csc.example.org', password] as const,
  );
  if (status !== 200) throw new Error(`sign-in answered ${status}`);

  const sizes = [REFERENCE, ...SIZES];
  const ids = new Map<number, string>();
  for (const size of sizes) {
    const t = performance.now();
    ids.set(size, await seed(page, `Size${size}`, size));
    console.log(`seeded ${size} entries in ${Math.round(performance.now() - t)} ms`);
  }
  // One visit each first: the server loads each document once, as it would for the first reader.
  for (const size of sizes) await visit(page, `${url}/chronologies/${ids.get(size)}`);

  const figures = new Map<number, Visit[]>(sizes.map((s) => [s, []]));
  for (let run = 0; run < RUNS; run++) {
    // Interleaved, so that a burst of load from elsewhere on the machine touches every size alike.
    for (const size of sizes) figures.get(size)!.push(await visit(page, `${url}/chronologies/${ids.get(size)}`));
  }
  const ref = median(figures.get(REFERENCE)!.map((v) => v.firstView));
  const refLive = median(figures.get(REFERENCE)!.map((v) => v.live ?? 0));
  const refSettled = median(figures.get(REFERENCE)!.map((v) => v.settled));
  console.log(`\nfirst view (navigation → timeline and first table rows drawn), median of ${RUNS}; live = the documents loaded; settled = the patterns worked out and drawn`);
  for (const size of sizes) {
    const vs = figures.get(size)!;
    const fv = median(vs.map((v) => v.firstView));
    const live = median(vs.map((v) => v.live ?? 0));
    const settled = median(vs.map((v) => v.settled));
    console.log(
      `  ${String(size).padStart(6)} entries: first view ${fv.toFixed(0).padStart(5)} ms (${(fv / ref).toFixed(2)}× the ${REFERENCE}-entry page; runs ${vs.map((v) => v.firstView.toFixed(0)).join(', ')}), live ${live.toFixed(0).padStart(5)} ms (${(live / refLive).toFixed(2)}×), settled ${settled.toFixed(0).padStart(5)} ms (${(settled / refSettled).toFixed(2)}×), ${vs[0]!.rows} rows in the DOM`,
    );
  }
  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(', ')}`);
  if (PROFILE) {
    for (const size of sizes) {
      await visit(page, `${url}/chronologies/${ids.get(size)}`);
      console.log(`\ntimeline of one navigation to the ${size}-entry chronology:`);
      for (const line of await timeline(page)) console.log(`  ${line}`);
      console.log(`  elements by shadow root: ${await page.evaluate(COUNT_ELEMENTS)}`);
    }
    const largest = Math.max(...SIZES);
    console.log(`\nCPU profile of one navigation to the ${largest}-entry chronology:`);
    await profile(page, `${url}/chronologies/${ids.get(largest)}`);
    await traceSummary(page, `${url}/chronologies/${ids.get(largest)}`);
  }
  await context.close();
} finally {
  await browser.close();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid!, 'SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
  } catch {
    // already gone
  }
  // A server still shutting down (a compaction finishing) may write into it for a moment: the figures
  // are printed already, so a folder left in /tmp is said, not fatal.
  try {
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 500 });
  } catch (err) {
    console.warn(`could not remove ${dataDir}: ${String(err)}`);
  }
}
