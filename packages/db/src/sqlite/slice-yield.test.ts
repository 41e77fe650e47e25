import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildEntry } from '@mac/domain/testing';
import type { PersistWrite } from '../port.js';
import type { Call } from './host.js';
import { nextWriteBatch, type Queued } from './slice-yield.js';
import { openSqliteStore, type SqliteStore } from './store.js';

const opened: Array<{ store: SqliteStore; dir: string }> = [];
afterEach(async () => {
  for (const { store, dir } of opened.splice(0)) {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

const record = (action: string) => ({ actorId: 'u1', actorLabel: 'Una', actorAgency: 'tvp', action, outcome: 'allowed' as const });
const slice = (chronologyId: string, n: number, importId: string | undefined): PersistWrite => ({
  docName: chronologyId,
  chronologyId,
  update: new Uint8Array([n % 256, 1, 2]),
  claims: [2000 + n],
  actor: { id: 'importer', name: 'Importer', agency: 'tvp' },
  meta: { via: importId === undefined ? 'websocket' : 'import', ip: null, ...(importId === undefined ? {} : { importId }) },
  changes: Array.from({ length: 3 }, () => {
    const entry = buildEntry({ id: `e-${randomUUID()}` });
    return { entryId: entry.id, kind: 'create' as const, before: null, after: entry, fields: ['summary'] };
  }),
});

describe('nextWriteBatch', () => {
  const q = (call: Call): Queued => ({ call });
  const repo = (method: string): Call => ({ kind: 'repo', repo: 'audit', method, args: [] });
  const persist = (importId?: string): Call => ({ kind: 'unit', method: 'persistBatch', args: [[{ meta: importId === undefined ? { via: 'websocket' } : { via: 'import', importId } }]] });
  const rebuild: Call = { kind: 'unit', method: 'rebuildDoc', args: [] };

  it('sends everything when no slice is queued, or the slice is first and nothing behind it may pass it', () => {
    const plain = [q(repo('append')), q(persist()), q(rebuild)];
    expect(nextWriteBatch(plain)).toEqual({ batch: plain, rest: [] });
    const alone = [q(persist('i1')), q(rebuild)];
    expect(nextWriteBatch(alone)).toEqual({ batch: alone, rest: [] });
  });

  it("lets the calls queued before a slice, and the small ones behind it, go first; the others keep their place behind it", () => {
    const before = q(repo('append'));
    const s = q(persist('i1'));
    const unit = q(rebuild);
    const audit = q({ kind: 'unit', method: 'appendAudit', args: [[]] });
    const session = q({ kind: 'repo', repo: 'sessions', method: 'create', args: [] });
    const { batch, rest } = nextWriteBatch([before, s, unit, audit, session]);
    expect(batch).toEqual([before, audit, session]);
    expect(rest).toEqual([s, unit]);
    // Most often: the calls made while the slice before was stored, then the next slice.
    const s2 = q(persist('i1'));
    expect(nextWriteBatch([before, s2])).toEqual({ batch: [before], rest: [s2] });
  });

  it('yields once, then goes with whatever is queued', () => {
    const s = q(persist('i1'));
    const early = q(repo('append'));
    const late = q(repo('append'));
    expect(nextWriteBatch([early, s]).batch).toEqual([early]);
    expect(s.yielded).toBe(true);
    expect(nextWriteBatch([s, late]).batch).toEqual([s, late]);
  });
});

describe.each(['worker', 'inline'] as const)('the SQLite write lane with an import slice queued (%s)', (thread) => {
  async function seeded() {
    const dir = mkdtempSync(join(tmpdir(), 'mac-slice-yield-'));
    const store = await openSqliteStore({ dataDir: dir }, { auditKey: new Uint8Array(randomBytes(32)), thread });
    opened.push({ store, dir });
    await store.repos.agencies.upsert({ slug: 'tvp', name: 'Thames Valley Police', kind: 'police' });
    const lead = await store.repos.users.create({ email: 'lead@tvp.example', name: 'Lena', role: 'lead', agency: 'tvp', passwordHash: null });
    const chronology = await store.repos.chronologies.create({ child: { givenName: 'Ada', familyName: 'Example' }, leadUserId: lead.id, memberAgencies: ['tvp'], addedBy: lead.id });
    return { store, chronologyId: chronology.id };
  }

  // A sign-in's audit record made while a batch is in flight and a slice waits beside it: it is stored before
  // the slice (its own commit), where it used to share the slice's transaction and wait for its statements.
  it('commits the small calls queued beside a slice before it, both durable, the chain whole', async () => {
    const { store, chronologyId } = await seeded();
    const settled: string[] = [];
    const inFlight = store.repos.audit.append(record('first'));
    await Promise.resolve(); // its batch is posted: the lane is busy
    const stored = store.persistBatch([slice(chronologyId, 1, 'import-1')]).then((v) => (settled.push('slice'), v));
    const login = store.repos.audit.append(record('auth:login')).then((v) => (settled.push('login'), v));
    await Promise.all([inFlight, stored, login]);
    expect(settled).toEqual(['login', 'slice']);
    const chain = (await store.repos.audit.list({ limit: 100 })).sort((a, b) => a.seq - b.seq).map((r) => r.action);
    expect(chain.indexOf('auth:login')).toBeLessThan(chain.indexOf('entry.create'));
    expect(chain.filter((a) => a === 'entry.create')).toHaveLength(3);
    expect((await store.repos.audit.verify()).ok).toBe(true);
  });

  // The common case: a sign-in's record made while one slice is being stored, then the import's next slice.
  it('commits a small call made while a slice is stored before the next slice', async () => {
    const { store, chronologyId } = await seeded();
    const settled: string[] = [];
    const before = store.stats().batches;
    const first = store.persistBatch([slice(chronologyId, 3, 'import-2')]);
    await Promise.resolve(); // the first slice's batch is posted
    const login = store.repos.audit.append(record('auth:login')).then(() => settled.push('login'));
    const next = first.then(() => store.persistBatch([slice(chronologyId, 4, 'import-2')])).then(() => settled.push('next slice'));
    await Promise.all([login, next]);
    expect(settled).toEqual(['login', 'next slice']);
    // The record in a commit of its own between the two slices (it used to share the next slice's).
    expect(store.stats().batches - before).toBe(3);
    const chain = (await store.repos.audit.list({ limit: 100 })).sort((a, b) => a.seq - b.seq).map((r) => r.action);
    expect(chain.indexOf('auth:login')).toBe(3);
    expect(chain).toHaveLength(7);
  });

  it("keeps a live write's place: only an import's slice yields", async () => {
    const { store, chronologyId } = await seeded();
    const settled: string[] = [];
    const inFlight = store.repos.audit.append(record('first'));
    await Promise.resolve();
    const stored = store.persistBatch([slice(chronologyId, 2, undefined)]).then(() => settled.push('write'));
    const login = store.repos.audit.append(record('auth:login')).then(() => settled.push('login'));
    await Promise.all([inFlight, stored, login]);
    expect(settled).toEqual(['write', 'login']);
  });
});
