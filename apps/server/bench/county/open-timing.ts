// Timing a stock y-websocket client's open: to its first full sync, and to the moment the server's answer
// to its sync request arrived on the socket (before the client applies it).
import type WebSocket from 'ws';
import type { Client } from '../../src/sync-testing.js';

/**
 * When the server's answer to the sync request (sync step 2: message type 0, step 1) arrived on the
 * socket, heard before the provider's own listener applies it: what the server and the network cost,
 * apart from this process applying the document (~2 MB for a 2,000+ entry one) for each of its clients.
 */
export function answerStamp(): { onSocket: (ws: WebSocket) => void; readonly at: number | undefined } {
  let at: number | undefined;
  return {
    onSocket: (ws) =>
      ws.on('message', (data: ArrayBuffer | Buffer) => {
        const bytes = data instanceof ArrayBuffer ? new Uint8Array(data, 0, Math.min(2, data.byteLength)) : data;
        if (at === undefined && bytes[0] === 0 && bytes[1] === 1) at = performance.now();
      }),
    get at() {
      return at;
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
