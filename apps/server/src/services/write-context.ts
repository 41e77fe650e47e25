/**
 * What the audit record of a write should say beyond the update itself: where it came from and which
 * request or import it belongs to. Room writes are synchronous from submit to persist, so a value set
 * around `rooms.submitLocal` is exactly the one the persistence hook sees; websocket writes see none.
 */
export interface WriteMeta {
  via: 'rest' | 'import' | 'websocket' | 'seed';
  ip?: string | null;
  importId?: string;
  /** The human behind the write when the room sees an agency-scoped principal (a lead importing rows). */
  actor?: { id: string; name: string; agency: string };
}

export interface WriteContext {
  current(): WriteMeta | null;
  run<T>(meta: WriteMeta, fn: () => T): T;
}

export function createWriteContext(): WriteContext {
  let current: WriteMeta | null = null;
  return {
    current: () => current,
    run(meta, fn) {
      const previous = current;
      current = meta;
      try {
        return fn();
      } finally {
        current = previous;
      }
    },
  };
}
