import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { entryText, storedFieldsOf } from '@mac/sync';

/** A `ws` WebSocket that sends our session cookie and Origin, as a browser on our pages would. */
export function cookieWebSocket(cookie: string | null, origin: string, extraHeaders: Record<string, string> = {}, onSocket?: (ws: WebSocket) => void) {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { ...(cookie ? { cookie } : {}), origin, ...extraHeaders } });
      // Before the provider's own listeners: a listener added here hears each message first.
      onSocket?.(this);
    }
  };
}

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  closes: { code: number; reason: string }[];
  destroy(): void;
}

/** A stock y-websocket client connected to `/sync/<docName>` with a session cookie. */
export function connect(origin: string, cookie: string | null, docName: string, opts: { connect?: boolean; headers?: Record<string, string>; onSocket?: (ws: WebSocket) => void } = {}): Client {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(origin.replace(/^http/, 'ws') + '/sync', docName, doc, {
    WebSocketPolyfill: cookieWebSocket(cookie, origin, opts.headers, opts.onSocket) as unknown as typeof globalThis.WebSocket,
    connect: opts.connect ?? true,
    disableBc: true,
  });
  const closes: Client['closes'] = [];
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  return {
    doc,
    provider,
    closes,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Attempts a raw upgrade and reports the HTTP status the server answered (101 when accepted). */
export function upgradeStatus(origin: string, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(origin.replace(/^http/, 'ws') + path, { headers });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', () => resolve(-1));
  });
}

/**
 * Replaces an entry's stored value by hand (an entry is one value in the document), `patch` over its
 * fields, as a hostile or buggy client could: for tests of what the server refuses.
 */
export function setStoredFields(doc: Y.Doc, id: string, patch: Record<string, unknown>): void {
  const entries = doc.getMap<unknown>('entries');
  entries.set(id, entryText({ ...storedFieldsOf(entries.get(id)), ...patch }));
}
