// The chronology page: filters, the timeline and its table, the entry panel, patterns, presence, the
// save status, meeting mode and print. Data comes live from the chronology's Yjs documents (see
// sync/); every view here is derived from them, and writes go through them. This module is the shell:
// loading, the URL, what is selected and the layout. Its parts live in pages/chronology/: the entry
// panel (<mac-entry-panel>), meeting mode, the changes since the conference, the highlights, the first
// view's marks and the window's events (reactive controllers), the styles and the permission checks.
// The first rows come from the REST API's first page (app/chronology-opening.ts) until the live
// documents have loaded (sync/live-chronology.ts).
// Why one module of some 500 lines: about a third is the page's template, and every region of it binds
// the shell's own state (the selection, the filters, presence, the live status); splitting it further
// would only pass that state around.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { Agency, Entry } from '@mac/domain';
import {
  EMPTY_FILTERS,
  banners,
  base,
  decodeFilters,
  defineMacElements,
  describeFilters,
  encodeFilters,
  filterViews,
  forms,
  groupPresence,
  orderViews,
  sameFilters,
  toView,
  tokens,
  type EntryView,
  type Filters,
  type LaneSpec,
  type MacEntryTable,
  type MacTimeline,
  type PersonChoice,
  type Presence,
} from '@mac/ui';
import { ApiError, type ActionView, type Api, type ChronologyDetail, type Me, type PersonRecord } from '../api.js';
import { HeadingFocus } from '../app/heading-focus.js';
import { defineOnce } from '../app/lazy-pages.js';
import { LiveChronology, syncUrl } from '../sync/live-chronology.js';
import { MacHouseholdPanel } from './household-panel.js';
import { MacPeoplePanel } from './people-panel.js';
import { personChoices, personLabeller } from './people-model.js';
import { ConferenceChanges } from './chronology/conference-changes.js';
import { MacActionsPanel, type RaiseFrom } from './chronology/actions-panel.js';
import { MacEntryPanel, type Panel } from './chronology/entry-panel.js';
import { MacHouseholdCopies } from './chronology/household-copies.js';
import { MacHouseholdEventForm } from './household-event-form.js';
import { ChronologyHighlights } from './chronology/highlights.js';
import { MeetingMode } from './chronology/meeting-mode.js';
import { childHeading, emergencyBanner, pageLinks } from './chronology/page-parts.js';
import { canCreate } from './chronology/permissions.js';
import { StickyOffset } from './chronology/sticky-offset.js';
import { WindowEvents } from './chronology/window-events.js';
import { chronologyPageStyles } from './chronology/styles.js';
import { FirstViewMarks } from './chronology/first-view.js';
import { takeOpening, type ChronologyOpening } from '../app/chronology-opening.js';

const EMPTY_PRESENCE: Presence = { people: [], editingByEntry: new Map(), viewingByEntry: new Map(), presenters: [] };

export class MacChronologyPage extends LitElement {
  static override properties = {
    api: { attribute: false },
    me: { attribute: false },
    agencies: { attribute: false },
    chronologyId: { attribute: false },
    opening: { attribute: false },
    search: { attribute: false },
    chronology: { state: true },
    loadError: { state: true },
    entries: { state: true },
    version: { state: true },
    presence: { state: true },
    filters: { state: true },
    selectedId: { state: true },
    panel: { state: true },
    announcement: { state: true },
    ended: { state: true },
    people: { state: true },
  };

  declare api: Api;
  declare me: Me;
  declare agencies: Agency[];
  declare chronologyId: string;
  /** The chronology and its first page of entries, already asked for by the app (taken once). */
  declare opening: ChronologyOpening | null;
  declare search: string;
  declare private chronology: ChronologyDetail | null;
  declare private loadError: string | null;
  /** The entries this user can see, as the live documents have them now (a new map when they change). */
  declare private entries: ReadonlyMap<string, Entry> | null;
  /** Goes up with every change of the live documents, entries or save status. */
  declare private version: number;
  declare private presence: Presence;
  declare private filters: Filters;
  declare private selectedId: string | null;
  declare private panel: Panel;
  declare private announcement: string;
  declare private ended: string | null;
  /** The people around the child (people-panel.ts), as the entry form offers them and the details name them. */
  declare private people: { choices: PersonChoice[]; label: (id: string) => string };

  /** The live documents; public so that tests (and the console) can reach them. */
  live: LiveChronology | null = null;
  // Derived in willUpdate, from the properties above, only when those change: the timeline and the
  // table are given the same arrays (and lay out again) only when something they show has changed.
  private views: EntryView[] = [];
  private filtered: EntryView[] = [];
  /** Every entry this user can see, unfiltered: who last heard from the child does not depend on the filters. */
  private voiceEntries: Entry[] = [];
  private lanes: LaneSpec[] = [];
  private editingIds: ReadonlySet<string> = new Set();
  private returnFocus: HTMLElement | null = null;
  private loadSeq = 0;
  /** The heading appears only once the chronology has loaded: focus waits for it. */
  private readonly headingFocus = new HeadingFocus(this);
  private readonly changes = new ConferenceChanges(this, {
    api: () => this.api,
    chronologyId: () => this.chronologyId,
    entries: () => this.entries,
    loaded: () => this.live?.loaded() ?? false,
    showingWithdrawn: () => this.filters.withdrawn,
    select: (id) => void this.select(id),
    announce: (message) => (this.announcement = message),
  });
  private readonly highlights = new ChronologyHighlights(this, {
    api: () => this.api,
    live: () => this.live,
    agencies: () => this.agencies,
    announce: (message) => (this.announcement = message),
  });
  private readonly meeting = new MeetingMode(this, {
    live: () => this.live,
    presence: () => this.presence,
    filters: () => this.filters,
    panel: () => this.panel,
    selectedId: () => this.selectedId,
    highlightId: () => this.highlights.selectedId,
    hasHighlight: (id) => this.highlights.has(id),
    setFilters: (filters) => this.setFilters(filters, true),
    showRange: (from, to) => this.renderRoot.querySelector<MacTimeline>('mac-timeline')?.showRange(from, to),
    select: (id) => void this.select(id, { focus: false }),
    closeDetails: () => {
      this.panel = null;
      this.selectedId = null;
      this.replaceUrl();
    },
    selectHighlight: (id) => this.highlights.select(id),
    announce: (message) => (this.announcement = message),
  });

  constructor() {
    super();
    this.agencies = [];
    this.search = '';
    this.opening = null;
    this.chronology = null;
    this.loadError = null;
    this.entries = null;
    this.version = 0;
    this.presence = EMPTY_PRESENCE;
    this.filters = EMPTY_FILTERS;
    this.selectedId = null;
    this.panel = null;
    this.announcement = '';
    this.ended = null;
    this.people = { choices: [], label: () => 'A person around the child' };
    // Keeps whatever the sticky status bar would cover clear of it (a controller: nothing else to call).
    new StickyOffset(this, '.live-bar');
    new FirstViewMarks(this, {
      live: () => this.live,
      loadSeq: () => this.loadSeq,
      sharedDrawn: (seq) => {
        if (seq === this.loadSeq && this.chronology) this.highlights.start(this.chronology);
      },
    });
    new WindowEvents(this, {
      leaveWarning: () => this.leaveWarning(),
      online: (online) => this.live?.setOnline(online),
      printing: (printing) => this.renderRoot.querySelector<MacEntryTable>('mac-entry-table')?.preparePrint(printing),
    });
  }

  static override styles = [tokens, base, forms, banners, chronologyPageStyles];

  // ---------------------------------------------------------------------------------------------
  // Lifecycle

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.live?.destroy();
    this.live = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('search')) {
      const params = new URLSearchParams(this.search);
      const filters = decodeFilters(params);
      if (!sameFilters(filters, this.filters)) this.filters = filters;
      this.changes.wantFromUrl(params.get('since'), this.chronology !== null);
      const entry = params.get('entry');
      if (entry !== this.selectedId) {
        this.selectedId = entry;
        this.panel = entry ? { kind: 'details', id: entry } : this.panel?.kind === 'details' ? null : this.panel;
      }
    }
    if (changed.has('chronologyId')) void this.load();
    // Private properties are not in PropertyValues' keys.
    const c = changed as Map<PropertyKey, unknown>;
    if (c.has('entries')) this.views = this.entries ? orderViews([...this.entries.values()].map(toView)) : [];
    if (c.has('entries')) this.voiceEntries = this.views.map((v) => v.entry);
    if (c.has('entries') || c.has('filters') || c.has('agencies')) this.filtered = filterViews(this.views, this.filters, this.agencyName);
    if (c.has('chronology') || c.has('agencies')) this.lanes = (this.chronology?.memberAgencies ?? []).map((slug) => ({ slug, name: this.agencyName(slug) }));
    if (c.has('presence')) this.editingIds = new Set(this.presence.editingByEntry.keys());
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

  private entryPanel(): MacEntryPanel | null {
    return this.renderRoot.querySelector<MacEntryPanel>('mac-entry-panel');
  }

  private formHasInput(): boolean {
    return this.entryPanel()?.hasUnsavedInput() ?? false;
  }

  private async load() {
    const seq = ++this.loadSeq;
    this.live?.destroy();
    this.live = null;
    this.entries = null;
    this.chronology = null;
    this.loadError = null;
    this.ended = null;
    this.changes.reset();
    this.highlights.stop();
    // The app may have asked already (the app started at this chronology's address).
    const opening = takeOpening(this.api, this.opening, this.chronologyId);
    let chronology: ChronologyDetail;
    try {
      chronology = await opening.detail;
    } catch (err) {
      if (seq !== this.loadSeq) return;
      this.loadError =
        err instanceof ApiError && err.status === 404 ? 'This chronology does not exist, or you do not have access to it.' : err instanceof Error ? err.message : String(err);
      document.title = 'Chronology not available – MAC';
      return;
    }
    if (seq !== this.loadSeq) return;
    this.chronology = chronology;
    document.title = `${chronology.child.givenName} ${chronology.child.familyName} – Chronology – MAC`;
    // The documents are asked for first; the patterns start once the first view is drawn (updated()):
    // their inputs (rule settings, family, reviews, for which the server works every pattern out) would
    // otherwise keep the server from answering the documents.
    this.live = new LiveChronology(syncUrl(window.location), chronology.docs, {
      changed: () => {
        this.entries = this.live?.entries() ?? null;
        this.version += 1;
        this.highlights.schedule();
      },
      presence: () => this.onPresence(),
      ended: (why, reason) => this.onEnded(why, reason),
      // The status (a live region) says what was refused and why; saying it here too would repeat it.
      refused: () => undefined,
      unreachable: () => void this.checkAccess(),
    });
    if (!navigator.onLine) this.live.setOnline(false);
    // The first rows, drawn before the documents have synced (they take over as they arrive).
    void opening.firstPage.then((page) => {
      if (page && seq === this.loadSeq) this.live?.showProvisional(page.entries, page.complete);
    });
    this.changes.load(chronology.id, () => seq === this.loadSeq);
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
    this.entries = null;
    this.highlights.clear();
    this.chronology = null;
    this.panel = null;
    this.selectedId = null;
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

  private onPresence() {
    const live = this.live;
    if (!live) return;
    this.presence = groupPresence(live.presenceStates(), live.selfClientIds(), this.me.id);
    this.meeting.apply();
  }

  private agencyName = (slug: string): string => this.agencies.find((a) => a.slug === slug)?.name ?? slug;

  // ---------------------------------------------------------------------------------------------
  // URL, selection and the entry panel

  private replaceUrl() {
    const params = encodeFilters(this.filters, new URLSearchParams(window.location.search));
    if (this.selectedId) params.set('entry', this.selectedId);
    else params.delete('entry');
    const query = params.toString();
    const path = `${window.location.pathname}${query ? `?${query}` : ''}`;
    if (path !== window.location.pathname + window.location.search) history.replaceState(null, '', path);
  }

  private setFilters(filters: Filters, fromPresenter = false) {
    if (!fromPresenter && this.meeting.following) this.meeting.stopFollowing('You stopped following because you changed the filters.');
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
    this.replaceUrl();
    if (opts.focus !== false) {
      await this.updateComplete;
      await this.entryPanel()?.focusDetails();
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
    await this.entryPanel()?.focusForm({ reset: true });
  }

  private async openAmend(id: string) {
    this.panel = { kind: 'amend', id };
    await this.updateComplete;
    await this.entryPanel()?.focusForm();
  }

  /** Escape closes the entry panel (after asking, if a form has something typed into it). */
  private onPanelKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented || !this.panel) return;
    event.preventDefault();
    if (this.formHasInput() && !window.confirm('You have not saved the entry you are writing: closing the form will lose it. Close it anyway?')) return;
    if (this.panel.kind === 'amend') void this.select(this.panel.id);
    else this.closePanel();
  };

  /** From an entry's details or a highlight card: the Actions section opens its form (actions-panel.ts). */
  private raiseAction = (e: CustomEvent<RaiseFrom>) => this.renderRoot.querySelector<MacActionsPanel>('mac-actions-panel')?.raise(e.detail);

  private showTable() {
    void this.renderRoot.querySelector<MacEntryTable>('mac-entry-table')?.focusTable();
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering

  private renderPanel() {
    const id = this.panel && 'id' in this.panel ? this.panel.id : null;
    return html`<mac-entry-panel
      class="area-panel"
      .api=${this.api}
      .me=${this.me}
      .chronology=${this.chronology}
      .live=${this.live}
      .version=${this.version}
      .panel=${this.panel}
      .views=${this.views}
      .people=${this.people.choices}
      .personLabel=${this.people.label}
      .agencyName=${this.agencyName}
      .editors=${id ? (this.presence.editingByEntry.get(id) ?? []) : []}
      .change=${id ? this.changes.changeOf(id) : null}
      .changeSince=${this.changes.sinceText()}
      @keydown=${this.onPanelKey}
      @mac-panel-select=${(e: CustomEvent<{ id: string }>) => void this.select(e.detail.id)}
      @mac-panel-amend=${(e: CustomEvent<{ id: string }>) => void this.openAmend(e.detail.id)}
      @mac-panel-close=${() => this.closePanel()}
      @mac-announce=${(e: CustomEvent<{ message: string }>) => (this.announcement = e.detail.message)}
    ></mac-entry-panel>`;
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
    const views = this.views;
    const filtered = this.filtered;
    const status = live?.status() ?? null;
    const highlight = this.highlights.forTimeline;
    const presenter = this.meeting.presenter();
    const presenting = this.meeting.presenting;
    const loaded = live?.loaded() ?? false;
    const changeMarks = this.changes.marks;
    return html`
      <a class="back no-print" href="/">Back to your caseload</a>
      <div class="page-head">
        ${childHeading(c, this.agencyName)}
        <div class="page-tools no-print">
        <div class="actions">
          ${canCreate(this.me, c) ? html`<button type="button" class="button" data-action="add-entry" @click=${this.openCreate}>Add an entry</button>` : nothing}
          ${c.permissions.isLead
            ? html`<button type="button" class="button button--secondary" aria-pressed=${presenting ? 'true' : 'false'} data-action="present" @click=${() => this.meeting.togglePresenting()}>
                ${presenting ? 'Presenting to the meeting' : 'Present to the meeting'}
              </button>`
            : nothing}
          <button type="button" class="button button--secondary" data-action="print" @click=${() => window.print()}>Print</button>
        </div>
        ${pageLinks(c, this.api)}
        </div>
      </div>
      ${emergencyBanner(c)} ${this.changes.renderControl()}
      <div class="live-bar">
        <mac-status .status=${status} @mac-dismiss=${() => live?.dismissRefusal()}></mac-status>
        <mac-presence
          .presence=${this.presence}
          .known=${status?.kind === 'saved' || status?.kind === 'saving'}
          .offline=${status?.kind === 'offline' || (status?.kind === 'loading' && status.tone === 'warning')}
          .following=${this.meeting.following}
          .entryLabel=${(id: string) => live?.entries().get(id)?.summary ?? null}
          @mac-follow=${(e: CustomEvent<{ userId: string }>) => this.meeting.follow(e.detail.userId)}
        ></mac-presence>
      </div>
      ${presenter
        ? html`<div class="following" role="region" aria-label="Following" data-following>
            <span>You are following ${presenter.name} (${presenter.agencyName}): their filters, view and open entry are shown here.</span>
            <button type="button" class="button button--secondary button--small" @click=${() => this.meeting.stopFollowing()}>Stop following</button>
          </div>`
        : nothing}
      <p class="print-only">Printed ${new Date().toLocaleString('en-GB')} by ${this.me.name}, ${this.me.agency.name}. Showing ${describeFilters(this.filters, this.agencyName)}: ${filtered.length} of ${views.length} entries.</p>
      ${this.changes.renderBox()}
      <mac-filters
        .filters=${this.filters}
        .agencies=${this.lanes}
        .shown=${filtered.length}
        .total=${views.length}
        ?partial=${live?.partial() ?? false}
        @mac-filters-change=${(e: CustomEvent<{ filters: Filters }>) => this.setFilters(e.detail.filters)}
      ></mac-filters>
      <div class="layout ${this.panel ? 'layout--panel' : ''}" @mac-raise-action=${this.raiseAction}>
        <div class="area-timeline">
          <mac-timeline
            .entries=${filtered}
            .lanes=${this.lanes}
            .selectedId=${this.selectedId}
            .highlight=${highlight}
            .editingIds=${this.editingIds}
            .changeMarks=${changeMarks}
            .patterns=${this.highlights.highlights}
            @mac-select=${(e: CustomEvent<{ id: string }>) => this.select(e.detail.id)}
            @mac-highlight-select=${(e: CustomEvent<{ id: string | null }>) => this.highlights.select(e.detail.id)}
            @mac-range-change=${(e: CustomEvent<{ from: number; to: number }>) => this.meeting.rangeChanged(e.detail)}
            @mac-show-table=${this.showTable}
          ></mac-timeline>
        </div>
        <aside class="area-patterns" aria-label="The child’s voice and patterns">
          ${loaded
            ? // Beside the timeline, in the first screenful; only once the documents have loaded (an empty
              // list would claim that nobody has heard the child).
              html`<mac-childs-voice
                .entries=${this.voiceEntries}
                .agencies=${this.lanes}
                @mac-select=${(e: CustomEvent<{ id: string }>) => this.select(e.detail.id)}
              ></mac-childs-voice>`
            : nothing}
          <mac-patterns
            .highlights=${this.highlights.highlights}
            .episodes=${this.highlights.episodes}
            .entryLabel=${this.highlights.entryLabel}
            .selectedId=${this.highlights.selectedId}
            .agencyName=${this.agencyName}
            .unavailable=${this.highlights.unavailable}
            ?canReview=${c.permissions.canReview && !c.permissions.readOnly}
            ?canRaiseAction=${c.permissions.canWrite}
            @mac-highlight-review=${this.highlights.review}
            @mac-highlight-select=${(e: CustomEvent<{ id: string | null }>) => this.highlights.select(e.detail.id)}
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
        ${this.panel ? this.renderPanel() : nothing}
      </div>
      <mac-actions-panel class="no-print" @mac-actions-loaded=${(e: CustomEvent<{ actions: ActionView[] }>) => this.highlights.setActions(e.detail.actions)} .api=${this.api} .chronologyId=${c.id} ?canWrite=${c.permissions.canWrite} ?isLead=${c.permissions.isLead} .myAgency=${this.me.agency.slug} .agencyName=${this.agencyName}></mac-actions-panel>
      <mac-household-panel class="no-print" .api=${this.api} .chronologyId=${c.id} .meId=${this.me.id} ?isLead=${c.permissions.isLead && !c.permissions.readOnly} ?canWrite=${c.permissions.canWrite && !c.permissions.readOnly} .agencyName=${this.agencyName} .myAgencyName=${this.me.agency.name}></mac-household-panel>
      <mac-people-panel
        class="no-print"
        .api=${this.api}
        .chronologyId=${c.id}
        ?canWrite=${c.permissions.canWrite && !c.permissions.readOnly}
        ?isLead=${c.permissions.isLead && !c.permissions.readOnly}
        .myAgency=${this.me.agency.slug}
        .agencyName=${this.agencyName}
        @mac-people-loaded=${(e: CustomEvent<{ people: PersonRecord[] }>) => (this.people = { choices: personChoices(e.detail.people, c.id), label: personLabeller(e.detail.people, c.id) })}
      ></mac-people-panel>
      <p class="visually-hidden" aria-live="polite" data-announcement>${this.announcement}</p>
    `;
  }
}

/** Defines the page, its entry panel, the household panel and the @mac/ui elements it shows; the app calls it once the page's chunk has loaded. */
export function defineChronologyPage(registry: CustomElementRegistry): void {
  defineMacElements(registry);
  defineOnce(registry, 'mac-household-panel', MacHouseholdPanel);
  defineOnce(registry, 'mac-people-panel', MacPeoplePanel);
  defineOnce(registry, 'mac-actions-panel', MacActionsPanel);
  defineOnce(registry, 'mac-entry-panel', MacEntryPanel);
  defineOnce(registry, 'mac-household-copies', MacHouseholdCopies);
  defineOnce(registry, 'mac-household-event-form', MacHouseholdEventForm);
  defineOnce(registry, 'mac-chronology-page', MacChronologyPage);
}

declare global {
  interface HTMLElementTagNameMap {
    'mac-entry-panel': MacEntryPanel;
  }
}
