// The household view (issue 14 item 5): every child linked in a household, one above another, for a lead
// preparing a family conference. Each child is headed with their name, age, place in the household and
// lead; the children the reader may open show their timeline, read through that child's own chronology
// (GET …/chronologies/:id and its entries, as any page of the child does, under its own members), and the
// timelines share one time axis, so a police call-out to the home on one day sits at the same place on each.
// A child the reader may not open shows only what the household already shares (name, age, lead) and says
// so plainly: nothing is asked of the server about that child's chronology.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { numberWord, plural, pluralWord, type Agency } from '@mac/domain';
import {
  banners,
  base,
  defineMacElements,
  forms,
  orderViews,
  tables,
  toView,
  tokens,
  type EntryView,
  type LaneSpec,
  type MacEntryDetails,
  type MacTimeline,
} from '@mac/ui';
import type { Api, ChronologyDetail, HouseholdChild, HouseholdView, Me } from '../api.js';
import { HeadingFocus } from '../app/heading-focus.js';
import { defineOnce } from '../app/lazy-pages.js';
import { chronologyPath } from '../app/router.js';
import { describeDob } from './caseload-page.js';
import { describeRelationship } from './household-model.js';
import { sameRange, sharedRange, type DayRange } from './household/shared-axis.js';
import { errorText } from './page-support.js';

type ChildState =
  | { status: 'loading' }
  | { status: 'ready'; detail: ChronologyDetail; views: EntryView[]; lanes: LaneSpec[] }
  | { status: 'failed'; message: string };

const childName = (c: Pick<HouseholdChild, 'givenName' | 'familyName'>) => `${c.givenName} ${c.familyName}`;

export class MacHouseholdPage extends LitElement {
  static override properties = {
    api: { attribute: false },
    me: { attribute: false },
    agencies: { attribute: false },
    householdId: { attribute: false },
    view: { state: true },
    loadError: { state: true },
    states: { state: true },
    together: { state: true },
    selected: { state: true },
  };

  declare api: Api;
  declare me: Me;
  declare agencies: Agency[];
  declare householdId: string;
  declare private view: HouseholdView | null;
  declare private loadError: string | null;
  /** Per child the reader may open: its chronology and entries, as loaded. */
  declare private states: ReadonlyMap<string, ChildState>;
  /** Whether moving or zooming one timeline moves them all. */
  declare private together: boolean;
  /** The entry open under each child's timeline. */
  declare private selected: ReadonlyMap<string, string>;

  private readonly headingFocus = new HeadingFocus(this);
  /** Set once every child has loaded: the timelines are then put on the shared range. */
  private alignPending = false;
  /** Moves are followed only after the first alignment (until then each timeline is still finding its width). */
  private aligned = false;

  constructor() {
    super();
    this.agencies = [];
    this.view = null;
    this.loadError = null;
    this.states = new Map();
    this.together = true;
    this.selected = new Map();
  }

  static override styles = [
    tokens,
    base,
    forms,
    tables,
    banners,
    css`
      :host {
        display: block;
      }
      .child {
        border-top: 5px solid var(--mac-brand);
        padding-top: 0.75rem;
        margin-top: 2rem;
      }
      .child-facts {
        margin-bottom: 1rem;
      }
      .axis-tools {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 2rem;
        align-items: center;
        margin-bottom: 1rem;
      }
      .axis-tools .choices {
        margin: 0;
      }
      .details-panel {
        border-left: 5px solid var(--mac-border);
        padding-left: 1rem;
        margin: 1rem 0;
        max-width: 40rem;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = 'Household – MAC';
    void this.load();
  }

  /** Called by the shell after an in-app navigation. */
  focusHeading(): void {
    this.headingFocus.request();
  }

  private agencyName = (slug: string): string => this.agencies.find((a) => a.slug === slug)?.name ?? slug;

  private async load(): Promise<void> {
    let view: HouseholdView;
    try {
      view = await this.api.householdById(this.householdId);
    } catch (err) {
      this.loadError = errorText(err, 'This household does not exist, or you do not have access to any child in it.');
      return;
    }
    this.view = view;
    document.title = `${this.householdTitle(view)} – MAC`;
    // Only the children the reader may open are asked about; the others are never named to the server again.
    const openable = view.children.filter((c) => c.canOpen);
    this.states = new Map(openable.map((c) => [c.chronologyId, { status: 'loading' } as ChildState]));
    await Promise.all(openable.map((c) => this.loadChild(c)));
    this.alignPending = true;
    this.requestUpdate();
  }

  private async loadChild(child: HouseholdChild): Promise<void> {
    let state: ChildState;
    try {
      const [detail, entries] = await Promise.all([this.api.chronology(child.chronologyId), this.api.allEntries(child.chronologyId)]);
      const views = orderViews(entries.map(toView));
      const slugs = [...detail.memberAgencies];
      for (const v of views) if (!slugs.includes(v.entry.agency)) slugs.push(v.entry.agency);
      state = { status: 'ready', detail, views, lanes: slugs.map((slug) => ({ slug, name: this.agencyName(slug) })) };
    } catch (err) {
      state = { status: 'failed', message: errorText(err, `${childName(child)}’s chronology could not be found, or you no longer have access to it.`) };
    }
    this.states = new Map(this.states).set(child.chronologyId, state);
  }

  private householdTitle(view: HouseholdView): string {
    return view.household?.name ?? `Household of ${view.children.map(childName).join(', ')}`;
  }

  private timelines(): MacTimeline[] {
    return [...this.renderRoot.querySelectorAll<MacTimeline>('mac-timeline')];
  }

  /** Puts every timeline on the days of all the children's entries together. */
  private showShared(): void {
    const range = sharedRange([...this.states.values()].flatMap((s) => (s.status === 'ready' ? [s.views] : [])));
    if (range) for (const t of this.timelines()) t.showRange(range.from, range.to);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.alignPending) {
      this.alignPending = false;
      this.aligned = true;
      if (this.together) this.showShared();
    }
  }

  /** One timeline moved (by its buttons, keys or wheel): the others follow, while they move together. */
  private onRangeChange(event: CustomEvent<DayRange>): void {
    if (!this.together || !this.aligned) return;
    const source = event.target as MacTimeline;
    for (const t of this.timelines()) {
      if (t !== source && !sameRange(t.currentRange(), event.detail)) t.showRange(event.detail.from, event.detail.to);
    }
  }

  private setTogether(event: Event): void {
    this.together = (event.target as HTMLInputElement).checked;
    // Turned back on: line them up again on every child's entries.
    if (this.together) this.showShared();
  }

  private async select(chronologyId: string, entryId: string): Promise<void> {
    this.selected = new Map(this.selected).set(chronologyId, entryId);
    await this.updateComplete;
    await this.renderRoot.querySelector<MacEntryDetails>(`[data-child="${chronologyId}"] mac-entry-details`)?.focusHeading();
  }

  private async closeDetails(chronologyId: string): Promise<void> {
    const next = new Map(this.selected);
    next.delete(chronologyId);
    this.selected = next;
    await this.updateComplete;
    this.renderRoot.querySelector<MacTimeline>(`[data-child="${chronologyId}"] mac-timeline`)?.focusPlot();
  }

  private async showTable(chronologyId: string): Promise<void> {
    const details = this.renderRoot.querySelector<HTMLDetailsElement>(`[data-child="${chronologyId}"] details[data-entries-table]`);
    if (!details) return;
    details.open = true;
    await this.updateComplete;
    details.querySelector<HTMLElement>('summary')?.focus();
  }

  private renderFacts(child: HouseholdChild) {
    return html`<dl class="summary-list child-facts">
      <div class="summary-list__row"><dt>Date of birth (age)</dt><dd>${describeDob(child.dateOfBirth)}</dd></div>
      <div class="summary-list__row"><dt>In the household</dt><dd>${describeRelationship(child)}</dd></div>
      <div class="summary-list__row"><dt>Lead professional</dt><dd>${child.lead.name} (${this.agencyName(child.lead.agency)})</dd></div>
    </dl>`;
  }

  private renderOpenable(child: HouseholdChild) {
    const state = this.states.get(child.chronologyId) ?? { status: 'loading' };
    const name = childName(child);
    if (state.status === 'loading') return html`<p class="secondary" role="status">Loading ${name}’s entries…</p>`;
    if (state.status === 'failed') return html`<p class="error-message" role="alert">${state.message}</p>`;
    const selectedId = this.selected.get(child.chronologyId) ?? null;
    const selected = selectedId ? (state.views.find((v) => v.entry.id === selectedId) ?? null) : null;
    return html`<p><a class="link" href=${chronologyPath(child.chronologyId)} data-open-chronology>Open ${name}’s chronology</a></p>
      <mac-timeline
        .entries=${state.views}
        .lanes=${state.lanes}
        .selectedId=${selectedId}
        .heading=${`${name}’s timeline`}
        .headingLevel=${3}
        @mac-select=${(e: CustomEvent<{ id: string }>) => this.select(child.chronologyId, e.detail.id)}
        @mac-range-change=${(e: CustomEvent<DayRange>) => this.onRangeChange(e)}
        @mac-show-table=${() => this.showTable(child.chronologyId)}
      ></mac-timeline>
      ${selected
        ? html`<div class="details-panel">
            <mac-entry-details
              .view=${selected}
              .agencyName=${this.agencyName}
              .dateOfBirth=${child.dateOfBirth}
              .readOnlyNote=${`To change this entry, open it in ${name}’s chronology.`}
              .historyAvailable=${false}
              @mac-close=${() => this.closeDetails(child.chronologyId)}
            ></mac-entry-details>
          </div>`
        : nothing}
      <details class="details" data-entries-table>
        <summary class="details__summary"><span class="details__summary-text">${name}’s entries as a table</span></summary>
        <div class="details__text">
          <mac-entry-table
            .entries=${state.views}
            .total=${state.views.length}
            .agencyName=${this.agencyName}
            .dateOfBirth=${child.dateOfBirth}
            .selectedId=${selectedId}
            @mac-select=${(e: CustomEvent<{ id: string }>) => this.select(child.chronologyId, e.detail.id)}
          ></mac-entry-table>
        </div>
      </details>`;
  }

  private renderChild(child: HouseholdChild, index: number) {
    const name = childName(child);
    const headingId = `child-${index}`;
    return html`<section class="child" aria-labelledby=${headingId} data-child=${child.chronologyId}>
      <h2 class="heading-m" id=${headingId}>${name}</h2>
      ${this.renderFacts(child)}
      ${child.canOpen
        ? this.renderOpenable(child)
        : html`<div class="inset" data-cannot-open>
            <p>You cannot open ${name}’s chronology: your agency is not a member of it. What is recorded about ${child.givenName} is shown only to its members.</p>
          </div>`}
    </section>`;
  }

  override render() {
    if (this.loadError) {
      return html`<a class="back-link" href="/">Back to your caseload</a>
        <h1 class="heading-l" tabindex="-1">Household not available</h1>
        <p>${this.loadError}</p>`;
    }
    const view = this.view;
    if (!view) return html`<p class="secondary" role="status">Loading…</p>`;
    const openable = view.children.filter((c) => c.canOpen).length;
    return html`<a class="back-link" href="/">Back to your caseload</a>
      <span class="caption">Household</span>
      <h1 class="heading-l" tabindex="-1">${this.householdTitle(view)}</h1>
      <p>
        ${plural(view.children.length, 'child', 'children')} ${pluralWord(view.children.length, 'lives', 'live')} in this household, oldest first. ${openable === view.children.length
          ? 'You may open every child’s chronology.'
          : `You may open ${numberWord(openable)} of their chronologies; for the others you see only their name, age and lead professional.`}
      </p>
      ${openable > 1
        ? html`<div class="axis-tools">
            <div class="choices">
              <div class="choice">
                <input class="choice__input" id="together" type="checkbox" .checked=${this.together} @change=${this.setTogether} />
                <label class="choice__label" for="together">Move the timelines together (one time axis, so the same day lines up)</label>
              </div>
            </div>
            ${this.together
              ? html`<button type="button" class="button button--secondary button--small" data-show-all-children @click=${() => this.showShared()}>Show every child’s entries</button>`
              : nothing}
          </div>`
        : nothing}
      ${view.children.map((c, i) => this.renderChild(c, i))}`;
  }
}

/** Defines the page and the @mac/ui elements it shows; the app calls it once the page's chunk has loaded. */
export function defineHouseholdPage(registry: CustomElementRegistry): void {
  defineMacElements(registry);
  defineOnce(registry, 'mac-household-page', MacHouseholdPage);
}
