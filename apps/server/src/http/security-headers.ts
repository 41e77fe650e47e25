import type { MiddlewareHandler } from 'hono';
import type { ServerConfig } from '../config.js';

// No inline script or style anywhere. Lit's `static styles` uses constructable stylesheets, which CSP does
// not treat as inline; Lit's `styleMap` does NOT qualify (its first render writes a style attribute), so
// the web app sets styles through the CSSOM with its own `cssProps` directive, and switches zod to jitless
// mode (zod otherwise probes `new Function`). 'self' in connect-src covers the same-host ws:/wss:
// websocket (CSP Level 3).
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Hono's secureHeaders() sets no CSP and a 180-day HSTS, so we set the set we want ourselves. HSTS only
 * over TLS: sent on plain http it is ignored at best and pins a dev host at worst.
 */
export function securityHeaders(config: Pick<ServerConfig, 'secureCookies'>): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('Referrer-Policy', 'no-referrer');
    h.set('X-Frame-Options', 'DENY');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    h.set('Cross-Origin-Resource-Policy', 'same-origin');
    h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    if (config.secureCookies) h.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
    if (c.req.path.startsWith('/api/')) h.set('Cache-Control', 'no-store');
  };
}
