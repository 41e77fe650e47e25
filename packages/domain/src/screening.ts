// Screening tools recorded as entries: the domestic abuse risk checklist (DASH), the Graded Care
// Profile 2 (neglect) and the partnership's exploitation screening tool. An entry of one of their
// categories may carry the tool's result in three optional fields:
//
//   riskLevel   the level the practitioner recorded ('standard' | 'medium' | 'high' for the checklist,
//               'low' | 'medium' | 'high' for exploitation screening, the overall grade '1'…'5' for
//               the Graded Care Profile 2)
//   score       the checklist's number of yes answers, 0 to 27 (a number in JSON)
//   areaGrades  the Graded Care Profile 2's grade (1 to 5) for each of its areas, as canonical text
//               "physical-care:2,safety:3,emotional-care:1,developmental-care:4"
//
// MAC records results; it never scores. Where a tool's own rules decide the level (professional
// judgement can make a checklist "high" at any score), the level is the one the practitioner
// records. Two rules of the tools themselves are checked rather than guessed: 14 or more yes answers
// on the checklist is high, and a Graded Care Profile's level is its worst area grade (so that level
// is filled in from the grades, never typed separately).
//
// In the Yjs document every field value is a string or a boolean (docs/architecture.md), so the
// score is stored there as decimal text; `screeningToDoc` and `entryFromDocFields` convert. All
// three fields are optional in the document: absent (older clients never write them) or '' means
// empty.

import { personIdsFromDoc, personIdsToDoc } from './people.js';
import { isVoiceField } from './childs-voice.js';
import { plural, pluralWord } from './plural.js';

export const SCREENING_FIELDS = ['riskLevel', 'score', 'areaGrades'] as const;
export type ScreeningField = (typeof SCREENING_FIELDS)[number];

export const SCREENING_CATEGORIES = ['domestic-abuse-risk-assessment', 'neglect-assessment', 'exploitation-screening'] as const;
export type ScreeningCategory = (typeof SCREENING_CATEGORIES)[number];

/**
 * The Graded Care Profile 2's areas of care, in the order of its record sheet (A to D). The published
 * GCP2 material names four areas, each graded 1 (child's needs always met) to 5 (child not
 * considered); a partnership whose record sheet differs changes this one list.
 */
export const GCP2_AREAS = [
  { slug: 'physical-care', label: 'Physical care', hint: 'Nutrition, housing, clothing, hygiene and health' },
  { slug: 'safety', label: 'Safety', hint: "Safety in the carer's presence and absence" },
  { slug: 'emotional-care', label: 'Emotional care', hint: 'Love and care: the carer and mutual engagement' },
  { slug: 'developmental-care', label: 'Developmental care', hint: 'Stimulation, approval, disapproval and acceptance' },
] as const;
export type Gcp2Area = (typeof GCP2_AREAS)[number]['slug'];

export const GCP2_GRADES = { min: 1, max: 5, concern: 4 } as const;
/** The checklist has 27 yes/no questions; 14 or more yes answers is high risk (visible high risk). */
export const DASH_SCORE = { min: 0, max: 27, high: 14 } as const;

export interface ScreeningTool {
  readonly category: ScreeningCategory;
  readonly name: string;
  /** Lowest to highest. */
  readonly levels: readonly string[];
  readonly levelLabels: Readonly<Record<string, string>>;
  readonly score: { readonly min: number; readonly max: number } | null;
  readonly areas: boolean;
}

export const SCREENING_TOOLS: Readonly<Record<ScreeningCategory, ScreeningTool>> = {
  'domestic-abuse-risk-assessment': {
    category: 'domestic-abuse-risk-assessment',
    name: 'domestic abuse risk checklist',
    levels: ['standard', 'medium', 'high'],
    levelLabels: { standard: 'Standard', medium: 'Medium', high: 'High' },
    score: { min: DASH_SCORE.min, max: DASH_SCORE.max },
    areas: false,
  },
  'neglect-assessment': {
    category: 'neglect-assessment',
    name: 'Graded Care Profile 2',
    levels: ['1', '2', '3', '4', '5'],
    levelLabels: { '1': 'Grade 1', '2': 'Grade 2', '3': 'Grade 3', '4': 'Grade 4', '5': 'Grade 5' },
    score: null,
    areas: true,
  },
  'exploitation-screening': {
    category: 'exploitation-screening',
    name: 'exploitation screening tool',
    levels: ['low', 'medium', 'high'],
    levelLabels: { low: 'Low', medium: 'Medium', high: 'High' },
    score: null,
    areas: false,
  },
};

export function screeningToolOf(category: string): ScreeningTool | undefined {
  return (SCREENING_TOOLS as Readonly<Record<string, ScreeningTool>>)[category];
}

/** The screening fields of an entry, as the domain types them. */
export interface ScreeningResult {
  riskLevel?: string | undefined;
  score?: number | undefined;
  areaGrades?: string | undefined;
}

// ---------------------------------------------------------------------------------------------
// Area grades as text

export type AreaGradesParse = { ok: true; canonical: string; grades: number[] } | { ok: false; message: string };

const AREA_BY_KEY: ReadonlyMap<string, number> = new Map(
  GCP2_AREAS.flatMap((a, i) => [
    [a.slug, i],
    [a.label.toLowerCase(), i],
  ]),
);

/** Canonical text for one grade per area, in GCP2_AREAS order. */
export function formatAreaGrades(grades: readonly number[]): string {
  return GCP2_AREAS.map((a, i) => `${a.slug}:${grades[i]}`).join(',');
}

function gradeProblem(text: string, where: string): string | null {
  return /^[1-5]$/.test(text) ? null : `areaGrades: the grade for ${where} must be a whole number from 1 to 5 (it is "${text}")`;
}

/**
 * Reads area grades as written in a CSV cell or sent over the API: `area:grade` pairs (area by slug or
 * label, `:` or `=`, separated by commas or semicolons), or just the grades in record-sheet order
 * (`2,3,1,4` or `2314`). Every area needs a grade.
 */
export function parseAreaGrades(input: string): AreaGradesParse {
  const text = input.trim();
  const n = GCP2_AREAS.length;
  const areaList = GCP2_AREAS.map((a) => a.slug).join(', ');
  if (text === '') return { ok: false, message: `areaGrades must give a grade from 1 to 5 for each area (${areaList})` };
  const grades: Array<number | undefined> = new Array<number | undefined>(n).fill(undefined);
  const bare = text.replace(/\s+/g, '');
  if (/^\d+$/.test(bare) || /^\d+([,;/]\d+)*$/.test(bare)) {
    const parts = /^\d+$/.test(bare) ? [...bare] : bare.split(/[,;/]/);
    if (parts.length !== n) {
      return { ok: false, message: `areaGrades must give ${n} grades, one per area in order (${areaList}); it gives ${parts.length}` };
    }
    for (let i = 0; i < n; i++) {
      const problem = gradeProblem(parts[i]!, GCP2_AREAS[i]!.slug);
      if (problem !== null) return { ok: false, message: problem };
      grades[i] = Number(parts[i]);
    }
  } else {
    for (const part of text.split(/[,;]/)) {
      if (part.trim() === '') continue;
      const m = /^\s*(.+?)\s*[:=]\s*(\S*)\s*$/.exec(part);
      if (m === null) return { ok: false, message: `areaGrades: "${part.trim()}" is not an area and a grade (write it as ${GCP2_AREAS[0].slug}:2)` };
      const index = AREA_BY_KEY.get(m[1]!.toLowerCase());
      if (index === undefined) return { ok: false, message: `areaGrades: "${m[1]}" is not an area of the Graded Care Profile 2 (the areas are ${areaList})` };
      if (grades[index] !== undefined) return { ok: false, message: `areaGrades: ${GCP2_AREAS[index]!.slug} is graded more than once` };
      const problem = gradeProblem(m[2]!, GCP2_AREAS[index]!.slug);
      if (problem !== null) return { ok: false, message: problem };
      grades[index] = Number(m[2]);
    }
    const missing = GCP2_AREAS.filter((_, i) => grades[i] === undefined).map((a) => a.slug);
    if (missing.length > 0) return { ok: false, message: `areaGrades: ${missing.join(', ')} ${pluralWord(missing.length, 'has', 'have')} no grade (every area needs one, 1 to 5)` };
  }
  const done = grades as number[];
  return { ok: true, canonical: formatAreaGrades(done), grades: done };
}

/** Grades of stored (canonical) area grades, or null when there are none or they cannot be read. */
export function areaGradesOf(areaGrades: string | undefined): number[] | null {
  if (areaGrades === undefined || areaGrades === '') return null;
  const parsed = parseAreaGrades(areaGrades);
  return parsed.ok ? parsed.grades : null;
}

// ---------------------------------------------------------------------------------------------
// Checks shared by the stored, submitted and amended entry schemas

export interface ScreeningProblem {
  field: ScreeningField;
  message: string;
}

/**
 * Everything wrong with an entry's screening fields for its category, each naming its field. The
 * fields are already typed (a level is text, a score a number, grades canonical text or not).
 */
export function screeningProblems(entry: { category: string } & ScreeningResult): ScreeningProblem[] {
  const out: ScreeningProblem[] = [];
  const tool = screeningToolOf(entry.category);
  const { riskLevel, score, areaGrades } = entry;
  const has = (v: unknown): boolean => v !== undefined && v !== '';
  if (tool === undefined) {
    const list = SCREENING_CATEGORIES.join(', ');
    if (has(riskLevel)) out.push({ field: 'riskLevel', message: `riskLevel applies only to screening results (${list})` });
    if (has(score)) out.push({ field: 'score', message: `score applies only to the domestic abuse risk checklist (domestic-abuse-risk-assessment)` });
    if (has(areaGrades)) out.push({ field: 'areaGrades', message: `areaGrades applies only to the Graded Care Profile 2 (neglect-assessment)` });
    return out;
  }
  if (has(riskLevel) && !tool.levels.includes(riskLevel!)) {
    out.push({
      field: 'riskLevel',
      message: `riskLevel of the ${tool.name} must be one of ${tool.levels.map((l) => `"${l}"`).join(', ')} (it is "${riskLevel}")`,
    });
  }
  if (score !== undefined) {
    if (tool.score === null) {
      out.push({ field: 'score', message: `score does not apply to the ${tool.name}${tool.areas ? ': record the area grades' : ': record the risk level'}` });
    } else if (!Number.isInteger(score) || score < tool.score.min || score > tool.score.max) {
      out.push({ field: 'score', message: `score of the ${tool.name} must be a whole number from ${tool.score.min} to ${tool.score.max} (the number of yes answers; it is ${String(score)})` });
    } else if (entry.category === 'domestic-abuse-risk-assessment' && score >= DASH_SCORE.high && has(riskLevel) && riskLevel !== 'high') {
      out.push({ field: 'riskLevel', message: `riskLevel must be "high" when the checklist has ${DASH_SCORE.high} or more yes answers (it has ${score})` });
    }
  }
  if (has(areaGrades)) {
    if (!tool.areas) {
      out.push({ field: 'areaGrades', message: `areaGrades does not apply to the ${tool.name}` });
    } else {
      const parsed = parseAreaGrades(areaGrades!);
      if (!parsed.ok) out.push({ field: 'areaGrades', message: parsed.message });
      else if (parsed.canonical !== areaGrades) out.push({ field: 'areaGrades', message: `areaGrades must be stored in canonical form ("${parsed.canonical}")` });
      else if (has(riskLevel) && riskLevel !== String(Math.max(...parsed.grades))) {
        out.push({ field: 'riskLevel', message: `riskLevel of a Graded Care Profile 2 is its worst area grade (${Math.max(...parsed.grades)}), not ${riskLevel}` });
      }
    }
  } else if (tool.areas && has(riskLevel)) {
    out.push({ field: 'areaGrades', message: 'areaGrades is required: a Graded Care Profile 2 level comes from its area grades' });
  }
  return out;
}

/**
 * The screening fields as they should be stored for the entry's category: fields that do not belong
 * to its tool are dropped (a category changed away from a screening tool takes its result with it,
 * as nothing would show it), and a Graded Care Profile without a level gets its worst area grade.
 */
export function normaliseScreening<E extends { category: string } & ScreeningResult>(entry: E): E {
  const tool = screeningToolOf(entry.category);
  const out = { ...entry };
  if (tool === undefined) {
    delete out.riskLevel;
    delete out.score;
    delete out.areaGrades;
    return out;
  }
  if (out.riskLevel === '') delete out.riskLevel;
  if (out.areaGrades === '') delete out.areaGrades;
  if (tool.score === null) delete out.score;
  if (!tool.areas) delete out.areaGrades;
  if (tool.areas && out.riskLevel === undefined) {
    const grades = areaGradesOf(out.areaGrades);
    if (grades !== null) out.riskLevel = String(Math.max(...grades));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reading results

/** A result the tool itself calls high: checklist or screening "high", a GCP2 grade of 4 or 5 anywhere. */
export function isHighResult(entry: { category: string } & ScreeningResult): boolean {
  const tool = screeningToolOf(entry.category);
  if (tool === undefined) return false;
  if (tool.areas) {
    const grades = areaGradesOf(entry.areaGrades);
    return grades !== null && Math.max(...grades) >= GCP2_GRADES.concern;
  }
  return entry.riskLevel === 'high';
}

/** Position of the level in its tool's scale (0 lowest), or -1 when there is none. */
export function levelRank(category: string, riskLevel: string | undefined): number {
  const tool = screeningToolOf(category);
  if (tool === undefined || riskLevel === undefined) return -1;
  return tool.levels.indexOf(riskLevel);
}

/** `High risk (18 yes answers)`, `Grade 4: safety 4, physical care 3, …`, or null when nothing is recorded. */
export function describeResult(entry: { category: string } & ScreeningResult): string | null {
  const tool = screeningToolOf(entry.category);
  if (tool === undefined) return null;
  if (tool.areas) {
    const grades = areaGradesOf(entry.areaGrades);
    if (grades === null) return null;
    const parts = GCP2_AREAS.map((a, i) => `${a.label.toLowerCase()} ${grades[i]}`).join(', ');
    return `Worst grade ${Math.max(...grades)} (${parts})`;
  }
  if (entry.riskLevel === undefined || entry.riskLevel === '') return null;
  const level = `${tool.levelLabels[entry.riskLevel] ?? entry.riskLevel} risk`;
  return entry.score === undefined ? level : `${level} (${plural(entry.score, 'yes answer')})`;
}

// ---------------------------------------------------------------------------------------------
// The Yjs document's form

/** The screening fields as document values (text), '' for an empty field. */
export function screeningToDoc(entry: ScreeningResult): Record<ScreeningField, string> {
  return {
    riskLevel: entry.riskLevel ?? '',
    score: entry.score === undefined ? '' : String(entry.score),
    areaGrades: entry.areaGrades ?? '',
  };
}

/**
 * An entry's fields as read from its Y.Map (`toJSON()`), with the screening fields in their domain
 * form: empty or absent fields left out, a score of decimal digits as a number; absent voice fields are
 * ''. Anything else is
 * passed through unchanged, so the entry schema refuses it with a message naming the field.
 */
export function entryFieldsFromDoc(input: Record<string, unknown>): Record<string, unknown> {
  // The people named (people.ts): comma-separated text in the document, a list in the domain; '' is none.
  let raw = input;
  if ('personIds' in input) {
    raw = { ...input };
    const ids = personIdsFromDoc(input.personIds);
    if (ids === undefined) delete raw.personIds;
    else raw.personIds = ids;
  }
  // The child's voice (childs-voice.ts): absent means '' (entries written before the fields existed).
  let voiced = raw;
  if (!('childsVoice' in raw) || !('seenAlone' in raw)) {
    voiced = { ...raw };
    if (!('childsVoice' in raw)) voiced.childsVoice = '';
    if (!('seenAlone' in raw)) voiced.seenAlone = '';
  }
  if (!('riskLevel' in raw) && !('score' in raw) && !('areaGrades' in raw)) return voiced;
  const out: Record<string, unknown> = { ...voiced };
  for (const field of SCREENING_FIELDS) if (out[field] === '' || out[field] === undefined) delete out[field];
  const score = out.score;
  if (typeof score === 'string' && /^(0|[1-9]\d{0,5})$/.test(score)) out.score = Number(score);
  return out;
}

/**
 * The value to store in the document for one entry field: the field itself for ordinary fields, text
 * for a screening field ('' when the entry has none, which clears a stored value). Undefined only
 * for an ordinary field the entry lacks.
 */
export function docValueOf(entry: Readonly<Record<string, unknown>>, field: string): string | boolean | undefined {
  if ((SCREENING_FIELDS as readonly string[]).includes(field)) return screeningToDoc(entry as ScreeningResult)[field as ScreeningField];
  if (field === 'personIds') {
    // A list (the domain's form), or already the document's text (the form's changes, docValueOf of an entry).
    const ids = entry.personIds;
    return typeof ids === 'string' ? ids : personIdsToDoc(Array.isArray(ids) ? (ids as string[]) : undefined);
  }
  const value = entry[field];
  return typeof value === 'string' || typeof value === 'boolean' ? value : undefined;
}

export function isScreeningField(field: string): field is ScreeningField {
  return (SCREENING_FIELDS as readonly string[]).includes(field);
}

/**
 * A field a document may lack (absent means empty): the screening fields, the child's voice
 * (childs-voice.ts) and a household event's id (absent: not a household event). A new entry leaves such a field out when it is empty, as older clients do, so
 * documents stay as small as they were.
 */
export function isOptionalDocField(field: string): boolean {
  return isScreeningField(field) || isVoiceField(field) || field === 'personIds' || field === 'householdEventId';
}
