// The rules that read screening results, the expected-event checks and the "start again" cycle: each
// at its threshold and one below, on its window edges, with inexact dates and withdrawn entries.
import { describe, expect, it } from 'vitest';
import { addWorkingDays } from '../expected-events.js';
import { day, entryOn, highlightsOf, withdrawn } from '../test-support.js';
import { epochDay } from '../../dates.js';

const grades = (a: number, b: number, c: number, d: number): string =>
  `physical-care:${a},safety:${b},emotional-care:${c},developmental-care:${d}`;
const gcp2 = (when: number | string, g: string, agency = 'oxfordshire-csc') =>
  entryOn(when, 'neglect-assessment', agency, { areaGrades: g, riskLevel: String(Math.max(...g.split(',').map((p) => Number(p.split(':')[1])))) });
const dash = (when: number | string, riskLevel: string, score?: number) =>
  entryOn(when, 'domestic-abuse-risk-assessment', 'thames-valley-police', { riskLevel, ...(score === undefined ? {} : { score }) });
const screen = (when: number | string, riskLevel: string) => entryOn(when, 'exploitation-screening', 'oxfordshire-csc', { riskLevel });

describe('high-risk-domestic-abuse', () => {
  it('fires on a high checklist result, whatever its score (professional judgement), and on a MARAC referral alone', () => {
    expect(highlightsOf('high-risk-domestic-abuse', [dash(0, 'high', 16)])).toHaveLength(1);
    expect(highlightsOf('high-risk-domestic-abuse', [dash(0, 'high', 4)])).toHaveLength(1);
    const [h] = highlightsOf('high-risk-domestic-abuse', [entryOn(0, 'marac-referral', 'oxfordshire-csc')]);
    expect(h!.severity).toBe('high');
    expect(h!.explanation).toMatch(/1 MARAC referral recorded by Oxfordshire Children's Social Care on 1 March 2023.*lives? in that household|taken to live in that household/);
  });

  it('does not fire on a medium or standard result, one with no level, or a withdrawn high one', () => {
    expect(highlightsOf('high-risk-domestic-abuse', [dash(0, 'medium', 13), dash(10, 'standard', 2), entryOn(20, 'domestic-abuse-risk-assessment')])).toEqual([]);
    expect(highlightsOf('high-risk-domestic-abuse', [withdrawn(dash(0, 'high', 18))])).toEqual([]);
  });

  it('joins a checklist and the MARAC referral that followed it within the window, and keeps later episodes apart', () => {
    const checklist = dash(0, 'high', 17);
    const referral = entryOn(89, 'marac-referral', 'oxfordshire-csc');
    expect(highlightsOf('high-risk-domestic-abuse', [checklist, referral])).toHaveLength(1);
    expect(highlightsOf('high-risk-domestic-abuse', [checklist, entryOn(90, 'marac-referral', 'oxfordshire-csc')])).toHaveLength(2);
  });
});

describe('neglect-assessment-concern', () => {
  it('fires high on an area at grade 4 (the threshold), not on grades of 3 at most', () => {
    const [h] = highlightsOf('neglect-assessment-concern', [gcp2(0, grades(2, 4, 1, 3))]);
    expect(h!.severity).toBe('high');
    expect(h!.explanation).toContain('safety graded 4');
    expect(highlightsOf('neglect-assessment-concern', [gcp2(0, grades(3, 3, 3, 3))])).toEqual([]);
  });

  it('fires medium when an area is worse than at the previous assessment, naming both', () => {
    const first = gcp2(0, grades(2, 2, 1, 3));
    const second = gcp2(120, grades(2, 3, 1, 3));
    const [h] = highlightsOf('neglect-assessment-concern', [first, second]);
    expect(h!.severity).toBe('medium');
    expect(h!.entryIds).toEqual([first.id, second.id]);
    expect(h!.explanation).toContain('safety (2 to 3)');
    expect(highlightsOf('neglect-assessment-concern', [first, gcp2(120, grades(2, 2, 1, 2))])).toEqual([]);
  });

  it('compares with the last assessment on an earlier day, not a record of the same day, and skips withdrawn ones', () => {
    const a = gcp2(0, grades(3, 3, 3, 3));
    const sameDay = gcp2(0, grades(1, 1, 1, 1));
    expect(highlightsOf('neglect-assessment-concern', [a, sameDay])).toEqual([]);
    const better = gcp2(0, grades(1, 1, 1, 1));
    expect(highlightsOf('neglect-assessment-concern', [withdrawn(better), gcp2(60, grades(2, 2, 2, 2))])).toEqual([]);
    expect(highlightsOf('neglect-assessment-concern', [better, gcp2(60, grades(2, 2, 2, 2))])).toHaveLength(1);
  });

  it('lets a partnership set the concern grade', () => {
    expect(highlightsOf('neglect-assessment-concern', [gcp2(0, grades(3, 3, 3, 3))], { config: { rules: { 'neglect-assessment-concern': { thresholds: { concernGrade: 3 } } } } })).toHaveLength(1);
  });

  it('notes an inexact date', () => {
    const [h] = highlightsOf('neglect-assessment-concern', [gcp2('2023-04', grades(5, 1, 1, 1))]);
    expect(h!.explanation).toMatch(/inexact date/);
  });
});

describe('exploitation-risk-rising', () => {
  it('fires when the level rose: high when it rose to high, medium otherwise; not when it stayed or fell', () => {
    expect(highlightsOf('exploitation-risk-rising', [screen(0, 'low'), screen(30, 'medium')]).map((h) => h.severity)).toEqual(['medium']);
    expect(highlightsOf('exploitation-risk-rising', [screen(0, 'medium'), screen(30, 'high')]).map((h) => h.severity)).toEqual(['high']);
    expect(highlightsOf('exploitation-risk-rising', [screen(0, 'high'), screen(30, 'high'), screen(60, 'low')])).toEqual([]);
  });

  it('fires when a missing episode and an exploitation concern follow a medium result within 90 days, not one day later', () => {
    const medium = screen(0, 'medium');
    const fired = highlightsOf('exploitation-risk-rising', [medium, entryOn(10, 'missing-episode'), entryOn(89, 'exploitation-concern')]);
    expect(fired.map((h) => h.severity)).toEqual(['high']);
    expect(highlightsOf('exploitation-risk-rising', [medium, entryOn(10, 'missing-episode'), entryOn(90, 'exploitation-concern')])).toEqual([]);
    // One below: missing episodes but no exploitation concern.
    expect(highlightsOf('exploitation-risk-rising', [medium, entryOn(10, 'missing-episode'), entryOn(20, 'missing-episode')])).toEqual([]);
  });

  it('stops at the next screening, and ignores withdrawn concerns', () => {
    const concerns = [entryOn(10, 'missing-episode'), entryOn(40, 'exploitation-concern')];
    expect(highlightsOf('exploitation-risk-rising', [screen(0, 'medium'), screen(20, 'medium'), ...concerns])).toEqual([]);
    expect(highlightsOf('exploitation-risk-rising', [screen(0, 'medium'), entryOn(10, 'missing-episode'), withdrawn(entryOn(40, 'exploitation-concern'))])).toEqual([]);
  });
});

describe('assessment-out-of-date', () => {
  it('fires on a concern of the tool’s domain more than 90 days after the last assessment, not on day 90', () => {
    const checklist = dash(0, 'medium', 9);
    const [h] = highlightsOf('assessment-out-of-date', [checklist, entryOn(91, 'domestic-abuse-incident')]);
    expect(h!.entryIds[0]).toBe(checklist.id);
    expect(h!.explanation).toMatch(/consider reassessing/);
    expect(highlightsOf('assessment-out-of-date', [checklist, entryOn(90, 'domestic-abuse-incident')])).toEqual([]);
  });

  it('reads each tool’s own domain, and a new assessment resets it', () => {
    expect(highlightsOf('assessment-out-of-date', [dash(0, 'medium'), entryOn(200, 'neglect-concern')])).toEqual([]);
    expect(highlightsOf('assessment-out-of-date', [gcp2(0, grades(2, 2, 2, 2)), entryOn(200, 'neglect-concern')])).toHaveLength(1);
    expect(highlightsOf('assessment-out-of-date', [screen(0, 'low'), screen(150, 'low'), entryOn(200, 'missing-episode')])).toEqual([]);
    expect(highlightsOf('assessment-out-of-date', [entryOn(200, 'missing-episode')])).toEqual([]);
  });

  it('ignores a withdrawn concern', () => {
    expect(highlightsOf('assessment-out-of-date', [screen(0, 'low'), withdrawn(entryOn(200, 'missing-episode'))])).toEqual([]);
  });
});

describe('expected events', () => {
  it('missing-no-return-interview: an interview on day 3 is in time, on day 4 it is late, none is overdue', () => {
    const missing = entryOn(0, 'missing-episode');
    expect(highlightsOf('missing-no-return-interview', [missing, entryOn(3, 'return-home-interview', 'oxfordshire-csc')])).toEqual([]);
    const [late] = highlightsOf('missing-no-return-interview', [missing, entryOn(4, 'return-home-interview', 'oxfordshire-csc')]);
    expect(late!.expected).toMatchObject({ status: 'late', deadline: day(3), triggerEntryId: missing.id, usuallyRecordedBy: ['childrens-social-care'] });
    expect(late!.title).toMatch(/\(late\)/);
    expect(late!.explanation).toMatch(/1 day after the deadline of 4 March 2023/);
    const [overdue] = highlightsOf('missing-no-return-interview', [missing], { asOf: day(10) });
    expect(overdue!.expected!.status).toBe('overdue');
    expect(overdue!.explanation).toMatch(/No return home interview was recorded by 4 March 2023.*usually recorded by Children's social care/);
    const [due] = highlightsOf('missing-no-return-interview', [missing], { asOf: day(2) });
    expect(due!.expected!.status).toBe('due');
    expect(due!.window.to).toBe(day(2));
  });

  it('pairs one interview with one missing episode, and a withdrawn interview does not count', () => {
    const episodes = [entryOn(0, 'missing-episode'), entryOn(1, 'missing-episode')];
    const interview = entryOn(2, 'return-home-interview', 'oxfordshire-csc');
    const found = highlightsOf('missing-no-return-interview', [...episodes, interview], { asOf: day(30) });
    expect(found.map((h) => h.expected!.triggerEntryId)).toEqual([episodes[1]!.id]);
    expect(highlightsOf('missing-no-return-interview', [episodes[0]!, withdrawn(interview)], { asOf: day(30) })).toHaveLength(1);
  });

  it('counts from the start of an inexact date and says so', () => {
    const [h] = highlightsOf('missing-no-return-interview', [entryOn('2023-03', 'missing-episode'), entryOn(20, 'return-home-interview')]);
    expect(h!.expected!.status).toBe('late');
    expect(h!.explanation).toMatch(/inexact date/);
  });

  it('non-mobile-injury-no-paediatric-assessment: under 6 months only, with a date of birth, 24 hours', () => {
    const dob = day(-30);
    const injury = entryOn(0, 'injury', 'oxford-health-hv');
    expect(highlightsOf('non-mobile-injury-no-paediatric-assessment', [injury, entryOn(1, 'paediatric-assessment', 'ouh-acute')], { dateOfBirth: dob })).toEqual([]);
    const [late] = highlightsOf('non-mobile-injury-no-paediatric-assessment', [injury, entryOn(2, 'paediatric-assessment', 'ouh-acute')], { dateOfBirth: dob });
    expect(late!.severity).toBe('medium');
    const [overdue] = highlightsOf('non-mobile-injury-no-paediatric-assessment', [injury], { dateOfBirth: dob });
    expect(overdue!.severity).toBe('high');
    expect(highlightsOf('non-mobile-injury-no-paediatric-assessment', [injury], { dateOfBirth: null })).toEqual([]);
    expect(highlightsOf('non-mobile-injury-no-paediatric-assessment', [injury], { dateOfBirth: day(-400) })).toEqual([]);
  });

  it('strategy-discussion-no-outcome: 5 working days, weekends not counted', () => {
    // 1 March 2023 was a Wednesday: 5 working days later is Wednesday 8 March.
    expect(addWorkingDays(epochDay('2023-03-01'), 5)).toBe(epochDay('2023-03-08'));
    const discussion = entryOn(0, 'strategy-discussion', 'oxfordshire-csc');
    expect(highlightsOf('strategy-discussion-no-outcome', [discussion, entryOn(7, 'section-47-enquiry', 'oxfordshire-csc')])).toEqual([]);
    expect(highlightsOf('strategy-discussion-no-outcome', [discussion, entryOn(7, 'case-closed', 'oxfordshire-csc')])).toEqual([]);
    const [late] = highlightsOf('strategy-discussion-no-outcome', [discussion, entryOn(8, 'section-47-enquiry', 'oxfordshire-csc')]);
    expect(late!.expected).toMatchObject({ status: 'late', deadline: '2023-03-08' });
  });
});

describe('closed-then-re-referred', () => {
  const cycle = (closeDay: number, gap: number, closure = 'case-closed') => [
    entryOn(closeDay, closure, 'oxfordshire-csc'),
    entryOn(closeDay + gap, 'referral-to-social-care', 'northway-primary'),
  ];

  it('fires at two cycles within 365 days each, listing them; not at one', () => {
    const [h] = highlightsOf('closed-then-re-referred', [...cycle(0, 100), ...cycle(400, 365, 'child-in-need-plan-end')]);
    expect(h!.cycles).toHaveLength(2);
    expect(h!.cycles![0]).toMatchObject({ closedOn: day(0), reopenedOn: day(100) });
    expect(h!.explanation).toMatch(/2 times a case was closed/);
    expect(highlightsOf('closed-then-re-referred', [...cycle(0, 100)])).toEqual([]);
  });

  it('does not count a re-referral 366 days after, nor one on the closure’s own day', () => {
    expect(highlightsOf('closed-then-re-referred', [...cycle(0, 100), ...cycle(400, 366)])).toEqual([]);
    expect(highlightsOf('closed-then-re-referred', [...cycle(0, 100), ...cycle(400, 0)])).toEqual([]);
  });

  it('counts a concern as a re-referral, and ignores a withdrawn closure', () => {
    const concern = [entryOn(500, 'case-closed', 'oxfordshire-csc'), entryOn(600, 'neglect-concern', 'northway-primary')];
    expect(highlightsOf('closed-then-re-referred', [...cycle(0, 100), ...concern])).toHaveLength(1);
    const [closure, referral] = cycle(400, 50);
    expect(highlightsOf('closed-then-re-referred', [...cycle(0, 100), withdrawn(closure!), referral!])).toEqual([]);
  });
});
