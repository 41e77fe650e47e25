// The append-only guarantees live in SQL (drizzle/0001_append-only-triggers.sql), so they hold for
// every client of the file, not only for this package's code.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from './testing.js';

let t: TestDatabase;
beforeEach(() => {
  t = openTestDatabase();
});
afterEach(() => t.cleanup());

const actor = { actorId: 'u1', actorLabel: 'Una', actorAgency: 'northway-primary', outcome: 'allowed' as const };

describe('audit_log triggers', () => {
  it('refuse UPDATE of an audit record', () => {
    t.repos.audit.append({ ...actor, action: 'chronology:read' });
    expect(() => t.db.sqlite.prepare("update audit_log set action = 'nothing'").run()).toThrow('audit_log is append-only');
    expect(t.repos.audit.list()[0]!.action).toBe('chronology:read');
  });

  it('refuse DELETE of an audit record', () => {
    t.repos.audit.append({ ...actor, action: 'chronology:read' });
    expect(() => t.db.sqlite.prepare('delete from audit_log').run()).toThrow('audit_log is append-only');
    expect(t.repos.audit.count()).toBe(1);
  });
});

describe('doc_updates triggers', () => {
  it('refuse UPDATE of a stored update but allow DELETE (compaction)', () => {
    t.repos.updateLog.append('doc', new Uint8Array([1, 2, 3]));
    expect(() => t.db.sqlite.prepare("update doc_updates set data = x'00'").run()).toThrow('doc_updates rows are immutable');
    expect(t.db.sqlite.prepare('delete from doc_updates').run().changes).toBe(1);
  });
});

describe('action_changes trigger', () => {
  it('refuses UPDATE of an action’s kept change (its history is never edited)', () => {
    t.repos.agencies.upsert({ slug: 'northway-primary', name: 'Northway Primary School', kind: 'education' });
    const lead = t.repos.users.create({ email: 'lead@northway.example', name: 'Lena', role: 'lead', agency: 'northway-primary', passwordHash: null });
    const chronology = t.repos.chronologies.create({ child: { givenName: 'Ada', familyName: 'Example' }, leadUserId: lead.id, memberAgencies: ['northway-primary'], addedBy: lead.id });
    const action = t.repos.actions.create({ chronologyId: chronology.id, title: 'Visit', notes: '', ownerAgency: 'northway-primary', ownerUserId: lead.id, dueDate: '2026-01-10', source: 'analysis', sourceRef: '', entryIds: [], createdBy: lead.id });
    expect(() => t.db.sqlite.prepare("update action_changes set by = 'someone else'").run()).toThrow('action_changes rows are immutable');
    expect(t.repos.actions.history(action.id)[0]!.by).toBe(lead.id);
  });
});
