// Preparing a conference pack: choose the version (professional, or the family's), the conference
// date, the dates and agencies to include; see exactly what the pack will hold (the server's
// preview, the same model the PDF and CSV are made from) and what it withholds; then produce it as
// a PDF or CSV file. Producing a pack freezes a snapshot, listed below with what changed since.
//
// One module: the pack's options form, its preview and the download share one state (the chosen options,
// the preview they produced, the error summary).
import { css, html, nothing } from 'lit';
import { parseChronoDate, type PackPreview } from '@mac/domain';
import {
  pageStyles,
  PACK_FIELD_ORDER,
  errorSummary,
  focusErrorSummary,
  packFieldOf,
  validatePackForm,
  type PackFormError,
  type PackFormValues,
  type PackFormat,
  type PackRequestBody,
} from '@mac/ui';
import { ApiError, type Changes, type ChronologyDetail, type Snapshot } from '../api.js';
import { snapshotPath } from '../app/router.js';
import { ChronologySubpage } from './chronology-subpage.js';
import { packPreview } from './pack/pack-preview.js';
import { packSnapshots } from './pack/pack-snapshots.js';
import { backToChronology, childName, errorText, saveFile } from './page-support.js';
import { defineOnce } from '../app/lazy-pages.js';
import { MacSharingDecisions } from './sharing-decisions.js';

interface Produced {
  fileName: string;
  snapshotId: string | null;
  /** The chronology changed between the preview and the file. */
  changedSincePreview: boolean;
}

export class MacPackPage extends ChronologySubpage {
  static override properties = {
    values: { state: true },
    errors: { state: true },
    busy: { state: true },
    preview: { state: true },
    produced: { state: true },
    downloadError: { state: true },
    snapshots: { state: true },
    changes: { state: true },
    inHousehold: { state: true },
  };

  declare private values: PackFormValues;
  declare private errors: PackFormError[];
  declare private busy: boolean;
  declare private preview: PackPreview | null;
  declare private produced: Produced | null;
  declare private downloadError: string | null;
  declare private snapshots: Snapshot[] | null;
  declare private changes: Changes | null;
  /** Whether the child is linked to other children (the household option is offered only then). */
  declare private inHousehold: boolean;

  protected override pageTitle = 'Conference pack';
  /** The request the preview answers: the pack is produced from exactly this. */
  private previewBody: PackRequestBody | null = null;

  constructor() {
    super();
    this.values = { kind: '', conferenceDate: '', from: '', to: '', agencies: [] };
    this.errors = [];
    this.busy = false;
    this.preview = null;
    this.produced = null;
    this.downloadError = null;
    this.snapshots = null;
    this.changes = null;
    this.inHousehold = false;
  }

  static override styles = [
    ...pageStyles,
    css`
      :host {
        display: block;
      }
      .narrow {
        max-width: 44rem;
      }
      .date-row {
        display: flex;
        flex-wrap: wrap;
        gap: 0 1.5rem;
      }
      .date-row .form-group {
        margin-bottom: 1rem;
      }
      .understood {
        margin: 0.375rem 0 0;
        color: var(--mac-secondary-text);
      }
      .pack-table {
        min-width: 64rem;
        font-size: 0.875rem;
      }
      .pack-table td {
        overflow-wrap: anywhere;
      }
      .highlights {
        list-style: none;
        margin: 0 0 1.5rem;
        padding: 0;
      }
      .highlights li {
        border-left: 5px solid var(--mac-border);
        padding: 0.5rem 0.75rem;
        margin-bottom: 0.75rem;
      }
      .highlights h4 {
        margin: 0 0 0.25rem;
        font-size: 1.1875rem;
      }
      .preview {
        border-top: 5px solid var(--mac-brand);
        padding-top: 1rem;
        margin-top: 1rem;
      }
      .reason {
        display: block;
        color: var(--mac-secondary-text);
      }
      /* These values are the page's own words, not typed text: ordinary white space. */
      .summary-list__row dd {
        white-space: normal;
      }
      /* The analysis is typed text: its line breaks are the writer's (pack/pack-analysis.ts). */
      .analysis-text {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
    `,
  ];

  protected override async prepare(chronology: ChronologyDetail): Promise<void> {
    this.values = { ...this.values, agencies: [...chronology.memberAgencies] };
    void this.loadSnapshots();
    void this.loadHousehold();
  }

  private async loadHousehold() {
    try {
      this.inHousehold = (await this.api.household(this.chronologyId)).children.length > 1;
    } catch {
      // The option is a convenience: without it the pack is as it always was.
      this.inHousehold = false;
    }
  }

  private householdGroup() {
    return html`<div class="form-group">
      <fieldset aria-describedby="household-hint">
        <legend class="legend">The household</legend>
        <div class="hint" id="household-hint">
          The other children who live with this child: their names, ages and lead professionals, never what is recorded about them. This child’s household events
          are marked.
        </div>
        <div class="choices choices--small">
          <div class="choice">
            <input class="choice__input" id="household" type="checkbox" .checked=${this.values.household === true} @change=${(e: Event) => this.set({ household: (e.target as HTMLInputElement).checked })} />
            <label class="choice__label" for="household">Include the household</label>
          </div>
        </div>
      </fieldset>
    </div>`;
  }

  private async loadSnapshots() {
    // The list first and on its own: "what changed since" decodes stored states in a worker and may be
    // slow (the worker's first start) or refused when busy, and the list must not wait for it or vanish
    // with it.
    const changes = this.api.changes(this.chronologyId).catch(() => null);
    try {
      const list = await this.api.snapshots(this.chronologyId);
      this.snapshots = list.snapshots;
    } catch {
      this.snapshots = [];
    }
    const since = await changes;
    this.changes = this.snapshots.length > 0 ? since : null;
  }

  private agencyName = (slug: string): string => this.agencies.find((a) => a.slug === slug)?.name ?? slug;

  private set(patch: Partial<PackFormValues>) {
    this.values = { ...this.values, ...patch };
    // The preview must show exactly what will be produced: options changed, preview again.
    if (this.preview) {
      this.preview = null;
      this.previewBody = null;
    }
  }

  private errorFor(field: string) {
    return this.errors.find((e) => e.field === field);
  }

  private async fail(errors: PackFormError[]) {
    this.errors = errors;
    await this.updateComplete;
    focusErrorSummary(this.renderRoot as ShadowRoot);
  }

  private async submit(event: Event) {
    event.preventDefault();
    const c = this.chronology;
    if (!c) return;
    const result = validatePackForm(this.values, c.memberAgencies);
    if (!result.ok) return this.fail(result.errors);
    this.errors = [];
    this.busy = true;
    this.produced = null;
    this.downloadError = null;
    try {
      this.preview = await this.api.packPreview(this.chronologyId, result.body);
      this.previewBody = result.body;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#preview-title')?.focus();
    } catch (err) {
      if (err instanceof ApiError && err.status === 422 && err.fields.length > 0) {
        const errors = err.fields.map((f) => ({ field: packFieldOf(f.field) ?? 'kind', message: f.message.charAt(0).toUpperCase() + f.message.slice(1) }));
        await this.fail(errors.sort((a, b) => PACK_FIELD_ORDER.indexOf(a.field) - PACK_FIELD_ORDER.indexOf(b.field)));
      } else {
        await this.fail([{ field: 'kind', message: errorText(err) }]);
      }
    } finally {
      this.busy = false;
    }
  }

  private async download(format: PackFormat) {
    const body = this.previewBody;
    const preview = this.preview;
    if (!body || !preview) return;
    this.busy = true;
    this.downloadError = null;
    try {
      const pack = await this.api.pack(this.chronologyId, { ...body, format });
      saveFile(pack.blob, pack.fileName, this.renderRoot);
      this.produced = { fileName: pack.fileName, snapshotId: pack.snapshotId, changedSincePreview: pack.version !== null && pack.version !== preview.version };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[data-produced]')?.focus();
      void this.loadSnapshots();
    } catch (err) {
      this.downloadError = `The pack could not be produced: ${errorText(err)}`;
    } finally {
      this.busy = false;
    }
  }

  // ---------------------------------------------------------------------------------------------

  private errorMessage(field: string) {
    const error = this.errorFor(field);
    return error ? html`<p class="error-message" id="${field}-error"><span class="visually-hidden">Error:</span> ${error.message}</p>` : nothing;
  }

  private kindGroup(c: ChronologyDetail) {
    const error = this.errorFor('kind');
    const family = c.permissions.canFamilyExport === true;
    const radio = (value: 'professional' | 'family', label: string, hint: string) => html`<div class="choice">
      <input
        class="choice__input"
        id=${value === 'professional' ? 'kind' : 'kind-family'}
        name="kind"
        type="radio"
        value=${value}
        aria-describedby="kind-${value}-hint"
        .checked=${this.values.kind === value}
        @change=${() => this.set({ kind: value })}
      />
      <label class="choice__label" for=${value === 'professional' ? 'kind' : 'kind-family'}>${label}</label>
      <div class="choice__hint" id="kind-${value}-hint">${hint}</div>
    </div>`;
    return html`<div class="form-group ${error ? 'form-group--error' : ''}">
      <fieldset aria-describedby=${error ? 'kind-error' : nothing}>
        <legend class="legend">Which version do you need?</legend>
        ${this.errorMessage('kind')}
        <div class="choices">
          ${radio(
            'professional',
            'Professional version',
            'For the professionals at the conference: every shared entry, with its source and who recorded it. Restricted and withdrawn entries are never included.',
          )}
          ${family
            ? radio(
                'family',
                'Family version',
                'For the child’s family: leaves out entries that are for professionals only, source references and the names of staff. You will see exactly what they will get before you produce it.',
              )
            : nothing}
        </div>
        ${family ? nothing : html`<p class="inset">Only the lead professional or a designated safeguarding lead can prepare the family version.</p>`}
      </fieldset>
    </div>`;
  }

  private dateInput(field: 'conferenceDate' | 'from' | 'to', label: string, hint: string | null, width: string) {
    const error = this.errorFor(field);
    const value = this.values[field];
    const parsed = value.trim() ? parseChronoDate(value) : null;
    const describedBy = [hint ? `${field}-hint` : '', error ? `${field}-error` : '', parsed?.ok ? `${field}-understood` : ''].filter(Boolean).join(' ');
    return html`<div class="form-group ${error ? 'form-group--error' : ''}">
      <label class="label" for=${field}>${label}</label>
      ${hint ? html`<div class="hint" id="${field}-hint">${hint}</div>` : nothing}
      ${this.errorMessage(field)}
      <input
        class="input ${width} ${error ? 'input--error' : ''}"
        id=${field}
        name=${field}
        type="text"
        autocomplete="off"
        spellcheck="false"
        .value=${value}
        aria-describedby=${describedBy || nothing}
        @input=${(e: Event) => this.set({ [field]: (e.target as HTMLInputElement).value })}
      />
      ${parsed?.ok ? html`<p class="understood" id="${field}-understood">We read this as: ${parsed.understood}</p>` : nothing}
    </div>`;
  }

  private agenciesGroup(c: ChronologyDetail) {
    const error = this.errorFor('agencies');
    const chosen = new Set(this.values.agencies);
    return html`<div class="form-group ${error ? 'form-group--error' : ''}">
      <fieldset aria-describedby="agencies-hint${error ? ' agencies-error' : ''}">
        <legend class="legend">Which agencies’ entries?</legend>
        <div class="hint" id="agencies-hint">Agencies you leave out are counted in the preview but none of their entries go in the pack.</div>
        ${this.errorMessage('agencies')}
        <div class="choices choices--small">
          ${c.memberAgencies.map(
            (slug, i) => html`<div class="choice">
              <input
                class="choice__input"
                id=${i === 0 ? 'agencies' : `agency-${slug}`}
                type="checkbox"
                .checked=${chosen.has(slug)}
                @change=${(e: Event) => {
                  const on = (e.target as HTMLInputElement).checked;
                  this.set({ agencies: on ? [...this.values.agencies, slug] : this.values.agencies.filter((a) => a !== slug) });
                }}
              />
              <label class="choice__label" for=${i === 0 ? 'agencies' : `agency-${slug}`}>${this.agencyName(slug)}</label>
            </div>`,
          )}
        </div>
      </fieldset>
    </div>`;
  }

  /** The buttons that produce the pack from the preview. */
  private packActions(p: PackPreview) {
    return html`${this.downloadError ? html`<p class="error-message" role="alert">${this.downloadError}</p>` : nothing}
      ${p.rows.length > 0
        ? html`<div class="button-group">
            <button type="button" class="button" ?disabled=${this.busy} data-action="pdf" @click=${() => this.download('pdf')}>Produce the PDF</button>
            <button type="button" class="button button--secondary" ?disabled=${this.busy} data-action="csv" @click=${() => this.download('csv')}>Produce a CSV file</button>
          </div>
          <p class="body-s secondary">Producing the pack saves a snapshot of the chronology as it is now, so you can see later exactly what the conference was shown.</p>`
        : nothing}`;
  }

  private producedBanner(produced: Produced) {
    return html`<div class="notification-banner notification-banner--success" role="alert" aria-labelledby="produced-title" tabindex="-1" data-produced>
      <div class="notification-banner__header"><h2 class="notification-banner__title" id="produced-title">Success</h2></div>
      <div class="notification-banner__content">
        <p class="notification-banner__heading">The pack has been produced: ${produced.fileName}</p>
        ${produced.changedSincePreview
          ? html`<p><strong>The chronology changed between your preview and the file, so the pack may differ from the preview.</strong> Preview it again and check it before you share it.</p>`
          : nothing}
        ${produced.snapshotId
          ? html`<p>A snapshot was saved. <a href=${snapshotPath(this.chronologyId, produced.snapshotId)}>See the chronology as the pack showed it</a>.</p>`
          : nothing}
      </div>
    </div>`;
  }

  protected override renderPage(c: ChronologyDetail) {
    const heading = html`<span class="caption">${childName(c)}</span>
      <h1 class="heading-l" tabindex="-1">Prepare a conference pack</h1>`;
    if (!c.permissions.canExport) {
      return html`${backToChronology(c)}${heading}<p class="inset">Only the agencies that are members of this chronology can prepare a conference pack.</p>`;
    }
    const summary = this.errors.map((e) => ({ target: e.field, message: e.message }));
    return html`${backToChronology(c)} ${errorSummary(summary, this.renderRoot as ShadowRoot)} ${this.produced ? this.producedBanner(this.produced) : nothing} ${heading}
      <div class="narrow">
        <p>
          A conference pack is this chronology as a PDF or CSV file for a child protection conference. Choose what it should hold, check the preview, then
          produce it.
        </p>
        <form novalidate @submit=${this.submit}>
          ${this.kindGroup(c)}
          ${this.dateInput('conferenceDate', 'Date of the conference', 'For example, 12/03/2025', 'input--width-10')}
          <fieldset class="form-group" aria-describedby="dates-hint">
            <legend class="legend">Which dates? (optional)</legend>
            <div class="hint" id="dates-hint">Leave these empty for every date. You can give a month (03/2024) or a year (2023).</div>
            <div class="date-row">
              ${this.dateInput('from', 'From', null, 'input--width-10')} ${this.dateInput('to', 'To', null, 'input--width-10')}
            </div>
          </fieldset>
          ${this.agenciesGroup(c)} ${this.inHousehold ? this.householdGroup() : nothing}
          <button type="submit" class="button" ?disabled=${this.busy} data-action="preview">Preview the pack</button>
        </form>
      </div>
      ${this.preview ? packPreview(this.preview, this.agencyName, this.packActions(this.preview)) : nothing}
      ${c.permissions.isLead && !c.permissions.readOnly
        ? html`<mac-sharing-decisions
            .api=${this.api}
            .chronologyId=${this.chronologyId}
            .agencies=${this.agencies}
            @mac-sharing-decided=${() => this.set({})}
          ></mac-sharing-decisions>`
        : nothing}
      ${packSnapshots(this.chronologyId, this.snapshots, this.changes)}`;
  }
}

/** Defines the page and its sharing decisions; the app calls it once the page's chunk has loaded. */
export function definePackPage(registry: CustomElementRegistry): void {
  defineOnce(registry, 'mac-sharing-decisions', MacSharingDecisions);
  defineOnce(registry, 'mac-pack-page', MacPackPage);
}
