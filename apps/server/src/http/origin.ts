import type { ServerConfig } from '../config.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/** The origin the browser app is served from: configured, or the one this request was addressed to. */
export function expectedOrigin(config: Pick<ServerConfig, 'publicOrigin'>, requestUrl: string): string {
  return config.publicOrigin ?? new URL(requestUrl).origin;
}

/**
 * Cookie-authenticated mutations and websocket upgrades must come from our own pages. SameSite=Strict
 * already keeps the cookie off cross-site requests; this is the second lock, and the one that covers JSON
 * bodies (Hono's csrf() only looks at form content types). A request with no Origin passes only if the
 * browser itself says it is same-origin.
 */
export function isSameOrigin(headers: { origin?: string | null; secFetchSite?: string | null }, expected: string): boolean {
  if (headers.origin) return headers.origin === expected;
  return headers.secFetchSite === 'same-origin';
}
