import { describe, expect, it } from 'vitest';
import { localToday, sinceLabel } from './since-label.js';

describe('sinceLabel', () => {
  const pack = { conferenceDate: '2026-12-10', takenAt: '2026-12-03T14:05:00.000Z' };

  it('names the pack, by the day it was made, before its conference has happened', () => {
    expect(sinceLabel(pack, '2026-12-05')).toBe('the pack of 3 Dec 2026');
    expect(sinceLabel(pack, '2026-12-09')).toBe('the pack of 3 Dec 2026');
  });

  it('names the conference from its day on', () => {
    expect(sinceLabel(pack, '2026-12-10')).toBe('the conference on 10 Dec 2026');
    expect(sinceLabel(pack, '2027-01-02')).toBe('the conference on 10 Dec 2026');
  });

  it('names the pack when no conference date was given', () => {
    expect(sinceLabel({ conferenceDate: null, takenAt: '2026-11-30T09:00:00.000Z' }, '2026-12-05')).toBe('the pack of 30 Nov 2026');
  });

  it('reads today in local time', () => {
    expect(localToday(new Date(2026, 0, 2, 0, 30))).toBe('2026-01-02');
  });
});
