// More concerns than before, fast: the Care Inspectorate's guide gives a chronology's purpose as
// early indication of emerging patterns, and an escalation is the first of them.
import { ruleInfo } from '../config.js';
import { agenciesOf, agencyPhrase, betweenDays, coarseNote, dayText, num } from '../explain.js';
import { plural } from '../../plural.js';
import { makeHighlight } from '../highlight.js';
import { pointsWhere } from '../timeline.js';
import type { Point } from '../types.js';
import { slideWindowsWithFirings, type WindowProbe } from '../windows.js';
import type { Rule } from './rule.js';

const ID = 'frequency-escalation';

interface Facts {
  startDay: number;
  inWindow: number;
  before: number;
}

/** How sharp a window is: a window after an empty one is the sharpest, then the larger ratio, then more concerns. */
function sharper(a: Facts, b: Facts): boolean {
  const ra = a.before === 0 ? Infinity : a.inWindow / a.before;
  const rb = b.before === 0 ? Infinity : b.inWindow / b.before;
  if (ra !== rb) return ra > rb;
  return a.inWindow > b.inWindow;
}

export const frequencyEscalation: Rule<typeof ID> = (timeline, t, ctx) => {
  const concerns = pointsWhere(timeline, (p) => p.concern);
  // The window before is [start - N, start - 1]: its first entry is found by a pointer that, like
  // the window's own, only moves forward as the window slides.
  let beforeLo = 0;
  const probe: WindowProbe<Facts> = {
    add() {},
    remove() {},
    test(lo, hi) {
      const startDay = concerns[lo]!.day;
      while (beforeLo < lo && concerns[beforeLo]!.day < startDay - t.windowDays) beforeLo++;
      const inWindow = hi - lo + 1;
      const before = lo - beforeLo;
      if (inWindow < t.minConcerns || inWindow < t.ratio * before) return null;
      const severity = inWindow >= t.highRatio * before ? 'high' : 'medium';
      return { severity, facts: { startDay, inWindow, before } };
    },
  };
  return slideWindowsWithFirings(concerns, t.windowDays, probe).map((cluster) => {
    const points: Point[] = concerns.slice(cluster.lo, cluster.hi + 1);
    let best = cluster.firings[0]!.facts;
    for (const f of cluster.firings) if (sharper(f.facts, best)) best = f.facts;
    const first = points[0]!.day;
    const last = points[points.length - 1]!.day;
    const before = best.before === 0 ? 'none' : String(best.before);
    const windowText = plural(t.windowDays, 'day');
    const what = `${plural(points.length, 'concern')} recorded by ${agencyPhrase(agenciesOf(points), ctx)} ${betweenDays(first, last)}`;
    const sharpest =
      cluster.firings.length === 1
        ? `, against ${before} in the ${windowText} before`
        : `; the sharpest ${t.windowDays}-day window, from ${dayText(best.startDay)}, held ${best.inWindow} against ${before} in the ${windowText} before`;
    const threshold = `At least ${plural(t.minConcerns, 'concern')} in ${windowText} and at least ${num(t.ratio)} times as many as the ${windowText} before is the threshold (${num(t.highRatio)} times or more is high).`;
    return makeHighlight({
      ruleId: ID,
      severity: cluster.severity,
      title: ruleInfo(ID).title,
      explanation: `${what}${sharpest}. ${threshold}${coarseNote(points)}`,
      points,
      thresholds: t,
    });
  });
};
