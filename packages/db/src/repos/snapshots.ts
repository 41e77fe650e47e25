// Snapshots: the shared document as it stood at a moment (a conference, say), kept so that what was
// presented can be shown again exactly.
import { randomUUID } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import { snapshots } from '../schema.js';
import { toBlob, toBytes, type RepoContext } from './context.js';

export interface SnapshotRecord {
  id: string;
  chronologyId: string;
  label: string;
  takenAt: string;
  takenBy: string;
  /** Y.encodeStateAsUpdate of the shared document. */
  sharedState: Uint8Array;
  meta: Record<string, unknown>;
}

/** A snapshot without its state, for lists. */
export type SnapshotSummary = Omit<SnapshotRecord, 'sharedState'> & { bytes: number };

export interface NewSnapshot {
  chronologyId: string;
  label: string;
  takenBy: string;
  sharedState: Uint8Array;
  meta?: Record<string, unknown>;
}

export function createSnapshotsRepo({ db, now }: RepoContext) {
  const { orm } = db;
  const s = snapshots;
  return {
    create(input: NewSnapshot): SnapshotRecord {
      const row = { id: randomUUID(), chronologyId: input.chronologyId, label: input.label, takenAt: now(), takenBy: input.takenBy, meta: input.meta ?? {} };
      orm.insert(s).values({ ...row, sharedState: toBlob(input.sharedState) }).run();
      return { ...row, sharedState: input.sharedState };
    },

    get(id: string): SnapshotRecord | null {
      const row = orm.select().from(s).where(eq(s.id, id)).get();
      return row ? { ...row, sharedState: toBytes(row.sharedState) } : null;
    },

    /** Newest first, without the (large) state. */
    listForChronology(chronologyId: string): SnapshotSummary[] {
      return orm
        .select({ id: s.id, chronologyId: s.chronologyId, label: s.label, takenAt: s.takenAt, takenBy: s.takenBy, meta: s.meta, bytes: sql<number>`length(${s.sharedState})` })
        .from(s)
        .where(eq(s.chronologyId, chronologyId))
        .orderBy(desc(s.takenAt), desc(s.id))
        .all();
    },
  };
}

export type SnapshotsRepo = ReturnType<typeof createSnapshotsRepo>;
