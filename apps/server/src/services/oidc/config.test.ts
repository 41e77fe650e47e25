import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oidcConfigFromEnv } from './config.js';
import { identityFromClaims } from './identity.js';
import { createPendingSealer, serializePendingCookie, type PendingLogin } from './pending.js';

const ENTRA = 'https://login.microsoftonline.com/0b9c3f7a-1111-4222-8333-444455556666/v2.0';
const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;

describe('oidcConfigFromEnv', () => {
  it('is off without an issuer', () => {
    expect(oidcConfigFromEnv(env({}))).toBeNull();
    expect(oidcConfigFromEnv(env({ MAC_OIDC_ISSUER: '  ', MAC_OIDC_CLIENT_ID: 'x' }))).toBeNull();
  });

  it('reads an Entra ID tenant with the default scopes and the per-request redirect URI', () => {
    expect(oidcConfigFromEnv(env({ MAC_OIDC_ISSUER: ENTRA, MAC_OIDC_CLIENT_ID: 'app-id', MAC_OIDC_CLIENT_SECRET: 's3cret' }))).toEqual({
      issuer: ENTRA,
      clientId: 'app-id',
      clientSecret: 's3cret',
      redirectUri: null,
      scopes: 'openid email profile',
      emailDomains: null,
      allowInsecureRequests: false,
      pendingKey: null,
    });
  });

  it('takes the redirect URI, scopes and a secret file when given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mac-oidc-'));
    try {
      writeFileSync(join(dir, 'secret'), 'from-a-file\n');
      const config = oidcConfigFromEnv(
        env({
          MAC_OIDC_ISSUER: ENTRA,
          MAC_OIDC_CLIENT_ID: 'app-id',
          MAC_OIDC_CLIENT_SECRET_FILE: join(dir, 'secret'),
          MAC_OIDC_REDIRECT_URI: 'https://mac.example.org/api/auth/oidc/callback',
          MAC_OIDC_SCOPES: 'openid  email',
          MAC_OIDC_EMAIL_DOMAINS: 'Council.gov.uk, @school.example.org,',
        }),
      );
      expect(config).toMatchObject({
        clientSecret: 'from-a-file',
        redirectUri: 'https://mac.example.org/api/auth/oidc/callback',
        scopes: 'openid email',
        emailDomains: ['council.gov.uk', 'school.example.org'],
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start half-configured or over plain http to another host', () => {
    expect(() => oidcConfigFromEnv(env({ MAC_OIDC_ISSUER: ENTRA }))).toThrow(/MAC_OIDC_CLIENT_ID/);
    expect(() => oidcConfigFromEnv(env({ MAC_OIDC_ISSUER: 'http://login.example.org', MAC_OIDC_CLIENT_ID: 'x' }))).toThrow(/https/);
    expect(() => oidcConfigFromEnv(env({ MAC_OIDC_ISSUER: 'not a url', MAC_OIDC_CLIENT_ID: 'x' }))).toThrow(/absolute URL/);
    expect(() => oidcConfigFromEnv(env({ MAC_OIDC_ISSUER: ENTRA, MAC_OIDC_CLIENT_ID: 'x', MAC_OIDC_SCOPES: 'email profile' }))).toThrow(/openid/);
    expect(() => oidcConfigFromEnv(env({ MAC_OIDC_ISSUER: ENTRA, MAC_OIDC_CLIENT_ID: 'x', MAC_OIDC_REDIRECT_URI: 'http://mac.example.org/cb' }))).toThrow(/https/);
    expect(() => oidcConfigFromEnv(env({ MAC_OIDC_ISSUER: ENTRA, MAC_OIDC_CLIENT_ID: 'x', MAC_OIDC_CLIENT_SECRET: 'a', MAC_OIDC_CLIENT_SECRET_FILE: '/f' }))).toThrow(/not both/);
    expect(oidcConfigFromEnv(env({ MAC_OIDC_ISSUER: 'http://127.0.0.1:4000', MAC_OIDC_CLIENT_ID: 'x' }))).toMatchObject({ allowInsecureRequests: true, clientSecret: null });
  });
});

describe('identityFromClaims', () => {
  it('uses email unless the provider says it is unverified', () => {
    expect(identityFromClaims({ sub: '1', email: 'a@b.example', email_verified: true })).toEqual({ ok: true, email: 'a@b.example', claim: 'email' });
    expect(identityFromClaims({ sub: '1', email: 'a@b.example' })).toEqual({ ok: true, email: 'a@b.example', claim: 'email' });
    expect(identityFromClaims({ sub: '1', email: 'a@b.example', email_verified: false, preferred_username: 'a@b.example' })).toEqual({ ok: false, reason: 'email_not_verified' });
  });

  it('falls back to preferred_username only when it is an email address', () => {
    expect(identityFromClaims({ sub: '1', preferred_username: 'jane.smith@council.gov.uk' })).toEqual({ ok: true, email: 'jane.smith@council.gov.uk', claim: 'preferred_username' });
    expect(identityFromClaims({ sub: '1', preferred_username: 'jsmith' })).toEqual({ ok: false, reason: 'no_email' });
    expect(identityFromClaims({ sub: '1', email: ['a@b.example'] })).toEqual({ ok: false, reason: 'no_email' });
  });
});

describe('the pending sign-in cookie', () => {
  const pending: PendingLogin = { state: 'st', nonce: 'no', codeVerifier: 'cv', redirectUri: 'https://mac.example.org/api/auth/oidc/callback', expiresAt: 1 };

  it('opens only what this key sealed, untouched', () => {
    const sealer = createPendingSealer();
    const sealed = sealer.seal(pending);
    expect(sealer.open(sealed)).toEqual(pending);
    expect(createPendingSealer().open(sealed)).toBeNull();
    const raw = Buffer.from(sealed, 'base64url');
    raw[20] = raw[20]! ^ 1;
    expect(sealer.open(raw.toString('base64url'))).toBeNull();
    expect(sealer.open('')).toBeNull();
    expect(sealer.open(null)).toBeNull();
    expect(sealer.open('x'.repeat(5000))).toBeNull();
  });

  it('opens on another node sharing MAC_OIDC_KEY, and on no node with another key', () => {
    const key = Buffer.from('cd'.repeat(32), 'hex');
    const sealed = createPendingSealer(key).seal(pending);
    expect(createPendingSealer(Buffer.from('cd'.repeat(32), 'hex')).open(sealed)).toEqual(pending);
    expect(createPendingSealer(Buffer.from('ce'.repeat(32), 'hex')).open(sealed)).toBeNull();
  });

  it('is HttpOnly and SameSite=Lax, and __Host- with Secure over TLS', () => {
    expect(serializePendingCookie({ secureCookies: false }, 'v', 600)).toBe('mac_oidc=v; Path=/; HttpOnly; SameSite=Lax; Max-Age=600');
    expect(serializePendingCookie({ secureCookies: true }, 'v', 600)).toBe('__Host-mac_oidc=v; Path=/; HttpOnly; SameSite=Lax; Max-Age=600; Secure');
  });
});
