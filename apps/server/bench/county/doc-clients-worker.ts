// A worker thread of the county bench holding simulated users' documents: stock y-websocket clients, each
// timed to its first full sync, their live writes and the deliveries of those writes to the other clients
// of the same chronology (every client of a chronology lives in the same worker, so a delivery is timed on
// one clock). The bench's main thread keeps the HTTP actions: one user's client applying a 1.7 MB document
// here no longer holds up another user's sign-in answer there. Figures go to the main thread's recorder.
import { setMaxListeners } from 'node:events';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { getEntriesMap, writeNewEntry } from '@mac/sync';
import { connect, type Client } from '../../src/sync-testing.js';
import { applyTimer, synced } from './open-timing.js';
import { Recorder } from './stats.js';
import type { FromDocs, ToDocs } from './doc-clients.js';

// Every stock provider adds a process 'exit' listener.
process.setMaxListeners(0);
const port = parentPort!;
const post = (msg: FromDocs) => port.postMessage(msg);

/** The main thread's recorder, by message: the phase is the main thread's when a figure arrives. */
class PostingRecorder extends Recorder {
  override record(action: string, ms: number): void {
    post({ kind: 'record', action, ms });
  }
  override count(what: string): void {
    post({ kind: 'count', what });
  }
  override error(action: string, what: string): void {
    post({ kind: 'error', action, what });
  }
}

const DELIVERY = 'delivery (ws write → other client)';
/**
 * Not a delivery, and not a wait: entries written before a client opened the chronology reach it with its
 * first sync (timed by that open). Only counted: the time since their writing is nobody's latency.
 */
const ARRIVED_WITH_SYNC = 'entries that reached a client with its first sync, not live';

const rec = new PostingRecorder();
const clients = new Map<number, Client>();
/** Send time of every entry written over a websocket here, by entry id: its arrival elsewhere is a delivery. */
const sent = new Map<string, number>();
/** Clients being closed by the bench (their disconnection is not a drop). */
const closing = new WeakSet<Client>();
const stop = new AbortController();
// Every open waiting for its first sync listens on it (synced()): dozens at once under load.
setMaxListeners(0, stop.signal);
let stopping = false;
const lag = monitorEventLoopDelay({ resolution: 10 });

async function open(id: number, origin: string, cookie: string, docName: string, label: string): Promise<void> {
  const started = performance.now();
  const applying = applyTimer();
  const client = connect(origin, cookie, docName, { onSocket: applying.onSocket });
  clients.set(id, client);
  // The upgrade alone (status "connected"), to tell a slow handshake from a slow first sync.
  const onStatus = ({ status }: { status: string }) => {
    if (status !== 'connected') return;
    rec.record('websocket upgrade (to connected)', performance.now() - started);
    client.provider.off('status', onStatus);
  };
  client.provider.on('status', onStatus);
  getEntriesMap(client.doc).observe((event) => {
    if (event.transaction.local) return;
    const now = performance.now();
    // Only what reaches a synced client is a delivery. An entry written before this client had synced
    // (or while it was reconnecting) comes with its (re)sync answer: counting that as a delivery once
    // measured a chronology opened 12.5 s after someone wrote to it as a 12.5 s delivery.
    const live = client.provider.synced;
    for (const key of event.keysChanged) {
      const at = sent.get(key);
      if (at === undefined) continue;
      if (live) rec.record(DELIVERY, now - at);
      else rec.count(ARRIVED_WITH_SYNC);
    }
  });
  client.provider.on('status', ({ status }: { status: string }) => {
    if (status === 'disconnected' && !stopping && !closing.has(client)) rec.count('websocket disconnections (a client then reconnects by itself)');
  });
  const ok = await rec.time(label, () => synced(client, 180_000, stop.signal).then(() => true));
  if (ok === true) {
    // Beside the whole figure: this thread applying the answer, and all the rest.
    const total = performance.now() - started;
    rec.record(`${label}: all but the client applying it`, total - applying.ms);
    rec.record(`${label}: the client applying it`, applying.ms);
  } else close(id);
  post({ kind: 'opened', id, ok: ok === true });
}

function close(id: number): void {
  const client = clients.get(id);
  if (!client) return;
  for (const c of client.closes) {
    // 1006: the socket dropped or the upgrade was refused before it opened; the client retries by itself.
    if (c.code === 1006) rec.count('websocket closes 1006 (the client reconnected)');
    else if (![1000, 1001, 1005].includes(c.code)) rec.error('websocket', `closed ${c.code} ${c.reason}`);
  }
  client.closes.length = 0;
  closing.add(client);
  client.destroy();
  clients.delete(id);
}

port.on('message', (msg: ToDocs) => {
  switch (msg.op) {
    case 'open':
      return void open(msg.id, msg.origin, msg.cookie, msg.docName, msg.label);
    case 'write': {
      const client = clients.get(msg.id);
      if (!client) return;
      sent.set(msg.entry.id, performance.now());
      writeNewEntry(client.doc, msg.entry);
      return;
    }
    case 'focus':
      return clients.get(msg.id)?.provider.awareness.setLocalStateField('focus', msg.focus);
    case 'close':
      return close(msg.id);
    case 'lag':
      if (msg.on) {
        lag.reset();
        lag.enable();
      } else {
        lag.disable();
        post({ kind: 'lag', p99: lag.percentile(99) / 1e6, max: lag.max / 1e6 });
      }
      return;
    case 'abort':
      return stop.abort(new Error('the run was given up'));
    case 'stop':
      stopping = true;
      for (const id of [...clients.keys()]) close(id);
      return post({ kind: 'stopped' });
  }
});
