/**
 * A real OpenID Connect provider (panva's oidc-provider) on 127.0.0.1 for tests, with no login page: the
 * interaction step signs in whichever account the test named with `signInAs` (or, given null, answers
 * access_denied as a user who cancelled would). Clients are registered after start, once the relying
 * party's port is known. Tests in another process (the browser end-to-end tests) name the account with
 * `POST <issuer>/__test/next-subject?subject=<sub>` (no subject: cancel). Nothing here is used by the
 * server itself.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Adapter, AdapterPayload, Configuration, default as ProviderClass } from 'oidc-provider';

export interface TestAccountClaims {
  email?: string;
  email_verified?: boolean;
  preferred_username?: string;
  name?: string;
}

export interface TestClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
}

export interface TestProvider {
  issuer: string;
  /** Who the next interaction signs in as; null: the user cancels (access_denied). */
  signInAs(subject: string | null): void;
  registerClient(client: TestClient): Promise<void>;
  stop(): Promise<void>;
}

/** An in-memory adapter per provider (the stock one is a module-level store and warns on every start). */
function memoryAdapter(): new (model: string) => Adapter {
  const store = new Map<string, { payload: AdapterPayload; expiresAt: number }>();
  const index = new Map<string, string>();
  const grants = new Map<string, Set<string>>();
  const live = (key: string) => {
    const hit = store.get(key);
    if (!hit) return undefined;
    if (hit.expiresAt <= Date.now()) {
      store.delete(key);
      return undefined;
    }
    return hit.payload;
  };
  return class MemoryAdapter implements Adapter {
    model: string;
    constructor(model: string) {
      this.model = model;
    }
    key(id: string) {
      return `${this.model}:${id}`;
    }
    async upsert(id: string, payload: AdapterPayload, expiresIn?: number) {
      const key = this.key(id);
      store.set(key, { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Infinity });
      if (payload.uid) index.set(`uid:${payload.uid}`, key);
      if (payload.userCode) index.set(`userCode:${payload.userCode}`, key);
      if (payload.grantId) {
        const members = grants.get(payload.grantId) ?? new Set<string>();
        members.add(key);
        grants.set(payload.grantId, members);
      }
    }
    async find(id: string) {
      return await live(this.key(id));
    }
    async findByUid(uid: string) {
      const key = index.get(`uid:${uid}`);
      return key ? await live(key) : undefined;
    }
    async findByUserCode(userCode: string) {
      const key = index.get(`userCode:${userCode}`);
      return key ? await live(key) : undefined;
    }
    async consume(id: string) {
      const payload = await live(this.key(id));
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      store.delete(this.key(id));
    }
    async revokeByGrantId(grantId: string) {
      for (const key of grants.get(grantId) ?? []) store.delete(key);
      grants.delete(grantId);
    }
  };
}

/**
 * oidc-provider 9 supports Node 22 and later and says so when imported on Node 20, where these tests prove
 * the flows work; that one notice is held back so test output stays clean.
 */
async function importProvider(): Promise<typeof ProviderClass> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).includes('Unsupported runtime')) warn(...args);
  };
  try {
    return (await import('oidc-provider')).default;
  } finally {
    console.warn = warn;
  }
}

/** Starts the provider; `accounts` maps each subject to the claims its ID token carries. */
export async function startTestProvider(accounts: Record<string, TestAccountClaims>): Promise<TestProvider> {
  const Provider = await importProvider();
  let provider: ProviderClass | null = null;
  let nextSubject: string | null = null;
  const Adapter = memoryAdapter();

  const interaction = async (req: IncomingMessage, res: ServerResponse, p: ProviderClass) => {
    await p.interactionDetails(req, res);
    if (nextSubject === null) {
      // Hostile text on purpose: the relying party must never show it.
      await p.interactionFinished(req, res, { error: 'access_denied', error_description: '<script>alert("cancelled")</script>' }, { mergeWithLastSubmission: false });
      return;
    }
    await p.interactionFinished(req, res, { login: { accountId: nextSubject } }, { mergeWithLastSubmission: false });
  };

  const server = createServer((req, res) => {
    if (!provider) {
      res.statusCode = 503;
      res.end();
      return;
    }
    if (req.method === 'POST' && req.url?.startsWith('/__test/next-subject')) {
      nextSubject = new URL(req.url, 'http://provider').searchParams.get('subject');
      res.statusCode = 204;
      res.end();
      return;
    }
    if (req.url?.startsWith('/interaction/')) {
      void interaction(req, res, provider).catch((err: unknown) => {
        res.statusCode = 500;
        res.end(String(err));
      });
      return;
    }
    // The provider answers the request itself; a failure is its own 500.
    void provider.callback()(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const configuration: Configuration = {
    adapter: Adapter,
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' }] } as Configuration['jwks'],
    cookies: { keys: [randomBytes(32).toString('hex')] },
    findAccount: (_ctx, sub) => {
      const claims = accounts[sub];
      return claims ? { accountId: sub, claims: () => ({ sub, ...claims }) } : undefined;
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username'] },
    // Put the scope's claims in the ID token, as Entra ID does (the default keeps them for userinfo).
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, details) => `/interaction/${details.uid}` },
    // A first-party app: consent is implied, so no consent prompt.
    loadExistingGrant: async (ctx) => {
      const accountId = ctx.oidc.session?.accountId;
      const client = ctx.oidc.client;
      if (!accountId || !client) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId });
      grant.addOIDCScope(String(ctx.oidc.params?.scope ?? 'openid'));
      await grant.save();
      return grant;
    },
    pkce: { required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
    renderError: (ctx, out) => {
      ctx.type = 'json';
      ctx.body = out;
    },
  };
  provider = new Provider(issuer, configuration);

  return {
    issuer,
    signInAs(subject) {
      nextSubject = subject;
    },
    async registerClient(client) {
      await new Adapter('Client').upsert(client.client_id, {
        ...client,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      });
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface TestBrowser {
  /** One request, no redirect followed; cookies are sent and stored as a browser would (host, path). */
  get(url: string | URL, extraCookie?: string): Promise<Response>;
  /**
   * Follows redirects from `url` until the next location satisfies `stopBefore` (returned unvisited as
   * `next`) or a response is not a redirect (returned as `res`, from `url`).
   */
  follow(url: string | URL, stopBefore: (next: URL) => boolean): Promise<{ next: URL } | { res: Response; url: URL }>;
  cookie(name: string): string | null;
}

/** A cookie-keeping fetch for driving redirect flows across the provider and MAC. */
export function createTestBrowser(): TestBrowser {
  // Keyed by host (not port: browsers share cookies across ports), path and name.
  const jar = new Map<string, { host: string; path: string; name: string; value: string }>();
  const store = (url: URL, line: string) => {
    const [pair = '', ...attrs] = line.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const attr = (key: string) => attrs.map((a) => a.trim()).find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
    const path = attr('path') ?? '/';
    const maxAge = attr('max-age');
    const expires = attr('expires');
    const key = `${url.hostname}|${path}|${name}`;
    const gone = value === '' || (maxAge !== undefined && Number(maxAge) <= 0) || (expires !== undefined && Date.parse(expires) <= Date.now());
    if (gone) jar.delete(key);
    else jar.set(key, { host: url.hostname, path, name, value });
  };
  const get: TestBrowser['get'] = async (target, extraCookie) => {
    const url = new URL(target);
    const cookies = [...jar.values()].filter((c) => c.host === url.hostname && url.pathname.startsWith(c.path)).map((c) => `${c.name}=${c.value}`);
    if (extraCookie) cookies.push(extraCookie);
    const res = await fetch(url, { redirect: 'manual', headers: cookies.length ? { cookie: cookies.join('; ') } : {} });
    for (const line of res.headers.getSetCookie()) store(url, line);
    return res;
  };
  return {
    get,
    async follow(start, stopBefore) {
      let url = new URL(start);
      for (let hop = 0; hop < 20; hop++) {
        const res = await get(url);
        const location = res.headers.get('location');
        if (res.status < 300 || res.status > 399 || !location) return { res, url };
        await res.body?.cancel();
        const next = new URL(location, url);
        if (stopBefore(next)) return { next };
        url = next;
      }
      throw new Error(`more than 20 redirects from ${String(start)}`);
    },
    cookie(name) {
      return [...jar.values()].find((c) => c.name === name)?.value ?? null;
    },
  };
}
