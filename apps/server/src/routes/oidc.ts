import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import * as oidc from 'openid-client';
import { readCookie, serializeSessionCookie } from '../services/auth/cookies.js';
import { startSession, userPrincipal } from '../services/auth/sessions.js';
import type { AppEnv } from '../http/env.js';
import { ApiError } from '../http/errors.js';
import { expectedOrigin } from '../http/origin.js';
import { requirePrincipal } from '../http/require.js';
import { ErrorSchema, IdParam, errorResponses, jsonContent } from '../http/schemas.js';
import { audit } from '../services/audit.js';
import { BREAK_GLASS_MINUTES, checkBreakGlassRequest, grantBreakGlass } from '../services/break-glass.js';
import { CALLBACK_PATH, type OidcConfig } from '../services/oidc/config.js';
import { identityFromClaims } from '../services/oidc/identity.js';
import { createPendingSealer, PENDING_LOGIN_SECONDS, pendingCookieName, serializePendingCookie, type PendingBreakGlass, type PendingLogin } from '../services/oidc/pending.js';

export { oidcConfigFromEnv, type OidcConfig } from '../services/oidc/config.js';

/** Where the web app shows a sign-in problem. Only these codes ever reach the page: never provider text. */
export const SIGN_IN_PATH = '/sign-in';

export const OIDC_ERRORS = {
  /** The provider's discovery document or keys could not be fetched. */
  unavailable: 'oidc_unavailable',
  /** No pending sign-in in this browser, it expired, or the state does not match (also: a replayed callback). */
  state: 'oidc_state',
  /** The provider answered with an error (the user cancelled, or the tenant refused the app). */
  denied: 'oidc_denied',
  /** The code exchange or the ID token's checks failed. */
  failed: 'oidc_failed',
  /** The ID token names no usable email address. */
  noEmail: 'oidc_no_email',
  /** The address is outside the email domains this provider may sign in (MAC_OIDC_EMAIL_DOMAINS). */
  domainNotAllowed: 'oidc_domain_not_allowed',
  /** No MAC account has that email address (accounts are never created by signing in). */
  unknownUser: 'oidc_unknown_user',
  /** The MAC account is disabled. */
  accountDisabled: 'oidc_account_disabled',
  /** Emergency access: the provider signed in someone other than the user who asked. */
  otherUser: 'oidc_other_user',
  /** The account is bound to another identity at the provider (a directory change gave its address to someone else). */
  identityChanged: 'oidc_identity_changed',
} as const;
export type OidcErrorCode = (typeof OIDC_ERRORS)[keyof typeof OIDC_ERRORS];

/** How far the provider's clock may be behind ours when we check auth_time for emergency access. */
const AUTH_TIME_SKEW_MS = 60_000;

const redirect = (description: string) => ({ description, headers: { Location: { schema: { type: 'string' as const } } } });
const disabledResponse = jsonContent(ErrorSchema, 'Single sign-on is not configured on this server (code oidc_disabled)');

const status = createRoute({
  method: 'get',
  path: '/api/auth/oidc/status',
  tags: ['auth'],
  summary: 'Whether single sign-on is configured, so the sign-in page knows to offer it',
  responses: { 200: jsonContent(z.object({ enabled: z.boolean() }).openapi('OidcStatus'), 'Configured or not') },
});

const login = createRoute({
  method: 'get',
  path: '/api/auth/oidc/login',
  tags: ['auth'],
  summary: "Start single sign-on: redirects to the organisation's OpenID Connect provider (code flow, PKCE)",
  responses: {
    302: redirect(`To the provider, or to ${SIGN_IN_PATH}?error=oidc_unavailable`),
    404: disabledResponse,
  },
});

const callback = createRoute({
  method: 'get',
  path: CALLBACK_PATH,
  tags: ['auth'],
  summary: 'Where the provider returns: signs in the MAC user with the verified email address, then redirects to /',
  request: {
    query: z.object({
      code: z.string().optional(),
      state: z.string().optional(),
      error: z.string().optional(),
      iss: z.string().optional(),
    }),
  },
  responses: {
    302: redirect(`To / with the session cookie set, or to ${SIGN_IN_PATH}?error=<code> (${Object.values(OIDC_ERRORS).join(', ')})`),
    404: disabledResponse,
  },
});

const breakGlassStart = createRoute({
  method: 'post',
  path: '/api/chronologies/{id}/break-glass/sso',
  tags: ['break-glass'],
  summary: `Emergency read-only access for ${BREAK_GLASS_MINUTES} minutes for a user who signs in through the organisation's provider: answers where to send the browser to sign in there again (prompt=login, max_age=0); the access is granted when it comes back`,
  request: {
    params: IdParam,
    body: { content: { 'application/json': { schema: z.object({ reason: z.string().max(2000) }).openapi('BreakGlassSsoRequest') } }, required: true },
  },
  responses: {
    200: jsonContent(z.object({ redirectTo: z.string() }).openapi('BreakGlassSsoStart'), "The provider's sign-in page to send the browser to"),
    409: jsonContent(ErrorSchema, 'Your agency is a member already (already_member), or single sign-on is not configured (oidc_disabled)'),
    ...errorResponses,
    503: { ...errorResponses[503], description: 'The provider cannot be reached (oidc_unavailable), or the server is busy or its storage unavailable' },
  },
});

/** Where the emergency access page shows why confirming through the provider did not work. */
export const BREAK_GLASS_PATH = '/emergency-access';

const disabled = () => new ApiError(404, 'oidc_disabled', 'Single sign-on is not configured on this server. Sign in with your email address and password.');

/** A provider error code goes into the audit record only if it looks like one (RFC 6749 codes are [a-z_]). */
function safeCode(value: unknown): string {
  return typeof value === 'string' && /^[a-z_]{1,64}$/.test(value) ? value : 'other';
}

function failureCode(err: unknown): string {
  if (err instanceof oidc.ResponseBodyError || err instanceof oidc.AuthorizationResponseError) return safeCode(err.error);
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z_]{1,64}$/.test(code) ? code : 'other';
}

/**
 * OpenID Connect sign-in. The routes are always registered (the API document does not change with the
 * configuration); with no configuration they answer 404 `oidc_disabled`.
 */
export function registerOidcRoutes(app: OpenAPIHono<AppEnv>, config: OidcConfig | null): void {
  // A shared key (MAC_OIDC_KEY) lets any node open what another sealed; without one, a key per process.
  const sealer = createPendingSealer(config?.pendingKey ?? undefined);
  const provider = config ? createProviderClient(config) : null;

  /**
   * The provider URL to send the browser to (code flow with PKCE, state and nonce) and the sealed
   * cookie that lets the callback check the answer. For emergency access it is a re-authentication,
   * not single sign-on: the provider must ask for the credentials again now, whatever session it holds,
   * and say when it did (auth_time).
   */
  const authorizationRequest = async (client: oidc.Configuration, cfg: OidcConfig, deps: AppEnv['Variables']['deps'], requestUrl: string, breakGlass: PendingBreakGlass | null) => {
    const pending: PendingLogin = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
      redirectUri: cfg.redirectUri ?? `${expectedOrigin(deps.config, requestUrl)}${CALLBACK_PATH}`,
      expiresAt: deps.now().getTime() + PENDING_LOGIN_SECONDS * 1000,
      ...(breakGlass ? { breakGlass } : {}),
    };
    const url = oidc.buildAuthorizationUrl(client, {
      redirect_uri: pending.redirectUri,
      scope: cfg.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
      ...(breakGlass ? { prompt: 'login', max_age: '0' } : {}),
    });
    return { url, cookie: serializePendingCookie(deps.config, sealer.seal(pending), PENDING_LOGIN_SECONDS) };
  };

  app.openapi(status, (c) => c.json({ enabled: config !== null }, 200));

  app.openapi(breakGlassStart, async (c) => {
    const deps = c.get('deps');
    const principal = requirePrincipal(c);
    const session = c.get('session');
    const { id } = c.req.valid('param');
    const { record, reason } = await checkBreakGlassRequest(deps, principal, Boolean(session), id, c.req.valid('json').reason);
    if (!config || !provider) throw new ApiError(409, 'oidc_disabled', 'Single sign-on is not configured on this server: confirm it is you with your password.');
    const client = await provider.get();
    if (!client) throw new ApiError(503, 'oidc_unavailable', "Your organisation's sign-in cannot be reached just now. Confirm with your password, or try again shortly.");
    const now = deps.now().getTime();
    const breakGlass = { chronologyId: record.id, userId: principal.id, sessionIdHash: session!.idHash, reason, startedAt: now };
    const { url, cookie } = await authorizationRequest(client, config, deps, c.req.url, breakGlass);
    c.header('Set-Cookie', cookie);
    return c.json({ redirectTo: url.href }, 200);
  });

  app.openapi(login, async (c) => {
    if (!config || !provider) throw disabled();
    const deps = c.get('deps');
    const client = await provider.get();
    if (!client) return c.redirect(`${SIGN_IN_PATH}?error=${OIDC_ERRORS.unavailable}`, 302);
    const { url, cookie } = await authorizationRequest(client, config, deps, c.req.url, null);
    c.header('Set-Cookie', cookie);
    return c.redirect(url.href, 302);
  });

  app.openapi(callback, async (c) => {
    if (!config || !provider) throw disabled();
    const deps = c.get('deps');
    const ip = c.get('ip');
    const query = new URL(c.req.url).searchParams;
    // Whatever happens next, this attempt is over: a reload or a replay of this URL finds no pending sign-in.
    c.header('Set-Cookie', serializePendingCookie(deps.config, '', 0));

    const pending = sealer.open(readCookie(c.req.header('cookie'), pendingCookieName(deps.config)));
    const breakGlass = pending?.breakGlass ?? null;
    const refuse = async (code: OidcErrorCode, reason: string, details: Record<string, unknown> = {}) => {
      if (breakGlass) {
        const user = await deps.repos.users.byId(breakGlass.userId);
        const principal = user ? userPrincipal({ id: user.id, role: user.role, agency: user.agencySlug, name: user.name }) : null;
        await audit(deps, principal, ip, { action: 'chronology:break-glass', outcome: 'refused', chronologyId: breakGlass.chronologyId, details: { reason: `sso: ${reason}`, method: 'oidc', issuer: config.issuer, ...details } });
        return c.redirect(`${BREAK_GLASS_PATH}?error=${code}`, 302);
      }
      await audit(deps, null, ip, { action: 'auth:login', outcome: 'refused', details: { method: 'oidc', issuer: config.issuer, reason, ...details } });
      return c.redirect(`${SIGN_IN_PATH}?error=${code}`, 302);
    };

    if (!pending) return refuse(OIDC_ERRORS.state, 'no_pending_sign_in');
    if (pending.expiresAt <= deps.now().getTime()) return refuse(OIDC_ERRORS.state, 'pending_sign_in_expired');
    if (query.get('state') !== pending.state) return refuse(OIDC_ERRORS.state, 'state_mismatch');
    if (query.has('error')) return refuse(OIDC_ERRORS.denied, 'provider_error', { providerError: safeCode(query.get('error')) });

    const client = await provider.get();
    if (!client) return refuse(OIDC_ERRORS.unavailable, 'provider_unavailable');
    // The token request must repeat the redirect_uri of the authorization request, so rebuild the URL
    // from it rather than from this request's Host (which a reverse proxy may have rewritten).
    const currentUrl = new URL(pending.redirectUri);
    currentUrl.search = query.toString();
    let claims: Record<string, unknown>;
    try {
      // Checks state, the iss parameter when the provider sends one (RFC 9207), PKCE, and the ID token's
      // signature, issuer, audience, expiry and nonce.
      const tokens = await oidc.authorizationCodeGrant(client, currentUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
        // For emergency access the provider must have asked for the credentials just now (max_age=0).
        ...(breakGlass ? { maxAge: 0 } : {}),
      });
      const idClaims = tokens.claims();
      if (!idClaims) return refuse(OIDC_ERRORS.failed, 'no_id_token');
      claims = idClaims;
    } catch (err) {
      return refuse(OIDC_ERRORS.failed, 'token_exchange_failed', { error: failureCode(err) });
    }

    const subject = String(claims.sub);
    const identity = identityFromClaims(claims);
    if (!identity.ok) return refuse(OIDC_ERRORS.noEmail, identity.reason, { subject });
    const domain = identity.email.slice(identity.email.lastIndexOf('@') + 1).toLowerCase();
    if (config.emailDomains && !config.emailDomains.includes(domain)) {
      return refuse(OIDC_ERRORS.domainNotAllowed, 'email_domain_not_allowed', { subject, email: identity.email });
    }
    const user = await deps.repos.users.byEmail(identity.email);
    if (!user) return refuse(OIDC_ERRORS.unknownUser, 'unknown_identity', { subject, email: identity.email });
    if (user.disabled) return refuse(OIDC_ERRORS.accountDisabled, 'user_disabled', { subject, email: identity.email, userId: user.id });
    // The first SSO sign-in binds the provider's identity to the account; later ones must present it.
    if (user.oidcSubject !== null && (user.oidcSubject !== subject || user.oidcIssuer !== config.issuer)) {
      return refuse(OIDC_ERRORS.identityChanged, 'identity_not_bound_to_account', { subject, email: identity.email, userId: user.id });
    }
    // Emergency access: the provider must have signed in the user who asked, nobody else.
    if (breakGlass && user.id !== breakGlass.userId) return refuse(OIDC_ERRORS.otherUser, 'different_user', { subject, email: identity.email, userId: user.id });
    if (user.oidcSubject === null) {
      await deps.repos.users.setOidcIdentity(user.id, { issuer: config.issuer, subject });
      await audit(deps, userPrincipal({ id: user.id, role: user.role, agency: user.agencySlug, name: user.name }), ip, { action: 'auth:sso-bind', details: { issuer: config.issuer, subject } });
    }

    if (breakGlass) {
      // The provider vouched for the user who asked (checked above), just now, and they may still ask.
      const authTime = typeof claims.auth_time === 'number' ? claims.auth_time * 1000 : 0;
      if (authTime < breakGlass.startedAt - AUTH_TIME_SKEW_MS) return refuse(OIDC_ERRORS.failed, 'not_reauthenticated', { subject, authTime: claims.auth_time ?? null });
      const principal = userPrincipal({ id: user.id, role: user.role, agency: user.agencySlug, name: user.name });
      const session = await deps.repos.sessions.get(breakGlass.sessionIdHash);
      let record: Awaited<ReturnType<typeof checkBreakGlassRequest>>['record'];
      try {
        const sessionLive = session && session.userId === user.id && !session.revokedAt && Date.parse(session.expiresAt) > deps.now().getTime();
        if (!sessionLive) throw new ApiError(403, 'forbidden', 'the session that asked has ended');
        record = (await checkBreakGlassRequest(deps, principal, true, breakGlass.chronologyId, breakGlass.reason)).record;
      } catch (err) {
        return refuse(OIDC_ERRORS.failed, 'no_longer_eligible', { subject, error: err instanceof ApiError ? err.code : 'other' });
      }
      await grantBreakGlass(deps, principal, record, breakGlass.reason, { ip, sessionIdHash: breakGlass.sessionIdHash, via: 'oidc' });
      return c.redirect(`/chronologies/${encodeURIComponent(record.id)}`, 302);
    }

    // From here exactly as password sign-in: a server-side session and the SameSite=Strict cookie.
    const { secret, maxAgeSeconds } = await startSession(deps, user.id, { ip, userAgent: c.req.header('user-agent') ?? null });
    c.header('Set-Cookie', serializeSessionCookie(deps.config, secret, maxAgeSeconds), { append: true });
    const principal = userPrincipal({ id: user.id, role: user.role, agency: user.agencySlug, name: user.name });
    await audit(deps, principal, ip, { action: 'auth:login', details: { method: 'oidc', issuer: config.issuer, subject, claim: identity.claim } });
    // The browser arrives here from the provider (a cross-site navigation), so some browsers withhold the
    // Strict cookie from this one redirect to /: that is only the static app, whose own API calls carry it.
    return c.redirect('/', 302);
  });
}

/**
 * The provider's metadata and keys, discovered at the first sign-in rather than at start-up (the server
 * must start while the provider is unreachable) and kept; a failed discovery is retried next time.
 */
function createProviderClient(config: OidcConfig) {
  let discovered: Promise<oidc.Configuration> | null = null;
  let lastLogged = 0;
  return {
    async get(): Promise<oidc.Configuration | null> {
      discovered ??= oidc.discovery(
        new URL(config.issuer),
        config.clientId,
        config.clientSecret ?? undefined,
        config.clientSecret ? oidc.ClientSecretPost(config.clientSecret) : oidc.None(),
        { execute: config.allowInsecureRequests ? [oidc.allowInsecureRequests] : [], timeout: 10 },
      );
      try {
        return await discovered;
      } catch (err) {
        discovered = null;
        // At most once a minute: a user retrying must not fill the log.
        if (Date.now() - lastLogged > 60_000) {
          lastLogged = Date.now();
          console.error(`[mac] OpenID Connect provider ${config.issuer} could not be reached:`, err instanceof Error ? err.message : err);
        }
        return null;
      }
    },
  };
}
