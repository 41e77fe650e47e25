import { describe, expect, it } from 'vitest';
import { describePlaces, groupProblems } from './import-summary.js';

describe('import error summary', () => {
  const problem = (row: number, message: string, column = 'agency') => ({ row, line: row + 1, column, message });

  it('says the same problem over many rows once, with the count and the first lines', () => {
    const many = Array.from({ length: 89 }, (_, i) => problem(i + 1, 'rows for Thames Valley Police can only be imported by Thames Valley Police'));
    const groups = groupProblems([...many, problem(4, 'summary must not be empty', 'summary')]);
    expect(groups).toHaveLength(2);
    expect(groups[0]!.at).toHaveLength(89);
    expect(describePlaces(groups[0]!.at)).toBe('Lines 2, 3, 4 and 86 more (89 rows)');
    expect(describePlaces(groups[1]!.at)).toBe('Line 5');
  });

  it.each([
    [[{ row: 1, line: 2 }], 'Line 2'],
    [[{ row: 1, line: 2 }, { row: 2, line: 5 }], 'Lines 2 and 5'],
    [[{ row: 1, line: 2 }, { row: 2, line: 3 }, { row: 3, line: 4 }], 'Lines 2, 3 and 4'],
    [[{ row: 1, line: null }, { row: 2, line: null }], 'Rows 1 and 2'],
  ])('names the places: %j', (at, text) => {
    expect(describePlaces(at)).toBe(text);
  });

  it('keeps different messages apart, in order of first appearance', () => {
    const groups = groupProblems([problem(1, 'b'), problem(2, 'a'), problem(3, 'b'), problem(3, 'b', 'date')]);
    expect(groups.map((g) => [g.column, g.message, g.at.map((a) => a.row)])).toEqual([
      ['agency', 'b', [1, 3]],
      ['agency', 'a', [2]],
      ['date', 'b', [3]],
    ]);
  });
});
