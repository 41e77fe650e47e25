// The adults around the child (issue 14 item 3): people records, agencies' flags, merges. The rules are in
// packages/domain people.ts; this module loads what they need, audits every read, change and refusal, and
// writes through the people repository.
//
// Visibility: a person exists for a caller only through a chronology the caller may see. Records merged
// into one another count as one person (the survivor) linked to every chronology of either, so a person
// seen on Kai's chronology and merged into Leo's record stays visible to Kai's members. Each flag is seen
// as its agency's sharing allows (`agency`: that agency only, as a restricted entry); relationships to
// chronologies the caller may not see are left out, so nothing of another child's membership leaks.
//
// One module: listing, linking, flagging and merging people share the same visibility rule and audit
// shape; each operation is short and they change together.
import {
  canSeeChronology,
  checkFlag,
  checkFlagWithdrawal,
  checkNewPerson,
  checkPersonPatch,
  decideFlagWithdrawal,
  decidePersonAdd,
  decidePersonChange,
  decidePersonMerge,
  isMember,
  mergeSuggestions,
  normalisedPersonName,
  survivorOf,
  todayIso,
  visibleFlag,
  type ChronologyAccess,
  type Decision,
  type NewPersonInput,
  type PersonLink,
  type PersonPatchInput,
  type Principal,
  pluralWord,
} from '@mac/domain';
import type { PeopleOf, PersonFlagRecord, PersonLinkRecord, PersonRecord } from '@mac/db';
import type { AppDeps } from '../deps.js';
import { ApiError, invalid, notFound } from '../http/errors.js';
import { accessOf, requireChronology } from './access.js';
import { audit } from './audit.js';

export interface PersonRelationshipView {
  chronologyId: string;
  relationship: string;
  from: string | null;
  to: string | null;
}

export interface PersonFlagView {
  id: string;
  kind: string;
  reason: string;
  sharing: string;
  agency: string;
  createdAt: string;
  createdBy: { id: string; name: string };
  withdrawnAt: string | null;
  withdrawnBy: { id: string; name: string } | null;
  withdrawnReason: string | null;
}

export interface PersonView {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  /** The record this one was merged into (the survivor), or null. A merged record shows its own links and no flags. */
  mergedInto: string | null;
  householdId: string | null;
  createdAt: string;
  createdAgency: string;
  /** To the children the caller may see: the survivor's own and those of the records merged into it. */
  relationships: PersonRelationshipView[];
  /** The flags the caller may see (a survivor's include those set on records merged into it), oldest first. */
  flags: PersonFlagView[];
}

const personNotFound = () => notFound('person');

function invalidPerson(problems: { field: string; message: string }[]) {
  return invalid(`The person has ${pluralWord(problems.length, 'a problem', `${problems.length} problems`)}: ${problems.map((p) => p.message).join('; ')}`, problems);
}

/** Access of every chronology named, loaded once (break-glass grants included). */
async function accessMap(deps: AppDeps, ids: Iterable<string>): Promise<Map<string, ChronologyAccess>> {
  const out = new Map<string, ChronologyAccess>();
  const unique = [...new Set(ids)];
  if (unique.length === 0) return out;
  for (const record of await deps.repos.chronologies.listByIds(unique)) out.set(record.id, await accessOf(deps, record));
  return out;
}

/**
 * A set of records, links and flags read together, seen as one caller sees it: who each record stands for
 * now (its survivor), the chronologies each person (survivor) is linked to, and which the caller may see.
 */
class PeopleGraph {
  readonly records = new Map<string, PersonRecord>();
  private readonly mergedInto = new Map<string, string | null>();
  private readonly linksBySurvivor = new Map<string, PersonLinkRecord[]>();
  private readonly linksByRecord = new Map<string, PersonLinkRecord[]>();
  private readonly flagsBySurvivor = new Map<string, PersonFlagRecord[]>();

  constructor(
    data: PeopleOf,
    readonly access: Map<string, ChronologyAccess>,
    private readonly principal: Principal,
  ) {
    for (const p of data.people) {
      this.records.set(p.id, p);
      this.mergedInto.set(p.id, p.mergedInto);
    }
    for (const link of data.links) {
      push(this.linksByRecord, link.personId, link);
      push(this.linksBySurvivor, this.survivor(link.personId), link);
    }
    for (const flag of data.flags) push(this.flagsBySurvivor, this.survivor(flag.personId), flag);
  }

  survivor(id: string): string {
    return survivorOf(id, this.mergedInto);
  }

  /** Every chronology the person a record stands for is linked to (through any of its merged records). */
  chronologiesOf(id: string): ChronologyAccess[] {
    const ids = new Set((this.linksBySurvivor.get(this.survivor(id)) ?? []).map((l) => l.chronologyId));
    return [...ids].map((c) => this.access.get(c)).filter((a): a is ChronologyAccess => a !== undefined);
  }

  visible(id: string): boolean {
    return this.principal.role !== 'admin' && this.chronologiesOf(id).some((c) => canSeeChronology(this.principal, c));
  }

  private seesChronology(chronologyId: string): boolean {
    const access = this.access.get(chronologyId);
    return access !== undefined && canSeeChronology(this.principal, access);
  }

  view(id: string): PersonView {
    const p = this.records.get(id)!;
    const survivor = p.mergedInto === null;
    const links = (survivor ? this.linksBySurvivor.get(id) : this.linksByRecord.get(id)) ?? [];
    const relationships = new Map<string, PersonRelationshipView>();
    for (const l of links) {
      // The survivor's own link to a child wins over a merged record's.
      if (!this.seesChronology(l.chronologyId) || (relationships.has(l.chronologyId) && l.personId !== id)) continue;
      relationships.set(l.chronologyId, { chronologyId: l.chronologyId, relationship: l.relationship, from: l.from, to: l.to });
    }
    const flags = survivor ? (this.flagsBySurvivor.get(id) ?? []).filter((f) => visibleFlag(this.principal, f)).map(flagView) : [];
    return {
      id: p.id,
      givenName: p.givenName,
      familyName: p.familyName,
      dateOfBirth: p.dateOfBirth,
      mergedInto: p.mergedInto === null ? null : this.survivor(p.id),
      householdId: p.householdId,
      createdAt: p.createdAt,
      createdAgency: p.createdAgency,
      relationships: [...relationships.values()],
      flags,
    };
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function flagView(f: PersonFlagRecord): PersonFlagView {
  return {
    id: f.id,
    kind: f.kind,
    reason: f.reason,
    sharing: f.sharing,
    agency: f.agency,
    createdAt: f.createdAt,
    createdBy: { id: f.createdBy, name: f.createdByName },
    withdrawnAt: f.withdrawnAt,
    withdrawnBy: f.withdrawnBy === null ? null : { id: f.withdrawnBy, name: f.withdrawnByName ?? '' },
    withdrawnReason: f.withdrawnReason,
  };
}

async function graphOf(deps: AppDeps, principal: Principal, chronologyIds: readonly string[]): Promise<PeopleGraph> {
  const data = await deps.repos.people.peopleOf(chronologyIds);
  const access = await accessMap(deps, data.links.map((l) => l.chronologyId));
  return new PeopleGraph(data, access, principal);
}

/** The graph around one person (its own chronologies, so its merged records and survivor come too). */
async function graphAround(deps: AppDeps, principal: Principal, personId: string): Promise<PeopleGraph | null> {
  const links = await deps.repos.people.links([personId]);
  if (links.length === 0) return null;
  const graph = await graphOf(deps, principal, [...new Set(links.map((l) => l.chronologyId))]);
  return graph.records.has(personId) ? graph : null;
}

async function refuse(deps: AppDeps, principal: Principal, ip: string | null, action: string, decision: Exclude<Decision, { allowed: true }>, chronologyIds: readonly string[], details: Record<string, unknown>, missing = personNotFound()): Promise<never> {
  const all = { ...details, reason: decision.reason };
  if (chronologyIds.length === 0) await audit(deps, principal, ip, { action, outcome: 'refused', details: all });
  for (const chronologyId of chronologyIds) await audit(deps, principal, ip, { action, outcome: 'refused', chronologyId, details: all });
  throw decision.status === 404 ? missing : new ApiError(403, 'forbidden', decision.reason);
}

/** A person the caller may know of, with the graph around it; 404 (audited) otherwise. */
async function requirePerson(deps: AppDeps, principal: Principal, personId: string, action: string, ip: string | null) {
  const graph = await graphAround(deps, principal, personId);
  if (graph === null || !graph.visible(personId)) {
    await audit(deps, principal, ip, { action, outcome: 'refused', details: { personId, reason: 'person not found' } });
    throw personNotFound();
  }
  return graph;
}

/** The chronologies of a person the caller may see (where its audit records go). */
function visibleChronologyIds(graph: PeopleGraph, principal: Principal, personId: string): string[] {
  return graph
    .chronologiesOf(personId)
    .filter((c) => canSeeChronology(principal, c))
    .map((c) => c.id);
}

/** GET /api/chronologies/:id/people: every person linked to this child that the caller may see. */
export async function peopleOfChronology(deps: AppDeps, principal: Principal, chronologyId: string, ip: string | null): Promise<{ people: PersonView[] }> {
  await requireChronology(deps, principal, chronologyId, 'chronology:read', ip);
  const graph = await graphOf(deps, principal, [chronologyId]);
  const people = [...graph.records.keys()].filter((id) => graph.visible(id)).map((id) => graph.view(id));
  await audit(deps, principal, ip, { action: 'people:read', chronologyId, details: { personIds: people.map((p) => p.id) } });
  return { people };
}

/**
 * For the family pattern rules (issue 14 item 4): the people of this chronology as the principal may see
 * them, flags reduced to what a rule needs. The caller (the patterns service) audits its own read.
 */
export async function peopleForPatterns(
  deps: AppDeps,
  principal: Principal,
  chronologyId: string,
): Promise<Array<{ id: string; name: string; mergedInto?: string; relationships: Array<{ chronologyId: string; relationship: string; from?: string; to?: string }>; flags: Array<{ kind: string; createdAt: string; withdrawnAt?: string }> }>> {
  const graph = await graphOf(deps, principal, [chronologyId]);
  return [...graph.records.keys()]
    .filter((id) => graph.visible(id))
    .map((id) => {
      const v = graph.view(id);
      return {
        id: v.id,
        name: `${v.givenName} ${v.familyName}`.trim(),
        ...(v.mergedInto !== null ? { mergedInto: v.mergedInto } : {}),
        relationships: v.relationships.map((r) => ({ chronologyId: r.chronologyId, relationship: r.relationship, ...(r.from !== null ? { from: r.from } : {}), ...(r.to !== null ? { to: r.to } : {}) })),
        flags: v.flags.map((f) => ({ kind: f.kind, createdAt: f.createdAt, ...(f.withdrawnAt !== null ? { withdrawnAt: f.withdrawnAt } : {}) })),
      };
    });
}

async function createWithLinks(deps: AppDeps, principal: Principal, input: { givenName: string; familyName: string; dateOfBirth: string | null; householdId: string | null }, links: Array<PersonLink & { chronologyId: string }>, ip: string | null) {
  const record = await deps.repos.people.create({
    ...input,
    nameKey: normalisedPersonName(input.givenName, input.familyName),
    createdBy: principal.id,
    createdAgency: principal.agency,
    links,
  });
  for (const link of links) {
    deps.rooms.notePeople(link.chronologyId, [record.id]);
    await audit(deps, principal, ip, { action: 'person:create', chronologyId: link.chronologyId, details: { personId: record.id, relationship: link.relationship, householdId: input.householdId } });
  }
  return record;
}

/** POST /api/chronologies/:id/people: the lead, or a person of a member agency, adds someone around the child. */
export async function addPersonToChronology(deps: AppDeps, principal: Principal, chronologyId: string, body: NewPersonInput, ip: string | null): Promise<{ id: string }> {
  const { access } = await requireChronology(deps, principal, chronologyId, 'chronology:read', ip);
  const decision = decidePersonAdd(principal, access);
  if (!decision.allowed) await refuse(deps, principal, ip, 'person:create', decision, [chronologyId], {}, notFound());
  const checked = checkNewPerson({ ...body, children: undefined }, todayIso(deps.now()));
  if (!checked.ok) throw invalidPerson(checked.problems);
  const { givenName, familyName, dateOfBirth, link } = checked.value;
  const record = await createWithLinks(deps, principal, { givenName, familyName, dateOfBirth, householdId: null }, [{ chronologyId, ...link }], ip);
  return { id: record.id };
}

/**
 * POST /api/households/:householdId/people: someone living in (or around) the household, linked to each
 * current child whose chronology the caller may add people to; the others are listed as skipped with the
 * reason (the caller already knows those children exist: GET …/household).
 */
export async function addPersonToHousehold(
  deps: AppDeps,
  principal: Principal,
  householdId: string,
  body: NewPersonInput,
  ip: string | null,
): Promise<{ id: string; chronologyIds: string[]; skipped: Array<{ chronologyId: string; reason: string }> }> {
  const household = await deps.repos.households.get(householdId);
  const links = household ? await deps.repos.households.currentLinks(householdId) : [];
  const access = await accessMap(deps, links.map((l) => l.chronologyId));
  const current = links.map((l) => access.get(l.chronologyId)).filter((a): a is ChronologyAccess => a !== undefined);
  if (principal.role === 'admin' || !current.some((c) => canSeeChronology(principal, c))) {
    await refuse(deps, principal, ip, 'person:create', { allowed: false, status: 404, reason: 'household not found' }, current.map((c) => c.id), { householdId }, notFound('household'));
  }
  const checked = checkNewPerson(body, todayIso(deps.now()));
  if (!checked.ok) throw invalidPerson(checked.problems);
  const problems = [...checked.value.children.keys()].flatMap((id, i) => (access.has(id) && links.some((l) => l.chronologyId === id) ? [] : [{ field: `children.${i}.chronologyId`, message: 'Must be a child of this household' }]));
  if (problems.length > 0) throw invalidPerson(problems);
  const chosen: Array<PersonLink & { chronologyId: string }> = [];
  const skipped: Array<{ chronologyId: string; reason: string }> = [];
  for (const c of current) {
    const decision = decidePersonAdd(principal, c);
    if (decision.allowed) chosen.push({ chronologyId: c.id, ...(checked.value.children.get(c.id) ?? checked.value.link) });
    else skipped.push({ chronologyId: c.id, reason: isMember(principal, c) ? decision.reason : 'your agency is not a member of this child’s chronology' });
  }
  if (chosen.length === 0) {
    await refuse(deps, principal, ip, 'person:create', { allowed: false, status: 403, reason: 'your agency is not a member of any of these children’s chronologies' }, current.filter((c) => canSeeChronology(principal, c)).map((c) => c.id), { householdId });
  }
  const { givenName, familyName, dateOfBirth } = checked.value;
  const record = await createWithLinks(deps, principal, { givenName, familyName, dateOfBirth, householdId }, chosen, ip);
  return { id: record.id, chronologyIds: chosen.map((c) => c.chronologyId), skipped };
}

/** PATCH /api/people/:personId: names, date of birth, relationships to children the caller may see. */
export async function updatePerson(deps: AppDeps, principal: Principal, personId: string, body: PersonPatchInput, ip: string | null): Promise<PersonView> {
  const graph = await requirePerson(deps, principal, personId, 'person:update', ip);
  const chronologies = graph.chronologiesOf(personId);
  const decision = decidePersonChange(principal, chronologies);
  if (!decision.allowed) await refuse(deps, principal, ip, 'person:update', decision, visibleChronologyIds(graph, principal, personId), { personId });
  const checked = checkPersonPatch(body, todayIso(deps.now()));
  if (!checked.ok) throw invalidPerson(checked.problems);
  const patch = checked.value;
  const own = new Set((await deps.repos.people.links([personId])).map((l) => l.chronologyId));
  const wrong = patch.relationships.flatMap((r, i) => {
    const access = graph.access.get(r.chronologyId);
    return own.has(r.chronologyId) && access !== undefined && isMember(principal, access) ? [] : [{ field: `relationships.${i}.chronologyId`, message: 'Must be a child this record is linked to, in a chronology your agency is a member of' }];
  });
  if (wrong.length > 0) throw invalidPerson(wrong);
  const current = graph.records.get(personId)!;
  const givenName = patch.givenName ?? current.givenName;
  const familyName = patch.familyName ?? current.familyName;
  await deps.repos.people.update(personId, {
    ...(patch.givenName !== undefined ? { givenName } : {}),
    ...(patch.familyName !== undefined ? { familyName } : {}),
    ...(patch.givenName !== undefined || patch.familyName !== undefined ? { nameKey: normalisedPersonName(givenName, familyName) } : {}),
    ...(patch.dateOfBirth !== undefined ? { dateOfBirth: patch.dateOfBirth } : {}),
    relationships: patch.relationships,
    updatedBy: principal.id,
  });
  const fields = [
    ...(['givenName', 'familyName', 'dateOfBirth'] as const).filter((f) => patch[f] !== undefined),
    ...(patch.relationships.length > 0 ? ['relationships'] : []),
  ];
  for (const chronologyId of visibleChronologyIds(graph, principal, personId)) {
    await audit(deps, principal, ip, { action: 'person:update', chronologyId, details: { personId, changes: fields } });
  }
  const after = await requirePerson(deps, principal, personId, 'person:update', ip);
  return after.view(personId);
}

/** POST /api/people/:personId/flags: an agency flags a person; who and when are stamped here. */
export async function flagPerson(deps: AppDeps, principal: Principal, personId: string, body: { kind?: unknown; reason?: unknown; sharing?: unknown }, ip: string | null): Promise<PersonFlagView> {
  const graph = await requirePerson(deps, principal, personId, 'person:flag', ip);
  const decision = decidePersonChange(principal, graph.chronologiesOf(personId));
  if (!decision.allowed) await refuse(deps, principal, ip, 'person:flag', decision, visibleChronologyIds(graph, principal, personId), { personId });
  const checked = checkFlag(body);
  if (!checked.ok) throw invalid(`The flag has ${pluralWord(checked.problems.length, 'a problem', `${checked.problems.length} problems`)}: ${checked.problems.map((p) => p.message).join('; ')}`, checked.problems);
  const flag = await deps.repos.people.addFlag({ personId, ...checked.value, agency: principal.agency, createdBy: principal.id, createdByName: principal.name });
  for (const chronologyId of visibleChronologyIds(graph, principal, personId)) {
    // No reason here; an agency-only flag's record is reduced for other agencies (audit-visibility.ts).
    await audit(deps, principal, ip, { action: 'person:flag', chronologyId, details: { personId, flagId: flag.id, flagKind: flag.kind, flagSharing: flag.sharing } });
  }
  return flagView(flag);
}

/** POST /api/people/:personId/flags/:flagId/withdraw: the flagging agency withdraws its flag, with a reason. */
export async function withdrawPersonFlag(deps: AppDeps, principal: Principal, personId: string, flagId: string, body: { reason?: unknown }, ip: string | null): Promise<PersonFlagView> {
  const graph = await requirePerson(deps, principal, personId, 'person:withdraw-flag', ip);
  const flag = await deps.repos.people.getFlag(flagId);
  if (!flag || graph.survivor(flag.personId) !== graph.survivor(personId)) throw notFound('flag');
  const decision = decideFlagWithdrawal(principal, flag, graph.chronologiesOf(personId));
  if (!decision.allowed) await refuse(deps, principal, ip, 'person:withdraw-flag', decision, visibleChronologyIds(graph, principal, personId), { personId }, notFound('flag'));
  const checked = checkFlagWithdrawal(body);
  if (!checked.ok) throw invalid('The withdrawal needs a reason.', checked.problems);
  if (!(await deps.repos.people.withdrawFlag(flagId, { by: principal.id, byName: principal.name, reason: checked.value.reason }))) {
    throw new ApiError(409, 'already_withdrawn', 'This flag has already been withdrawn.');
  }
  for (const chronologyId of visibleChronologyIds(graph, principal, personId)) {
    await audit(deps, principal, ip, { action: 'person:withdraw-flag', chronologyId, details: { personId, flagId, flagKind: flag.kind, flagSharing: flag.sharing } });
  }
  return flagView((await deps.repos.people.getFlag(flagId))!);
}

/** The household's chronologies (this one first), or only this one. */
async function householdChronologies(deps: AppDeps, chronologyId: string): Promise<string[]> {
  const current = await deps.repos.households.currentFor(chronologyId);
  return [chronologyId, ...(current?.links ?? []).map((l) => l.chronologyId).filter((id) => id !== chronologyId)];
}

/**
 * GET /api/chronologies/:id/people/merge-suggestions: records that may be one person (the same normalised
 * name and date of birth) among the people of this child and its household's children that the caller
 * sees, at least one of them linked to this child. Only suggested: a lead merges (POST …/merge).
 */
export async function peopleMergeSuggestions(deps: AppDeps, principal: Principal, chronologyId: string, ip: string | null) {
  const { access } = await requireChronology(deps, principal, chronologyId, 'chronology:read', ip);
  const graph = await graphOf(deps, principal, await householdChronologies(deps, chronologyId));
  const candidates = [...graph.records.values()]
    .filter((p) => graph.visible(p.id))
    .map((p) => ({ id: p.id, givenName: p.givenName, familyName: p.familyName, dateOfBirth: p.dateOfBirth, mergedInto: p.mergedInto, chronologyIds: graph.chronologiesOf(p.id).map((c) => c.id) }));
  const suggestions = mergeSuggestions(candidates)
    .filter((s) => s.personIds.some((id) => graph.chronologiesOf(id).some((c) => c.id === chronologyId)))
    .map((s) => ({
      reason: s.reason,
      people: s.personIds.map((id) => graph.view(id)),
      canMerge: s.personIds.every((id) => decidePersonMerge(principal, graph.chronologiesOf(id), graph.chronologiesOf(s.personIds[0]!)).allowed),
    }));
  void access;
  await audit(deps, principal, ip, { action: 'people:merge-suggestions', chronologyId, details: { personIds: suggestions.flatMap((s) => s.people.map((p) => p.id)) } });
  return { suggestions };
}

/**
 * POST /api/people/:personId/merge { intoPersonId }: a lead says two records are one person. Both stay;
 * this one points at the survivor, whose view gathers both records' links and flags, and entries naming
 * either resolve to it.
 */
export async function mergePerson(deps: AppDeps, principal: Principal, personId: string, body: { intoPersonId?: unknown }, ip: string | null): Promise<{ id: string; mergedInto: string }> {
  const graph = await requirePerson(deps, principal, personId, 'person:merge', ip);
  const intoId = body.intoPersonId;
  if (typeof intoId !== 'string' || intoId === '') throw invalid('Say which record this one is merged into.', [{ field: 'intoPersonId', message: 'intoPersonId is required' }]);
  if (intoId === personId) throw invalid('A record cannot be merged into itself.', [{ field: 'intoPersonId', message: 'intoPersonId must be another person' }]);
  const into = await graphAround(deps, principal, intoId);
  if (into === null || !into.visible(intoId)) {
    await audit(deps, principal, ip, { action: 'person:merge', outcome: 'refused', details: { personId, reason: 'the other person was not found' } });
    throw invalid('No person was found with that id, or you do not have access to them.', [{ field: 'intoPersonId', message: 'intoPersonId must be a person you can see' }]);
  }
  const decision = decidePersonMerge(principal, graph.chronologiesOf(personId), into.chronologiesOf(intoId));
  if (!decision.allowed) await refuse(deps, principal, ip, 'person:merge', decision, visibleChronologyIds(graph, principal, personId), { personId, intoPersonId: intoId });
  if (graph.records.get(personId)!.mergedInto !== null) throw new ApiError(409, 'already_merged', 'This record has already been merged into another.');
  if (into.records.get(intoId)!.mergedInto !== null) throw invalid('That record has been merged into another: merge into the record it now stands for.', [{ field: 'intoPersonId', message: 'intoPersonId has been merged into another record' }]);
  const merged = await deps.repos.people.merge(personId, intoId, principal.id);
  if (!merged.ok) throw new ApiError(409, 'already_merged', 'One of these records has been merged meanwhile: reload and try again.');
  const chronologies = new Set([...visibleChronologyIds(graph, principal, personId), ...visibleChronologyIds(into, principal, intoId)]);
  // Entries of this record's chronologies may now name the survivor (and the survivor's chronologies this record).
  for (const c of graph.chronologiesOf(personId)) deps.rooms.notePeople(c.id, [intoId]);
  for (const chronologyId of chronologies) {
    await audit(deps, principal, ip, { action: 'person:merge', chronologyId, details: { personId, intoPersonId: intoId } });
  }
  return { id: personId, mergedInto: intoId };
}

/**
 * For the entry routes: a 422 naming `personIds` unless every id is a person an entry of this chronology
 * may name (linked to it, or the record one linked to it was merged into).
 */
export async function checkEntryPeople(deps: AppDeps, chronologyId: string, personIds: readonly string[] | undefined, before: readonly string[] = []): Promise<void> {
  const added = (personIds ?? []).filter((id) => !before.includes(id));
  if (added.length === 0) return;
  const known = new Set(await deps.repos.people.idsForChronology(chronologyId));
  const unknown = added.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw invalid('The entry names someone who is not a person of this chronology.', [{ field: 'personIds', message: `personIds: ${pluralWord(unknown.length, 'one id is', `${unknown.length} ids are`)} not people of this chronology (add them to the people around the child first)` }]);
  }
}
