import { describe, expect, it } from 'vitest';
import { TEST_AGENCIES } from '@mac/domain/testing';
import { buildImportPreview, problemText } from './import-preview.js';

const HEADER = 'date,time,agency,category,summary';

describe('the import preview', () => {
  it('shows each row the server will import with how its date and category were read, and the duplicates it skips', () => {
    const text = `${HEADER}\n?03/2024,,Thames Valley Police,injury,Bruise seen\n\n2019-08-14,,thames-valley-police,injury,Already there\n`;
    const preview = buildImportPreview(
      text,
      {
        ok: true,
        rows: [{ row: 1, date: '?2024-03', understood: 'around March 2024 (approximate month)', agency: 'thames-valley-police', category: 'injury', summary: 'Bruise seen' }],
        duplicates: [{ row: 3, summary: 'Already there' }],
      },
      TEST_AGENCIES,
    );
    expect(preview.rows.map((r) => [r.row, r.line, r.status])).toEqual([
      [1, 2, 'ready'],
      [3, 4, 'duplicate'],
    ]);
    expect(preview.rows[0]).toMatchObject({ date: '?03/2024', dateUnderstood: 'around March 2024 (approximate month)', agency: 'Thames Valley Police', category: 'Injury to the child (incl. bruising)' });
    expect(preview.rows[1]).toMatchObject({ dateUnderstood: '14 August 2019 (exact day)', summary: 'Already there' });
    expect(preview).toMatchObject({ ready: 1, duplicates: 1, problems: 0, problemRows: 0 });
  });

  it('puts every problem beside its row, and shows the rows without problems too', () => {
    const text = `${HEADER}\n31/02/2024,,thames-valley-police,injury,Bad date\n2024-03-01,25:00,thames-valley-police,not-a-cat,Bad time and category\n03/2024,,thames-valley-police,injury,Fine\n`;
    const preview = buildImportPreview(
      text,
      {
        ok: false,
        message: 'Nothing was imported: 3 problems in 2 rows.',
        problems: [
          { row: 1, column: 'date', message: 'date: 31/02/2024 is not a real date: February 2024 has 29 days', understood: 'day 31 of February 2024' },
          { row: 2, column: 'time', message: 'time must be empty or HH:MM on the 24-hour clock' },
          { row: 2, column: 'category', message: 'category "not-a-cat" is not in the vocabulary' },
        ],
        duplicates: [],
      },
      TEST_AGENCIES,
    );
    expect(preview.rows.map((r) => [r.row, r.status, r.problems.length])).toEqual([
      [1, 'problem', 1],
      [2, 'problem', 2],
      [3, 'fine', 0],
    ]);
    expect(preview.rows[0]!.problems[0]!.message).toBe('31/02/2024 is not a real date: February 2024 has 29 days');
    expect(preview.rows[0]!.dateUnderstood).toBe('day 31 of February 2024');
    expect(preview.rows[1]!.category).toBe('not-a-cat');
    expect(preview.rows[2]!.dateUnderstood).toBe('March 2024 (month only)');
    expect(preview).toMatchObject({ ready: 0, problems: 3, problemRows: 2 });
  });

  it('reports problems with the file itself apart from the rows', () => {
    const preview = buildImportPreview('dte,agency\nx,y\n', { ok: false, message: 'x', problems: [{ row: 0, column: 'dte', message: 'unknown column "dte": the columns are date, …' }], duplicates: [] }, TEST_AGENCIES);
    expect(preview.fileProblems).toEqual(['Unknown column "dte": the columns are date, …']);
    expect(preview.rows).toEqual([]);
  });

  it('turns a missing value into an instruction', () => {
    expect(problemText('summary', 'summary must not be empty')).toBe('Enter a summary');
    expect(problemText('agency', 'agency is required')).toBe('Enter the agency');
    expect(problemText('date', 'date: a date is required')).toBe('Enter the date');
    expect(problemText('impact_on_child', 'impact_on_child is required')).toBe('Enter the impact on child');
  });
});
