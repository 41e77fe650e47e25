import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, seedChronology, type TestDatabase } from '../testing.js';

let t: TestDatabase;
let clock: Date;
let userId: string;
let chronologyId: string;
beforeEach(() => {
  clock = new Date('2024-06-01T10:00:00.000Z');
  t = openTestDatabase({ now: () => clock });
  const seeded = seedChronology(t.repos);
  userId = seeded.lead.id;
  chronologyId = seeded.chronology.id;
});
afterEach(() => t.cleanup());

describe('notifications', () => {
  it('creates, lists newest first, counts unread and marks read for the owner only', () => {
    const first = t.repos.notifications.create({ userId, chronologyId, kind: 'member-added', message: 'Your agency was added to a chronology' });
    clock = new Date('2024-06-02T10:00:00.000Z');
    const second = t.repos.notifications.create({ userId, kind: 'break-glass-review', message: 'A break-glass grant awaits review' });
    expect(first).toMatchObject({ userId, chronologyId, readAt: null, createdAt: '2024-06-01T10:00:00.000Z' });
    expect(second.chronologyId).toBeNull();
    expect(t.repos.notifications.get(first.id)).toEqual(first);
    expect(t.repos.notifications.listForUser(userId).map((n) => n.id)).toEqual([second.id, first.id]);
    expect(t.repos.notifications.unreadCount(userId)).toBe(2);

    expect(t.repos.notifications.markRead(first.id, 'another-user')).toBe(false);
    expect(t.repos.notifications.markRead(first.id, userId)).toBe(true);
    expect(t.repos.notifications.unreadCount(userId)).toBe(1);
    expect(t.repos.notifications.listForUser(userId, { unreadOnly: true }).map((n) => n.id)).toEqual([second.id]);
    expect(t.repos.notifications.markAllRead(userId)).toBe(1);
    expect(t.repos.notifications.unreadCount(userId)).toBe(0);
  });

  it('refuses a notification for an unknown user', () => {
    expect(() => t.repos.notifications.create({ userId: 'ghost', kind: 'k', message: 'm' })).toThrow(/FOREIGN KEY/);
  });
});
