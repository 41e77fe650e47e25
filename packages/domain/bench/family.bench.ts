// Family rules benchmark: `pnpm --filter @mac/domain bench:family` (or `pnpm bench:family` at the root).
//
// A household of 4 children x 2,000 entries (the synthetic chronologies of patterns.bench.ts), with 60
// household events copied onto every child, 6 adults named on a tenth of each child's entries (two of
// them flagged), and every sibling's plan, care and serious-harm entries as the family input. One child
// is evaluated with its family (all 26 rules) against the same child without it (the 23 one-child rules
// only see the entries) in the same run, and the ratio is printed. Goal (issue 14): under 50 ms.
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { epochDay, isoFromEpochDay } from '../src/dates.js';
import { evaluatePatterns } from '../src/patterns/engine.js';
import { SIBLING_HISTORY_CATEGORIES } from '../src/patterns/rules/sibling-previously-on-plan.js';
import type { FamilyInput, PatternEntry, PatternPerson } from '../src/patterns/types.js';
import { syntheticChronology } from './patterns.bench.js';

const CHILDREN = 4;
const SIZE = 2_000;
const EVENTS = 60;
const ADULTS = 6;

function household(): { children: PatternEntry[][]; people: PatternPerson[] } {
  const people: PatternPerson[] = Array.from({ length: ADULTS }, (_, i) => ({
    id: `person-${i}`,
    name: `Adult ${i}`,
    flags: i < 2 ? [{ kind: 'poses-risk-to-children', createdAt: '2015-01-01T00:00:00.000Z' }] : [],
  }));
  const events: PatternEntry[] = Array.from({ length: EVENTS }, (_, i) => ({
    id: `event-${i}`,
    date: isoFromEpochDay(epochDay('2010-01-01') + i * 37),
    agency: i % 3 === 0 ? 'oxfordshire-csc' : 'thames-valley-police',
    category: i % 4 === 0 ? 'housing-change' : 'domestic-abuse-incident',
    status: 'active',
  }));
  const children = Array.from({ length: CHILDREN }, (_, c) => {
    const own = syntheticChronology(SIZE - EVENTS, 100 + c).map((e, i) => (i % 10 === 0 ? { ...e, personIds: [`person-${i % ADULTS}`] } : e));
    const copies = events.map((e) => ({ ...e, id: `${e.id}-child-${c}`, householdEventId: e.id }));
    return [...own, ...copies];
  });
  return { children, people };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

function time(run: () => unknown, rounds = 25): { ms: number; cpuMs: number } {
  for (let i = 0; i < 5; i++) run();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { ms: median(wall), cpuMs: median(cpu) };
}

function main(): void {
  const loadBefore = loadavg()[0]!.toFixed(2);
  const { children, people } = household();
  const [child, ...siblings] = children as [PatternEntry[], ...PatternEntry[][]];
  const family: FamilyInput = {
    siblings: siblings.map((entries, i) => ({ chronologyId: `sibling-${i}`, name: `Sibling ${i}`, entries: entries.filter((e) => SIBLING_HISTORY_CATEGORIES.includes(e.category)) })),
    people,
  };
  const asOf = '2025-06-30';
  const withFamily = () => evaluatePatterns({ entries: child, dateOfBirth: '2009-05-01', asOf, family });
  const alone = () => evaluatePatterns({ entries: child.map(({ householdEventId: _h, personIds: _p, ...e }) => e), dateOfBirth: '2009-05-01', asOf });
  const found = withFamily();
  const byRule = (rule: string) => found.filter((h) => h.ruleId === rule).length;
  const a = time(alone);
  const f = time(withFamily);
  console.log(`\nFamily rules, ${CHILDREN} children x ${SIZE.toLocaleString('en-GB')} entries, Node ${process.version}, ${cpus().length} cores, load average ${loadBefore} before and ${loadavg()[0]!.toFixed(2)} after\n`);
  console.log(`| evaluation | median wall | median CPU |`);
  console.log(`|---|---|---|`);
  console.log(`| one child alone (reference) | ${a.ms.toFixed(2)} ms | ${a.cpuMs.toFixed(2)} ms |`);
  console.log(`| one child with its family (3 siblings, ${ADULTS} adults, ${EVENTS} household events) | ${f.ms.toFixed(2)} ms | ${f.cpuMs.toFixed(2)} ms |`);
  console.log(`\nWith family / alone: ${(f.ms / a.ms).toFixed(2)}x. Highlights of the family rules: sibling-previously-on-plan ${byRule('sibling-previously-on-plan')}, known-adult-returns ${byRule('known-adult-returns')}, household-event-cluster ${byRule('household-event-cluster')}.`);
  console.log(`${f.ms < 50 ? 'Within' : 'OVER'} the 50 ms goal for a household of ${CHILDREN} x ${SIZE.toLocaleString('en-GB')}.`);
}

main();
