// The analysis of a chronology (issue 15): the versions of the lead's summary and the agencies' views.
// Both tables are append-only here (no method updates or deletes a row; only disposal at the end of
// retention removes them with the rest of the chronology). Who may write is decided by the caller
// (packages/domain analysis.ts), not here.
import { and, asc, desc, eq } from 'drizzle-orm';
import { analysisVersions, analysisViews } from '../schema.js';
import type { RepoContext } from './context.js';

export type AnalysisVersionRecord = typeof analysisVersions.$inferSelect;
export type AnalysisViewRecord = typeof analysisViews.$inferSelect;

export interface NewAnalysisVersion {
  chronologyId: string;
  text: string;
  /** Absent: the family summary of the version before is kept. */
  familySummary?: string | undefined;
  authorId: string;
  authorName: string;
  authorAgency: string;
  /** The version the writer started from: when another save has landed since, nothing is written. Absent: no check. */
  expectedVersion?: number | undefined;
}

/** `conflict`: the analysis is at `current`, not the expected version; nothing was written. */
export type AnalysisSave = { ok: true; record: AnalysisVersionRecord } | { ok: false; reason: 'conflict'; current: number };

export interface NewAnalysisView {
  chronologyId: string;
  agency: string;
  position: 'agree' | 'differ';
  text: string;
  authorId: string;
  authorName: string;
}

export function createAnalysisRepo({ db, now }: RepoContext) {
  const { orm } = db;

  function latest(chronologyId: string): AnalysisVersionRecord | null {
    return orm.select().from(analysisVersions).where(eq(analysisVersions.chronologyId, chronologyId)).orderBy(desc(analysisVersions.version)).limit(1).get() ?? null;
  }

  return {
    /** The analysis now: its newest version, or null when none has been saved. */
    latest,

    /** Every version, oldest first. */
    versions(chronologyId: string): AnalysisVersionRecord[] {
      return orm.select().from(analysisVersions).where(eq(analysisVersions.chronologyId, chronologyId)).orderBy(asc(analysisVersions.version)).all();
    },

    /** The next version, in one transaction with the check of `expectedVersion`. */
    save(input: NewAnalysisVersion): AnalysisSave {
      return db.tx((): AnalysisSave => {
        const before = latest(input.chronologyId);
        const current = before?.version ?? 0;
        if (input.expectedVersion !== undefined && input.expectedVersion !== current) return { ok: false, reason: 'conflict', current };
        const record: AnalysisVersionRecord = {
          chronologyId: input.chronologyId,
          version: current + 1,
          text: input.text,
          familySummary: input.familySummary ?? before?.familySummary ?? '',
          authorId: input.authorId,
          authorName: input.authorName,
          authorAgency: input.authorAgency,
          createdAt: now(),
        };
        orm.insert(analysisVersions).values(record).run();
        return { ok: true, record };
      });
    },

    /** Records an agency's view (a new row, whatever it said before), on the summary version of now. */
    addView(input: NewAnalysisView): AnalysisViewRecord {
      return db.tx(() => {
        const onVersion = latest(input.chronologyId)?.version ?? 0;
        return orm
          .insert(analysisViews)
          .values({ ...input, onVersion, createdAt: now() })
          .returning()
          .get();
      });
    },

    /** Every view ever recorded on the chronology (or by one agency), oldest first. */
    views(chronologyId: string, agency?: string): AnalysisViewRecord[] {
      const where = agency === undefined ? eq(analysisViews.chronologyId, chronologyId) : and(eq(analysisViews.chronologyId, chronologyId), eq(analysisViews.agency, agency));
      return orm.select().from(analysisViews).where(where).orderBy(asc(analysisViews.id)).all();
    },
  };
}
