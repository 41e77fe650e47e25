// The storage port's contract for a chronology's people (users.inAgencies), run by store-contract.ts
// against every adapter: exactly what `list` filtered to those agencies (and roles, and extra users)
// would give, in the same order, so a caller that switches from `list` to it changes nothing but cost.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { Role } from '@mac/domain';
import type { Store } from './port.js';
import type { UserRecord } from './repos/users.js';

export function describeUsersContract(store: () => Store): void {
  /** Two agencies of their own (the store is shared with other tests) and a third, with their people. */
  async function county() {
    const r = store().repos;
    const tag = randomUUID().slice(0, 8);
    const [a, b, c] = ['a', 'b', 'c'].map((x) => `people-${x}-${tag}`) as [string, string, string];
    for (const slug of [a, b, c]) await r.agencies.upsert({ slug, name: `People ${slug}`, kind: 'other' });
    const make = (name: string, role: Role, agency: string, email = `${name}-${randomUUID()}@people.example`) =>
      r.users.create({ email, name, role, agency, passwordHash: null });
    // Names and emails that sort differently by byte and by locale (upper case first, an accent last),
    // and two people of one name told apart by email.
    const people = {
      zed: await make('Zed', 'dsl', a),
      amy: await make('amy', 'practitioner', a),
      emile: await make('Émile', 'dsl', b),
      sam2: await make('Sam', 'lead', b, `sam-2-${tag}@people.example`),
      sam1: await make('Sam', 'dsl', a, `sam-1-${tag}@people.example`),
      admin: await make('Ada', 'admin', b),
      outsider: await make('Olly', 'lead', c),
      outsiderDsl: await make('Oona', 'dsl', c),
    };
    const everyone = (await r.users.list()).filter((u) => [a, b, c].includes(u.agencySlug));
    return { a, b, c, people, everyone };
  }

  const ids = (users: readonly UserRecord[]) => users.map((u) => u.id);

  it('users.inAgencies: whole records of those agencies only, in list’s order', async () => {
    const { a, b, people, everyone } = await county();
    const got = await store().repos.users.inAgencies([a, b]);
    expect(got).toEqual(everyone.filter((u) => u.agencySlug === a || u.agencySlug === b));
    expect(ids(got)).toEqual(ids([people.admin, people.sam1, people.sam2, people.zed, people.amy, people.emile]));
    expect(got[0]).toEqual(await store().repos.users.byId(people.admin.id));
  });

  it('users.inAgencies: roles narrow the agencies’ people; alsoIds adds people of any agency and role, each once', async () => {
    const { a, b, people, everyone } = await county();
    const r = store().repos;
    const dsls = await r.users.inAgencies([a, b], { roles: ['dsl'] });
    expect(ids(dsls)).toEqual(ids([people.sam1, people.zed, people.emile]));
    const withLead = await r.users.inAgencies([a, b], { roles: ['dsl'], alsoIds: [people.outsider.id, people.sam2.id, people.zed.id] });
    expect(ids(withLead)).toEqual(ids([people.outsider, people.sam1, people.sam2, people.zed, people.emile]));
    expect(withLead).toEqual(everyone.filter((u) => ids(withLead).includes(u.id)));
    // Not the outsider's fellow DSL: alsoIds adds those users, not their agencies.
    expect(ids(withLead)).not.toContain(people.outsiderDsl.id);
  });

  it('users.inAgencies: no agencies, no roles or unknown ones give nobody but alsoIds', async () => {
    const { a, people } = await county();
    const r = store().repos;
    expect(await r.users.inAgencies([])).toEqual([]);
    expect(await r.users.inAgencies([a], { roles: [] })).toEqual([]);
    expect(await r.users.inAgencies(['no-such-agency'], { alsoIds: ['no-such-user'] })).toEqual([]);
    expect(ids(await r.users.inAgencies([], { alsoIds: [people.amy.id] }))).toEqual([people.amy.id]);
  });
}
