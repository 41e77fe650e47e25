// Test helpers for every package: a real SQLite file in a fresh temp directory (migrations applied),
// never a mock, and small builders for the rows most tests need.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type MacDb } from './open.js';
import { createRepos, type RepoOptions, type SqliteRepos } from './repos/index.js';
import type { ChronologyRecord } from './repos/chronologies.js';
import type { UserRecord } from './repos/users.js';

export interface TestDatabase {
  db: MacDb;
  repos: SqliteRepos;
  dir: string;
  auditKey: Uint8Array;
  /** Closes the database and deletes the directory. Safe to call twice. */
  cleanup(): void;
}

export function openTestDatabase(opts: Partial<RepoOptions> = {}): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'mac-db-'));
  const db = openDatabase({ dataDir: dir });
  const auditKey = opts.auditKey ?? new Uint8Array(randomBytes(32));
  const repos = createRepos(db, { ...opts, auditKey });
  return {
    db,
    repos,
    dir,
    auditKey,
    cleanup() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface SeededChronology {
  lead: UserRecord;
  chronology: ChronologyRecord;
}

/**
 * Two agencies (police, a school), a lead at the school and a chronology both are members of: the
 * smallest world most tests need.
 */
export function seedChronology(repos: SqliteRepos): SeededChronology {
  repos.agencies.upsert({ slug: 'thames-valley-police', name: 'Thames Valley Police', kind: 'police' });
  repos.agencies.upsert({ slug: 'northway-primary', name: 'Northway Primary School', kind: 'education' });
  const lead =
    repos.users.byEmail('lead@northway.example') ??
    repos.users.create({ email: 'lead@northway.example', name: 'Lena Lead', role: 'lead', agency: 'northway-primary', passwordHash: null });
  const chronology = repos.chronologies.create({
    child: { givenName: 'Ada', familyName: 'Example', dateOfBirth: '2015-03-27' },
    leadUserId: lead.id,
    memberAgencies: ['northway-primary', 'thames-valley-police'],
    addedBy: lead.id,
  });
  return { lead, chronology };
}

/**
 * A Yjs V1 update as the update log stores them, built by hand (this package does not depend on Yjs):
 * each `set` writes a new key of the top-level map `entries` (one struct of length 1, no origins) at
 * `clock` of `client`; each `delete` deletes a range. The state of a document is the same encoding with
 * every struct from clock 0: `v1Update(allSets, allDeletes)`.
 */
export function v1Update(sets: ReadonlyArray<{ client: number; clock: number; key: string; value?: string }>, deletes: ReadonlyArray<{ client: number; clock: number; len: number }> = []): Uint8Array {
  const out: number[] = [];
  const uint = (n: number) => {
    while (n > 127) {
      out.push(128 | (n % 128));
      n = Math.floor(n / 128);
    }
    out.push(n);
  };
  const str = (s: string) => {
    const bytes = new TextEncoder().encode(s);
    uint(bytes.length);
    out.push(...bytes);
  };
  // One group per run of consecutive clocks of a client.
  const sorted = [...sets].sort((a, b) => a.client - b.client || a.clock - b.clock);
  const groups: Array<typeof sorted> = [];
  for (const set of sorted) {
    const last = groups.at(-1)?.at(-1);
    if (last !== undefined && last.client === set.client && last.clock + 1 === set.clock) groups.at(-1)!.push(set);
    else groups.push([set]);
  }
  uint(groups.length);
  for (const group of groups) {
    uint(group.length);
    uint(group[0]!.client);
    uint(group[0]!.clock);
    for (const set of group) {
      out.push(8 | 32); // any content, with a map key; no origins
      uint(1); // the parent is a top-level type, named
      str('entries');
      str(set.key);
      uint(1); // one value
      out.push(119); // a string
      str(set.value ?? `value of ${set.key}`);
    }
  }
  const byClient = new Map<number, Array<{ clock: number; len: number }>>();
  for (const d of deletes) byClient.set(d.client, [...(byClient.get(d.client) ?? []), d]);
  uint(byClient.size);
  for (const [client, ranges] of byClient) {
    uint(client);
    uint(ranges.length);
    for (const r of ranges) (uint(r.clock), uint(r.len));
  }
  return new Uint8Array(out);
}
