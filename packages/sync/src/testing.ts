// Test helpers: a bare http + ws server wired to a room manager over a real SQLite file, and stock
// y-websocket clients acting as a chosen principal.
//
// Authentication lives in the server app, so THIS test server takes the principal from a query
// parameter. That is only acceptable here: nothing in src/index.ts does it, and the app must never.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket, WebSocketServer } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { openSqliteStore, type Store } from '@mac/db';
import type { Principal } from '@mac/domain';
import { entryText, getEntriesMap, storedEntryOf, storedFieldsOf } from './doc-model.js';
import type { Presence } from './room-awareness.js';
import { resolveLimits, type Limits } from './limits.js';
import type { Logger } from './log.js';
import { updateLogPersistence, type Persistence } from './persistence.js';
import type { BusHandlers, RoomBus } from './bus.js';
import { createRoomManager, type RoomManager, type RoomManagerOptions } from './room-manager.js';
import type { LocalWrite } from './room.js';

/** A server-side write by `principal` as a member of the chronology (REST-like metadata), for tests. */
export function localWrite(principal: Principal, overrides: Partial<LocalWrite> = {}): LocalWrite {
  return {
    principal,
    meta: { via: 'rest', ip: null },
    chronology: { id: 'test-chronology', leadUserId: '', memberAgencies: [principal.agency] },
    ...overrides,
  };
}

export interface TestSyncServer {
  /** Base URL for WebsocketProvider: ws://127.0.0.1:<port>/sync */
  url: string;
  port: number;
  readonly manager: RoomManager;
  persistence: Persistence;
  store: Store;
  dataDir: string;
  /** What the update log holds for a document, replayed into a fresh Y.Doc. */
  replay(docName: string): Promise<Y.Doc>;
  /** Number of stored rows for a document. */
  storedCount(docName: string): Promise<number>;
  /** Destroys the room manager and creates a new one over the same database, as after a restart. */
  restartManager(): Promise<RoomManager>;
  close(): Promise<void>;
}

export interface TestSyncServerOptions {
  limits?: Partial<Limits>;
  idleUnloadMs?: number;
  now?: () => number;
  log?: Logger;
  /** Where the SQLite connection lives (default inline: a worker's start-up would dominate small tests). */
  thread?: 'worker' | 'inline';
  /** ws maxPayload; defaults to the message limit (set it higher to see the room's own size check). */
  maxPayload?: number;
  /** Wraps the SQLite persistence (to count calls, inject failures…). */
  wrapPersistence?: (base: Persistence) => Persistence;
  /** Another server's store (several nodes on one database; PostgreSQL in the sync bench); it stays open when this server closes. */
  store?: Store;
  /** Several nodes: the bus between them (see `createTestBusHub`). */
  bus?: RoomBus;
  /** The room manager's compaction policy (compaction.ts); default: its own. */
  compaction?: RoomManagerOptions['compaction'];
  /** Handed to `handleConnection` for each socket (the server's is its open's audit record). */
  admitted?: (docName: string) => Promise<unknown>;
}

const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

export async function startSyncServer(opts: TestSyncServerOptions = {}): Promise<TestSyncServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mac-sync-'));
  const ownStore = opts.store === undefined;
  const store = opts.store ?? (await openSqliteStore({ dataDir }, { auditKey: new Uint8Array(randomBytes(32)), thread: opts.thread ?? 'inline' }));
  const base = updateLogPersistence(store);
  const persistence = opts.wrapPersistence ? opts.wrapPersistence(base) : base;
  const limits = resolveLimits(opts.limits);
  const newManager = () =>
    createRoomManager({
      persistence,
      limits,
      idleUnloadMs: opts.idleUnloadMs ?? 30_000,
      now: opts.now,
      log: opts.log ?? silentLogger,
      ...(opts.bus === undefined ? {} : { bus: opts.bus }),
      ...(opts.compaction === undefined ? {} : { compaction: opts.compaction }),
    });
  let manager = newManager();
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxPayload ?? limits.maxMessageBytes });
  wss.on('error', () => {});
  const http: Server = createServer((_req, res) => res.writeHead(404).end());
  http.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const principalParam = url.searchParams.get('principal');
    if (!url.pathname.startsWith('/sync/') || principalParam === null) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    const docName = decodeURIComponent(url.pathname.slice('/sync/'.length));
    const principal = JSON.parse(Buffer.from(principalParam, 'base64url').toString('utf8')) as Principal;
    const presenceParam = url.searchParams.get('presence');
    const presence = presenceParam === null ? undefined : (JSON.parse(Buffer.from(presenceParam, 'base64url').toString('utf8')) as Presence);
    const admission = manager.admit(principal.id);
    if (!admission.ok) {
      socket.end(`HTTP/1.1 429 Too Many Requests\r\nRetry-After: ${Math.ceil(admission.retryAfterMs / 1000)}\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      manager.handleConnection(ws, { docName, principal, readOnly: url.searchParams.get('readOnly') === '1', presence }, opts.admitted?.(docName));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;

  const server: TestSyncServer = {
    url: `ws://127.0.0.1:${port}/sync`,
    port,
    get manager() {
      return manager;
    },
    persistence,
    store,
    dataDir,
    async replay(docName) {
      const doc = new Y.Doc();
      for (const update of await persistence.load(docName)) Y.applyUpdate(doc, update);
      return doc;
    },
    storedCount: async (docName) => (await persistence.load(docName)).length,
    async restartManager() {
      await manager.destroy();
      manager = newManager();
      return manager;
    },
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await manager.destroy();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      wss.close();
      if (ownStore) await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Every close the server sent, in order. */
  closes: Array<{ code: number; reason: string }>;
  destroy(): void;
}

export interface TestClientOptions {
  readOnly?: boolean;
  presence?: Presence;
  doc?: Y.Doc;
  connect?: boolean;
}

function encodeParam(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** Query parameters the test server reads; also for hand-made sockets (`rawSocket`). */
export function principalParams(principal: Principal, opts: Pick<TestClientOptions, 'readOnly' | 'presence'> = {}): Record<string, string> {
  const params: Record<string, string> = { principal: encodeParam(principal) };
  if (opts.readOnly) params.readOnly = '1';
  if (opts.presence) params.presence = encodeParam(opts.presence);
  return params;
}

export function createClient(server: Pick<TestSyncServer, 'url'>, docName: string, principal: Principal, opts: TestClientOptions = {}): TestClient {
  const doc = opts.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(server.url, docName, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: principalParams(principal, opts),
    connect: opts.connect ?? true,
    disableBc: true,
  });
  const closes: TestClient['closes'] = [];
  provider.on('connection-close', (event) => {
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

/** A plain ws socket to the test server, for messages the stock client would never send. */
export function rawSocket(server: Pick<TestSyncServer, 'url'>, docName: string, principal: Principal, opts: Pick<TestClientOptions, 'readOnly'> = {}) {
  const query = new URLSearchParams(principalParams(principal, opts)).toString();
  const ws = new WebSocket(`${server.url}/${docName}?${query}`);
  ws.binaryType = 'arraybuffer';
  const received: Uint8Array[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  ws.on('error', () => {});
  ws.on('message', (data) => received.push(new Uint8Array(data as ArrayBuffer)));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, opened, closed, received };
}

export function waitForSync(provider: WebsocketProvider, timeoutMs = 5_000): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      provider.off('sync', onSync);
      reject(new Error(`provider for ${provider.roomname} did not sync within ${timeoutMs} ms`));
    }, timeoutMs);
    const onSync = (synced: boolean) => {
      if (!synced) return;
      clearTimeout(timer);
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
}

/**
 * Replaces an entry's stored value by hand, as a hostile or buggy client could: `patch` over its fields,
 * `drop` left out. No checks: for tests of what the server refuses.
 */
export function setStoredFields(doc: Y.Doc, id: string, patch: Record<string, unknown>, drop: readonly string[] = []): void {
  const entries = getEntriesMap(doc);
  const next: Record<string, unknown> = { ...storedFieldsOf(entries.get(id)) };
  Object.assign(next, patch);
  for (const key of drop) delete next[key];
  entries.set(id, entryText(next));
}

/** Writes an entry the way clients of the previous document shape did: one plain object of its fields. */
export function writeObjectShapeEntry(doc: Y.Doc, fields: Readonly<Record<string, unknown>>): void {
  getEntriesMap(doc).set(String(fields.id), storedEntryOf(fields));
}

/**
 * The log of a document written by the previous code (one plain object per entry), as the updates it
 * stored: each entry written, then its amendments (`amend`), each a whole new object, one update each.
 */
export function objectShapeLog(entries: ReadonlyArray<{ fields: Readonly<Record<string, unknown>>; amend?: Record<string, unknown> }>): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (const { fields, amend } of entries) {
    writeObjectShapeEntry(doc, fields);
    if (amend !== undefined) writeObjectShapeEntry(doc, { ...storedEntryOf(fields), ...amend });
  }
  return { doc, updates };
}

/** Writes an entry the way clients of the old document shape did: a nested Y.Map, one item per field. */
export function writeOldShapeEntry(doc: Y.Doc, fields: Readonly<Record<string, unknown>>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  doc.transact(() => {
    getEntriesMap(doc).set(String(fields.id), map);
    for (const [k, v] of Object.entries(storedEntryOf(fields))) map.set(k, v);
  });
  return map;
}

/**
 * The log of a document written by the old code (a nested map per entry), as the updates it stored:
 * each entry written, then its amendments (`amend`) made on the nested map, one update each.
 */
export function oldShapeLog(entries: ReadonlyArray<{ fields: Readonly<Record<string, unknown>>; amend?: Record<string, unknown> }>): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (const { fields, amend } of entries) {
    const map = writeOldShapeEntry(doc, fields);
    for (const [k, v] of Object.entries(amend ?? {})) map.set(k, v);
  }
  return { doc, updates };
}

/**
 * A bus between test nodes in one process (the real one is Redis: apps/server/src/cluster). It can lose
 * messages (`dropNext`), go down (everything published is lost; every node is told to catch up every
 * `catchUpEveryMs`) and come back (every node is told to catch up), as Redis pub/sub does.
 */
export interface TestBusHub {
  bus(nodeId: string): RoomBus;
  /** The next `count` update messages are lost. */
  dropNext(count: number): void;
  down(): void;
  up(): void;
  /** Update messages delivered so far (to any node). */
  readonly delivered: number;
}

export function createTestBusHub(opts: { catchUpEveryMs?: number } = {}): TestBusHub {
  const nodes = new Map<string, { handlers: Map<string, BusHandlers>; catchUp: Array<() => void> }>();
  let drop = 0;
  let isDown = false;
  let delivered = 0;
  let downTimer: NodeJS.Timeout | null = null;
  const tellAll = () => {
    for (const node of nodes.values()) for (const listener of node.catchUp) listener();
  };
  const fanOut = (docName: string, deliver: (handlers: BusHandlers) => void) => {
    // Asynchronously, as a network would.
    setImmediate(() => {
      for (const node of nodes.values()) {
        const handlers = node.handlers.get(docName);
        if (handlers !== undefined) deliver(handlers);
      }
    });
  };
  return {
    bus(nodeId) {
      const node = { handlers: new Map<string, BusHandlers>(), catchUp: [] as Array<() => void> };
      nodes.set(nodeId, node);
      return {
        nodeId,
        async subscribe(docName, handlers) {
          node.handlers.set(docName, handlers);
        },
        async unsubscribe(docName) {
          node.handlers.delete(docName);
        },
        publish(docName, message) {
          if (isDown) return;
          if (drop > 0) {
            drop -= 1;
            return;
          }
          fanOut(docName, (handlers) => {
            delivered += 1;
            handlers.update({ ...message, update: message.update.slice() });
          });
        },
        publishAwareness(docName, message) {
          if (isDown) return;
          fanOut(docName, (handlers) => handlers.awareness?.({ ...message, update: message.update.slice() }));
        },
        onCatchUp(listener) {
          node.catchUp.push(listener);
        },
        async close() {
          nodes.delete(nodeId);
        },
      };
    },
    dropNext(count) {
      drop = count;
    },
    down() {
      isDown = true;
      downTimer = setInterval(tellAll, opts.catchUpEveryMs ?? 200);
      downTimer.unref();
    },
    up() {
      isDown = false;
      if (downTimer !== null) clearInterval(downTimer);
      downTimer = null;
      tellAll();
    },
    get delivered() {
      return delivered;
    },
  };
}
