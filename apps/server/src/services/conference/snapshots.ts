// Snapshots: "as presented at conference on DATE". Producing a pack freezes the shared document's full
// state beside the pack's options, so what a conference saw can be reopened exactly, and what changed
// since can be listed for the next one. Only the shared document is frozen: restricted entries never go
// into a pack, so there is nothing of them to keep. The analysis (issue 15) is frozen beside it as it stood
// (its latest version: the live text, settled), whichever version of the pack was produced, so a reopened
// snapshot shows what the professionals' analysis and each agency's view said at that conference.
import { decide, ENTRY_FIELDS, formatChronoDate, sortEntries, type AnalysisView, type Entry, type PackFormat, type Principal } from '@mac/domain';
import type { SnapshotRecord, SnapshotSummary } from '@mac/db';
import type { AppDeps } from '../../deps.js';
import { notFound } from '../../http/errors.js';
import { audit } from '../audit.js';
import { requireChronology } from '../access.js';
import type { PackSelection } from './pack-model.js';
import { readSharedRecord } from './shared-record.js';

export interface PackSnapshotInput {
  selection: PackSelection;
  format: PackFormat;
  state: Uint8Array;
  version: string;
  entryIds: string[];
  highlightIds: string[];
  analysis: AnalysisView;
}

export interface SnapshotView {
  id: string;
  label: string;
  takenAt: string;
  takenBy: { id: string; name: string };
  conferenceDate: string | null;
  kind: string | null;
  format: string | null;
  version: string | null;
  entryCount: number | null;
  options: { from: string | null; to: string | null; agencies: string[] | null } | null;
}

export async function createPackSnapshot(deps: AppDeps, principal: Principal, chronologyId: string, input: PackSnapshotInput): Promise<SnapshotRecord> {
  const { selection } = input;
  return await deps.repos.snapshots.create({
    chronologyId,
    label: `As presented at conference on ${formatChronoDate(selection.conferenceDate)} (${selection.kind} version, ${input.format.toUpperCase()})`,
    takenBy: principal.id,
    sharedState: input.state,
    meta: {
      conferenceDate: selection.conferenceDate,
      kind: selection.kind,
      format: input.format,
      options: { from: selection.from, to: selection.to, agencies: selection.agencies },
      version: input.version,
      entryIds: input.entryIds,
      highlightIds: input.highlightIds,
      analysis: input.analysis,
      producer: { id: principal.id, name: principal.name, agency: principal.agency },
    },
  });
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** A snapshot as the API shows it. Meta is read defensively: a snapshot taken by other code may lack fields. */
export async function viewOf(deps: AppDeps, s: SnapshotSummary | SnapshotRecord): Promise<SnapshotView> {
  const meta = s.meta;
  const options = meta.options && typeof meta.options === 'object' ? (meta.options as Record<string, unknown>) : null;
  const producer = meta.producer && typeof meta.producer === 'object' ? (meta.producer as Record<string, unknown>) : null;
  return {
    id: s.id,
    label: s.label,
    takenAt: s.takenAt,
    takenBy: { id: s.takenBy, name: text(producer?.name) ?? (await deps.repos.users.byId(s.takenBy))?.name ?? s.takenBy },
    conferenceDate: text(meta.conferenceDate),
    kind: text(meta.kind),
    format: text(meta.format),
    version: text(meta.version),
    entryCount: Array.isArray(meta.entryIds) ? meta.entryIds.length : null,
    options: options
      ? { from: text(options.from), to: text(options.to), agencies: Array.isArray(options.agencies) ? options.agencies.filter((a): a is string => typeof a === 'string') : null }
      : null,
  };
}

export async function listSnapshots(deps: AppDeps, principal: Principal, chronologyId: string, ip: string | null): Promise<SnapshotView[]> {
  await requireChronology(deps, principal, chronologyId, 'chronology:read', ip);
  const list = await Promise.all((await deps.repos.snapshots.listForChronology(chronologyId)).map((s) => viewOf(deps, s)));
  await audit(deps, principal, ip, { action: 'snapshot:list', chronologyId, details: { count: list.length } });
  return list;
}

async function requireSnapshot(deps: AppDeps, chronologyId: string, snapshotId: string): Promise<SnapshotRecord> {
  const snapshot = await deps.repos.snapshots.get(snapshotId);
  // Another chronology's snapshot is as absent as a missing one.
  if (!snapshot || snapshot.chronologyId !== chronologyId) throw notFound('snapshot');
  return snapshot;
}

/** Reopens a snapshot read-only: its entries as they were, as the caller may see them now. */
export async function openSnapshot(deps: AppDeps, principal: Principal, chronologyId: string, snapshotId: string, ip: string | null) {
  const { access } = await requireChronology(deps, principal, chronologyId, 'chronology:read', ip);
  const snapshot = await requireSnapshot(deps, chronologyId, snapshotId);
  const decoded = await deps.stateDecoder.decode(snapshot.sharedState);
  // The shared document holds no restricted entry, so this filter keeps everything today; it stays so a
  // snapshot can never become the one path around `decide`.
  const entries = sortEntries(decoded.entries.filter((e) => decide(principal, 'entry:read', access, e).allowed));
  const entryIds = Array.isArray(snapshot.meta.entryIds) ? snapshot.meta.entryIds.filter((id): id is string => typeof id === 'string') : [];
  await audit(deps, principal, ip, { action: 'snapshot:read', chronologyId, details: { snapshotId, version: decoded.version } });
  return { snapshot: { ...(await viewOf(deps, snapshot)), entryIds }, version: decoded.version, readOnly: true as const, entries, analysis: frozenAnalysis(snapshot.meta.analysis) };
}

/** The analysis frozen in a snapshot; null for snapshots taken before the analysis existed. Read defensively. */
function frozenAnalysis(value: unknown): AnalysisView | null {
  if (!value || typeof value !== 'object') return null;
  const a = value as Record<string, unknown>;
  if (typeof a.text !== 'string' || typeof a.version !== 'number' || !Array.isArray(a.views)) return null;
  return {
    text: a.text,
    familySummary: typeof a.familySummary === 'string' ? a.familySummary : '',
    version: a.version,
    updatedAt: text(a.updatedAt),
    updatedBy: text(a.updatedBy),
    views: (a.views as unknown[]).filter((v): v is AnalysisView['views'][number] => !!v && typeof v === 'object' && typeof (v as { agency?: unknown }).agency === 'string'),
  };
}

export interface FieldChange {
  from: unknown;
  to: unknown;
}

export interface EntryChanges {
  /** Entries recorded since, still active. */
  added: Entry[];
  /** Entries present then and changed since (not withdrawn): each changed field, before and after. */
  amended: { entry: Entry; changes: Record<string, FieldChange> }[];
  /** Entries withdrawn since (including ones recorded and withdrawn since, flagged `newSinceSnapshot`). */
  withdrawn: { entry: Entry; reason: string; newSinceSnapshot: boolean; changes: Record<string, FieldChange> }[];
}

function changedFields(before: Entry, after: Entry): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const field of ENTRY_FIELDS) if (before[field] !== after[field]) changes[field] = { from: before[field], to: after[field] };
  return changes;
}

/** What changed between two states of the shared document: nothing is ever removed, so `before` ⊆ `after` by id. */
export function diffEntries(before: readonly Entry[], after: readonly Entry[]): EntryChanges {
  const then = new Map(before.map((e) => [e.id, e]));
  const out: EntryChanges = { added: [], amended: [], withdrawn: [] };
  for (const entry of sortEntries(after)) {
    const old = then.get(entry.id);
    if (!old) {
      if (entry.status === 'withdrawn') out.withdrawn.push({ entry, reason: entry.withdrawnReason, newSinceSnapshot: true, changes: {} });
      else out.added.push(entry);
      continue;
    }
    const changes = changedFields(old, entry);
    if (Object.keys(changes).length === 0) continue;
    if (old.status !== 'withdrawn' && entry.status === 'withdrawn') out.withdrawn.push({ entry, reason: entry.withdrawnReason, newSinceSnapshot: false, changes });
    else out.amended.push({ entry, changes });
  }
  return out;
}

/** "What changed since the last conference": against the given snapshot, else the latest one, else everything. */
export async function changesSince(deps: AppDeps, principal: Principal, chronologyId: string, sinceId: string | undefined, ip: string | null) {
  const { access } = await requireChronology(deps, principal, chronologyId, 'chronology:read', ip);
  const latest = sinceId === undefined ? (await deps.repos.snapshots.listForChronology(chronologyId))[0] : undefined;
  const snapshot = sinceId !== undefined ? await requireSnapshot(deps, chronologyId, sinceId) : latest ? await deps.repos.snapshots.get(latest.id) : null;
  const before = snapshot ? (await deps.stateDecoder.decode(snapshot.sharedState)).entries : [];
  const current = await readSharedRecord(deps, chronologyId);
  const visible = (e: Entry) => decide(principal, 'entry:read', access, e).allowed;
  const diff = diffEntries(before.filter(visible), current.entries.filter(visible));
  await audit(deps, principal, ip, {
    action: 'chronology:changes',
    chronologyId,
    details: { snapshotId: snapshot?.id ?? null, added: diff.added.length, amended: diff.amended.length, withdrawn: diff.withdrawn.length },
  });
  return { since: snapshot ? await viewOf(deps, snapshot) : null, version: current.version, ...diff };
}
