// The bench talks to the server as a browser or an agency system would: HTTP with a session cookie and
// the Origin header mutations need.

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly what: string,
    body: string,
  ) {
    super(`${what}: ${status} ${body.slice(0, 200)}`);
  }
}

/** A request sent on a kept-alive connection the server had just closed: the browser sends it again. */
const RETRYABLE = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

export class Api {
  /** Requests sent again after a connection reset (the server closes idle connections after 5 s). */
  resets = 0;
  /** Aborts every request still waiting (the end of the load phase). */
  readonly stop = new AbortController();

  constructor(
    readonly origin: string,
    /** A request unanswered this long is given up (counted as an error). */
    readonly timeoutMs = 180_000,
  ) {}

  async request(cookie: string | null, method: string, path: string, body?: { json: unknown } | { csv: string }): Promise<Response> {
    try {
      return await this.send(cookie, method, path, body);
    } catch (err) {
      const code = err instanceof Error ? (err.cause as { code?: string } | undefined)?.code : undefined;
      if (code === undefined || !RETRYABLE.has(code)) throw err;
      this.resets += 1;
      return this.send(cookie, method, path, body);
    }
  }

  private send(cookie: string | null, method: string, path: string, body?: { json: unknown } | { csv: string }): Promise<Response> {
    const headers: Record<string, string> = {};
    if (cookie) headers.cookie = cookie;
    if (method !== 'GET') headers.origin = this.origin;
    let payload: string | undefined;
    if (body && 'json' in body) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body) {
      headers['content-type'] = 'text/csv';
      payload = body.csv;
    }
    return fetch(this.origin + path, { method, headers, body: payload, signal: AbortSignal.any([this.stop.signal, AbortSignal.timeout(this.timeoutMs)]) });
  }

  /** JSON in and out; any status but `expect` throws (with the body's start, for the error table). */
  async json<T = any>(cookie: string | null, method: string, path: string, body?: unknown, expect = method === 'POST' ? [200, 201, 204] : [200]): Promise<T> {
    const res = await this.request(cookie, method, path, body === undefined ? undefined : { json: body });
    const text = await res.text();
    if (!expect.includes(res.status)) throw new HttpError(res.status, `${method} ${path.replace(/[0-9a-f-]{36}/g, ':id').split('?')[0]}`, text);
    return (text ? JSON.parse(text) : null) as T;
  }

  async login(email: string, password: string): Promise<string> {
    const res = await this.request(null, 'POST', '/api/auth/login', { json: { email, password } });
    const text = await res.text();
    if (res.status !== 200) throw new HttpError(res.status, 'sign in', text);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  }
}

/** Runs `task` over `items` with at most `concurrency` at once; the first failure stops the rest. */
export async function pool<T>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: unknown = null;
  const worker = async () => {
    while (failed === null && next < items.length) {
      const i = next++;
      try {
        await task(items[i]!, i);
      } catch (err) {
        failed ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  if (failed !== null) throw failed;
}
