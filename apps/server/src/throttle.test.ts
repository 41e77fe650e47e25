// Findings 6, 7 and 14 of issue 11: password guessing is throttled per (account, address) and per address
// with progressive delays, never by locking the account; the routes that ask for the password again count
// against the same throttle; the emergency-access NHS-number lookup is limited per user. Requests come from
// distinct loopback source addresses (127.0.0.x), so the server sees real, different client addresses; the
// server's clock is moved forward instead of waiting out delays.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LOOKUP_LIMITS } from './services/auth/throttle.js';
import { DEMO, startTestServer, TEST_PASSWORD, type TestServer } from './testing.js';

let server: TestServer;
// The server's clock runs in the past and only moves forward, within each session's 12 hours: sessions
// record when they were last seen by the real clock, so a clock ahead of it would sign everyone out.
let clockMs = Date.now() - 30 * 24 * 3_600_000;

beforeAll(async () => {
  server = await startTestServer();
  server.deps.now = () => new Date(clockMs);
});
afterAll(async () => {
  await server?.stop();
});
beforeEach(() => {
  clockMs += 48 * 3_600_000; // every test starts after the previous one's failures have been forgotten
});

interface Reply {
  status: number;
  body: any;
  retryAfter: string | undefined;
  cookie: string | undefined;
}

/** A same-origin JSON request from the given loopback address. */
function from(address: string, method: string, path: string, body?: unknown, cookie?: string): Promise<Reply> {
  const url = new URL(server.origin + path);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method,
        localAddress: address,
        headers: { origin: server.origin, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}), ...(cookie ? { cookie } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // empty body
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, retryAfter: res.headers['retry-after'], cookie: res.headers['set-cookie']?.[0]?.split(';')[0] });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const signIn = (address: string, email: string, password: string) => from(address, 'POST', '/api/auth/login', { email, password });

function expectThrottled(reply: Reply, code = 'too_many_attempts'): number {
  expect(reply.status, JSON.stringify(reply.body)).toBe(429);
  expect(reply.body.error.code).toBe(code);
  const seconds = Number(reply.retryAfter);
  expect(seconds).toBeGreaterThan(0);
  expect(reply.body.error.retryAfterSeconds).toBe(seconds);
  return seconds;
}

describe('sign-in throttling, not lockout', () => {
  it('[F6] an attacker guessing from one address is slowed, and the owner signing in from another is never refused', async () => {
    let throttled = 0;
    for (let i = 0; i < 12; i++) {
      const reply = await signIn('127.0.0.2', DEMO.police, `wrong-guess-${i}-password`);
      if (reply.status === 429) throttled += 1;
      else expect(reply.status).toBe(401);
    }
    expect(throttled).toBeGreaterThan(0);
    expectThrottled(await signIn('127.0.0.2', DEMO.police, TEST_PASSWORD));
    // Five wrong passwords used to lock the account for everyone for 15 minutes.
    const owner = await signIn('127.0.0.3', DEMO.police, TEST_PASSWORD);
    expect(owner.status).toBe(200);
    expect(owner.cookie).toBeTruthy();
  });

  it('[F6] delays grow with each failure from the same address and end by themselves', async () => {
    for (let i = 0; i < 3; i++) expect((await signIn('127.0.0.4', DEMO.hv, `wrong-${i}-password!`)).status).toBe(401);
    expect(expectThrottled(await signIn('127.0.0.4', DEMO.hv, 'wrong-3-password!'))).toBe(2);
    clockMs += 2_000;
    expect((await signIn('127.0.0.4', DEMO.hv, 'wrong-4-password!')).status).toBe(401);
    expect(expectThrottled(await signIn('127.0.0.4', DEMO.hv, TEST_PASSWORD))).toBe(4);
    clockMs += 3_000;
    expect(expectThrottled(await signIn('127.0.0.4', DEMO.hv, TEST_PASSWORD))).toBe(1);
    clockMs += 1_000;
    // The right password once the delay is over signs in, and forgets this address's failures.
    expect((await signIn('127.0.0.4', DEMO.hv, TEST_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await signIn('127.0.0.4', DEMO.hv, `again-${i}-password!`)).status).toBe(401);
  });

  it('[F6] one address spraying many accounts is slowed for every account, other addresses are not', async () => {
    for (let i = 0; i < 30; i++) expect((await signIn('127.0.0.5', `nobody-${i}@example.org`, 'Summer2024!Summer')).status).toBe(401);
    expectThrottled(await signIn('127.0.0.5', DEMO.dsl, TEST_PASSWORD));
    expect((await signIn('127.0.0.6', DEMO.dsl, TEST_PASSWORD)).status).toBe(200);
  });
});

describe('re-authentication routes share the sign-in throttle', () => {
  it('[F7] wrong passwords for emergency access are throttled, with Retry-After, and count against sign-in too', async () => {
    const outsider = (await signIn('127.0.0.7', DEMO.outsider, TEST_PASSWORD)).cookie!;
    const lead = (await signIn('127.0.0.7', DEMO.lead, TEST_PASSWORD)).cookie!;
    const chronologyId = (await from('127.0.0.7', 'GET', '/api/chronologies', undefined, lead)).body.chronologies[0].id;
    const ask = (password: string) => from('127.0.0.8', 'POST', `/api/chronologies/${chronologyId}/break-glass`, { reason: 'Child admitted to A&E overnight', password }, outsider);
    for (let i = 0; i < 3; i++) {
      const reply = await ask(`not-my-password-${i}`);
      expect(reply.status).toBe(422);
      expect(reply.body.error.fields[0].field).toBe('password');
    }
    expectThrottled(await ask('not-my-password-3'));
    // Throttled means the password is not even checked: the right one waits too, and nothing is granted.
    expectThrottled(await ask(TEST_PASSWORD));
    expect((await from('127.0.0.8', 'GET', `/api/chronologies/${chronologyId}`, undefined, outsider)).status).toBe(404);
    expectThrottled(await signIn('127.0.0.8', DEMO.outsider, TEST_PASSWORD));
    const audit = await server.deps.repos.audit.list({ actorId: (await server.deps.repos.users.byEmail(DEMO.outsider))!.id, limit: 50 });
    expect(audit.some((r) => r.action === 'chronology:break-glass' && r.outcome === 'refused' && (r.details as { reason?: string }).reason === 'throttled')).toBe(true);
  });

  it('[F7] wrong current passwords on a password change are throttled, with Retry-After', async () => {
    const cookie = (await signIn('127.0.0.9', DEMO.dsl, TEST_PASSWORD)).cookie!;
    const change = (currentPassword: string) => from('127.0.0.10', 'POST', '/api/auth/password', { currentPassword, newPassword: 'a brand new passphrase' }, cookie);
    for (let i = 0; i < 3; i++) {
      const reply = await change(`not-the-current-${i}`);
      expect(reply.status).toBe(422);
      expect(reply.body.error.fields[0].field).toBe('currentPassword');
    }
    expectThrottled(await change('not-the-current-3'));
    expectThrottled(await change(TEST_PASSWORD));
    // The password did not change: the old one still signs in from a clean address.
    expect((await signIn('127.0.0.11', DEMO.dsl, TEST_PASSWORD)).status).toBe(200);
  });
});

describe('emergency-access lookup', () => {
  it('[F14] is limited per user, with Retry-After, and frees up as the window slides', async () => {
    const outsider = (await signIn('127.0.0.12', DEMO.outsider, TEST_PASSWORD)).cookie!;
    const hv = (await signIn('127.0.0.12', DEMO.hv, TEST_PASSWORD)).cookie!;
    const lookup = (cookie: string, n: number) => from('127.0.0.12', 'POST', '/api/break-glass/lookup', { nhsNumber: validNhs(n) }, cookie);
    const hourly = LOOKUP_LIMITS[0]!;
    for (let i = 0; i < hourly.max; i++) expect([200, 404]).toContain((await lookup(outsider, i)).status);
    const refused = await lookup(outsider, hourly.max);
    expect(expectThrottled(refused, 'too_many_lookups')).toBeLessThanOrEqual(hourly.windowMs / 1000);
    // Another user is not affected.
    expect([200, 404]).toContain((await lookup(hv, 0)).status);
    // An invalid number reveals nothing and is not counted; it still says what is wrong.
    expect((await from('127.0.0.12', 'POST', '/api/break-glass/lookup', { nhsNumber: '123' }, hv)).status).toBe(422);
    clockMs += hourly.windowMs;
    const again = (await signIn('127.0.0.12', DEMO.outsider, TEST_PASSWORD)).cookie!;
    expect([200, 404]).toContain((await lookup(again, 99)).status);
  });
});

/** An NHS number with a valid modulus-11 check digit in the 999 test range, different for each n. */
function validNhs(n: number): string {
  for (let k = n * 20; ; k++) {
    const digits = `999${String(k).padStart(6, '0')}`.split('').map(Number);
    const check = 11 - (digits.reduce((acc, d, i) => acc + d * (10 - i), 0) % 11);
    if (check !== 10) return `${digits.join('')}${check === 11 ? 0 : check}`;
  }
}
