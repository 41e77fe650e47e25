// The point reads that skip their read transaction (ONE_STATEMENT) must really be one statement each:
// a second statement outside a transaction would read another snapshot, and the pair could disagree.
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openTestDatabase, seedChronology, type TestDatabase } from '../testing.js';
import { openSqliteHost } from './host.js';
import { ONE_STATEMENT, POINT_READS, runPointRead } from './point-reads.js';

let opened: TestDatabase | null = null;
afterEach(() => {
  opened?.cleanup();
  opened = null;
});

/** Counts the statements better-sqlite3 runs while `fn` runs (every statement's get/all/run/iterate). */
function statementsRunBy(db: Database.Database, fn: () => unknown): { count: number; value: unknown } {
  const proto = Object.getPrototypeOf(db.prepare('select 1')) as Record<string, (...args: unknown[]) => unknown>;
  const names = ['get', 'all', 'run', 'iterate'] as const;
  const originals = names.map((n) => proto[n]!);
  let count = 0;
  names.forEach((n, i) => {
    proto[n] = function (this: unknown, ...args: unknown[]) {
      count += 1;
      return originals[i]!.apply(this, args);
    };
  });
  try {
    const value = fn();
    return { count, value };
  } finally {
    names.forEach((n, i) => (proto[n] = originals[i]!));
  }
}

describe('point reads run alone', () => {
  it('are one statement each, with the rows they look for present (chronologies.get too: its members by a subquery)', () => {
    opened = openTestDatabase();
    const { repos, db } = opened;
    const { lead, chronology } = seedChronology(repos);
    const later = new Date(Date.now() + 3_600_000).toISOString();
    repos.sessions.create({ idHash: 'session-hash', userId: lead.id, expiresAt: later, ip: null, userAgent: null });
    repos.apiTokens.create({ agency: 'thames-valley-police', name: 'Case system', tokenHash: 'token-hash', createdBy: lead.id, preApproved: true });
    repos.breakGlass.create({ chronologyId: chronology.id, userId: lead.id, reason: 'Out of hours', expiresAt: later });
    repos.patternReviews.add({ chronologyId: chronology.id, ruleId: 'repeat-injury', highlightKey: 'repeat-injury:abc', status: 'reviewed', note: 'Discussed', entryFingerprint: 'fp-1', reviewedBy: lead.id });
    repos.loginAttempts.record('pair:someone@x.example|127.0.0.1', new Date().toISOString());
    const host = openSqliteHost({ file: db.file! }, { auditKey: opened.auditKey }, 'read');
    try {
      const args: Record<string, unknown[]> = {
        'sessions.get': ['session-hash'],
        'sessions.getWithUser': ['session-hash'],
        'users.byId': [lead.id],
        'users.byEmail': [lead.email],
        'agencies.get': [lead.agencySlug],
        'agencies.list': [],
        'breakGlass.activeForUser': [lead.id],
        'patternReviews.listForChronology': [chronology.id],
        'loginAttempts.timesSince': ['pair:someone@x.example|127.0.0.1', '2000-01-01T00:00:00.000Z'],
        'loginAttempts.countSince': ['pair:someone@x.example|127.0.0.1', '2000-01-01T00:00:00.000Z'],
        'apiTokens.byHash': ['token-hash'],
        'breakGlass.activeFor': [chronology.id],
        'entries.version': [chronology.id],
        'chronologies.get': [chronology.id],
        'chronologies.access': [chronology.id, new Date().toISOString()],
      };
      const listed = Object.entries(ONE_STATEMENT).flatMap(([repo, methods]) => methods.map((m) => `${repo}.${m}`));
      for (const name of listed) {
        const [repo, method] = name.split('.') as [string, string];
        expect(args[name], `arguments for ${name}`).toBeDefined();
        const run = statementsRunBy(host.db.sqlite, () => runPointRead(host, { kind: 'repo', repo, method, args: args[name]! }));
        expect(run.count, name).toBe(1);
        expect(run.value, name).toMatchObject({ ok: true });
        // Found something (a method might run its second statement only when the first finds a row).
        const value = (run.value as { value: unknown }).value;
        if (name !== 'entries.version') expect(Array.isArray(value) ? value.length : value, name).toBeTruthy();
      }
      // The chronology with its members (a subquery): one statement, so it runs without BEGIN and COMMIT.
      expect(listed).toContain('chronologies.get');
      const chronologyRead = statementsRunBy(host.db.sqlite, () => runPointRead(host, { kind: 'repo', repo: 'chronologies', method: 'get', args: args['chronologies.get']! }));
      expect(chronologyRead.value).toMatchObject({ ok: true, value: { id: chronology.id, memberAgencies: chronology.memberAgencies } });
      // Only point reads may skip the point reads' transaction.
      for (const [repo, methods] of Object.entries(ONE_STATEMENT)) {
        for (const method of methods) expect((POINT_READS as Record<string, readonly string[]>)[repo], `${repo}.${method}`).toContain(method);
      }
    } finally {
      host.db.close();
    }
  });
});
