// The caseload's "open highlights" per chronology, kept between listings. Working one out runs the
// pattern engine over the chronology's visible entries, and the caseload list did that for every listed
// chronology on every listing: the county benchmark's slowest request (3.2 s on an idle server for a
// lead's whole list at the small size, 34 s at p50 while everyone signed in at once).
//
// The count depends only on what the key below names, each of which the list asks for the whole caseload
// in one grouped query:
// - what the viewer sees: another agency's restricted entries are not seen, so they cannot count. An
//   agency with no restricted entries (of any status) in the chronology sees exactly what every other such
//   agency sees, so they share one count ('*'); an agency with some has its own;
// - the day (windows and due dates move with it);
// - the chronology's visible active entries, by number, and its last visible change (every write, amend,
//   withdrawal or screening result stamps `updated_at`; an entry leaving the viewer's sight changes the
//   number);
// - its pattern reviews, by number (append-only: a new review changes it);
// - its overdue actions, by number (the only actions `action-overdue` sees);
// - the child's date of birth (age-based rules), and the agencies' kinds (rules that count agencies);
// - for a child in a household, its siblings and each one's entries as the viewer sees them, by number
//   and last change (the family rules read siblings' histories). Which siblings a viewer may open depends
//   on the viewer's agency (membership) and on their own running break-glass grants: viewers of one
//   agency holding the same grants (most often none) see exactly the same, so they share one count (the
//   agency and the granted chronologies are its `viewing`). Reading a sibling for a count is audited under the
//   reader's name: a kept count carries those reads, and each other reader it is given to has the same
//   records written under their own name first (services/caseload-stats.ts), as if they had worked it out;
// - the people around the child, their merges and flags (people.versionsOf); flags may be seen by their
//   agency only, so a child with people is counted per agency at least.
// The pattern configuration is read once at start-up. An unchanged key is the count as it would be worked
// out now; a changed key is worked out afresh. Kept per server in its deps, never in module state.
import { createHash } from 'node:crypto';

/** Distinct keys kept; beyond this the least recently used is dropped (a count is a few dozen bytes). */
export const HIGHLIGHT_COUNTS_KEPT = 50_000;

/**
 * Counts worked out at once, across every listing (issue 17 item 5). A cold caseload asks for hundreds, and
 * started together their reads came back together: the event loop then ran hundreds of continuations (entries
 * decoded, family, rules) in one turn, 0.3–1 s stalls under the county bench. A few at a time keep the reader
 * thread busy and each turn short; the rest wait their turn, in the order asked.
 */
export const HIGHLIGHT_COUNTS_AT_ONCE = 6;

export interface HighlightCountInputs {
  chronologyId: string;
  /** '*' (any agency with no restricted entries there), the viewer's agency, or (a child with siblings) the agency and the viewer's granted chronologies. */
  viewing: string;
  day: string;
  entryCount: number;
  lastChangeAt: string | null;
  reviewCount: number;
  overdueActions: number;
  dateOfBirth: string | null;
  /** `agenciesVersion(…)` of the agencies list. */
  agencies: string;
  /** The siblings' state (`familyVersion(…)`); '' for a child in no household. */
  family: string;
}

/** What is kept per key: a number in the unit tests, the count with its audited sibling reads in the server. */
export interface HighlightCounts<T = number> {
  /**
   * The count for these inputs: kept, or worked out by `compute` (once, however many ask at the same time).
   * `first`: one chronology's page asks (GET /:id): it starts at once rather than behind a cold caseload's hundreds.
   */
  count(inputs: HighlightCountInputs, compute: () => Promise<T>, opts?: { first?: boolean }): Promise<T>;
  /**
   * As `count`, but waits at most `ms` (0: not at all), or until `until` has settled if that is later (a
   * listing answers only once its own audit record is durable: a count that comes meanwhile costs it
   * nothing): null when the count is not worked out by then. It goes on being worked out and is kept, so a
   * later listing finds it. A failure within the wait is thrown, as awaiting `count` would; a later one is
   * left to the next listing, which asks again (failures are not kept).
   */
  countWithin(inputs: HighlightCountInputs, compute: () => Promise<T>, ms: number, until?: Promise<unknown>): Promise<T | null>;
  /** The count for these inputs if it is kept and worked out already (nothing is started, nothing moves). */
  peek(inputs: HighlightCountInputs): T | undefined;
  /**
   * As `peek`, and a count found is used (most recently used, as `count` would make it): the caseload list
   * takes the counts it finds worked out as they are, without a wait, a timer or a promise each.
   */
  ready(inputs: HighlightCountInputs): T | undefined;
  readonly size: number;
}

export function highlightCountKey(i: HighlightCountInputs): string {
  return JSON.stringify([i.chronologyId, i.viewing, i.day, i.entryCount, i.lastChangeAt, i.reviewCount, i.overdueActions, i.dateOfBirth, i.agencies, i.family]);
}

/**
 * The family around a child as the family rules read it: its siblings in a household, each with its entries'
 * number and last change as the viewer sees them, and its people's fingerprint (people.versionsOf).
 */
export function familyVersion(siblings: readonly string[], counts: Readonly<Record<string, number>>, changes: Readonly<Record<string, string | null>>, people = ''): string {
  return siblings.length === 0 && people === '' ? '' : JSON.stringify([people, siblings.map((id) => [id, counts[id] ?? 0, changes[id] ?? null])]);
}

/** A short fingerprint of the agencies and their kinds (what the rules read of them). */
export function agenciesVersion(agencies: ReadonlyArray<{ slug: string; kind: string }>): string {
  const text = agencies.map((a) => `${a.slug}=${a.kind}`).sort().join('\n');
  return createHash('sha256').update(text).digest('base64url').slice(0, 16);
}

export function createHighlightCounts<T = number>(max = HIGHLIGHT_COUNTS_KEPT, atOnce = HIGHLIGHT_COUNTS_AT_ONCE): HighlightCounts<T> {
  // Promises, so that two listings asking for the same count at once work it out once.
  const kept = new Map<string, Promise<T>>();
  // The value of each count once worked out, for `countWithin(…, 0)`, which looks without waiting.
  const values = new WeakMap<Promise<T>, T>();
  let running = 0;
  // Computations waiting for a place, in the order asked; a page may start one at once (`first`), by its key.
  const waiting = new Map<number, () => void>();
  const promote = new Map<string, () => void>();
  let asked = 0;
  // A finished computation hands its place to the next waiting one (never freed and taken again, so no
  // caller arriving in between can slip past the limit).
  const done = () => {
    const next = waiting.entries().next();
    if (next.done) running -= 1;
    else {
      waiting.delete(next.value[0]);
      next.value[1]();
    }
  };
  const run = (compute: () => Promise<T>, place: boolean): Promise<T> => {
    let working: Promise<T>;
    try {
      working = compute();
    } catch (err) {
      working = Promise.reject(err);
    }
    return place ? working.finally(done) : working;
  };
  const limited = (key: string, compute: () => Promise<T>, first: boolean): Promise<T> => {
    if (first) return run(compute, false);
    if (running < atOnce) {
      running += 1;
      return run(compute, true);
    }
    const id = ++asked;
    let now!: () => void;
    return new Promise<T>((resolve, reject) => {
      // Started by `done` with the place it hands on, or by a page without one.
      const start = (place: boolean) => run(compute, place).then(resolve, reject);
      waiting.set(id, () => void start(true));
      now = () => {
        if (waiting.delete(id)) void start(false);
      };
      promote.set(key, now);
    }).finally(() => promote.get(key) === now && promote.delete(key));
  };
  return {
    get size() {
      return kept.size;
    },
    count(inputs, compute, opts) {
      const key = highlightCountKey(inputs);
      const found = kept.get(key);
      if (found !== undefined) {
        // A page asking for a count still waiting behind caseloads starts it now.
        if (opts?.first === true) promote.get(key)?.();
        // Most recently used last: the first key is the one to drop.
        kept.delete(key);
        kept.set(key, found);
        return found;
      }
      const working = limited(key, compute, opts?.first === true);
      kept.set(key, working);
      void working.then((n) => values.set(working, n), () => undefined);
      // A failure is not kept: the next listing tries again.
      void working.catch(() => kept.get(key) === working && kept.delete(key));
      if (kept.size > max) kept.delete(kept.keys().next().value!);
      return working;
    },
    peek(inputs) {
      const found = kept.get(highlightCountKey(inputs));
      return found === undefined ? undefined : values.get(found);
    },
    ready(inputs) {
      const key = highlightCountKey(inputs);
      const found = kept.get(key);
      if (found === undefined || !values.has(found)) return undefined;
      kept.delete(key);
      kept.set(key, found);
      return values.get(found);
    },
    countWithin(inputs, compute, ms, until) {
      const counting = this.count(inputs, compute);
      if (ms <= 0 && until === undefined) {
        counting.catch(() => undefined);
        return Promise.resolve(values.has(counting) ? values.get(counting)! : null);
      }
      return within(counting, ms, until);
    },
  };
}

/**
 * The value if it comes within `ms` (or, given `until`, before `until` has settled, if that is later), else
 * null. It goes on after that; a failure then is nobody's (the next asker tries again), never an unhandled
 * rejection. A failure within the wait is thrown.
 */
export function within<T>(value: Promise<T>, ms: number, until?: Promise<unknown>): Promise<T | null> {
  value.catch(() => undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => {
      if (until === undefined) return resolve(null);
      // One more turn once `until` has settled: a value settled by the same event (one commit making the
      // listing's record and a count's sibling-read records durable together) is still in time.
      void until.then(
        () => (timer = setTimeout(() => resolve(null), 0)),
        () => resolve(null),
      );
    }, Math.max(0, ms));
  });
  return Promise.race([value, late]).finally(() => clearTimeout(timer));
}
