// The caseload list's reads, asked ahead on a guess (issue 17: the caseload's p99 in the county bench). A list
// made three read-lane trips in a row: the visible chronologies, then the grouped figures of those (the count
// keys), then the figures of their siblings in households; under load each trip is a wait in the read lane's
// queue (p50 90-135 ms each at load average 7-11). An agency's caseload seldom changes between two lists, so
// the figures of the chronologies it listed last time (and of their siblings) are asked for in the same
// synchronous run as the visible chronologies: one trip. They are used only if the visible chronologies this
// request reads are exactly the guessed ones (and the siblings those figures name exactly the guessed
// siblings); otherwise they are asked again for what was read. Nothing decides access from the guess: which
// chronologies the viewer may see is read in this request (listVisible), as before, and every figure used was
// read in this request too. What is kept is only a list of ids per agency, which are the ids to ask about.
import type { Principal } from '@mac/domain';
import type { AppDeps } from '../deps.js';
import { overdueCounts } from './actions.js';

/**
 * The grouped reads that give the count keys of listed chronologies (caseload-stats.ts countInputs). `common`:
 * the part every viewer reads alike (`commonFigures`), read already for several views of the same
 * chronologies (the count warmer's agencies, an alert pass's recipients).
 */
export async function groupedFigures(deps: AppDeps, principal: Principal, ids: readonly string[], common?: Promise<CommonFigures>) {
  const [counts, changes, restricted, [overdue, reviews, agencies, siblingsOf, people]] = await Promise.all([
    deps.repos.entries.countByChronology(ids, principal.agency),
    deps.repos.entries.lastChange(ids, principal.agency),
    deps.repos.entries.restrictedCount(ids, principal.agency),
    common ?? commonFigures(deps, ids),
  ]);
  return [counts, changes, restricted, overdue, reviews, agencies, siblingsOf, people] as [typeof counts, typeof changes, typeof restricted, typeof overdue, typeof reviews, typeof agencies, typeof siblingsOf, typeof people];
}

/**
 * The figures of a count's key that do not depend on who views (the entries' do: another agency's restricted
 * ones are not theirs to count). Given ids may be more than a view lists: each figure is read by id.
 */
export function commonFigures(deps: AppDeps, ids: readonly string[]) {
  return Promise.all([
    overdueCounts(deps, ids),
    deps.repos.patternReviews.countByChronology(ids),
    deps.repos.agencies.list(),
    deps.repos.households.siblingsOf(ids),
    deps.repos.people.versionsOf(ids),
  ]);
}
export type CommonFigures = Awaited<ReturnType<typeof commonFigures>>;
export type GroupedFigures = Awaited<ReturnType<typeof groupedFigures>>;

/** The siblings' figures the family rules read (their entries as the viewer sees them, by number and last change). */
export function siblingFigures(deps: AppDeps, principal: Principal, siblingIds: readonly string[]): Promise<[Record<string, number>, Record<string, string | null>]> {
  if (siblingIds.length === 0) return Promise.resolve([{}, {}]);
  return Promise.all([deps.repos.entries.countByChronology(siblingIds, principal.agency), deps.repos.entries.lastChange(siblingIds, principal.agency)]);
}
export type SiblingFigures = Awaited<ReturnType<typeof siblingFigures>>;

/** Figures asked ahead, for the ids guessed. */
export interface EarlyFigures {
  ids: readonly string[];
  figures: Promise<GroupedFigures>;
  siblingIds: readonly string[];
  siblings: Promise<SiblingFigures>;
}

/** Agencies' last listed ids kept per server; beyond it the oldest is forgotten (there are a few dozen agencies). */
export const GUESSES_KEPT = 1_000;
const guesses = new WeakMap<AppDeps, Map<string, { ids: readonly string[]; siblingIds: readonly string[] }>>();

/**
 * Asks now for the figures of what `principal`'s agency listed last time, if it listed before on this server
 * (undefined otherwise). Call it in the same synchronous run as the list's own first reads: one trip.
 */
export function askAhead(deps: AppDeps, principal: Principal): EarlyFigures | undefined {
  const guess = principal.role === 'admin' ? undefined : guesses.get(deps)?.get(principal.agency);
  if (guess === undefined || guess.ids.length === 0) return undefined;
  const figures = groupedFigures(deps, principal, guess.ids);
  const siblings = siblingFigures(deps, principal, guess.siblingIds);
  // Not used when the guess is wrong: a failure then is nobody's.
  figures.catch(() => undefined);
  siblings.catch(() => undefined);
  return { ids: guess.ids, figures, siblingIds: guess.siblingIds, siblings };
}

/** What the agency listed, for its next list's guess: its own caseload (a viewer holding grants lists more). */
export function remember(deps: AppDeps, principal: Principal, ids: readonly string[], siblingIds: readonly string[], grants: readonly unknown[]): void {
  if (grants.length > 0 || ids.length === 0) return;
  let kept = guesses.get(deps);
  if (!kept) guesses.set(deps, (kept = new Map()));
  kept.delete(principal.agency);
  kept.set(principal.agency, { ids: [...ids], siblingIds: [...siblingIds] });
  if (kept.size > GUESSES_KEPT) kept.delete(kept.keys().next().value!);
}

/** The same ids, whatever their order. */
export function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return set.size === b.length && b.every((id) => set.has(id));
}
