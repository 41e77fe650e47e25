// The browser's API types, generated from the server's own OpenAPI document (openapi-typescript), so
// the browser never keeps a copy of a response shape by hand: a field added to a route's response
// schema (or to a domain schema the response is built from) reaches the browser's types through this
// file, and src/api-types.test.ts fails while the committed file differs from the live document.
//
//   pnpm --filter @mac/server api-types     writes apps/web/src/api/schema.gen.ts
//
// The web app reads the generated file only as types (apps/web/src/api/types.ts names them); it never
// imports server source. The document comes from a real server started on a throwaway SQLite file.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

export const API_TYPES_FILE = fileURLToPath(new URL('../../web/src/api/schema.gen.ts', import.meta.url));

const HEADER = `// GENERATED from the server's OpenAPI document by apps/server/scripts/api-types.ts: do not edit.
// Regenerate with \`pnpm --filter @mac/server api-types\` after changing a route or a schema it uses
// (apps/server/src/api-types.test.ts fails while this file is out of date).
/* eslint-disable */
`;

/** The TypeScript source of the browser's API types for one OpenAPI document. */
export async function apiTypesSource(document: object): Promise<string> {
  // defaultNonNullable: a field with a default (the domain's childsVoice, seenAlone) is always present
  // in what the server sends, so it is required in the response types.
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0], { defaultNonNullable: true, alphabetize: false });
  return HEADER + astToString(ast);
}

async function main(): Promise<void> {
  const { startTestServer } = await import('../src/testing.js');
  const server = await startTestServer({ databaseUrl: null });
  try {
    const document = (await server.api(null, 'GET', '/api/openapi.json')).body as object;
    writeFileSync(API_TYPES_FILE, await apiTypesSource(document));
    console.log(`wrote ${API_TYPES_FILE}`);
  } finally {
    await server.stop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
