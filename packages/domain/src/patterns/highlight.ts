// Turning a rule's cluster into the Highlight the API and the UI share.
import { isoFromEpochDay } from '../dates.js';
import type { RuleId, Severity } from './config.js';
import { agenciesOf } from './explain.js';
import type { Highlight, Point } from './types.js';

/**
 * cyrb53, a small 53-bit string hash. Not for security: it only needs to tell clusters apart
 * deterministically, in the browser as on the server, without a crypto dependency.
 */
export function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

export function highlightId(ruleId: RuleId, from: string, to: string, entryIds: readonly string[]): string {
  const sorted = [...entryIds].sort();
  return `${ruleId}:${from}..${to}:${hash53(sorted.join('\n'))}`;
}

export interface HighlightParts {
  ruleId: RuleId;
  severity: Severity;
  title: string;
  explanation: string;
  /** In timeline order. */
  points: readonly Point[];
  /** Defaults to the span of the points. */
  from?: number;
  to?: number;
  thresholds: Readonly<Record<string, number>>;
}

export function makeHighlight(parts: HighlightParts): Highlight {
  const { points } = parts;
  const from = isoFromEpochDay(parts.from ?? points[0]!.day);
  const to = isoFromEpochDay(parts.to ?? points[points.length - 1]!.day);
  const entryIds = points.map((p) => p.id);
  return {
    id: highlightId(parts.ruleId, from, to, entryIds),
    ruleId: parts.ruleId,
    severity: parts.severity,
    title: parts.title,
    explanation: parts.explanation,
    entryIds,
    agencies: agenciesOf(points),
    window: { from, to },
    thresholds: { ...parts.thresholds },
    coarseEntryIds: points.filter((p) => p.coarse).map((p) => p.id),
  };
}
