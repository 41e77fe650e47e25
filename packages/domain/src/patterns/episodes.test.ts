import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { epochDay, isoFromEpochDay } from '../dates.js';
import { analysePatterns } from './engine.js';
import { durationWords, episodeContract, groupEpisodes, monthRange, type EpisodeContext, type EpisodeHighlight } from './episodes.js';
import type { PatternEntry } from './types.js';

const DAY0 = epochDay('2026-09-01');
const iso = (offset: number): string => isoFromEpochDay(DAY0 + offset);
let next = 0;
function entry(offset: number, category: string, agency = 'thames-valley-police', date = iso(offset)): PatternEntry {
  next += 1;
  return { id: `e${String(next).padStart(4, '0')}`, date, agency, category, status: 'active' };
}

function analyse(entries: PatternEntry[], asOf: string) {
  return analysePatterns({ entries, dateOfBirth: '2015-01-01', asOf });
}

/** A hand-made highlight, for grouping cases no rule makes on its own. */
function made(id: string, from: number, to: number, entryIds: string[], extra: Partial<EpisodeHighlight> = {}): EpisodeHighlight {
  return { id, severity: 'medium', title: `Pattern ${id}`, entryIds, agencies: ['school'], window: { from: iso(from), to: iso(to) }, ...extra };
}

const EMPTY: EpisodeContext = {
  asOfDay: DAY0 + 1000,
  concernDays: new Int32Array(0),
  concernAgencies: [],
  planDays: new Int32Array(0),
  strengthIds: [],
  strengthDays: new Int32Array(0),
  pointCount: 0,
  highlightSeqs: new Map(),
};

// Six concerns from four agencies over twelve weeks, nothing in the months before.
const burst = [
  entry(0, 'neglect-concern', 'northway-primary'),
  entry(10, 'domestic-abuse-incident', 'thames-valley-police'),
  entry(20, 'emotional-abuse-concern', 'oxford-health-hv'),
  entry(40, 'neglect-concern', 'northway-primary'),
  entry(60, 'parental-mental-health', 'east-oxford-gp'),
  entry(83, 'domestic-abuse-incident', 'thames-valley-police'),
];

describe('grouping highlights into episodes', () => {
  it('makes one episode of the rules firing on one burst, with a plain opening sentence', () => {
    const { highlights, context } = analyse(burst, '2026-12-31');
    expect(highlights.length).toBeGreaterThan(1);
    const episodes = groupEpisodes(highlights, context);
    expect(episodes).toHaveLength(1);
    const [e] = episodes;
    expect(e!.highlightIds).toEqual(highlights.map((h) => h.id));
    expect({ from: e!.from, to: e!.to }).toEqual({ from: iso(0), to: iso(83) });
    expect(e!.summary).toBe('Six concerns from four agencies in 12 weeks, after none in the three months before.');
    expect(e!.title).toBe(`Sep–Nov 2026: ${highlights.length === 2 ? 'two' : highlights.length === 3 ? 'three' : highlights.length} patterns across four agencies`);
    expect(e!.status).toBe('current');
    expect(e!.severity).toBe(highlights.some((h) => h.severity === 'high') ? 'high' : 'medium');
  });

  it('counts the concerns before the episode in its opening sentence', () => {
    // A self-harm entry 85 days before: too far and too alone for any rule to reach it.
    const earlier = entry(-85, 'self-harm', 'ouh-acute');
    const { highlights, context } = analyse([earlier, ...burst], '2026-12-31');
    const episodes = groupEpisodes(highlights, context);
    expect(episodes).toHaveLength(1);
    expect(episodes[0]!.summary).toBe('Six concerns from four agencies in 12 weeks, after one in the three months before.');
  });

  it('keeps apart highlights that neither overlap in time nor share an entry, and chains those that do', () => {
    const apart = groupEpisodes([made('a', 0, 10, ['x1']), made('b', 11, 20, ['x2'])], EMPTY);
    expect(apart.map((e) => e.highlightIds)).toEqual([['b'], ['a']]);
    // a overlaps b on day 10, b overlaps c on day 20: one episode, though a and c never meet.
    const chained = groupEpisodes([made('a', 0, 10, ['x1']), made('b', 10, 20, ['x2']), made('c', 20, 30, ['x3'])], EMPTY);
    expect(chained.map((e) => e.highlightIds)).toEqual([['a', 'b', 'c']]);
    expect(chained[0]!).toMatchObject({ from: iso(0), to: iso(30) });
  });

  it('puts highlights sharing an entry in one episode even when their windows do not meet', () => {
    const shared = groupEpisodes([made('a', 0, 10, ['x1', 'x2']), made('b', 50, 60, ['x2', 'x3']), made('c', 100, 110, ['x4'])], EMPTY);
    expect(shared.map((e) => e.highlightIds)).toEqual([['c'], ['a', 'b']]);
  });

  it('takes the highest severity of the highlights not dismissed, and keeps it when every one is dismissed', () => {
    const dismissed = { status: 'dismissed' } as const;
    const mixed = groupEpisodes([made('a', 0, 10, ['x1'], { severity: 'high', review: dismissed }), made('b', 5, 10, ['x2'])], EMPTY);
    expect(mixed[0]!.severity).toBe('medium');
    const all = groupEpisodes([made('a', 0, 10, ['x1'], { severity: 'high', review: dismissed }), made('b', 5, 10, ['x2'], { review: dismissed })], EMPTY);
    expect(all[0]!.severity).toBe('high');
    const open = groupEpisodes([made('a', 0, 10, ['x1'], { severity: 'high' }), made('b', 5, 10, ['x2'])], EMPTY);
    expect(open[0]!.severity).toBe('high');
  });

  it('orders current episodes before past ones, high before medium, the most recent first', () => {
    const ctx = { ...EMPTY, asOfDay: DAY0 + 400 };
    const reviewed = { status: 'reviewed' } as const;
    const episodes = groupEpisodes(
      [
        made('old-high', 0, 10, ['x1'], { severity: 'high', review: reviewed }),
        made('recent-medium', 300, 310, ['x2']),
        made('older-medium', 200, 210, ['x3']),
        made('recent-high', 250, 260, ['x4'], { severity: 'high' }),
      ],
      ctx,
    );
    expect(episodes.map((e) => [e.highlightIds[0], e.status])).toEqual([
      ['recent-high', 'current'],
      ['recent-medium', 'current'],
      ['older-medium', 'current'],
      ['old-high', 'past'],
    ]);
  });
});

describe('past episodes', () => {
  const reviewed = { status: 'reviewed' } as const;
  const asOfDay = DAY0 + 500;
  const ctx = (planDays: number[] = []): EpisodeContext => ({ ...EMPTY, asOfDay, planDays: Int32Array.from(planDays.map((d) => DAY0 + d)) });

  it('is past once it ended more than the set time ago and every pattern in it was reviewed or dismissed', () => {
    const both = [made('a', 0, 10, ['x1'], { review: reviewed }), made('b', 5, 20, ['x2'], { review: { status: 'dismissed' } })];
    const [e] = groupEpisodes(both, ctx(), { pastAfterDays: 183 });
    expect(e!.status).toBe('past');
    expect(e!.pastBecause).toBe('It ended more than six months ago and every pattern in it was reviewed.');
  });

  it('stays current while one pattern in it is not reviewed (or was reopened), and while it ended recently', () => {
    expect(groupEpisodes([made('a', 0, 10, ['x1'], { review: reviewed }), made('b', 5, 20, ['x2'], { review: null })], ctx())[0]!.status).toBe('current');
    // Ended on day 320, 180 days before asOf: not more than 183 days ago.
    expect(groupEpisodes([made('a', 300, 320, ['x1'], { review: reviewed })], ctx(), { pastAfterDays: 183 })[0]!.status).toBe('current');
    // The threshold is configurable: 90 days makes the same episode past.
    expect(groupEpisodes([made('a', 300, 320, ['x1'], { review: reviewed })], ctx(), { pastAfterDays: 90 })[0]!.status).toBe('past');
    // Exactly pastAfterDays after its end is not "more than".
    expect(groupEpisodes([made('a', 300, 320, ['x1'], { review: reviewed })], ctx(), { pastAfterDays: 180 })[0]!.status).toBe('current');
    expect(groupEpisodes([made('a', 300, 320, ['x1'], { review: reviewed })], ctx(), { pastAfterDays: 179 })[0]!.status).toBe('past');
  });

  it('is past, unreviewed, when a plan started during it or within the set time after it', () => {
    const unreviewed = [made('a', 0, 10, ['x1'])];
    expect(groupEpisodes(unreviewed, ctx([5]))[0]!.status).toBe('past');
    const [after] = groupEpisodes(unreviewed, ctx([100]));
    expect(after!.status).toBe('past');
    expect(after!.pastBecause).toBe(`It ended more than six months ago and a plan followed (started ${Number(iso(100).slice(8))} December 2026).`);
    // A plan long after, or before the episode began, is not a response to it.
    expect(groupEpisodes(unreviewed, ctx([10 + 184]))[0]!.status).toBe('current');
    expect(groupEpisodes(unreviewed, ctx([-1]))[0]!.status).toBe('current');
  });

  it('reads plans from the entries: a child protection plan after the burst makes it history', () => {
    const plan = entry(120, 'child-protection-plan-start', 'oxfordshire-csc');
    const { highlights, context } = analyse([...burst, plan], iso(83 + 200));
    // (The plan's own silence after it is an episode of its own, later and current.)
    const burstEpisode = groupEpisodes(highlights, context).find((e) => e.from === iso(0))!;
    expect(burstEpisode.status).toBe('past');
    expect(burstEpisode.pastBecause).toContain('a plan followed');
    const { highlights: h2, context: c2 } = analyse(burst, iso(83 + 200));
    expect(groupEpisodes(h2, c2).find((e) => e.from === iso(0))!.status).toBe('current');
  });
});

describe('strengths shown with an episode', () => {
  it('lists the strengths recorded in its window, and never lets them change its severity or status', () => {
    const strength = entry(30, 'positive-change', 'northway-primary');
    const outside = entry(200, 'positive-change', 'northway-primary');
    const { highlights, context } = analyse([...burst, strength, outside], '2027-06-01');
    const without = analyse(burst, '2027-06-01');
    const [e] = groupEpisodes(highlights, context);
    const [plain] = groupEpisodes(without.highlights, without.context);
    expect(e!.strengthEntryIds).toEqual([strength.id]);
    expect(plain!.strengthEntryIds).toEqual([]);
    expect(episodeContract(e!)).toEqual(episodeContract(plain!));
  });
});

describe('the API view', () => {
  it('has exactly the contract fields', () => {
    const { highlights, context } = analyse(burst, '2026-12-31');
    const [e] = groupEpisodes(highlights, context).map(episodeContract);
    expect(Object.keys(e!).sort()).toEqual(['from', 'highlightIds', 'id', 'severity', 'status', 'to']);
  });
});

describe('episode properties', () => {
  const CATEGORIES = [
    'neglect-concern', 'domestic-abuse-incident', 'injury', 'missing-episode', 'return-home-interview', 'exploitation-concern',
    'referral-to-social-care', 'case-closed', 'child-protection-plan-start', 'child-protection-plan-end', 'positive-change',
    'school-absence', 'strategy-discussion', 'self-harm', 'missed-health-appointment',
  ];
  const AGENCIES = ['police', 'school', 'health', 'csc'];
  const history = fc.array(
    fc.record({ offset: fc.integer({ min: 0, max: 900 }), category: fc.constantFrom(...CATEGORIES), agency: fc.constantFrom(...AGENCIES) }),
    { maxLength: 60 },
  );

  it('puts every highlight in exactly one episode and every entry in at most one, whatever the input order', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 1, max: 400 }), (list, pastAfterDays) => {
        const entries = list.map((x, i) => ({ id: `p${i}`, date: iso(x.offset), agency: x.agency, category: x.category, status: 'active' }));
        const { highlights, context } = analyse(entries, iso(1000));
        const episodes = groupEpisodes(highlights, context, { pastAfterDays });
        const placed = episodes.flatMap((e) => e.highlightIds);
        expect([...placed].sort()).toEqual(highlights.map((h) => h.id).sort());
        const episodeOfEntry = new Map<string, string>();
        const byId = new Map(highlights.map((h) => [h.id, h]));
        for (const e of episodes) {
          for (const hid of e.highlightIds) {
            const h = byId.get(hid)!;
            expect(h.window.from >= e.from && h.window.to <= e.to).toBe(true);
            for (const id of h.entryIds) {
              expect(episodeOfEntry.get(id) ?? e.id).toBe(e.id);
              episodeOfEntry.set(id, e.id);
            }
          }
        }
        // Episodes do not overlap in time (overlapping windows are one episode).
        const spans = episodes.map((e) => [e.from, e.to] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1));
        for (let i = 1; i < spans.length; i++) expect(spans[i]![0] > spans[i - 1]![1]).toBe(true);
        // Matching entries by position (the engine's highlights) and by id (any others) agree.
        const byIdOnly = groupEpisodes(highlights, { ...context, highlightSeqs: new Map() }, { pastAfterDays });
        expect(byIdOnly).toEqual(episodes);
        const again = analyse([...entries].reverse(), iso(1000));
        expect(groupEpisodes(again.highlights, again.context, { pastAfterDays })).toEqual(episodes);
      }),
      { numRuns: 200 },
    );
  });
});

describe('words', () => {
  it.each([
    [1, 'one day'],
    [13, '13 days'],
    [14, 'two weeks'],
    [84, '12 weeks'],
    [91, 'three months'],
    [183, 'six months'],
    [729, '24 months'],
    [730, 'two years'],
  ])('%i days is "%s"', (days, words) => {
    expect(durationWords(days)).toBe(words);
  });

  it('names the months an episode spans', () => {
    expect(monthRange('2026-09-03', '2026-09-30')).toBe('Sep 2026');
    expect(monthRange('2026-09-03', '2026-12-01')).toBe('Sep–Dec 2026');
    expect(monthRange('2025-11-03', '2026-02-01')).toBe('Nov 2025 – Feb 2026');
  });
});
