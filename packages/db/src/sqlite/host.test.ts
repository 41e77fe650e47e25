// The write host's batches (host.ts): one transaction per batch, each call undone alone when it throws.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildEntry } from '@mac/domain/testing';
import type { PersistWrite } from '../port.js';
import { openSqliteHost, type Call, type SqliteHost } from './host.js';

const dirs: string[] = [];
const hosts: SqliteHost[] = [];
afterEach(() => {
  for (const host of hosts.splice(0)) host.db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function openHost(): { host: SqliteHost; chronologyId: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mac-host-'));
  dirs.push(dir);
  const file = join(dir, 'mac.sqlite');
  const host = openSqliteHost({ file }, { auditKey: new Uint8Array(32).fill(7) }, 'write');
  hosts.push(host);
  host.repos.agencies.upsert({ slug: 'tvp', name: 'Thames Valley Police', kind: 'police' });
  const user = host.repos.users.create({ email: 'lead@x.example', name: 'Lead', role: 'lead', agency: 'tvp', passwordHash: null });
  const chronology = host.repos.chronologies.create({ child: { givenName: 'A', familyName: 'B', dateOfBirth: '2015-01-01', nhsNumber: null, upn: null }, leadUserId: user.id, memberAgencies: ['tvp'], addedBy: user.id });
  return { host, chronologyId: chronology.id, file };
}

const persist = (chronologyId: string, entryId: string): Call => {
  const write: PersistWrite = {
    docName: `chronology:${chronologyId}`,
    chronologyId,
    update: new Uint8Array([0, 0]),
    claims: [],
    actor: { id: 'u', name: 'U', agency: 'tvp' },
    meta: { via: 'test', ip: null },
    changes: [{ entryId, kind: 'create', before: null, after: buildEntry({ id: entryId, agency: 'tvp' }), fields: ['id'] }],
  };
  return { kind: 'unit', method: 'persistBatch', args: [[write]] };
};

describe('the write host', () => {
  it('undoes a unit of work that fails halfway through a shared batch, and only it', () => {
    const { host, chronologyId } = openHost();
    // The middle unit's update is appended to the log before its entry is refused (no such chronology):
    // its own transaction (a savepoint inside the batch's) must take that row back, the others' stay.
    const outcomes = host.runBatch([persist(chronologyId, 'e1'), persist('no-such-chronology', 'e2'), persist(chronologyId, 'e3')]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(outcomes[1]!.ok ? '' : outcomes[1]!.error.message).toMatch(/FOREIGN KEY/);
    expect(host.repos.updateLog.docNames()).toEqual([`chronology:${chronologyId}`]);
    expect(host.repos.updateLog.load(`chronology:${chronologyId}`).map((u) => u.docSeq)).toEqual([1, 2]);
    expect(host.repos.entries.query(chronologyId).map((e) => e.id).sort()).toEqual(['e1', 'e3']);
    expect(host.repos.audit.list({ limit: 100 }).filter((r) => r.action === 'entry.create').map((r) => r.entryId).sort()).toEqual(['e1', 'e3']);
  });

  it('undoes a repository call that fails in a shared batch, and only it', () => {
    const { host } = openHost();
    const user = (email: string): Call => ({ kind: 'repo', repo: 'users', method: 'create', args: [{ email, name: email, role: 'practitioner', agency: 'tvp', passwordHash: null }] });
    const outcomes = host.runBatch([user('a@x.example'), user('a@x.example'), user('b@x.example')]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(host.repos.users.list().map((u) => u.email).sort()).toEqual(['a@x.example', 'b@x.example', 'lead@x.example']);
  });

  it("appends a batch's consecutive audit records together, the same records and chain as one by one; a bad one fails alone", () => {
    const { host } = openHost();
    const read = (i: number, actorId: unknown = 'u'): Call => ({ kind: 'repo', repo: 'audit', method: 'append', args: [{ actorId, actorLabel: 'U', actorAgency: 'tvp', action: 'entry:read', outcome: 'allowed', chronologyId: 'c', details: { i, filters: { limit: '500' } } }] });
    const before = host.repos.audit.count();
    // Together: four reads' records between two other calls, every record handed back as `append` would.
    const user: Call = { kind: 'repo', repo: 'users', method: 'create', args: [{ email: 'r@x.example', name: 'R', role: 'practitioner', agency: 'tvp', passwordHash: null }] };
    const together = host.runBatch([user, read(0), read(1), read(2), read(3), user]);
    expect(together.map((o) => o.ok)).toEqual([true, true, true, true, true, false]);
    const records = together.slice(1, 5).map((o) => (o.ok ? (o.value as { seq: number; details: unknown }) : null)!);
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4].map((n) => before + n));
    expect(records.map((r) => r.details)).toEqual([0, 1, 2, 3].map((i) => ({ filters: { limit: '500' }, i })));
    const listed = host.repos.audit.list({ actorId: 'u', limit: 4 }).reverse();
    expect(listed).toEqual(records);
    // A record the table refuses (no actor) takes the others' shared statement down: they are appended
    // again one by one, and only it fails.
    const mixed = host.runBatch([read(4), read(5, null), read(6)]);
    expect(mixed.map((o) => o.ok)).toEqual([true, false, true]);
    expect(host.repos.audit.list({ actorId: 'u', limit: 10 }).map((r) => (r.details as { i: number }).i)).toEqual([6, 4, 3, 2, 1, 0]);
    expect(host.repos.audit.verify()).toMatchObject({ ok: true });
  });

  it('keeps the statement journal of its savepoints in memory (a temporary file cost ~740 writes a batch)', () => {
    const { host } = openHost();
    expect(host.db.sqlite.pragma('temp_store', { simple: true })).toBe(2);
  });
});
