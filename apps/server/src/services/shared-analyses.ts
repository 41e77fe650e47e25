// One analysis per chronology state and view, for the two pieces of background work after each write
// (issue 17). The caseload count warmer (count-warmer.ts) works each member agency's highlights out ~250 ms
// after a write; the alert pass (alerts/service.ts) works them out again a few seconds later, for each way
// its recipients see the chronology: the same entries read and decoded, the same pattern rules run, for
// the same state and view. So the warmer keeps each analysis here, briefly, under exactly the key its count
// is kept under (highlight-counts.ts names what it depends on), and the alert pass takes it when the key it
// works out for a view is the same.
//
// Only analyses worked out for no one are kept (the warmer's: no audit record under anyone's name, the
// siblings' reads travel with them). Whoever takes one has those reads audited under their own name before
// using it, exactly the records working it out themselves would have written (patterns.ts).
//
// Short-lived and bounded: an analysis of 2,000 entries holds megabytes, and it is only worth keeping until
// the alert pass comes (its debounce, 5 s by default, at most six times that). Kept per server in its deps.
import { highlightCountKey, type HighlightCountInputs } from './highlight-counts.js';

/** Analyses kept at most; beyond this the oldest is dropped. */
export const ANALYSES_KEPT = 32;
/** How long an analysis is kept: longer than the alert pass's longest wait after a write (30 s by default). */
export const ANALYSES_KEPT_MS = 60_000;

export interface SharedAnalyses<T> {
  /** Keeps `value`, the analysis for these inputs, for a while. */
  keep(inputs: HighlightCountInputs, value: T): void;
  /** Whether any analysis of this chronology is kept: if not, working out a key to look one up is not worth its reads. */
  holds(chronologyId: string): boolean;
  /** The analysis kept for exactly these inputs, if any (left kept: views alike in everything share it). */
  find(inputs: HighlightCountInputs): T | undefined;
  readonly size: number;
}

/** `kept: 0`: nothing is ever kept (the bench's reference, each pass working its own out). */
export function createSharedAnalyses<T>(opts: { kept?: number; forMs?: number; now?: () => number } = {}): SharedAnalyses<T> {
  const max = opts.kept ?? ANALYSES_KEPT;
  const forMs = opts.forMs ?? ANALYSES_KEPT_MS;
  const now = opts.now ?? Date.now;
  const kept = new Map<string, { value: T; chronologyId: string; until: number }>();
  const expire = () => {
    const t = now();
    // Kept in the order kept, so the first not expired ends the look.
    for (const [key, k] of kept) {
      if (k.until > t) break;
      kept.delete(key);
    }
  };
  return {
    get size() {
      expire();
      return kept.size;
    },
    keep(inputs, value) {
      if (max <= 0) return;
      const key = highlightCountKey(inputs);
      kept.delete(key);
      kept.set(key, { value, chronologyId: inputs.chronologyId, until: now() + forMs });
      while (kept.size > max) kept.delete(kept.keys().next().value!);
    },
    holds(chronologyId) {
      expire();
      for (const k of kept.values()) if (k.chronologyId === chronologyId) return true;
      return false;
    },
    find(inputs) {
      expire();
      return kept.get(highlightCountKey(inputs))?.value;
    },
  };
}
