// A flood of sign-ins: password checks beyond PASSWORD_CHECKS_AT_ONCE are refused at once (503, Retry-After)
// instead of queuing behind the others; a known and an unknown email alike; nothing counted against the
// account. The bound is lowered here so a test can reach it (the module's state is shared by the files of
// a worker: each test puts it back).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { passwordHashesInFlight, PASSWORD_CHECKS_AT_ONCE, setPasswordChecksAtOnce } from './services/auth/passwords.js';
import { passwordThrottle } from './services/auth/throttle.js';
import { DEMO, startTestServer, TEST_PASSWORD, type TestServer } from './testing.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});
afterEach(() => {
  setPasswordChecksAtOnce(PASSWORD_CHECKS_AT_ONCE);
});

const signIn = (email: string, password: string) => server.api(null, 'POST', '/api/auth/login', { email, password });

/** The most password hashes under way at once while `work` runs (looked at every turn of the event loop). */
async function mostInFlight<T>(work: Promise<T>): Promise<{ value: T; most: number }> {
  let most = passwordHashesInFlight();
  let done = false;
  const watch = (async () => {
    while (!done) {
      most = Math.max(most, passwordHashesInFlight());
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  const value = await work.finally(() => (done = true));
  await watch;
  return { value, most };
}

describe('sign-in under a flood of password checks', () => {
  it('refuses a check beyond the bound with 503 and Retry-After, a known and an unknown email alike, counting no failure', async () => {
    setPasswordChecksAtOnce(0);
    const known = await signIn(DEMO.police, TEST_PASSWORD);
    const unknown = await signIn('nobody-at-all@nowhere.example.org', 'not-the-password-at-all');
    expect(known.status).toBe(503);
    expect(unknown.status).toBe(503);
    expect(unknown.body).toEqual(known.body);
    expect(known.body.error.code).toBe('server_busy');
    expect(Number(known.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(known.headers.get('set-cookie')).toBeNull();
    // The password was never checked: no failure for the throttle, and the right password works once there is room.
    expect((await passwordThrottle(server.deps, DEMO.police, null)).pairFailures).toBe(0);
    setPasswordChecksAtOnce(PASSWORD_CHECKS_AT_ONCE);
    expect((await signIn(DEMO.police, TEST_PASSWORD)).status).toBe(200);
  });

  it('holds the bound under many sign-ins at once: the rest are refused, never queued', async () => {
    setPasswordChecksAtOnce(3);
    const emails = [DEMO.lead, DEMO.dsl, DEMO.hv, DEMO.admin];
    const { value: answers, most } = await mostInFlight(Promise.all(Array.from({ length: 12 }, (_, i) => signIn(emails[i % emails.length]!, TEST_PASSWORD))));
    expect(most).toBeLessThanOrEqual(3);
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(3);
  });

  it('still verifies an unknown email against the dummy hash (one hash under way, as for a known one)', async () => {
    const { value: unknown, most } = await mostInFlight(signIn('nobody-else@nowhere.example.org', 'not-the-password-at-all'));
    expect(unknown.status).toBe(401);
    expect(most).toBe(1);
  });
});
