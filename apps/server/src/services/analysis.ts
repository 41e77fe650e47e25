// The analysis of a chronology (issue 15, the "so what?"): the lead's summary, the summary for the family and
// each member agency's view. The rules are packages/domain analysis.ts; this module loads what they need,
// audits every read, change and refusal, and writes through the analysis repository.
//
// Nothing here is another agency's restricted content: the analysis is written for every member to read
// (break-glass grantees included, read-only), so it is answered whole to anyone who may read the chronology.
// The summary is live: a Y.Text in the chronology's analysis document, typed by the lead over the websocket
// (services/analysis-live.ts writes its versions). A REST save writes the same text through the same write
// path, so REST and live are one source, with optimistic concurrency: a save names the version it started
// from (If-Match) and one that has been overtaken answers 409, writing nothing; every save is a new version.
import { currentViews, decideAgencyView, decideAnalysisWrite, type AgencyView, type AgencyViewInput, type AnalysisInput, type AnalysisView, type Decision, type Principal } from '@mac/domain';
import type { AnalysisVersionRecord, AnalysisViewRecord, Repos } from '@mac/db';
import type { AppDeps } from '../deps.js';
import { ApiError, notFound } from '../http/errors.js';
import { requireChronology } from './access.js';
import { audit } from './audit.js';
import { analysisDocName, getAnalysisText, replaceText } from '@mac/sync';
import { requireWriteAllowance, submit } from './entries.js';

export interface AnalysisVersionView {
  version: number;
  text: string;
  familySummary: string;
  by: string;
  agency: string;
  at: string;
}

export interface AnalysisHistory {
  versions: AnalysisVersionView[];
  /** Every view ever recorded, oldest first: changes of view and the dissent they replaced included. */
  views: AgencyView[];
}

const toView = (row: AnalysisViewRecord): AgencyView => ({ agency: row.agency, position: row.position, text: row.text, by: row.authorName, at: row.createdAt, onVersion: row.onVersion });

function analysisView(latest: AnalysisVersionRecord | null, history: readonly AnalysisViewRecord[]): AnalysisView {
  return {
    text: latest?.text ?? '',
    familySummary: latest?.familySummary ?? '',
    version: latest?.version ?? 0,
    updatedAt: latest?.createdAt ?? null,
    updatedBy: latest?.authorName ?? null,
    views: currentViews(history).map(toView),
  };
}

/** The analysis as it stands, unaudited: for packs and snapshots, which audit their own read. */
export async function currentAnalysis(repos: Repos, chronologyId: string): Promise<AnalysisView> {
  const [latest, history] = await Promise.all([repos.analysis.latest(chronologyId), repos.analysis.views(chronologyId)]);
  return analysisView(latest, history);
}

/** The weak validator of an analysis version, as ETag and If-Match carry it. */
export const analysisEtag = (version: number) => `"analysis-v${version}"`;

/** The version an If-Match header names; undefined for none or `*` (no check); NaN for anything else. */
export function expectedVersionOf(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined || ifMatch.trim() === '*' || ifMatch.trim() === '') return undefined;
  const match = /^(?:W\/)?"analysis-v(\d{1,9})"$/.exec(ifMatch.trim());
  return match ? Number(match[1]) : Number.NaN;
}

async function refuse(deps: AppDeps, principal: Principal, ip: string | null, action: string, chronologyId: string, decision: Exclude<Decision, { allowed: true }>, details: Record<string, unknown> = {}): Promise<never> {
  await audit(deps, principal, ip, { action, outcome: 'refused', chronologyId, details: { ...details, reason: decision.reason } });
  throw decision.status === 404 ? notFound() : new ApiError(403, 'forbidden', decision.reason);
}

/** GET …/analysis: any reader of the chronology. */
export async function readAnalysis(deps: AppDeps, principal: Principal, chronologyId: string, ip: string | null): Promise<AnalysisView> {
  await requireChronology(deps, principal, chronologyId, 'chronology:read', ip);
  const view = await deps.analysisLive.settled(chronologyId, () => currentAnalysis(deps.repos, chronologyId));
  await audit(deps, principal, ip, { action: 'analysis:read', chronologyId, details: { version: view.version } });
  return view;
}

/** GET …/analysis/history: every version of the summary and every view ever recorded. */
export async function analysisHistory(deps: AppDeps, principal: Principal, chronologyId: string, ip: string | null): Promise<AnalysisHistory> {
  await requireChronology(deps, principal, chronologyId, 'chronology:read', ip);
  const [versions, views] = await deps.analysisLive.settled(chronologyId, () => Promise.all([deps.repos.analysis.versions(chronologyId), deps.repos.analysis.views(chronologyId)]));
  await audit(deps, principal, ip, { action: 'analysis:history', chronologyId, details: { version: versions.at(-1)?.version ?? 0 } });
  return {
    versions: versions.map((v) => ({ version: v.version, text: v.text, familySummary: v.familySummary, by: v.authorName, agency: v.authorAgency, at: v.createdAt })),
    views: views.map(toView),
  };
}

/** PUT …/analysis: the lead saves a new version, from the version it read (If-Match), or 409. */
export async function saveAnalysis(deps: AppDeps, principal: Principal, chronologyId: string, input: AnalysisInput, ifMatch: string | undefined, ip: string | null): Promise<AnalysisView> {
  const { access } = await requireChronology(deps, principal, chronologyId, 'chronology:read', ip);
  const decision = decideAnalysisWrite(principal, access);
  if (!decision.allowed) await refuse(deps, principal, ip, 'analysis:save', chronologyId, decision);
  const expectedVersion = expectedVersionOf(ifMatch);
  if (Number.isNaN(expectedVersion)) {
    throw new ApiError(422, 'invalid', 'If-Match: give the ETag of the analysis you started from, e.g. "analysis-v3"', [{ field: 'If-Match', message: 'If-Match must be an ETag of the analysis, e.g. "analysis-v3"' }]);
  }
  requireWriteAllowance(deps, principal.id);
  const saved = await deps.analysisLive.settled(chronologyId, async () => {
    const current = (await deps.repos.analysis.latest(chronologyId))?.version ?? 0;
    if (expectedVersion !== undefined && expectedVersion !== current) return { ok: false as const, current };
    // The text goes through the live document first (the lead's connections see it at once), then its version.
    await submit(deps, analysisDocName(chronologyId), { principal, meta: { via: 'rest', ip }, chronology: access }, (doc) => replaceText(getAnalysisText(doc), input.text));
    return deps.repos.analysis.save({
      chronologyId,
      text: input.text,
      familySummary: input.familySummary,
      authorId: principal.id,
      authorName: principal.name,
      authorAgency: principal.agency,
      expectedVersion: current,
    });
  });
  if (!saved.ok) {
    await audit(deps, principal, ip, { action: 'analysis:save', outcome: 'refused', chronologyId, details: { reason: 'conflict', version: saved.current } });
    throw new ApiError(409, 'analysis_conflict', 'The analysis has been changed since you opened it. Copy your text, reload the analysis and make your change again.', undefined, { version: saved.current });
  }
  deps.rooms.chargeWrite(principal.id, { amendments: 1, bytes: input.text.length + (input.familySummary?.length ?? 0) });
  await audit(deps, principal, ip, {
    action: 'analysis:save',
    chronologyId,
    details: { version: saved.record.version, chars: input.text.length, familySummaryChanged: input.familySummary !== undefined, via: 'rest' },
  });
  return currentAnalysis(deps.repos, chronologyId);
}

/** PUT …/analysis/views/{agency}: a person of that member agency records its view; the earlier ones stay. */
export async function saveAgencyView(deps: AppDeps, principal: Principal, chronologyId: string, agency: string, input: AgencyViewInput, ip: string | null): Promise<AnalysisView> {
  const { access } = await requireChronology(deps, principal, chronologyId, 'chronology:read', ip);
  const decision = decideAgencyView(principal, access, agency);
  if (!decision.allowed) await refuse(deps, principal, ip, 'analysis:view', chronologyId, decision, { agency });
  requireWriteAllowance(deps, principal.id);
  // Settled first: the view is given on the version the agency is reading (the live text's).
  const row = await deps.analysisLive.settled(chronologyId, () => deps.repos.analysis.addView({ chronologyId, agency, position: input.position, text: input.text, authorId: principal.id, authorName: principal.name }));
  deps.rooms.chargeWrite(principal.id, { amendments: 1, bytes: input.text.length });
  await audit(deps, principal, ip, { action: 'analysis:view', chronologyId, details: { agency, position: row.position, onVersion: row.onVersion } });
  return currentAnalysis(deps.repos, chronologyId);
}
