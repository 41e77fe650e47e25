import { describe, expect, it } from 'vitest';
import { alertEmail, alertRetryDelayMs, childInitials, DEFAULT_ALERT_PREFERENCES, digestEmail, episodeChanges, nextDigestAt, parseAlertPreferences, receivesAlerts, sameEpisodes } from './alerts.js';

const valid = { episodes: { follow: true, frequency: 'digest' }, entries: { categories: ['injury', 'domestic-abuse-incident', 'injury'], frequency: 'immediate' }, actions: { follow: false, frequency: 'immediate' } };

describe('alert preferences', () => {
  it('are read as sent, categories de-duplicated in the vocabulary’s order', () => {
    const parsed = parseAlertPreferences(valid);
    expect(parsed).toEqual({ ok: true, value: { ...valid, entries: { categories: ['domestic-abuse-incident', 'injury'], frequency: 'immediate' } } });
  });

  it('name every wrong field and refuse unknown settings and categories', () => {
    const parsed = parseAlertPreferences({ episodes: { follow: 'yes', frequency: 'weekly' }, entries: { categories: ['injury', 'toxic-trio', 7], frequency: 'immediate' }, colour: 'red' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.fields.map((f) => f.field).sort()).toEqual(['actions', 'colour', 'entries.categories', 'episodes.follow', 'episodes.frequency']);
    expect(parsed.fields.find((f) => f.field === 'entries.categories')!.message).toBe('Unknown categories: "toxic-trio", 7');
    expect(parseAlertPreferences(null)).toEqual({ ok: false, fields: [{ field: '(body)', message: expect.any(String) }] });
    expect(parseAlertPreferences({ ...valid, entries: { categories: 'injury', frequency: 'immediate' } })).toMatchObject({ ok: false, fields: [{ field: 'entries.categories' }] });
  });

  it('default to episodes and overdue actions at once, no categories; only leads and DSLs are alerted', () => {
    expect(DEFAULT_ALERT_PREFERENCES.entries.categories).toEqual([]);
    expect(['lead', 'dsl', 'practitioner', 'admin'].filter(receivesAlerts)).toEqual(['lead', 'dsl']);
  });
});

describe('episodeChanges', () => {
  it('an episode with no entry told before opened; one sharing entries with more grew; unchanged or shrunk says nothing', () => {
    const before = [{ id: 'a', entryIds: ['1', '2'] }];
    expect(episodeChanges([], before)).toEqual([{ episode: before[0], change: 'opened', newEntries: 2 }]);
    expect(episodeChanges(before, before)).toEqual([]);
    expect(episodeChanges(before, [{ id: 'a2', entryIds: ['1'] }])).toEqual([]);
    const grown = { id: 'a3', entryIds: ['1', '2', '3'] };
    expect(episodeChanges(before, [grown])).toEqual([{ episode: grown, change: 'grew', newEntries: 1 }]);
    const other = { id: 'b', entryIds: ['8', '9'] };
    expect(episodeChanges(before, [before[0]!, other])).toEqual([{ episode: other, change: 'opened', newEntries: 2 }]);
  });
});

describe('sameEpisodes', () => {
  it('is true only for the same episodes in the same order, each with the same entries in the same order', () => {
    const a = [{ id: 'a', entryIds: ['1', '2'] }, { id: 'b', entryIds: ['3'] }];
    expect(sameEpisodes(a, structuredClone(a))).toBe(true);
    expect(sameEpisodes([], [])).toBe(true);
    expect(sameEpisodes(a, [])).toBe(false);
    expect(sameEpisodes(a, [a[1]!, a[0]!])).toBe(false);
    expect(sameEpisodes(a, [{ id: 'a', entryIds: ['1', '2', '4'] }, a[1]!])).toBe(false);
    expect(sameEpisodes(a, [{ id: 'a', entryIds: ['2', '1'] }, a[1]!])).toBe(false);
    expect(sameEpisodes(a, [{ id: 'x', entryIds: ['1', '2'] }, a[1]!])).toBe(false);
    // As JSON texts compare, which is what it replaces.
    for (const b of [[], [a[1]!, a[0]!], [{ id: 'a', entryIds: ['1'] }, a[1]!], structuredClone(a)]) expect(sameEpisodes(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b));
  });
});

describe('the daily digest hour', () => {
  it('is the next such hour strictly after the alert', () => {
    expect(nextDigestAt(new Date('2026-12-05T06:59:59Z'), 7).toISOString()).toBe('2026-12-05T07:00:00.000Z');
    expect(nextDigestAt(new Date('2026-12-05T07:00:00Z'), 7).toISOString()).toBe('2026-12-06T07:00:00.000Z');
    expect(nextDigestAt(new Date('2026-12-31T23:30:00Z'), 0).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('retries back off from 30 s to at most an hour', () => {
    expect([1, 2, 3, 10, 100].map(alertRetryDelayMs)).toEqual([30_000, 60_000, 120_000, 3_600_000, 3_600_000]);
  });
});

describe('alert emails', () => {
  it('hold the initials, one sentence and the link, nothing else about the child', () => {
    expect(childInitials('Ruby', 'Hartley')).toBe('R.H.');
    expect(childInitials(' émile ', "o'neill")).toBe('É.O.');
    expect(childInitials('', '')).toBe('the child');
    const line = { kind: 'entry' as const, count: 2, initials: 'R.H.', link: 'https://mac.example.org/chronologies/x' };
    const mail = alertEmail(line, 'https://mac.example.org/account/alerts');
    expect(mail.subject).toBe('MAC alert: a new entry from another agency (R.H.)');
    expect(mail.text).toContain('Another agency recorded 2 entries in a category you follow in the chronology of R.H.');
    expect(mail.text).toContain(line.link);
    expect(mail.text).not.toContain('R.H..');
    const digest = digestEmail([line, { kind: 'episode', change: 'opened', count: 3, initials: 'J.C.', link: 'https://mac.example.org/chronologies/y' }], 'https://mac.example.org/account/alerts');
    expect(digest.subject).toBe('MAC: your daily alerts (2)');
    expect(digest.text).toContain('- A high-severity pattern has started in the chronology of J.C.\n  https://mac.example.org/chronologies/y');
  });
});
