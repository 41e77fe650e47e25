// One live Yjs document (the chronology's shared document, or the user's agency restricted one)
// over y-websocket, with what the stock provider does not do for us:
//
//  - save tracking that never lies (see ack.ts and @mac/ui save-status): "saved" means the server
//    has shown it holds every local change;
//  - a 44xx close (the server refused an update) drops the local document and starts again from the
//    server's copy: the stock provider would otherwise offer the refused update on every reconnect;
//  - 4401 / 4403 end the connection for good (signed out, access ended) and tell the page;
//  - an upgrade the server keeps refusing (session or access gone while offline) is reported, so
//    the page can ask the REST API why instead of retrying forever in silence.
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { Entry } from '@mac/domain';
import { CLOSE, getEntriesMap, mustResync, readEntriesById, readStoredEntry, touchedEntryIds } from '@mac/sync/doc';
import { INITIAL_SAVE_STATE, reduceSave, type SaveEvent, type SaveState } from '@mac/ui';
import { localClock, probeMessage, serverClockIn } from './ack.js';
import { refusalMessage } from './refusal.js';

export interface LiveDocEvents {
  /** Entries changed: the ids touched, or 'all' after a (re)load. */
  entries(changed: ReadonlySet<string> | 'all'): void;
  state(state: SaveState): void;
  awareness(): void;
  /** The session ended (4401) or access was removed (4403): nothing more will happen here. */
  ended(why: 'signed-out' | 'forbidden', reason: string): void;
  refused(message: string): void;
  /** The socket failed to open several times in a row. */
  unreachable(): void;
}

export interface LiveDocOptions {
  WebSocketPolyfill?: typeof WebSocket;
  /** Delay before reconnecting after RATE_LIMITED. */
  rateLimitWaitMs?: number;
  /** Delay before offering unsaved changes again after STORAGE_FULL. */
  storageFullWaitMs?: number;
  /** Delay before trying again after SERVER_BUSY (the server is short of memory). */
  busyWaitMs?: number;
  /**
   * Entries documents: a document that had no entries and still has none once synced does not announce
   * `entries('all')` (the chronology page would draw every entry of its other document again). Documents
   * followed through that announcement (the analysis) leave it off.
   */
  quietWhenEmpty?: boolean;
}

const FIRST_PROBE_MS = 150;
const MAX_PROBE_MS = 4000;
const FAILURES_BEFORE_UNREACHABLE = 3;

export class LiveDoc {
  readonly name: string;
  doc!: Y.Doc;
  provider!: WebsocketProvider;
  /** The entries of this document, each a fresh object when it changes (views cache by identity). */
  entries = new Map<string, Entry>();
  state: SaveState = INITIAL_SAVE_STATE;

  private readonly url: string;
  private readonly events: LiveDocEvents;
  private readonly options: LiveDocOptions;
  private localState: Record<string, unknown> = {};
  private probeTimer: ReturnType<typeof setTimeout> | null = null;
  private probeDelay = FIRST_PROBE_MS;
  private failures = 0;
  private reportedUnreachable = false;
  private ended = false;
  private wantOnline = true;
  private fresh = true;
  private cleanup: Array<() => void> = [];

  constructor(url: string, name: string, events: LiveDocEvents, options: LiveDocOptions = {}) {
    this.url = url;
    this.name = name;
    this.events = events;
    this.options = options;
    this.open();
  }

  private dispatch(event: SaveEvent) {
    const next = reduceSave(this.state, event);
    if (next === this.state) return;
    this.state = next;
    if (event.type === 'ack' && next.pending.length === 0) this.stopProbing();
    this.events.state(next);
  }

  private open() {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(this.url, this.name, doc, {
      disableBc: true,
      maxBackoffTime: 5000,
      ...(this.options.WebSocketPolyfill ? { WebSocketPolyfill: this.options.WebSocketPolyfill } : {}),
    });
    this.doc = doc;
    this.provider = provider;
    this.fresh = true;
    provider.awareness.setLocalState({ ...this.localState });

    // Peek at every sync message from the server for how much of our history it holds: none while we have
    // written nothing under our client id (a fresh one each time a document opens), so the whole state a
    // chronology opens with (megabytes for thousands of entries) is not parsed once more for it.
    // While the server's message is applied, the two 'update' listeners (the provider's, which sends local
    // changes, and ours, which tracks them) are off: both ignore what comes from the provider, and with
    // none Yjs does not encode the applied state again for them (a third of the opening apply).
    const original = provider.messageHandlers[0]!;
    provider.messageHandlers[0] = (encoder, decoder, p, emitSynced, type) => {
      const clock = doc.store.clients.has(doc.clientID) ? serverClockIn(decoder.arr, decoder.pos, doc.clientID) : null;
      doc.off('update', provider._updateHandler);
      doc.off('update', onUpdate);
      try {
        original(encoder, decoder, p, emitSynced, type);
      } finally {
        doc.on('update', provider._updateHandler);
        doc.on('update', onUpdate);
      }
      if (clock !== null && provider === this.provider) this.dispatch({ type: 'ack', clock });
    };

    const root = getEntriesMap(doc);
    const onDeep = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      if (this.fresh) return; // the first sync replaces everything at once, below
      const ids = touchedEntryIds(events, root);
      for (const id of ids) {
        const entry = readStoredEntry(id, root.get(id));
        if (entry) this.entries.set(id, entry);
        else this.entries.delete(id);
      }
      if (ids.size > 0) this.events.entries(ids);
    };
    root.observeDeep(onDeep);

    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === provider) return;
      // Any change not from the server is ours to save, whoever made it in this window.
      this.dispatch({ type: 'local', clock: localClock(doc) });
      this.scheduleProbe(FIRST_PROBE_MS);
    };
    doc.on('update', onUpdate);

    const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
      if (status === 'connected') {
        this.failures = 0;
        this.reportedUnreachable = false;
        this.dispatch({ type: 'online' });
      } else if (status === 'connecting') {
        if (this.failures < FAILURES_BEFORE_UNREACHABLE) this.dispatch({ type: 'connecting' });
      } else {
        this.dispatch({ type: 'offline' });
      }
    };
    const onSync = (synced: boolean) => {
      if (!synced) return;
      if (this.fresh) {
        this.fresh = false;
        const before = this.entries;
        this.entries = readEntriesById(doc);
        // A document that had no entries and has none (most restricted documents) changes nothing shown:
        // the page would otherwise draw every entry of the other document again (`quietWhenEmpty`).
        if (!this.options.quietWhenEmpty || before.size > 0 || this.entries.size > 0) this.events.entries('all');
      }
      this.dispatch({ type: 'synced' });
      if (this.state.pending.length > 0) this.scheduleProbe(FIRST_PROBE_MS);
    };
    const onClose = (event: CloseEvent | null) => {
      if (event === null) return; // we closed it ourselves
      this.onClose(event.code, event.reason);
    };
    const onAwareness = () => this.events.awareness();

    provider.on('status', onStatus);
    provider.on('sync', onSync);
    provider.on('connection-close', onClose);
    provider.awareness.on('change', onAwareness);
    this.cleanup = [
      () => root.unobserveDeep(onDeep),
      () => doc.off('update', onUpdate),
      () => provider.off('status', onStatus),
      () => provider.off('sync', onSync),
      () => provider.off('connection-close', onClose),
      () => provider.awareness.off('change', onAwareness),
    ];
    if (!this.wantOnline) provider.disconnect();
  }

  private onClose(code: number, reason: string) {
    if (code === CLOSE.UNAUTHENTICATED || code === CLOSE.FORBIDDEN) {
      this.end(code === CLOSE.UNAUTHENTICATED ? 'signed-out' : 'forbidden', reason);
      return;
    }
    if (code === CLOSE.RATE_LIMITED) {
      // Nothing was refused, only slowed down: keep our changes and come back a little later.
      setTimeout(() => {
        if (!this.ended && this.wantOnline) this.provider.connect();
      }, this.options.rateLimitWaitMs ?? 3000);
      return;
    }
    if (code === CLOSE.STORAGE_FULL) {
      // Nothing was refused: the server could not store it. Keep our changes, say that nothing new can be
      // saved, and offer them again a little later rather than at the stock provider's 100 ms pace.
      this.dispatch({ type: 'storage-full' });
      setTimeout(() => {
        if (this.ended) return;
        this.provider.disconnect();
        setTimeout(() => {
          if (!this.ended && this.wantOnline) this.provider.connect();
        }, this.options.storageFullWaitMs ?? 10_000);
      }, 0);
      return;
    }
    if (code === CLOSE.SERVER_BUSY) {
      // The server is short of memory and opens no new document (4503): nothing was refused. Say why, keep
      // our changes, and try again every 30 s rather than at the stock provider's pace.
      this.dispatch({ type: 'busy', message: reason || 'The server is busy: this chronology cannot be opened just now.' });
      setTimeout(() => {
        if (this.ended) return;
        this.provider.disconnect();
        setTimeout(() => {
          if (!this.ended && this.wantOnline) this.provider.connect();
        }, this.options.busyWaitMs ?? 30_000);
      }, 0);
      return;
    }
    if (mustResync(code)) {
      const message = refusalMessage(code, reason);
      this.dispatch({ type: 'refused', message });
      this.events.refused(message);
      // Not inside the provider's own close handling: tear down on the next turn.
      setTimeout(() => this.resync(), 0);
      return;
    }
    // 1006 and friends before the socket ever opened: the upgrade itself may be refused.
    if (this.state.connection !== 'online') {
      this.failures += 1;
      if (this.failures >= FAILURES_BEFORE_UNREACHABLE) {
        this.dispatch({ type: 'offline' });
        if (!this.reportedUnreachable) {
          this.reportedUnreachable = true;
          this.events.unreachable();
        }
      }
    }
  }

  private teardown() {
    this.stopProbing();
    for (const fn of this.cleanup) fn();
    this.cleanup = [];
    this.provider.awareness.setLocalState(null);
    this.provider.destroy();
    this.provider.awareness.destroy();
    this.doc.destroy();
  }

  /** Throws the local copy away and loads the server's (after a refusal). */
  resync(): void {
    if (this.ended) return;
    this.teardown();
    this.dispatch({ type: 'reset' });
    this.open();
  }

  private end(why: 'signed-out' | 'forbidden', reason: string) {
    if (this.ended) return;
    this.ended = true;
    this.dispatch({ type: 'ended', why });
    this.stopProbing();
    this.provider.disconnect();
    this.events.ended(why, reason);
  }

  private stopProbing() {
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.probeTimer = null;
    this.probeDelay = FIRST_PROBE_MS;
  }

  private scheduleProbe(delay: number) {
    if (this.probeTimer) return;
    this.probeTimer = setTimeout(() => {
      this.probeTimer = null;
      this.probe();
    }, delay);
  }

  private probe() {
    if (this.state.pending.length === 0 || this.ended) return;
    const ws = this.provider.ws;
    // Not connected or not synced yet: the 'synced' handler probes again.
    if (!this.provider.wsconnected || !this.provider.synced || !ws || ws.readyState !== WebSocket.OPEN) return;
    ws.send(probeMessage(this.doc, this.state.acked));
    this.probeDelay = Math.min(this.probeDelay * 2, MAX_PROBE_MS);
    this.scheduleProbe(this.probeDelay);
  }

  /** The awareness state this window publishes on this document (the server adds `user`). */
  setLocalState(state: Record<string, unknown>): void {
    // Every setLocalState is sent to the server, changed or not, and the server limits the rate.
    if (JSON.stringify(state) === JSON.stringify(this.localState)) return;
    this.localState = state;
    if (!this.ended) this.provider.awareness.setLocalState({ ...state });
  }

  awarenessStates(): Array<[number, unknown]> {
    return [...this.provider.awareness.getStates().entries()];
  }

  get clientId(): number {
    return this.doc.clientID;
  }

  /** The browser lost or regained the network. */
  setOnline(online: boolean): void {
    this.wantOnline = online;
    if (this.ended) return;
    if (online) this.provider.connect();
    else this.provider.disconnect();
  }

  /** The user read the refusal message. */
  dismiss(): void {
    this.dispatch({ type: 'dismiss' });
  }

  destroy(): void {
    this.ended = true;
    this.teardown();
  }
}
