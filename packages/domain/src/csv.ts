// The CSV exchange format: how a single-agency chronology comes in, and how a chronology goes out.
// UTF-8, RFC 4180 quoting, a header row, one row per event; column names fixed, order free.
//
// Import is all or nothing: the caller writes `rows` only when `errors` is empty. So the parser's
// job is to find every problem in one pass (every invalid cell of every row), so that a practitioner
// can fix the file once rather than once per error.
//
// The browser builds of csv-parse and csv-stringify are used on purpose: the Node builds need the
// `Buffer` global, and this package runs unchanged in the browser (an import preview, say).
//
// One module: the reader, its row checks and the writer are one exchange format
// (docs/exchange-format.md); the columns and their rules must stay in step.
import { parse } from 'csv-parse/browser/esm/sync';
import { stringify } from 'csv-stringify/browser/esm/sync';
import { parseChronoDate } from './dates.js';
import { entryInputSchema, fieldErrors, type Entry, type EntryInput } from './entry.js';
import type { RowError } from './errors.js';
import { neutraliseBidi } from './text-rules.js';
import { categoryBySlug, findAgency, findCategory, type Agency } from './taxonomy.js';

export const EXCHANGE_COLUMNS = [
  'date',
  'time',
  'agency',
  'category',
  'summary',
  'detail',
  'impact_on_child',
  // The child's voice (childs-voice.ts): their words, and whether they were seen alone.
  'childs_voice',
  'seen_alone',
  'action_taken',
  'source_ref',
  'recorded_by',
  'sharing',
  'sharing_reason',
  // Screening results (screening.ts), empty for other categories.
  'risk_level',
  'score',
  'area_grades',
] as const;

/**
 * The export: the exchange columns with the exchange format's codes (agency and category slugs), so the
 * file can be imported again as it is; then what only an export has, and the agency's and category's
 * names for people reading it (an import ignores those).
 */
export const EXPORT_COLUMNS = [...EXCHANGE_COLUMNS, 'entry_id', 'recorded_at', 'status', 'agency_name', 'category_label'] as const;

/**
 * A conference pack's CSV: the export's columns without the sharing decision (a professional pack lists
 * undecided entries as well, and the family version has only entries shared with the family), and
 * without screening results (pack rows do not carry them, and a family version gives no scores).
 */
export const PACK_CSV_COLUMNS = EXPORT_COLUMNS.filter((c) => c !== 'sharing' && c !== 'sharing_reason' && c !== 'risk_level' && c !== 'score' && c !== 'area_grades');

export type ExchangeColumn = (typeof EXCHANGE_COLUMNS)[number];
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

export const REQUIRED_COLUMNS = ['date', 'agency', 'category', 'summary'] as const;

/** The most data rows one import may hold. */
export const MAX_IMPORT_ROWS = 5000;

// Entry field behind each exchange column (agency is handled apart: it is not part of EntryInput).
const FIELD_OF_COLUMN = {
  date: 'date',
  time: 'time',
  category: 'category',
  summary: 'summary',
  detail: 'detail',
  impact_on_child: 'impactOnChild',
  childs_voice: 'childsVoice',
  seen_alone: 'seenAlone',
  action_taken: 'actionTaken',
  source_ref: 'sourceRef',
  recorded_by: 'recordedBy',
  sharing: 'sharing',
  sharing_reason: 'sharingReason',
  risk_level: 'riskLevel',
  score: 'score',
  area_grades: 'areaGrades',
} as const satisfies Partial<Record<ExchangeColumn, keyof EntryInput>>;

type InputColumn = keyof typeof FIELD_OF_COLUMN;

const COLUMN_OF_FIELD: Record<string, ExportColumn> = Object.fromEntries(
  Object.entries(FIELD_OF_COLUMN).map(([column, field]) => [field, column as ExportColumn]),
);

export interface ImportContext {
  /** Every agency of the partnership, to read an agency given by name. */
  agencies: readonly Agency[];
  /** Slugs of the chronology's member agencies. */
  memberAgencies: readonly string[];
  /** Slug of the importing principal's agency. */
  importerAgency: string;
  /** Whether the importer leads the chronology, and so may import rows for other agencies. */
  importerLeads: boolean;
  /** The chronology's entries (withdrawn ones too), to skip rows already imported. */
  existing: readonly Pick<Entry, 'date' | 'agency' | 'category' | 'summary'>[];
}

export interface ImportRow {
  /** 1-based data row: the header is not counted, so row 1 is the file's second record. */
  row: number;
  /** The line of the file on which the row starts (1-based, header included). */
  line: number;
  input: EntryInput & { agency: string };
  /** How the row's date, category and agency were read, to show back before writing. */
  understood: { date: string; category: string; agency: string };
}

export interface SkippedRow {
  row: number;
  /** The line of the file on which the row starts. */
  line: number;
  summary: string;
  reason: 'duplicate' | 'withdrawn';
}

export interface ImportResult {
  rows: ImportRow[];
  /**
   * Rows skipped: already in the chronology, or withdrawn in the file (MAC's own export lists withdrawn
   * entries, marked in its status column; importing it elsewhere leaves them out rather than failing).
   */
  duplicates: SkippedRow[];
  errors: RowError[];
}

// ---------------------------------------------------------------------------------------------
// Formula injection

const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

/**
 * A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is run as a formula (or
 * turned into one) by Excel, LibreOffice and Google Sheets when the export is opened: "CSV
 * injection" (OWASP). A leading apostrophe makes the spreadsheet treat the cell as text. It applies
 * to every such cell, a summary like "- seen at home" included: the spec prefers a visible
 * apostrophe to guessing which dashes are safe.
 */
export function neutraliseCell(s: string): string {
  return FORMULA_TRIGGER.test(s) ? `'${s}` : s;
}

// The inverse, on import, so that re-importing an export gives back the same text and is seen as a
// duplicate. Only an apostrophe followed by a trigger character is removed: that is exactly what
// neutraliseCell adds.
function unneutraliseCell(s: string): string {
  return s.startsWith("'") && FORMULA_TRIGGER.test(s.slice(1)) ? s.slice(1) : s;
}

// ---------------------------------------------------------------------------------------------
// Import

/**
 * Counts lines from the byte offsets the CSV parser reports. csv-parse's own line count counts a CRLF
 * inside a quoted cell as two lines, so the line on which each record starts is counted here: CRLF, LF
 * and CR are one each. Incremental, so a streamed import can count as it reads.
 */
export function createLineCounter(bytes: Uint8Array): (recordStartByte: number) => number {
  let pos = 0;
  let line = 1;
  return (start) => {
    for (; pos < start && pos < bytes.length; pos++) {
      const b = bytes[pos];
      if (b === 0x0a || (b === 0x0d && bytes[pos + 1] !== 0x0a)) line++;
    }
    return line;
  };
}

/** What makes two rows the same event: re-importing a file skips rows whose key is already there. */
export function importKey(e: Pick<Entry, 'date' | 'agency' | 'category' | 'summary'>): string {
  return JSON.stringify([e.date, e.agency, e.category, e.summary.trim().toLowerCase()]);
}

/** The options both parsers (this module's, for the browser and tests, and the server's streamed one) use. */
export const CSV_PARSE_OPTIONS = {
  bom: true,
  info: true,
  // Rows with the wrong number of cells are reported one by one, all of them, rather than stopping the
  // parse at the first (an unquoted comma in a summary is a common slip).
  relax_column_count: true,
  // Without this the line end is guessed from the first record, and a file mixing CRLF and LF (rows
  // pasted from another file) would glue rows together.
  record_delimiter: ['\r\n', '\n', '\r'],
} as const;

/** A csv-parse error in words a practitioner can act on. */
export function csvSyntaxError(err: unknown): RowError {
  const e = err as { code?: string; message?: string; lines?: number };
  const where = typeof e.lines === 'number' ? `line ${e.lines}: ` : '';
  const message =
    e.code === 'CSV_QUOTE_NOT_CLOSED'
      ? `${where}a quoted cell is never closed (check for a missing ")`
      : e.code === 'CSV_INVALID_CLOSING_QUOTE' || e.code === 'INVALID_OPENING_QUOTE' || e.code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE'
        ? `${where}a quote (") inside a cell must be doubled ("") and the cell quoted as a whole`
        : `${where}the file is not valid CSV (${e.message ?? 'unknown error'})`;
  return { row: 0, column: '', message };
}

function isBlank(record: readonly string[]): boolean {
  return record.every((cell) => cell.trim() === '');
}

function readHeader(header: readonly string[]): { columns: string[]; errors: RowError[] } {
  const columns = header.map((h) => h.trim().toLowerCase());
  const errors: RowError[] = [];
  const known = new Set<string>(EXPORT_COLUMNS);
  const seen = new Set<string>();
  columns.forEach((name, i) => {
    const shown = header[i]!.trim();
    if (name === '') {
      errors.push({ row: 0, column: '', message: `column ${i + 1} of the header has no name` });
    } else if (!known.has(name)) {
      errors.push({
        row: 0,
        column: shown,
        message: `unknown column "${shown}": the columns are ${EXCHANGE_COLUMNS.join(', ')}`,
      });
    } else if (seen.has(name)) {
      errors.push({ row: 0, column: shown, message: `column "${shown}" appears more than once` });
    }
    seen.add(name);
  });
  for (const required of REQUIRED_COLUMNS) {
    if (!seen.has(required)) errors.push({ row: 0, column: required, message: `the required column "${required}" is missing` });
  }
  return { columns, errors };
}

// Field names in entry messages become the file's column names ("impactOnChild must be …" →
// "impact_on_child must be …"), the words the importer sees in their spreadsheet.
function messageForColumn(message: string, field: string, column: string): string {
  return message.startsWith(field) ? column + message.slice(field.length) : message;
}

interface ParsedRecord {
  record: string[];
  /** Bytes of the (UTF-8) input consumed up to the end of this record and its line end. */
  info: { bytes: number };
}

export const TOO_MANY_ROWS_MESSAGE = `the file has more than ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} rows: split it into smaller files`;

/**
 * Reads an exchange-format file one record at a time (the header first), so that a caller can stream a
 * large file and stop at the row limit without parsing the rest. Pure: the caller parses the CSV.
 */
export interface ExchangeReader {
  /**
   * Takes the next record and the line of the file on which it starts. Returns false when reading should
   * stop (the header is wrong, or the file has more rows than one import may hold): `finish()` says why.
   */
  push(record: readonly string[], line: number): boolean;
  /** Records a syntax error of the file (nothing more will be pushed). */
  fail(error: RowError): void;
  finish(): ImportResult;
}

export function createExchangeReader(ctx: ImportContext): ExchangeReader {
  const result: ImportResult = { rows: [], duplicates: [], errors: [] };
  let header: { columns: string[] } | null = null;
  let stopped = false;
  let dataRows = 0;
  let nonBlank = 0;
  let seen: Set<string> | null = null;

  const stop = (error?: RowError): false => {
    if (error) {
      result.rows = [];
      result.duplicates = [];
      result.errors.push(error);
    }
    stopped = true;
    return false;
  };

  return {
    push(record, line) {
      if (stopped) return false;
      // Every error this record causes names the file's line, the numbering people see in an editor.
      const before = result.errors.length;
      const go = pushRecord(record, line);
      for (let i = before; i < result.errors.length; i++) if (result.errors[i]!.row > 0) result.errors[i]!.line ??= line;
      return go;
    },
    fail(error) {
      if (!stopped) {
        result.errors.length = 0;
        stop(error);
      }
    },
    finish() {
      if (header === null && result.errors.length === 0) {
        result.errors.push({ row: 0, column: '', message: 'the file is empty: it needs a header row and at least one row' });
      } else if (header !== null && !stopped && nonBlank === 0 && result.errors.length === 0) {
        result.errors.push({ row: 0, column: '', message: 'the file has a header but no rows' });
      }
      return result;
    },
  };

  function pushRecord(record: readonly string[], line: number): boolean {
    if (header === null) {
      if (isBlank(record)) return stop({ row: 0, column: '', message: 'the file is empty: it needs a header row and at least one row' });
      const read = readHeader(record);
      if (read.errors.length > 0) {
        result.errors.push(...read.errors);
        return stop();
      }
      header = read;
      return true;
    }
    dataRows++;
    if (dataRows > MAX_IMPORT_ROWS) {
      result.errors.length = 0;
      return stop({ row: 0, column: '', message: TOO_MANY_ROWS_MESSAGE });
    }
    const row = dataRows;
    if (isBlank(record)) return true;
    nonBlank++;
    if (record.length !== header.columns.length) {
      result.errors.push({
        row,
        column: '',
        message: `row ${row} has ${record.length} cells but the header has ${header.columns.length} (is a comma in a cell not quoted?)`,
      });
      return true;
    }
    const cells: Record<string, string> = {};
    header.columns.forEach((name, i) => {
      cells[name] = unneutraliseCell(record[i]!);
    });
    const parsedRow = readRow(row, line, cells, ctx, result.errors);
    if (parsedRow === null) return true;
    seen ??= new Set(ctx.existing.map(importKey));
    const key = importKey(parsedRow.input);
    if (seen.has(key)) {
      result.duplicates.push({ row, line, summary: parsedRow.input.summary, reason: 'duplicate' });
      return true;
    }
    // A withdrawn entry is part of the record it was exported from, not news for another chronology.
    if ((cells['status'] ?? '').trim().toLowerCase() === 'withdrawn') {
      result.duplicates.push({ row, line, summary: parsedRow.input.summary, reason: 'withdrawn' });
      return true;
    }
    seen.add(key);
    result.rows.push(parsedRow);
    return true;
  }
}

/**
 * Reads an exchange-format file. Returns the rows to write, the rows skipped as duplicates, and
 * every error found; the caller must write nothing unless `errors` is empty. Never throws.
 * The export-only columns (entry_id, recorded_at, status) are accepted so that an export can be
 * re-imported; entry_id and recorded_at are ignored, and a withdrawn row is refused unless it is a
 * duplicate (a withdrawn entry is not brought back to life by an import).
 *
 * This reads the whole text at once (the browser, tests, the demo seed); the server streams large
 * files through createExchangeReader so that an import never holds its event loop for long.
 */
export function parseExchangeCsv(text: string, ctx: ImportContext): ImportResult {
  const reader = createExchangeReader(ctx);
  let read: CsvRecords;
  try {
    // The header, 5,000 data rows and one more to know there were too many.
    read = parseRecords(text, MAX_IMPORT_ROWS + 2);
  } catch (err) {
    reader.fail(csvSyntaxError(err));
    return reader.finish();
  }
  for (let i = 0; i < read.records.length; i++) if (!reader.push(read.records[i]!, read.lines[i]!)) break;
  return reader.finish();
}

/** A CSV text's records and the line of the file on which each starts (1-based, as a spreadsheet counts). */
export interface CsvRecords {
  /** Every record, the header first. */
  readonly records: readonly string[][];
  readonly lines: readonly number[];
}

function parseRecords(text: string, to?: number): CsvRecords {
  const parsed = parse(text, {
    ...CSV_PARSE_OPTIONS,
    record_delimiter: [...CSV_PARSE_OPTIONS.record_delimiter],
    ...(to === undefined ? {} : { to }),
  }) as unknown as ParsedRecord[];
  const lineOf = createLineCounter(new TextEncoder().encode(text));
  const records: string[][] = [];
  const lines: number[] = [];
  let start = 0;
  for (const rec of parsed) {
    lines.push(lineOf(start));
    records.push(rec.record);
    start = rec.info.bytes;
  }
  return { records, lines };
}

/**
 * A file's cells exactly as the import reads them (the same parser and options), to show each row
 * back beside what the server said of it (the browser's import preview). Null where the import would
 * refuse the file's syntax (a stray quote): the server's message about the file is then all there is.
 */
export function readCsvRecords(text: string): CsvRecords | null {
  try {
    return parseRecords(text);
  } catch {
    return null;
  }
}

function readRow(
  row: number,
  line: number,
  cells: Record<string, string>,
  ctx: ImportContext,
  errors: RowError[],
): ImportRow | null {
  const errorCount = errors.length;
  const agency = readAgency(row, cells['agency'] ?? '', ctx, errors);

  const status = (cells['status'] ?? '').trim().toLowerCase();
  if (status !== '' && status !== 'active' && status !== 'withdrawn') {
    errors.push({ row, column: 'status', message: `status must be empty, "active" or "withdrawn" (it is "${cells['status']}")` });
  }

  const raw: Record<string, string> = {};
  for (const [column, field] of Object.entries(FIELD_OF_COLUMN)) {
    const value = cells[column as InputColumn];
    if (value !== undefined) raw[field] = value;
  }
  // The sharing level is a word, read in any case; an empty cell leaves the entry undecided.
  if (raw['sharing'] !== undefined) {
    const level = raw['sharing'].trim().toLowerCase();
    if (level === '') delete raw['sharing'];
    else raw['sharing'] = level;
  }
  // Seen alone likewise, and as its label ("Not applicable") as well as its code.
  if (raw['seenAlone'] !== undefined) raw['seenAlone'] = raw['seenAlone'].trim().toLowerCase().replace(/^not applicable$/, 'not-applicable');
  const parsed = entryInputSchema.safeParse(raw);
  if (!parsed.success) {
    for (const e of fieldErrors(parsed.error)) {
      const column = COLUMN_OF_FIELD[e.field] ?? e.field;
      errors.push({
        row,
        column,
        message: messageForColumn(e.message, e.field, column),
        ...(e.understood === undefined ? {} : { understood: e.understood }),
      });
    }
  }
  if (!parsed.success || agency === null || errors.length > errorCount) return null;

  const input = { ...parsed.data, agency: agency.slug };
  return {
    row,
    line,
    input,
    understood: {
      date: describeDate(input.date),
      category: findCategory(input.category)?.label ?? input.category,
      agency: agency.name,
    },
  };
}

function describeDate(canonical: string): string {
  const parsed = parseChronoDate(canonical);
  return parsed.ok ? parsed.understood : canonical;
}

function readAgency(row: number, value: string, ctx: ImportContext, errors: RowError[]): Agency | null {
  const given = value.trim();
  if (given === '') {
    errors.push({ row, column: 'agency', message: 'agency is required' });
    return null;
  }
  const agency = findAgency(ctx.agencies, given);
  if (agency === undefined) {
    errors.push({ row, column: 'agency', message: `agency "${given}" is not an agency of the partnership (give its slug or name)` });
    return null;
  }
  if (!ctx.memberAgencies.includes(agency.slug)) {
    errors.push({ row, column: 'agency', message: `agency "${agency.name}" is not a member of this chronology` });
    return null;
  }
  if (agency.slug !== ctx.importerAgency && !ctx.importerLeads) {
    errors.push({
      row,
      column: 'agency',
      message: `rows for ${agency.name} can only be imported by ${agency.name} or by the chronology's lead professional`,
    });
    return null;
  }
  return agency;
}

// ---------------------------------------------------------------------------------------------
// Export

export interface ExportOptions {
  /** Which columns to write, in order; EXPORT_COLUMNS by default. */
  columns?: readonly string[];
  /** Start with a UTF-8 byte order mark, which Excel needs to read UTF-8 rather than guess. */
  bom?: boolean;
}

function cellOf(entry: Entry, column: string, agencies: readonly Agency[]): string {
  switch (column) {
    case 'agency':
      return entry.agency;
    case 'agency_name':
      return agencies.find((a) => a.slug === entry.agency)?.name ?? entry.agency;
    case 'category_label':
      return categoryBySlug(entry.category)?.label ?? entry.category;
    case 'entry_id':
      return entry.id;
    case 'recorded_at':
      return entry.recordedAt;
    case 'status':
      return entry.status;
    default: {
      const field = FIELD_OF_COLUMN[column as InputColumn];
      if (field === undefined) throw new RangeError(`unknown export column "${column}"`);
      const value = entry[field];
      return value === undefined ? '' : String(value);
    }
  }
}

/**
 * Writes entries in the exchange format: CRLF line ends, RFC 4180 quoting, agencies and categories by
 * slug (the format's codes, stable across wording changes; their names follow in agency_name and
 * category_label, which an import ignores),
 * every cell without text-direction controls and neutralised against formula injection.
 */
export function toExchangeCsv(entries: readonly Entry[], agencies: readonly Agency[], opts: ExportOptions = {}): string {
  const columns = opts.columns ?? EXPORT_COLUMNS;
  // Text-direction controls are removed first (text-rules.ts): a spreadsheet would show the cell in
  // another order than the screen and the pack, and a control before "=" would hide a formula from
  // neutraliseCell.
  const records = entries.map((entry) => columns.map((column) => neutraliseCell(neutraliseBidi(cellOf(entry, column, agencies)))));
  const csv = stringify([[...columns], ...records], {
    record_delimiter: 'windows',
    // csv-stringify quotes a cell holding the record delimiter (CRLF) but not a bare LF or CR, which
    // RFC 4180 readers would take for the end of the record.
    quoted_match: [/\r/, /\n/],
  });
  return opts.bom ? `\ufeff${csv}` : csv;
}
