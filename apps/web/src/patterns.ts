// Highlights worked out in the browser from the entries this user can see, so the panel follows
// the chronology live. The engine is @mac/domain's, the same one the server runs.
import { analysePatterns, type EpisodeContext, todayIso, type Agency, type Entry, type FamilyInput, type Highlight, type PatternAction } from '@mac/domain';

export interface PatternResult {
  highlights: Highlight[];
  /** What grouping the highlights into episodes reads (null when the engine could not run). */
  context: EpisodeContext | null;
  /** Why there are no highlights to show, when the engine could not run. */
  unavailable: string | null;
}

/**
 * `actions`: the chronology's actions (the Actions section's list), for `action-overdue`; `family`: what the
 * server says the family rules may read for this user (GET …/patterns/family), for the Think Family rules.
 */
export function computeHighlights(
  entries: Iterable<Entry>,
  dateOfBirth: string | null,
  config: unknown,
  agencies: readonly Agency[],
  actions: readonly PatternAction[] = [],
  family: FamilyInput | undefined = undefined,
): PatternResult {
  try {
    const { highlights, context } = analysePatterns({
      entries: [...entries],
      actions,
      ...(family ? { family } : {}),
      dateOfBirth,
      asOf: todayIso(),
      config: (config ?? null) as Parameters<typeof analysePatterns>[0]['config'],
      agencies,
    });
    return { highlights, context, unavailable: null };
  } catch (err) {
    return { highlights: [], context: null, unavailable: `Patterns could not be worked out: ${err instanceof Error ? err.message : String(err)}` };
  }
}
