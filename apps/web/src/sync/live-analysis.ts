// The analysis's summary as the browser holds it live: the chronology's analysis document
// (`<id>/analysis`, one Y.Text) over the same LiveDoc as the timeline, so saving, refusals, signing out
// and reconnecting behave the same. Everyone who may read the chronology follows it as it is written; the
// lead's edits are sent as they type (the server refuses anyone else's, and a read-only page offers none).
import type * as Y from 'yjs';
import { analysisDocName, getAnalysisText, replaceText } from '@mac/sync/doc';
import type { SaveState } from '@mac/ui';
import { LiveDoc, type LiveDocOptions } from './live-doc.js';

export interface LiveAnalysisEvents {
  /** The text changed (anyone's edit, or a reload from the server). */
  text(): void;
  state(state: SaveState): void;
  ended(why: 'signed-out' | 'forbidden', reason: string): void;
  refused(message: string): void;
  unreachable(): void;
}

export class LiveAnalysis {
  readonly live: LiveDoc;
  /** The summary as it is now; '' until the document has loaded. */
  text = '';
  /** Whether the server's copy has arrived (before then nothing may be typed: it would be merged blind). */
  loaded = false;
  private observed: Y.Doc | null = null;
  private readonly events: LiveAnalysisEvents;

  constructor(url: string, chronologyId: string, events: LiveAnalysisEvents, options: LiveDocOptions = {}) {
    this.events = events;
    this.live = new LiveDoc(
      url,
      analysisDocName(chronologyId),
      {
        // Fired with 'all' once each (re)opened document has synced: the document to follow from now on.
        entries: (changed) => {
          if (changed === 'all') this.follow();
        },
        state: (state) => events.state(state),
        awareness: () => {},
        ended: (why, reason) => events.ended(why, reason),
        refused: (message) => {
          this.loaded = false;
          events.refused(message);
        },
        unreachable: () => events.unreachable(),
      },
      options,
    );
  }

  private follow(): void {
    const doc = this.live.doc;
    if (this.observed !== doc) {
      this.observed = doc;
      const text = getAnalysisText(doc);
      text.observe(() => {
        if (this.observed !== doc) return;
        this.text = text.toString();
        this.events.text();
      });
    }
    this.text = getAnalysisText(doc).toString();
    this.loaded = true;
    this.events.text();
  }

  /** The lead's typing: the smallest change from the text now to `next`, as one update. */
  edit(next: string): void {
    if (!this.loaded) return;
    const doc = this.live.doc;
    doc.transact(() => replaceText(getAnalysisText(doc), next));
  }

  setOnline(online: boolean): void {
    this.live.setOnline(online);
  }

  destroy(): void {
    this.observed = null;
    this.live.destroy();
  }
}
