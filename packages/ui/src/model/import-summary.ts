// The error summary of an import, in the file's own numbering (its lines, header = line 1, as any
// editor shows them), with one item per distinct problem: a file where 89 rows share a mistake gets
// one item saying so, with the count and the first lines, not 89 near-identical items.

export interface RowProblemAt {
  readonly row: number;
  /** The line of the file the row starts on; null when the file could not be read here. */
  readonly line: number | null;
  readonly column: string;
  readonly message: string;
}

export interface ProblemGroup {
  readonly column: string;
  readonly message: string;
  /** The rows with this problem, in file order. */
  readonly at: ReadonlyArray<{ row: number; line: number | null }>;
}

/** Problems with the same column and message, together, in order of first appearance. */
export function groupProblems(problems: readonly RowProblemAt[]): ProblemGroup[] {
  const groups = new Map<string, { column: string; message: string; at: Array<{ row: number; line: number | null }> }>();
  for (const p of problems) {
    const key = JSON.stringify([p.column, p.message]);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { column: p.column, message: p.message, at: [] }));
    group.at.push({ row: p.row, line: p.line });
  }
  return [...groups.values()];
}

/** "line 3", the row's number only when the file's lines are not known. */
export function placeOf(at: { row: number; line: number | null }): string {
  return at.line !== null ? `line ${at.line}` : `row ${at.row}`;
}

/** How many places to name before "and N more". */
export const FIRST_PLACES = 3;

/** "Line 3" or "Lines 3, 4, 5 and 86 more (89 rows)". */
export function describePlaces(at: ReadonlyArray<{ row: number; line: number | null }>): string {
  const places = at.map(placeOf);
  const first = places[0]!;
  if (places.length === 1) return `${first.charAt(0).toUpperCase()}${first.slice(1)}`;
  const numbers = at.map((a) => String(a.line ?? a.row));
  const word = at[0]!.line !== null ? 'Lines' : 'Rows';
  if (numbers.length <= FIRST_PLACES) return `${word} ${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)!}`;
  return `${word} ${numbers.slice(0, FIRST_PLACES).join(', ')} and ${numbers.length - FIRST_PLACES} more (${numbers.length} rows)`;
}
