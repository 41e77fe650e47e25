import { readFileSync } from 'node:fs';

/** Where the provider sends the browser back; also the default redirect URI's path. */
export const CALLBACK_PATH = '/api/auth/oidc/callback';

export const DEFAULT_SCOPES = 'openid email profile';

/** Single sign-on through one OpenID Connect provider (a council's Microsoft Entra ID tenant). */
export interface OidcConfig {
  /** The issuer identifier, exactly as the provider's discovery document states it. */
  issuer: string;
  clientId: string;
  /** Null: a public client that proves itself with PKCE alone. */
  clientSecret: string | null;
  /** Null: `<public origin>/api/auth/oidc/callback`, worked out per request like the Origin check. */
  redirectUri: string | null;
  scopes: string;
  /**
   * Email domains this provider may sign in (lower case), or null for any. A directory administrator can
   * put any address on an account, so without a list one council's tenant could sign in as another
   * agency's MAC user.
   */
  emailDomains: string[] | null;
  /** Plain http to the provider: only ever for a provider on this machine (tests, development). */
  allowInsecureRequests: boolean;
  /**
   * The key that seals a pending sign-in into its cookie (MAC_OIDC_KEY, hex, or MAC_OIDC_KEY_FILE), or
   * null: a random key per process. Several nodes must share one, or a sign-in started on one node fails
   * when the provider sends the browser back to another (cluster/config.ts refuses to start without it).
   */
  pendingKey: Buffer | null;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function parseUrl(name: string, raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${name} must be an absolute URL (got "${raw}")`);
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return url;
  throw new Error(`${name} must use https (plain http only on localhost; got "${raw}")`);
}

/**
 * Reads MAC_OIDC_* once at start-up. Off (null) unless MAC_OIDC_ISSUER is set; once it is, anything
 * missing or malformed stops the server from starting rather than failing at a user's first sign-in.
 */
export function oidcConfigFromEnv(env: NodeJS.ProcessEnv): OidcConfig | null {
  const rawIssuer = env.MAC_OIDC_ISSUER?.trim();
  if (!rawIssuer) return null;
  const issuer = parseUrl('MAC_OIDC_ISSUER', rawIssuer);
  const clientId = env.MAC_OIDC_CLIENT_ID?.trim();
  if (!clientId) throw new Error('MAC_OIDC_CLIENT_ID must be set when MAC_OIDC_ISSUER is');
  if (env.MAC_OIDC_CLIENT_SECRET && env.MAC_OIDC_CLIENT_SECRET_FILE) {
    throw new Error('Set MAC_OIDC_CLIENT_SECRET or MAC_OIDC_CLIENT_SECRET_FILE, not both');
  }
  const clientSecret = env.MAC_OIDC_CLIENT_SECRET_FILE
    ? readFileSync(env.MAC_OIDC_CLIENT_SECRET_FILE, 'utf8').trim()
    : env.MAC_OIDC_CLIENT_SECRET?.trim() || null;
  const redirectUri = env.MAC_OIDC_REDIRECT_URI?.trim() ? parseUrl('MAC_OIDC_REDIRECT_URI', env.MAC_OIDC_REDIRECT_URI.trim()).href : null;
  const scopes = (env.MAC_OIDC_SCOPES?.trim() || DEFAULT_SCOPES).split(/\s+/);
  if (!scopes.includes('openid')) throw new Error(`MAC_OIDC_SCOPES must include "openid" (got "${env.MAC_OIDC_SCOPES}")`);
  const domains = (env.MAC_OIDC_EMAIL_DOMAINS ?? '')
    .split(',')
    .map((d) => d.trim().toLowerCase().replace(/^@/, ''))
    .filter((d) => d !== '');
  return {
    pendingKey: oidcKeyFromEnv(env),
    // Keep the issuer as written: discovery compares it character for character (a trailing slash matters).
    issuer: rawIssuer,
    clientId,
    clientSecret,
    redirectUri,
    scopes: scopes.join(' '),
    emailDomains: domains.length > 0 ? domains : null,
    allowInsecureRequests: issuer.protocol === 'http:',
  };
}

/**
 * MAC_OIDC_KEY (64 hex digits: 32 bytes for AES-256-GCM) or MAC_OIDC_KEY_FILE (a file holding them); null
 * when neither is set. Read only when single sign-on is configured.
 */
export function oidcKeyFromEnv(env: NodeJS.ProcessEnv): Buffer | null {
  if (env.MAC_OIDC_KEY && env.MAC_OIDC_KEY_FILE) throw new Error('Set MAC_OIDC_KEY or MAC_OIDC_KEY_FILE, not both');
  const fromFile = env.MAC_OIDC_KEY_FILE ? readFileSync(env.MAC_OIDC_KEY_FILE, 'utf8').trim() : null;
  const hex = fromFile ?? env.MAC_OIDC_KEY?.trim() ?? '';
  if (hex === '') return null;
  const name = fromFile !== null ? `MAC_OIDC_KEY_FILE (${env.MAC_OIDC_KEY_FILE})` : 'MAC_OIDC_KEY';
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error(`${name} must hold exactly 32 bytes of hex (64 hex digits), e.g. from \`openssl rand -hex 32\``);
  return Buffer.from(hex, 'hex');
}
