// The rooms' bus (packages/sync bus.ts) over Redis pub/sub: one channel per document, `mac:doc:<name>`,
// carrying each committed update (node id, per-document sequence number, update, claims) and each
// awareness change, in the wire form of @mac/sync's encodeBusMessage.
//
// Redis is never part of durability or order: a node publishes only after its commit, receivers order by
// the sequence number and read gaps from PostgreSQL (doc-feed.ts). Pub/sub loses what is published while
// a subscriber is away, so the rooms are told to catch up from PostgreSQL when the subscriber is ready
// again (and once more 1 s and 3 s later), and every `catchUpEveryMs` while it is not (writes then still
// reach other nodes' clients within that long).
//
// Heartbeats: every node publishes its id on `mac:nodes` every `heartbeatMs`; a node not heard (no
// heartbeat, no message) for three of them is gone (SIGKILL, a lost machine, a partition) and the rooms
// remove its clients' presence (`onNodeGone`): within 3 × 5 s + 5 s by default, inside the 30 s after which
// the awareness protocol's own timeout would. Nobody is declared gone while this node's own subscription
// is down (it hears nobody then) or until it has listened for that long since it came back.
import { decodeBusMessage, encodeBusMessage, type BusHandlers, type RoomBus } from '@mac/sync';
import { DEFAULT_HEARTBEAT_MS } from './config.js';
import { onReconnect, type RedisConnections } from './redis.js';

const PREFIX = 'mac:doc:';
const NODES_CHANNEL = 'mac:nodes';
const AGAIN_AFTER_RECONNECT_MS = [1_000, 3_000];
/** Heartbeats a node may miss before the others take it for gone. */
const MISSED_BEATS = 3;

export interface RedisBusOptions {
  /** How often the rooms catch up from PostgreSQL while Redis is unreachable (default 2 s). */
  catchUpEveryMs?: number;
  /** How often this node announces itself on `mac:nodes` (ClusterConfig.heartbeatMs; default 5 s). */
  heartbeatMs?: number;
}

export function createRedisBus(redis: RedisConnections, opts: RedisBusOptions = {}): RoomBus {
  const pub = redis.command('bus-pub');
  const sub = redis.subscriber('bus-sub');
  const handlers = new Map<string, BusHandlers>();
  const listeners: Array<() => void> = [];
  const tell = () => {
    for (const listener of listeners) listener();
  };

  // Other nodes, by id: when each was last heard.
  const heartbeatMs = opts.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const lastHeard = new Map<string, number>();
  const goneListeners: Array<(nodeId: string) => void> = [];
  // Since when this node's subscription has been listening without a break (null while it is down).
  let listeningSince: number | null = null;
  const heard = (nodeId: string) => {
    if (nodeId !== redis.nodeId) lastHeard.set(nodeId, Date.now());
  };

  sub.on('messageBuffer', (channel: Buffer, payload: Buffer) => {
    const name = channel.toString('utf8');
    if (name === NODES_CHANNEL) {
      heard(payload.toString('utf8'));
      return;
    }
    if (!name.startsWith(PREFIX)) return;
    const target = handlers.get(name.slice(PREFIX.length));
    if (target === undefined) return;
    const message = decodeBusMessage(new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength));
    if (message === null) return;
    heard(message.nodeId);
    if (message.kind === 'update') target.update(message);
    else target.awareness?.(message);
  });
  void sub.subscribe(NODES_CHANNEL).catch(() => undefined); // renewed after each reconnect (autoResubscribe)
  const beat = () => void pub.publish(NODES_CHANNEL, redis.nodeId).catch(() => undefined);
  beat();
  let lastTick = Date.now();
  const heartbeat = setInterval(() => {
    beat();
    const now = Date.now();
    // A late tick means this process was stalled: what others sent meanwhile may still be unread.
    const stalled = now - lastTick > 2 * heartbeatMs;
    lastTick = now;
    if (sub.status !== 'ready' || stalled) {
      listeningSince = sub.status === 'ready' ? now : null;
      return;
    }
    listeningSince ??= now;
    const deadline = MISSED_BEATS * heartbeatMs;
    // Only what this node could have heard: after a break in its own listening, wait a full deadline.
    if (now - listeningSince < deadline) return;
    for (const [nodeId, at] of lastHeard) {
      if (now - at < deadline) continue;
      lastHeard.delete(nodeId);
      for (const listener of goneListeners) listener(nodeId);
    }
  }, heartbeatMs);
  heartbeat.unref();
  // Again a little later: the renewed subscriptions take a moment to be in place, and other nodes'
  // publishers reconnect at their own pace (what they publish before our SUBSCRIBE lands is lost to us).
  const later: NodeJS.Timeout[] = [];
  const stopReconnect = onReconnect(sub, () => {
    listeningSince = null;
    tell();
    for (const ms of AGAIN_AFTER_RECONNECT_MS) {
      const t = setTimeout(tell, ms);
      t.unref();
      later.push(t);
    }
  });
  const timer = setInterval(() => {
    if (sub.status !== 'ready') tell();
  }, opts.catchUpEveryMs ?? 2_000);
  timer.unref();

  // While Redis reconnects a publish waits for one attempt (maxRetriesPerRequest 1) and then fails: a
  // message sent late is ignored by receivers that already have it, one that fails is caught up.
  const send = (docName: string, bytes: Uint8Array) => {
    void pub.publish(PREFIX + docName, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).catch(() => undefined);
  };

  return {
    nodeId: redis.nodeId,
    async subscribe(docName, target) {
      handlers.set(docName, target);
      await sub.subscribe(PREFIX + docName);
    },
    async unsubscribe(docName) {
      handlers.delete(docName);
      if (sub.status === 'ready') await sub.unsubscribe(PREFIX + docName);
    },
    publish(docName, message) {
      send(docName, encodeBusMessage({ kind: 'update', ...message }));
    },
    publishAwareness(docName, message) {
      send(docName, encodeBusMessage({ kind: 'awareness', ...message }));
    },
    onCatchUp(listener) {
      listeners.push(listener);
    },
    onNodeGone(listener) {
      goneListeners.push(listener);
    },
    async close() {
      clearInterval(timer);
      clearInterval(heartbeat);
      goneListeners.length = 0;
      for (const t of later) clearTimeout(t);
      stopReconnect();
      handlers.clear();
      listeners.length = 0;
    },
  };
}
