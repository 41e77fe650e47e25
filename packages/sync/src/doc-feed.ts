// The order in which a node applies the updates OTHER nodes committed to one document (issue 19). The
// store numbers every document's updates 1, 2, 3… in commit order (doc_seq); the bus (bus.ts) announces
// them after each commit but may lose, repeat or delay them. So a room keeps the last number it holds
// (`head`) and:
// - applies the next number (head + 1) as it arrives, then any it was holding that follow on;
// - ignores a number it already has (its own updates come back to it; duplicates; late ones);
// - holds a number beyond the next and reads the gap from the store (`readAfter(head)`), which is the
//   truth: whatever it returns is applied in order (after a compaction the first row may be a merged one
//   holding everything up to its number; Yjs applies what a document already has as nothing);
// - catches up from the store when told (the bus reconnected, or is down: every few seconds).
// While this node's own writes to the document are being stored their numbers are not known yet, so a gap
// waits until they settle (`settled()`), rather than reading its own rows back as someone else's.
//
// Loading a room is "subscribe, then read, then apply what arrived meanwhile": messages that arrive before
// the room exists are held by the feed (`head` is unknown: -1) until `start(head)`.

export interface SequencedUpdate {
  seq: number;
  update: Uint8Array;
}

export interface DocFeedDeps {
  /** Applies updates to the document, in order; every one has a number above the head. */
  apply(updates: SequencedUpdate[], source: 'bus' | 'store'): void;
  /** The document's updates with numbers above `seq`, oldest first, from the store. */
  readAfter(seq: number): Promise<SequencedUpdate[]>;
  /** Whether this node is storing writes of the document right now. */
  writing(): boolean;
  /** A catch-up failed (the store is down): it is tried again at the next message or catch-up. */
  onError?(err: unknown): void;
}

export interface DocFeed {
  /** The last number applied; -1 until started. */
  readonly head: number;
  /** Numbers held because an earlier one is missing (for tests and figures). */
  readonly waiting: number;
  /** The room has loaded the document up to `head`: what arrived meanwhile is applied (or ignored). */
  start(head: number): void;
  /** A message from the bus. */
  receive(message: SequencedUpdate): void;
  /** This node committed an update of the document under `seq` (the room applies it itself). */
  committed(seq: number): void;
  /** This node's writes to the document have settled: a gap that waited for them is filled now. */
  settled(): void;
  /** Reads everything the store has after the head and applies it. Calls while one runs share a next round. */
  catchUp(): Promise<void>;
  close(): void;
}

export function createDocFeed(deps: DocFeedDeps): DocFeed {
  let head = -1;
  let closed = false;
  const held = new Map<number, Uint8Array>();
  let running: Promise<void> | null = null;
  let again = false;
  let gapWaiting = false;

  /** Applies what is held from head + 1 on; a gap left behind is read from the store (unless `fill` is false). */
  const drain = (fill = true) => {
    for (const seq of held.keys()) if (seq <= head) held.delete(seq);
    const run: SequencedUpdate[] = [];
    for (let next = held.get(head + 1); next !== undefined; next = held.get(head + 1)) {
      held.delete(head + 1);
      head += 1;
      run.push({ seq: head, update: next });
    }
    if (run.length > 0) deps.apply(run, 'bus');
    if (held.size === 0) gapWaiting = false;
    else if (fill) fillGap();
  };

  const fillGap = () => {
    if (deps.writing()) {
      gapWaiting = true;
      return;
    }
    gapWaiting = false;
    void feed.catchUp();
  };

  const round = async (): Promise<void> => {
    do {
      again = false;
      const from = head;
      let rows: SequencedUpdate[];
      try {
        rows = await deps.readAfter(from);
      } catch (err) {
        deps.onError?.(err);
        return;
      }
      if (closed) return;
      // The head may have moved while the store was read (messages, own commits): only what is still new.
      const fresh = rows.filter((row) => row.seq > head).sort((a, b) => a.seq - b.seq);
      if (fresh.length > 0) {
        head = fresh[fresh.length - 1]!.seq;
        deps.apply(fresh, 'store');
      }
      // Messages that arrived while the store was read and follow on; anything beyond waits for the next
      // message or catch-up (a round is never repeated on its own, so a stray number cannot spin it).
      drain(false);
    } while (again && !closed);
  };

  const feed: DocFeed = {
    get head() {
      return head;
    },
    get waiting() {
      return held.size;
    },
    start(loadedHead) {
      head = loadedHead;
      drain();
    },
    receive(message) {
      if (closed) return;
      if (head >= 0 && message.seq <= head) return;
      held.set(message.seq, message.update);
      if (head < 0) return; // still loading: applied (or ignored) at start
      drain();
    },
    committed(seq) {
      if (closed || head < 0 || seq <= head) return;
      if (seq === head + 1) {
        head = seq;
        drain();
        return;
      }
      // Someone else committed between our head and this: the store has those rows.
      gapWaiting = true;
    },
    settled() {
      if (closed || head < 0) return;
      if (gapWaiting || held.size > 0) fillGap();
    },
    catchUp() {
      if (closed || head < 0) return Promise.resolve();
      if (running !== null) {
        again = true;
        return running;
      }
      running = round().finally(() => {
        running = null;
      });
      return running;
    },
    close() {
      closed = true;
      held.clear();
    },
  };
  return feed;
}
