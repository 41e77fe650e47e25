import type { ServerConfig } from '../../config.js';

/**
 * The session cookie. Over TLS it is `__Host-mac_session`: the prefix makes browsers refuse it unless it is
 * Secure, host-only and Path=/, so a sibling subdomain cannot plant or overwrite it. Plain-http
 * development cannot use the prefix (browsers drop Secure cookies there), so it falls back to `mac_session`.
 */
export function sessionCookieName(config: Pick<ServerConfig, 'secureCookies'>): string {
  return config.secureCookies ? '__Host-mac_session' : 'mac_session';
}

export function serializeSessionCookie(config: Pick<ServerConfig, 'secureCookies'>, value: string, maxAgeSeconds: number): string {
  const parts = [
    `${sessionCookieName(config)}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`,
  ];
  if (config.secureCookies) parts.push('Secure');
  return parts.join('; ');
}

/** Reads one cookie from a raw Cookie header (the websocket upgrade has no Hono context). */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}
