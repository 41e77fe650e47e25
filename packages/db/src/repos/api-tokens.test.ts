import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing.js';

let t: TestDatabase;
let clock: Date;
beforeEach(() => {
  clock = new Date('2024-01-01T09:00:00.000Z');
  t = openTestDatabase({ now: () => clock });
  t.repos.agencies.upsert({ slug: 'thames-valley-police', name: 'Thames Valley Police', kind: 'police' });
});
afterEach(() => t.cleanup());

const token = { agency: 'thames-valley-police', name: 'Niche RMS', tokenHash: 'th-1', createdBy: 'admin-1' };

describe('apiTokens', () => {
  it('creates a token and finds it by hash and by id', () => {
    const created = t.repos.apiTokens.create(token);
    expect(created).toEqual({
      id: expect.any(String),
      agencySlug: 'thames-valley-police',
      name: 'Niche RMS',
      tokenHash: 'th-1',
      createdBy: 'admin-1',
      createdAt: '2024-01-01T09:00:00.000Z',
      revokedAt: null,
      lastUsedAt: null,
      // Issued by an administrator: it works only once a second person approves it.
      approvedAt: null,
      approvedBy: null,
    });
    expect(t.repos.apiTokens.approve(created.id, 'admin-2')).toBe(true);
    expect(t.repos.apiTokens.approve(created.id, 'admin-3')).toBe(false);
    expect(t.repos.apiTokens.byId(created.id)).toMatchObject({ approvedBy: 'admin-2' });
    expect(t.repos.apiTokens.byId(created.id)).toEqual({ ...created, approvedAt: '2024-01-01T09:00:00.000Z', approvedBy: 'admin-2' });
    expect(t.repos.apiTokens.byHash('other')).toBeNull();
  });

  it('refuses a duplicate hash and an unknown agency', () => {
    t.repos.apiTokens.create(token);
    expect(() => t.repos.apiTokens.create(token)).toThrow(/UNIQUE/);
    expect(() => t.repos.apiTokens.create({ ...token, tokenHash: 'th-2', agency: 'nowhere' })).toThrow(/FOREIGN KEY/);
  });

  it('revoke and touch', () => {
    const created = t.repos.apiTokens.create(token);
    t.repos.apiTokens.touch(created.id, '2024-01-01T10:00:00.000Z');
    expect(t.repos.apiTokens.revoke(created.id)).toBe(true);
    expect(t.repos.apiTokens.revoke(created.id)).toBe(false);
    expect(t.repos.apiTokens.byId(created.id)).toMatchObject({ lastUsedAt: '2024-01-01T10:00:00.000Z', revokedAt: '2024-01-01T09:00:00.000Z' });
  });

  it('lists tokens newest first, revoked included', () => {
    const first = t.repos.apiTokens.create(token);
    clock = new Date('2024-01-02T09:00:00.000Z');
    const second = t.repos.apiTokens.create({ ...token, tokenHash: 'th-2' });
    t.repos.apiTokens.revoke(first.id);
    expect(t.repos.apiTokens.list().map((x) => x.id)).toEqual([second.id, first.id]);
  });
});
