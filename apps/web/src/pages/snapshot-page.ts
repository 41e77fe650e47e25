// A snapshot reopened read-only: the chronology's shared entries exactly as they were when a
// conference pack was produced, in the same timeline and table as the live page, with nothing that
// can change them.
import { css, html, nothing } from 'lit';
import { formatChronoDate, plural } from '@mac/domain';
import {
  banners,
  base,
  formatInstant,
  orderViews,
  tables,
  toView,
  tokens,
  type EntryView,
  type LaneSpec,
  type MacEntryDetails,
} from '@mac/ui';
import type { ChronologyDetail, OpenedSnapshot } from '../api.js';
import { chronologyPath } from '../app/router.js';
import { ChronologySubpage } from './chronology-subpage.js';
import { backToChronology, childName, errorText } from './page-support.js';
import { defineMacElements } from '@mac/ui';
import { defineOnce } from '../app/lazy-pages.js';

export class MacSnapshotPage extends ChronologySubpage {
  static override properties = {
    snapshotId: { attribute: false },
    opened: { state: true },
    selectedId: { state: true },
  };

  declare snapshotId: string;
  declare private opened: OpenedSnapshot | null;
  declare private selectedId: string | null;

  protected override pageTitle = 'Snapshot';
  private views: EntryView[] = [];

  constructor() {
    super();
    this.opened = null;
    this.selectedId = null;
  }

  static override styles = [
    tokens,
    base,
    tables,
    banners,
    css`
      :host {
        display: block;
      }
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(20rem, 26rem);
        gap: 1.5rem 2rem;
        align-items: start;
      }
      .layout--closed {
        grid-template-columns: minmax(0, 1fr);
      }
      .main {
        min-width: 0;
      }
      .panel {
        border-top: 5px solid var(--mac-brand);
        padding-top: 0.75rem;
        position: sticky;
        top: 1rem;
        max-height: calc(100vh - 2rem);
        overflow-y: auto;
      }
      @media (max-width: 1150px) {
        .layout {
          grid-template-columns: minmax(0, 1fr);
        }
        .panel {
          position: static;
          max-height: none;
        }
      }
    `,
  ];

  /** The snapshot, opened before the chronology is shown; its label titles the page. */
  protected override async prepare(): Promise<void> {
    try {
      const opened = await this.api.snapshot(this.chronologyId, this.snapshotId);
      this.views = orderViews(opened.entries.map(toView));
      this.opened = opened;
      this.pageTitle = opened.snapshot.label;
    } catch (err) {
      throw new Error(errorText(err, 'This snapshot does not exist, or you do not have access to it.'));
    }
  }

  private agencyName = (slug: string): string => this.agencies.find((a) => a.slug === slug)?.name ?? slug;

  private lanes(c: ChronologyDetail): LaneSpec[] {
    const slugs = [...c.memberAgencies];
    for (const v of this.views) if (!slugs.includes(v.entry.agency)) slugs.push(v.entry.agency);
    return slugs.map((slug) => ({ slug, name: this.agencyName(slug) }));
  }

  private async select(id: string) {
    this.selectedId = id;
    await this.updateComplete;
    await this.renderRoot.querySelector<MacEntryDetails>('mac-entry-details')?.focusHeading();
  }

  protected override renderPage(c: ChronologyDetail) {
    // Set by prepare(), before the chronology.
    const opened = this.opened!;
    const s = opened.snapshot;
    const inPack = new Set(s.entryIds);
    const selected = this.views.find((v) => v.entry.id === this.selectedId) ?? null;
    return html`${backToChronology(c)}
      <span class="caption">${childName(c)}</span>
      <h1 class="heading-l" tabindex="-1">${s.label}</h1>
      <div class="notification-banner" role="region" aria-labelledby="snapshot-banner-title" data-snapshot-banner>
        <div class="notification-banner__header"><h2 class="notification-banner__title" id="snapshot-banner-title">Important</h2></div>
        <div class="notification-banner__content">
          <p class="notification-banner__heading">This is a read-only copy of the chronology as it was when this pack was produced.</p>
          <p>
            Produced ${formatInstant(s.takenAt)} by ${s.takenBy.name}${s.conferenceDate ? ` for the conference on ${formatChronoDate(s.conferenceDate)}` : ''}. Nothing
            here can be changed, and entries added or changed since are not shown.
            <a href=${`${chronologyPath(c.id)}?since=${s.id}`}>See what has changed since</a>.
          </p>
        </div>
      </div>
      <p data-snapshot-count>
        ${plural(this.views.length, 'shared entry', 'shared entries')} at the time${s.entryIds.length > 0 ? `, of which ${plural(inPack.size, 'was', 'were')} in the pack` : ''}.
      </p>
      <div class="layout ${selected ? '' : 'layout--closed'}">
        <div class="main">
          <mac-timeline .entries=${this.views} .lanes=${this.lanes(c)} .selectedId=${this.selectedId} @mac-select=${(e: CustomEvent<{ id: string }>) => this.select(e.detail.id)}></mac-timeline>
          <h2 class="heading-m">Entries</h2>
          <mac-entry-table
            .entries=${this.views}
            .total=${this.views.length}
            .agencyName=${this.agencyName}
            .dateOfBirth=${c.child.dateOfBirth}
            .selectedId=${this.selectedId}
            @mac-select=${(e: CustomEvent<{ id: string }>) => this.select(e.detail.id)}
          ></mac-entry-table>
        </div>
        ${selected
          ? html`<div class="panel">
              <mac-entry-details
                .view=${selected}
                .agencyName=${this.agencyName}
                .dateOfBirth=${c.child.dateOfBirth}
                .readOnlyNote=${`This is the entry as it was when the pack was produced.${inPack.has(selected.entry.id) ? ' It was in the pack.' : ' It was not in the pack.'}`}
                .historyAvailable=${false}
                @mac-close=${() => (this.selectedId = null)}
              ></mac-entry-details>
            </div>`
          : nothing}
      </div>`;
  }
}

/** Defines the page and the @mac/ui elements it shows; the app calls it once the page's chunk has loaded. */
export function defineSnapshotPage(registry: CustomElementRegistry): void {
  defineMacElements(registry);
  defineOnce(registry, 'mac-snapshot-page', MacSnapshotPage);
}
