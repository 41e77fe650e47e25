// Actions (issue 15) on PostgreSQL, with the SQLite repository's behaviour (../repos/actions.ts): the
// action and each change's history record in one transaction; a change is applied to the row locked
// FOR UPDATE, so two changes at once never share a "before".
import { and, count, eq, lt, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { applyActionPatch, type ActionPatch } from '@mac/domain';
import { groupHistory, newActionRow, toAction, toActionChange, type ActionChangeRecord, type ActionRecord, type ActionUpdate, type NewAction } from '../repos/actions.js';
import type { PgExec } from './audit.js';
import { actionChanges, actions } from './schema.js';

const anyOf = (column: AnyColumn, values: readonly string[]): SQL => sql`${column} = any(${sql.param([...values])}::text[])`;
// Byte order, as SQLite sorts text: the same order whatever collation the database has.
const order = [sql`${actions.dueDate} collate "C" asc`, sql`${actions.createdAt} collate "C" asc`, sql`${actions.id} collate "C" asc`];

export function createPgActionsRepo(db: PgExec, now: () => string) {
  async function get(id: string, exec: PgExec = db): Promise<ActionRecord | null> {
    const [row] = await exec.select().from(actions).where(eq(actions.id, id));
    return row ? toAction(row) : null;
  }

  return {
    async create(input: NewAction): Promise<ActionRecord> {
      const at = now();
      const { row, changes } = newActionRow(input, at);
      return db.transaction(async (tx) => {
        await tx.insert(actions).values(row);
        await tx.insert(actionChanges).values({ actionId: row.id, chronologyId: row.chronologyId, at, by: input.createdBy, kind: 'create', changes });
        return toAction(row);
      });
    },

    get: (id: string) => get(id),

    async listForChronology(chronologyId: string): Promise<ActionRecord[]> {
      return (await db.select().from(actions).where(eq(actions.chronologyId, chronologyId)).orderBy(...order)).map(toAction);
    },

    async update(id: string, patch: ActionPatch, by: string): Promise<ActionUpdate | null> {
      return db.transaction(async (tx): Promise<ActionUpdate | null> => {
        const [row] = await tx.select().from(actions).where(eq(actions.id, id)).for('update');
        if (!row) return null;
        const before = toAction(row);
        const { next, changes } = applyActionPatch(before, patch);
        if (Object.keys(changes).length === 0) return { before, after: before, changes };
        const at = now();
        const after: ActionRecord = { ...next, updatedAt: at, updatedBy: by };
        await tx
          .update(actions)
          .set({ title: after.title, notes: after.notes, ownerAgency: after.ownerAgency, ownerUserId: after.ownerUserId, dueDate: after.dueDate, status: after.status, outcome: after.outcome, reason: after.reason, updatedAt: at, updatedBy: by })
          .where(eq(actions.id, id));
        await tx.insert(actionChanges).values({ actionId: id, chronologyId: before.chronologyId, at, by, kind: 'update', changes });
        return { before, after, changes };
      });
    },

    async history(actionId: string): Promise<ActionChangeRecord[]> {
      return (await db.select().from(actionChanges).where(eq(actionChanges.actionId, actionId)).orderBy(actionChanges.id)).map(toActionChange);
    },

    async historyForChronology(chronologyId: string): Promise<Map<string, ActionChangeRecord[]>> {
      return groupHistory(await db.select().from(actionChanges).where(eq(actionChanges.chronologyId, chronologyId)).orderBy(actionChanges.id));
    },

    async overdueCounts(chronologyIds: readonly string[], today: string): Promise<Record<string, number>> {
      const out: Record<string, number> = Object.fromEntries(chronologyIds.map((id) => [id, 0]));
      if (chronologyIds.length === 0) return out;
      const rows = await db
        .select({ chronologyId: actions.chronologyId, n: count() })
        .from(actions)
        .where(and(eq(actions.status, 'open'), lt(actions.dueDate, today), anyOf(actions.chronologyId, chronologyIds)))
        .groupBy(actions.chronologyId);
      for (const row of rows) out[row.chronologyId] = row.n;
      return out;
    },

    async listOverdue(today: string, chronologyIds?: readonly string[]): Promise<ActionRecord[]> {
      const where = and(eq(actions.status, 'open'), lt(actions.dueDate, today), chronologyIds === undefined ? undefined : anyOf(actions.chronologyId, chronologyIds));
      return (await db.select().from(actions).where(where).orderBy(...order)).map(toAction);
    },
  };
}
