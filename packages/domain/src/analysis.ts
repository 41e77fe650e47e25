// The analysis of a chronology, the "so what?" (issue 15): a chronology "is not an assessment, but part of
// assessment". One analysis per chronology, written together:
//
//   summary        the lead professional's account of what the pattern means for the child. Only the lead
//                  of the chronology writes it; every saved change is a new version (the old ones stay).
//   familySummary  the same meaning in words written FOR the family. Empty until the lead writes one; the
//                  family version of the conference pack shows the analysis only through this text, never
//                  the professional summary (which may name third parties, sources, agencies' concerns) and
//                  never an agency's view. A separate text, not a "fit for the family" tick on the summary,
//                  because that is how a social worker prepares a conference: the professional analysis and
//                  the plain-language one the parents read are two pieces of writing.
//   views          each member agency's view beside it: it agrees, or it records a different view with
//                  its reasons. A change of view is a new record; earlier ones are kept (dissent is never
//                  overwritten: escalating disagreement must leave a trace).
//
// The limits and rules here are the only ones: the server's OpenAPI routes reuse these schemas, the browser
// its limits, so a 422 names the same field with the same words everywhere.
import { z } from 'zod';
import { canSeeChronology, isChronologyLead, isMember, type ChronologyAccess, type Decision, type Principal } from './permissions.js';
import type { PackAnalysis, PackKind } from './pack.js';
import { hasVisibleText } from './text-rules.js';

export const ANALYSIS_LIMITS = {
  /** The lead's summary. */
  text: 20_000,
  /** The summary written for the family. */
  familySummary: 10_000,
  /** An agency's view (its reasons when it differs). */
  viewText: 10_000,
} as const;

export const ANALYSIS_POSITIONS = ['agree', 'differ'] as const;
export type AnalysisPosition = (typeof ANALYSIS_POSITIONS)[number];

export const ANALYSIS_POSITION_LABELS: Readonly<Record<AnalysisPosition, string>> = {
  agree: 'Agrees with the analysis',
  differ: 'Takes a different view',
};

export const VIEW_REASONS_MESSAGE = 'text: give your agency’s reasons when it takes a different view';

const longText = (field: string, max: number) =>
  z.string({ message: `${field} must be text` }).max(max, { message: `${field} must be ${max.toLocaleString('en-GB')} characters or fewer` });

/** `PUT …/analysis`: the lead's summary, and optionally the family summary (absent: left as it is). */
export const analysisInputSchema = z
  .object({
    text: longText('text', ANALYSIS_LIMITS.text),
    familySummary: longText('familySummary', ANALYSIS_LIMITS.familySummary).optional(),
  })
  .strict();
export type AnalysisInput = z.infer<typeof analysisInputSchema>;

/** `PUT …/analysis/views/{agency}`: agree, or differ with reasons (required then). */
export const agencyViewInputSchema = z
  .object({
    position: z.enum(ANALYSIS_POSITIONS, { message: 'position must be "agree" or "differ"' }),
    text: longText('text', ANALYSIS_LIMITS.viewText).default(''),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.position === 'differ' && !hasVisibleText(value.text)) ctx.addIssue({ code: 'custom', path: ['text'], message: VIEW_REASONS_MESSAGE });
  });
export type AgencyViewInput = z.infer<typeof agencyViewInputSchema>;

/** One agency's view as the API shows it. `by` is the person who recorded it. */
export interface AgencyView {
  agency: string;
  position: AnalysisPosition;
  text: string;
  by: string;
  at: string;
  /** The version of the summary the view was given on (0: before any summary was written). */
  onVersion: number;
}

/** The analysis as `GET …/analysis` answers. */
export interface AnalysisView {
  text: string;
  familySummary: string;
  /** 0 until the first summary is saved; each save adds one. */
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
  /** The current view of each agency that has recorded one, in the order they first did. */
  views: AgencyView[];
}

/** Every recorded view (oldest first) → the current one of each agency, in the order agencies first spoke. */
export function currentViews<T extends { agency: string }>(history: readonly T[]): T[] {
  const latest = new Map<string, T>();
  for (const view of history) {
    latest.delete(view.agency);
    latest.set(view.agency, view);
  }
  const firstSpoke = [...new Set(history.map((v) => v.agency))];
  return firstSpoke.map((agency) => latest.get(agency)!);
}

/** Only the lead professional of the chronology writes the summary (and the family summary). */
export function decideAnalysisWrite(principal: Principal, chronology: ChronologyAccess): Decision {
  if (principal.role === 'admin' || !canSeeChronology(principal, chronology)) return { allowed: false, status: 404, reason: 'chronology not found' };
  if (!isMember(principal, chronology)) return { allowed: false, status: 403, reason: 'read-only access: this chronology can be read but not changed' };
  return isChronologyLead(principal, chronology)
    ? { allowed: true }
    : { allowed: false, status: 403, reason: 'only the lead professional of this chronology may write the analysis' };
}

/**
 * An agency's view is recorded by a person of that agency while it is a member; an agency system (API
 * token) does not give a professional judgement, and nobody records another agency's view.
 */
export function decideAgencyView(principal: Principal, chronology: ChronologyAccess, agency: string): Decision {
  if (principal.role === 'admin' || !canSeeChronology(principal, chronology)) return { allowed: false, status: 404, reason: 'chronology not found' };
  if (!isMember(principal, chronology)) return { allowed: false, status: 403, reason: 'read-only access: this chronology can be read but not changed' };
  if (principal.kind !== 'user') return { allowed: false, status: 403, reason: 'an agency’s view is recorded by a person, not an agency system' };
  if (agency !== principal.agency) return { allowed: false, status: 403, reason: 'you may record only your own agency’s view' };
  return { allowed: true };
}

/**
 * What a conference pack shows of the analysis. The professional version: the lead's summary and each
 * agency's current view, differing ones with their reasons (null when nothing has been written at all).
 * The family version: the family summary alone, no views and nobody named; null unless the lead wrote one
 * (the professional summary may name third parties, sources and agencies' concerns: never the family's).
 */
export function analysisForPack(analysis: AnalysisView, kind: PackKind, agencyName: (slug: string) => string): PackAnalysis | null {
  if (kind === 'family') {
    if (!hasVisibleText(analysis.familySummary)) return null;
    return { text: analysis.familySummary, version: analysis.version, updatedAt: analysis.updatedAt, views: [] };
  }
  if (!hasVisibleText(analysis.text) && analysis.views.length === 0) return null;
  return {
    text: analysis.text,
    version: analysis.version,
    updatedAt: analysis.updatedAt,
    updatedBy: analysis.updatedBy,
    views: analysis.views.map((v) => ({ agency: v.agency, agencyName: agencyName(v.agency), position: v.position, text: v.text, by: v.by, at: v.at })),
  };
}
