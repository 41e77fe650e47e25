// Alerts (issue 15, item 5): the lead and the DSLs of a chronology are told, in the app and by email when
// SMTP_URL is set, when a high-severity episode opens or grows and when another agency records an entry in
// a category they follow.
//
// Off the write path: the rooms' persistence calls `noteWrites` after each durable batch, which only notes
// which chronologies changed and which entries are new (no storage, no pattern engine). A chronology is
// looked at once its writes have paused for `debounceMs` (at most six times that after the first), so a
// burst of entries (an import, a meeting) gives one alert per person. Chronologies are looked at one at a
// time, in the background.
//
// Per person, never per chronology: patterns are worked out from what that person may see (their agency's
// restricted entries, never another's: docs/patterns.md "Never leak"), and what they were last told
// (`alert_state`, subject 'episodes') is theirs. Alerts, their outbox emails and the new states are
// written in ONE transaction (`repos.alerts.deliver`). The email sender (./sender.ts) reads the outbox.
import {
  categoryBySlug,
  childInitials,
  decide,
  DEFAULT_ALERT_PREFERENCES,
  nextDigestAt,
  plural,
  sentence,
  type AlertFrequency,
  type AlertLine,
  type AlertPreferences,
  type NotifiedEpisode,
} from '@mac/domain';
import type { AlertStateWrite, BreakGlassGrant, ChronologyRecord, NewAlert, PersistWrite, UserRecord } from '@mac/db';
import { userPrincipal } from '../auth/sessions.js';
import type { AppDeps } from '../../deps.js';
import { listOverdueActions } from '../actions.js';
import { highlightsAndReads } from '../patterns.js';
import { countInputs } from '../caseload-stats.js';
import { commonFigures, type CommonFigures } from '../caseload-guess.js';
import { auditSiblingRead, type SiblingRead } from '../family-patterns.js';
import { sharedEpisodes } from './shared-episodes.js';
import { parseState, toldAgainstNow } from './told.js';

interface NewEntryNote {
  id: string;
  agency: string;
  category: string;
}

interface Pending {
  entries: Map<string, NewEntryNote>;
  firstAt: number;
  timer: NodeJS.Timeout | null;
}

export interface AlertService {
  /** After every durable batch of writes: notes what changed, nothing more (the hot path). */
  noteWrites(writes: readonly PersistWrite[]): void;
  /**
   * Begins alerting. Chronologies written before (the demo data seeded at start-up) are looked at silently:
   * what their people would be told becomes what they were told, so seeding alerts nobody.
   */
  start(deps: AppDeps, linkOrigin: string): void;
  /** Looks at every chronology noted so far, now, and resolves when done (tests; shutdown). */
  flush(): Promise<void>;
  /** Stops the timers and waits for the work in hand. */
  stop(): Promise<void>;
  /** Where links in alerts point (MAC_PUBLIC_ORIGIN, or the address the server listens on). */
  linkOrigin(): string;
  /**
   * Tells the lead and the DSLs of each chronology about actions that have become overdue since they were
   * last told (once per action becoming overdue). Runs at start and every `overdueEveryMs`; tests call it
   * with the day to check (the partnership's today by default).
   */
  checkOverdue(today?: string): Promise<void>;
}

export const EPISODES_SUBJECT = 'episodes';
export const ACTIONS_SUBJECT = 'actions';

export function createAlertService(opts: { debounceMs: number; email: boolean; digestHour: number; overdueEveryMs: number }): AlertService {
  const pending = new Map<string, Pending>();
  const beforeStart = new Set<string>();
  let deps: AppDeps | null = null;
  let origin = '';
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;
  let overdueTimer: NodeJS.Timeout | null = null;

  const enqueue = (work: () => Promise<void>) => {
    chain = chain.then(work).catch((err: unknown) => console.error('[mac] alerts: could not look at a chronology:', err));
    return chain;
  };

  const run = (chronologyId: string) => {
    const p = pending.get(chronologyId);
    if (!p) return chain;
    pending.delete(chronologyId);
    if (p.timer) clearTimeout(p.timer);
    return enqueue(() => lookAt(deps!, chronologyId, [...p.entries.values()], false));
  };

  const schedule = (chronologyId: string, p: Pending) => {
    if (p.timer) clearTimeout(p.timer);
    const wait = Math.max(0, Math.min(opts.debounceMs, p.firstAt + opts.debounceMs * 6 - Date.now()));
    p.timer = setTimeout(() => void run(chronologyId), wait);
    p.timer.unref();
  };

  // Every decision to alert compares what people were last told (alert_state) with now and then records
  // both; two nodes doing that for the same person at once would both tell them. So on several nodes one
  // node decides at a time: a PostgreSQL advisory lock (Store.exclusively), released if a node dies.
  const lookAt = (d: AppDeps, chronologyId: string, entries: readonly NewEntryNote[], silent: boolean) => d.store.exclusively('alerts', () => lookAtNow(d, chronologyId, entries, silent));

  async function lookAtNow(d: AppDeps, chronologyId: string, entries: readonly NewEntryNote[], silent: boolean): Promise<void> {
    if (stopped) return;
    const record = await d.repos.chronologies.get(chronologyId);
    if (!record) return; // disposed meanwhile
    const recipients = await recipientsOf(d, record);
    if (recipients.length === 0) return;
    const chosen = await d.repos.alerts.preferencesOf(recipients.map((r) => r.id));
    const agencyNames = new Map((await d.repos.agencies.list()).map((a) => [a.slug, a.name]));
    const initials = childInitials(record.child.givenName, record.child.familyName);
    const link = `${origin}/chronologies/${record.id}`;
    const now = d.now();
    const alerts: NewAlert[] = [];
    const states: AlertStateWrite[] = [];
    const alert = (user: UserRecord, frequency: AlertFrequency, kind: 'episode' | 'entry', message: string, line: Omit<AlertLine, 'initials' | 'link'>) => {
      alerts.push({
        notification: { userId: user.id, chronologyId: record.id, kind: `alert-${kind}`, message },
        email: opts.email ? { toAddress: user.email, delivery: frequency, line: { ...line, initials, link }, dueAt: (frequency === 'digest' ? nextDigestAt(now, opts.digestHour) : now).toISOString() } : null,
      });
    };

    // What taking the count warmer's analysis needs that no view changes: read once in the pass, if at all.
    let common: Promise<CommonFigures> | undefined;
    let actions: ReturnType<AppDeps['repos']['actions']['listForChronology']> | undefined;
    const pass: PassReads = { common: () => (common ??= commonFigures(d, [record.id])), actions: () => (actions ??= d.repos.actions.listForChronology(record.id)) };
    // Worked out once per way of seeing the chronology, not once per recipient (shared-episodes.ts).
    let grants: Promise<Map<string, BreakGlassGrant[]>> | undefined;
    const grantsOf = (user: UserRecord) => {
      // Every recipient's at once: one wait for the read lane, not one each.
      grants ??= Promise.all(recipients.map(async (r) => [r.id, await d.repos.breakGlass.activeForUser(r.id, now.toISOString())] as const)).then((all) => new Map(all));
      return grants.then((all) => all.get(user.id) ?? []);
    };
    const episodesOf = sharedEpisodes<UserRecord, NotifiedEpisode[]>({
      grantsOf: async (user) => (await grantsOf(user)).map((g) => g.chronologyId),
      compute: async (user) => highEpisodesFor(d, user, record, await grantsOf(user), pass),
      account: async (user, reads) => {
        await Promise.all(reads.map((read) => auditSiblingRead(d, principalOf(user), read)));
      },
    });

    // What each recipient following episodes was last told: one read for all of them, not one each, as
    // texts, each distinct one parsed and set against what is seen now once (told.ts).
    const following = recipients.filter((u) => (chosen.get(u.id) ?? DEFAULT_ALERT_PREFERENCES).episodes.follow).map((u) => u.id);
    const toldOf = following.length === 0 ? Promise.resolve(new Map<string, string>()) : d.repos.alerts.stateTextsOf(record.id, following, EPISODES_SUBJECT);
    const against = toldAgainstNow();
    // Awaited in the loop below, after the episodes are worked out: a failure meanwhile is not unhandled.
    toldOf.catch(() => undefined);
    for (const user of recipients) {
      const prefs: AlertPreferences = chosen.get(user.id) ?? DEFAULT_ALERT_PREFERENCES;
      // Another agency's new entries in the categories this person follows. Restricted entries never count:
      // only their own agency may know of them, and their own agency's entries are not "another agency's".
      if (!silent) {
        const followed = new Set(prefs.entries.categories);
        const theirs = entries.filter((e) => e.agency !== user.agencySlug && followed.has(e.category));
        if (theirs.length > 0) {
          const agencies = [...new Set(theirs.map((e) => agencyNames.get(e.agency) ?? e.agency))];
          const categories = [...new Set(theirs.map((e) => categoryBySlug(e.category)?.label ?? e.category))];
          alert(user, prefs.entries.frequency, 'entry', sentence(`${agencies.join(', ')} recorded ${plural(theirs.length, 'new entry', 'new entries')} (${categories.join(', ')}) in the chronology of ${initials}`), { kind: 'entry', count: theirs.length });
        }
      }
      if (!prefs.episodes.follow) continue;
      const current = await episodesOf(user);
      const { changes, same } = against((await toldOf).get(user.id), current);
      if (!silent) {
        for (const change of changes) {
          const message =
            change.change === 'opened'
              ? `A high-severity pattern has started in the chronology of ${initials}: open its patterns to see why.`
              : `A high-severity pattern in the chronology of ${initials} has grown (${plural(change.newEntries, 'more entry', 'more entries')}).`;
          alert(user, prefs.episodes.frequency, 'episode', message, { kind: 'episode', change: change.change, count: change.newEntries });
        }
      }
      if (!same) states.push({ chronologyId: record.id, userId: user.id, subject: EPISODES_SUBJECT, state: current });
    }
    if (alerts.length > 0 || states.length > 0) await d.repos.alerts.deliver({ alerts, states });
  }

  /** Overdue actions of one chronology: each recipient is told of those not told before (or whose due date moved). */
  async function overdueFor(d: AppDeps, chronologyId: string, overdue: ReadonlyArray<{ id: string; title: string; dueDate: string }>): Promise<void> {
    if (stopped) return;
    const record = await d.repos.chronologies.get(chronologyId);
    if (!record) return;
    const recipients = await recipientsOf(d, record);
    if (recipients.length === 0) return;
    const chosen = await d.repos.alerts.preferencesOf(recipients.map((r) => r.id));
    const initials = childInitials(record.child.givenName, record.child.familyName);
    const link = `${origin}/chronologies/${record.id}`;
    const now = d.now();
    const current: Record<string, string> = Object.fromEntries(overdue.map((a) => [a.id, a.dueDate]));
    const alerts: NewAlert[] = [];
    const states: AlertStateWrite[] = [];
    const following = recipients.filter((u) => (chosen.get(u.id) ?? DEFAULT_ALERT_PREFERENCES).actions.follow);
    // What each was last told: one read for all of them.
    if (following.length === 0) return;
    const toldOf = await d.repos.alerts.stateTextsOf(record.id, following.map((u) => u.id), ACTIONS_SUBJECT);
    for (const user of following) {
      const prefs: AlertPreferences = chosen.get(user.id) ?? DEFAULT_ALERT_PREFERENCES;
      const told = asDueDates(parseState(toldOf.get(user.id)));
      const fresh = overdue.filter((a) => told[a.id] !== a.dueDate);
      if (fresh.length > 0) {
        const titles = fresh.slice(0, 3).map((a) => `“${a.title}” (due ${a.dueDate})`).join(', ');
        const message = sentence(`${plural(fresh.length, 'action is', 'actions are')} overdue in the chronology of ${initials}: ${titles}${fresh.length > 3 ? ` and ${fresh.length - 3} more` : ''}`);
        const frequency = prefs.actions.frequency;
        alerts.push({
          notification: { userId: user.id, chronologyId: record.id, kind: 'alert-action-overdue', message },
          email: opts.email ? { toAddress: user.email, delivery: frequency, line: { kind: 'action-overdue', count: fresh.length, initials, link }, dueAt: (frequency === 'digest' ? nextDigestAt(now, opts.digestHour) : now).toISOString() } : null,
        });
      }
      // What they were told is what is overdue now: an action no longer overdue leaves it, and tells again if it becomes overdue later.
      if (JSON.stringify(told) !== JSON.stringify(current)) states.push({ chronologyId: record.id, userId: user.id, subject: ACTIONS_SUBJECT, state: current });
    }
    if (alerts.length > 0 || states.length > 0) await d.repos.alerts.deliver({ alerts, states });
  }

  const checkOverdueNow = (d: AppDeps, today?: string) => d.store.exclusively('alerts', () => checkOverdueLocked(d, today));

  async function checkOverdueLocked(d: AppDeps, today?: string): Promise<void> {
    const overdue = await listOverdueActions(d, today === undefined ? {} : { today });
    const byChronology = new Map<string, Array<{ id: string; title: string; dueDate: string }>>();
    for (const a of overdue) byChronology.set(a.chronologyId, [...(byChronology.get(a.chronologyId) ?? []), { id: a.id, title: a.title, dueDate: a.dueDate }]);
    for (const [chronologyId, actions] of byChronology) await overdueFor(d, chronologyId, [...actions].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id)));
  }

  return {
    noteWrites(writes) {
      if (stopped) return;
      for (const write of writes) {
        if (deps === null) {
          beforeStart.add(write.chronologyId);
          continue;
        }
        let p = pending.get(write.chronologyId);
        if (!p) {
          p = { entries: new Map(), firstAt: Date.now(), timer: null };
          pending.set(write.chronologyId, p);
        }
        for (const change of write.changes) {
          if (change.kind === 'create' && !change.after.restricted && change.after.status !== 'withdrawn') {
            p.entries.set(change.entryId, { id: change.entryId, agency: change.after.agency, category: change.after.category });
          }
        }
        schedule(write.chronologyId, p);
      }
    },
    start(d, linkOrigin) {
      deps = d;
      origin = linkOrigin.replace(/\/$/, '');
      for (const chronologyId of beforeStart) void enqueue(() => lookAt(d, chronologyId, [], true));
      beforeStart.clear();
      // Overdue actions: now, then periodically (an action becomes overdue when a day begins, not on a write).
      void enqueue(() => checkOverdueNow(d));
      overdueTimer = setInterval(() => void enqueue(() => checkOverdueNow(d)), opts.overdueEveryMs);
      overdueTimer.unref();
    },
    checkOverdue(today) {
      if (deps === null) return Promise.resolve();
      const d = deps;
      return enqueue(() => checkOverdueNow(d, today));
    },
    async flush() {
      if (deps === null) return;
      for (const id of [...pending.keys()]) void run(id);
      await chain;
    },
    async stop() {
      if (overdueTimer) clearInterval(overdueTimer);
      for (const p of pending.values()) if (p.timer) clearTimeout(p.timer);
      pending.clear();
      stopped = true;
      await chain;
    },
    linkOrigin: () => origin,
  };
}

const principalOf = (user: UserRecord) => userPrincipal({ id: user.id, role: user.role, agency: user.agencySlug, name: user.name });

/** The lead of the chronology and the DSLs of its member agencies who may read it: enabled, approved accounts. */
export async function recipientsOf(deps: AppDeps, record: ChronologyRecord): Promise<UserRecord[]> {
  const access = { id: record.id, leadUserId: record.leadUserId, memberAgencies: record.memberAgencies, readOnlyGrants: [] };
  // Only the member agencies' DSLs and the lead (who may be of another agency) are read, not every account
  // of the county; the filter below stays whole, so what is read decides nothing alone.
  const candidates = await deps.repos.users.inAgencies(record.memberAgencies, { roles: ['dsl'], alsoIds: [record.leadUserId] });
  return candidates.filter(
    (u) =>
      !u.disabled &&
      u.approvedAt !== null &&
      (u.id === record.leadUserId || (u.role === 'dsl' && record.memberAgencies.includes(u.agencySlug))) &&
      // The same rule as every read: nobody is told about a chronology they could not open.
      decide(principalOf(u), 'chronology:read', access).allowed,
  );
}

/**
 * The current high-severity episodes the person sees, each with every entry of its highlights, and the
 * siblings' reads they were worked out from (audited under the person's name as they were made). The
 * analysis the count warmer kept for this state of the chronology, as this person sees it, is taken rather
 * than worked out again (shared-analyses.ts): its key is the caseload count's, taken as a listing would
 * take it for this person (their agency and running grants), and worked out only if the warmer kept any
 * analysis of this chronology.
 */
async function highEpisodesFor(deps: AppDeps, user: UserRecord, record: ChronologyRecord, grants: readonly BreakGlassGrant[], pass: PassReads): Promise<{ value: NotifiedEpisode[]; siblingReads: SiblingRead[] }> {
  const principal = principalOf(user);
  const inputs = deps.analyses.holds(record.id) ? (await countInputs(deps, principal, [record], grants, undefined, pass.common()))[0] : undefined;
  const { episodes, highlights, siblingReads } = await highlightsAndReads(deps, principal, record, undefined, inputs === undefined ? undefined : { inputs, actions: pass.actions });
  const entriesOf = new Map(highlights.map((h) => [h.id, h.entryIds]));
  const value = episodes
    .filter((e) => e.severity === 'high' && e.status === 'current')
    .map((e) => ({ id: e.id, entryIds: [...new Set(e.highlightIds.flatMap((id) => entriesOf.get(id) ?? []))].sort() }));
  return { value, siblingReads };
}

/** Reads one alert pass makes once for all its views, when it looks for the warmer's analyses. */
interface PassReads {
  common: () => Promise<CommonFigures>;
  actions: () => ReturnType<AppDeps['repos']['actions']['listForChronology']>;
}

/** The overdue actions a person was told about: action id → the due date it was overdue from. */
function asDueDates(state: unknown): Record<string, string> {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return {};
  return Object.fromEntries(Object.entries(state).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

