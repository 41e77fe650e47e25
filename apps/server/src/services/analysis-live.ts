// The lead's summary is live (issue 15): a Y.Text in the chronology's analysis document
// (`<chronologyId>/analysis`), written through the one write path (inspected on the shadow, the lead's only,
// persisted to the update log, then broadcast). The update log is the text's source of truth, but it is
// compacted and holds every keystroke: the analysis's VERSIONS are explicit rows (`analysis_versions`), one
// written here when the live text has been quiet for a while (or has kept changing for a minute), and
// before anything reads the analysis (GET, the history, a pack, a snapshot) or saves it over REST, so every
// read sees a version that is exactly the live text. Each version is audited as `analysis:save` by the
// person who typed it (`via: websocket`, and how many updates it gathers): the update log keeps each
// keystroke, the audit trail each version.
//
// A version owed at a crash (updates stored, no row yet) is written at the next read, in the lead's name
// (only the lead can have written it).
import type { Principal } from '@mac/domain';
import type { PersistWrite } from '@mac/db';
import { analysisDocName, getAnalysisText, parseDocName } from '@mac/sync';
import type { AppDeps } from '../deps.js';
import { audit } from './audit.js';

export interface AnalysisLive {
  /** Told about each batch of durable writes: analysis documents' ones are owed a version. */
  persisted(writes: readonly PersistWrite[]): void;
  /**
   * Runs `fn` with the chronology's analysis to itself (in this process) after writing the version the live
   * text is owed, so what `fn` reads or checks is the live text's latest version.
   */
  settled<T>(chronologyId: string, fn: () => Promise<T>): Promise<T>;
  /** Writes every owed version (before shutting down). */
  settleAll(): Promise<void>;
  /** Stops the timers. */
  close(): void;
}

export interface AnalysisLiveOptions {
  /** A version is written once the text has been quiet this long (default 5 s)… */
  quietMs?: number;
  /** …or has kept changing this long since the first unversioned change (default 60 s). */
  maxWaitMs?: number;
}

interface Owed {
  principal: Principal;
  via: string;
  ip: string | null;
  updates: number;
  since: number;
  timer: NodeJS.Timeout | null;
}

export function createAnalysisLive(getDeps: () => AppDeps, opts: AnalysisLiveOptions = {}): AnalysisLive {
  const quietMs = opts.quietMs ?? 5000;
  const maxWaitMs = opts.maxWaitMs ?? 60_000;
  const owed = new Map<string, Owed>();
  // One settle or save of a chronology's analysis at a time (a chain of promises per chronology).
  const queues = new Map<string, Promise<unknown>>();
  let closed = false;

  const exclusive = <T>(chronologyId: string, fn: () => Promise<T>): Promise<T> => {
    const before = queues.get(chronologyId) ?? Promise.resolve();
    const run = before.then(fn, fn);
    const tail = run.catch(() => {});
    queues.set(chronologyId, tail);
    void tail.then(() => {
      if (queues.get(chronologyId) === tail) queues.delete(chronologyId);
    });
    return run;
  };

  /** Writes a version when the live text differs from the latest one. Inside `exclusive`. */
  const settleNow = async (chronologyId: string, attempt = 1): Promise<void> => {
    const deps = getDeps();
    const due = owed.get(chronologyId);
    if (due?.timer) clearTimeout(due.timer);
    owed.delete(chronologyId);
    // Anything accepted for the document is stored and live before we read it: this node's writes
    // (flush), and with several nodes every other node's committed ones (the bus may not have brought them
    // yet, or Redis may be down).
    await deps.rooms.flush();
    const docName = analysisDocName(chronologyId);
    const room = await deps.rooms.room(docName);
    await deps.rooms.catchUp(docName);
    const text = getAnalysisText(room.live).toString();
    const latest = await deps.repos.analysis.latest(chronologyId);
    if ((latest?.text ?? '') === text) return;
    // A document never written: versions saved before the summary was live stand as they are.
    if (room.live.store.clients.size === 0) return;
    const author = due?.principal ?? (await leadOf(deps, chronologyId));
    if (author === null) return;
    // `exclusive` orders saves in this process only: another node may save the same text at the same moment
    // (its timer, or a read there). Saving on top of the version read keeps one version per change: if
    // another node saved meanwhile, look again (it most likely saved this very text).
    const saved = await deps.repos.analysis.save({ chronologyId, text, authorId: author.id, authorName: author.name, authorAgency: author.agency, expectedVersion: latest?.version ?? 0 });
    if (!saved.ok) {
      if (due !== undefined) owed.set(chronologyId, { ...due, timer: null });
      return attempt < 3 ? settleNow(chronologyId, attempt + 1) : undefined;
    }
    await audit(deps, author, due?.ip ?? null, {
      action: 'analysis:save',
      chronologyId,
      details: { version: saved.record.version, chars: text.length, via: due?.via ?? 'websocket', updates: due?.updates ?? 0 },
    });
  };

  const settleLater = (chronologyId: string) => {
    void exclusive(chronologyId, () => settleNow(chronologyId)).catch((err: unknown) => {
      // The text is stored (update log); its version is written at the next read or change.
      console.error('[mac] could not write a version of the analysis:', err);
    });
  };

  return {
    persisted(writes) {
      if (closed) return;
      const now = Date.now();
      for (const write of writes) {
        const parsed = parseDocName(write.docName);
        // Server-side writes (REST) write their version themselves.
        if (!parsed?.analysis || write.meta.via === 'rest') continue;
        const id = parsed.chronologyId;
        // Only the lead writes the analysis document (analysis-inspector.ts): the writer is the lead.
        const principal: Principal = { id: write.actor.id, kind: 'user', role: 'lead', agency: write.actor.agency, name: write.actor.name };
        const due = owed.get(id) ?? { principal, via: write.meta.via, ip: write.meta.ip, updates: 0, since: now, timer: null };
        due.principal = principal;
        due.ip = write.meta.ip;
        due.updates += 1;
        if (due.timer) clearTimeout(due.timer);
        const wait = Math.max(0, Math.min(quietMs, due.since + maxWaitMs - now));
        due.timer = setTimeout(() => settleLater(id), wait);
        due.timer.unref();
        owed.set(id, due);
      }
    },

    settled(chronologyId, fn) {
      return exclusive(chronologyId, async () => {
        await settleNow(chronologyId);
        return fn();
      });
    },

    async settleAll() {
      await Promise.all([...owed.keys()].map((id) => exclusive(id, () => settleNow(id)).catch(() => {})));
    },

    close() {
      closed = true;
      for (const due of owed.values()) if (due.timer) clearTimeout(due.timer);
    },
  };
}

/** The chronology's lead as a principal (the only possible writer of its summary), or null if gone. */
async function leadOf(deps: AppDeps, chronologyId: string): Promise<Principal | null> {
  const record = await deps.repos.chronologies.get(chronologyId);
  const user = record ? await deps.repos.users.byId(record.leadUserId) : null;
  return user ? { id: user.id, kind: 'user', role: user.role, agency: user.agencySlug, name: user.name } : null;
}
