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
