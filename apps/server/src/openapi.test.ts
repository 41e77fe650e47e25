import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AMENDABLE_FIELDS, ENTRY_FIELDS, LIMITS } from '@mac/domain';
import { createApp } from './app.js';
import { startTestServer, type TestServer } from './testing.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('OpenAPI document', () => {
  it('describes exactly the API routes the app serves', async () => {
    const doc = (await server.api(null, 'GET', '/api/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    const documented = new Set(
      Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    const app = createApp(server.deps);
    const served = new Set(
      app.routes
        .filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL' && r.path !== '/api/openapi.json')
        .map((r) => `${r.method} ${r.path}`),
    );
    expect([...served].filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].filter((r) => !served.has(r))).toEqual([]);
  });

  it("describes every entry field of the domain, with the domain's limits", async () => {
    const { Entry, EntryInput } = (await server.api(null, 'GET', '/api/openapi.json')).body.components.schemas;
    // A field added to the domain's entry must reach the document (and so every typed client of it).
    expect(Object.keys(Entry.properties).sort()).toEqual([...ENTRY_FIELDS].sort());
    expect(Object.keys(EntryInput.properties).sort()).toEqual([...AMENDABLE_FIELDS, 'restricted'].sort());
    for (const [field, max] of Object.entries(LIMITS)) {
      expect(Entry.properties[field].maxLength, field).toBe(max);
      if (field !== 'withdrawnReason') expect(EntryInput.properties[field].maxLength, field).toBe(max);
    }
  });

  it('documents the error shape and the request schemas', async () => {
    const doc = (await server.api(null, 'GET', '/api/openapi.json')).body;
    expect(doc.components.schemas.Error).toBeDefined();
    expect(doc.components.schemas.EntryInput.properties.summary).toBeDefined();
    const post = doc.paths['/api/chronologies/{id}/entries'].post;
    expect(post.responses['422']).toBeDefined();
    expect(post.responses['404']).toBeDefined();
  });

  it('documents 503 with Retry-After where the server can be busy: packs, the caseload, what changed since a snapshot, writes', async () => {
    const doc = (await server.api(null, 'GET', '/api/openapi.json')).body;
    for (const [path, method] of [
      ['/api/chronologies/{id}/packs', 'post'],
      ['/api/chronologies', 'get'],
      ['/api/chronologies/{id}/changes', 'get'],
      ['/api/chronologies/{id}/entries', 'post'],
    ] as const) {
      const busy = doc.paths[path][method].responses['503'];
      expect(busy, `${method} ${path}`).toBeDefined();
      expect(busy.headers['Retry-After'].schema.type).toBe('integer');
      expect(busy.content['application/json'].schema.$ref).toBe('#/components/schemas/Error');
    }
  });

  it('answers unknown API paths with the JSON error shape', async () => {
    const res = await server.api(null, 'GET', '/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: 'No such API route.' } });
  });

  it('answers a path whose dot segments leave /api with the JSON error shape too (found by REST fuzzing)', async () => {
    // The URL resolves /api/approvals/%2e%2e/.. to /, outside the API's own catch-all.
    const res = await server.api(null, 'POST', '/api/approvals/%2e%2e/..', {});
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: 'No such route.' } });
  });
});
