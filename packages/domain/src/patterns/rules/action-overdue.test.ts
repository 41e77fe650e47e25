import { describe, expect, it } from 'vitest';
import { analysePatterns, evaluatePatterns } from '../engine.js';
import { groupEpisodes } from '../episodes.js';
import { thresholdWords } from '../threshold-words.js';
import type { PatternAction } from '../types.js';
import { AGENCIES, day, entryOn, withdrawn } from '../test-support.js';

const action = (over: Partial<PatternAction> = {}): PatternAction => ({
  id: 'act-1',
  title: 'Arrange a paediatric assessment of the bruise',
  status: 'open',
  dueDate: '2026-11-03',
  ownerAgency: 'northway-primary',
  entryIds: [],
  ...over,
});

const overdueOf = (actions: PatternAction[], asOf: string, entries = [entryOn(0, 'other')], config?: Parameters<typeof evaluatePatterns>[0]['config']) =>
  evaluatePatterns({ entries, actions, dateOfBirth: null, asOf, agencies: AGENCIES, ...(config ? { config } : {}) }).filter((h) => h.ruleId === 'action-overdue');

describe('action-overdue', () => {
  it('fires for an open action the day after it was due, with a plain sentence naming the date, the owner and the days', () => {
    expect(overdueOf([action()], '2026-11-03')).toEqual([]);
    const [h] = overdueOf([action()], '2026-11-15');
    expect(h).toMatchObject({ severity: 'medium', title: 'Action overdue', window: { from: '2026-11-03', to: '2026-11-15' }, actionId: 'act-1', entryIds: [] });
    expect(h!.explanation).toBe('An action due on 3 November 2026, owned by Northway Primary School, is 12 days overdue: “Arrange a paediatric assessment of the bruise”.');
    expect(overdueOf([action()], '2026-11-04')[0]!.explanation).toContain('is 1 day overdue');
  });

  it('is high from highAfterDays overdue (28 by default), and says so', () => {
    expect(overdueOf([action()], '2026-11-30')[0]!.severity).toBe('medium'); // 27 days
    const high = overdueOf([action()], '2026-12-01')[0]!; // 28 days
    expect(high.severity).toBe('high');
    expect(high.explanation).toContain('Overdue by 28 days or more is high.');
  });

  it('never fires for a done or cancelled action, nor without actions (every other rule unchanged)', () => {
    expect(overdueOf([action({ status: 'done' }), action({ id: 'b', status: 'cancelled' })], '2027-06-01')).toEqual([]);
    const entries = [entryOn(0, 'neglect-concern'), entryOn(3, 'neglect-concern'), entryOn(6, 'neglect-concern')];
    const without = evaluatePatterns({ entries, dateOfBirth: null, asOf: '2026-12-05', agencies: AGENCIES });
    const withActions = evaluatePatterns({ entries, actions: [action()], dateOfBirth: null, asOf: '2026-12-05', agencies: AGENCIES });
    expect(withActions.filter((h) => h.ruleId !== 'action-overdue')).toEqual(without);
  });

  it('follows its configuration: minDaysOverdue, highAfterDays, and switched off', () => {
    const config = { rules: { 'action-overdue': { thresholds: { minDaysOverdue: 7, highAfterDays: 10 } } } };
    expect(overdueOf([action()], '2026-11-09', undefined, config)).toEqual([]); // 6 days
    expect(overdueOf([action()], '2026-11-10', undefined, config)[0]!.severity).toBe('medium'); // 7
    expect(overdueOf([action()], '2026-11-13', undefined, config)[0]!.severity).toBe('high'); // 10
    expect(overdueOf([action()], '2026-12-01', undefined, { rules: { 'action-overdue': { enabled: false } } })).toEqual([]);
    expect(thresholdWords('action-overdue', { minDaysOverdue: 1, highAfterDays: 28 })).toBe('an open action past its due date (28 days or more overdue is high)');
    expect(thresholdWords('action-overdue', { minDaysOverdue: 7, highAfterDays: 10 })).toBe('an open action 7 days or more past its due date (10 days or more overdue is high)');
  });

  it('lists the linked entries the engine was given, in timeline order, and only those (hidden or withdrawn ones are not there)', () => {
    const a = entryOn(10, 'injury', 'ouh-acute');
    const b = entryOn(2, 'neglect-concern', 'northway-primary');
    const gone = withdrawn(entryOn(5, 'other'));
    const hidden = 'restricted-entry-of-another-agency';
    const [h] = overdueOf([action({ entryIds: [a.id, hidden, b.id, gone.id] })], '2026-11-15', [a, b, gone]);
    expect(h!.entryIds).toEqual([b.id, a.id]);
    expect(h!.agencies).toEqual(['northway-primary', 'ouh-acute']);
    expect(JSON.stringify(h)).not.toContain(hidden);
  });

  it('gives each overdue action its own highlight, even two due the same day on the same entries', () => {
    const e = entryOn(1, 'other');
    const out = overdueOf([action({ id: 'x', entryIds: [e.id] }), action({ id: 'y', entryIds: [e.id] })], '2026-11-15', [e]);
    expect(out.map((h) => h.actionId).sort()).toEqual(['x', 'y']);
    expect(new Set(out.map((h) => h.id)).size).toBe(2);
  });

  it('joins an episode with the highlights that share its entries', () => {
    const entries = [entryOn(0, 'neglect-concern', 'northway-primary'), entryOn(3, 'neglect-concern', 'ouh-acute'), entryOn(6, 'neglect-concern', 'oxford-health-hv')];
    const { highlights, context } = analysePatterns({ entries, actions: [action({ dueDate: day(20), entryIds: [entries[0]!.id] })], dateOfBirth: null, asOf: day(40), agencies: AGENCIES });
    const overdue = highlights.find((h) => h.ruleId === 'action-overdue')!;
    expect(overdue.explanation).toContain('20 days overdue');
    const episodes = groupEpisodes(highlights.map((h) => ({ ...h, review: null, reopened: false })), context);
    const withIt = episodes.find((ep) => ep.highlightIds.includes(overdue.id))!;
    const repeat = highlights.find((h) => h.ruleId === 'repeat-category')!;
    expect(withIt.highlightIds).toContain(repeat.id);
  });
});
