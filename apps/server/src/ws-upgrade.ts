import { randomUUID } from 'node:crypto';
import { latencyTracing, storageFailure, traceNow, traceOpens, traceSpan } from '@mac/db';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { decide, decideAnalysisWrite, type Principal } from '@mac/domain';
import { parseDocName, CLOSE, type ConnectionContext } from '@mac/sync';
import type { WebSocketServer } from 'ws';
import { readCookie, sessionCookieName } from './services/auth/cookies.js';
import { resolveApiToken, resolveSession } from './services/auth/sessions.js';
import type { AppDeps } from './deps.js';
import { expectedOrigin, isSameOrigin } from './http/origin.js';
import { findAccess } from './services/access.js';
import { accessVerdicts } from './services/access-sweep.js';
import { audit } from './services/audit.js';
import { sweepReviewStreams } from './services/review-events.js';
import type { SweepScope } from './cluster/revocations.js';

function refuse(socket: Duplex, status: number, text: string, code: string, message: string, extraHeaders = '') {
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\n${extraHeaders}Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/**
 * Authenticates and authorises a websocket upgrade to /sync/<document name> BEFORE the handshake: no
 * session → 401, a chronology or restricted document the caller may not open → 404, exactly as the REST
 * API answers. Only then does the room manager get the socket.
 */
export async function handleUpgrade(deps: AppDeps, wss: WebSocketServer, req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
  // A reset during the checks below would otherwise be an unhandled 'error' and crash the process.
  socket.on('error', () => socket.destroy());
  // MAC_LATENCY_TRACE=1: the open's stages on the server (the connection times the rest, up to its answer).
  const arrived = latencyTracing ? traceNow() : 0;
  try {
    let pathname: string;
    let docName: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
      docName = decodeURIComponent(pathname.slice('/sync/'.length));
    } catch {
      // An unparsable target or a malformed %-escape names nothing: 404 like any unknown name, not a logged 500.
      return refuse(socket, 404, 'Not Found', 'not_found', 'No such endpoint.');
    }
    if (!pathname.startsWith('/sync/')) return refuse(socket, 404, 'Not Found', 'not_found', 'No such endpoint.');
    const parsed = parseDocName(docName);
    if (!parsed) return refuse(socket, 404, 'Not Found', 'not_found', 'No such chronology document.');

    let principal: Principal | null = null;
    let sessionIdHash: string | null = null;
    const authorization = req.headers.authorization;
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      principal = match ? await resolveApiToken(deps, match[1]!) : null;
    } else {
      const session = await resolveSession(deps, readCookie(req.headers.cookie, sessionCookieName(deps.config)));
      if (session) {
        principal = session.principal;
        sessionIdHash = session.idHash;
      }
      // Cross-site websocket hijacking: a cookie-authenticated upgrade must come from our own pages.
      const host = req.headers.host ?? 'localhost';
      const expected = expectedOrigin(deps.config, `${deps.config.secureCookies ? 'https' : 'http'}://${host}/`);
      if (principal && !isSameOrigin({ origin: req.headers.origin ?? null, secFetchSite: (req.headers['sec-fetch-site'] as string | undefined) ?? null }, expected)) {
        await audit(deps, principal, req.socket.remoteAddress ?? null, { action: 'sync:open', outcome: 'refused', chronologyId: parsed.chronologyId, details: { reason: 'cross-origin', origin: req.headers.origin ?? null } });
        return refuse(socket, 403, 'Forbidden', 'cross_origin', 'This connection did not come from the MAC application.');
      }
    }
    if (!principal) return refuse(socket, 401, 'Unauthorized', 'unauthenticated', 'Sign in to continue.');
    // Before any work that costs (lookups, an audit write, the handshake): one account cannot reconnect
    // in a loop, nor keep reconnecting to send more changes the server refuses.
    // With several nodes, the account's buckets across all of them too (cluster/admission.ts).
    let admission = deps.rooms.admit(principal.id);
    if (admission.ok && deps.cluster !== null) admission = await deps.cluster.admission.admit(principal.id);
    if (!admission.ok) {
      const seconds = Math.max(1, Math.ceil(admission.retryAfterMs / 1000));
      return refuse(socket, 429, 'Too Many Requests', 'rate_limited', `Too many connections: ${admission.reason}. Try again in ${seconds} s.`, `Retry-After: ${seconds}\r\n`);
    }

    const ip = req.socket.remoteAddress ?? null;
    // The record and its running grants in one read, as every request's access check (services/access.ts).
    const found = await findAccess(deps, parsed.chronologyId);
    const record = found?.record ?? null;
    const access = found?.access ?? null;
    const decision = access ? decide(principal, 'chronology:read', access) : null;
    const memberReadOnly = access ? !access.memberAgencies.includes(principal.agency) : true;
    // A restricted document opens only for its own agency's members (never for read-only grantees).
    const restrictedOk = parsed.restrictedAgency === null || (parsed.restrictedAgency === principal.agency && !memberReadOnly);
    // The analysis document opens for every reader of the chronology; only its lead may write there (every
    // update is checked again by the room: analysis-inspector.ts).
    const readOnly = memberReadOnly || (parsed.analysis && access !== null && !decideAnalysisWrite(principal, access).allowed);
    if (!record || !decision?.allowed || !restrictedOk) {
      await audit(deps, principal, ip, { action: 'sync:open', outcome: 'refused', chronologyId: record ? parsed.chronologyId : null, details: { docName } });
      return refuse(socket, 404, 'Not Found', 'not_found', 'No chronology was found with that id, or you do not have access to it.');
    }

    // Everything awaited happens before the upgrade completes: once the socket is open the client sends
    // its handshake at once, and the room manager must be listening by then (a message emitted with no
    // listener is gone, and the client would never be synced).
    // The account's open connections on every node count against its cap (cluster/connection-caps.ts);
    // each node's room manager still applies the same cap to its own.
    const checked = latencyTracing ? traceNow() : 0;
    if (latencyTracing) traceSpan('open.1 upgrade: session, admission, access check', arrived, checked);
    const connectionId = randomUUID();
    const withinCap = deps.cluster === null ? true : await deps.cluster.caps.claim(principal.id, connectionId, deps.cluster.limits.maxConnectionsPerPrincipal);
    if (deps.cluster !== null) {
      const caps = deps.cluster.caps;
      // One release for every way the socket ends: closed, reset, or a handshake that never completed.
      socket.once('close', () => caps.release(connectionId));
      if (socket.destroyed) caps.release(connectionId);
    }
    if (!withinCap) {
      // As the room manager does for its own cap: the handshake, then the close code the browser knows.
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.on('error', () => ws.terminate());
        ws.close(CLOSE.TOO_MANY_CONNECTIONS, 'too many open connections');
        setTimeout(() => ws.terminate(), 500).unref();
      });
      return;
    }
    // The document starts loading and the handshake is made while the access record is written (the load a
    // read of the log and Yjs work; the record a commit behind the write lane, 34-109 ms at p50 under the
    // county bench's load; the handshake a round trip to the client for its sync request): the waits
    // overlap instead of adding up. Nothing of the document reaches the client before the record is
    // durable: the room manager holds the socket until `recorded` resolves, and closes it (SERVER_ERROR, the
    // client retries) if the record could not be stored. A load refused here (memory) is refused again,
    // with its close code, when the connection asks for the room.
    void deps.rooms.room(docName).catch(() => {});
    const recorded = audit(deps, principal, ip, { action: 'sync:open', chronologyId: parsed.chronologyId, details: { docName, readOnly } });
    // Handled here too: a socket gone before its handshake never hands `recorded` to the room manager.
    void recorded.then(() => latencyTracing && traceSpan('open.2 audit record stored (the room loads, the handshake is made alongside)', checked), () => {});
    const agency = await deps.repos.agencies.get(principal.agency);
    const asked = latencyTracing ? traceNow() : 0;
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (latencyTracing) {
        const handshake = traceNow();
        traceSpan('open.3 upgrade: agency read, handshake written', asked, handshake);
        traceOpens.set(ws, { arrived, handshake });
      }
      deps.rooms.handleConnection(ws, {
        docName,
        principal,
        readOnly,
        sessionIdHash,
        chronology: access!,
        ip,
        connectionId,
        presence: { name: principal.name, agency: principal.agency, agencyName: agency?.name ?? principal.agency },
      }, recorded);
    });
  } catch (err) {
    console.error('[mac] websocket upgrade failed:', err);
    refuse(socket, 500, 'Internal Server Error', 'server_error', 'Something went wrong.');
  }
}

/**
 * Access can end without anyone pressing a button: a session passes its idle or absolute limit, a
 * break-glass grant expires, a user is disabled, an agency leaves a chronology. Twice a second each live
 * connection is checked again and closed if it is no longer allowed. An open connection is not activity:
 * idle means the person has not used the page (the web app reports input through ordinary requests), so
 * an unattended screen signs out after the idle timeout even while it shows a live timeline.
 */
export function startAccessSweep(deps: AppDeps, everyMs = 500): () => void {
  let lastSweepLog = 0;
  let running = false;
  const timer = setInterval(async () => {
    // One sweep at a time: with slow storage a sweep may outlast the period.
    if (running) return;
    running = true;
    try {
      await sweep(deps);
    } catch (err) {
      // Twice a second: a lasting failure (a full disk) is noted and logged at most once a minute.
      if (storageFailure(err) !== null) deps.storage.failed(err, 'access sweep');
      else if (Date.now() - lastSweepLog > 60_000) {
        lastSweepLog = Date.now();
        console.error('[mac] access sweep failed:', err);
      }
    } finally {
      running = false;
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Checks live connections against the database and closes those whose access has ended: all of them (the
 * periodic sweep), or only those in `scope` (another node announced an end of access: cluster/revocations.ts).
 */
export async function sweep(deps: AppDeps, scope: SweepScope | null = null): Promise<void> {
  const inScope = (ctx: ConnectionContext) =>
    scope === null ||
    ('principalId' in scope && ctx.principal.id === scope.principalId) ||
    ('sessionIdHash' in scope && ctx.sessionIdHash === scope.sessionIdHash) ||
    ('chronologyId' in scope && ctx.docName.split('/')[0] === scope.chronologyId);
  // Storage is asked once for every live connection (services/access-sweep.ts: two reads, not a few per
  // connection); then the connections are closed in one pass (the room manager's predicate is synchronous).
  const contexts = deps.rooms.contexts().filter(inScope);
  const verdicts = await accessVerdicts(
    deps,
    contexts.map((ctx) => ({ principal: ctx.principal, sessionIdHash: ctx.sessionIdHash ?? null, chronologyId: ctx.docName.split('/')[0]!, ctx })),
  );
  const ended = new Set<ConnectionContext>();
  const forbidden = new Set<ConnectionContext>();
  for (const [{ ctx }, verdict] of verdicts) {
    if (verdict === 'signed-out') ended.add(ctx);
    else if (verdict === 'forbidden') forbidden.add(ctx);
  }
  deps.rooms.closeConnections((ctx) => ended.has(ctx), CLOSE.UNAUTHENTICATED, 'Your session has ended: sign in again');
  deps.rooms.closeConnections((ctx) => forbidden.has(ctx), CLOSE.FORBIDDEN, 'Your access to this chronology has ended');
  await sweepReviewStreams(deps);
}
