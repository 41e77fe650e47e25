// What one connection and one document may cost the server. The defaults are sized for the measured
// document (2,000 entries ≈ 1 MB encoded) and for a multi-agency meeting (tens of people on one timeline).

export interface Limits {
  /** Largest websocket message and largest single Yjs update; also the ws `maxPayload` of the server. */
  maxMessageBytes: number;
  /** Open connections of one principal across all documents. */
  maxConnectionsPerPrincipal: number;
  /** Entries in one document; an update that would add more is refused. */
  maxEntriesPerDoc: number;
  /** Awareness changes of its own state a connection may make per second; the excess is deferred. */
  awarenessPerSecond: number;
  /** A connection over its awareness rate for this long is closed (RATE_LIMITED). */
  awarenessSustainedMs: number;
  /** Largest awareness state, as its JSON text in bytes. */
  maxAwarenessStateBytes: number;
  /** Messages of any kind per second (averaged over a burst of twice as many) before the connection is closed. */
  messagesPerSecond: number;
  /** Sync step 1 requests per second (each costs a diff of the whole document) before closing. */
  syncRequestsPerSecond: number;
  /**
   * How long after asking a client for what we lack (our sync step 1) its updates that depend on that
   * are set aside, waiting for its answer, instead of counting as a gap in sync.
   */
  syncReplyMs: number;
  /** New connections one principal may open per minute (in bursts of half that), across all documents. */
  connectionsPerMinute: number;
  /**
   * Connections of one principal closed for a refused message, in a burst, before its new connections
   * are turned away; one more is allowed each `refusalRefillMs`. A refusal can cost the server tens of
   * milliseconds (a ~1 MB update is tried on the shadow before it is refused), so a member who keeps
   * sending forbidden changes must not be able to keep reconnecting to send more.
   */
  refusalBurst: number;
  refusalRefillMs: number;
  /**
   * A room's shadow document (a second full copy, built when someone writes) is let go after this long
   * without a write: an open entry costs ~1.4 KB a copy (bench:memory), so a room of readers keeps one copy only.
   */
  shadowIdleMs: number;
  /**
   * Write volume of one principal, across its connections and REST: amendments and withdrawals of
   * existing entries, and bytes of stored updates, per minute (in bursts of half that). Over either, its
   * websocket is closed with RATE_LIMITED and REST writes answer 429 until the budget refills. Creations
   * cost bytes only; an import counts as one write. Figures and the real use they admit: docs/security.md.
   */
  amendmentsPerMinute: number;
  writeBytesPerMinute: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxMessageBytes: 1024 * 1024,
  maxConnectionsPerPrincipal: 20,
  maxEntriesPerDoc: 50_000,
  awarenessPerSecond: 20,
  awarenessSustainedMs: 5_000,
  maxAwarenessStateBytes: 8 * 1024,
  // Generous: the stock client echoes every awareness change it receives back to the server, so in a
  // meeting of 30 moving cursors a well-behaved client already sends hundreds of messages a second.
  messagesPerSecond: 2_000,
  syncRequestsPerSecond: 5,
  syncReplyMs: 10_000,
  connectionsPerMinute: 60,
  refusalBurst: 5,
  refusalRefillMs: 60_000,
  shadowIdleMs: 60_000,
  amendmentsPerMinute: 1_200,
  writeBytesPerMinute: 16 * 1024 * 1024,
});

export function resolveLimits(overrides: Partial<Limits> = {}): Limits {
  return { ...DEFAULT_LIMITS, ...overrides };
}
