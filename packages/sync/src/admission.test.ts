// One account cannot reconnect in a loop, nor keep reconnecting to send changes the server refuses:
// `RoomManager.admit` is asked before every handshake (apps/server/src/ws-upgrade.ts answers 429).
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { buildPrincipal } from '@mac/domain/testing';
import type { Principal } from '@mac/domain';
import { CLOSE } from './close-codes.js';
import { sharedDocName } from './doc-names.js';
import { rawSocket, startSyncServer, type TestSyncServer } from './testing.js';

const police = buildPrincipal({ id: 'police-1', agency: 'thames-valley-police' });
const school = buildPrincipal({ id: 'school-1', agency: 'northway-primary' });
const docName = sharedDocName(randomUUID());

let server: TestSyncServer;
afterEach(() => server.close());

/** Opens a socket; resolves with 'open' or the HTTP status that turned it away. */
async function attempt(principal: Principal): Promise<{ ws: ReturnType<typeof rawSocket> } | { status: number }> {
  const raw = rawSocket(server, docName, principal);
  try {
    await raw.opened;
    return { ws: raw };
  } catch (err) {
    const status = /Unexpected server response: (\d+)/.exec(String(err))?.[1];
    return { status: Number(status) };
  }
}

describe('admission of new connections', () => {
  it('turns away an account whose connections keep being refused (429), not anyone else, and lets it back after the refill', async () => {
    server = await startSyncServer({ limits: { refusalBurst: 3, refusalRefillMs: 400 } });
    for (let i = 0; i < 3; i++) {
      const a = await attempt(police);
      if (!('ws' in a)) throw new Error(`connection ${i} was turned away`);
      a.ws.ws.send('a text frame is refused');
      expect((await a.ws.closed).code).toBe(CLOSE.MALFORMED_MESSAGE);
    }
    expect(await attempt(police)).toEqual({ status: 429 });
    const other = await attempt(school);
    expect('ws' in other).toBe(true);
    if ('ws' in other) other.ws.ws.close();
    await new Promise((resolve) => setTimeout(resolve, 450));
    const back = await attempt(police);
    expect('ws' in back).toBe(true);
    if ('ws' in back) back.ws.ws.close();
  });

  it('turns away an account opening connections faster than its rate (429)', async () => {
    server = await startSyncServer({ limits: { connectionsPerMinute: 8 } }); // bursts of 4
    const opened: Array<ReturnType<typeof rawSocket>> = [];
    for (let i = 0; i < 4; i++) {
      const a = await attempt(police);
      if (!('ws' in a)) throw new Error(`connection ${i} was turned away`);
      opened.push(a.ws);
    }
    expect(await attempt(police)).toEqual({ status: 429 });
    expect('ws' in (await attempt(school))).toBe(true);
    for (const raw of opened) raw.ws.close();
  });

  it('a well-behaved client that reconnects now and then is never turned away', async () => {
    server = await startSyncServer();
    for (let i = 0; i < 20; i++) {
      const a = await attempt(police);
      if (!('ws' in a)) throw new Error(`reconnection ${i} was turned away`);
      a.ws.ws.close();
      await a.ws.closed;
    }
  });
});
