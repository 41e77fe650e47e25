// Document names, as they appear in the websocket URL (/sync/<name>) and in the update log.
// An access boundary is a document boundary: the restricted entries of an agency live in a document of
// their own, so the server never has to filter what it sends.

import { AGENCY_SLUG_PATTERN } from '@mac/domain';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const RESTRICTED = '/restricted/';
const ANALYSIS = '/analysis';

export interface ParsedDocName {
  chronologyId: string;
  /** The agency whose restricted document this is, or null for the chronology's shared document. */
  restrictedAgency: string | null;
  /**
   * The chronology's analysis document (issue 15): the lead's summary as one Y.Text (analysis-model.ts),
   * which every member reads and only the lead writes. It holds no entries.
   */
  analysis: boolean;
}

export function sharedDocName(chronologyId: string): string {
  return chronologyId;
}

export function restrictedDocName(chronologyId: string, agency: string): string {
  return `${chronologyId}${RESTRICTED}${agency}`;
}

export function analysisDocName(chronologyId: string): string {
  return `${chronologyId}${ANALYSIS}`;
}

/**
 * The chronology and, for a restricted document, the agency a name stands for; null for anything else.
 * Strict (lower-case UUID, slug shape, nothing extra) so that one document can have only one name.
 */
export function parseDocName(name: string): ParsedDocName | null {
  const cut = name.indexOf(RESTRICTED);
  if (cut === -1 && name.endsWith(ANALYSIS)) {
    const chronologyId = name.slice(0, -ANALYSIS.length);
    return UUID_PATTERN.test(chronologyId) ? { chronologyId, restrictedAgency: null, analysis: true } : null;
  }
  const chronologyId = cut === -1 ? name : name.slice(0, cut);
  if (!UUID_PATTERN.test(chronologyId)) return null;
  if (cut === -1) return { chronologyId, restrictedAgency: null, analysis: false };
  const agency = name.slice(cut + RESTRICTED.length);
  return AGENCY_SLUG_PATTERN.test(agency) ? { chronologyId, restrictedAgency: agency, analysis: false } : null;
}
