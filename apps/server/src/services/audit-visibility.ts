// The audit trail a reader gets is computed under the same visibility rules as the entries (issue 11,
// finding 1). Audit records are written for the system, with everything an investigation needs: the
// before/after of amendments, withdrawal reasons, entry ids, document names, search text, counts. Read
// back through the API by the lead or a DSL of ANOTHER agency, those would leak what a restricted entry
// says, that it exists, or what a colleague searched for. So each record is:
// - about another agency's restricted entry or document: reduced to who, when, what action and "a
//   restricted entry of <agency>" (no id, no content);
// - by someone of the reader's own agency: whole (they see the same restricted entries);
// - otherwise: only the details that mean the same whoever reads them (a whitelist), with lists of entry
//   ids cut to the entries the reader may see. Free text a caller typed (search filters) and per-reader
//   counts (from which the number of another agency's restricted entries follows) are left out.
import { visibleEntry, type EntryAccess, type Principal } from '@mac/domain';
import { parseDocName } from '@mac/sync';

export interface AuditRecordView {
  seq: number;
  at: string;
  actorId: string;
  actorLabel: string;
  actorAgency: string;
  action: string;
  outcome: string;
  chronologyId: string | null;
  entryId: string | null;
  details: Record<string, unknown>;
}

export interface AuditVisibility {
  reader: Principal;
  /** Every stored entry with this id in the record's chronology (one, or two for data stored before ids were unique). */
  entriesWithId(entryId: string): EntryAccess[];
  agencyName(slug: string): string;
}

/** Details that say the same thing to every reader of the chronology: nothing typed by a searcher, no per-reader counts. */
const SHARED_DETAILS = new Set([
  'via',
  'importId',
  'changes',
  'from',
  'to',
  'reason',
  'entryAgency',
  'format',
  'fileName',
  'imported',
  // An import finished after a restart or a failure, from its journal (services/import-journal.ts).
  'resumed',
  'duplicates',
  'errors',
  'dryRun',
  'asOf',
  'kind',
  'version',
  'readOnly',
  'code',
  'agency',
  'memberAgencies',
  'grantId',
  'expiresAt',
  'reauthenticatedWith',
  'snapshotId',
  'method',
  'note',
  // Households (issue 14): which household, how the child stands in it, and the other children's chronology
  // ids: what every member of this chronology may know (the siblings exist), and no content of theirs.
  'householdId',
  'relationship',
  'siblings',
  // Household events (issue 14): which event a copy belongs to, that a change was carried from another
  // copy, and, on a skipped child's trail, which agency holds the event (never its content).
  'householdEventId',
  'propagated',
  'heldBy',
  'change',
  // The analysis (issue 15): which version, which agency's view and its position; every member reads them.
  'position',
  'onVersion',
  'chars',
  'familySummaryChanged',
  // Actions (issue 15): what every member sees in the action itself (its id, owner, due date, source and
  // title); a source entry's id (sourceRef) is left out, and linked entry ids are cut as everywhere.
  'actionId',
  'ownerAgency',
  'ownerUserId',
  'dueDate',
  'source',
  'title',
  // People (issue 14 item 3): which person, record merged into which, which flag and of what kind, which
  // fields changed. Never a name or a flag's reason; an agency-only flag's record is reduced (below).
  'personId',
  'personIds',
  'intoPersonId',
  'flagId',
  'flagKind',
  'flagSharing',
]);

function restrictedDocAgency(details: Record<string, unknown>): string | null {
  const docName = details.docName;
  if (typeof docName !== 'string') return null;
  return parseDocName(docName)?.restrictedAgency ?? null;
}

/** The agency whose restricted entry or document the record is about, when the reader may not see it. */
function hiddenAgency(record: AuditRecordView, v: AuditVisibility): string | null {
  const docAgency = restrictedDocAgency(record.details);
  if (docAgency !== null) return docAgency === v.reader.agency ? null : docAgency;
  if (record.entryId === null) return null;
  // Without a document name (older records), an id held by a hidden entry is treated as hidden, even if a
  // visible entry shares it: the record may be about either.
  const hidden = v.entriesWithId(record.entryId).find((e) => !visibleEntry(v.reader, e));
  return hidden?.agency ?? null;
}

function sharedDetails(details: Record<string, unknown>, v: AuditVisibility): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) {
    if (SHARED_DETAILS.has(key)) out[key] = value;
    else if (key === 'docName' && typeof value === 'string') out[key] = value; // a shared document (restricted ones never get here)
    else if (key === 'entryIds' && Array.isArray(value)) {
      out[key] = value.filter((id): id is string => typeof id === 'string' && v.entriesWithId(id).some((e) => visibleEntry(v.reader, e)));
    }
  }
  return out;
}

/** The record as `v.reader` may see it. */
export function auditRecordFor(record: AuditRecordView, v: AuditVisibility): AuditRecordView {
  // An agency-only flag on a person is seen only by that agency, as a restricted entry is.
  if (record.details.flagSharing === 'agency' && record.actorAgency !== v.reader.agency) {
    return { ...record, details: { restricted: { agency: record.actorAgency, description: `an agency-only flag of ${v.agencyName(record.actorAgency)}` } } };
  }
  const agency = hiddenAgency(record, v);
  if (agency !== null) {
    return { ...record, entryId: null, details: { restricted: { agency, description: `a restricted entry of ${v.agencyName(agency)}` } } };
  }
  if (record.actorAgency !== '' && record.actorAgency === v.reader.agency) return record;
  return { ...record, details: sharedDetails(record.details, v) };
}
