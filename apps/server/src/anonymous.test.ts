// Finding 16 of issue 11: an anonymous caller gets 401 from every protected route before anything about
// the request is validated, so no 422 (or 400) tells an outsider what a route accepts. The routes come
// from the OpenAPI document, as in the access matrix, so a route added later is covered by itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_OPERATIONS } from './http/anonymous.js';
import { DEMO, startTestServer, type TestServer } from './testing.js';

let server: TestServer;
let operations: { method: string; path: string }[] = [];

beforeAll(async () => {
  server = await startTestServer();
  const doc = await server.api(null, 'GET', '/api/openapi.json');
  operations = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })));
});
afterAll(async () => {
  await server?.stop();
});

// Path parameters that fail validation where a route checks them (ids are bounded strings or UUIDs).
const badPath = (path: string) => path.replace(/\{[^}]+\}/g, 'x'.repeat(300));
const BAD_BODIES: { label: string; body: string; contentType: string }[] = [
  { label: 'a body with wrong fields', body: JSON.stringify({ unexpected: [1, 2, 3], summary: 42, email: 7 }), contentType: 'application/json' },
  { label: 'malformed JSON', body: '{"summary": ', contentType: 'application/json' },
  { label: 'the wrong content type', body: 'date,summary\nnot-a-date,', contentType: 'text/plain' },
];

describe('anonymous requests', () => {
  it('[F16] get 401 before their body, parameters or query are validated, on every protected route', async () => {
    const failures: string[] = [];
    let cases = 0;
    for (const op of operations) {
      if (PUBLIC_OPERATIONS.has(`${op.method} ${op.path}`)) continue;
      const attempts = op.method === 'GET' ? [{ label: 'a bad query', body: undefined, contentType: undefined }] : BAD_BODIES;
      for (const attempt of attempts) {
        const path = `${badPath(op.path)}${op.method === 'GET' ? '?limit=-5&before=not-a-number&from=garbage' : ''}`;
        const headers: Record<string, string> = attempt.contentType ? { 'content-type': attempt.contentType } : {};
        const res = await server.api(null, op.method, path, attempt.body, headers);
        cases += 1;
        if (res.status !== 401 || res.body?.error?.code !== 'unauthenticated') {
          failures.push(`${op.method} ${op.path} with ${attempt.label}: ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(cases).toBeGreaterThan(80);
  });

  it('[F16] the public routes are only sign-in and what it needs, and the health check', () => {
    const documented = new Set(operations.map((o) => `${o.method} ${o.path}`));
    for (const op of PUBLIC_OPERATIONS) if (op !== 'GET /api/openapi.json') expect(documented.has(op), op).toBe(true);
    expect([...PUBLIC_OPERATIONS].filter((op) => !op.includes('/api/auth/') && op !== 'GET /api/openapi.json' && op !== 'GET /api/health')).toEqual([]);
  });

  it('[F16] a signed-in caller still gets the specific 422 for the same bad body', async () => {
    const cookie = await server.login(DEMO.lead);
    const res = await server.api(cookie, 'POST', '/api/chronologies', BAD_BODIES[0]!.body, { 'content-type': 'application/json' });
    expect(res.status).toBe(422);
    expect(res.body.error.fields.length).toBeGreaterThan(0);
    // Sign-in itself is public: a bad body there is still a 422 (it is how the form says what is missing).
    const login = await server.api(null, 'POST', '/api/auth/login', { email: 5 });
    expect(login.status).toBe(422);
  });
});
