import { decide, isValidNhsNumber, normaliseNhsNumber, parseChronoDate, type ChronologyAccess, type Principal, pluralWord } from '@mac/domain';
import type { BreakGlassGrant, CaseloadPageOf, CaseloadPageQuery, CaseloadPosition, ChronologyRecord, UserRecord } from '@mac/db';
import { restrictedDocName, sharedDocName } from '@mac/sync';
import type { AppDeps } from '../deps.js';
import { ApiError, invalid, type FieldProblem } from '../http/errors.js';
import { accessOf, requireChronology } from './access.js';
import { audit } from './audit.js';
import { cursorOf, cursorParts } from './cursors.js';
import { announceEndOfAccess } from '../cluster/cluster.js';

/**
 * Each user looked up once however often asked for: a caseload of hundreds of chronologies has a few dozen
 * leads, and each lookup is a read on the event loop (issue 17 item 5). For one request only: a name may change.
 */
export function usersOnce(deps: AppDeps): (id: string) => Promise<UserRecord | null> {
  const asked = new Map<string, Promise<UserRecord | null>>();
  return (id) => {
    let found = asked.get(id);
    if (!found) asked.set(id, (found = deps.repos.users.byId(id)));
    return found;
  };
}

export async function summarise(
  deps: AppDeps,
  record: ChronologyRecord,
  stats: { entryCount: number; lastChangeAt: string | null; openHighlights: number | null; overdueActions: number },
  user: (id: string) => Promise<UserRecord | null> = (id) => deps.repos.users.byId(id),
) {
  const lead = await user(record.leadUserId);
  return {
    id: record.id,
    child: {
      givenName: record.child.givenName,
      familyName: record.child.familyName,
      dateOfBirth: record.child.dateOfBirth ?? null,
      nhsNumber: record.child.nhsNumber ?? null,
    },
    lead: { id: record.leadUserId, name: lead?.name ?? 'Unknown', agency: lead?.agencySlug ?? '' },
    memberAgencies: record.memberAgencies,
    createdAt: record.createdAt,
    ...stats,
  };
}

/** Chronologies on a caseload page when the caller does not say (`limit`), and the most it may ask for. */
export const CASELOAD_PAGE = 50;
export const CASELOAD_MAX_PAGE = 200;

/** `limit` from the query: default 50, 1 to 200; 422 naming `limit` otherwise. */
export function caseloadLimit(raw: string | undefined): number {
  if (raw === undefined || raw === '') return CASELOAD_PAGE;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > CASELOAD_MAX_PAGE) throw invalid('The page size is not valid.', [{ field: 'limit', message: `A whole number from 1 to ${CASELOAD_MAX_PAGE}.` }]);
  return n;
}

/** The cursor of the page after the one ending at `position` (the answer's `next`). */
export function caseloadNext(position: CaseloadPosition): string {
  return cursorOf([position.createdAt, position.id]);
}

/** The position an `after` cursor names; 422 naming `after` for anything that is not one of ours. */
export function caseloadCursor(raw: string): CaseloadPosition {
  const parts = cursorParts(raw, 2);
  if (parts === null || parts.some((p) => p === '')) throw invalid('The page cursor is not valid.', [{ field: 'after', message: 'Pass back the `next` value of the previous page unchanged.' }]);
  const [createdAt, id] = parts as [string, string];
  return { createdAt, id };
}

/**
 * A page of the chronologies the principal may see (their agency's, and those their running break-glass
 * grants open), with the running grants it was read with (the caseload's counts key on the same grants:
 * caseload-stats.ts countInputs, so it need not read them again). Asked together: each wait for the read
 * lane is a queue under load, and the caseload list waits for this before anything else.
 */
export async function caseloadPageFor(deps: AppDeps, principal: Principal, query: CaseloadPageQuery): Promise<{ page: CaseloadPageOf<ChronologyRecord>; grants: BreakGlassGrant[] }> {
  if (principal.role === 'admin') return { page: { records: [], total: 0, next: null }, grants: [] };
  const at = deps.now().toISOString();
  const [page, grants] = await Promise.all([deps.repos.chronologies.pageForViewer({ agency: principal.agency, userId: principal.id, at }, query), deps.repos.breakGlass.activeForUser(principal.id, at)]);
  return { page, grants };
}

/** `known`: the access this request's check read with the record (requireChronology), so it is not read again. */
export async function detail(deps: AppDeps, principal: Principal, record: ChronologyRecord, known?: ChronologyAccess) {
  const access = known ?? (await accessOf(deps, record));
  const allowed = (action: Parameters<typeof decide>[1]) => decide(principal, action, access).allowed;
  const readOnly = !access.memberAgencies.includes(principal.agency);
  // A non-member reads only through emergency access: say until when (the banner shows it).
  const grant = readOnly ? (await deps.repos.breakGlass.activeForUser(principal.id, deps.now().toISOString())).find((g) => g.chronologyId === record.id) : undefined;
  return {
    emergencyAccessUntil: grant?.expiresAt ?? null,
    docs: { shared: sharedDocName(record.id), restricted: readOnly ? null : restrictedDocName(record.id, principal.agency) },
    permissions: {
      canWrite: !readOnly && principal.role !== 'admin',
      isLead: principal.id === record.leadUserId,
      canReview: allowed('pattern:review'),
      canExport: allowed('chronology:export'),
      canFamilyExport: allowed('chronology:family-export'),
      canAudit: allowed('chronology:audit'),
      readOnly,
    },
  };
}

export async function validateChild(deps: AppDeps, body: { child: { givenName: string; familyName: string; dateOfBirth?: string | undefined; nhsNumber?: string | undefined; upn?: string | undefined }; memberAgencies: string[] }, lead: Principal) {
  const problems: FieldProblem[] = [];
  let dateOfBirth: string | null = null;
  if (body.child.dateOfBirth) {
    const parsed = parseChronoDate(body.child.dateOfBirth);
    if (!parsed.ok) problems.push({ field: 'child.dateOfBirth', message: `Date of birth: ${parsed.message}` });
    else if (parsed.date.end || parsed.date.start.day === null || parsed.date.start.approximate) problems.push({ field: 'child.dateOfBirth', message: 'Date of birth must be an exact day, for example 27/03/2019' });
    else if (parsed.canonical > deps.now().toISOString().slice(0, 10)) problems.push({ field: 'child.dateOfBirth', message: 'Date of birth must be today or in the past' });
    else dateOfBirth = parsed.canonical;
  }
  let nhsNumber: string | null = null;
  if (body.child.nhsNumber) {
    if (!isValidNhsNumber(body.child.nhsNumber)) problems.push({ field: 'child.nhsNumber', message: 'NHS number must be 10 digits with a valid check digit, like 943 476 5919' });
    else nhsNumber = normaliseNhsNumber(body.child.nhsNumber);
  }
  const known = new Set((await deps.repos.agencies.list()).map((a) => a.slug));
  const unknown = body.memberAgencies.filter((a) => !known.has(a));
  if (unknown.length > 0) problems.push({ field: 'memberAgencies', message: `Unknown agencies: ${unknown.join(', ')}` });
  const members = [...new Set([lead.agency, ...body.memberAgencies])];
  if (problems.length > 0) throw invalid(`The chronology has ${pluralWord(problems.length, 'a problem', `${problems.length} problems`)}.`, problems);
  return { child: { givenName: body.child.givenName, familyName: body.child.familyName, dateOfBirth, nhsNumber, upn: body.child.upn ?? null }, members };
}

export async function changeMembers(deps: AppDeps, principal: Principal, id: string, change: { add?: string; remove?: string }, ip: string | null): Promise<Promise<Promise<Promise<ChronologyRecord>>>> {
  const { record } = await requireChronology(deps, principal, id, 'chronology:manage-members', ip);
  if (change.add) {
    if (!await deps.repos.agencies.get(change.add)) throw invalid('That agency is not part of the partnership.', [{ field: 'agency', message: `Unknown agency: ${change.add}` }]);
    if (!record.memberAgencies.includes(change.add)) await deps.repos.chronologies.addMember(id, change.add, principal.id);
    await audit(deps, principal, ip, { action: 'chronology:member-add', chronologyId: id, details: { agency: change.add } });
  }
  if (change.remove) {
    if (!record.memberAgencies.includes(change.remove)) throw new ApiError(404, 'not_found', 'That agency is not a member of this chronology.');
    const lead = await deps.repos.users.byId(record.leadUserId);
    if (lead?.agencySlug === change.remove) throw new ApiError(409, 'lead_agency', "The lead professional's agency cannot be removed.");
    await deps.repos.chronologies.removeMember(id, change.remove);
    // Access ends now, not at the next reconnect: close every live connection of that agency to this
    // chronology (shared and restricted documents alike).
    deps.rooms.closeConnections(
      (ctx) => ctx.principal.agency === change.remove && ctx.docName.split('/')[0] === id,
      4403,
      'Your agency is no longer a member of this chronology',
    );
    announceEndOfAccess(deps, { chronologyId: id });
    await audit(deps, principal, ip, { action: 'chronology:member-remove', chronologyId: id, details: { agency: change.remove } });
  }
  return (await deps.repos.chronologies.get(id))!;
}
