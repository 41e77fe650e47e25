import { describe, expect, it } from 'vitest';
import { epochDay, evaluatePatterns, type PatternEntry } from '@mac/domain';
import { bandsFromHighlights, deadlineStatus, describeBands, layoutBands, type CycleBand, type DeadlineBand } from './timeline-bands.js';
import { fitRange } from './timeline-scale.js';
import { ReviewBook, type ServerReviewRecord } from './highlight-reviews.js';

const day = (iso: string) => epochDay(iso);

let n = 0;
function entry(date: string, category: string): PatternEntry {
  n++;
  return { id: `e${String(n).padStart(3, '0')}`, date, agency: 'oxfordshire-csc', category, status: 'active' };
}

// Ruby-like history: closed, re-referred 3 months later; plan ended, concern 2 months later; closed, referral.
const cycleEntries = [
  entry('2021-01-10', 'case-closed'),
  entry('2021-04-12', 'referral-to-social-care'),
  entry('2022-02-01', 'child-in-need-plan-end'),
  entry('2022-04-01', 'neglect-concern'),
  entry('2023-05-05', 'case-closed'),
  entry('2023-06-01', 'referral-to-social-care'),
];
const labels = new Map(cycleEntries.map((e) => [e.id, e.category === 'case-closed' ? 'Case closed' : e.category]));

describe('cycle bands from the closed-then-re-referred result', () => {
  const highlights = evaluatePatterns({ entries: cycleEntries, dateOfBirth: '2015-01-01', asOf: '2024-01-01' });
  const rule = highlights.find((h) => h.ruleId === 'closed-then-re-referred')!;

  it('gives one band per cycle the rule listed, closure to re-referral, in order and numbered', () => {
    expect(rule.cycles).toHaveLength(3);
    const bands = bandsFromHighlights([rule], day('2024-01-01'), (id) => labels.get(id) ?? null) as CycleBand[];
    expect(bands.map((b) => [b.kind, b.index, b.count])).toEqual([
      ['cycle', 1, 3],
      ['cycle', 2, 3],
      ['cycle', 3, 3],
    ]);
    expect(bands.map((b) => [b.fromDay, b.toDay])).toEqual([
      [day('2021-01-10'), day('2021-04-12')],
      [day('2022-02-01'), day('2022-04-01')],
      [day('2023-05-05'), day('2023-06-01')],
    ]);
    expect(bands.map((b) => [b.closedEntryId, b.reopenedEntryId])).toEqual(rule.cycles!.map((c) => [c.closedEntryId, c.reopenedEntryId]));
    expect(bands[0]!.description).toBe('Start again cycle 1 of 3: Case closed on 10 Jan 2021, then referral-to-social-care on 12 Apr 2021, 92 days later.');
  });

  it('gives no band for a highlight of another rule, nor for a history below the threshold', () => {
    const others = highlights.filter((h) => h.ruleId !== 'closed-then-re-referred' && !h.expected);
    expect(bandsFromHighlights(others, day('2024-01-01'))).toEqual([]);
    const once = evaluatePatterns({ entries: cycleEntries.slice(0, 2), dateOfBirth: '2015-01-01', asOf: '2024-01-01' });
    expect(bandsFromHighlights(once, day('2024-01-01'))).toEqual([]);
  });
});

describe('bands of reviewed and dismissed highlights', () => {
  const missing = entry('2024-04-02', 'missing-episode');
  const entries = [...cycleEntries, missing];
  const byId = new Map(entries.map((e) => [e.id, e]));
  const lookup = (id: string) => byId.get(id) as never;
  const drawn = evaluatePatterns({ entries, dateOfBirth: '2015-01-01', asOf: '2024-05-01' }).filter((h) => h.cycles || h.expected);
  const review = (h: (typeof drawn)[number], status: 'reviewed' | 'dismissed', id: string): ServerReviewRecord => ({
    id,
    ruleId: h.ruleId,
    status,
    note: status === 'dismissed' ? 'Known: handled by the team' : 'Seen',
    by: 'u1',
    byName: 'A Reviewer',
    at: '2024-05-01T10:00:00.000Z',
    entryIds: h.entryIds,
    highlightKey: h.id,
    changedEntryIds: [],
  });
  const cycle = drawn.find((h) => h.cycles)!;
  const deadline = drawn.find((h) => h.expected)!;

  it('draws no band for a dismissed highlight, as the panel shows it dismissed', () => {
    expect(bandsFromHighlights(drawn, day('2024-05-01')).map((b) => b.kind)).toEqual(['cycle', 'cycle', 'cycle', 'deadline']);
    const book = new ReviewBook();
    book.add([review(cycle, 'dismissed', 'r1'), review(deadline, 'dismissed', 'r2')], lookup);
    const applied = book.apply(drawn, lookup);
    expect(applied.map((h) => h.review?.status)).toEqual(drawn.map(() => 'dismissed'));
    expect(bandsFromHighlights(applied, day('2024-05-01'))).toEqual([]);
  });

  it('still draws a highlight that was reviewed rather than dismissed, and one reopened after a dismissal', () => {
    const book = new ReviewBook();
    book.add([review(cycle, 'reviewed', 'r1'), review(deadline, 'dismissed', 'r2')], lookup);
    expect(bandsFromHighlights(book.apply(drawn, lookup), day('2024-05-01')).map((b) => b.kind)).toEqual(['cycle', 'cycle', 'cycle']);
    // The missing episode is amended after the dismissal: the review no longer covers it.
    byId.set(missing.id, { ...missing, date: '2024-04-03' });
    const reopened = book.apply(drawn, lookup);
    expect(reopened.find((h) => h.expected)!.reopened).toBe(true);
    expect(bandsFromHighlights(reopened, day('2024-05-01')).map((b) => b.kind)).toEqual(['cycle', 'cycle', 'cycle', 'deadline']);
    byId.set(missing.id, missing);
  });
});

describe('deadline status against the injected clock', () => {
  const deadline = day('2024-04-05');

  it('is due until the deadline passes, then overdue; late or in time once the expected entry arrives', () => {
    expect(deadlineStatus(deadline, null, day('2024-04-03'))).toBe('due');
    expect(deadlineStatus(deadline, null, deadline)).toBe('due');
    expect(deadlineStatus(deadline, null, deadline + 1)).toBe('overdue');
    expect(deadlineStatus(deadline, deadline, deadline + 30)).toBe('met');
    expect(deadlineStatus(deadline, deadline + 1, deadline + 30)).toBe('late');
  });

  function missingHighlights(extra: PatternEntry[], asOf: string) {
    const missing = entry('2024-04-02', 'missing-episode');
    const result = evaluatePatterns({ entries: [missing, ...extra], dateOfBirth: '2010-01-01', asOf });
    return { missing, result: result.filter((h) => h.ruleId === 'missing-no-return-interview') };
  }

  it('draws a missing episode with no interview from the episode to the deadline 72 hours on, overdue once the clock passes it', () => {
    const { missing, result } = missingHighlights([], '2024-04-04');
    expect(result[0]!.expected!.status).toBe('due');
    // The page computed "due" on the 4th; by the 6th the same result is drawn overdue.
    const [onTime] = bandsFromHighlights(result, day('2024-04-04')) as DeadlineBand[];
    expect(onTime).toMatchObject({ status: 'due', label: 'Due', fromDay: day('2024-04-02'), deadlineDay: day('2024-04-05'), endDay: day('2024-04-05'), triggerEntryId: missing.id });
    const [later] = bandsFromHighlights(result, day('2024-04-06'), () => 'Missing episode') as DeadlineBand[];
    expect(later).toMatchObject({ status: 'overdue', label: 'Overdue', endDay: day('2024-04-05') });
    expect(later!.description).toBe(
      'Missing episode without a return home interview (due): Missing episode on 2 Apr 2024; a return home interview expected by 5 Apr 2024, overdue: not recorded, 1 day past the deadline.',
    );
  });

  it('draws a late interview on to the day it arrived, and an interview in time gives no band at all', () => {
    const { result } = missingHighlights([entry('2024-04-09', 'return-home-interview')], '2024-05-01');
    const [late] = bandsFromHighlights(result, day('2024-05-01')) as DeadlineBand[];
    expect(late).toMatchObject({ status: 'late', label: 'Late', arrivedDay: day('2024-04-09'), endDay: day('2024-04-09') });
    expect(late!.description).toContain('late: recorded on 9 Apr 2024, 4 days after the deadline');
    const inTime = missingHighlights([entry('2024-04-05', 'return-home-interview')], '2024-05-01');
    expect(bandsFromHighlights(inTime.result, day('2024-05-01'))).toEqual([]);
  });

  it('says in one sentence what is drawn and how the deadlines stand', () => {
    const { result: overdue } = missingHighlights([], '2024-05-01');
    const cycles = evaluatePatterns({ entries: cycleEntries, dateOfBirth: '2015-01-01', asOf: '2024-01-01' }).filter((h) => h.cycles);
    const bands = bandsFromHighlights([...cycles, ...overdue], day('2024-05-01'));
    expect(describeBands(bands)).toBe('Drawn in the row below the lanes: 3 “start again” cycles and 1 expected-event deadline (1 overdue).');
    expect(describeBands([])).toBe('');
  });
});

describe('placing bands', () => {
  const vp = fitRange(day('2024-01-01'), day('2024-12-31'), 1000, 0);
  const band = (from: string, deadline: string, key: string): DeadlineBand => ({
    kind: 'deadline',
    key,
    highlightId: key,
    ruleId: 'missing-no-return-interview',
    triggerEntryId: key,
    fromDay: day(from),
    deadlineDay: day(deadline),
    arrivedDay: null,
    status: 'overdue',
    endDay: day(deadline),
    label: 'Overdue',
    description: '',
  });

  it('keeps a short deadline wide enough to reach and to read, and stacks overlapping ones in rows', () => {
    const layout = layoutBands([band('2024-03-01', '2024-03-04', 'a'), band('2024-03-02', '2024-03-05', 'b'), band('2024-09-01', '2024-09-04', 'c')], vp);
    const [a, b, c] = layout.placed;
    expect(a!.allowedWidth).toBeCloseTo(4 * vp.pxPerDay);
    // The time allowed, then room for the word "Overdue".
    expect(a!.width).toBeGreaterThanOrEqual(a!.allowedWidth + 'Overdue'.length * 8);
    expect([a!.row, b!.row, c!.row]).toEqual([0, 1, 0]);
    expect(layout.rows).toBe(2);
  });

  it('puts cycles in the first row and deadlines below them, and leaves out what is not in view', () => {
    const cycle: CycleBand = { kind: 'cycle', key: 'k', highlightId: 'h', index: 1, count: 2, closedEntryId: 'x', reopenedEntryId: 'y', fromDay: day('2024-02-01'), toDay: day('2024-05-01'), description: '' };
    const layout = layoutBands([cycle, band('2024-03-01', '2024-03-04', 'a'), band('2019-03-01', '2019-03-04', 'old')], vp);
    expect(layout.placed.map((p) => [p.band.key, p.row])).toEqual([
      ['k', 0],
      ['a', 1],
    ]);
    expect(layout.placed[0]!.width).toBeCloseTo(91 * vp.pxPerDay);
    expect([layout.inView, layout.total]).toEqual([2, 3]);
  });
});
