// Alerts (issue 15): each person's preferences, the email outbox and what each person was last told about
// a chronology. `deliver` writes a batch of alerts (the in-app notification, its email in the outbox) and
// the new "last told" states in ONE transaction: an alert is never shown in the app and lost for email,
// and a state never says someone was told when the telling was not stored. Who is alerted, and what an
// alert says, is decided by the server and @mac/domain alerts.ts, not here.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import type { AlertLine, AlertPreferences } from '@mac/domain';
import { alertOutbox, alertPreferences, alertState, notifications } from '../schema.js';
import { inList, inListPlaceholder, type RepoContext } from './context.js';
import type { NewNotification } from './notifications.js';
import { lazySelect } from './direct-select.js';

export interface OutboxRecord {
  id: string;
  userId: string;
  toAddress: string;
  chronologyId: string | null;
  delivery: 'immediate' | 'digest';
  line: AlertLine;
  createdAt: string;
  dueAt: string;
  attempts: number;
  nextAttemptAt: string;
  sentAt: string | null;
  lastError: string | null;
}

/** One alert: its in-app notification, and its email when email is configured and the person has an address. */
export interface NewAlert {
  notification: NewNotification;
  email: { toAddress: string; delivery: 'immediate' | 'digest'; line: AlertLine; dueAt: string } | null;
}

/** What a person was last told about a chronology (subject 'episodes', 'actions', …). */
export interface AlertStateWrite {
  chronologyId: string;
  userId: string;
  subject: string;
  state: unknown;
}

export interface AlertDelivery {
  alerts: readonly NewAlert[];
  states: readonly AlertStateWrite[];
}

type PreferenceRow = typeof alertPreferences.$inferSelect;

export function preferencesOfRow(row: PreferenceRow): AlertPreferences {
  return {
    episodes: { follow: row.episodesFollow, frequency: row.episodesFrequency as AlertPreferences['episodes']['frequency'] },
    entries: { categories: row.entryCategories, frequency: row.entriesFrequency as AlertPreferences['entries']['frequency'] },
    actions: { follow: row.actionsFollow, frequency: row.actionsFrequency as AlertPreferences['actions']['frequency'] },
  };
}

export function rowOfPreferences(userId: string, p: AlertPreferences, updatedAt: string): PreferenceRow {
  return {
    userId,
    episodesFollow: p.episodes.follow,
    episodesFrequency: p.episodes.frequency,
    entryCategories: [...p.entries.categories],
    entriesFrequency: p.entries.frequency,
    actionsFollow: p.actions.follow,
    actionsFrequency: p.actions.frequency,
    updatedAt,
  };
}

export function outboxRowOf(userId: string, chronologyId: string | null, email: NonNullable<NewAlert['email']>, createdAt: string) {
  return {
    id: randomUUID(),
    userId,
    toAddress: email.toAddress,
    chronologyId,
    delivery: email.delivery,
    line: email.line as unknown as Record<string, unknown>,
    createdAt,
    dueAt: email.dueAt,
    attempts: 0,
    nextAttemptAt: email.dueAt,
    sentAt: null,
    lastError: null,
  };
}

export function toOutboxRecord(row: typeof alertOutbox.$inferSelect): OutboxRecord {
  return { ...row, line: row.line as unknown as AlertLine };
}

export function createAlertsRepo({ db, now }: RepoContext) {
  const { orm } = db;
  // What a chronology's recipients were last told, read by every alert pass: built once, run directly (direct-select.ts).
  const selectState = lazySelect<{ state: unknown }>(() =>
    orm
      .select({ state: alertState.state })
      .from(alertState)
      .where(and(eq(alertState.chronologyId, sql.placeholder('chronologyId')), eq(alertState.userId, sql.placeholder('userId')), eq(alertState.subject, sql.placeholder('subject'))))
      .prepare(),
  );
  const selectStateTexts = lazySelect<{ userId: string; state: string }>(() =>
    orm
      // The column's text, not decoded (ports.ts stateTextsOf).
      .select({ userId: alertState.userId, state: sql<string>`${alertState.state}` })
      .from(alertState)
      .where(and(eq(alertState.chronologyId, sql.placeholder('chronologyId')), inListPlaceholder(alertState.userId, 'ids'), eq(alertState.subject, sql.placeholder('subject'))))
      .prepare(),
  );
  return {
    preferences(userId: string): AlertPreferences | null {
      const row = orm.select().from(alertPreferences).where(eq(alertPreferences.userId, userId)).get();
      return row ? preferencesOfRow(row) : null;
    },

    /** The chosen preferences of these people, by user id (no entry: they chose nothing). */
    preferencesOf(userIds: readonly string[]): Map<string, AlertPreferences> {
      if (userIds.length === 0) return new Map();
      const rows = orm.select().from(alertPreferences).where(inList(alertPreferences.userId, userIds)).all();
      return new Map(rows.map((row) => [row.userId, preferencesOfRow(row)]));
    },

    setPreferences(userId: string, preferences: AlertPreferences): AlertPreferences {
      const row = rowOfPreferences(userId, preferences, now());
      const { userId: _key, ...rest } = row;
      orm.insert(alertPreferences).values(row).onConflictDoUpdate({ target: alertPreferences.userId, set: rest }).run();
      return preferences;
    },

    /** What the person was last told about the chronology on this subject, or null when never. */
    state(chronologyId: string, userId: string, subject: string): unknown {
      const row = selectState.get({ chronologyId, userId, subject });
      return row === undefined ? null : row.state;
    },

    /** Notifications, emails and states in ONE transaction. Returns how many alerts it wrote. */
    deliver(batch: AlertDelivery): number {
      return db.tx(() => {
        const at = now();
        for (const alert of batch.alerts) {
          const n = alert.notification;
          orm.insert(notifications).values({ id: randomUUID(), userId: n.userId, chronologyId: n.chronologyId ?? null, kind: n.kind, message: n.message, createdAt: at, readAt: null }).run();
          if (alert.email !== null) orm.insert(alertOutbox).values(outboxRowOf(n.userId, n.chronologyId ?? null, alert.email, at)).run();
        }
        for (const s of batch.states) {
          orm
            .insert(alertState)
            .values({ ...s, state: s.state, updatedAt: at })
            .onConflictDoUpdate({ target: [alertState.chronologyId, alertState.userId, alertState.subject], set: { state: s.state, updatedAt: at } })
            .run();
        }
        return batch.alerts.length;
      });
    },

    /** Emails not yet sent that are due and not waiting for a retry at `at`, oldest first. */
    dueEmails(at: string, limit = 200): OutboxRecord[] {
      return orm
        .select()
        .from(alertOutbox)
        .where(and(isNull(alertOutbox.sentAt), lte(alertOutbox.dueAt, at), lte(alertOutbox.nextAttemptAt, at)))
        .orderBy(asc(alertOutbox.createdAt), asc(alertOutbox.id))
        .limit(limit)
        .all()
        .map(toOutboxRecord);
    },

    /** Every email of one person, oldest first (operators and tests). */
    emailsFor(userId: string): OutboxRecord[] {
      return orm.select().from(alertOutbox).where(eq(alertOutbox.userId, userId)).orderBy(asc(alertOutbox.createdAt), asc(alertOutbox.id)).all().map(toOutboxRecord);
    },

    markSent(ids: readonly string[], at: string): number {
      if (ids.length === 0) return 0;
      return orm.update(alertOutbox).set({ sentAt: at, lastError: null }).where(and(inList(alertOutbox.id, ids), isNull(alertOutbox.sentAt))).run().changes;
    },

    /** One more failed attempt: kept, to be tried again at `retryAt`. */
    markFailed(ids: readonly string[], error: string, retryAt: string): number {
      if (ids.length === 0) return 0;
      return orm
        .update(alertOutbox)
        .set({ attempts: sql`${alertOutbox.attempts} + 1`, lastError: error.slice(0, 500), nextAttemptAt: retryAt })
        .where(and(inList(alertOutbox.id, ids), isNull(alertOutbox.sentAt)))
        .run().changes;
    },

    /** What each of these people was last told about the chronology on this subject, as stored JSON text, by user id (none: never). */
    stateTextsOf(chronologyId: string, userIds: readonly string[], subject: string): Map<string, string> {
      if (userIds.length === 0) return new Map();
      const rows = selectStateTexts.all({ chronologyId, ids: JSON.stringify(userIds), subject });
      return new Map(rows.map((row) => [row.userId, row.state]));
    },
  };
}

export type SqliteAlertsRepo = ReturnType<typeof createAlertsRepo>;
