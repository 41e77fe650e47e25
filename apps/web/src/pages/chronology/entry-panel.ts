// <mac-entry-panel>: the chronology page's entry panel. It shows the open entry's details (with its
// history, kept live: history-follower.ts), the form to add an entry or to amend one, or says that the
// entry cannot be found; it makes the writes (through the live documents; the sharing change through
// the API) and says what happened. What is open is the page's to decide (the URL, the timeline, the
// table and meeting mode all choose it): the panel asks through events.
//   mac-panel-select { id }   show an entry's details (after a save, or back from the form)
//   mac-panel-amend { id }    open the form to amend an entry
//   mac-panel-close           close the panel
//   mac-announce { message }  say something in the page's live region
//   mac-raise-action { source, sourceRef, entryIds, label }  raise an action about this entry (bubbles)
// Rendered without a shadow root, so the page's styles and the page's queries (tests, focus) reach
// inside it as they did when the panel was part of the page.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { EntryInput } from '@mac/domain';
import { toView, type EntryChange, type EntryView, type HistoryItem, type MacEntryDetails, type MacEntryForm, type Person, type PersonChoice } from '@mac/ui';
import { ApiError, type Api, type ChronologyDetail, type Me } from '../../api.js';
import type { LiveChronology } from '../../sync/live-chronology.js';
import { errorText } from '../page-support.js';
import { HistoryFollower } from './history-follower.js';
import { householdCopiesFor } from './household-copies.js';
import { canEdit, canTightenSharing } from './permissions.js';

/** What the panel shows: an entry's details, the form to add one, the form to amend one; null when closed. */
export type Panel = { kind: 'details'; id: string } | { kind: 'create' } | { kind: 'amend'; id: string } | null;

type SubmitEvent = CustomEvent<{ mode: 'create'; input: EntryInput } | { mode: 'amend'; id: string; changes: Record<string, string> }>;

export class MacEntryPanel extends LitElement {
  static override properties = {
    api: { attribute: false },
    me: { attribute: false },
    chronology: { attribute: false },
    live: { attribute: false },
    version: { attribute: false },
    panel: { attribute: false },
    views: { attribute: false },
    people: { attribute: false },
    personLabel: { attribute: false },
    agencyName: { attribute: false },
    editors: { attribute: false },
    change: { attribute: false },
    changeSince: { attribute: false },
    history: { state: true },
    historyError: { state: true },
  };

  declare api: Api;
  declare me: Me;
  declare chronology: ChronologyDetail | null;
  declare live: LiveChronology | null;
  /** Goes up with every change of the live documents: the panel renders the entry as it is now. */
  declare version: number;
  declare panel: Panel;
  declare views: readonly EntryView[];
  /** The people around the child an entry may name, and how to name any person id (people-panel.ts). */
  declare people: readonly PersonChoice[];
  declare personLabel: (personId: string) => string;
  declare agencyName: (slug: string) => string;
  /** Others editing the open entry now. */
  declare editors: readonly Person[];
  declare change: EntryChange | null;
  declare changeSince: string;
  declare private history: HistoryItem[] | null;
  declare private historyError: string | null;

  /** An open entry history follows the entry's changes. */
  private readonly historyFollower = new HistoryFollower({
    entry: (id) => this.live?.entries().get(id),
    saved: () => !(this.live?.hasUnsaved() ?? true),
    reload: (id) => {
      if (this.openId() === id && (this.history !== null || this.historyError !== null)) this.loadHistory(id, { quiet: true });
      else this.historyFollower.forget();
    },
  });

  constructor() {
    super();
    this.chronology = null;
    this.live = null;
    this.version = 0;
    this.panel = null;
    this.views = [];
    this.people = [];
    this.personLabel = () => 'A person around the child';
    this.agencyName = (slug) => slug;
    this.editors = [];
    this.change = null;
    this.changeSince = 'the conference';
    this.history = null;
    this.historyError = null;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another entry (or the same one again, after a save) starts without a history; the amend form
    // shows the history at once.
    if (changed.has('panel')) {
      const panel = this.panel;
      if (panel?.kind === 'amend') this.loadHistory(panel.id);
      else {
        this.history = null;
        this.historyError = null;
      }
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    // After the Yjs transaction that changed the entries: our own change is counted as unsaved only
    // once its update event has run, which comes after the entry observers that bumped the version.
    if (changed.has('version')) this.historyFollower.check();
  }

  /** The entry form is open with something typed into it that has not been submitted. */
  hasUnsavedInput(): boolean {
    if (this.panel?.kind !== 'create' && this.panel?.kind !== 'amend') return false;
    return this.querySelector<MacEntryForm>('mac-entry-form')?.hasUnsavedInput() ?? false;
  }

  /** Focus on the details' heading, once they are on screen. */
  async focusDetails(): Promise<void> {
    await this.updateComplete;
    await this.querySelector<MacEntryDetails>('mac-entry-details')?.focusHeading();
  }

  /** Focus on the form's heading, once it is on screen; `reset` empties it first (a new entry). */
  async focusForm(opts: { reset?: boolean } = {}): Promise<void> {
    await this.updateComplete;
    const form = this.querySelector<MacEntryForm>('mac-entry-form');
    if (opts.reset) form?.reset();
    await form?.updateComplete;
    form?.renderRoot.querySelector<HTMLElement>('#form-title')?.focus();
  }

  private openId(): string | null {
    return this.panel && 'id' in this.panel ? this.panel.id : null;
  }

  private ask(type: 'mac-panel-select' | 'mac-panel-amend', id: string): void;
  private ask(type: 'mac-panel-close'): void;
  private ask(type: string, id?: string): void {
    this.dispatchEvent(new CustomEvent(type, { detail: id === undefined ? {} : { id } }));
  }

  private announce(message: string) {
    this.dispatchEvent(new CustomEvent('mac-announce', { detail: { message } }));
  }

  /** `quiet`: the entry changed while its history was open; keep showing the old one until the new one comes. */
  private loadHistory(id: string, opts: { quiet?: boolean } = {}) {
    const chronology = this.chronology;
    if (!chronology) return;
    if (!opts.quiet) {
      this.history = null;
      this.historyError = null;
    }
    this.historyFollower.fetching(id);
    this.api
      .history(chronology.id, id)
      .then((r) => {
        if (this.openId() === id) {
          this.history = r.history;
          this.historyError = null;
        }
      })
      .catch((err) => {
        this.historyError =
          err instanceof ApiError && err.status === 404
            ? 'No history is available for this entry yet: it may not have reached the server.'
            : `The history could not be loaded: ${err instanceof Error ? err.message : String(err)}`;
      });
  }

  private onSubmit = (event: SubmitEvent) => {
    const live = this.live;
    if (!live) return;
    const detail = event.detail;
    try {
      if (detail.mode === 'create') {
        const entry = live.create(detail.input, { id: this.me.id, agency: this.me.agency.slug });
        this.announce(`Entry added: ${entry.summary}.`);
        this.ask('mac-panel-select', entry.id);
      } else {
        live.amend(detail.id, detail.changes);
        this.announce('Your changes have been made.');
        this.ask('mac-panel-select', detail.id);
      }
    } catch (err) {
      this.announce(`The change could not be made: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  private onWithdraw = (event: CustomEvent<{ id: string; reason: string }>) => {
    try {
      this.live?.withdraw(event.detail.id, event.detail.reason);
      this.announce('The entry has been withdrawn. It stays in the record, marked as withdrawn.');
      void this.querySelector<MacEntryDetails>('mac-entry-details')?.focusHeading();
    } catch (err) {
      this.announce(`The entry could not be withdrawn: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  private onTighten = async (event: CustomEvent<{ id: string; reason: string; respond: (error: string | null) => void }>) => {
    const { id, reason, respond } = event.detail;
    const chronology = this.chronology;
    if (!chronology) return;
    try {
      await this.api.tightenSharing(chronology.id, id, reason);
      this.announce('The entry is now for professionals only: it will be left out of the family version.');
      respond(null);
    } catch (err) {
      respond(err instanceof ApiError && err.fields[0] ? err.fields[0].message : errorText(err));
    }
  };

  override render() {
    const panel = this.panel;
    if (!panel) return nothing;
    if (panel.kind === 'create') {
      return html`<div class="panel">
        <mac-entry-form
          mode="create"
          ?allowRestricted=${!!this.chronology?.docs.restricted}
          .agencyName=${this.me.agency.name}
          .agencyNames=${this.agencyName}
          .people=${this.people}
          @mac-entry-submit=${this.onSubmit}
          @mac-entry-cancel=${() => this.ask('mac-panel-close')}
        ></mac-entry-form>
      </div>`;
    }
    const entry = this.live?.entries().get(panel.id) ?? null;
    if (!entry) {
      return html`<section class="panel" aria-labelledby="panel-missing-title">
        <h2 class="heading-s" id="panel-missing-title">Entry not found</h2>
        <p>${this.live?.loaded() ? 'This entry is not in the chronology, or you cannot see it.' : 'Loading the entry…'}</p>
        <button type="button" class="button button--secondary button--small" @click=${() => this.ask('mac-panel-close')}>Close</button>
      </section>`;
    }
    // An entry shown from the first page (the documents still loading) is amended once its document is here.
    const editable = canEdit(this.me, this.chronology, entry) && this.live?.isLive(entry.id) === true;
    if (panel.kind === 'amend' && editable) {
      return html`<div class="panel">
        <mac-entry-form
          mode="amend"
          .entry=${entry}
          .agencyName=${this.me.agency.name}
          .agencyNames=${this.agencyName}
          .history=${this.history}
          .historyError=${this.historyError}
          .people=${this.people}
          @mac-entry-submit=${this.onSubmit}
          @mac-entry-cancel=${() => this.ask('mac-panel-select', entry.id)}
        ></mac-entry-form>
      </div>`;
    }
    const view = this.views.find((v) => v.entry.id === entry.id) ?? toView(entry);
    return html`<div class="panel">
      <mac-entry-details
        .view=${view}
        .personLabel=${this.personLabel}
        .agencyName=${this.agencyName}
        .dateOfBirth=${this.chronology?.child.dateOfBirth ?? null}
        ?canEdit=${editable}
        ?canTightenSharing=${canTightenSharing(this.chronology)}
        .readOnlyNote=${this.chronology?.permissions.readOnly ? 'You have read-only emergency access: nothing can be changed.' : null}
        .change=${this.change}
        .changeSince=${this.changeSince}
        .editors=${this.editors}
        .history=${this.history}
        .historyError=${this.historyError}
        @mac-tighten-sharing=${this.onTighten}
        @mac-close=${() => this.ask('mac-panel-close')}
        @mac-amend=${(e: CustomEvent<{ id: string }>) => this.ask('mac-panel-amend', e.detail.id)}
        @mac-withdraw=${this.onWithdraw}
        @mac-history-request=${(e: CustomEvent<{ id: string }>) => this.loadHistory(e.detail.id)}
      ></mac-entry-details>
      ${this.chronology ? householdCopiesFor(this.api, this.chronology.id, entry) : nothing}
      ${this.chronology?.permissions.canWrite
        ? html`<button
            type="button"
            class="button button--secondary button--small"
            data-action="raise-action-entry"
            @click=${() =>
              this.dispatchEvent(
                new CustomEvent('mac-raise-action', { detail: { source: 'entry', sourceRef: entry.id, entryIds: [entry.id], label: `${entry.summary} (${entry.date})` }, bubbles: true, composed: true }),
              )}
          >
            Raise an action about this entry
          </button>`
        : nothing}
    </div>`;
  }
}
