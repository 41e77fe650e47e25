// Alerts (issue 15) on PostgreSQL, with the SQLite repository's behaviour (../repos/alerts.ts): `deliver`
// writes the notifications, their outbox emails and the new "last told" states in ONE transaction.
import { randomUUID } from 'node:crypto';
import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import type { AlertPreferences } from '@mac/domain';
import { outboxRowOf, preferencesOfRow, rowOfPreferences, toOutboxRecord, type AlertDelivery, type OutboxRecord } from '../repos/alerts.js';
import type { PgExec } from './audit.js';
import { alertOutbox, alertPreferences, alertState, notifications } from './schema.js';

const anyId = (column: typeof alertOutbox.id | typeof alertPreferences.userId, values: readonly string[]) => sql`${column} = any(${sql.param([...values])}::text[])`;
const changed = (result: { rowCount: number | null }) => result.rowCount ?? 0;
/** Byte order, as SQLite's BINARY collation sorts. */
const ascC = (column: typeof alertOutbox.createdAt | typeof alertOutbox.id) => sql`${column} collate "C" asc`;

export function createPgAlertsRepo(db: PgExec, now: () => string) {
  return {
    async preferences(userId: string): Promise<AlertPreferences | null> {
      const [row] = await db.select().from(alertPreferences).where(eq(alertPreferences.userId, userId));
      return row ? preferencesOfRow(row) : null;
    },

    async preferencesOf(userIds: readonly string[]): Promise<Map<string, AlertPreferences>> {
      if (userIds.length === 0) return new Map();
      const rows = await db.select().from(alertPreferences).where(anyId(alertPreferences.userId, userIds));
      return new Map(rows.map((row) => [row.userId, preferencesOfRow(row)]));
    },

    async setPreferences(userId: string, preferences: AlertPreferences): Promise<AlertPreferences> {
      const row = rowOfPreferences(userId, preferences, now());
      const { userId: _key, ...rest } = row;
      await db.insert(alertPreferences).values(row).onConflictDoUpdate({ target: alertPreferences.userId, set: rest });
      return preferences;
    },

    async state(chronologyId: string, userId: string, subject: string): Promise<unknown> {
      const [row] = await db
        .select({ state: alertState.state })
        .from(alertState)
        .where(and(eq(alertState.chronologyId, chronologyId), eq(alertState.userId, userId), eq(alertState.subject, subject)));
      return row === undefined ? null : row.state;
    },

    async deliver(batch: AlertDelivery): Promise<number> {
      return db.transaction(async (tx) => {
        const at = now();
        for (const alert of batch.alerts) {
          const n = alert.notification;
          await tx.insert(notifications).values({ id: randomUUID(), userId: n.userId, chronologyId: n.chronologyId ?? null, kind: n.kind, message: n.message, createdAt: at, readAt: null });
          if (alert.email !== null) await tx.insert(alertOutbox).values(outboxRowOf(n.userId, n.chronologyId ?? null, alert.email, at));
        }
        for (const s of batch.states) {
          await tx
            .insert(alertState)
            .values({ ...s, state: s.state, updatedAt: at })
            .onConflictDoUpdate({ target: [alertState.chronologyId, alertState.userId, alertState.subject], set: { state: s.state, updatedAt: at } });
        }
        return batch.alerts.length;
      });
    },

    async dueEmails(at: string, limit = 200): Promise<OutboxRecord[]> {
      const rows = await db
        .select()
        .from(alertOutbox)
        .where(and(isNull(alertOutbox.sentAt), lte(alertOutbox.dueAt, at), lte(alertOutbox.nextAttemptAt, at)))
        .orderBy(ascC(alertOutbox.createdAt), ascC(alertOutbox.id))
        .limit(limit);
      return rows.map(toOutboxRecord);
    },

    async emailsFor(userId: string): Promise<OutboxRecord[]> {
      const rows = await db.select().from(alertOutbox).where(eq(alertOutbox.userId, userId)).orderBy(ascC(alertOutbox.createdAt), ascC(alertOutbox.id));
      return rows.map(toOutboxRecord);
    },

    async markSent(ids: readonly string[], at: string): Promise<number> {
      if (ids.length === 0) return 0;
      return changed(await db.update(alertOutbox).set({ sentAt: at, lastError: null }).where(and(anyId(alertOutbox.id, ids), isNull(alertOutbox.sentAt))));
    },

    async markFailed(ids: readonly string[], error: string, retryAt: string): Promise<number> {
      if (ids.length === 0) return 0;
      return changed(
        await db
          .update(alertOutbox)
          .set({ attempts: sql`${alertOutbox.attempts} + 1`, lastError: error.slice(0, 500), nextAttemptAt: retryAt })
          .where(and(anyId(alertOutbox.id, ids), isNull(alertOutbox.sentAt))),
      );
    },

    async stateTextsOf(chronologyId: string, userIds: readonly string[], subject: string): Promise<Map<string, string>> {
      if (userIds.length === 0) return new Map();
      const rows = await db
        // jsonb as text (PostgreSQL's own spacing), not decoded (port-repos.ts stateTextsOf).
        .select({ userId: alertState.userId, state: sql<string>`${alertState.state}::text` })
        .from(alertState)
        .where(and(eq(alertState.chronologyId, chronologyId), sql`${alertState.userId} = any(${sql.param([...userIds])}::text[])`, eq(alertState.subject, subject)));
      return new Map(rows.map((row) => [row.userId, row.state]));
    },
  };
}
