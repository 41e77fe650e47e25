// What every page about one chronology (import, members, conference pack, snapshot) does the same way:
// load the chronology, title the document "<page> – <child> – MAC" once it is known, show "Loading…"
// until then and "not available" if it cannot be had, and give the shell a heading to move focus to
// after a navigation (GOV.UK guidance for single page apps: a screen reader announces the new page).
import { LitElement, html, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { Agency } from '@mac/domain';
import type { Api, ChronologyDetail, Me } from '../api.js';
import { childName, errorText, loadChronology, notAvailable } from './page-support.js';

export abstract class ChronologySubpage extends LitElement {
  // Lit merges these with each page's own properties (typed loosely so that a page may declare others).
  static override properties: PropertyDeclarations = {
    api: { attribute: false },
    me: { attribute: false },
    agencies: { attribute: false },
    chronologyId: { attribute: false },
    chronology: { state: true },
    loadError: { state: true },
  };

  declare api: Api;
  declare me: Me;
  declare agencies: Agency[];
  declare chronologyId: string;
  /** Null until the chronology and whatever prepare() loads are in. */
  declare protected chronology: ChronologyDetail | null;
  declare protected loadError: string | null;

  /** The page's name, first in the document title: "Import entries". */
  protected abstract pageTitle: string;

  constructor() {
    super();
    this.agencies = [];
    this.chronology = null;
    this.loadError = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = `${this.pageTitle} – MAC`;
    void this.load();
  }

  /** Set when the shell asked for focus before the heading existed (the chronology was still loading). */
  private focusPending = false;

  /** Called by the shell after an in-app navigation; the heading may only appear once loaded. */
  focusHeading(): void {
    const heading = this.renderRoot.querySelector<HTMLElement>('h1');
    this.focusPending = heading === null;
    heading?.focus();
  }

  override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    if (this.focusPending) this.focusHeading();
  }

  /**
   * Loads what else the page needs before the chronology is shown (and may set pageTitle from it). An
   * error it throws shows the page as not available, with the error's message.
   */
  protected async prepare(_chronology: ChronologyDetail): Promise<void> {}

  /** The page once its chronology is loaded. */
  protected abstract renderPage(chronology: ChronologyDetail): unknown;

  override render(): unknown {
    if (this.loadError) return notAvailable(this.loadError);
    const c = this.chronology;
    return c ? this.renderPage(c) : loading();
  }

  private async load() {
    const loaded = await loadChronology(this.api, this.chronologyId);
    if (!loaded.ok) {
      this.loadError = loaded.message;
      return;
    }
    try {
      await this.prepare(loaded.chronology);
    } catch (err) {
      this.loadError = errorText(err);
      return;
    }
    this.chronology = loaded.chronology;
    document.title = `${this.pageTitle} – ${childName(loaded.chronology)} – MAC`;
  }
}

function loading(): TemplateResult {
  return html`<p class="secondary" role="status">Loading…</p>`;
}
