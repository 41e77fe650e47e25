// Turning a rule's cluster into the Highlight the API and the UI share.
import { isoFromEpochDay } from '../dates.js';
import type { RuleId, Severity } from './config.js';
import { agenciesOf } from './explain.js';
import type { CycleFacts, ExpectedEventFacts, Highlight, Point } from './types.js';

/** Two independent 32-bit hashes of an entry id (FNV-1a style, with a final mix). */
export function idHashes(text: string): [number, number] {
  return [idHashA(text), idHashB(text)];
}

// The two lanes of idHashes, each on its own: the timeline hashes every entry, and returning a pair
// allocated an array per entry (the lanes share nothing, so splitting them changes no value).
export function idHashA(text: string): number {
  let h1 = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h1 = Math.imul(h1 ^ text.charCodeAt(i), 16777619);
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 2246822507);
  h1 ^= h1 >>> 13;
  return h1 >>> 0;
}

export function idHashB(text: string): number {
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) h2 = Math.imul(h2 ^ text.charCodeAt(i), 2246822507) ^ (h2 >>> 13);
  h2 ^= h2 >>> 16;
  h2 = Math.imul(h2, 3266489909);
  h2 ^= h2 >>> 15;
  return h2 >>> 0;
}

/**
 * A hash of the set of entry ids that does not depend on their order: the sum of each id's hash
 * (two 32-bit lanes) and the count. It is the same as hashing the sorted ids, in linear time, so a
 * cluster of tens of thousands of entries costs no sort. Not for security: it only tells clusters
 * apart, deterministically, in the browser as on the server.
 */
export function entrySetHash(entryIds: readonly string[]): string {
  let a = 0;
  let b = 0;
  for (const id of entryIds) {
    const [h1, h2] = idHashes(id);
    a = (a + h1) >>> 0;
    b = (b + h2) >>> 0;
  }
  return setHashText(entryIds.length, a, b);
}

function setHashText(count: number, a: number, b: number): string {
  return `${count.toString(36)}-${a.toString(16).padStart(8, '0')}${b.toString(16).padStart(8, '0')}`;
}

/** entrySetHash of the points' ids, hashing each id at most once per timeline (Point.hashes). */
function pointSetHash(points: readonly Point[]): string {
  let a = 0;
  let b = 0;
  for (const p of points) {
    const cache = p.hashes;
    const seq = p.seq;
    if (cache.done[seq] === 0) {
      cache.a[seq] = idHashA(p.id);
      cache.b[seq] = idHashB(p.id);
      cache.done[seq] = 1;
    }
    a = (a + cache.a[seq]!) >>> 0;
    b = (b + cache.b[seq]!) >>> 0;
  }
  return setHashText(points.length, a, b);
}

/** The stable key of a highlight: rule, window and the set of its entries. */
export function highlightId(ruleId: RuleId, from: string, to: string, entryIds: readonly string[]): string {
  return `${ruleId}:${from}..${to}:${entrySetHash(entryIds)}`;
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
  expected?: ExpectedEventFacts;
  cycles?: CycleFacts[];
}

export function makeHighlight(parts: HighlightParts): Highlight {
  const { points } = parts;
  const from = isoFromEpochDay(parts.from ?? points[0]!.day);
  const to = isoFromEpochDay(parts.to ?? points[points.length - 1]!.day);
  const entryIds = points.map((p) => p.id);
  return {
    id: `${parts.ruleId}:${from}..${to}:${pointSetHash(points)}`,
    ruleId: parts.ruleId,
    severity: parts.severity,
    title: parts.title,
    explanation: parts.explanation,
    entryIds,
    agencies: agenciesOf(points),
    window: { from, to },
    thresholds: { ...parts.thresholds },
    coarseEntryIds: points.filter((p) => p.coarse).map((p) => p.id),
    ...(parts.expected === undefined ? {} : { expected: parts.expected }),
    ...(parts.cycles === undefined ? {} : { cycles: parts.cycles }),
  };
}
