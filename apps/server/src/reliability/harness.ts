// Shared helpers of the reliability suites (ws-fuzz, rest-fuzz, convergence) and the load bench: a seeded
// PRNG, the y-websocket wire format written by hand (so that a test can also write it WRONG: huge varints,
// truncated payloads), raw websocket frames over TCP, signed-in actors, and snapshots of what the server
// stores, to prove that garbage changed nothing.
//
// One module: the suites share one wire format, one PRNG and one way to sign in and snapshot the store;
// split, each suite would import five files to build one connection.

import { createHash, randomBytes } from 'node:crypto';
import type { SqliteStore } from '@mac/db';
import { connect as tcpConnect, type Socket } from 'node:net';
import * as Y from 'yjs';
import { CATEGORIES, type Entry } from '@mac/domain';
import { entryText } from '@mac/sync';
import { buildEntry } from '@mac/domain/testing';
import type { TestServer } from '../testing.js';

// ---------------------------------------------------------------------------------------------
// Seeded randomness

export interface Rng {
  readonly seed: number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Integer in [min, max]. */
  range(min: number, max: number): number;
  bool(p?: number): boolean;
  pick<T>(items: readonly T[]): T;
  bytes(n: number): Uint8Array;
  /** A version 4 UUID drawn from this generator (so a run is reproducible from its seed). */
  uuid(): string;
  /** A new independent generator derived from this one. */
  fork(): Rng;
}

/** sfc32, seeded through splitmix32: fast, 32-bit state words, good enough for test data. */
export function createRng(seed: number): Rng {
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const u32 = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) u32();
  const rng: Rng = {
    seed,
    next: () => u32() / 4294967296,
    int: (n) => Math.floor((u32() / 4294967296) * n),
    range: (min, max) => min + Math.floor((u32() / 4294967296) * (max - min + 1)),
    bool: (p = 0.5) => u32() / 4294967296 < p,
    pick: (items) => items[Math.floor((u32() / 4294967296) * items.length)]!,
    bytes(n) {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i += 4) {
        const w = u32();
        out[i] = w & 255;
        if (i + 1 < n) out[i + 1] = (w >>> 8) & 255;
        if (i + 2 < n) out[i + 2] = (w >>> 16) & 255;
        if (i + 3 < n) out[i + 3] = w >>> 24;
      }
      return out;
    },
    uuid() {
      const b = rng.bytes(16);
      b[6] = (b[6]! & 0x0f) | 0x40;
      b[8] = (b[8]! & 0x3f) | 0x80;
      const hex = Buffer.from(b).toString('hex');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
    fork: () => createRng(u32()),
  };
  return rng;
}

/** The seed from the environment (to replay a failure) or a fresh one; suites print it. */
export function seedFrom(name: string): number {
  const raw = process.env[name];
  if (raw !== undefined && raw !== '') return Number(raw) >>> 0;
  return randomBytes(4).readUInt32LE(0);
}

export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number (got "${raw}")`);
  return Math.floor(n);
}

// ---------------------------------------------------------------------------------------------
// The y-websocket wire format, by hand (lib0's encoder refuses to write the broken things we need)

/** lib0's variable-length unsigned integer, for any n up to 2^53 (and beyond, imprecisely, on purpose). */
export function varUint(n: number): number[] {
  const out: number[] = [];
  while (n > 127) {
    out.push(128 | (n % 128));
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}

export type Part = number | readonly number[] | Uint8Array;

export function bytes(...parts: Part[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += typeof p === 'number' ? 1 : p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    if (typeof p === 'number') out[at++] = p;
    else {
      out.set(p, at);
      at += p.length;
    }
  }
  return out;
}

const utf8 = new TextEncoder();

export function varBytes(payload: Uint8Array): Uint8Array {
  return bytes(varUint(payload.length), payload);
}

export function varString(text: string): Uint8Array {
  return varBytes(utf8.encode(text));
}

export const MSG = {
  syncStep1: (stateVector: Uint8Array) => bytes(0, 0, varBytes(stateVector)),
  syncStep2: (update: Uint8Array) => bytes(0, 1, varBytes(update)),
  update: (update: Uint8Array) => bytes(0, 2, varBytes(update)),
  awareness: (awarenessUpdate: Uint8Array) => bytes(1, varBytes(awarenessUpdate)),
  queryAwareness: () => bytes(3),
};

/** An awareness update; a string state is written as is (it may be broken JSON on purpose). */
export function awarenessUpdate(states: Array<{ clientId: number; clock: number; state: unknown }>): Uint8Array {
  const parts: Part[] = [varUint(states.length)];
  for (const s of states) {
    parts.push(varUint(s.clientId), varUint(s.clock), varString(typeof s.state === 'string' ? s.state : JSON.stringify(s.state)));
  }
  return bytes(...parts);
}

/** True for a server message that answers our sync step 1 (sync step 2): the fuzzers' probe reply. */
export function isSyncStep2(data: Uint8Array): boolean {
  return data.length >= 2 && data[0] === 0 && data[1] === 1;
}

// ---------------------------------------------------------------------------------------------
// Raw websocket over TCP: a valid handshake, then whatever bytes a test wants

export interface RawFrame {
  fin?: boolean;
  /** RSV1..RSV3 as a 3-bit number (4 = RSV1). */
  rsv?: number;
  opcode: number;
  payload?: Uint8Array;
  /** Clients must mask; false sends a protocol error. */
  mask?: boolean;
  /** Overrides the length written in the header (the payload sent stays as given). */
  declaredLength?: number;
  /** Force the 16-bit or 64-bit length form even for a short payload. */
  lengthForm?: 7 | 16 | 64;
}

export function wsFrame(f: RawFrame): Uint8Array {
  const payload = f.payload ?? new Uint8Array(0);
  const length = f.declaredLength ?? payload.length;
  const mask = f.mask ?? true;
  const head: number[] = [((f.fin ?? true) ? 0x80 : 0) | ((f.rsv ?? 0) << 4) | (f.opcode & 0x0f)];
  const form = f.lengthForm ?? (length < 126 ? 7 : length < 65536 ? 16 : 64);
  const maskBit = mask ? 0x80 : 0;
  if (form === 7) head.push(maskBit | length);
  else if (form === 16) head.push(maskBit | 126, (length >>> 8) & 255, length & 255);
  else {
    head.push(maskBit | 127);
    const hi = Math.floor(length / 2 ** 32);
    const lo = length >>> 0;
    head.push((hi >>> 24) & 255, (hi >>> 16) & 255, (hi >>> 8) & 255, hi & 255, (lo >>> 24) & 255, (lo >>> 16) & 255, (lo >>> 8) & 255, lo & 255);
  }
  if (!mask) return bytes(head, payload);
  const key = randomBytes(4);
  const masked = new Uint8Array(payload.length);
  for (let i = 0; i < payload.length; i++) masked[i] = payload[i]! ^ key[i & 3]!;
  return bytes(head, key, masked);
}

export interface RawSocket {
  socket: Socket;
  /** Resolves with the close code of the first close frame the server sends, or null if the socket ends without one. */
  closed: Promise<number | null>;
}

/** Performs a websocket handshake on a bare TCP socket; resolves once the server answered 101 (or with its status). */
export function rawUpgrade(origin: string, path: string, headers: Record<string, string>, opts: { handshake?: Record<string, string | null> } = {}): Promise<RawSocket | { status: number }> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port) });
    socket.setNoDelay(true);
    let buffer = Buffer.alloc(0);
    let upgraded = false;
    let closeResolve: (code: number | null) => void = () => {};
    const closed = new Promise<number | null>((r) => (closeResolve = r));
    let sawClose: number | null = null;
    const scanFrames = () => {
      // Server frames are unmasked: [b0][b1][ext len][payload].
      while (buffer.length >= 2) {
        const opcode = buffer[0]! & 0x0f;
        let len = buffer[1]! & 0x7f;
        let at = 2;
        if (len === 126) {
          if (buffer.length < 4) return;
          len = buffer.readUInt16BE(2);
          at = 4;
        } else if (len === 127) {
          if (buffer.length < 10) return;
          len = Number(buffer.readBigUInt64BE(2));
          at = 10;
        }
        if (buffer.length < at + len) return;
        if (opcode === 8 && sawClose === null) {
          sawClose = len >= 2 ? buffer.readUInt16BE(at) : 1005;
          closeResolve(sawClose);
        }
        buffer = buffer.subarray(at + len);
      }
    };
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!upgraded) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end === -1) return;
        const head = buffer.subarray(0, end).toString('latin1');
        buffer = buffer.subarray(end + 4);
        const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
        if (status !== 101) {
          socket.destroy();
          resolve({ status });
          return;
        }
        upgraded = true;
        resolve({ socket, closed });
      }
      scanFrames();
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      closeResolve(sawClose);
      if (!upgraded) reject(new Error('connection closed during the handshake'));
    });
    const base: Record<string, string | null> = {
      Host: url.host,
      Upgrade: 'websocket',
      Connection: 'Upgrade',
      'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
      'Sec-WebSocket-Version': '13',
      ...headers,
      ...opts.handshake,
    };
    const lines = Object.entries(base)
      .filter((e): e is [string, string] => e[1] !== null)
      .map(([k, v]) => `${k}: ${v}`);
    socket.write(`GET ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
  });
}

// ---------------------------------------------------------------------------------------------
// People and chronologies of the demo partnership

export interface Actor {
  email: string;
  cookie: string;
  id: string;
  agency: string;
  name: string;
}

export async function signIn(server: TestServer, email: string, password?: string): Promise<Actor> {
  const cookie = await server.login(email, password);
  const me = await server.api(cookie, 'GET', '/api/me');
  if (me.status !== 200) throw new Error(`GET /api/me for ${email}: ${me.status}`);
  return { email, cookie, id: me.body.id, agency: me.body.agency.slug, name: me.body.name };
}

/** A demo chronology whose members include every given agency (the one with the most entries). */
export async function chronologyWith(server: TestServer, agencies: string[]): Promise<string> {
  const candidates = (await server.deps.repos.chronologies.list()).filter((c) => agencies.every((a) => c.memberAgencies.includes(a)));
  if (candidates.length === 0) throw new Error(`no demo chronology has ${agencies.join(', ')}`);
  const counts = new Map(await Promise.all(candidates.map(async (c) => [c.id, (await server.deps.repos.entries.all(c.id)).length] as const)));
  return candidates.sort((a, b) => counts.get(b.id)! - counts.get(a.id)!)[0]!.id;
}

// ---------------------------------------------------------------------------------------------
// Entries

const WORDS = 'child mother father school visit injury bruise concern police home referral missed appointment strategy meeting health neglect attendance assessment plan'.split(' ');
export const CATEGORY_SLUGS: readonly string[] = CATEGORIES.map((c) => c.slug);

export function randomDate(rng: Rng): string {
  const year = rng.range(2015, 2025);
  const month = rng.range(1, 12);
  const day = rng.range(1, 28);
  const pad = (n: number) => String(n).padStart(2, '0');
  switch (rng.int(6)) {
    case 0:
      return `${year}-${pad(month)}`;
    case 1:
      return `${year}`;
    case 2:
      return `?${year}-${pad(month)}-${pad(day)}`;
    default:
      return `${year}-${pad(month)}-${pad(day)}`;
  }
}

export function randomSummary(rng: Rng, tag = ''): string {
  const words: string[] = [];
  const n = rng.range(2, 12);
  for (let i = 0; i < n; i++) words.push(rng.pick(WORDS));
  const text = `${tag ? `${tag} ` : ''}${words.join(' ')}`;
  return text.slice(0, 200).trim();
}

/** A complete, valid entry of the actor's agency, authored by the actor (random where `rng` is given). */
export function entryFields(actor: Pick<Actor, 'id' | 'agency'>, overrides: Partial<Entry> = {}, rng?: Rng): Entry {
  return buildEntry({
    id: rng ? rng.uuid() : crypto.randomUUID(),
    date: rng ? randomDate(rng) : '2024-05-06',
    agency: actor.agency,
    category: rng ? rng.pick(CATEGORY_SLUGS) : 'police-attendance',
    summary: rng ? randomSummary(rng) : 'A reliability test entry',
    authorId: actor.id,
    recordedAt: new Date().toISOString(),
    ...overrides,
  });
}

/** The entry as the one value the document holds: its JSON text (fields in the contract's order, extra keys after; values as given). */
export function entryMap(fields: Record<string, unknown>): string {
  return entryText(fields);
}

// ---------------------------------------------------------------------------------------------
// What the server stores

export async function replayLog(server: TestServer, docName: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const rows = await server.deps.repos.updateLog.load(docName);
  doc.transact(() => {
    for (const row of rows) Y.applyUpdate(doc, row.data);
  });
  return doc;
}

export function stateVectorMap(sv: Uint8Array): Record<string, number> {
  return Object.fromEntries([...Y.decodeStateVector(sv)].sort((a, b) => a[0] - b[0]).map(([k, v]) => [String(k), v]));
}

export interface StoredState {
  /** Update log rows of the document: seq and a hash of the bytes. */
  log: Array<{ seq: number; sha: string }>;
  /** Rows in the whole update log, every document. */
  totalUpdates: number;
  /** The chronology's entry projection, by id. */
  entries: Map<string, Record<string, unknown>>;
  /** A hash of each table that no request may change by being refused (audit, sessions, sign-in attempts excluded). */
  tables: Record<string, string>;
}

/**
 * The test server's SQLite connection, to look at the file between requests. Test servers run the SQLite
 * store inline (apps/server/src/testing.ts), where the connection lives on this thread.
 */
function inlineSqlite(server: TestServer) {
  const db = (server.deps.store as SqliteStore).inlineConnection?.();
  if (!db) throw new Error('the reliability harness needs the SQLite store inline (MAC_SQLITE_THREAD=inline)');
  return db.sqlite;
}

/**
 * Tables that change whatever a request's outcome: the audit trail, session activity, failed sign-ins; and
 * those the alerts service writes in the background, seconds after an ACCEPTED write (the people told, what
 * they were last told, the emails owed): a refused request never reaches it, and who is told of what is
 * proven in services/alerts/alerts.test.ts, but its writes land at any moment of a fuzz run.
 */
const VOLATILE_TABLES = new Set(['audit_log', 'sessions', 'login_attempts', '__drizzle_migrations', 'notifications', 'alert_state', 'alert_outbox']);

/**
 * The stored tables to watch: not the volatile ones, and not a full-text index (an FTS5 virtual table and
 * its shadow tables, `<name>_data`, `_idx`, …): they take no triggers and some have no rowid, and they
 * change only with the table they index, which is watched.
 */
function watchedTables(sqlite: ReturnType<typeof inlineSqlite>): Array<{ name: string; sql: string | null }> {
  const rows = sqlite.prepare(`select name, sql from main.sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`).all() as Array<{ name: string; sql: string | null }>;
  const virtual = rows.filter((r) => /^create virtual table/i.test(r.sql ?? '')).map((r) => r.name);
  return rows.filter(({ name }) => !VOLATILE_TABLES.has(name) && !virtual.some((v) => name === v || name.startsWith(`${v}_`)));
}

/** A stable order for a table's rows: its rowid, or every column in turn for a table WITHOUT ROWID (entry_versions). */
function rowOrder(sqlite: ReturnType<typeof inlineSqlite>, table: { name: string; sql: string | null }): string {
  if (!/without\s+rowid/i.test(table.sql ?? '')) return 'rowid';
  const columns = sqlite.prepare(`select count(*) from pragma_table_info(?)`).pluck().get(table.name) as number;
  return Array.from({ length: columns }, (_, i) => String(i + 1)).join(', ');
}

export function tableHashes(server: TestServer): Record<string, string> {
  const sqlite = inlineSqlite(server);
  const out: Record<string, string> = {};
  for (const table of watchedTables(sqlite)) {
    const name = table.name;
    const hash = createHash('sha256');
    for (const row of sqlite.prepare(`select * from "${name}" order by ${rowOrder(sqlite, table)}`).raw().iterate() as Iterable<unknown[]>) {
      hash.update(JSON.stringify(row, (_k, v) => (Buffer.isBuffer(v) ? v.toString('base64') : typeof v === 'bigint' ? String(v) : v)));
      hash.update('\n');
    }
    out[name] = hash.digest('hex').slice(0, 16);
  }
  return out;
}

export async function storedState(server: TestServer, chronologyId: string, docName: string): Promise<StoredState> {
  await server.deps.rooms.flush();
  const log = (await server.deps.repos.updateLog.load(docName)).map((row) => ({ seq: row.seq, sha: createHash('sha256').update(row.data).digest('hex').slice(0, 16) }));
  const entries = new Map((await server.deps.repos.entries.all(chronologyId)).map((row) => [row.id, { ...row } as Record<string, unknown>]));
  return { log, totalUpdates: (await server.deps.repos.updateLog.stats()).updates, entries, tables: tableHashes(server) };
}

// ---------------------------------------------------------------------------------------------
// Small statistics

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const at = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[at]!;
}

export function summarise(values: readonly number[]): { n: number; p50: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN };
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * Counts row changes per table through TEMP triggers on the server's own connection (in-process servers
 * only): a refused request must not insert, update or delete a row of any table but the volatile ones.
 * Cheap enough to read after every request; a hash of the tables confirms a suspicion.
 */
export function installChangeCounters(server: TestServer): { read(): Record<string, number> } {
  const sqlite = inlineSqlite(server);
  const names = watchedTables(sqlite).map((table) => table.name);
  sqlite.exec(`create temp table if not exists mac_changes (tbl text primary key, n integer not null)`);
  for (const name of names) {
    sqlite.prepare(`insert or ignore into temp.mac_changes (tbl, n) values (?, 0)`).run(name);
    for (const op of ['insert', 'update', 'delete']) {
      sqlite.exec(`create temp trigger if not exists "mac_count_${name}_${op}" after ${op} on main."${name}" begin update temp.mac_changes set n = n + 1 where tbl = '${name}'; end`);
    }
  }
  const read = sqlite.prepare(`select tbl, n from temp.mac_changes`);
  return { read: () => Object.fromEntries((read.all() as Array<{ tbl: string; n: number }>).map((r) => [r.tbl, r.n])) };
}
