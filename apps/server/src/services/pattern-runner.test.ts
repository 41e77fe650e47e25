/**
 * The pattern engine in a worker thread for large chronologies (pattern-runner.ts, a real worker): the same
 * highlights and episode context as running it in place, small inputs never leave the main thread, and a
 * bad input fails with the engine's own message.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { analysePatterns, resolveConfig, DEFAULT_PATTERN_CONFIG, type PatternInput } from '@mac/domain';
import { buildEntry } from '@mac/domain/testing';
import { createPatternRunner, createTurns, type PatternRunner } from './pattern-runner.js';

let runner: PatternRunner | null = null;
afterEach(async () => {
  await runner?.close();
  runner = null;
});

const CATEGORIES = ['domestic-abuse-incident', 'missing-episode', 'school-absence', 'missed-health-appointment', 'injury', 'police-attendance'];
const AGENCIES = ['thames-valley-police', 'oxford-health-hv', 'northway-primary', 'oxfordshire-csc'];

function input(n: number): PatternInput {
  const entries = Array.from({ length: n }, (_, i) =>
    buildEntry({
      id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
      date: new Date(Date.UTC(2021, 0, 1) + i * 36 * 3_600_000).toISOString().slice(0, 10),
      category: CATEGORIES[i % CATEGORIES.length]!,
      agency: AGENCIES[(i * 7) % AGENCIES.length]!,
      summary: `Entry ${i}`,
    }),
  );
  return { entries, dateOfBirth: '2012-05-01', asOf: '2024-06-01', config: resolveConfig(DEFAULT_PATTERN_CONFIG), agencies: AGENCIES.map((slug) => ({ slug, name: slug.toUpperCase() })) };
}

describe('the pattern runner', () => {
  it('works out a 2,000-entry chronology in the worker exactly as in place: highlights and episode context', async () => {
    runner = createPatternRunner();
    const big = input(2_000);
    const here = analysePatterns(big);
    expect(here.highlights.length).toBeGreaterThan(0);
    const there = await runner.analyse(big);
    expect(runner.stats().started).toBe(1);
    expect(there.highlights).toEqual(here.highlights);
    expect(there.context).toEqual(here.context);
  }, 60_000);

  it('keeps a small chronology on the main thread (no worker is started)', async () => {
    runner = createPatternRunner();
    const small = input(80);
    expect(await runner.analyse(small)).toEqual(analysePatterns(small));
    expect(runner.stats().started).toBe(0);
  });

  it('runs small chronologies that arrive together in turns of the event loop, so other callbacks run between them', async () => {
    // A budget of 0: one evaluation per turn.
    runner = createPatternRunner({ turnBudgetMs: 0 });
    const events: string[] = [];
    const done = [1, 2, 3].map((n) => runner!.analyse(input(20)).then(() => events.push(`chronology ${n}`)));
    setImmediate(() => events.push('other work'));
    await Promise.all(done);
    expect(events).toEqual(['chronology 1', 'other work', 'chronology 2', 'chronology 3']);
  });

  it('runs several in one turn while its time budget lasts', async () => {
    const inTurn = createTurns(60_000);
    const events: string[] = [];
    const done = [1, 2, 3].map((n) => inTurn(() => n).then((v) => events.push(`job ${v}`)));
    const other = new Promise<void>((resolve) => setImmediate(() => resolve(void events.push('other work'))));
    await Promise.all([...done, other]);
    expect(events).toEqual(['job 1', 'job 2', 'job 3', 'other work']);
    await expect(inTurn(() => { throw new Error('refused'); })).rejects.toThrow('refused');
  });

  it('fails a bad input in the worker with the engine\u2019s message, and goes on', async () => {
    runner = createPatternRunner({ inlineBelow: 0 });
    await expect(runner.analyse({ ...input(3), asOf: '2024-02-30' })).rejects.toThrow(/the patterns could not be worked out: asOf must be a real day/);
    expect((await runner.analyse(input(3))).highlights).toEqual(analysePatterns(input(3)).highlights);
  }, 60_000);
});
