// Actions (issue 15 item 3): create, change and list a chronology's tracked actions. The rules are in
// packages/domain actions.ts (the schemas, who may change one, what "overdue" means); this module loads
// what they need, checks what only the server can (the owner is a member agency and one of its people,
// the linked entries are this chronology's and visible to the caller), audits every read, change and
// refusal, and writes through the actions repository (each change kept in the action's history).
//
// What a reader is shown of an action follows what they may see: a link to an entry they cannot see
// (another agency's restricted entry) is left out, not counted, so an action never hints at it.
import {
  daysOverdue,
  decideActionChange,
  isMember,
  isOverdue,
  todayIso,
  type ActionCreate,
  type ActionItem,
  type ActionPatch,
  type ChronologyAccess,
  type Principal,
  pluralWord,
} from '@mac/domain';
import type { ActionChangeRecord, ActionRecord, ChronologyRecord, UserRecord } from '@mac/db';
import type { AppDeps } from '../deps.js';
import { ApiError, invalid } from '../http/errors.js';
import { requireChronology } from './access.js';
import { audit } from './audit.js';

/** An action as one reader sees it. */
export interface ActionView extends ActionItem {
  ownerName: string;
  createdByName: string;
  overdue: boolean;
  daysOverdue: number;
  history: Array<{ at: string; by: string; byName: string; kind: 'create' | 'update'; changes: Record<string, { from: unknown; to: unknown }> }>;
}

/** Someone who may own an action on this chronology: a person of a member agency. */
export interface ActionOwnerOption {
  id: string;
  name: string;
  agency: string;
}

const actionNotFound = () => new ApiError(404, 'not_found', 'That action was not found.');

function today(deps: AppDeps): string {
  return todayIso(deps.now());
}

/** People who may own an action: active, approved users of the chronology's member agencies (no administrators). */
function owners(users: readonly UserRecord[], record: ChronologyRecord): ActionOwnerOption[] {
  return users
    .filter((u) => record.memberAgencies.includes(u.agencySlug) && !u.disabled && u.approvedAt !== null && u.role !== 'admin')
    .map((u) => ({ id: u.id, name: u.name, agency: u.agencySlug }))
    .sort((a, b) => a.agency.localeCompare(b.agency) || a.name.localeCompare(b.name));
}

/** The owner must be a member agency of the chronology, and the person one of that agency's people. */
async function checkOwner(deps: AppDeps, record: ChronologyRecord, ownerAgency: string, ownerUserId: string): Promise<{ field: string; message: string }[]> {
  if (!record.memberAgencies.includes(ownerAgency)) return [{ field: 'ownerAgency', message: 'The owner agency must be a member agency of this chronology' }];
  const user = await deps.repos.users.byId(ownerUserId);
  if (!user || user.agencySlug !== ownerAgency || user.disabled || user.approvedAt === null || user.role === 'admin') {
    return [{ field: 'ownerUserId', message: 'The owner must be a person of the owner agency' }];
  }
  return [];
}

/** Every id must be an entry of this chronology that the caller can see; an id they cannot see is refused like an unknown one. */
async function checkEntryLinks(deps: AppDeps, principal: Principal, chronologyId: string, ids: readonly string[], field: string): Promise<{ field: string; message: string }[]> {
  const unknown: string[] = [];
  for (const id of ids) if (!(await deps.repos.entries.getVisible(chronologyId, id, principal.agency))) unknown.push(id);
  if (unknown.length === 0) return [];
  return [{ field, message: `${pluralWord(unknown.length, 'This is not an entry', `${unknown.length} of these are not entries`)} of this chronology: ${unknown.slice(0, 5).join(', ')}` }];
}

/** Members only: someone reading under emergency (break-glass) access may not raise or change actions. */
async function requireMember(deps: AppDeps, principal: Principal, chronologyId: string, action: string, ip: string | null): Promise<{ record: ChronologyRecord; access: ChronologyAccess }> {
  const { record, access } = await requireChronology(deps, principal, chronologyId, 'chronology:read', ip);
  if (!isMember(principal, access)) {
    await audit(deps, principal, ip, { action, outcome: 'refused', chronologyId, details: { reason: 'read-only access' } });
    throw new ApiError(403, 'forbidden', 'read-only access: this chronology can be read but not changed');
  }
  return { record, access };
}

/** What `principal` is shown of the chronology's actions: links to entries they cannot see are left out. */
async function viewsFor(deps: AppDeps, principal: Principal, actions: readonly ActionRecord[], histories: ReadonlyMap<string, ActionChangeRecord[]>): Promise<ActionView[]> {
  const day = today(deps);
  const linked = new Set<string>();
  for (const a of actions) {
    for (const id of a.entryIds) linked.add(id);
    if (a.source === 'entry' && a.sourceRef) linked.add(a.sourceRef);
  }
  const visible = new Set<string>();
  const chronologyId = actions[0]?.chronologyId;
  if (chronologyId !== undefined) {
    for (const id of linked) if (await deps.repos.entries.getVisible(chronologyId, id, principal.agency)) visible.add(id);
  }
  const names = new Map<string, string>();
  const nameOf = async (id: string) => {
    if (!names.has(id)) names.set(id, (await deps.repos.users.byId(id))?.name ?? 'Unknown');
    return names.get(id)!;
  };
  const out: ActionView[] = [];
  for (const a of actions) {
    const history = [];
    for (const h of histories.get(a.id) ?? []) {
      const changes = { ...h.changes };
      // The creation lists the links: only those the reader may see.
      if (changes.entryIds) changes.entryIds = { from: null, to: ((changes.entryIds.to as string[] | null) ?? []).filter((id) => visible.has(id)) };
      if (changes.sourceRef && a.source === 'entry' && !visible.has(String(changes.sourceRef.to))) changes.sourceRef = { from: null, to: '' };
      history.push({ at: h.at, by: h.by, byName: await nameOf(h.by), kind: h.kind, changes });
    }
    out.push({
      ...a,
      entryIds: a.entryIds.filter((id) => visible.has(id)),
      sourceRef: a.source === 'entry' && !visible.has(a.sourceRef) ? '' : a.sourceRef,
      ownerName: await nameOf(a.ownerUserId),
      createdByName: await nameOf(a.createdBy),
      overdue: isOverdue(a, day),
      daysOverdue: daysOverdue(a, day),
      history,
    });
  }
  return out;
}

async function viewOf(deps: AppDeps, principal: Principal, action: ActionRecord): Promise<ActionView> {
  return (await viewsFor(deps, principal, [action], new Map([[action.id, await deps.repos.actions.history(action.id)]])))[0]!;
}

/** POST /api/chronologies/:id/actions: any member raises an action, owned by a member agency and one of its people. */
export async function createAction(deps: AppDeps, principal: Principal, chronologyId: string, body: ActionCreate, ip: string | null): Promise<ActionView> {
  const { record } = await requireMember(deps, principal, chronologyId, 'action:create', ip);
  const problems = [
    ...(await checkOwner(deps, record, body.ownerAgency, body.ownerUserId)),
    ...(await checkEntryLinks(deps, principal, chronologyId, body.entryIds ?? [], 'entryIds')),
    ...(body.source === 'entry' ? await checkEntryLinks(deps, principal, chronologyId, [body.sourceRef ?? ''], 'sourceRef') : []),
  ];
  if (problems.length > 0) throw invalid(`The action has ${pluralWord(problems.length, 'a problem', `${problems.length} problems`)}; nothing was saved.`, problems);
  const action = await deps.repos.actions.create({
    chronologyId,
    title: body.title,
    notes: body.notes ?? '',
    ownerAgency: body.ownerAgency,
    ownerUserId: body.ownerUserId,
    dueDate: body.dueDate,
    source: body.source,
    sourceRef: body.sourceRef ?? '',
    entryIds: body.entryIds ?? [],
    createdBy: principal.id,
  });
  await audit(deps, principal, ip, {
    action: 'action:create',
    chronologyId,
    details: { actionId: action.id, ownerAgency: action.ownerAgency, ownerUserId: action.ownerUserId, dueDate: action.dueDate, source: action.source, sourceRef: action.sourceRef, entryIds: action.entryIds, title: action.title },
  });
  return viewOf(deps, principal, action);
}

/**
 * PATCH /api/chronologies/:id/actions/:actionId: the owner agency or the chronology's lead changes the
 * status (done with its outcome, cancelled with its reason, or reopened), the due date, the owner, the
 * title or the notes. Another member agency is refused (403, audited): it can see the action.
 */
export async function changeAction(deps: AppDeps, principal: Principal, chronologyId: string, actionId: string, patch: ActionPatch, ip: string | null): Promise<ActionView> {
  const { record, access } = await requireMember(deps, principal, chronologyId, 'action:update', ip);
  const current = await deps.repos.actions.get(actionId);
  if (!current || current.chronologyId !== chronologyId) {
    await audit(deps, principal, ip, { action: 'action:update', outcome: 'refused', chronologyId, details: { actionId, reason: 'not found' } });
    throw actionNotFound();
  }
  const decision = decideActionChange(principal, access, current);
  if (!decision.allowed) {
    await audit(deps, principal, ip, { action: 'action:update', outcome: 'refused', chronologyId, details: { actionId, reason: decision.reason } });
    throw new ApiError(403, 'forbidden', decision.reason);
  }
  if (patch.ownerAgency !== undefined && patch.ownerUserId !== undefined) {
    const problems = await checkOwner(deps, record, patch.ownerAgency, patch.ownerUserId);
    if (problems.length > 0) throw invalid('The new owner is not valid; nothing was changed.', problems);
  }
  const updated = await deps.repos.actions.update(actionId, patch, principal.id);
  if (!updated) throw actionNotFound();
  if (Object.keys(updated.changes).length > 0) {
    await audit(deps, principal, ip, { action: 'action:update', chronologyId, details: { actionId, changes: updated.changes } });
  }
  return viewOf(deps, principal, updated.after);
}

/** GET /api/chronologies/:id/actions: any member (or emergency reader) sees every action, and who may own one. */
export async function listActions(deps: AppDeps, principal: Principal, chronologyId: string, ip: string | null): Promise<{ actions: ActionView[]; owners: ActionOwnerOption[]; today: string }> {
  const { record } = await requireChronology(deps, principal, chronologyId, 'chronology:read', ip);
  const actions = await deps.repos.actions.listForChronology(chronologyId);
  const histories = await deps.repos.actions.historyForChronology(chronologyId);
  const views = await viewsFor(deps, principal, actions, histories);
  await audit(deps, principal, ip, { action: 'action:read', chronologyId, details: { count: views.length } });
  return { actions: views, owners: owners(await deps.repos.users.inAgencies(record.memberAgencies), record), today: today(deps) };
}

/**
 * The chronology's actions as stored (no reader's filter): for the pattern engine and packs, which
 * filter entry links by what their reader may see themselves.
 */
export async function actionsOf(deps: AppDeps, chronologyId: string): Promise<ActionRecord[]> {
  return deps.repos.actions.listForChronology(chronologyId);
}

/**
 * Overdue actions (open, due before today in the partnership's time zone), longest overdue first: of
 * the given chronologies, or of every chronology. For system work such as alerts ("an action became
 * overdue"): the caller decides who may be told what. Not audited: it reads no chronology for a person.
 */
export async function listOverdueActions(deps: AppDeps, opts: { chronologyIds?: readonly string[]; today?: string } = {}): Promise<ActionRecord[]> {
  return deps.repos.actions.listOverdue(opts.today ?? today(deps), opts.chronologyIds);
}

/** Overdue actions per chronology for the caseload: one grouped query for all of them. */
export async function overdueCounts(deps: AppDeps, chronologyIds: readonly string[]): Promise<Record<string, number>> {
  return deps.repos.actions.overdueCounts(chronologyIds, today(deps));
}

