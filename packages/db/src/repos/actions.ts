// Actions (issue 15) and their history. An action row is the action as it stands; each creation and
// change appends one `action_changes` row in the same transaction (who, when, each field before and
// after), and nothing here updates or deletes a change. Who may create or change an action, and what
// a valid one is, is decided by the caller (packages/domain actions.ts); the patch is applied here,
// inside the transaction, so two changes at once never compute their "before" from the same row.
import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, lt, sql } from 'drizzle-orm';
import { applyActionPatch, type ActionItem, type ActionChange, type ActionPatch, type ActionSource } from '@mac/domain';
import { actionChanges, actions } from '../schema.js';
import { inList, inListPlaceholder, type RepoContext } from './context.js';
import { lazySelect } from './direct-select.js';

export type ActionRecord = ActionItem;
export type ActionChangeRecord = ActionChange;

export interface NewAction {
  chronologyId: string;
  title: string;
  notes: string;
  ownerAgency: string;
  ownerUserId: string;
  dueDate: string;
  source: ActionSource;
  sourceRef: string;
  entryIds: readonly string[];
  createdBy: string;
}

/** A change as stored: the action before and after, and what changed (empty when the patch changed nothing). */
export interface ActionUpdate {
  before: ActionRecord;
  after: ActionRecord;
  changes: ActionChange['changes'];
}

type ActionRow = typeof actions.$inferSelect;
type ChangeRow = typeof actionChanges.$inferSelect;

export const toAction = (row: ActionRow): ActionRecord => ({
  id: row.id,
  chronologyId: row.chronologyId,
  title: row.title,
  notes: row.notes,
  ownerAgency: row.ownerAgency,
  ownerUserId: row.ownerUserId,
  dueDate: row.dueDate,
  status: row.status,
  outcome: row.outcome,
  reason: row.reason,
  source: row.source,
  sourceRef: row.sourceRef,
  entryIds: row.entryIds,
  createdAt: row.createdAt,
  createdBy: row.createdBy,
  updatedAt: row.updatedAt,
  updatedBy: row.updatedBy,
});

export const toActionChange = (row: ChangeRow): ActionChangeRecord => ({ actionId: row.actionId, at: row.at, by: row.by, kind: row.kind, changes: row.changes });

/** The action row a creation writes, and its first history record (every field, from nothing). */
export function newActionRow(input: NewAction, at: string): { row: ActionRow; changes: ActionChange['changes'] } {
  const row: ActionRow = {
    id: randomUUID(),
    chronologyId: input.chronologyId,
    title: input.title,
    notes: input.notes,
    ownerAgency: input.ownerAgency,
    ownerUserId: input.ownerUserId,
    dueDate: input.dueDate,
    status: 'open',
    outcome: null,
    reason: null,
    source: input.source,
    sourceRef: input.sourceRef,
    entryIds: [...input.entryIds],
    createdAt: at,
    createdBy: input.createdBy,
    updatedAt: at,
    updatedBy: input.createdBy,
  };
  const changes: ActionChange['changes'] = {};
  for (const field of ['title', 'notes', 'ownerAgency', 'ownerUserId', 'dueDate', 'status', 'source', 'sourceRef', 'entryIds'] as const) changes[field] = { from: null, to: row[field] };
  return { row, changes };
}

/** Changes by action id, in the order given (oldest first). */
export function groupHistory(rows: readonly ChangeRow[]): Map<string, ActionChangeRecord[]> {
  const out = new Map<string, ActionChangeRecord[]>();
  for (const row of rows) {
    const list = out.get(row.actionId);
    if (list) list.push(toActionChange(row));
    else out.set(row.actionId, [toActionChange(row)]);
  }
  return out;
}

export const actionOrder = [asc(actions.dueDate), asc(actions.createdAt), asc(actions.id)];

export function createActionsRepo({ db, now }: RepoContext) {
  const { orm } = db;
  // The chronology view's actions and the caseload's overdue figures: built once, run directly (direct-select.ts).
  // The overdue counts by actions_chronology_idx (`+status`: not by actions_open_due_idx), so a page's
  // figures cost its own chronologies' actions, not every overdue action of the county: bench:raw-reads,
  // 15,000 actions, 10,000 of them overdue: 3,347 -> 381 µs for 50 chronologies (built once alone: -> 2,569).
  const selectForChronology = lazySelect<ActionRow>(() => orm.select().from(actions).where(eq(actions.chronologyId, sql.placeholder('chronologyId'))).orderBy(...actionOrder).prepare());
  const selectOverdueCounts = lazySelect<{ chronologyId: string; n: number }>(() =>
    orm
      .select({ chronologyId: actions.chronologyId, n: count() })
      .from(actions)
      .where(and(sql`+${actions.status} = 'open'`, lt(actions.dueDate, sql.placeholder('today')), inListPlaceholder(actions.chronologyId, 'ids')))
      .groupBy(actions.chronologyId)
      .prepare(),
  );

  function get(id: string): ActionRecord | null {
    const row = orm.select().from(actions).where(eq(actions.id, id)).get();
    return row ? toAction(row) : null;
  }

  return {
    /** The action and its first history record, in one transaction. */
    create(input: NewAction): ActionRecord {
      const at = now();
      const { row, changes } = newActionRow(input, at);
      return db.tx(() => {
        orm.insert(actions).values(row).run();
        orm.insert(actionChanges).values({ actionId: row.id, chronologyId: row.chronologyId, at, by: input.createdBy, kind: 'create', changes }).run();
        return toAction(row);
      });
    },

    get,

    /** The chronology's actions, soonest due first. */
    listForChronology(chronologyId: string): ActionRecord[] {
      return selectForChronology.all({ chronologyId }).map(toAction);
    },

    /**
     * Applies the patch to the action as it is now and appends the change, in one transaction; null for
     * an unknown action. A patch that changes nothing writes nothing.
     */
    update(id: string, patch: ActionPatch, by: string): ActionUpdate | null {
      return db.tx((): ActionUpdate | null => {
        const before = get(id);
        if (!before) return null;
        const { next, changes } = applyActionPatch(before, patch);
        if (Object.keys(changes).length === 0) return { before, after: before, changes };
        const at = now();
        const after: ActionRecord = { ...next, updatedAt: at, updatedBy: by };
        orm
          .update(actions)
          .set({ title: after.title, notes: after.notes, ownerAgency: after.ownerAgency, ownerUserId: after.ownerUserId, dueDate: after.dueDate, status: after.status, outcome: after.outcome, reason: after.reason, updatedAt: at, updatedBy: by })
          .where(eq(actions.id, id))
          .run();
        orm.insert(actionChanges).values({ actionId: id, chronologyId: before.chronologyId, at, by, kind: 'update', changes }).run();
        return { before, after, changes };
      });
    },

    /** Every change of the action, oldest first (its creation first). */
    history(actionId: string): ActionChangeRecord[] {
      return orm.select().from(actionChanges).where(eq(actionChanges.actionId, actionId)).orderBy(asc(actionChanges.id)).all().map(toActionChange);
    },

    /** Every change of every action of the chronology, by action id, each oldest first (one query). */
    historyForChronology(chronologyId: string): Map<string, ActionChangeRecord[]> {
      return groupHistory(orm.select().from(actionChanges).where(eq(actionChanges.chronologyId, chronologyId)).orderBy(asc(actionChanges.id)).all());
    },

    /**
     * Open actions due before `today` (YYYY-MM-DD, the partnership's day), per chronology, 0 for none:
     * ONE grouped query for the whole caseload, not one per chronology.
     */
    overdueCounts(chronologyIds: readonly string[], today: string): Record<string, number> {
      const out: Record<string, number> = Object.fromEntries(chronologyIds.map((id) => [id, 0]));
      if (chronologyIds.length === 0) return out;
      for (const row of selectOverdueCounts.all({ today, ids: JSON.stringify(chronologyIds) })) out[row.chronologyId] = row.n;
      return out;
    },

    /** Open actions due before `today`, longest overdue first: of the given chronologies, or of all of them. */
    listOverdue(today: string, chronologyIds?: readonly string[]): ActionRecord[] {
      const where = and(eq(actions.status, 'open'), lt(actions.dueDate, today), chronologyIds === undefined ? undefined : inList(actions.chronologyId, chronologyIds));
      return orm.select().from(actions).where(where).orderBy(...actionOrder).all().map(toAction);
    },
  };
}

export type SqliteActionsRepo = ReturnType<typeof createActionsRepo>;
