// The rooms' bus (packages/sync bus.ts) over Redis pub/sub: one channel per document, `mac:doc:<name>`,
// carrying each committed update (node id, per-document sequence number, update, claims) and each
// awareness change, in the wire form of @mac/sync's encodeBusMessage.
//
// Redis is never part of durability or order: a node publishes only after its commit, receivers order by
// the sequence number and read gaps from PostgreSQL (doc-feed.ts). Pub/sub loses what is published while
// a subscriber is away, so the rooms are told to catch up from PostgreSQL when the subscriber is ready
// again (and once more 1 s and 3 s later), and every `catchUpEveryMs` while it is not (writes then still
// reach other nodes' clients within that long).
import { decodeBusMessage, encodeBusMessage, type BusHandlers, type RoomBus } from '@mac/sync';
import { onReconnect, type RedisConnections } from './redis.js';

const PREFIX = 'mac:doc:';
const AGAIN_AFTER_RECONNECT_MS = [1_000, 3_000];

export interface RedisBusOptions {
  /** How often the rooms catch up from PostgreSQL while Redis is unreachable (default 2 s). */
  catchUpEveryMs?: number;
}

export function createRedisBus(redis: RedisConnections, opts: RedisBusOptions = {}): RoomBus {
  const pub = redis.command('bus-pub');
  const sub = redis.subscriber('bus-sub');
  const handlers = new Map<string, BusHandlers>();
  const listeners: Array<() => void> = [];
  const tell = () => {
    for (const listener of listeners) listener();
  };

  sub.on('messageBuffer', (channel: Buffer, payload: Buffer) => {
    const name = channel.toString('utf8');
    if (!name.startsWith(PREFIX)) return;
    const target = handlers.get(name.slice(PREFIX.length));
    if (target === undefined) return;
    const message = decodeBusMessage(new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength));
    if (message === null) return;
    if (message.kind === 'update') target.update(message);
    else target.awareness?.(message);
  });
  // Again a little later: the renewed subscriptions take a moment to be in place, and other nodes'
  // publishers reconnect at their own pace (what they publish before our SUBSCRIBE lands is lost to us).
  const later: NodeJS.Timeout[] = [];
  const stopReconnect = onReconnect(sub, () => {
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
    async close() {
      clearInterval(timer);
      for (const t of later) clearTimeout(t);
      stopReconnect();
      handlers.clear();
      listeners.length = 0;
    },
  };
}
