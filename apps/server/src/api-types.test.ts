import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_TYPES_FILE, apiTypesSource } from '../scripts/api-types.js';
import { startTestServer, type TestServer } from './testing.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe("the browser's API types", () => {
  it('are generated from the live OpenAPI document (run `pnpm --filter @mac/server api-types` when this fails)', async () => {
    const document = (await server.api(null, 'GET', '/api/openapi.json')).body;
    const committed = readFileSync(API_TYPES_FILE, 'utf8');
    // Compared as a whole: a route, field or limit that changed on the server and not in the
    // browser's types shows here as the line that differs.
    expect(committed).toBe(await apiTypesSource(document));
  });

  it('would notice a field missing from the committed types', async () => {
    const document = (await server.api(null, 'GET', '/api/openapi.json')).body;
    document.components.schemas.Entry.properties.addedInTheDomain = { type: 'string' };
    document.components.schemas.Entry.required.push('addedInTheDomain');
    expect(readFileSync(API_TYPES_FILE, 'utf8')).not.toBe(await apiTypesSource(document));
  });
});
