// Households (issue 14): linking children's chronologies, and what a member of one child's chronology
// is shown of the others. The rules are in packages/domain household.ts; this module loads what they
// need, audits every read, change and refusal, and writes through the households repository.
//
// A household discloses only that the other children exist, their names, dates of birth, relationship and
// lead professional. It opens no document and no entry: a sibling's entries are reached only through that
// sibling's own chronology, under its own members (the access matrix and household-leak tests hold this).
import {
  byAgeOldestFirst,
  canSeeChronology,
  checkChildLink,
  checkNewHousehold,
  decideHouseholdChange,
  decideHouseholdLink,
  decideHouseholdRead,
  todayIso,
  type ChronologyAccess,
  type Decision,
  type HouseholdChildInput,
  type NewHouseholdInput,
  type Principal,
  type SiblingSummary,
  pluralWord,
} from '@mac/domain';
import type { ChronologyRecord, HouseholdLinkRecord, HouseholdRecord } from '@mac/db';
import type { AppDeps } from '../deps.js';
import { ApiError, invalid, notFound } from '../http/errors.js';
import { accessOf, requireChronology } from './access.js';
import { audit } from './audit.js';

export interface HouseholdView {
  household: { id: string; name: string | null } | null;
  children: SiblingSummary[];
}

const householdNotFound = () => notFound('household');

/**
 * Audits a refused decision on every chronology it concerned that exists (so each one's lead and DSLs see
 * the attempt, as requireChronology does), or once without a chronology when none exists, then throws
 * 404 or 403.
 */
async function refuse(
  deps: AppDeps,
  principal: Principal,
  ip: string | null,
  action: string,
  decision: Exclude<Decision, { allowed: true }>,
  about: { existing: readonly string[]; details: Record<string, unknown> },
  notFoundError = notFound(),
): Promise<never> {
  const details = { ...about.details, reason: decision.reason };
  if (about.existing.length === 0) await audit(deps, principal, ip, { action, outcome: 'refused', details });
  for (const chronologyId of about.existing) await audit(deps, principal, ip, { action, outcome: 'refused', chronologyId, details });
  throw decision.status === 404 ? notFoundError : new ApiError(403, 'forbidden', decision.reason);
}

async function loadAccess(deps: AppDeps, ids: readonly string[]): Promise<Map<string, { record: ChronologyRecord; access: ChronologyAccess }>> {
  const found = new Map<string, { record: ChronologyRecord; access: ChronologyAccess }>();
  for (const id of ids) {
    const record = await deps.repos.chronologies.get(id);
    if (record) found.set(id, { record, access: await accessOf(deps, record) });
  }
  return found;
}

function invalidHousehold(problems: { field: string; message: string }[]) {
  return invalid(`The household has ${pluralWord(problems.length, 'a problem', `${problems.length} problems`)}.`, problems);
}

function alreadyLinked(ids: readonly string[]) {
  return new ApiError(409, 'already_in_household', 'A child can be in one household at a time: remove them from their current household first.', undefined, { chronologyIds: ids });
}

/** POST /api/households: the lead of every chronology links them; nothing is written unless all may be. */
export async function createHousehold(deps: AppDeps, principal: Principal, body: NewHouseholdInput, ip: string | null): Promise<{ id: string }> {
  const checked = checkNewHousehold(body, todayIso(deps.now()));
  if (!checked.ok) throw invalidHousehold(checked.problems);
  const ids = checked.value.children.map((c) => c.chronologyId);
  const loaded = await loadAccess(deps, ids);
  const decision = decideHouseholdLink(principal, ids.map((id) => loaded.get(id)?.access));
  if (!decision.allowed) await refuse(deps, principal, ip, 'household:create', decision, { existing: [...loaded.keys()], details: { chronologyIds: ids } });
  const made = await deps.repos.households.create({ name: checked.value.name, createdBy: principal.id, children: checked.value.children });
  if (!made.ok) {
    await audit(deps, principal, ip, { action: 'household:create', outcome: 'refused', details: { chronologyIds: ids, reason: 'already in a household' } });
    throw alreadyLinked(made.reason === 'linked' ? made.linked : []);
  }
  const householdId = made.household.id;
  // One record on each child's chronology: its own audit trail says when, by whom and into which household it was linked.
  for (const child of checked.value.children) {
    await audit(deps, principal, ip, { action: 'household:link', chronologyId: child.chronologyId, details: { householdId, relationship: child.relationship, siblings: ids.filter((id) => id !== child.chronologyId) } });
  }
  return { id: householdId };
}

/** The household and its current children's access, or 404 for a household the principal may not know of. */
async function requireHouseholdChange(deps: AppDeps, principal: Principal, householdId: string, action: string, ip: string | null) {
  const household = await deps.repos.households.get(householdId);
  const links = household ? await deps.repos.households.currentLinks(householdId) : [];
  const loaded = await loadAccess(deps, links.map((l) => l.chronologyId));
  const decision = decideHouseholdChange(principal, [...loaded.values()].map((l) => l.access));
  if (!decision.allowed) await refuse(deps, principal, ip, action, decision, { existing: [...loaded.keys()], details: { householdId } }, householdNotFound());
  return { household: household!, links };
}

/** POST /api/households/:householdId/children: a lead of a child already in it, who also leads the child added. */
export async function addHouseholdChild(deps: AppDeps, principal: Principal, householdId: string, body: HouseholdChildInput, ip: string | null): Promise<{ id: string; chronologyId: string }> {
  const { links } = await requireHouseholdChange(deps, principal, householdId, 'household:add-child', ip);
  const checked = checkChildLink(body, '', todayIso(deps.now()));
  if (!checked.ok) throw invalidHousehold(checked.problems);
  const loaded = await loadAccess(deps, [body.chronologyId]);
  const decision = decideHouseholdLink(principal, [loaded.get(body.chronologyId)?.access]);
  if (!decision.allowed) await refuse(deps, principal, ip, 'household:add-child', decision, { existing: [...loaded.keys()], details: { householdId } });
  const added = await deps.repos.households.addChild(householdId, checked.value, principal.id);
  if (!added.ok) {
    await audit(deps, principal, ip, { action: 'household:add-child', outcome: 'refused', chronologyId: body.chronologyId, details: { householdId, reason: 'already in a household' } });
    throw added.reason === 'linked' ? alreadyLinked(added.linked) : householdNotFound();
  }
  await audit(deps, principal, ip, { action: 'household:link', chronologyId: body.chronologyId, details: { householdId, relationship: checked.value.relationship, siblings: links.map((l) => l.chronologyId) } });
  for (const link of links) {
    await audit(deps, principal, ip, { action: 'household:child-added', chronologyId: link.chronologyId, details: { householdId, siblings: [body.chronologyId] } });
  }
  return { id: householdId, chronologyId: body.chronologyId };
}

/** DELETE /api/households/:householdId/children/:chronologyId: ends a child's link (a lead of any child in it). */
export async function removeHouseholdChild(deps: AppDeps, principal: Principal, householdId: string, chronologyId: string, ip: string | null): Promise<void> {
  const { links } = await requireHouseholdChange(deps, principal, householdId, 'household:remove-child', ip);
  if (!links.some((l) => l.chronologyId === chronologyId)) throw new ApiError(404, 'not_found', 'That child is not in this household.');
  await deps.repos.households.removeChild(householdId, chronologyId, principal.id);
  await audit(deps, principal, ip, { action: 'household:unlink', chronologyId, details: { householdId } });
  for (const link of links.filter((l) => l.chronologyId !== chronologyId)) {
    await audit(deps, principal, ip, { action: 'household:child-removed', chronologyId: link.chronologyId, details: { householdId, siblings: [chronologyId] } });
  }
}

async function summarise(deps: AppDeps, principal: Principal, link: HouseholdLinkRecord, loaded: { record: ChronologyRecord; access: ChronologyAccess }): Promise<SiblingSummary> {
  const { record, access } = loaded;
  const lead = await deps.repos.users.byId(record.leadUserId);
  return {
    chronologyId: record.id,
    givenName: record.child.givenName,
    familyName: record.child.familyName,
    dateOfBirth: record.child.dateOfBirth ?? null,
    lead: { name: lead?.name ?? 'Unknown', agency: lead?.agencySlug ?? '' },
    relationship: link.relationship as SiblingSummary['relationship'],
    from: link.from,
    to: link.to,
    canOpen: canSeeChronology(principal, access),
  };
}

/**
 * The household a chronology is in now and every child in it (this one first), each as a SiblingSummary for
 * `principal`. The caller has already decided that the principal may read this chronology, and audits.
 */
export async function householdChildren(deps: AppDeps, principal: Principal, chronologyId: string): Promise<{ household: HouseholdRecord | null; children: SiblingSummary[] }> {
  const current = await deps.repos.households.currentFor(chronologyId);
  if (!current) return { household: null, children: [] };
  const loaded = await loadAccess(deps, current.links.map((l) => l.chronologyId));
  const ordered = [...current.links].sort((a, b) => Number(b.chronologyId === chronologyId) - Number(a.chronologyId === chronologyId));
  const children: SiblingSummary[] = [];
  for (const link of ordered) {
    const found = loaded.get(link.chronologyId);
    if (found) children.push(await summarise(deps, principal, link, found));
  }
  return { household: current.household, children };
}

/**
 * GET /api/chronologies/:id/household: for anyone who may read this chronology, its household and every
 * child in it (this one included, first), each as a SiblingSummary and nothing more. Audited as a read.
 */
export async function householdOf(deps: AppDeps, principal: Principal, chronologyId: string, ip: string | null): Promise<HouseholdView> {
  await requireChronology(deps, principal, chronologyId, 'chronology:read', ip);
  const { household, children } = await householdChildren(deps, principal, chronologyId);
  if (!household) {
    await audit(deps, principal, ip, { action: 'household:read', chronologyId, details: { householdId: null } });
    return { household: null, children: [] };
  }
  await audit(deps, principal, ip, {
    action: 'household:read',
    chronologyId,
    details: { householdId: household.id, siblings: children.map((c) => c.chronologyId).filter((id) => id !== chronologyId) },
  });
  return { household: { id: household.id, name: household.name }, children };
}

/**
 * GET /api/households/:householdId: the household view of a family conference. For anyone who may see one
 * of its current children (else 404, as for a household that does not exist), every current child as a
 * SiblingSummary, oldest first, with `canOpen` saying whose chronology the reader may open. Nothing of any
 * child's entries: the browser reads those through each child's own chronology, under its own members.
 * Audited on every child's chronology (each lead learns who looked at the household their child is in).
 */
export async function householdById(deps: AppDeps, principal: Principal, householdId: string, ip: string | null): Promise<HouseholdView & { household: { id: string; name: string | null } }> {
  const household = await deps.repos.households.get(householdId);
  const links = household ? await deps.repos.households.currentLinks(householdId) : [];
  const loaded = await loadAccess(deps, links.map((l) => l.chronologyId));
  const decision = decideHouseholdRead(principal, [...loaded.values()].map((l) => l.access));
  if (!decision.allowed) await refuse(deps, principal, ip, 'household:read', decision, { existing: [...loaded.keys()], details: { householdId } }, householdNotFound());
  const children: SiblingSummary[] = [];
  for (const link of links) {
    const found = loaded.get(link.chronologyId);
    if (found) children.push(await summarise(deps, principal, link, found));
  }
  const ordered = byAgeOldestFirst(children);
  const ids = ordered.map((c) => c.chronologyId);
  for (const child of ordered) {
    await audit(deps, principal, ip, { action: 'household:read', chronologyId: child.chronologyId, details: { householdId, via: 'household-view', siblings: ids.filter((id) => id !== child.chronologyId) } });
  }
  return { household: { id: household!.id, name: household!.name }, children: ordered };
}
