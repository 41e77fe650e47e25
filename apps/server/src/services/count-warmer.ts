// The caseload's open-highlight counts worked out ahead, so that a listing finds them kept rather than waiting
// for them (issue 17: "every interactive action p99 < 100 ms"). A count is kept under a key naming everything
// it depends on (highlight-counts.ts), so every write to a chronology makes its next key new: before this,
// the first listing after a write, after start, or after the day turned worked it out, waited up to
// `MAC_CASELOAD_COUNT_WAIT_MS` (150 ms) for it and otherwise answered "Counting…", and the browser asked
// for the whole list again. Now, in the background:
// - after start, the first caseload page of every agency (what a sign-in lists first), agency after agency
//   (and again when the day turns): at county size every agency's whole caseload was ~25,000 counts, minutes
//   of the read thread's CPU after each start for pages most viewers never open (a later page's counts are
//   worked out when it is listed);
// - after each durable write (a room's batch, an import's slice, a household event) and each review saved,
//   the changed chronologies and their siblings (whose family key changed with them), for each member agency.
// Each is worked out as a viewer of that agency holding no break-glass grant would (the common viewer;
// a grant holder's counts for a child with siblings are keyed by their grants and still worked out on
// demand), one count at a time, through the same limiter as the listings' counts, so a listing waits behind
// at most one of them. The key is taken exactly as a listing takes it (caseload-stats.ts countInputs), so a
// count worked out ahead is one the listing would have worked out, or it is not found and worked out then.
//
// No audit record is written under anyone's name for a count worked out ahead (nobody has read anything):
// its sibling reads travel with it, and before it reaches any viewer they are audited under that viewer's
// own name and made durable (caseload-stats.ts accountFor), as for a count another viewer worked out.
//
// The analysis behind each count worked out here is kept a short while under the same key, for the alert
// pass that follows the same write to take rather than work it out again (shared-analyses.ts).
//
// This is a saving, never a source of truth: a change it does not hear of (another node's write, a grant,
// a membership change) leaves the next listing to work the count out as before.
import { todayIso, type Principal } from '@mac/domain';
import type { ChronologyRecord } from '@mac/db';
import type { AppDeps } from '../deps.js';
import { countInputs, workOutCount } from './caseload-stats.js';
import { CASELOAD_PAGE } from './chronologies.js';
import { commonFigures, type CommonFigures } from './caseload-guess.js';

/** How long after a write the changed chronologies' counts are worked out (writes in between are gathered). */
export const WARM_AFTER_CHANGE_MS = 250;
/** How often the day is looked at (every count's key names the day). */
const DAY_CHECK_MS = 60_000;

export interface CountWarmer {
  /** Works every agency's caseload out now, then keeps up with changes (`MAC_CASELOAD_WARM`; server.ts). */
  start(): void;
  /** These chronologies changed: their counts, and their siblings', are worked out again shortly. Not started: nothing. */
  changed(chronologyIds: Iterable<string>): void;
  /** Resolves once nothing is waiting to be worked out (tests, and the bench's log line). */
  settled(): Promise<void>;
  /** Stops, and resolves once the count being worked out (if any) is done: before the store closes. */
  stop(): Promise<void>;
  /** Counts worked out ahead so far (found kept or worked out). */
  readonly warmed: number;
}

/** The viewer a count is worked out ahead for: an agency's member holding no grant. Never audited as anyone (no record is written under it). */
function agencyViewer(agency: string): Principal {
  return { id: `caseload-counts:${agency}`, kind: 'user', role: 'practitioner', agency, name: 'caseload counts worked out ahead' };
}

export function createCountWarmer(deps: () => AppDeps): CountWarmer {
  let active = false;
  let everything = false;
  const dirty = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let dayTimer: ReturnType<typeof setInterval> | null = null;
  let running: Promise<void> | null = null;
  let day = '';
  let warmed = 0;
  let failures = 0;
  const waiters: Array<() => void> = [];

  const idle = () => running === null && timer === null && !everything && dirty.size === 0;
  const wake = () => {
    if (!idle()) return;
    for (const w of waiters.splice(0)) w();
  };

  /** Each record's count for one agency's viewer, one after another. */
  const warmFor = async (agency: string, records: readonly ChronologyRecord[], common?: () => Promise<CommonFigures>) => {
    if (records.length === 0) return;
    const d = deps();
    const viewer = agencyViewer(agency);
    // The viewer holds no grant (it is no account: nothing to read), and what no view changes is read once a round.
    const keys = await countInputs(d, viewer, records, [], undefined, common?.());
    for (const [i, record] of records.entries()) {
      if (!active) return;
      try {
        await d.highlightCounts.count(keys[i]!, () => workOutCount(d, viewer, record, 'inTurn', false, keys[i]));
        warmed += 1;
      } catch (err) {
        // A listing works it out on demand instead; said once per run of failures, not per count.
        if (failures++ === 0) console.error('[mac] a caseload count could not be worked out ahead:', err);
      }
    }
  };

  const round = async () => {
    const d = deps();
    if (everything) {
      everything = false;
      dirty.clear();
      day = todayIso(d.now());
      const agencies = await d.repos.agencies.list();
      for (const { slug } of agencies) {
        if (!active) return;
        const viewer = agencyViewer(slug);
        const { records } = await d.repos.chronologies.pageForViewer({ agency: slug, userId: viewer.id, at: d.now().toISOString() }, { limit: CASELOAD_PAGE });
        await warmFor(slug, records);
      }
      return;
    }
    const ids = [...dirty];
    dirty.clear();
    // A sibling's family key names this chronology's entries: it changed too.
    const siblingsOf = await d.repos.households.siblingsOf(ids);
    const all = [...new Set([...ids, ...Object.values(siblingsOf).flat()])];
    const byAgency = new Map<string, ChronologyRecord[]>();
    for (const record of await d.repos.chronologies.listByIds(all)) {
      for (const agency of record.memberAgencies) {
        const list = byAgency.get(agency);
        if (list) list.push(record);
        else byAgency.set(agency, [record]);
      }
    }
    // What every agency's keys read alike (reviews, overdue actions, siblings, people, agencies): once, for all.
    let common: Promise<CommonFigures> | undefined;
    for (const [agency, records] of byAgency) {
      if (!active) return;
      await warmFor(agency, records, () => (common ??= commonFigures(d, all)));
    }
  };

  const pump = () => {
    timer = null;
    if (!active || running !== null) return;
    running = round()
      .then(
        () => void (failures = 0),
        (err: unknown) => void (failures++ === 0 && console.error('[mac] caseload counts could not be worked out ahead:', err)),
      )
      .finally(() => {
        running = null;
        // Changes heard during the round: another round after the usual pause (an import's slices arrive
        // every few hundred ms; its chronology is worked out again at most once a pause, not once a slice).
        if (active && (everything || dirty.size > 0)) schedule();
        wake();
      });
  };

  const schedule = () => {
    if (timer !== null || running !== null) return;
    timer = setTimeout(pump, WARM_AFTER_CHANGE_MS);
    timer.unref?.();
  };

  return {
    get warmed() {
      return warmed;
    },
    start() {
      if (active) return;
      active = true;
      everything = true;
      pump();
      dayTimer = setInterval(() => {
        if (todayIso(deps().now()) === day) return;
        everything = true;
        schedule();
      }, DAY_CHECK_MS);
      dayTimer.unref?.();
    },
    changed(chronologyIds) {
      if (!active) return;
      for (const id of chronologyIds) dirty.add(id);
      if (dirty.size > 0) schedule();
    },
    settled() {
      if (idle()) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    async stop() {
      active = false;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      if (dayTimer !== null) clearInterval(dayTimer);
      dirty.clear();
      everything = false;
      await running;
      wake();
    },
  };
}
