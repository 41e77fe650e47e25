// In-app notifications for one user (added to a chronology, a break-glass grant to review, ...).
import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { notifications } from '../schema.js';
import type { RepoContext } from './context.js';

export type NotificationRecord = typeof notifications.$inferSelect;

export interface NewNotification {
  userId: string;
  chronologyId?: string | null;
  kind: string;
  message: string;
}

export function createNotificationsRepo({ db, now }: RepoContext) {
  const { orm } = db;
  const n = notifications;
  return {
    create(input: NewNotification): NotificationRecord {
      return orm
        .insert(n)
        .values({ id: randomUUID(), userId: input.userId, chronologyId: input.chronologyId ?? null, kind: input.kind, message: input.message, createdAt: now(), readAt: null })
        .returning()
        .get();
    },

    get(id: string): NotificationRecord | null {
      return orm.select().from(n).where(eq(n.id, id)).get() ?? null;
    },

    /** Newest first. */
    listForUser(userId: string, opts: { unreadOnly?: boolean; limit?: number } = {}): NotificationRecord[] {
      return orm
        .select()
        .from(n)
        .where(and(eq(n.userId, userId), opts.unreadOnly ? isNull(n.readAt) : undefined))
        .orderBy(desc(n.createdAt), desc(n.id))
        .limit(opts.limit ?? 100)
        .all();
    },

    unreadCount(userId: string): number {
      return orm.select({ c: count() }).from(n).where(and(eq(n.userId, userId), isNull(n.readAt))).get()?.c ?? 0;
    },

    /** Marks one of the user's notifications read; the user id keeps one user from touching another's. */
    markRead(id: string, userId: string): boolean {
      return orm.update(n).set({ readAt: now() }).where(and(eq(n.id, id), eq(n.userId, userId), isNull(n.readAt))).run().changes > 0;
    },

    markAllRead(userId: string): number {
      return orm.update(n).set({ readAt: now() }).where(and(eq(n.userId, userId), isNull(n.readAt))).run().changes;
    },
  };
}

export type NotificationsRepo = ReturnType<typeof createNotificationsRepo>;
