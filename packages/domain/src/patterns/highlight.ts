// Turning a rule's cluster into the Highlight the API and the UI share.
import { isoFromEpochDay } from '../dates.js';
import type { RuleId, Severity } from './config.js';
import type { CycleFacts, ExpectedEventFacts, Highlight, Point } from './types.js';

/** Two independent 32-bit hashes of an entry id (FNV-1a style, with a final mix). */
export function idHashes(text: string): [number, number] {
  return [idHashA(text), idHashB(text)];
}

// The two lanes of idHashes, each on its own: the plain definition, which entrySetHash (and so
// highlightId, the reference and the tests) uses. The engine computes both in one pass (cacheIdHash).
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
  return `${count.toString(36)}-${hex8(a)}${hex8(b)}`;
}

// Two hex digits per byte, looked up: toString(16) and padStart on every highlight id were a few per
// cent of an evaluation. hex8(n) is n.toString(16).padStart(8, '0') for a 32-bit unsigned n.
const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex8(n: number): string {
  return HEX_BYTE[n >>> 24]! + HEX_BYTE[(n >>> 16) & 255]! + HEX_BYTE[(n >>> 8) & 255]! + HEX_BYTE[n & 255]!;
}

/**
 * Hashes a point's id into the timeline's cache (Point.hashes), both lanes in one pass: each
 * character is read once (reading the id twice, lane by lane, was most of the hashing's cost).
 * The values are idHashA's and idHashB's.
 */
function cacheIdHash(p: Point): void {
  const text = p.id;
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619);
    h2 = Math.imul(h2 ^ c, 2246822507) ^ (h2 >>> 13);
  }
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 2246822507);
  h1 ^= h1 >>> 13;
  h2 ^= h2 >>> 16;
  h2 = Math.imul(h2, 3266489909);
  h2 ^= h2 >>> 15;
  const cache = p.hashes;
  cache.a[p.seq] = h1 >>> 0;
  cache.b[p.seq] = h2 >>> 0;
  cache.done[p.seq] = 1;
}

/**
 * The same highlight under another id, for a rule whose highlights the entry set alone does not tell apart
 * (one per action, one per sibling): `key` replaces the entries' hash at the end of the id. The points'
 * record of which highlight holds them (IdHashCache.highlightSeqs, read by episodes) follows the new id.
 */
export function withKey<H extends Highlight>(highlight: H, key: string, points: readonly Point[]): H {
  const id = `${highlight.id.slice(0, highlight.id.lastIndexOf(':'))}:${key}`;
  const seqs = points.length > 0 ? points[0]!.hashes.highlightSeqs : null;
  if (seqs) {
    const own = seqs.get(highlight.id);
    seqs.delete(highlight.id);
    if (own) seqs.set(id, own);
  }
  return { ...highlight, id };
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
  const from = isoDay(parts.from ?? points[0]!.day);
  const to = isoDay(parts.to ?? points[points.length - 1]!.day);
  // One pass over the points for everything the highlight lists: the hash of the id set
  // (entrySetHash, from the timeline's cache), the ids, the coarse ones and the agencies in order of
  // first appearance (agenciesOf; a handful, so a list beats a set).
  const count = points.length;
  const entryIds = new Array<string>(count);
  const seqs = new Int32Array(count);
  const coarseEntryIds: string[] = [];
  const agencies: string[] = [];
  let a = 0;
  let b = 0;
  for (let i = 0; i < count; i++) {
    const p = points[i]!;
    const cache = p.hashes;
    if (cache.done[p.seq] === 0) cacheIdHash(p);
    a = (a + cache.a[p.seq]!) >>> 0;
    b = (b + cache.b[p.seq]!) >>> 0;
    entryIds[i] = p.id;
    seqs[i] = p.seq;
    if (p.coarse) coarseEntryIds.push(p.id);
    if (!agencies.includes(p.agency)) agencies.push(p.agency);
  }
  const id = `${parts.ruleId}:${from}..${to}:${setHashText(count, a, b)}`;
  if (count > 0) points[0]!.hashes.highlightSeqs.set(id, seqs);
  return {
    id,
    ruleId: parts.ruleId,
    severity: parts.severity,
    title: parts.title,
    explanation: parts.explanation,
    entryIds,
    agencies,
    window: { from, to },
    thresholds: { ...parts.thresholds },
    coarseEntryIds,
    ...(parts.expected === undefined ? {} : { expected: parts.expected }),
    ...(parts.cycles === undefined ? {} : { cycles: parts.cycles }),
  };
}

// Highlights on a long history name the same few hundred days again and again; days lie between
// 1900 and 2100, so the cache is bounded.
const ISO_DAY = new Map<number, string>();

function isoDay(day: number): string {
  let text = ISO_DAY.get(day);
  if (text === undefined) ISO_DAY.set(day, (text = isoFromEpochDay(day)));
  return text;
}
