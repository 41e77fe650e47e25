// A conference pack as the server previews it: the rows and highlights it will share and what it
// withholds. The server builds it (apps/server/src/services/conference/pack-model.ts), renders the PDF and CSV
// from it and answers POST /packs/preview with it; the browser shows the preview from it. One
// definition, so the two cannot drift.
//
// The objects are strict: a row or highlight carries exactly these fields and nothing else. The
// server builds the family version's rows and highlights from an allow-list (familyRow,
// familyHighlight), so a field that is required here is a field the family is given.
import { packActionSchema } from './actions.js';
import { z } from 'zod';
import { ANALYSIS_POSITIONS } from './analysis.js';
import { SEEN_ALONE_VALUES } from './childs-voice.js';
import type { Severity } from './patterns/index.js';

export const PACK_KINDS = ['professional', 'family'] as const;
export type PackKind = (typeof PACK_KINDS)[number];

export const PACK_FORMATS = ['pdf', 'csv'] as const;
export type PackFormat = (typeof PACK_FORMATS)[number];

/**
 * Why an entry within the caller's selection is not in the pack. `undecided`: nobody has decided yet
 * whether the family may see it, so the family version leaves it out.
 */
export const WITHHELD_REASONS = ['professionals-only', 'undecided', 'restricted', 'withdrawn'] as const;
export type WithheldReason = (typeof WITHHELD_REASONS)[number];

const count = z.int().nonnegative();

export const packRowSchema = z.strictObject({
  entryId: z.string(),
  /** Canonical exchange-format date and time, for the CSV and for sorting. */
  date: z.string(),
  time: z.string(),
  /** When the entry was recorded (ISO 8601 instant): the exchange CSV's recorded_at column. */
  recordedAt: z.string(),
  /** UK display form with the time, "5 Apr 2023 14:30". */
  dateText: z.string(),
  /** The child's age at the entry, "2 years 3 months", "before birth", or '' when the date of birth is unknown. */
  ageText: z.string(),
  agency: z.string(),
  agencyName: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  summary: z.string(),
  detail: z.string(),
  impactOnChild: z.string(),
  actionTaken: z.string(),
  /** What the child said, did or showed ('' when not recorded): in both versions, as the entry is. */
  childsVoice: z.string(),
  /** Professional pack only: whether the child was seen alone ('' when not recorded). */
  seenAlone: z.enum([...SEEN_ALONE_VALUES, '']).optional().describe('Professional version only'),
  /** Professional pack only: where the record came from and who recorded it. */
  source: z.strictObject({ sourceRef: z.string(), recordedBy: z.string() }).optional().describe('Professional version only'),
  /** Professional pack only: present when the entry must not be shared with the family. */
  professionalsOnly: z.strictObject({ reason: z.string() }).optional().describe('Professional version only'),
  /**
   * Present (true) when the pack includes the household and the entry is a household event (recorded once
   * for every child in the household): it says only that, in both versions, never which siblings hold copies.
   */
  householdEvent: z.literal(true).optional(),
});

export type PackRow = z.output<typeof packRowSchema>;

export const packHighlightSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  severity: z.enum(['medium', 'high']),
  explanation: z.string(),
  /** ISO days, inclusive. */
  window: z.strictObject({ from: z.string(), to: z.string() }),
  agencyNames: z.array(z.string()),
  entryIds: z.array(z.string()),
  /** Professional pack only (null: not reviewed). */
  review: z
    .strictObject({ status: z.enum(['reviewed', 'dismissed']), note: z.string(), byName: z.string(), at: z.string() })
    .nullable()
    .optional(),
  /** Professional pack only: the entries changed after the review, which no longer covers them. */
  reopened: z.boolean().optional(),
});

export type PackHighlight = z.output<typeof packHighlightSchema>;

const voiceEvent = z.strictObject({
  entryId: z.string(),
  /** Canonical date, and its UK display form. */
  date: z.string(),
  dateText: z.string(),
  /** Whole days before the conference (childs-voice.ts: from the last day an imprecise date covers). */
  daysSince: count,
  approximate: z.boolean(),
});

/** The child's voice in a professional pack: when each agency in the pack last heard from the child and saw them alone. */
export const packVoiceSchema = z.strictObject({
  /** Nobody in the pack recorded the child's words within quietAfterDays of the conference, or ever. */
  quiet: z.boolean(),
  quietAfterDays: count,
  lastHeardFrom: voiceEvent.nullable(),
  lastSeenAlone: voiceEvent.nullable(),
  agencies: z.array(z.strictObject({ agency: z.string(), agencyName: z.string(), lastHeardFrom: voiceEvent.nullable(), lastSeenAlone: voiceEvent.nullable() })),
});

export type PackVoice = z.output<typeof packVoiceSchema>;

/**
 * The analysis as a pack carries it. Professional version: the lead's summary and every agency's current
 * view, agreeing or differing with its reasons (dissent shown, never smoothed over). Family version: only
 * the summary the lead wrote for the family (`text`), with no agency's view and no member of staff named;
 * absent when the lead has written none.
 */
export const packAnalysisSchema = z.strictObject({
  text: z.string(),
  version: count,
  updatedAt: z.string().nullable(),
  /** Professional version only: who wrote the summary. */
  updatedBy: z.string().nullable().optional().describe('Professional version only'),
  views: z.array(
    z.strictObject({ agency: z.string(), agencyName: z.string(), position: z.enum(ANALYSIS_POSITIONS), text: z.string(), by: z.string(), at: z.string() }),
  ),
});

export type PackAnalysis = z.output<typeof packAnalysisSchema>;

/**
 * One other child of the household, as a pack shows them (issue 14): what a conference already shares and
 * nothing of their record. The family version names no member of staff (the lead's agency only) and does not
 * say whose chronology the producer may open.
 */
export const packSiblingSchema = z.strictObject({
  name: z.string(),
  /** "2 Apr 2018", or "Not recorded". */
  dateOfBirth: z.string(),
  /** Age on the day of the conference, "8 years"; '' when the date of birth is unknown. */
  ageText: z.string(),
  /** How they stand in the household, in words: "Half-sibling, since Aug 2025". */
  relationship: z.string(),
  /** Professional version: "Priya Shah, Oxfordshire Children's Social Care"; family version: the agency only. */
  lead: z.string(),
  /** Professional version only: whether the person who produced the pack may open that child's chronology. */
  canOpen: z.boolean().optional().describe('Professional version only'),
});

export type PackSibling = z.output<typeof packSiblingSchema>;

/**
 * An adult around the child (issue 14 item 3), in the professional version of a pack with the household: the
 * name, how they stand to this child, and the flags shared with professionals that stand now. A flag only its
 * own agency may see is never in a pack (a pack is handed to every agency at the conference), nor is a
 * withdrawn one. The family version carries no people at all, so never a flag.
 */
export const packPersonSchema = z.strictObject({
  name: z.string(),
  /** "Partner of mother", "Father, since Mar 2024". */
  relationship: z.string(),
  flags: z.array(z.strictObject({ kind: z.string(), agencyName: z.string(), since: z.string(), reason: z.string() })),
});

export type PackPerson = z.output<typeof packPersonSchema>;

/** The household in a pack, when asked for: the other children, and how many of the pack's rows are household events. */
export const packHouseholdSchema = z.strictObject({
  /** The household's name; null when it has none, or when the child is in no household. */
  name: z.string().nullable(),
  /** The other children, oldest first; empty when the child is in no household. */
  siblings: z.array(packSiblingSchema),
  /** Rows of this pack that are household events (marked `householdEvent`). */
  householdEvents: count,
  /** Professional version only: the adults around the child (packPersonSchema). */
  people: z.array(packPersonSchema).optional().describe('Professional version only'),
});

export type PackHousehold = z.output<typeof packHouseholdSchema>;

export const packPreviewSchema = z.strictObject({
  kind: z.enum(PACK_KINDS),
  /** The day of the conference, YYYY-MM-DD. */
  conferenceDate: z.string(),
  /** The selection as the server read it: ISO days (null: unbounded) and agency slugs (null: every agency). */
  options: z.strictObject({ from: z.string().nullable(), to: z.string().nullable(), agencies: z.array(z.string()).nullable(), household: z.boolean().optional() }),
  /** The chronology's version the preview was made from; a pack produced later from another version may differ. */
  version: z.string(),
  rows: z.array(packRowSchema),
  highlights: z.array(packHighlightSchema),
  /** Entries within the selection that the pack leaves out, by reason: counts only, never content. */
  withheld: z.strictObject({ 'professionals-only': count, undecided: count, restricted: count, withdrawn: count }),
  /** "3 professionals-only, 2 restricted", or "nothing withheld". */
  withheldSummary: z.string(),
  /** Entries outside the caller's own selection (not withheld: just not asked for). */
  notSelected: z.strictObject({ outsideDates: count, agencyNotIncluded: count }),
  /** Highlights left out: some of their entries are not in the pack, or (family) they were dismissed. */
  highlightsLeftOut: z.strictObject({ entriesNotInPack: count, dismissed: count }),
  /**
   * Professional pack only, computed from the pack's own rows. The family version leaves it out: "last
   * seen alone" is practice detail, and a family told which agency last heard from the child could press
   * the child about what they said.
   */
  childsVoice: packVoiceSchema.optional().describe('Professional version only'),
  /** The analysis ("so what?"): see packAnalysisSchema for what each version carries. */
  analysis: packAnalysisSchema.optional(),
  /** The chronology's actions (issue 15): see packActionSchema for what each version carries. */
  actions: z.array(packActionSchema).optional(),
  /** The household (issue 14), when the request asked for it: see packHouseholdSchema. */
  household: packHouseholdSchema.optional(),
});

export type PackPreview = z.output<typeof packPreviewSchema>;

// Keeps the literal lists and the schema in step: a value added to one and not the other fails to compile.
type Same<A, B> = [Exclude<A, B>, Exclude<B, A>] extends [never, never] ? true : never;
const withheldMatches: Same<keyof PackPreview['withheld'], WithheldReason> = true;
const severityMatches: Same<PackHighlight['severity'], Severity> = true;
void withheldMatches;
void severityMatches;
