// The import preview: every row of the file beside what the server understood of it (its date, its
// agency and category) or what is wrong with it, so that a practitioner can check a file and fix
// it in one go. The server's dry run decides; the file's own cells (read by @mac/domain's readCsvRecords, the import's own parser) are only shown.
import { categoryBySlug, findAgency, findCategory, parseChronoDate, readCsvRecords, type Agency } from '@mac/domain';

/** A row the server will import, as its dry run describes it. */
export interface CheckedRow {
  readonly row: number;
  /** Canonical date. */
  readonly date: string;
  /** What the date was read as: "around March 2024 (approximate month)". */
  readonly understood: string;
  /** Agency slug. */
  readonly agency: string;
  /** Category slug. */
  readonly category: string;
  readonly summary: string;
}

export interface RowProblem {
  /** 1-based data row; 0 for the header or the file as a whole. */
  readonly row: number;
  readonly column: string;
  readonly message: string;
  readonly understood?: string;
}

export interface Duplicate {
  readonly row: number;
  readonly line?: number;
  readonly summary: string;
  /** Skipped as already in the chronology, or as withdrawn in the file (MAC's own export). */
  readonly reason?: 'duplicate' | 'withdrawn';
}

/** The server's answer to a dry run: the rows it would import, or every problem it found. */
export type ImportCheck =
  | { readonly ok: true; readonly rows: readonly CheckedRow[]; readonly duplicates: readonly Duplicate[] }
  | { readonly ok: false; readonly message: string; readonly problems: readonly RowProblem[]; readonly duplicates: readonly Duplicate[] };

export type PreviewStatus = 'ready' | 'duplicate' | 'problem' | 'fine';

export interface PreviewRow {
  readonly row: number;
  /** The line of the file the row starts on (header = line 1), when the file could be read here. */
  readonly line: number | null;
  /** The date as written in the file. */
  readonly date: string;
  /** What the date was read as, or '' when it could not be read. */
  readonly dateUnderstood: string;
  readonly agency: string;
  readonly category: string;
  readonly summary: string;
  /**
   * ready: will be imported. duplicate: already in the chronology, will be skipped. problem: has
   * errors. fine: no problem of its own, but the file has problems, so nothing is imported.
   */
  readonly status: PreviewStatus;
  /** For a skipped row: why (already in the chronology, or withdrawn in the file). */
  readonly skippedAs?: 'duplicate' | 'withdrawn';
  readonly problems: readonly { readonly column: string; readonly message: string }[];
}

export interface ImportPreview {
  readonly rows: readonly PreviewRow[];
  /** Problems with the file as a whole or its header. */
  readonly fileProblems: readonly string[];
  readonly ready: number;
  readonly duplicates: number;
  readonly problemRows: number;
  readonly problems: number;
}

const COLUMN_WORDS: Record<string, string> = {
  date: 'the date',
  time: 'the time',
  agency: 'the agency',
  category: 'a category',
  summary: 'a summary',
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A server message made plain: no repeated "date: " prefix, an instruction for a missing value. */
export function problemText(column: string, message: string): string {
  const text = column && message.startsWith(`${column}: `) ? message.slice(column.length + 2) : message;
  if (column && (/ (must not be empty|is required)$/.test(text) || text === 'a date is required')) {
    return `Enter ${COLUMN_WORDS[column] ?? `the ${column.replace(/_/g, ' ')}`}`;
  }
  return capitalise(text);
}

function cellsByRow(text: string): { cells: Map<number, Record<string, string>>; lines: Map<number, number> } {
  const cells = new Map<number, Record<string, string>>();
  const lines = new Map<number, number>();
  const read = readCsvRecords(text);
  if (!read || read.records.length === 0) return { cells, lines };
  const header = read.records[0]!.map((h) => h.trim().toLowerCase());
  read.records.slice(1).forEach((record, index) => {
    if (record.every((c) => c.trim() === '')) return;
    const row: Record<string, string> = {};
    header.forEach((name, i) => {
      if (name && record[i] !== undefined && row[name] === undefined) row[name] = record[i]!;
    });
    cells.set(index + 1, row);
    lines.set(index + 1, read.lines[index + 1]!);
  });
  return { cells, lines };
}

function understoodDate(raw: string): string {
  const parsed = parseChronoDate(raw);
  return parsed.ok ? parsed.understood : '';
}

/** Joins the file's rows and the server's answer into one list, in file order. */
export function buildImportPreview(text: string, check: ImportCheck, agencies: readonly Agency[]): ImportPreview {
  const { cells, lines } = cellsByRow(text);
  const ready = new Map<number, CheckedRow>();
  const duplicates = new Map(check.duplicates.map((d) => [d.row, d]));
  const problems = new Map<number, RowProblem[]>();
  const fileProblems: string[] = [];
  if (check.ok) {
    for (const r of check.rows) ready.set(r.row, r);
  } else {
    for (const p of check.problems) {
      if (p.row === 0) fileProblems.push(problemText('', p.message));
      else problems.set(p.row, [...(problems.get(p.row) ?? []), p]);
    }
  }
  // Rows the server named, and (when the file has problems) every other row of the file too.
  const numbers = new Set<number>([...ready.keys(), ...duplicates.keys(), ...problems.keys()]);
  if (!check.ok && fileProblems.length === 0) for (const n of cells.keys()) numbers.add(n);

  const rows: PreviewRow[] = [...numbers]
    .sort((a, b) => a - b)
    .map((n) => {
      const raw = cells.get(n) ?? {};
      const server = ready.get(n);
      const rowProblems = problems.get(n) ?? [];
      const dateProblem = rowProblems.find((p) => p.column === 'date');
      const rawAgency = raw['agency'] ?? '';
      const rawCategory = raw['category'] ?? '';
      const status: PreviewStatus = rowProblems.length > 0 ? 'problem' : duplicates.has(n) ? 'duplicate' : server ? 'ready' : 'fine';
      return {
        row: n,
        line: lines.get(n) ?? null,
        date: raw['date'] ?? server?.date ?? '',
        dateUnderstood: server?.understood ?? dateProblem?.understood ?? (dateProblem ? '' : understoodDate(raw['date'] ?? '')),
        agency: server ? (findAgency(agencies, server.agency)?.name ?? server.agency) : (findAgency(agencies, rawAgency.trim())?.name ?? rawAgency),
        category: server ? (categoryBySlug(server.category)?.label ?? server.category) : (findCategory(rawCategory.trim())?.label ?? rawCategory),
        summary: server?.summary ?? raw['summary'] ?? duplicates.get(n)?.summary ?? '',
        status,
        ...(status === 'duplicate' ? { skippedAs: duplicates.get(n)?.reason ?? 'duplicate' } : {}),
        problems: rowProblems.map((p) => ({ column: p.column, message: problemText(p.column, p.message) })),
      };
    });
  return {
    rows,
    fileProblems,
    ready: check.ok ? check.rows.length : 0,
    duplicates: check.duplicates.length,
    problemRows: problems.size,
    problems: check.ok ? 0 : check.problems.length,
  };
}
