/**
 * Recording one household event on four children's chronologies (issue 14, the Measure), against a real
 * server on a port (SQLite on its worker thread, synchronous=FULL) with a real y-websocket client open on
 * each child's shared document: the time to durable (the 201 of POST /api/households/{id}/events, which
 * answers once the one unit of work has committed) and to visible on each child's open document (the copy
 * has arrived over the websocket). In the same run, as the reference: a single-entry REST write
 * (POST /api/chronologies/{id}/entries) with a client open on that chronology. Prints medians and p90 per
 * measure and the ratios household / single. Timings are printed, never asserted.
 *
 * Run: pnpm bench:household   (BENCH_ROUNDS=40 by default)
 */
import { performance } from 'node:perf_hooks';
import { sharedDocName, storedFieldsOf } from '@mac/sync';
import { connect, type Client } from '../src/sync-testing.js';
import { DEMO, startTestServer } from '../src/testing.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const CHILDREN = 4;
process.env.MAC_TEST_SQLITE_THREAD ??= 'worker';

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

/** Resolves with the time at which an entry with this summary appears in the client's document. */
function seen(client: Client, summary: string): Promise<number> {
  const entries = client.doc.getMap('entries');
  return new Promise((resolve) => {
    const check = () => {
      for (const value of entries.values()) {
        if (storedFieldsOf(value)?.summary === summary) {
          entries.unobserveDeep(check);
          resolve(performance.now());
          return;
        }
      }
    };
    entries.observeDeep(check);
    check();
  });
}

const server = await startTestServer();
const clients: Client[] = [];
try {
  const lead = await server.login(DEMO.lead);
  const police = await server.login(DEMO.police);
  const ids: string[] = [];
  for (let i = 0; i < CHILDREN; i++) {
    const made = await server.api(lead, 'POST', '/api/chronologies', { child: { givenName: `Bench${i}`, familyName: 'Household', dateOfBirth: '2018-01-01' }, memberAgencies: ['thames-valley-police'] });
    ids.push(made.body.id);
  }
  const household = await server.api(lead, 'POST', '/api/households', { chronologyIds: ids, name: 'Bench household' });
  if (household.status !== 201) throw new Error(`household: ${household.status}`);
  for (const id of ids) clients.push(connect(server.origin, police, sharedDocName(id)));
  await Promise.all(clients.map((c) => new Promise<void>((resolve) => (c.provider.synced ? resolve() : c.provider.once('sync', () => resolve())))));

  const body = (summary: string) => ({ date: '2026-11-20', time: '23:40', category: 'domestic-abuse-incident', summary, detail: 'Police attended the family home after a neighbour reported shouting.' });
  const single = { durable: [] as number[], visible: [] as number[] };
  const hh = { durable: [] as number[], visibleFirst: [] as number[], visibleLast: [] as number[], visibleEach: [] as number[] };
  // Warm-up (rooms, shadows, statement caches), not counted.
  for (let round = -3; round < ROUNDS; round++) {
    // The reference: one entry on the first child's chronology.
    const one = `single ${round} ${crypto.randomUUID()}`;
    const arrivedOne = seen(clients[0]!, one);
    const s0 = performance.now();
    const res1 = await server.api(police, 'POST', `/api/chronologies/${ids[0]}/entries`, body(one));
    const s1 = performance.now();
    if (res1.status !== 201) throw new Error(`single write: ${res1.status}`);
    const s2 = await arrivedOne;
    // The household event: four copies, one unit of work.
    const many = `household ${round} ${crypto.randomUUID()}`;
    const arrived = clients.map((c) => seen(c, many));
    const h0 = performance.now();
    const res2 = await server.api(police, 'POST', `/api/households/${household.body.id}/events`, body(many));
    const h1 = performance.now();
    if (res2.status !== 201 || res2.body.entries.length !== CHILDREN) throw new Error(`household event: ${res2.status} ${JSON.stringify(res2.body)}`);
    const times = await Promise.all(arrived);
    if (round < 0) continue;
    single.durable.push(s1 - s0);
    single.visible.push(s2 - s0);
    hh.durable.push(h1 - h0);
    hh.visibleFirst.push(Math.min(...times) - h0);
    hh.visibleLast.push(Math.max(...times) - h0);
    hh.visibleEach.push(...times.map((t) => t - h0));
  }

  const line = (name: string, xs: number[]) => console.log(`  ${name.padEnd(46)} median ${fmt(quantile(xs, 0.5)).padStart(9)}   p90 ${fmt(quantile(xs, 0.9)).padStart(9)}`);
  console.log(`Household event on ${CHILDREN} children, a websocket client open on each; ${ROUNDS} rounds (SQLite, worker thread, synchronous=FULL)`);
  line('single entry: durable (201)', single.durable);
  line('single entry: visible on its open document', single.visible);
  line('household event: durable (201, all copies)', hh.durable);
  line('household event: visible, first child', hh.visibleFirst);
  line('household event: visible, each child', hh.visibleEach);
  line('household event: visible, last of the four', hh.visibleLast);
  const ratio = (a: number[], b: number[]) => (quantile(a, 0.5) / quantile(b, 0.5)).toFixed(2);
  console.log(`  ratio durable, household / single (medians):             ${ratio(hh.durable, single.durable)}`);
  console.log(`  ratio visible on the last child, household / single:    ${ratio(hh.visibleLast, single.visible)}`);
  console.log(`  per copy: household durable / (4 × single durable):      ${(quantile(hh.durable, 0.5) / (CHILDREN * quantile(single.durable, 0.5))).toFixed(2)}`);
} finally {
  for (const c of clients) c.destroy();
  await server.stop();
}
