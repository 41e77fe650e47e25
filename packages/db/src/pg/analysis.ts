// The analysis of a chronology (issue 15) on PostgreSQL, with the SQLite repository's behaviour
// (../repos/analysis.ts): summary versions and agencies' views, both append-only.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { AnalysisSave, AnalysisVersionRecord, AnalysisViewRecord, NewAnalysisVersion, NewAnalysisView } from '../repos/analysis.js';
import type { AnalysisRepo } from '../port.js';
import type { PgExec } from './audit.js';
import { analysisVersions, analysisViews } from './schema.js';

export function createPgAnalysisRepo(db: PgExec, now: () => string): AnalysisRepo {
  async function latest(chronologyId: string, exec: PgExec = db): Promise<AnalysisVersionRecord | null> {
    const rows = await exec.select().from(analysisVersions).where(eq(analysisVersions.chronologyId, chronologyId)).orderBy(desc(analysisVersions.version)).limit(1);
    return rows[0] ?? null;
  }

  return {
    latest: (chronologyId) => latest(chronologyId),

    async versions(chronologyId) {
      return db.select().from(analysisVersions).where(eq(analysisVersions.chronologyId, chronologyId)).orderBy(asc(analysisVersions.version));
    },

    async save(input: NewAnalysisVersion): Promise<AnalysisSave> {
      return db.transaction(async (tx) => {
        // One save of a chronology's analysis at a time: the check of the version and the insert after it.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`analysis:${input.chronologyId}`}, 0))`);
        const before = await latest(input.chronologyId, tx);
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
        await tx.insert(analysisVersions).values(record);
        return { ok: true, record };
      });
    },

    async addView(input: NewAnalysisView): Promise<AnalysisViewRecord> {
      return db.transaction(async (tx) => {
        const onVersion = (await latest(input.chronologyId, tx))?.version ?? 0;
        const [row] = await tx.insert(analysisViews).values({ ...input, onVersion, createdAt: now() }).returning();
        return row!;
      });
    },

    async views(chronologyId, agency) {
      const where = agency === undefined ? eq(analysisViews.chronologyId, chronologyId) : and(eq(analysisViews.chronologyId, chronologyId), eq(analysisViews.agency, agency));
      return db.select().from(analysisViews).where(where).orderBy(asc(analysisViews.id));
    },
  };
}
