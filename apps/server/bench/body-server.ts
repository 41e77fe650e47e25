/**
 * The ceiling for an audited page read over a real socket (bench/load.bench.ts): a process of its own that
 * serves the body bytes it is given (a page the real server answered) from one route through Hono and
 * @hono/node-server, with the security headers every API response carries and nothing else: no session,
 * access check, store read or audit record. What the real server's read costs beyond this is ours; what
 * this costs (HTTP, the socket, the client reading ~370 KB) any server pays to send those bytes.
 *
 * Run by load.bench.ts: `node --import tsx bench/body-server.ts <file with the body>`; prints its origin.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { securityHeaders } from '../src/http/security-headers.js';

const file = process.argv[2];
if (file === undefined) throw new Error('usage: body-server.ts <file holding the body to serve>');
// Kept as the real route keeps a page: one Buffer, written as it is for every response.
const bytes = readFileSync(file) as Uint8Array<ArrayBuffer>;
const app = new Hono();
app.use('*', securityHeaders({ secureCookies: false }));
app.get('/page', (c) => c.body(bytes, 200, { 'content-type': 'application/json' }));
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => {
  console.log(`body server on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
