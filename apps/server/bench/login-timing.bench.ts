/**
 * User enumeration by timing: how long a failed sign-in takes for an existing email (wrong password) and
 * for an unknown one, measured from a client over loopback against the real server. The unknown email is
 * verified against a dummy argon2id hash, so both should cost the same. The throttle is reset between
 * attempts (it would otherwise answer 429 after five). Reference in the same run: an unauthenticated GET.
 *
 * Run: pnpm --filter @mac/server exec tsx bench/login-timing.bench.ts   (ROUNDS=200 by default)
 */
import { performance } from 'node:perf_hooks';
import { DEMO, startTestServer } from '../src/testing.js';
import type { SqliteStore } from '@mac/db';

const ROUNDS = Number(process.env.ROUNDS ?? 200);
const server = await startTestServer();
const existing = Object.values(DEMO);

async function time(body: unknown): Promise<number> {
  const start = performance.now();
  const res = await fetch(server.origin + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', origin: server.origin }, body: JSON.stringify(body) });
  await res.arrayBuffer();
  const ms = performance.now() - start;
  if (res.status !== 401) throw new Error(`expected 401, got ${res.status}`);
  return ms;
}

const known: number[] = [];
const unknown: number[] = [];
const baseline: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const email = existing[i % existing.length]!;
  // Alternate the order so drift affects both samples alike.
  if (i % 2 === 0) {
    known.push(await time({ email, password: `wrong-password-${i}` }));
    unknown.push(await time({ email: `nobody-${i}@example.org`, password: `wrong-password-${i}` }));
  } else {
    unknown.push(await time({ email: `nobody-${i}@example.org`, password: `wrong-password-${i}` }));
    known.push(await time({ email, password: `wrong-password-${i}` }));
  }
  const t = performance.now();
  await (await fetch(server.origin + '/api/me')).arrayBuffer();
  baseline.push(performance.now() - t);
  // Forget the failures, so that every round starts unthrottled (the store's connection: test servers run it inline).
  (server.deps.store as SqliteStore).inlineConnection()!.sqlite.prepare('DELETE FROM login_attempts').run();
}
await server.stop();

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const row = (label: string, xs: number[]) => console.log(`${label.padEnd(44)} p50 ${pct(xs, 0.5).toFixed(2).padStart(7)} ms   p90 ${pct(xs, 0.9).toFixed(2).padStart(7)} ms`);
console.log(`\nSign-in timing over loopback, ${ROUNDS} attempts each\n`);
row('existing email, wrong password', known);
row('unknown email (dummy hash)', unknown);
row('reference: unauthenticated GET /api/me', baseline);
const diff = Math.abs(pct(known, 0.5) - pct(unknown, 0.5));
console.log(`\nmedian difference: ${diff.toFixed(2)} ms (${diff < 2 ? 'under' : 'OVER'} the 2 ms bar); a failed sign-in costs ${(pct(known, 0.5) / pct(baseline, 0.5)).toFixed(1)}x the reference request`);
