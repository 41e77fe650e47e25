// What a conference pack holds, decided in one pure function: which entries and highlights go in, what
// each row shows, and what is withheld and why. The PDF, the CSV and the preview are all rendered from
// the same PackModel, so the preview shows exactly what will be shared.
//
// The family version is built from an ALLOW-LIST of fields (familyRow, familyHighlight): a field added
// to the entry or to a highlight later is left out of it until someone decides it may be shared.
// The shapes of a row, a highlight and the preview are @mac/domain's (pack.ts), shared with the browser.
import {
  ageAt,
  ageAtEntry,
  categoryBySlug,
  childsVoiceSummary,
  dateBounds,
  formatAge,
  formatChronoDate,
  sortEntries,
  WITHHELD_REASONS,
  type Entry,
  type Highlight,
  type PackHighlight,
  type PackKind,
  type PackPreview,
  type PackRow,
  type PackVoice,
  type VoiceEvent,
  type WithheldReason,
} from '@mac/domain';
import type { ReviewedHighlight } from '../patterns.js';
import { isHouseholdEvent } from './pack-household.js';

/** The caller's choices, already validated: ISO days, agency slugs. */
export interface PackSelection {
  kind: PackKind;
  conferenceDate: string;
  /** First ISO day of the range (an entry whose date ends on or after it is in), or null: no lower bound. */
  from: string | null;
  /** Last ISO day of the range (an entry whose date starts on or before it is in), or null. */
  to: string | null;
  /** Agency slugs to include, or null for every agency. */
  agencies: string[] | null;
  /** Whether the pack includes the household (issue 14): the other children's summary and household events marked. */
  household: boolean;
}

/** A pack's contents: the preview (@mac/domain PackPreview) without the request's echo and the version. */
export type PackModel = Omit<PackPreview, 'conferenceDate' | 'options' | 'version'>;

export interface PackInput {
  selection: PackSelection;
  /** The shared document's entries, withdrawn ones included. */
  shared: readonly Entry[];
  /**
   * The caller's own agency's restricted entries: counted as withheld, never included. Other agencies'
   * restricted entries are not given at all: even their number would tell the caller they exist.
   */
  ownRestricted: readonly Entry[];
  /** The shared record's highlights, with their reviews. */
  highlights: readonly ReviewedHighlight[];
  /** For the family version: the engine's highlights over the family-visible entries alone (see familyHighlights). */
  familyOnlyHighlights?: readonly Highlight[];
  agencies: readonly { slug: string; name: string }[];
  dateOfBirth: string | null;
}

function inDates(entry: Entry, selection: PackSelection): boolean {
  const { first, last } = dateBounds(entry.date);
  return (selection.from === null || last >= selection.from) && (selection.to === null || first <= selection.to);
}

/** Why an entry in the selection stays out of this kind of pack, or null when it goes in. */
export function withheldReason(entry: Entry, kind: PackKind): WithheldReason | null {
  // Restricted entries live in their agency's own document and never leave it in a pack, professional or
  // family: a pack is handed to every agency at the conference.
  if (entry.restricted) return 'restricted';
  if (entry.status === 'withdrawn') return 'withdrawn';
  if (kind === 'family' && entry.sharing === 'professionals') return 'professionals-only';
  // Anything not decided for the family stays out of its version: undecided, and any value this code
  // does not know.
  if (kind === 'family' && entry.sharing !== 'family') return 'undecided';
  return null;
}

export function ageText(dateOfBirth: string | null, date: string): string {
  const age = ageAtEntry(dateOfBirth, date);
  if (age) return formatAge(age);
  if (dateOfBirth && /^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth) && dateBounds(date).first < dateOfBirth) return 'before birth';
  return '';
}

/** The child's age on a day (the conference), or '' when the date of birth is unknown or later. */
export function ageOn(dateOfBirth: string | null, day: string): string {
  if (!dateOfBirth || !/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth)) return '';
  const age = ageAt(dateOfBirth, day);
  return age ? formatAge(age) : '';
}

function dateText(entry: Pick<Entry, 'date' | 'time'>): string {
  return entry.time ? `${formatChronoDate(entry.date)} ${entry.time}` : formatChronoDate(entry.date);
}

function familyRow(entry: Entry, names: ReadonlyMap<string, string>, dateOfBirth: string | null): PackRow {
  return {
    entryId: entry.id,
    date: entry.date,
    time: entry.time,
    recordedAt: entry.recordedAt,
    dateText: dateText(entry),
    ageText: ageText(dateOfBirth, entry.date),
    agency: entry.agency,
    agencyName: names.get(entry.agency) ?? entry.agency,
    category: entry.category,
    categoryLabel: categoryBySlug(entry.category)?.label ?? entry.category,
    summary: entry.summary,
    detail: entry.detail,
    impactOnChild: entry.impactOnChild,
    actionTaken: entry.actionTaken,
    // The child's words go wherever the entry goes: an entry shared with the family is shared with them.
    childsVoice: entry.childsVoice,
  };
}

function professionalRow(entry: Entry, names: ReadonlyMap<string, string>, dateOfBirth: string | null): PackRow {
  return {
    ...familyRow(entry, names, dateOfBirth),
    source: { sourceRef: entry.sourceRef, recordedBy: entry.recordedBy },
    // Whether a practitioner saw the child alone is practice detail for professionals: told to a family,
    // it can put pressure on a child to repeat what they said.
    seenAlone: entry.seenAlone,
    ...(entry.sharing === 'professionals' ? { professionalsOnly: { reason: entry.sharingReason } } : {}),
  };
}

function familyHighlight(h: ReviewedHighlight, names: ReadonlyMap<string, string>): PackHighlight {
  return {
    id: h.id,
    title: h.title,
    severity: h.severity,
    explanation: h.explanation,
    window: { from: h.window.from, to: h.window.to },
    agencyNames: h.agencies.map((slug) => names.get(slug) ?? slug),
    entryIds: [...h.entryIds],
  };
}

function professionalHighlight(h: ReviewedHighlight, names: ReadonlyMap<string, string>): PackHighlight {
  return {
    ...familyHighlight(h, names),
    review: h.review ? { status: h.review.status, note: h.review.note, byName: h.review.byName, at: h.review.at } : null,
    reopened: h.reopened,
  };
}

export function describeWithheld(withheld: Record<WithheldReason, number>): string {
  const parts = WITHHELD_REASONS.filter((r) => withheld[r] > 0).map((r) => `${withheld[r]} ${r}`);
  return parts.length === 0 ? 'nothing withheld' : parts.join(', ');
}

/**
 * Chooses a pack's contents. Entries outside the caller's dates or agencies are "not selected"; within the
 * selection an entry is withheld when restricted or withdrawn, and from the family version when it is for
 * professionals only. A highlight goes in only when every one of its entries is in the pack, so the
 * reader can check it against the table; the family version takes its highlights as familyHighlights
 * says, and also leaves out dismissed highlights (the reason for dismissal is a review note, which may
 * name people, and a highlight shown without it would mislead) and every review note.
 */
export function buildPackModel(input: PackInput): PackModel {
  const { selection } = input;
  const names = new Map(input.agencies.map((a) => [a.slug, a.name]));
  const withheld: Record<WithheldReason, number> = { 'professionals-only': 0, undecided: 0, restricted: 0, withdrawn: 0 };
  const notSelected = { outsideDates: 0, agencyNotIncluded: 0 };
  const included: Entry[] = [];
  for (const entry of [...input.shared, ...input.ownRestricted]) {
    if (!inDates(entry, selection)) notSelected.outsideDates += 1;
    else if (selection.agencies !== null && !selection.agencies.includes(entry.agency)) notSelected.agencyNotIncluded += 1;
    else {
      const reason = withheldReason(entry, selection.kind);
      if (reason === null) included.push(entry);
      else withheld[reason] += 1;
    }
  }
  const toRow = selection.kind === 'family' ? familyRow : professionalRow;
  const rows = sortEntries(included).map((e) => {
    const row = toRow(e, names, input.dateOfBirth);
    return selection.household && isHouseholdEvent(e) ? { ...row, householdEvent: true as const } : row;
  });

  const ids = new Set(rows.map((r) => r.entryId));
  const family = selection.kind === 'family';
  const candidates = family ? familyHighlights(input.highlights, input.familyOnlyHighlights ?? []) : input.highlights;
  // Shared highlights with no family counterpart rest on entries the family does not see.
  const highlightsLeftOut = { entriesNotInPack: input.highlights.length - candidates.length, dismissed: 0 };
  const highlights: PackHighlight[] = [];
  for (const h of candidates) {
    if (!h.entryIds.every((id) => ids.has(id))) highlightsLeftOut.entriesNotInPack += 1;
    else if (family && h.review?.status === 'dismissed') highlightsLeftOut.dismissed += 1;
    else highlights.push(family ? familyHighlight(h, names) : professionalHighlight(h, names));
  }
  const base = { kind: selection.kind, rows, highlights, withheld, withheldSummary: describeWithheld(withheld), notSelected, highlightsLeftOut };
  return family ? base : { ...base, childsVoice: packVoice(rows, selection.conferenceDate, input.agencies) };
}

/**
 * When each agency in the pack last heard from the child and last saw them alone, counted to the
 * conference, from the pack's rows only (so it tells nothing about entries the pack withholds).
 */
export function packVoice(rows: readonly PackRow[], conferenceDate: string, agencies: readonly { slug: string; name: string }[]): PackVoice {
  const names = new Map(agencies.map((a) => [a.slug, a.name]));
  const summary = childsVoiceSummary(
    rows.map((r) => ({ id: r.entryId, date: r.date, agency: r.agency, status: 'active', childsVoice: r.childsVoice, seenAlone: r.seenAlone ?? '' })),
    { today: conferenceDate, agencies: contributingAgencies({ rows: [...rows] }, agencies.map((a) => a.slug)).map((a) => a.slug) },
  );
  const event = (e: VoiceEvent | null) => (e === null ? null : { entryId: e.entryId, date: e.date, dateText: formatChronoDate(e.date), daysSince: e.daysSince, approximate: e.approximate });
  return {
    quiet: summary.quiet,
    quietAfterDays: summary.quietAfterDays,
    lastHeardFrom: event(summary.lastHeardFrom),
    lastSeenAlone: event(summary.lastSeenAlone),
    agencies: summary.agencies.map((a) => ({ agency: a.agency, agencyName: names.get(a.agency) ?? a.agency, lastHeardFrom: event(a.lastHeardFrom), lastSeenAlone: event(a.lastSeenAlone) })),
  };
}

/**
 * The highlights the family version may show. The engine's explanations count entries beyond a highlight's
 * own ("4 concerns in 90 days, against 1 in the 90 days before"), so a highlight of the shared record could
 * betray a professionals-only entry it does not list. The family version therefore takes its highlights
 * from the engine run on the family-visible entries alone, and keeps only those the professionals also see
 * (same id: same rule, window and entries), so that nothing reaches the family that the lead and DSLs could
 * not review or dismiss. Each keeps the shared record's review status, used only to leave dismissed ones out.
 */
export function familyHighlights(shared: readonly ReviewedHighlight[], familyOnly: readonly Highlight[]): ReviewedHighlight[] {
  const reviewed = new Map(shared.map((h) => [h.id, h]));
  return familyOnly.flatMap((h) => {
    const match = reviewed.get(h.id);
    return match ? [{ ...h, review: match.review, reopened: match.reopened, reviewHistory: match.reviewHistory, sinceReview: match.sinceReview }] : [];
  });
}

/** Agencies with at least one row, in the given order (membership): never an agency whose entries were all withheld. */
export function contributingAgencies(model: Pick<PackModel, 'rows'>, order: readonly string[]): { slug: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const row of model.rows) if (!seen.has(row.agency)) seen.set(row.agency, row.agencyName);
  const ranked = [...seen.keys()].sort((a, b) => rank(order, a) - rank(order, b) || a.localeCompare(b));
  return ranked.map((slug) => ({ slug, name: seen.get(slug)! }));
}

function rank(order: readonly string[], slug: string): number {
  const i = order.indexOf(slug);
  return i === -1 ? order.length : i;
}

/**
 * The pack's rows as entries for the exchange-format CSV. Built from the rows, not the stored entries, so
 * the CSV holds nothing the preview did not show: a family row has no source, so source_ref and
 * recorded_by are empty, and nothing identifies the author.
 */
export function rowsAsEntries(rows: readonly PackRow[]): Entry[] {
  return rows.map((row) => ({
    id: row.entryId,
    date: row.date,
    time: row.time,
    agency: row.agency,
    category: row.category,
    summary: row.summary,
    detail: row.detail,
    impactOnChild: row.impactOnChild,
    actionTaken: row.actionTaken,
    sourceRef: row.source?.sourceRef ?? '',
    recordedBy: row.source?.recordedBy ?? '',
    restricted: false,
    authorId: '',
    recordedAt: row.recordedAt,
    status: 'active',
    withdrawnReason: '',
    // Not written to the pack's CSV (PACK_CSV_COLUMNS): a professional pack's rows may be undecided.
    sharing: row.professionalsOnly ? 'professionals' : 'family',
    sharingReason: row.professionalsOnly?.reason ?? '',
    childsVoice: row.childsVoice,
    seenAlone: row.seenAlone ?? '',
  }));
}
