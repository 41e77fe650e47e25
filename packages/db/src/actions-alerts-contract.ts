// The storage port's contract for actions and alerts (issue 15), run by store-contract.ts against every
// adapter: actions with their kept history, overdue counts, and alerts delivered all or none with the
// outbox's retries.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Store } from './port.js';

export interface ContractContext {
  store: () => Store;
  /** A lead and a chronology of two member agencies, new each call. */
  seed: () => Promise<{ lead: { id: string; email: string }; chronology: { id: string } }>;
  /** Moves the store's clock on (a second by default). */
  tick: (ms?: number) => void;
  clock: () => Date;
}

export function describeActionsAndAlertsContract({ store, seed, tick, clock }: ContractContext): void {
  describe('actions (issue 15)', () => {
    async function seedAction(dueDate: string, chronologyId?: string) {
      const { lead, chronology } = await seed();
      const id = chronologyId ?? chronology.id;
      const action = await store().repos.actions.create({
        chronologyId: id,
        title: 'Arrange a home visit',
        notes: 'Internal',
        ownerAgency: 'northway-primary',
        ownerUserId: lead.id,
        dueDate,
        source: 'entry',
        sourceRef: 'e1',
        entryIds: ['e1', 'e2'],
        createdBy: lead.id,
      });
      return { lead, chronology, action };
    }

    it('creates an open action with its first history record, and lists a chronology’s actions soonest due first', async () => {
      const { lead, chronology, action } = await seedAction('2024-06-10');
      expect(action).toMatchObject({ chronologyId: chronology.id, status: 'open', outcome: null, reason: null, entryIds: ['e1', 'e2'], createdBy: lead.id, updatedBy: lead.id });
      expect(await store().repos.actions.get(action.id)).toEqual(action);
      tick();
      const sooner = await store().repos.actions.create({ ...action, dueDate: '2024-06-01', createdBy: lead.id, entryIds: [] });
      expect((await store().repos.actions.listForChronology(chronology.id)).map((a) => a.id)).toEqual([sooner.id, action.id]);
      const history = await store().repos.actions.history(action.id);
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({ kind: 'create', by: lead.id, changes: { status: { from: null, to: 'open' }, dueDate: { from: null, to: '2024-06-10' } } });
    });

    it('a change is applied to the action as it stands and kept, who, when, before and after; a change to nothing writes nothing', async () => {
      const { lead, action } = await seedAction('2024-06-10');
      tick();
      const done = await store().repos.actions.update(action.id, { status: 'done', outcome: 'Visited on 9 June' }, 'u-school');
      expect(done?.changes).toEqual({ status: { from: 'open', to: 'done' }, outcome: { from: null, to: 'Visited on 9 June' } });
      expect(done?.after).toMatchObject({ status: 'done', outcome: 'Visited on 9 June', updatedBy: 'u-school', updatedAt: clock().toISOString() });
      expect(await store().repos.actions.update(action.id, { status: 'done', outcome: 'Visited on 9 June' }, lead.id)).toMatchObject({ changes: {} });
      expect(await store().repos.actions.update('no-such-action', { dueDate: '2024-07-01' }, lead.id)).toBeNull();
      const history = await store().repos.actions.history(action.id);
      expect(history.map((h) => [h.kind, h.by])).toEqual([['create', lead.id], ['update', 'u-school']]);
      expect(history[1]!.at).toBe(clock().toISOString());
    });

    it('counts overdue actions per chronology in one call (open, due before today), and lists them', async () => {
      const a = await seedAction('2024-06-09');
      const b = await seedAction('2024-06-10');
      await store().repos.actions.create({ ...a.action, dueDate: '2024-05-01', createdBy: a.lead.id });
      const closed = await store().repos.actions.create({ ...a.action, dueDate: '2024-05-01', createdBy: a.lead.id });
      await store().repos.actions.update(closed.id, { status: 'cancelled', reason: 'Not needed' }, a.lead.id);
      const counts = await store().repos.actions.overdueCounts([a.chronology.id, b.chronology.id, 'unknown'], '2024-06-10');
      expect(counts).toEqual({ [a.chronology.id]: 2, [b.chronology.id]: 0, unknown: 0 });
      expect(await store().repos.actions.overdueCounts([], '2024-06-10')).toEqual({});
      const overdue = await store().repos.actions.listOverdue('2024-06-10', [a.chronology.id, b.chronology.id]);
      expect(overdue.map((x) => x.dueDate)).toEqual(['2024-05-01', '2024-06-09']);
      expect((await store().repos.actions.listOverdue('2024-06-10')).every((x) => x.status === 'open' && x.dueDate < '2024-06-10')).toBe(true);
    });

    it('an owner who is not a user, or an agency that does not exist, is refused and writes nothing', async () => {
      const { chronology, lead, action } = await seedAction('2024-06-10');
      await expect(store().repos.actions.create({ ...action, ownerUserId: 'nobody', createdBy: lead.id })).rejects.toThrow();
      await expect(store().repos.actions.create({ ...action, ownerAgency: 'nowhere', createdBy: lead.id })).rejects.toThrow();
      expect(await store().repos.actions.listForChronology(chronology.id)).toHaveLength(1);
    });

    it('disposing of a chronology removes its actions and their history', async () => {
      const { chronology, action } = await seedAction('2024-06-10');
      expect(await store().repos.chronologies.dispose(chronology.id)).toBeGreaterThan(0);
      expect(await store().repos.actions.get(action.id)).toBeNull();
      expect(await store().repos.actions.history(action.id)).toEqual([]);
    });
  });

  describe('alerts (issue 15)', () => {
    const line = (n: number) => ({ kind: 'entry' as const, count: n, initials: 'A.E.', link: `https://mac.example/chronologies/${n}` });

    it('deliver writes notifications, outbox emails and states in one transaction; a failing alert leaves nothing', async () => {
      const { lead, chronology } = await seed();
      const alert = (userId: string, dueAt: string) => ({
        notification: { userId, chronologyId: chronology.id, kind: 'alert-entry', message: 'Thames Valley Police recorded 1 new entry' },
        email: { toAddress: lead.email, delivery: 'immediate' as const, line: line(1), dueAt },
      });
      const state = { chronologyId: chronology.id, userId: lead.id, subject: 'episodes', state: [{ id: 'e1', entryIds: ['a', 'b'] }] };
      // The second alert names a user that does not exist (a foreign key): nothing of the first stays either.
      await expect(store().repos.alerts.deliver({ alerts: [alert(lead.id, clock().toISOString()), alert(`missing-${randomUUID()}`, clock().toISOString())], states: [state] })).rejects.toThrow();
      expect(await store().repos.notifications.listForUser(lead.id)).toEqual([]);
      expect(await store().repos.alerts.emailsFor(lead.id)).toEqual([]);
      expect(await store().repos.alerts.state(chronology.id, lead.id, 'episodes')).toBeNull();

      expect(await store().repos.alerts.deliver({ alerts: [alert(lead.id, clock().toISOString())], states: [state] })).toBe(1);
      expect(await store().repos.notifications.listForUser(lead.id)).toHaveLength(1);
      expect(await store().repos.alerts.state(chronology.id, lead.id, 'episodes')).toEqual(state.state);
      const [email] = await store().repos.alerts.emailsFor(lead.id);
      expect(email).toMatchObject({ toAddress: lead.email, delivery: 'immediate', line: line(1), attempts: 0, sentAt: null, lastError: null });
      // A state is replaced, never duplicated.
      await store().repos.alerts.deliver({ alerts: [], states: [{ ...state, state: [] }] });
      expect(await store().repos.alerts.state(chronology.id, lead.id, 'episodes')).toEqual([]);
    });

    it('the outbox: due emails only, a failure waits for its retry, a sent email is not due again; preferences round-trip', async () => {
      const { lead, chronology } = await seed();
      const now = clock().toISOString();
      const later = new Date(clock().getTime() + 3_600_000).toISOString();
      const mk = (dueAt: string, n: number) => ({
        notification: { userId: lead.id, chronologyId: chronology.id, kind: 'alert-entry', message: `m${n}` },
        email: { toAddress: lead.email, delivery: n === 2 ? ('digest' as const) : ('immediate' as const), line: line(n), dueAt },
      });
      await store().repos.alerts.deliver({ alerts: [mk(now, 1), mk(later, 2)], states: [] });
      const mine = async (at: string) => (await store().repos.alerts.dueEmails(at)).filter((r) => r.userId === lead.id);
      const due = await mine(now);
      expect(due.map((r) => r.line.count)).toEqual([1]);
      expect(await store().repos.alerts.markFailed([due[0]!.id], 'refused', later)).toBe(1);
      expect(await mine(now)).toEqual([]);
      const retry = await mine(later);
      expect(retry.map((r) => [r.line.count, r.attempts, r.lastError]).sort()).toEqual([[1, 1, 'refused'], [2, 0, null]]);
      expect(await store().repos.alerts.markSent(retry.map((r) => r.id), later)).toBe(2);
      expect(await mine(new Date(clock().getTime() + 86_400_000).toISOString())).toEqual([]);
      expect(await store().repos.alerts.markSent(retry.map((r) => r.id), later)).toBe(0);

      expect(await store().repos.alerts.preferences(lead.id)).toBeNull();
      const prefs = { episodes: { follow: false, frequency: 'digest' as const }, entries: { categories: ['injury'], frequency: 'immediate' as const }, actions: { follow: true, frequency: 'digest' as const } };
      await store().repos.alerts.setPreferences(lead.id, prefs);
      await store().repos.alerts.setPreferences(lead.id, { ...prefs, entries: { categories: ['injury', 'neglect'], frequency: 'digest' } });
      expect(await store().repos.alerts.preferences(lead.id)).toEqual({ ...prefs, entries: { categories: ['injury', 'neglect'], frequency: 'digest' } });
      expect([...(await store().repos.alerts.preferencesOf([lead.id, 'nobody'])).keys()]).toEqual([lead.id]);
    });

    it('stateTextsOf reads several people’s states at once, as JSON text: each their own, on this chronology and subject only', async () => {
      const { lead, chronology } = await seed();
      const other = await seed();
      const dsl = await store().repos.users.create({ email: `dsl-${randomUUID()}@northway.example`, name: 'Dana DSL', role: 'dsl', agency: 'northway-primary', passwordHash: null });
      await store().repos.alerts.deliver({
        alerts: [],
        states: [
          { chronologyId: chronology.id, userId: lead.id, subject: 'episodes', state: [{ id: 'e1', entryIds: ['a'] }] },
          { chronologyId: chronology.id, userId: dsl.id, subject: 'episodes', state: [] },
          { chronologyId: chronology.id, userId: lead.id, subject: 'actions', state: { a1: '2024-06-10' } },
          { chronologyId: other.chronology.id, userId: dsl.id, subject: 'episodes', state: [{ id: 'e9', entryIds: ['z'] }] },
        ],
      });
      const texts = await store().repos.alerts.stateTextsOf(chronology.id, [lead.id, dsl.id, other.lead.id], 'episodes');
      expect([...texts.keys()].sort()).toEqual([lead.id, dsl.id].sort());
      for (const text of texts.values()) expect(typeof text).toBe('string');
      // Each, parsed, as `state` reads it one at a time (the spacing is the backend's own).
      expect(new Map([...texts].map(([userId, text]) => [userId, JSON.parse(text) as unknown]))).toEqual(new Map<string, unknown>([[lead.id, [{ id: 'e1', entryIds: ['a'] }]], [dsl.id, []]]));
      for (const userId of [lead.id, dsl.id, other.lead.id]) {
        const text = texts.get(userId);
        expect(text === undefined ? null : JSON.parse(text)).toEqual(await store().repos.alerts.state(chronology.id, userId, 'episodes'));
      }
      expect(JSON.parse((await store().repos.alerts.stateTextsOf(chronology.id, [lead.id], 'actions')).get(lead.id)!)).toEqual({ a1: '2024-06-10' });
      expect(await store().repos.alerts.stateTextsOf(chronology.id, [], 'episodes')).toEqual(new Map());
    });
  });
}
