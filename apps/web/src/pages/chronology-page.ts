// The chronology page: filters, the timeline and its table, the entry panel (details, the form),
// patterns, presence, the save status, meeting mode and print. Data comes live from the chronology's
// Yjs documents (see sync/); every view here is derived from them, and writes go through them.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { decide, epochDay, type Agency, type ChronologyAccess, type Entry, type EntryInput, type Highlight, type Principal } from '@mac/domain';
import {
  CHANGE_TAGS,
  EMPTY_FILTERS,
  banners,
  base,
  changeKinds,
  changesSince,
  describeChanges,
  decodeFilters,
  describeFilters,
  encodeFilters,
  filterViews,
  forms,
  groupPresence,
  orderViews,
  sameFilters,
  toView,
  tokens,
  type ChangeKind,
  type ChangesSince,
  type EntryView,
  type Filters,
  type HistoryItem,
  type LaneSpec,
  type MacEntryDetails,
  type MacEntryForm,
  type MacEntryTable,
  type MacTimeline,
  type Presence,
  type ReviewState,
  type TimelineHighlight,
} from '@mac/ui';
import { ApiError, type Api, type ChronologyDetail, type Me, type Snapshot } from '../api.js';
import { LiveReviews } from './chronology-reviews.js';
import { HistoryFollower } from './chronology/history-follower.js';
import { LiveChronology, syncUrl } from '../sync/live-chronology.js';
import { computeHighlights } from '../patterns.js';
import { describeDob, formatNhsNumber } from './caseload-page.js';
import { chronologyPath, snapshotPath } from '../app/router.js';
import { errorText } from './page-support.js';
import { chronologyPageStyles } from './chronology/styles.js';
import { localToday, sinceLabel } from './chronology/since-label.js';
import { StickyOffset } from './chronology/sticky-offset.js';
import { HeadingFocus } from '../app/heading-focus.js';
import { defineMacElements } from '@mac/ui';
import { defineOnce } from '../app/lazy-pages.js';
import { MacHouseholdPanel } from './household-panel.js';

type Panel = { kind: 'details'; id: string } | { kind: 'create' } | { kind: 'amend'; id: string } | null;
type ReviewedHighlight = Highlight & ReviewState;

/** The comparison with a conference's snapshot: the entries as the pack froze them. */
interface Since {
  snapshot: Snapshot;
  entries: Entry[];
}

/** How many changed entries the changes box lists (all are marked in the timeline and table). */
const CHANGES_LISTED = 40;

const PATTERN_DELAY_MS = 300;
const EMPTY_PRESENCE: Presence = { people: [], editingByEntry: new Map(), viewingByEntry: new Map(), presenters: [] };

export class MacChronologyPage extends LitElement {
  static override properties = {
    api: { attribute: false },
    me: { attribute: false },
    agencies: { attribute: false },
    chronologyId: { attribute: false },
    search: { attribute: false },
    chronology: { state: true },
    loadError: { state: true },
    version: { state: true },
    presence: { state: true },
    filters: { state: true },
    selectedId: { state: true },
    panel: { state: true },
    highlightId: { state: true },
    highlights: { state: true },
    patternsUnavailable: { state: true },
    history: { state: true },
    historyError: { state: true },
    presenting: { state: true },
    following: { state: true },
    announcement: { state: true },
    ended: { state: true },
    snapshots: { state: true },
    since: { state: true },
    sinceError: { state: true },
  };

  declare api: Api;
  declare me: Me;
  declare agencies: Agency[];
  declare chronologyId: string;
  declare search: string;
  /** When emergency (break-glass) access ends, if this window asked for it. */
  declare private chronology: ChronologyDetail | null;
  declare private loadError: string | null;
  declare private version: number;
  declare private presence: Presence;
  declare private filters: Filters;
  declare private selectedId: string | null;
  declare private panel: Panel;
  declare private highlightId: string | null;
  declare private highlights: ReviewedHighlight[];
  declare private patternsUnavailable: string | null;
  declare private history: HistoryItem[] | null;
  declare private historyError: string | null;
  declare private presenting: boolean;
  declare private following: string | null;
  declare private announcement: string;
  declare private ended: string | null;
  declare private snapshots: Snapshot[] | null;
  declare private since: Since | null;
  declare private sinceError: string | null;

  /** The live documents; public so that tests (and the console) can reach them. */
  live: LiveChronology | null = null;
  private patternConfig: unknown = null;
  private patternTimer: ReturnType<typeof setTimeout> | null = null;
  private range: { from: number; to: number } | null = null;
  private viewsCache: { source: ReadonlyMap<string, Entry> | null; views: EntryView[] } = { source: null, views: [] };
  private filteredCache: { views: EntryView[] | null; filters: Filters | null; result: EntryView[] } = { views: null, filters: null, result: [] };
  private firstViewMarked = false;
  private returnFocus: HTMLElement | null = null;
  private loadSeq = 0;
  /** The snapshot the URL asks to compare with (?since=), applied once the chronology has loaded. */
  private wantedSince: string | null = null;
  private changesCache: { source: ReadonlyMap<string, Entry> | null; since: Since | null; changes: ChangesSince | null; kinds: ReadonlyMap<string, ChangeKind> } = {
    source: null,
    since: null,
    changes: null,
    kinds: new Map(),
  };
  /** Reviews of highlights: loaded, then live (chronology-reviews.ts). */
  private reviews: LiveReviews | null = null;
  /** An open entry history follows the entry's changes. */
  private readonly historyFollower = new HistoryFollower({
    entry: (id) => this.live?.entries().get(id),
    saved: () => !(this.live?.hasUnsaved() ?? true),
    reload: (id) => {
      if (this.panel && 'id' in this.panel && this.panel.id === id && (this.history !== null || this.historyError !== null)) this.loadHistory(id, { quiet: true });
      else this.historyFollower.forget();
    },
  });
  /** The heading appears only once the chronology has loaded: focus waits for it. */
  private readonly headingFocus = new HeadingFocus(this);

  constructor() {
    super();
    this.agencies = [];
    this.search = '';
    this.chronology = null;
    this.loadError = null;
    this.version = 0;
    this.presence = EMPTY_PRESENCE;
    this.filters = EMPTY_FILTERS;
    this.selectedId = null;
    this.panel = null;
    this.highlightId = null;
    this.highlights = [];
    this.patternsUnavailable = null;
    this.history = null;
    this.historyError = null;
    this.presenting = false;
    this.following = null;
    this.announcement = '';
    this.ended = null;
    this.snapshots = null;
    this.since = null;
    this.sinceError = null;
    // Keeps whatever the sticky status bar would cover clear of it (a controller: nothing else to call).
    new StickyOffset(this, '.live-bar');
  }

  static override styles = [tokens, base, forms, banners, chronologyPageStyles];

  // ---------------------------------------------------------------------------------------------
  // Lifecycle

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeunload', this.onBeforeUnload);
    window.addEventListener('online', this.onNetwork);
    window.addEventListener('offline', this.onNetwork);
    window.addEventListener('beforeprint', this.onBeforePrint);
    window.addEventListener('afterprint', this.onAfterPrint);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beforeunload', this.onBeforeUnload);
    window.removeEventListener('online', this.onNetwork);
    window.removeEventListener('offline', this.onNetwork);
    window.removeEventListener('beforeprint', this.onBeforePrint);
    window.removeEventListener('afterprint', this.onAfterPrint);
    if (this.patternTimer) clearTimeout(this.patternTimer);
    this.live?.destroy();
    this.live = null;
    this.reviews?.destroy();
    this.reviews = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('search')) {
      const params = new URLSearchParams(this.search);
      const filters = decodeFilters(params);
      if (!sameFilters(filters, this.filters)) this.filters = filters;
      this.wantedSince = params.get('since');
      if (this.chronology && this.wantedSince !== (this.since?.snapshot.id ?? null)) void this.applySince();
      const entry = params.get('entry');
      if (entry !== this.selectedId) {
        this.selectedId = entry;
        this.panel = entry ? { kind: 'details', id: entry } : this.panel?.kind === 'details' ? null : this.panel;
      }
    }
    if (changed.has('chronologyId')) void this.load();
  }

  focusHeading(): void {
    this.headingFocus.request();
  }

  /** What leaving now would lose (a half-typed entry, changes not yet on the server): the app asks first. */
  leaveWarning(): string | null {
    if (this.formHasInput()) return 'You have not saved the entry you are writing: leaving this page will lose it. Leave anyway?';
    if (this.live?.hasUnsaved()) return 'Some of your changes have not reached the server yet, so leaving this page would lose them. Leave anyway?';
    return null;
  }

  /** The entry form is open with something typed into it that has not been submitted. */
  private formHasInput(): boolean {
    if (this.panel?.kind !== 'create' && this.panel?.kind !== 'amend') return false;
    return this.renderRoot.querySelector<MacEntryForm>('mac-entry-form')?.hasUnsavedInput() ?? false;
  }

  /** Escape closes the entry panel (after asking, if a form has something typed into it). */
  private onPanelKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented || !this.panel) return;
    event.preventDefault();
    if (this.formHasInput() && !window.confirm('You have not saved the entry you are writing: closing the form will lose it. Close it anyway?')) return;
    if (this.panel.kind === 'amend') void this.select(this.panel.id);
    else this.closePanel();
  };

  private async load() {
    const seq = ++this.loadSeq;
    this.live?.destroy();
    this.live = null;
    this.chronology = null;
    this.loadError = null;
    this.ended = null;
    this.snapshots = null;
    this.since = null;
    this.sinceError = null;
    this.reviews?.destroy();
    this.reviews = null;
    let chronology: ChronologyDetail;
    try {
      chronology = await this.api.chronology(this.chronologyId);
    } catch (err) {
      if (seq !== this.loadSeq) return;
      this.loadError =
        err instanceof ApiError && err.status === 404
          ? 'This chronology does not exist, or you do not have access to it.'
          : err instanceof Error
            ? err.message
            : String(err);
      document.title = 'Chronology not available – MAC';
      return;
    }
    if (seq !== this.loadSeq) return;
    this.chronology = chronology;
    document.title = `${chronology.child.givenName} ${chronology.child.familyName} – Chronology – MAC`;
    this.api
      .patternConfig()
      .then((r) => {
        this.patternConfig = r.config;
        this.schedulePatterns();
      })
      .catch(() => undefined);
    // The reviews of highlights: once on load, then live; the live document says when one is reopened.
    const reviews = new LiveReviews({
      eventsPath: this.api.reviewEventsPath(chronology.id),
      lookup: () => {
        if (!this.live?.loaded()) return null;
        const entries = this.live.entries();
        return (id) => entries.get(id);
      },
      changed: () => this.schedulePatterns(),
    });
    this.reviews = reviews;
    reviews.start();
    this.api
      .patterns(chronology.id)
      .then((r) => reviews.learn(r.reviews))
      .catch(() => undefined);
    this.api
      .snapshots(chronology.id)
      .then((r) => {
        if (seq !== this.loadSeq) return;
        this.snapshots = r.snapshots;
        if (this.wantedSince) void this.applySince();
      })
      .catch(() => (this.snapshots = []));
    this.live = new LiveChronology(syncUrl(window.location), chronology.docs, {
      changed: () => {
        this.version += 1;
        this.schedulePatterns();
        // After the current Yjs transaction: our own change is counted as unsaved only once its update
        // event has run, which comes after the entry observers that call this.
        queueMicrotask(() => this.historyFollower.check());
      },
      presence: () => this.onPresence(),
      ended: (why, reason) => this.onEnded(why, reason),
      // The status (a live region) says what was refused and why; saying it here too would repeat it.
      refused: () => undefined,
      unreachable: () => void this.checkAccess(),
    });
    if (!navigator.onLine) this.live.setOnline(false);
  }

  private onEnded(why: 'signed-out' | 'forbidden', _reason: string) {
    if (why === 'signed-out') {
      this.dispatchEvent(new CustomEvent('mac-session-ended', { bubbles: true, composed: true }));
      return;
    }
    // Nothing of the chronology stays on screen or in memory once access has gone.
    this.ended = 'Your access to this chronology has ended. Ask its lead professional if you think this is wrong.';
    this.live?.destroy();
    this.live = null;
    this.reviews?.destroy();
    this.reviews = null;
    this.chronology = null;
    this.panel = null;
    this.selectedId = null;
    this.highlights = [];
    this.presence = EMPTY_PRESENCE;
    document.title = 'Access ended – MAC';
  }

  /** The socket keeps failing to open: ask the REST API whether the session or the access has gone. */
  private async checkAccess() {
    try {
      await this.api.me();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        this.dispatchEvent(new CustomEvent('mac-session-ended', { bubbles: true, composed: true }));
      }
      return;
    }
    try {
      await this.api.chronology(this.chronologyId);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) this.onEnded('forbidden', '');
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Derived views

  private agencyName = (slug: string): string => this.agencies.find((a) => a.slug === slug)?.name ?? slug;

  private views(): EntryView[] {
    const source = this.live?.entries() ?? null;
    if (source !== this.viewsCache.source) {
      this.viewsCache = { source, views: source ? orderViews([...source.values()].map(toView)) : [] };
    }
    return this.viewsCache.views;
  }

  private filtered(): EntryView[] {
    const views = this.views();
    const c = this.filteredCache;
    if (c.views !== views || c.filters !== this.filters) {
      this.filteredCache = { views, filters: this.filters, result: filterViews(views, this.filters, this.agencyName) };
    }
    return this.filteredCache.result;
  }

  /** One array while the chronology and the agencies stay the same: the timeline lays out again only when they change. */
  private lanes(): LaneSpec[] {
    const c = this.lanesCache;
    if (c.chronology !== this.chronology || c.agencies !== this.agencies) {
      const members = this.chronology?.memberAgencies ?? [];
      this.lanesCache = { chronology: this.chronology, agencies: this.agencies, lanes: members.map((slug) => ({ slug, name: this.agencyName(slug) })) };
    }
    return this.lanesCache.lanes;
  }
  private lanesCache: { chronology: ChronologyDetail | null; agencies: Agency[] | null; lanes: LaneSpec[] } = { chronology: null, agencies: null, lanes: [] };

  private principal(): Principal {
    return { id: this.me.id, kind: 'user', role: this.me.role, agency: this.me.agency.slug, name: this.me.name };
  }

  private access(): ChronologyAccess | null {
    const c = this.chronology;
    if (!c) return null;
    return { id: c.id, leadUserId: c.lead.id, memberAgencies: c.memberAgencies, readOnlyGrants: c.permissions.readOnly ? [this.me.id] : [] };
  }

  /** The same rule the server applies (domain `decide`): only the entry's own agency changes it. */
  private canEdit(entry: Entry): boolean {
    const access = this.access();
    if (!access || this.ended || !this.chronology?.permissions.canWrite) return false;
    return decide(this.principal(), 'entry:amend', access, { agency: entry.agency, restricted: entry.restricted }).allowed;
  }

  private canCreate(): boolean {
    const access = this.access();
    if (!access || this.ended || !this.chronology?.permissions.canWrite) return false;
    return decide(this.principal(), 'entry:create', access).allowed;
  }

  /** The lead may make any agency's entry professionals-only (docs/security.md). */
  private canTightenSharing(): boolean {
    const c = this.chronology;
    return !!c && !this.ended && c.permissions.isLead && !c.permissions.readOnly;
  }

  private selectedHighlight(): Highlight | null {
    return this.highlights.find((h) => h.id === this.highlightId) ?? null;
  }

  private timelineHighlight(): TimelineHighlight | null {
    const h = this.selectedHighlight();
    if (!h) return null;
    if (this.cachedTimelineHighlight?.id === h.id) return this.cachedTimelineHighlight;
    this.cachedTimelineHighlight = { id: h.id, entryIds: new Set(h.entryIds), from: epochDay(h.window.from), to: epochDay(h.window.to) };
    return this.cachedTimelineHighlight;
  }
  private cachedTimelineHighlight: TimelineHighlight | null = null;

  /** Entries others are editing, as one Set per presence change: a new Set on every render would redraw the timeline each time. */
  private editingIds(): ReadonlySet<string> {
    if (this.editingCache.presence !== this.presence) this.editingCache = { presence: this.presence, ids: new Set(this.presence.editingByEntry.keys()) };
    return this.editingCache.ids;
  }
  private editingCache: { presence: Presence | null; ids: ReadonlySet<string> } = { presence: null, ids: new Set() };

  private schedulePatterns() {
    if (this.patternTimer) return;
    this.patternTimer = setTimeout(() => {
      this.patternTimer = null;
      if (!this.live || !this.chronology) return;
      const started = performance.now();
      const result = computeHighlights(this.live.entries().values(), this.chronology.child.dateOfBirth, this.patternConfig, this.agencies);
      const entries = this.live.entries();
      const lookup = (id: string) => entries.get(id);
      this.reviews?.loaded();
      this.highlights = this.reviews ? this.reviews.book.apply(result.highlights, lookup) : result.highlights.map((h) => ({ ...h, review: null, reopened: false, reviewHistory: [], sinceReview: null }));
      this.patternsUnavailable = result.unavailable;
      performance.measure('mac:patterns', { start: started, end: performance.now() });
      if (this.highlightId && !result.highlights.some((h) => h.id === this.highlightId)) this.highlightId = null;
    }, PATTERN_DELAY_MS);
  }

  // ---------------------------------------------------------------------------------------------
  // URL, selection and panels

  private replaceUrl() {
    const params = encodeFilters(this.filters, new URLSearchParams(window.location.search));
    if (this.selectedId) params.set('entry', this.selectedId);
    else params.delete('entry');
    const query = params.toString();
    const path = `${window.location.pathname}${query ? `?${query}` : ''}`;
    if (path !== window.location.pathname + window.location.search) history.replaceState(null, '', path);
  }

  private setFilters(filters: Filters, fromPresenter = false) {
    if (!fromPresenter && this.following) this.stopFollowing('You stopped following because you changed the filters.');
    this.filters = filters;
    this.replaceUrl();
  }

  private rememberFocus() {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    this.returnFocus = active instanceof HTMLElement ? active : null;
  }

  private async select(id: string, opts: { focus?: boolean } = {}) {
    if (opts.focus !== false) this.rememberFocus();
    this.selectedId = id;
    this.panel = { kind: 'details', id };
    this.history = null;
    this.historyError = null;
    this.replaceUrl();
    if (opts.focus !== false) {
      await this.updateComplete;
      await this.renderRoot.querySelector<MacEntryDetails>('mac-entry-details')?.focusHeading();
    }
  }

  private closePanel() {
    this.panel = null;
    this.selectedId = null;
    this.replaceUrl();
    const back = this.returnFocus;
    this.returnFocus = null;
    if (back?.isConnected) back.focus();
    else this.renderRoot.querySelector<MacTimeline>('mac-timeline')?.focusPlot();
  }

  private async openCreate() {
    this.rememberFocus();
    this.panel = { kind: 'create' };
    await this.updateComplete;
    const form = this.renderRoot.querySelector<MacEntryForm>('mac-entry-form');
    form?.reset();
    await form?.updateComplete;
    form?.renderRoot.querySelector<HTMLElement>('#form-title')?.focus();
  }

  private async openAmend(id: string) {
    this.panel = { kind: 'amend', id };
    this.loadHistory(id);
    await this.updateComplete;
    const form = this.renderRoot.querySelector<MacEntryForm>('mac-entry-form');
    await form?.updateComplete;
    form?.renderRoot.querySelector<HTMLElement>('#form-title')?.focus();
  }

  /** `quiet`: the entry changed while its history was open; keep showing the old one until the new one comes. */
  private loadHistory(id: string, opts: { quiet?: boolean } = {}) {
    if (!opts.quiet) {
      this.history = null;
      this.historyError = null;
    }
    this.historyFollower.fetching(id);
    this.api
      .history(this.chronologyId, id)
      .then((r) => {
        if (this.panel && 'id' in this.panel && this.panel.id === id) {
          this.history = r.history;
          this.historyError = null;
        }
      })
      .catch((err) => {
        this.historyError = err instanceof ApiError && err.status === 404 ? 'No history is available for this entry yet: it may not have reached the server.' : `The history could not be loaded: ${err instanceof Error ? err.message : String(err)}`;
      });
  }

  private onSubmit(event: CustomEvent<{ mode: 'create'; input: EntryInput } | { mode: 'amend'; id: string; changes: Record<string, string> }>) {
    const live = this.live;
    if (!live) return;
    const detail = event.detail;
    try {
      if (detail.mode === 'create') {
        const entry = live.create(detail.input, { id: this.me.id, agency: this.me.agency.slug });
        this.announcement = `Entry added: ${entry.summary}.`;
        void this.select(entry.id);
      } else {
        live.amend(detail.id, detail.changes);
        this.announcement = 'Your changes have been made.';
        void this.select(detail.id);
      }
    } catch (err) {
      this.announcement = `The change could not be made: ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  private onWithdraw(event: CustomEvent<{ id: string; reason: string }>) {
    try {
      this.live?.withdraw(event.detail.id, event.detail.reason);
      this.announcement = 'The entry has been withdrawn. It stays in the record, marked as withdrawn.';
      void this.renderRoot.querySelector<MacEntryDetails>('mac-entry-details')?.focusHeading();
    } catch (err) {
      this.announcement = `The entry could not be withdrawn: ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  private showTable() {
    void this.renderRoot.querySelector<MacEntryTable>('mac-entry-table')?.focusTable();
  }

  // ---------------------------------------------------------------------------------------------
  // Presence and meeting mode

  private onPresence() {
    const live = this.live;
    if (!live) return;
    this.presence = groupPresence(live.presenceStates(), live.selfClientIds(), this.me.id);
    this.applyFollow();
  }

  private follow(userId: string) {
    this.following = userId;
    const person = this.presence.people.find((p) => p.userId === userId);
    this.announcement = person ? `You are following ${person.name}.` : '';
    this.applyFollow();
  }

  private stopFollowing(message = 'You stopped following.') {
    this.following = null;
    this.announcement = message;
  }

  private applyFollow() {
    if (!this.following) return;
    const presenter = this.presence.people.find((p) => p.userId === this.following);
    const state = presenter?.presenting?.follow;
    if (!presenter || !state) {
      this.stopFollowing(`${presenter?.name ?? 'The presenter'} has stopped presenting, so you are no longer following.`);
      return;
    }
    const filters = decodeFilters(new URLSearchParams(state.filters));
    if (!sameFilters(filters, this.filters)) this.setFilters(filters, true);
    if (state.range) this.renderRoot.querySelector<MacTimeline>('mac-timeline')?.showRange(state.range.from, state.range.to);
    if (state.selected && this.live?.entries().has(state.selected)) {
      if (this.selectedId !== state.selected) void this.select(state.selected, { focus: false });
    } else if (this.panel?.kind === 'details') {
      this.panel = null;
      this.selectedId = null;
      this.replaceUrl();
    }
    const highlight = state.highlight && this.highlights.some((h) => h.id === state.highlight) ? state.highlight : null;
    if (highlight !== this.highlightId) this.highlightId = highlight;
  }

  private togglePresenting() {
    this.presenting = !this.presenting;
    this.announcement = this.presenting
      ? 'You are presenting. People who follow you see your filters, your view of the timeline and the entry you open.'
      : 'You have stopped presenting.';
  }

  private publishPresence() {
    const live = this.live;
    if (!live) return;
    const panel = this.panel;
    live.setPresence({
      viewing: panel?.kind === 'details' ? panel.id : null,
      editing: panel?.kind === 'amend' ? panel.id : null,
      adding: panel?.kind === 'create',
      follow: this.presenting
        ? {
            presenting: true,
            filters: encodeFilters(this.filters).toString(),
            range: this.range,
            selected: panel?.kind === 'details' || panel?.kind === 'amend' ? panel.id : null,
            highlight: this.highlightId,
          }
        : null,
    });
  }

  // ---------------------------------------------------------------------------------------------
  // What changed since a conference, reviews of highlights, sharing

  /** The latest snapshot taken for a conference: what "since the conference" compares with. */
  private latestSnapshot(): Snapshot | null {
    return this.snapshots?.[0] ?? null;
  }

  /** "the conference on 10 Dec 2026", or before that day "the pack of 3 Dec 2026". */
  private conferenceText(s: Snapshot): string {
    return sinceLabel(s, localToday());
  }

  /** Turns the comparison on for the snapshot the URL names, or off. */
  private async applySince() {
    const wanted = this.wantedSince;
    if (!wanted) {
      this.since = null;
      this.sinceError = null;
      return;
    }
    if (this.since?.snapshot.id === wanted || this.snapshots === null) return;
    const snapshot = this.snapshots.find((x) => x.id === wanted);
    if (!snapshot) {
      this.sinceError = 'That conference snapshot was not found: it may belong to another chronology.';
      return;
    }
    try {
      const opened = await this.api.snapshot(this.chronologyId, snapshot.id);
      if (this.wantedSince !== snapshot.id) return;
      this.since = { snapshot, entries: opened.entries };
      this.sinceError = null;
      // Before the live document has loaded there is nothing to compare yet: the box says so.
      if (this.live?.loaded()) this.announcement = `Showing changes since ${this.conferenceText(snapshot)}: ${describeChanges(this.changes().changes!)}.`;
    } catch (err) {
      this.sinceError = `The changes could not be shown: ${errorText(err)}`;
    }
  }

  private toggleChanges() {
    const latest = this.latestSnapshot();
    if (!latest) return;
    const on = this.wantedSince === null;
    this.wantedSince = on ? latest.id : null;
    const params = new URLSearchParams(window.location.search);
    if (on) params.set('since', latest.id);
    else params.delete('since');
    const query = params.toString();
    history.replaceState(null, '', `${window.location.pathname}${query ? `?${query}` : ''}`);
    if (!on) this.announcement = `Changes since ${this.conferenceText(latest)} are no longer shown.`;
    this.requestUpdate();
    void this.applySince();
  }

  /** The changes against the chosen snapshot, worked out again only when the entries change. */
  private changes(): { changes: ChangesSince | null; kinds: ReadonlyMap<string, ChangeKind> } {
    const source = this.live?.entries() ?? null;
    const c = this.changesCache;
    if (c.source !== source || c.since !== this.since) {
      const changes = this.since && source ? changesSince(this.since.entries, source.values()) : null;
      this.changesCache = { source, since: this.since, changes, kinds: changeKinds(changes) };
    }
    return this.changesCache;
  }

  private async onReview(event: CustomEvent<{ id: string; status: 'reviewed' | 'dismissed'; note: string; respond: (error: string | null) => void }>) {
    const { id, status, note, respond } = event.detail;
    try {
      const reviewed = await this.api.reviewHighlight(this.chronologyId, id, status, note);
      const entries = this.live?.entries();
      this.reviews?.learn([reviewed.record]);
      if (this.reviews) this.highlights = this.reviews.book.apply(this.highlights, (e: string) => entries?.get(e));
      this.announcement = status === 'dismissed' ? 'The pattern has been dismissed. It stays in the list, marked dismissed.' : 'Your review has been saved.';
      respond(null);
    } catch (err) {
      respond(err instanceof ApiError && err.fields[0] ? err.fields[0].message : errorText(err, 'That pattern is not present any more: the entries behind it have changed.'));
    }
  }

  private async onTighten(event: CustomEvent<{ id: string; reason: string; respond: (error: string | null) => void }>) {
    const { id, reason, respond } = event.detail;
    try {
      await this.api.tightenSharing(this.chronologyId, id, reason);
      this.announcement = 'The entry is now for professionals only: it will be left out of the family version.';
      respond(null);
    } catch (err) {
      respond(err instanceof ApiError && err.fields[0] ? err.fields[0].message : errorText(err));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Window events

  private onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (this.leaveWarning() !== null) {
      event.preventDefault();
      event.returnValue = '';
    }
  };

  private onNetwork = () => this.live?.setOnline(navigator.onLine);

  private onBeforePrint = () => this.renderRoot.querySelector<MacEntryTable>('mac-entry-table')?.preparePrint(true);

  private onAfterPrint = () => this.renderRoot.querySelector<MacEntryTable>('mac-entry-table')?.preparePrint(false);

  protected override updated(): void {
    this.publishPresence();
    if (!this.firstViewMarked && this.live?.loaded()) {
      this.firstViewMarked = true;
      // Two frames: the timeline lays out on its first resize, then the browser paints.
      requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('mac:first-view')));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering

  private renderPanel(views: EntryView[]) {
    const panel = this.panel;
    if (!panel) return nothing;
    if (panel.kind === 'create') {
      return html`<div class="panel">
        <mac-entry-form
          mode="create"
          ?allowRestricted=${!!this.chronology?.docs.restricted}
          .agencyName=${this.me.agency.name}
          .agencyNames=${this.agencyName}
          @mac-entry-submit=${this.onSubmit}
          @mac-entry-cancel=${() => this.closePanel()}
        ></mac-entry-form>
      </div>`;
    }
    const entry = this.live?.entries().get(panel.id) ?? null;
    if (!entry) {
      return html`<section class="panel" aria-labelledby="panel-missing-title">
        <h2 class="heading-s" id="panel-missing-title">Entry not found</h2>
        <p>${this.live?.loaded() ? 'This entry is not in the chronology, or you cannot see it.' : 'Loading the entry…'}</p>
        <button type="button" class="button button--secondary button--small" @click=${() => this.closePanel()}>Close</button>
      </section>`;
    }
    const editors = this.presence.editingByEntry.get(entry.id) ?? [];
    if (panel.kind === 'amend' && this.canEdit(entry)) {
      return html`<div class="panel">
        <mac-entry-form
          mode="amend"
          .entry=${entry}
          .agencyName=${this.me.agency.name}
          .agencyNames=${this.agencyName}
          .history=${this.history}
          .historyError=${this.historyError}
          @mac-entry-submit=${this.onSubmit}
          @mac-entry-cancel=${() => this.select(entry.id)}
        ></mac-entry-form>
      </div>`;
    }
    const view = views.find((v) => v.entry.id === entry.id) ?? toView(entry);
    return html`<div class="panel">
      <mac-entry-details
        .view=${view}
        .agencyName=${this.agencyName}
        .dateOfBirth=${this.chronology?.child.dateOfBirth ?? null}
        ?canEdit=${this.canEdit(entry)}
        ?canTightenSharing=${this.canTightenSharing()}
        .readOnlyNote=${this.chronology?.permissions.readOnly ? 'You have read-only emergency access: nothing can be changed.' : null}
        .change=${this.changes().changes?.byId.get(entry.id) ?? null}
        .changeSince=${this.since ? this.conferenceText(this.since.snapshot) : 'the conference'}
        .editors=${editors}
        .history=${this.history}
        .historyError=${this.historyError}
        @mac-tighten-sharing=${this.onTighten}
        @mac-close=${() => this.closePanel()}
        @mac-amend=${(e: CustomEvent<{ id: string }>) => this.openAmend(e.detail.id)}
        @mac-withdraw=${this.onWithdraw}
        @mac-history-request=${(e: CustomEvent<{ id: string }>) => this.loadHistory(e.detail.id)}
      ></mac-entry-details>
    </div>`;
  }

  private emergencyBanner(c: ChronologyDetail) {
    if (!c.permissions.readOnly) return nothing;
    const until = c.emergencyAccessUntil ? new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' }).format(new Date(c.emergencyAccessUntil)) : null;
    return html`<div class="notification-banner no-print" role="region" aria-labelledby="emergency-title" data-emergency>
      <div class="notification-banner__header"><h2 class="notification-banner__title" id="emergency-title">Important</h2></div>
      <div class="notification-banner__content">
        <p class="notification-banner__heading">${until ? `Emergency read-only access until ${until}` : 'Emergency read-only access (60 minutes from when it was given)'}</p>
        <p>You can read this chronology but not change it. Everything you open is recorded, and ${c.lead.name}, its lead professional, has been told.</p>
      </div>
    </div>`;
  }

  private compareControl() {
    const latest = this.latestSnapshot();
    if (!latest) return nothing;
    const on = this.since !== null || this.wantedSince !== null;
    return html`<div class="compare no-print">
      <button type="button" class="button button--secondary button--small" aria-pressed=${on ? 'true' : 'false'} data-action="changes" @click=${this.toggleChanges}>
        Show changes since ${this.conferenceText(this.since?.snapshot ?? latest)}
      </button>
    </div>`;
  }

  private changesBox(changes: ChangesSince | null) {
    if (this.sinceError) return html`<p class="error-message" role="alert">${this.sinceError}</p>`;
    const since = this.since;
    if (!since || !changes) return nothing;
    const all = [...changes.added, ...changes.amended, ...changes.withdrawn];
    const listed = all.slice(0, CHANGES_LISTED);
    if (!this.live?.loaded()) {
      return html`<section class="changes no-print" aria-labelledby="changes-title" data-changes>
        <h2 class="heading-s" id="changes-title">Changes since ${this.conferenceText(since.snapshot)}</h2>
        <p role="status">Working out the changes as the chronology loads…</p>
      </section>`;
    }
    return html`<section class="changes no-print" aria-labelledby="changes-title" data-changes>
      <h2 class="heading-s" id="changes-title">Changes since ${this.conferenceText(since.snapshot)}</h2>
      <p data-changes-count>
        ${describeChanges(changes)}${all.length > 0 ? '. They are marked in the timeline (N, A, W) and in the table.' : '.'}
        ${changes.withdrawn.length > 0 && !this.filters.withdrawn ? html`Withdrawn entries appear there when you tick “Show withdrawn entries”.` : nothing}
        <a href=${snapshotPath(this.chronologyId, since.snapshot.id)}>See the chronology as the pack showed it</a>
      </p>
      ${listed.length > 0
        ? html`<ul>
            ${listed.map(
              (ch) => html`<li>
                <span class="tag tag--grey">${CHANGE_TAGS[ch.kind]}</span>
                <button type="button" class="link-button" @click=${() => this.select(ch.entry.id)}>${toView(ch.entry).displayDate}: ${ch.entry.summary}</button>
              </li>`,
            )}
          </ul>
          ${all.length > listed.length ? html`<p class="body-s">And ${all.length - listed.length} more, marked in the timeline and the table.</p>` : nothing}`
        : nothing}
    </section>`;
  }

  private pageLinks(c: ChronologyDetail) {
    const p = c.permissions;
    const links = [
      p.canWrite ? html`<li><a href=${chronologyPath(c.id, 'import')} data-link="import">Import entries from a CSV file</a></li>` : nothing,
      p.canExport ? html`<li><a href=${this.api.exportCsvPath(c.id)} download data-link="export">Download as a CSV file</a></li>` : nothing,
      p.canExport ? html`<li><a href=${chronologyPath(c.id, 'pack')} data-link="pack">Prepare a conference pack</a></li>` : nothing,
      p.isLead ? html`<li><a href=${chronologyPath(c.id, 'members')} data-link="members">Member agencies</a></li>` : nothing,
    ];
    if (!p.canWrite && !p.canExport && !p.isLead) return nothing;
    return html`<nav class="page-links no-print" aria-label="More for this chronology"><ul>${links}</ul></nav>`;
  }

  override render() {
    if (this.ended) {
      return html`<a class="back" href="/">Back to your caseload</a>
        <h1 class="heading-l" tabindex="-1">Access ended</h1>
        <div class="alert" role="alert"><p class="heading-s" data-ended>${this.ended}</p></div>`;
    }
    if (this.loadError) {
      return html`<a class="back" href="/">Back to your caseload</a>
        <h1 class="heading-l" tabindex="-1">Chronology not available</h1>
        <p>${this.loadError}</p>`;
    }
    const c = this.chronology;
    if (!c) return html`<p class="secondary" role="status">Loading the chronology…</p>`;
    const live = this.live;
    const views = this.views();
    const filtered = this.filtered();
    const status = live?.status() ?? null;
    const highlight = this.timelineHighlight();
    const presenter = this.following ? this.presence.people.find((p) => p.userId === this.following) : undefined;
    const editingIds = this.editingIds();
    const loaded = live?.loaded() ?? false;
    const { changes, kinds: changeMarks } = this.changes();
    return html`
      <a class="back no-print" href="/">Back to your caseload</a>
      <div class="page-head">
        <div>
          <span class="caption">Multi-agency chronology</span>
          <h1 class="heading-l" tabindex="-1">${c.child.givenName} ${c.child.familyName}</h1>
          <dl class="child-meta">
            <div><dt>Date of birth</dt><dd>${describeDob(c.child.dateOfBirth)}</dd></div>
            ${c.child.nhsNumber ? html`<div><dt>NHS number</dt><dd>${formatNhsNumber(c.child.nhsNumber)}</dd></div>` : nothing}
            <div><dt>Lead professional</dt><dd>${c.lead.name} (${this.agencyName(c.lead.agency)})</dd></div>
          </dl>
        </div>
        <div class="page-tools no-print">
        <div class="actions">
          ${this.canCreate() ? html`<button type="button" class="button" data-action="add-entry" @click=${this.openCreate}>Add an entry</button>` : nothing}
          ${c.permissions.isLead
            ? html`<button type="button" class="button button--secondary" aria-pressed=${this.presenting ? 'true' : 'false'} data-action="present" @click=${this.togglePresenting}>
                ${this.presenting ? 'Presenting to the meeting' : 'Present to the meeting'}
              </button>`
            : nothing}
          <button type="button" class="button button--secondary" data-action="print" @click=${() => window.print()}>Print</button>
        </div>
        ${this.pageLinks(c)}
        </div>
      </div>
      ${this.emergencyBanner(c)} ${this.compareControl()}
      <div class="live-bar">
        <mac-status .status=${status} @mac-dismiss=${() => live?.dismissRefusal()}></mac-status>
        <mac-presence
          .presence=${this.presence}
          .known=${status?.kind === 'saved' || status?.kind === 'saving'}
          .offline=${status?.kind === 'offline' || (status?.kind === 'loading' && status.tone === 'warning')}
          .following=${this.following}
          .entryLabel=${(id: string) => live?.entries().get(id)?.summary ?? null}
          @mac-follow=${(e: CustomEvent<{ userId: string }>) => this.follow(e.detail.userId)}
        ></mac-presence>
      </div>
      ${presenter
        ? html`<div class="following" role="region" aria-label="Following" data-following>
            <span>You are following ${presenter.name} (${presenter.agencyName}): their filters, view and open entry are shown here.</span>
            <button type="button" class="button button--secondary button--small" @click=${() => this.stopFollowing()}>Stop following</button>
          </div>`
        : nothing}
      <p class="print-only">Printed ${new Date().toLocaleString('en-GB')} by ${this.me.name}, ${this.me.agency.name}. Showing ${describeFilters(this.filters, this.agencyName)}: ${filtered.length} of ${views.length} entries.</p>
      ${this.changesBox(changes)}
      <mac-filters
        .filters=${this.filters}
        .agencies=${this.lanes()}
        .shown=${filtered.length}
        .total=${views.length}
        @mac-filters-change=${(e: CustomEvent<{ filters: Filters }>) => this.setFilters(e.detail.filters)}
      ></mac-filters>
      <div class="layout ${this.panel ? 'layout--panel' : ''}">
        <div class="area-timeline">
          <mac-timeline
            .entries=${filtered}
            .lanes=${this.lanes()}
            .selectedId=${this.selectedId}
            .highlight=${highlight}
            .editingIds=${editingIds}
            .changeMarks=${changeMarks}
            .patterns=${this.highlights}
            @mac-select=${(e: CustomEvent<{ id: string }>) => this.select(e.detail.id)}
            @mac-highlight-select=${(e: CustomEvent<{ id: string | null }>) => (this.highlightId = e.detail.id)}
            @mac-range-change=${(e: CustomEvent<{ from: number; to: number }>) => {
              this.range = e.detail;
              if (this.presenting) this.publishPresence();
            }}
            @mac-show-table=${this.showTable}
          ></mac-timeline>
        </div>
        <aside class="area-patterns" aria-label="Patterns">
          <mac-patterns
            .highlights=${this.highlights}
            .selectedId=${this.highlightId}
            .agencyName=${this.agencyName}
            .unavailable=${this.patternsUnavailable}
            ?canReview=${c.permissions.canReview && !c.permissions.readOnly}
            @mac-highlight-review=${this.onReview}
            @mac-highlight-select=${(e: CustomEvent<{ id: string | null }>) => (this.highlightId = e.detail.id)}
          ></mac-patterns>
        </aside>
        <div class="area-table">
          <h2 class="heading-m entries-head" id="entries-title">Entries${loaded ? '' : html` <span class="secondary">(loading…)</span>`}</h2>
          <mac-entry-table
            .entries=${filtered}
            .total=${views.length}
            .agencyName=${this.agencyName}
            .dateOfBirth=${c.child.dateOfBirth}
            .selectedId=${this.selectedId}
            .highlightIds=${highlight?.entryIds ?? new Set<string>()}
            .editingByEntry=${this.presence.editingByEntry}
            .changeMarks=${changeMarks}
            @mac-select=${(e: CustomEvent<{ id: string }>) => this.select(e.detail.id)}
          ></mac-entry-table>
        </div>
        ${this.panel ? html`<div class="area-panel" @keydown=${this.onPanelKey}>${this.renderPanel(views)}</div>` : nothing}
      </div>
      <mac-household-panel class="no-print" .api=${this.api} .chronologyId=${c.id} .meId=${this.me.id} ?isLead=${c.permissions.isLead && !c.permissions.readOnly} .agencyName=${this.agencyName}></mac-household-panel>
      <p class="visually-hidden" aria-live="polite" data-announcement>${this.announcement}</p>
    `;
  }
}

/** Defines the page and the @mac/ui elements it shows; the app calls it once the page's chunk has loaded. */
export function defineChronologyPage(registry: CustomElementRegistry): void {
  defineMacElements(registry);
  defineOnce(registry, 'mac-household-panel', MacHouseholdPanel);
  defineOnce(registry, 'mac-chronology-page', MacChronologyPage);
}
