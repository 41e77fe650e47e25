// Conference packs end to end: check the caller may have this kind of pack, read the shared record, choose
// the contents (pack-model.ts), render them, freeze the state in a snapshot and audit what left the system.
import { PACK_CSV_COLUMNS, actionsForPack, todayIso, type PackAction, analysisForPack, dateBounds, formatChronoDate, parseChronoDate, resolveConfig, toExchangeCsv, type Action, type AnalysisView, type PackAnalysis, type PackFormat, type PackKind, type PackHousehold, type PackPreview, type Principal, byAgeOldestFirst, pluralWord } from '@mac/domain';
import type { ChronologyRecord } from '@mac/db';
import type { AppDeps } from '../../deps.js';
import { invalid, type FieldProblem } from '../../http/errors.js';
import { audit } from '../audit.js';
import { requireChronology } from '../access.js';
import { currentAnalysis } from '../analysis.js';
import { visibleEntries } from '../exchange.js';
import { highlightsFor, loadPatternConfig } from '../patterns.js';
import { householdChildren } from '../households.js';
import { householdForPack, peopleForPack } from './pack-household.js';
import { peopleOfChronology } from '../people.js';
import { ageOn, contributingAgencies, rowsAsEntries, withheldReason, type PackModel, type PackSelection } from './pack-model.js';
import { PROTECTIVE_MARKING, type PackDocument, type RenderOptions } from './pdf.js';
import { readSharedRecord, type SharedRecord } from './shared-record.js';
import { createPackSnapshot } from './snapshots.js';

export interface PackRequest {
  kind: PackKind;
  format?: PackFormat | undefined;
  conferenceDate: string;
  from?: string | undefined;
  to?: string | undefined;
  agencies?: string[] | undefined;
  /** Include the household (issue 14): the other children's summary, and the household events marked. */
  household?: boolean | undefined;
}

/**
 * The professional pack is an export like the CSV export (any member agency); the family version is
 * prepared by the lead or a designated safeguarding lead, who answer for what the family is shown.
 */
export function packAction(kind: PackKind): Action {
  return kind === 'family' ? 'chronology:family-export' : 'chronology:export';
}

/** Reads the request's dates and agencies; every problem is reported at once (422). */
export async function parseSelection(deps: AppDeps, body: PackRequest): Promise<PackSelection> {
  const problems: FieldProblem[] = [];
  const conference = parseChronoDate(body.conferenceDate);
  if (!conference.ok) problems.push({ field: 'conferenceDate', message: conference.message });
  else if (!/^\d{4}-\d{2}-\d{2}$/.test(conference.canonical)) problems.push({ field: 'conferenceDate', message: 'conferenceDate must be an exact day, YYYY-MM-DD' });
  const bound = (field: 'from' | 'to', value: string | undefined): string | null => {
    if (value === undefined || value.trim() === '') return null;
    const parsed = parseChronoDate(value);
    if (!parsed.ok) {
      problems.push({ field, message: parsed.message });
      return null;
    }
    const bounds = dateBounds(parsed.canonical);
    return field === 'from' ? bounds.first : bounds.last;
  };
  const from = bound('from', body.from);
  const to = bound('to', body.to);
  if (from !== null && to !== null && from > to) problems.push({ field: 'to', message: 'the end of the date range is before its start' });
  let agencies: string[] | null = null;
  if (body.agencies !== undefined) {
    const known = new Set((await deps.repos.agencies.list()).map((a) => a.slug));
    body.agencies.forEach((slug, i) => {
      if (!known.has(slug)) problems.push({ field: `agencies.${i}`, message: `"${slug}" is not an agency of the partnership` });
    });
    agencies = [...new Set(body.agencies)];
  }
  if (problems.length > 0) throw invalid(`The pack options have ${pluralWord(problems.length, 'a problem', `${problems.length} problems`)}: ${problems.map((p) => p.message).join('; ')}`, problems);
  return { kind: body.kind, conferenceDate: conference.ok ? conference.canonical : '', from, to, agencies, household: body.household === true };
}

interface PreparedPack {
  record: ChronologyRecord;
  selection: PackSelection;
  shared: SharedRecord;
  model: PackModel;
  /** The analysis as it stands (its latest version: the live text, settled), frozen into the snapshot. */
  analysis: AnalysisView;
  /** What this kind of pack shows of it (analysisForPack); null for nothing. */
  packAnalysis: PackAnalysis | null;
  /** The chronology's actions as this kind of pack shows them (actionsForPack). */
  packActions: PackAction[];
  /** The household section (pack-household.ts), when asked for; and which household and children it named, for the audit. */
  packHousehold: PackHousehold | null;
  householdAudit: { householdId: string | null; siblings: string[] } | null;
}

/** Everything a pack (or its preview) is made from, after the permission check. */
export async function preparePack(deps: AppDeps, principal: Principal, chronologyId: string, body: PackRequest, ip: string | null): Promise<PreparedPack> {
  const { record } = await requireChronology(deps, principal, chronologyId, packAction(body.kind), ip);
  const selection = await parseSelection(deps, body);
  const shared = await readSharedRecord(deps, chronologyId);
  const ownRestricted = (await visibleEntries(deps, principal, record, { includeWithdrawn: true })).filter((e) => e.restricted);
  // Highlights of the shared record alone: read as an agency that owns no restricted entry (no agency has
  // an empty slug), so none of the caller's own restricted entries shapes a count or a window in a pack
  // that other agencies will read. Reviews are matched as usual.
  const sharedReader: Principal = { ...principal, agency: '' };
  const professional = await highlightsFor(deps, sharedReader, chronologyId);
  const agencies = await deps.repos.agencies.list();
  const dateOfBirth = record.child.dateOfBirth ?? null;
  // The family version's highlights are recomputed from what the family will see (pack-model.ts familyHighlights).
  const familyOnlyHighlights =
    selection.kind === 'family'
      ? (
          await deps.patterns.analyse({
            entries: shared.entries.filter((e) => withheldReason(e, 'family') === null),
            dateOfBirth,
            asOf: professional.asOf,
            config: resolveConfig(loadPatternConfig(deps)),
            agencies,
          })
        ).highlights
      : undefined;
  // A large chronology's model is built in the stored-state worker (state-decoder.ts).
  const model = await deps.stateDecoder.packModel({ selection, shared: shared.entries, ownRestricted, highlights: professional.highlights, familyOnlyHighlights, agencies, dateOfBirth });
  const analysis = await deps.analysisLive.settled(chronologyId, () => currentAnalysis(deps.repos, chronologyId));
  const names = new Map(agencies.map((a) => [a.slug, a.name]));
  const packAnalysis = analysisForPack(analysis, selection.kind, (slug) => names.get(slug) ?? slug);
  // Actions (issue 15): every action of the chronology (each one is seen by every member), as this kind of
  // pack shows it; links only to entries in the pack, overdue judged against today.
  const people = new Map<string, string>();
  const stored = await deps.repos.actions.listForChronology(chronologyId);
  for (const id of new Set(stored.map((a) => a.ownerUserId))) people.set(id, (await deps.repos.users.byId(id))?.name ?? 'Unknown');
  const packActions = actionsForPack(stored, selection.kind, todayIso(deps.now()), { agency: (slug) => names.get(slug) ?? slug, person: (id) => people.get(id) ?? 'Unknown' }, new Set(model.rows.map((r) => r.entryId)));
  const { packHousehold, householdAudit } = selection.household ? await loadPackHousehold(deps, principal, chronologyId, selection, model, names, ip) : { packHousehold: null, householdAudit: null };
  return { record, selection, shared, model, analysis, packAnalysis, packActions, packHousehold, householdAudit };
}

/**
 * The other children of the household as the pack shows them. Only what the household already shares with
 * every member of this chronology (GET …/household) is read: each sibling's name, date of birth, place in the
 * household, lead and whether the producer may open them. No sibling's entries are read at all, so none can
 * reach the pack, whoever produces it; household events are the rows of THIS chronology that carry a
 * household event id.
 */
async function loadPackHousehold(deps: AppDeps, principal: Principal, chronologyId: string, selection: PackSelection, model: PackModel, names: ReadonlyMap<string, string>, ip: string | null) {
  const { household, children } = await householdChildren(deps, principal, chronologyId);
  const siblings = byAgeOldestFirst(children.filter((c) => c.chronologyId !== chronologyId));
  const packHousehold = householdForPack(
    selection.kind,
    household,
    siblings.map((c) => ({ ...c, lead: { name: c.lead.name, agencyName: names.get(c.lead.agency) ?? c.lead.agency } })),
    selection.conferenceDate,
    model.rows,
  );
  // The adults around the child, professional version only (peopleForPack); read as the producer sees them (audited as people:read).
  const people = selection.kind === 'professional' ? peopleForPack('professional', chronologyId, (await peopleOfChronology(deps, principal, chronologyId, ip)).people, (slug) => names.get(slug) ?? slug) : undefined;
  return {
    packHousehold: people ? { ...packHousehold, people } : packHousehold,
    householdAudit: { householdId: household?.id ?? null, siblings: siblings.map((c) => c.chronologyId), ...(people ? { people: people.length } : {}) },
  };
}

/** The preview: exactly the rows and highlights that would be shared, and counts of what is withheld. */
export async function previewPack(deps: AppDeps, principal: Principal, chronologyId: string, body: PackRequest, ip: string | null): Promise<PackPreview> {
  const { selection, shared, model, packAnalysis, packActions, packHousehold, householdAudit } = await preparePack(deps, principal, chronologyId, body, ip);
  await audit(deps, principal, ip, {
    action: 'chronology:pack-preview',
    chronologyId,
    details: { kind: selection.kind, version: shared.version, rows: model.rows.length, withheld: model.withheld, analysisVersion: packAnalysis?.version ?? null, ...(householdAudit ? { household: householdAudit } : {}) },
  });
  return {
    kind: model.kind,
    conferenceDate: selection.conferenceDate,
    options: { from: selection.from, to: selection.to, agencies: selection.agencies, ...(selection.household ? { household: true } : {}) },
    version: shared.version,
    rows: model.rows,
    highlights: model.highlights,
    withheld: model.withheld,
    withheldSummary: model.withheldSummary,
    notSelected: model.notSelected,
    highlightsLeftOut: model.highlightsLeftOut,
    ...(model.childsVoice ? { childsVoice: model.childsVoice } : {}),
    ...(packAnalysis ? { analysis: packAnalysis } : {}),
    actions: packActions,
    ...(packHousehold ? { household: packHousehold } : {}),
  };
}

const AT = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

function describeSelection(selection: PackSelection, names: ReadonlyMap<string, string>): string {
  const dates =
    selection.from && selection.to
      ? `From ${formatChronoDate(selection.from)} to ${formatChronoDate(selection.to)}`
      : selection.from
        ? `From ${formatChronoDate(selection.from)}`
        : selection.to
          ? `Up to ${formatChronoDate(selection.to)}`
          : 'All dates';
  const agencies = selection.agencies === null ? 'all agencies' : `only ${selection.agencies.map((s) => names.get(s) ?? s).join(', ')}`;
  return `${dates}; ${agencies}`;
}

/**
 * The PDF's cover and metadata. In the family version no member of staff is named (not the lead, not
 * whoever produced the pack): the family version names agencies only. The child is not a third party.
 */
async function packDocument(deps: AppDeps, principal: Principal, prepared: PreparedPack): Promise<PackDocument> {
  const { record, selection, shared, model, packAnalysis, packActions, packHousehold } = prepared;
  const names = new Map((await deps.repos.agencies.list()).map((a) => [a.slug, a.name]));
  const family = selection.kind === 'family';
  const lead = await deps.repos.users.byId(record.leadUserId);
  const leadAgency = lead ? (names.get(lead.agencySlug) ?? lead.agencySlug) : '';
  const ownAgency = names.get(principal.agency) ?? principal.agency;
  const childName = `${record.child.givenName} ${record.child.familyName}`;
  const now = deps.now();
  return {
    kind: selection.kind,
    title: `Chronology – ${childName} – ${family ? 'family' : 'professional'} version`,
    subject: `Conference pack for the conference on ${formatChronoDate(selection.conferenceDate)} – ${PROTECTIVE_MARKING}`,
    createdAt: now,
    cover: {
      childName,
      dateOfBirth: record.child.dateOfBirth ? formatChronoDate(record.child.dateOfBirth) : 'Not recorded',
      ageAtConference: ageOn(record.child.dateOfBirth ?? null, selection.conferenceDate),
      conferenceDate: formatChronoDate(selection.conferenceDate),
      lead: family ? leadAgency : lead ? `${lead.name}, ${leadAgency}` : 'Not known',
      agencies: contributingAgencies(model, record.memberAgencies).map((a) => a.name),
      selection: describeSelection(selection, names),
      generatedBy: family ? ownAgency : `${principal.name}, ${ownAgency}`,
      generatedAt: AT.format(now),
      version: shared.version,
    },
    rows: model.rows,
    highlights: model.highlights,
    ...(model.childsVoice ? { childsVoice: model.childsVoice } : {}),
    ...(packAnalysis ? { analysis: packAnalysis } : {}),
    actions: packActions,
    ...(packHousehold ? { household: packHousehold } : {}),
  };
}

export interface ProducedPack {
  body: Uint8Array | string;
  contentType: string;
  fileName: string;
  snapshotId: string;
  version: string;
}

/**
 * Produces the file, then freezes the state it was made from and audits which entries left the system.
 * The state was read before rendering, so a write arriving meanwhile is in neither. The PDF is drawn in a
 * worker thread (pdf-pool.ts): other requests and rooms go on meanwhile; a full queue answers 503.
 */
export async function producePack(deps: AppDeps, principal: Principal, chronologyId: string, body: PackRequest, ip: string | null, render: RenderOptions = {}): Promise<ProducedPack> {
  const prepared = await preparePack(deps, principal, chronologyId, body, ip);
  const { selection, shared, model, analysis, packAnalysis } = prepared;
  const format: PackFormat = body.format ?? 'pdf';
  const file =
    format === 'pdf' ? await deps.pdf.render(await packDocument(deps, principal, prepared), render) : toExchangeCsv(rowsAsEntries(model.rows), await deps.repos.agencies.list(), { columns: PACK_CSV_COLUMNS });
  const entryIds = model.rows.map((r) => r.entryId);
  const highlightIds = model.highlights.map((h) => h.id);
  const snapshot = await createPackSnapshot(deps, principal, chronologyId, { selection, format, state: shared.state, version: shared.version, entryIds, highlightIds, analysis });
  await audit(deps, principal, ip, {
    action: 'chronology:pack',
    chronologyId,
    details: {
      kind: selection.kind,
      format,
      options: { conferenceDate: selection.conferenceDate, from: selection.from, to: selection.to, agencies: selection.agencies, household: selection.household },
      version: shared.version,
      entryIds,
      highlightIds,
      snapshotId: snapshot.id,
      analysisVersion: packAnalysis?.version ?? null,
      actions: prepared.packActions.length,
      ...(prepared.householdAudit ? { household: prepared.householdAudit } : {}),
    },
  });
  return {
    body: file,
    contentType: format === 'pdf' ? 'application/pdf' : 'text/csv; charset=utf-8',
    // No child's name in the file name: it ends up in download lists and sync folders.
    fileName: `conference-pack-${selection.kind}-${selection.conferenceDate}.${format}`,
    snapshotId: snapshot.id,
    version: shared.version,
  };
}
