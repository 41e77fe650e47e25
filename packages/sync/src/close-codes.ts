// Websocket close codes of /sync, shared by the server (which closes) and the browser (which reacts).
// This file imports nothing so that the web app can take it alone: `import { CLOSE } from '@mac/sync/close-codes'`.
//
// RFC 6455 leaves 4000–4999 to applications. Like Hocuspocus we mirror HTTP: 44xx means "the server
// decided; reconnecting as you are will not help", 45xx means "try again later". The stock y-websocket
// client (3.x) already stops reconnecting on 4400–4499 and emits 'closed'.
//
// A client that receives a 44xx code MUST drop its local copy of the document (and any unsent local
// changes) and start again from the server's state: its copy may hold an update the server refused, and
// offering that update again on reconnect (the stock provider sends its whole local state in sync step 2)
// would only be refused again. 4401 and 4403 additionally mean the user must sign in again or has lost
// access, so the app should not reconnect at all until that has changed.

export const CLOSE = {
  /** Not a message of the y-websocket protocol (truncated, unknown type, trailing bytes, text frame). */
  MALFORMED_MESSAGE: 4400,
  /** The session or API token behind the connection has ended: sign in again. */
  UNAUTHENTICATED: 4401,
  /** Access to this document was removed (agency no longer a member, grant expired). */
  FORBIDDEN: 4403,
  /** A document update was refused: not permitted for this principal, or the result breaks the entry schema. */
  UPDATE_REFUSED: 4409,
  /** A new entry reuses the id of an entry in another document of the chronology (ids are unique per chronology). */
  ENTRY_ID_TAKEN: 4409,
  /**
   * The update writes entries in one of the document's older shapes (a nested map per entry, one value per
   * field; or one plain object per entry, before entries became JSON text): the page runs code older than
   * the server's. Nothing of it is stored; the page must be reloaded (its
   * unsent changes are shown to the user, never silently dropped: docs/architecture.md).
   */
  OUTDATED_CLIENT: 4426,
  /** A document update depends on changes the server does not have. */
  MISSING_DEPENDENCIES: 4412,
  /** A message or an awareness state is larger than the server accepts. */
  MESSAGE_TOO_LARGE: 4413,
  /** Too many messages (awareness above its rate, a flood of any kind). */
  RATE_LIMITED: 4429,
  /** Too many open connections for one principal: the same code as RATE_LIMITED, under its own name. */
  TOO_MANY_CONNECTIONS: 4429,
  /** The server failed (for instance it could not store an update); reconnecting later is safe. */
  SERVER_ERROR: 4500,
  /** The server's storage is full (or failing): nothing new can be stored; keep local changes, reconnect later. */
  STORAGE_FULL: 4507,
  /**
   * The server is short of memory (over its MAC_MAX_RSS_MB ceiling) and opens no further document for now;
   * documents already open go on. Keep local changes and reconnect later.
   */
  SERVER_BUSY: 4503,
} as const;

export type CloseName = keyof typeof CLOSE;
export type CloseCode = (typeof CLOSE)[CloseName];

const NAMES = new Map<number, CloseName>();
for (const [name, code] of Object.entries(CLOSE)) if (!NAMES.has(code)) NAMES.set(code, name as CloseName);

/** The (first) name of one of our codes, or null for any other close code (1000, 1006, …). */
export function closeName(code: number): CloseName | null {
  return NAMES.get(code) ?? null;
}

/**
 * Whether a close means the client must throw away its local document and resync from scratch (44xx).
 * 4500 and the standard codes (1000, 1001, 1006) are transient: reconnecting with local state is right.
 */
export function mustResync(code: number): boolean {
  return code >= 4400 && code < 4500;
}

/** Close reasons travel in the close frame, which allows at most 123 bytes of UTF-8; ours stay below. */
export const MAX_CLOSE_REASON_BYTES = 122;

/** The reason, shortened (with an ellipsis) to fit a close frame. */
export function closeReason(reason: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(reason).length <= MAX_CLOSE_REASON_BYTES) return reason;
  let cut = reason;
  while (encoder.encode(`${cut}…`).length > MAX_CLOSE_REASON_BYTES) cut = cut.slice(0, -1);
  return `${cut}…`;
}
