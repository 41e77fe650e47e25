// The chronology page's first view (issue 17), as performance marks the bench reads, and the start of
// the patterns:
//  - `mac:first-view`: the timeline and the first table rows painted, from the REST API's first page
//    (chronology-opening.ts) or from the shared document, whichever came first;
//  - the patterns start once the shared document has been painted: their inputs (rule settings, family,
//    reviews, for which the server works every pattern out) are asked for only then, so that the server
//    answers the documents first and the engine never runs on the first page alone;
//  - `mac:live`: every document loaded, and painted.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LiveChronology } from '../../sync/live-chronology.js';
import { afterPaint } from './after-paint.js';

export interface FirstViewPage {
  live(): LiveChronology | null;
  /** Goes up with every (re)load of the chronology. */
  loadSeq(): number;
  /** The shared document of load `seq` has been painted: the patterns may start. */
  sharedDrawn(seq: number): void;
}

export class FirstViewMarks implements ReactiveController {
  private firstViewMarked = false;
  private liveMarked = false;
  /** The load whose shared document has been drawn. */
  private drawnSeq = 0;
  private readonly page: FirstViewPage;

  constructor(host: ReactiveControllerHost, page: FirstViewPage) {
    this.page = page;
    host.addController(this);
  }

  hostUpdated(): void {
    const live = this.page.live();
    if (!live) return;
    if (!this.firstViewMarked && live.hasFirstView()) {
      this.firstViewMarked = true;
      afterPaint(() => performance.mark('mac:first-view'));
    }
    const seq = this.page.loadSeq();
    if (live.shared.state.everSynced && this.drawnSeq !== seq) {
      this.drawnSeq = seq;
      afterPaint(() => this.page.sharedDrawn(seq));
    }
    if (!this.liveMarked && live.loaded()) {
      this.liveMarked = true;
      afterPaint(() => performance.mark('mac:live'));
    }
  }
}
