// What each recipient of an alert pass was last told, set against what they see now. A pass over a
// chronology of 2,000+ entries has ~20 recipients, most of them told the same episodes and seeing the same
// ones now; each was parsed, compared (as two JSON texts) and set against the other (a Set of every entry
// told) once per person: 7 % of the server's allocation in the county bench (issue 17). Now each distinct
// text is parsed once, and each distinct pair (what was told, what is seen) compared once.
import { episodeChanges, sameEpisodes, type EpisodeChange, type NotifiedEpisode } from '@mac/domain';

/** A stored state's JSON text as a value; null for none, or for text that is not JSON (told nothing usable). */
export function parseState(text: string | undefined): unknown {
  if (text === undefined) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The episodes a stored state names; anything else in it is ignored. */
export function asNotified(state: unknown): NotifiedEpisode[] {
  if (!Array.isArray(state)) return [];
  return state.filter((e): e is NotifiedEpisode => typeof e === 'object' && e !== null && typeof (e as NotifiedEpisode).id === 'string' && Array.isArray((e as NotifiedEpisode).entryIds));
}

export interface ToldAgainstNow {
  /** What they must be told now (episodeChanges). */
  changes: EpisodeChange[];
  /** Whether what they see is what they were told: if not, it is stored as told. */
  same: boolean;
}

/**
 * For one pass: (the recipient's stored text, the episodes they see now) → the changes and whether anything
 * moved, worked out once per distinct text and episodes (the same array for recipients who share a view:
 * shared-episodes.ts). Results are shared: read them, never change them.
 */
export function toldAgainstNow(): (toldText: string | undefined, now: readonly NotifiedEpisode[]) => ToldAgainstNow {
  const told = new Map<string | undefined, NotifiedEpisode[]>();
  const compared = new Map<readonly NotifiedEpisode[], Map<string | undefined, ToldAgainstNow>>();
  return (toldText, now) => {
    let byTold = compared.get(now);
    if (byTold === undefined) compared.set(now, (byTold = new Map()));
    let result = byTold.get(toldText);
    if (result === undefined) {
      let previous = told.get(toldText);
      if (previous === undefined) told.set(toldText, (previous = asNotified(parseState(toldText))));
      result = { changes: episodeChanges(previous, now), same: sameEpisodes(previous, now) };
      byTold.set(toldText, result);
    }
    return result;
  };
}
