/**
 * The ceiling for an audited page read in the benchmarks: the same response body bytes (~300 KB for 500
 * entries) served through Hono and `app.request()` (no socket) from a route that does no session lookup,
 * access check, store read or audit record, with the security headers every API response carries. What
 * separates a read from this is ours; what this costs (building the Request and Response, copying the body
 * out of it) is the same for any route that answers with those bytes.
 */
import { Hono } from 'hono';
import { securityHeaders } from '../src/http/security-headers.js';

export function bodyReference(body: Uint8Array): { request: (path: string) => Promise<Response>; path: string; bytes: number } {
  // Kept as the route keeps it: one Buffer, written as it is for every response.
  const bytes = Buffer.from(body) as Uint8Array<ArrayBuffer>;
  const app = new Hono();
  app.use('*', securityHeaders({ secureCookies: false }));
  app.get('/api/reference/page', (c) => c.body(bytes, 200, { 'content-type': 'application/json' }));
  return { request: async (path) => await app.request(path), path: '/api/reference/page', bytes: bytes.byteLength };
}
