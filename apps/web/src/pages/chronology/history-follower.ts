// Keeps an open entry history live. The history comes from the server's audit log (GET …/history), so
// it is fetched again when the entry it shows changes in the live document: amended or withdrawn here,
// or by someone else. A change made here is fetched once it is saved (the server writes the audit
// record before it acknowledges the change, so the new history is there by then); someone else's has
// reached us through the server, so it is there already.
import type { Entry } from '@mac/domain';

export interface HistoryFollowerOptions {
  /** The entry as the live document has it now. */
  entry: (id: string) => Entry | undefined;
  /** No change of ours is waiting for the server. */
  saved: () => boolean;
  /** Fetch the history of `id` again, keeping the one on screen until the new one arrives. */
  reload: (id: string) => void;
}

function stateOf(entry: Entry | undefined): string {
  return entry ? JSON.stringify(entry) : '';
}

export class HistoryFollower {
  private readonly options: HistoryFollowerOptions;
  private shown: { id: string; state: string } | null = null;

  constructor(options: HistoryFollowerOptions) {
    this.options = options;
  }

  /** A history is being fetched for `id`, as the entry is now. */
  fetching(id: string): void {
    this.shown = { id, state: stateOf(this.options.entry(id)) };
  }

  /** No history is on screen any more. */
  forget(): void {
    this.shown = null;
  }

  /** The live document changed (an entry, or the save status). */
  check(): void {
    const shown = this.shown;
    if (!shown || !this.options.saved()) return;
    const now = stateOf(this.options.entry(shown.id));
    if (now === shown.state) return;
    this.shown = { id: shown.id, state: now };
    this.options.reload(shown.id);
  }
}
