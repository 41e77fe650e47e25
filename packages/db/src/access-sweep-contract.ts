// The storage port's contract for what the access sweep reads twice a second for every live connection
// (the server's access-sweep.ts), run by store-contract.ts against every adapter: exactly what each session's
// liveness and each chronology's access is decided on, as the single reads give it, and nothing more.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { Store } from './port.js';
import type { ChronologyRecord } from './repos/chronologies.js';
import type { UserRecord } from './repos/users.js';

export function describeAccessSweepContract({ store, seed, clock }: { store: () => Store; seed: () => Promise<{ chronology: ChronologyRecord; lead: UserRecord }>; clock: () => Date }): void {
  it('chronologies.accessOf: what access to each named chronology that exists is decided on, grants running at `at` only', async () => {
    const { chronology, lead } = await seed();
    const r = store().repos;
    const other = await r.chronologies.create({ child: { givenName: 'Other', familyName: 'Child' }, leadUserId: lead.id, memberAgencies: ['northway-primary'], addedBy: lead.id });
    const grantee = await r.users.create({ email: `g-${randomUUID()}@x.example`, name: 'Gus', role: 'practitioner', agency: 'thames-valley-police', passwordHash: null });
    await r.breakGlass.create({ chronologyId: other.id, userId: grantee.id, reason: 'r', expiresAt: new Date(clock().getTime() + 3_600_000).toISOString() });
    const at = clock().toISOString();
    await r.chronologies.addMember(other.id, 'thames-valley-police', lead.id);
    const many = await r.chronologies.accessOf([other.id, 'missing', chronology.id, other.id], at);
    const byId = new Map(many.map((a) => [a.id, a]));
    expect(many).toHaveLength(2);
    // As `access` reads it, cut down to what is decided on: nothing of the child.
    for (const id of [chronology.id, other.id]) {
      const whole = (await r.chronologies.access(id, at))!;
      expect(byId.get(id)).toEqual({ id, leadUserId: whole.record.leadUserId, memberAgencies: whole.record.memberAgencies, readOnlyGrants: whole.readOnlyGrants });
    }
    expect(byId.get(other.id)!.memberAgencies).toEqual(['northway-primary', 'thames-valley-police']);
    expect(byId.get(other.id)!.readOnlyGrants).toEqual([grantee.id]);
    const later = new Date(clock().getTime() + 7_200_000).toISOString();
    expect((await r.chronologies.accessOf([other.id], later))[0]!.readOnlyGrants).toEqual([]);
    expect(await r.chronologies.accessOf([], at)).toEqual([]);
  });

  it('sessions.livenessOf: for each named session that exists, what decides its liveness, as getWithUser gives it', async () => {
    const { lead } = await seed();
    const r = store().repos;
    const other = await r.users.create({ email: `s-${randomUUID()}@x.example`, name: 'Sam', role: 'practitioner', agency: 'thames-valley-police', passwordHash: null });
    const [a, b] = [randomUUID(), randomUUID()];
    await r.sessions.create({ idHash: a, userId: lead.id, expiresAt: '2999-01-01T00:00:00.000Z', ip: null, userAgent: null });
    await r.sessions.create({ idHash: b, userId: other.id, expiresAt: '2999-01-01T00:00:00.000Z', ip: null, userAgent: null });
    await r.sessions.revoke(b);
    await r.users.setDisabled(other.id, true);
    const many = await r.sessions.livenessOf([b, 'missing', a]);
    expect(many).toHaveLength(2);
    const byHash = new Map(many.map((m) => [m.session.idHash, m]));
    for (const hash of [a, b]) {
      const whole = (await r.sessions.getWithUser(hash))!;
      expect(byHash.get(hash)).toEqual({
        session: { idHash: whole.session.idHash, revokedAt: whole.session.revokedAt, expiresAt: whole.session.expiresAt, lastSeenAt: whole.session.lastSeenAt },
        user: { disabled: whole.user.disabled, approvedAt: whole.user.approvedAt },
      });
    }
    expect(byHash.get(b)!.session.revokedAt).not.toBeNull();
    expect(byHash.get(b)!.user.disabled).toBe(true);
    expect(byHash.get(a)!.user.disabled).toBe(false);
    // Nothing else of the account: no password hash, no second factor.
    expect(Object.keys(byHash.get(a)!.user).sort()).toEqual(['approvedAt', 'disabled']);
    expect(await r.sessions.livenessOf([])).toEqual([]);
  });
}
