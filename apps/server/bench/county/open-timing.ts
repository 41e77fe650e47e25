// Timing a stock y-websocket client's open: to its first full sync, and the part of it the client spent
// applying the server's answer.
import type WebSocket from 'ws';
import type { Client } from '../../src/sync-testing.js';

/**
 * How long the client spent applying the server's answer to its sync request, heard around the provider's
 * own listener: from just before it to just after it, for each document message (sync step 2, or an update:
 * a short log's answer is its rows, all but the last sent as updates) until the client is synced. The rest
 * of the open is the server's and the network's; this part is this process applying the document (~1.7 MB
 * for a 2,000+ entry one) for each of its clients, on the cores the server uses too.
 */
export function applyTimer(): { onSocket: (ws: WebSocket) => void; readonly ms: number } {
  let ms = 0;
  return {
    onSocket: (ws) => {
      let began = 0;
      // Added in the constructor, before the provider sets its `onmessage`: heard first.
      ws.on('message', (data: ArrayBuffer | Buffer) => {
        const bytes = data instanceof ArrayBuffer ? new Uint8Array(data, 0, Math.min(2, data.byteLength)) : data;
        began = bytes[0] === 0 && (bytes[1] === 1 || bytes[1] === 2) ? performance.now() : 0;
      });
      // Added once the provider has set its own: heard after it.
      queueMicrotask(() =>
        ws.on('message', () => {
          if (began > 0) ms += performance.now() - began;
          began = 0;
        }),
      );
    },
    get ms() {
      return ms;
    },
  };
}

export function synced(client: Client, timeoutMs: number, stop: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (client.provider.synced) return resolve();
    const give = (why: string) => {
      clearTimeout(timer);
      stop.removeEventListener('abort', onStop);
      client.provider.off('sync', on);
      reject(new Error(`${why}${client.closes.length ? ` (closed ${client.closes[0]!.code} ${client.closes[0]!.reason})` : ''}`));
    };
    const timer = setTimeout(() => give(`not synced within ${timeoutMs / 1000} s`), timeoutMs);
    const onStop = () => give('not synced when the run ended');
    stop.addEventListener('abort', onStop);
    const on = (isSynced: boolean) => {
      if (!isSynced) return;
      clearTimeout(timer);
      stop.removeEventListener('abort', onStop);
      client.provider.off('sync', on);
      resolve();
    };
    client.provider.on('sync', on);
  });
}
