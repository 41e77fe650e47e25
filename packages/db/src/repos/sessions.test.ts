import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing.js';

let t: TestDatabase;
let clock: Date;
let userId: string;
beforeEach(() => {
  clock = new Date('2024-01-01T09:00:00.000Z');
  t = openTestDatabase({ now: () => clock });
  t.repos.agencies.upsert({ slug: 'northway-primary', name: 'Northway Primary School', kind: 'education' });
  userId = t.repos.users.create({ email: 'a@x.example', name: 'A', role: 'practitioner', agency: 'northway-primary', passwordHash: 'h' }).id;
});
afterEach(() => t.cleanup());

const session = (idHash: string, expiresAt = '2024-01-01T21:00:00.000Z') => ({ idHash, userId, expiresAt, ip: '192.0.2.1', userAgent: 'test' });

describe('sessions', () => {
  it('creates a session and gets it by the hash of its id', () => {
    const created = t.repos.sessions.create(session('h1'));
    expect(created).toEqual({
      idHash: 'h1',
      userId,
      createdAt: '2024-01-01T09:00:00.000Z',
      lastSeenAt: '2024-01-01T09:00:00.000Z',
      expiresAt: '2024-01-01T21:00:00.000Z',
      ip: '192.0.2.1',
      userAgent: 'test',
      revokedAt: null,
      reauthenticatedAt: null,
    });
    expect(t.repos.sessions.get('h1')).toEqual(created);
    expect(t.repos.sessions.get('nope')).toBeNull();
  });

  it('gets a session with its user in one read, as they are now', () => {
    const created = t.repos.sessions.create(session('h1'));
    expect(t.repos.sessions.getWithUser('h1')).toEqual({ session: created, user: t.repos.users.byId(userId) });
    expect(t.repos.sessions.getWithUser('nope')).toBeNull();
    t.repos.users.setDisabled(userId, true);
    expect(t.repos.sessions.getWithUser('h1')?.user.disabled).toBe(true);
    t.repos.sessions.revoke('h1');
    expect(t.repos.sessions.getWithUser('h1')?.session.revokedAt).toBe('2024-01-01T09:00:00.000Z');
  });

  it('counts live sessions per user: not revoked, not past their absolute expiry', () => {
    t.repos.sessions.create(session('h1'));
    t.repos.sessions.create(session('h2'));
    t.repos.sessions.create(session('h3', '2024-01-01T08:00:00.000Z')); // already expired
    t.repos.sessions.revoke('h2');
    expect(t.repos.sessions.liveCounts()).toEqual(new Map([[userId, 1]]));
    clock = new Date('2024-01-01T22:00:00.000Z');
    expect(t.repos.sessions.liveCounts()).toEqual(new Map());
  });

  it('refuses a session of an unknown user', () => {
    expect(() => t.repos.sessions.create({ ...session('h1'), userId: 'ghost' })).toThrow(/FOREIGN KEY/);
  });

  it('touch moves last-seen; markReauthenticated records step-up', () => {
    t.repos.sessions.create(session('h1'));
    t.repos.sessions.touch('h1', '2024-01-01T09:30:00.000Z');
    t.repos.sessions.markReauthenticated('h1', '2024-01-01T09:31:00.000Z');
    expect(t.repos.sessions.get('h1')).toMatchObject({ lastSeenAt: '2024-01-01T09:30:00.000Z', reauthenticatedAt: '2024-01-01T09:31:00.000Z' });
  });

  it('revoke ends one session once', () => {
    t.repos.sessions.create(session('h1'));
    expect(t.repos.sessions.revoke('h1')).toBe(true);
    expect(t.repos.sessions.revoke('h1')).toBe(false);
    expect(t.repos.sessions.get('h1')?.revokedAt).toBe('2024-01-01T09:00:00.000Z');
  });

  it('revokeAllForUser ends every live session of the user and says how many', () => {
    t.repos.sessions.create(session('h1'));
    t.repos.sessions.create(session('h2'));
    t.repos.sessions.create(session('h3'));
    t.repos.sessions.revoke('h3');
    expect(t.repos.sessions.revokeAllForUser(userId)).toBe(2);
    expect(t.repos.sessions.revokeAllForUser(userId)).toBe(0);
  });

  it('purgeExpired deletes sessions past their absolute end', () => {
    t.repos.sessions.create(session('old', '2024-01-01T10:00:00.000Z'));
    t.repos.sessions.create(session('new', '2024-01-02T10:00:00.000Z'));
    expect(t.repos.sessions.purgeExpired('2024-01-01T12:00:00.000Z')).toBe(1);
    expect(t.repos.sessions.get('old')).toBeNull();
    expect(t.repos.sessions.get('new')).not.toBeNull();
  });
});
