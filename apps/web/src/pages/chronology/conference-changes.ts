// "Show changes since the conference" on the chronology page: the chronology compared with the
// snapshot its latest conference pack froze. The URL holds the snapshot compared with (?since=), so a
// link or a reload shows the same; the changes are worked out again only when the entries or the
// snapshot change (in the update cycle, before rendering), and are marked in the timeline and table.
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { Entry } from '@mac/domain';
import { CHANGE_TAGS, changeKinds, changesSince, describeChanges, toView, type ChangeKind, type ChangesSince } from '@mac/ui';
import type { Api, Snapshot } from '../../api.js';
import { snapshotPath } from '../../app/router.js';
import { errorText } from '../page-support.js';
import { localToday, sinceLabel } from './since-label.js';

/** How many changed entries the changes box lists (all are marked in the timeline and table). */
const CHANGES_LISTED = 40;

/** The comparison with a conference's snapshot: the entries as the pack froze them. */
interface Since {
  snapshot: Snapshot;
  entries: Entry[];
}

/** What the comparison reads from the page and asks of it. */
export interface ChangesPage {
  api(): Api;
  chronologyId(): string;
  /** The live entries, or null before the chronology has opened. */
  entries(): ReadonlyMap<string, Entry> | null;
  loaded(): boolean;
  showingWithdrawn(): boolean;
  select(id: string): void;
  announce(message: string): void;
}

const NO_MARKS: ReadonlyMap<string, ChangeKind> = new Map();

export class ConferenceChanges implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly page: ChangesPage;
  /** The chronology's snapshots, newest first; null until asked. */
  private snapshots: Snapshot[] | null = null;
  private since: Since | null = null;
  private error: string | null = null;
  /** The snapshot the URL asks to compare with (?since=), applied once the snapshots are known. */
  private wanted: string | null = null;
  /** The changes against the chosen snapshot, and each changed entry's mark (N, A, W). */
  changes: ChangesSince | null = null;
  marks: ReadonlyMap<string, ChangeKind> = NO_MARKS;
  private workedOut: { entries: ReadonlyMap<string, Entry> | null; since: Since | null } = { entries: null, since: null };

  constructor(host: ReactiveControllerHost, page: ChangesPage) {
    this.host = host;
    this.page = page;
    host.addController(this);
  }

  hostUpdate(): void {
    const entries = this.page.entries();
    if (entries === this.workedOut.entries && this.since === this.workedOut.since) return;
    this.workedOut = { entries, since: this.since };
    this.changes = this.since && entries ? changesSince(this.since.entries, entries.values()) : null;
    this.marks = this.changes ? changeKinds(this.changes) : NO_MARKS;
  }

  /** A new chronology (or none): forget the last one's snapshots and comparison. */
  reset(): void {
    this.snapshots = null;
    this.since = null;
    this.error = null;
    this.host.requestUpdate();
  }

  /** Loads the chronology's snapshots; `current` says whether the page still shows that chronology. */
  load(chronologyId: string, current: () => boolean): void {
    this.page
      .api()
      .snapshots(chronologyId)
      .then((r) => {
        if (!current()) return;
        this.snapshots = r.snapshots;
        if (this.wanted) void this.apply();
        this.host.requestUpdate();
      })
      .catch(() => {
        this.snapshots = [];
        this.host.requestUpdate();
      });
  }

  /** The URL's ?since= changed (or was read for the first time). */
  wantFromUrl(id: string | null, opened: boolean): void {
    this.wanted = id;
    if (opened && id !== (this.since?.snapshot.id ?? null)) void this.apply();
  }

  /** The entry's change since the conference, for its details. */
  changeOf(id: string) {
    return this.changes?.byId.get(id) ?? null;
  }

  /** "the conference on 10 Dec 2026", or before that day "the pack of 3 Dec 2026". */
  sinceText(): string {
    return this.since ? label(this.since.snapshot) : 'the conference';
  }

  /** The latest snapshot taken for a conference: what "since the conference" compares with. */
  private latest(): Snapshot | null {
    return this.snapshots?.[0] ?? null;
  }

  /** Turns the comparison on for the snapshot the URL names, or off. */
  private async apply() {
    const wanted = this.wanted;
    if (!wanted) {
      this.since = null;
      this.error = null;
      this.host.requestUpdate();
      return;
    }
    if (this.since?.snapshot.id === wanted || this.snapshots === null) return;
    const snapshot = this.snapshots.find((x) => x.id === wanted);
    if (!snapshot) {
      this.error = 'That conference snapshot was not found: it may belong to another chronology.';
      this.host.requestUpdate();
      return;
    }
    try {
      const opened = await this.page.api().snapshot(this.page.chronologyId(), snapshot.id);
      if (this.wanted !== snapshot.id) return;
      this.since = { snapshot, entries: opened.entries };
      this.error = null;
      this.host.requestUpdate();
      // Before the live document has loaded there is nothing to compare yet: the box says so.
      if (this.page.loaded()) {
        this.hostUpdate();
        this.page.announce(`Showing changes since ${label(snapshot)}: ${describeChanges(this.changes!)}.`);
      }
    } catch (err) {
      this.error = `The changes could not be shown: ${errorText(err)}`;
      this.host.requestUpdate();
    }
  }

  private toggle = () => {
    const latest = this.latest();
    if (!latest) return;
    const on = this.wanted === null;
    this.wanted = on ? latest.id : null;
    const params = new URLSearchParams(window.location.search);
    if (on) params.set('since', latest.id);
    else params.delete('since');
    const query = params.toString();
    history.replaceState(null, '', `${window.location.pathname}${query ? `?${query}` : ''}`);
    if (!on) this.page.announce(`Changes since ${label(latest)} are no longer shown.`);
    this.host.requestUpdate();
    void this.apply();
  };

  /** The button that turns the comparison on and off (only once a conference pack has been produced). */
  renderControl() {
    const latest = this.latest();
    if (!latest) return nothing;
    const on = this.since !== null || this.wanted !== null;
    return html`<div class="compare no-print">
      <button type="button" class="button button--secondary button--small" aria-pressed=${on ? 'true' : 'false'} data-action="changes" @click=${this.toggle}>
        Show changes since ${label(this.since?.snapshot ?? latest)}
      </button>
    </div>`;
  }

  /** The box listing the changes (all of them are marked in the timeline and table). */
  renderBox() {
    if (this.error) return html`<p class="error-message" role="alert">${this.error}</p>`;
    const since = this.since;
    const changes = this.changes;
    if (!since || !changes) return nothing;
    const all = [...changes.added, ...changes.amended, ...changes.withdrawn];
    const listed = all.slice(0, CHANGES_LISTED);
    if (!this.page.loaded()) {
      return html`<section class="changes no-print" aria-labelledby="changes-title" data-changes>
        <h2 class="heading-s" id="changes-title">Changes since ${label(since.snapshot)}</h2>
        <p role="status">Working out the changes as the chronology loads…</p>
      </section>`;
    }
    return html`<section class="changes no-print" aria-labelledby="changes-title" data-changes>
      <h2 class="heading-s" id="changes-title">Changes since ${label(since.snapshot)}</h2>
      <p data-changes-count>
        ${describeChanges(changes)}${all.length > 0 ? '. They are marked in the timeline (N, A, W) and in the table.' : '.'}
        ${changes.withdrawn.length > 0 && !this.page.showingWithdrawn() ? html`Withdrawn entries appear there when you tick “Show withdrawn entries”.` : nothing}
        <a href=${snapshotPath(this.page.chronologyId(), since.snapshot.id)}>See the chronology as the pack showed it</a>
      </p>
      ${listed.length > 0
        ? html`<ul>
            ${listed.map(
              (ch) => html`<li>
                <span class="tag tag--grey">${CHANGE_TAGS[ch.kind]}</span>
                <button type="button" class="link-button" @click=${() => this.page.select(ch.entry.id)}>${toView(ch.entry).displayDate}: ${ch.entry.summary}</button>
              </li>`,
            )}
          </ul>
          ${all.length > listed.length ? html`<p class="body-s">And ${all.length - listed.length} more, marked in the timeline and the table.</p>` : nothing}`
        : nothing}
    </section>`;
  }
}

function label(s: Snapshot): string {
  return sinceLabel(s, localToday());
}
