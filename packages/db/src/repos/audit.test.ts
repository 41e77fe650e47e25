import { createHmac, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRepos } from './index.js';
import { openTestDatabase, type TestDatabase } from '../testing.js';
import { auditHash, canonicalJson, GENESIS_HASH, type AuditInput } from './audit.js';

let t: TestDatabase;
let clock: Date;
beforeEach(() => {
  clock = new Date('2024-06-01T10:00:00.000Z');
  t = openTestDatabase({ now: () => clock });
});
afterEach(() => t.cleanup());

const record = (overrides: Partial<AuditInput> = {}): AuditInput => ({
  actorId: 'u1',
  actorLabel: 'Una Practitioner',
  actorAgency: 'northway-primary',
  action: 'chronology:read',
  outcome: 'allowed',
  chronologyId: 'c1',
  ...overrides,
});

function appendMany(count: number): void {
  for (let i = 1; i <= count; i++) t.repos.audit.append(record({ details: { i } }));
}

/** What an attacker with the file does first: the triggers are only in their way. */
function dropTriggers(): void {
  t.db.sqlite.exec('drop trigger audit_log_no_update; drop trigger audit_log_no_delete;');
}

describe('audit append and list', () => {
  it('appends a record linked to the one before it', () => {
    const first = t.repos.audit.append(record({ details: { b: 1, a: { d: 2, c: 3 } }, ip: '192.0.2.7', entryId: 'e1' }));
    expect(first).toEqual({
      seq: 1,
      at: '2024-06-01T10:00:00.000Z',
      actorId: 'u1',
      actorLabel: 'Una Practitioner',
      actorAgency: 'northway-primary',
      action: 'chronology:read',
      outcome: 'allowed',
      chronologyId: 'c1',
      entryId: 'e1',
      details: { a: { c: 3, d: 2 }, b: 1 },
      ip: '192.0.2.7',
      prevHash: GENESIS_HASH,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const second = t.repos.audit.append(record({ outcome: 'refused', chronologyId: null }));
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash, chronologyId: null, entryId: null, ip: null, details: {} });
    // Details are stored as canonical JSON: the exact text the hash covers.
    expect(t.db.sqlite.prepare('select details from audit_log where seq = 1').pluck().get()).toBe('{"a":{"c":3,"d":2},"b":1}');
  });

  it('lists newest first, filtered, limited and paged by beforeSeq', () => {
    t.repos.audit.append(record({ action: 'chronology:read', chronologyId: 'c1' }));
    t.repos.audit.append(record({ action: 'entry.create', chronologyId: 'c1', entryId: 'e1' }));
    t.repos.audit.append(record({ action: 'entry.amend', chronologyId: 'c1', entryId: 'e1', actorId: 'u2' }));
    t.repos.audit.append(record({ action: 'chronology:read', chronologyId: 'c2' }));
    const seqs = (opts: Parameters<typeof t.repos.audit.list>[0]) => t.repos.audit.list(opts).map((r) => r.seq);
    expect(seqs({})).toEqual([4, 3, 2, 1]);
    expect(seqs({ chronologyId: 'c1' })).toEqual([3, 2, 1]);
    expect(seqs({ chronologyId: 'c1', entryId: 'e1' })).toEqual([3, 2]);
    expect(seqs({ actorId: 'u2' })).toEqual([3]);
    expect(seqs({ action: 'chronology:read' })).toEqual([4, 1]);
    expect(seqs({ limit: 2 })).toEqual([4, 3]);
    expect(seqs({ limit: 2, beforeSeq: 3 })).toEqual([2, 1]);
  });

  it('lastAllowed: when each actor last did an action successfully', () => {
    t.repos.audit.append(record({ action: 'auth:login' }));
    clock = new Date('2024-06-02T10:00:00.000Z');
    t.repos.audit.append(record({ action: 'auth:login' }));
    t.repos.audit.append(record({ action: 'auth:login', actorId: 'u2' }));
    clock = new Date('2024-06-03T10:00:00.000Z');
    t.repos.audit.append(record({ action: 'auth:login', outcome: 'refused' }));
    t.repos.audit.append(record({ action: 'chronology:read' }));
    expect(t.repos.audit.lastAllowed('auth:login')).toEqual(
      new Map([
        ['u1', '2024-06-02T10:00:00.000Z'],
        ['u2', '2024-06-02T10:00:00.000Z'],
      ]),
    );
  });

  it('commits and rolls back with the caller transaction', () => {
    t.repos.audit.append(record());
    expect(() =>
      t.db.tx(() => {
        t.repos.audit.append(record({ action: 'entry.create' }));
        throw new Error('the write it describes failed');
      }),
    ).toThrow();
    const again = t.repos.audit.append(record({ action: 'entry.create' }));
    expect(again.seq).toBe(2);
    expect(t.repos.audit.verify()).toEqual({ ok: true, count: 2 });
  });

  it('refuses a key too short to be a key', () => {
    expect(() => createRepos(t.db, { auditKey: new Uint8Array(4) })).toThrow(/at least 16 bytes/);
  });

  it('hashes the HMAC of the previous hash and canonicalJson of the fields, as every stored chain was sealed', () => {
    // The definition the chains on disk were written with: a different text would fail them all.
    const key = randomBytes(32);
    const sealed = (key: Uint8Array, row: Parameters<typeof auditHash>[1]) => {
      const { prevHash, ...fields } = row;
      return createHmac('sha256', key).update(prevHash).update('\n').update(canonicalJson(fields)).digest('hex');
    };
    const base = { seq: 41, at: '2026-12-06T20:00:00.000Z', actorId: 'u-1', actorLabel: 'Ann "Lead" Ó\u2028', actorAgency: 'oxfordshire-csc', action: 'entry.create', outcome: 'allowed' as const, chronologyId: 'c-1', entryId: 'e-1', details: canonicalJson({ via: 'rest', docName: 'chronology:c-1', changes: { summary: { from: 'a', to: 'b' } } }), ip: '10.0.0.1', prevHash: GENESIS_HASH };
    for (const row of [base, { ...base, chronologyId: null, entryId: null, ip: null, details: '{}' }, { ...base, seq: 2 ** 40, prevHash: 'f'.repeat(64) }]) {
      expect(auditHash(key, row)).toBe(sealed(key, row));
    }
    // The column order is not the key order: a record whose fields were hashed in column order differs.
    const unsorted = createHmac('sha256', key).update(base.prevHash).update('\n').update(JSON.stringify({ seq: base.seq, at: base.at, actorId: base.actorId, actorLabel: base.actorLabel, actorAgency: base.actorAgency, action: base.action, outcome: base.outcome, chronologyId: base.chronologyId, entryId: base.entryId, details: base.details, ip: base.ip })).digest('hex');
    expect(auditHash(key, base)).not.toBe(unsorted);
  });

  it('canonicalJson sorts keys at every depth and keeps arrays in order', () => {
    expect(canonicalJson({ b: [3, { z: 1, y: 2 }], a: null })).toBe('{"a":null,"b":[3,{"y":2,"z":1}]}');
  });
});

describe('audit verify', () => {
  it('is ok on an empty log and on an intact chain', () => {
    expect(t.repos.audit.verify()).toEqual({ ok: true, count: 0 });
    appendMany(5);
    expect(t.repos.audit.verify()).toEqual({ ok: true, count: 5 });
  });

  it('names the record whose field was altered', () => {
    appendMany(5);
    dropTriggers();
    t.db.sqlite.prepare("update audit_log set actor_label = 'Someone Else' where seq = 3").run();
    expect(t.repos.audit.verify()).toEqual({ ok: false, count: 2, firstBrokenSeq: 3, reason: 'hash mismatch: the record was altered' });
  });

  it('notices a change to details, outcome or time', () => {
    for (const change of ["details = '{\"i\":99}'", "outcome = 'refused'", "at = '2024-06-01T10:00:00.001Z'", 'ip = \'198.51.100.1\'']) {
      t.cleanup();
      t = openTestDatabase();
      appendMany(3);
      dropTriggers();
      t.db.sqlite.prepare(`update audit_log set ${change} where seq = 2`).run();
      expect(t.repos.audit.verify(), change).toMatchObject({ ok: false, firstBrokenSeq: 2 });
    }
  });

  it('names the record after a deleted one', () => {
    appendMany(5);
    dropTriggers();
    t.db.sqlite.prepare('delete from audit_log where seq = 3').run();
    expect(t.repos.audit.verify()).toEqual({ ok: false, count: 2, firstBrokenSeq: 4, reason: 'records 3 to 3 are missing' });
  });

  it('finds a deleted record even when the rest were renumbered to close the gap', () => {
    appendMany(5);
    dropTriggers();
    t.db.sqlite.exec('delete from audit_log where seq = 3; update audit_log set seq = seq - 1 where seq > 3;');
    t.db.sqlite.prepare("update sqlite_sequence set seq = 4 where name = 'audit_log'").run();
    expect(t.repos.audit.verify()).toMatchObject({ ok: false, count: 2, firstBrokenSeq: 3 });
  });

  it('finds the first records deleted', () => {
    appendMany(3);
    dropTriggers();
    t.db.sqlite.prepare('delete from audit_log where seq = 1').run();
    expect(t.repos.audit.verify()).toMatchObject({ ok: false, count: 0, firstBrokenSeq: 2 });
  });

  it('finds the newest records deleted, and the gap stays after a later append', () => {
    appendMany(5);
    dropTriggers();
    t.db.sqlite.prepare('delete from audit_log where seq >= 4').run();
    expect(t.repos.audit.verify()).toEqual({ ok: false, count: 3, firstBrokenSeq: 4, reason: 'the newest records (4 to 5) are missing' });
    const next = t.repos.audit.append(record());
    expect(next.seq).toBe(6);
    expect(t.repos.audit.verify()).toMatchObject({ ok: false, firstBrokenSeq: 6 });
  });

  it('finds a forged record inserted without the key', () => {
    appendMany(2);
    const last = t.repos.audit.list({ limit: 1 })[0]!;
    t.db.sqlite
      .prepare(
        "insert into audit_log (seq, at, actor_id, actor_label, actor_agency, action, outcome, details, prev_hash, hash) values (3, 'x', 'u9', 'Mallory', 'x', 'chronology:read', 'allowed', '{}', ?, ?)",
      )
      .run(last.hash, 'f'.repeat(64));
    expect(t.repos.audit.verify()).toMatchObject({ ok: false, count: 2, firstBrokenSeq: 3 });
  });

  it('fails from the first record when checked with another key', () => {
    appendMany(3);
    const otherKey = createRepos(t.db, { auditKey: new Uint8Array(randomBytes(32)) });
    expect(otherKey.audit.verify()).toEqual({
      ok: false,
      count: 0,
      firstBrokenSeq: 1,
      reason: 'hash mismatch on the first record: it was altered, or the audit key is not the one that wrote the log',
    });
    // The right key still verifies: the file itself is intact.
    expect(createRepos(t.db, { auditKey: t.auditKey }).audit.verify()).toEqual({ ok: true, count: 3 });
  });
});
