import { describe, expect, it } from 'vitest';
import { childsVoiceSummary, describeDaysSince, isSeenAlone, seenAloneLabel, type VoiceEntry } from './childs-voice.js';
import { docValueOf, entryFieldsFromDoc, isOptionalDocField } from './screening.js';

const police = 'thames-valley-police';
const school = 'northway-primary';
const hv = 'oxford-health-visiting';

let n = 0;
function entry(over: Partial<VoiceEntry>): VoiceEntry {
  return { id: `e${++n}`, date: '2026-01-01', agency: police, status: 'active', childsVoice: '', seenAlone: '', ...over };
}

describe('seenAlone values', () => {
  it('knows its three words and empty, and nothing else', () => {
    for (const v of ['yes', 'no', 'not-applicable', '']) expect(isSeenAlone(v)).toBe(true);
    for (const v of ['Yes', 'maybe', 'not applicable', null, undefined, true]) expect(isSeenAlone(v)).toBe(false);
    expect(seenAloneLabel('not-applicable')).toBe('Not applicable');
    expect(seenAloneLabel('')).toBe('');
    expect(seenAloneLabel(undefined)).toBe('');
  });
});

describe('the document form: absent means empty', () => {
  it("reads an older entry's missing fields as '' and leaves present ones alone", () => {
    expect(entryFieldsFromDoc({ id: 'x', summary: 's' })).toEqual({ id: 'x', summary: 's', childsVoice: '', seenAlone: '' });
    expect(entryFieldsFromDoc({ id: 'x', childsVoice: 'hi', seenAlone: 'yes' })).toEqual({ id: 'x', childsVoice: 'hi', seenAlone: 'yes' });
    // A wrong value is passed through for the schema to refuse by name, never silently emptied.
    expect(entryFieldsFromDoc({ id: 'x', childsVoice: 'hi', seenAlone: 'maybe' }).seenAlone).toBe('maybe');
  });

  it('treats both as optional document fields, written as their text', () => {
    expect(isOptionalDocField('childsVoice')).toBe(true);
    expect(isOptionalDocField('seenAlone')).toBe(true);
    expect(isOptionalDocField('summary')).toBe(false);
    expect(docValueOf({ seenAlone: 'no' }, 'seenAlone')).toBe('no');
  });
});

describe('childsVoiceSummary: last heard from and last seen alone, per agency', () => {
  const today = '2026-06-30';

  it('finds the latest voiced and seen-alone entries of each agency, with days since', () => {
    const summary = childsVoiceSummary(
      [
        entry({ id: 'p1', date: '2026-01-10', childsVoice: 'Said she was scared', seenAlone: 'yes' }),
        entry({ id: 'p2', date: '2026-05-31', childsVoice: 'Said it was fine now', seenAlone: 'no' }),
        entry({ id: 's1', agency: school, date: '2026-06-20', childsVoice: 'Told teacher about the shouting' }),
        entry({ id: 's2', agency: school, date: '2026-06-29', seenAlone: 'yes' }),
      ],
      { today, agencies: [police, school, hv] },
    );
    expect(summary.agencies).toEqual([
      {
        agency: police,
        lastHeardFrom: { entryId: 'p2', agency: police, date: '2026-05-31', daysSince: 30, approximate: false },
        lastSeenAlone: { entryId: 'p1', agency: police, date: '2026-01-10', daysSince: 171, approximate: false },
      },
      {
        agency: school,
        lastHeardFrom: { entryId: 's1', agency: school, date: '2026-06-20', daysSince: 10, approximate: false },
        lastSeenAlone: { entryId: 's2', agency: school, date: '2026-06-29', daysSince: 1, approximate: false },
      },
      // A member agency with nothing recorded is listed, so its silence shows.
      { agency: hv, lastHeardFrom: null, lastSeenAlone: null },
    ]);
    expect(summary.lastHeardFrom?.entryId).toBe('s1');
    expect(summary.lastSeenAlone?.entryId).toBe('s2');
    expect(summary.quiet).toBe(false);
  });

  it('makes a child nobody has heard from for months visible: quiet after 90 days, or when never heard', () => {
    const old = [entry({ date: '2026-03-01', childsVoice: 'Wanted to stay with nan' }), entry({ date: '2026-06-29', seenAlone: 'yes' })];
    const summary = childsVoiceSummary(old, { today });
    expect(summary.lastHeardFrom?.daysSince).toBe(121);
    expect(summary.quiet).toBe(true);
    expect(childsVoiceSummary(old, { today: '2026-05-29' }).quiet).toBe(false); // 89 days
    expect(childsVoiceSummary(old, { today: '2026-05-30' }).quiet).toBe(true); // 90 days
    expect(childsVoiceSummary([], { today, agencies: [police] })).toMatchObject({ lastHeardFrom: null, lastSeenAlone: null, quiet: true, quietAfterDays: 90 });
    expect(childsVoiceSummary(old, { today, quietAfterDays: 200 }).quiet).toBe(false);
  });

  it('ignores withdrawn entries, blank words, and entries dated after today', () => {
    const summary = childsVoiceSummary(
      [
        entry({ id: 'w', date: '2026-06-29', childsVoice: 'Withdrawn words', seenAlone: 'yes', status: 'withdrawn' }),
        entry({ id: 'blank', date: '2026-06-28', childsVoice: ' \u200b ' }),
        entry({ id: 'future', date: '2026-07-15', childsVoice: 'Not yet said', seenAlone: 'yes' }),
        entry({ id: 'na', date: '2026-06-27', seenAlone: 'not-applicable' }),
        entry({ id: 'real', date: '2026-02-01', childsVoice: 'Real words' }),
      ],
      { today },
    );
    expect(summary.lastHeardFrom?.entryId).toBe('real');
    expect(summary.lastSeenAlone).toBeNull();
    // Agencies seen only in ignored entries are still listed (nothing recorded for them).
    expect(summary.agencies.map((a) => a.agency)).toEqual([police]);
  });

  it('counts an imprecise date from its last day (never overstating the gap) and says so', () => {
    const summary = childsVoiceSummary(
      [entry({ id: 'month', date: '2026-04', childsVoice: 'Words' }), entry({ id: 'period', agency: school, date: '2026-06-01..2026-07-10', seenAlone: 'yes' })],
      { today, agencies: [police, school] },
    );
    expect(summary.agencies[0]!.lastHeardFrom).toMatchObject({ entryId: 'month', daysSince: 61, approximate: true });
    // A period that runs past today counts as today.
    expect(summary.agencies[1]!.lastSeenAlone).toMatchObject({ entryId: 'period', daysSince: 0, approximate: true });
    expect(describeDaysSince({ daysSince: 60, approximate: true })).toBe('at least 60 days ago');
    expect(describeDaysSince({ daysSince: 1, approximate: false })).toBe('1 day ago');
    expect(describeDaysSince({ daysSince: 0, approximate: true })).toBe('today');
  });

  it('lists agencies with entries that are not in the given list after it, by slug', () => {
    const summary = childsVoiceSummary([entry({ agency: 'zeta-agency' }), entry({ agency: 'alpha-agency' })], { today, agencies: [school] });
    expect(summary.agencies.map((a) => a.agency)).toEqual([school, 'alpha-agency', 'zeta-agency']);
  });

  it('does not throw over an unreadable date', () => {
    expect(childsVoiceSummary([entry({ date: 'not a date', childsVoice: 'x' })], { today }).lastHeardFrom).toBeNull();
  });
});
