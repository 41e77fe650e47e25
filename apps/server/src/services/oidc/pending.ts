import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { ServerConfig } from '../../config.js';

/** What the callback must check the provider's answer against: one sign-in attempt, one browser. */
export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** The redirect_uri sent with the authorization request; the token request must repeat it exactly. */
  redirectUri: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /**
   * Set when this is not a sign-in but the re-authentication before emergency access: who asked (the
   * session's user, since the callback arrives without the SameSite=Strict session cookie), for which
   * chronology, why, and when (the provider's auth_time must be later).
   */
  breakGlass?: PendingBreakGlass;
}

export interface PendingBreakGlass {
  chronologyId: string;
  userId: string;
  sessionIdHash: string;
  reason: string;
  /** Epoch milliseconds. */
  startedAt: number;
}

export const PENDING_LOGIN_SECONDS = 10 * 60;

/**
 * The cookie that carries the pending sign-in from /login to /callback. Over TLS it is `__Host-` for the
 * same reason as the session cookie: a sibling subdomain must not plant its own attempt in our browser
 * (that would sign the user in as the attacker).
 */
export function pendingCookieName(config: Pick<ServerConfig, 'secureCookies'>): string {
  return config.secureCookies ? '__Host-mac_oidc' : 'mac_oidc';
}

export function serializePendingCookie(config: Pick<ServerConfig, 'secureCookies'>, value: string, maxAgeSeconds: number): string {
  const parts = [
    `${pendingCookieName(config)}=${value}`,
    'Path=/',
    'HttpOnly',
    // Lax, not Strict like the session cookie: the provider sends the browser back to /callback by a
    // cross-site top-level navigation, and browsers withhold Strict cookies from those. Lax still keeps
    // it off cross-site subresource requests and POSTs; the callback is a GET (response_mode=query).
    'SameSite=Lax',
    `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`,
  ];
  if (config.secureCookies) parts.push('Secure');
  return parts.join('; ');
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const AAD = Buffer.from('mac-oidc-pending-v1');

export interface PendingSealer {
  seal(pending: PendingLogin): string;
  /** Null for anything we did not seal with this key, or that has been tampered with. Expiry is the caller's. */
  open(value: string | null): PendingLogin | null;
}

/**
 * Seals a pending sign-in into the cookie with AES-256-GCM under a key that lives only in this process:
 * nothing is stored server-side, so a flood of /login requests costs no memory, and the browser can
 * neither read the PKCE verifier nor change the state or nonce. A restart abandons sign-ins in flight
 * (ten minutes at most); the user starts again.
 */
export function createPendingSealer(key: Buffer = randomBytes(32)): PendingSealer {
  return {
    seal(pending) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(AAD);
      const body = Buffer.concat([cipher.update(JSON.stringify(pending), 'utf8'), cipher.final()]);
      return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
    },
    open(value) {
      if (!value || value.length > 4096) return null;
      const raw = Buffer.from(value, 'base64url');
      if (raw.length <= IV_BYTES + TAG_BYTES) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
        decipher.setAAD(AAD);
        decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
        const text = Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
        const parsed = JSON.parse(text) as Partial<PendingLogin>;
        const strings = [parsed.state, parsed.nonce, parsed.codeVerifier, parsed.redirectUri];
        if (strings.some((s) => typeof s !== 'string') || typeof parsed.expiresAt !== 'number') return null;
        const bg = parsed.breakGlass;
        if (bg !== undefined && ([bg.chronologyId, bg.userId, bg.sessionIdHash, bg.reason].some((s) => typeof s !== 'string') || typeof bg.startedAt !== 'number')) return null;
        return parsed as PendingLogin;
      } catch {
        return null;
      }
    },
  };
}
