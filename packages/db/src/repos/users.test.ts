import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing.js';

let t: TestDatabase;
let clock = new Date('2024-01-01T00:00:00.000Z');
beforeEach(() => {
  clock = new Date('2024-01-01T00:00:00.000Z');
  t = openTestDatabase({ now: () => clock });
  t.repos.agencies.upsert({ slug: 'northway-primary', name: 'Northway Primary School', kind: 'education' });
});
afterEach(() => t.cleanup());

const newUser = { email: 'Dee.Sell@Northway.Example ', name: 'Dee Sell', role: 'dsl' as const, agency: 'northway-primary', passwordHash: 'hash-1' };

describe('users', () => {
  it('creates a user with a generated UUID and a lower-case email', () => {
    const user = t.repos.users.create(newUser);
    expect(user).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      email: 'dee.sell@northway.example',
      name: 'Dee Sell',
      role: 'dsl',
      agencySlug: 'northway-primary',
      passwordHash: 'hash-1',
      disabled: false,
      createdAt: '2024-01-01T00:00:00.000Z',
      passwordChangedAt: '2024-01-01T00:00:00.000Z',
      oidcIssuer: null,
      oidcSubject: null,
      // Made by the system (no administrator named): approved at once.
      createdBy: null,
      approvedAt: '2024-01-01T00:00:00.000Z',
      approvedBy: 'system',
    });
    expect(t.repos.users.byId(user.id)).toEqual(user);
  });

  it('an account an administrator creates awaits a second person; approving it is once only', () => {
    const user = t.repos.users.create({ ...newUser, createdBy: 'admin-1' });
    expect(user).toMatchObject({ createdBy: 'admin-1', approvedAt: null, approvedBy: null });
    expect(t.repos.users.approve(user.id, 'admin-2')).toBe(true);
    expect(t.repos.users.byId(user.id)).toMatchObject({ approvedAt: '2024-01-01T00:00:00.000Z', approvedBy: 'admin-2' });
    expect(t.repos.users.approve(user.id, 'admin-3')).toBe(false);
  });

  it('finds a user by email whatever its case', () => {
    const user = t.repos.users.create(newUser);
    expect(t.repos.users.byEmail('DEE.SELL@northway.example')?.id).toBe(user.id);
    expect(t.repos.users.byEmail('someone@else.example')).toBeNull();
  });

  it('refuses a second user with the same email in another case', () => {
    t.repos.users.create(newUser);
    expect(() => t.repos.users.create({ ...newUser, email: 'dee.sell@NORTHWAY.example' })).toThrow(/UNIQUE/);
  });

  it('refuses a user of an unknown agency', () => {
    expect(() => t.repos.users.create({ ...newUser, agency: 'nowhere' })).toThrow(/FOREIGN KEY/);
  });

  it('keeps OIDC users without a password', () => {
    const user = t.repos.users.create({ ...newUser, passwordHash: null });
    expect(user.passwordHash).toBeNull();
    expect(user.passwordChangedAt).toBeNull();
  });

  it('setPassword changes the hash and the time it changed', () => {
    const user = t.repos.users.create(newUser);
    clock = new Date('2024-02-01T00:00:00.000Z');
    expect(t.repos.users.setPassword(user.id, 'hash-2')).toBe(true);
    expect(t.repos.users.byId(user.id)).toMatchObject({ passwordHash: 'hash-2', passwordChangedAt: '2024-02-01T00:00:00.000Z' });
    expect(t.repos.users.setPassword('missing', 'x')).toBe(false);
  });

  it('setDisabled and setRole', () => {
    const user = t.repos.users.create(newUser);
    t.repos.users.setDisabled(user.id, true);
    t.repos.users.setRole(user.id, 'lead');
    expect(t.repos.users.byId(user.id)).toMatchObject({ disabled: true, role: 'lead' });
    t.repos.users.setDisabled(user.id, false);
    expect(t.repos.users.byId(user.id)?.disabled).toBe(false);
  });

  it('binds a single sign-on identity, and unbinds it', () => {
    const user = t.repos.users.create(newUser);
    expect(user).toMatchObject({ oidcIssuer: null, oidcSubject: null });
    expect(t.repos.users.setOidcIdentity(user.id, { issuer: 'https://login.example/tenant/v2.0', subject: 'abc' })).toBe(true);
    expect(t.repos.users.byId(user.id)).toMatchObject({ oidcIssuer: 'https://login.example/tenant/v2.0', oidcSubject: 'abc' });
    expect(t.repos.users.setOidcIdentity(user.id, null)).toBe(true);
    expect(t.repos.users.byId(user.id)).toMatchObject({ oidcIssuer: null, oidcSubject: null });
    expect(t.repos.users.setOidcIdentity('missing', null)).toBe(false);
  });

  it('lists users by name', () => {
    t.repos.users.create({ ...newUser, email: 'z@x.example', name: 'Zed' });
    t.repos.users.create({ ...newUser, email: 'a@x.example', name: 'Amy' });
    expect(t.repos.users.list().map((u) => u.name)).toEqual(['Amy', 'Zed']);
  });
});
