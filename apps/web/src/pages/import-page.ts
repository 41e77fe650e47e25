// Importing a single-agency chronology from a CSV file (the exchange format). The GOV.UK file upload
// pattern in three steps: choose the file; check it (the server's dry run), which shows every row
// with the date, agency and category as they were understood, or every problem beside its row;
// then import it, all or nothing. Duplicates of entries already in the chronology are shown and
// skipped. A file with problems is fixed where it was made and chosen again.
// One module of some 400 lines: the three steps share one state (the file, its check, the outcome);
// the row-level model is @mac/ui's import-preview, the wording import-summary.
import { css, html, nothing } from 'lit';
import { pageStyles, buildImportPreview, describePlaces, errorSummary, focusErrorSummary, groupProblems, type ImportCheck, type ImportPreview, type PreviewRow, type RowProblem, type Duplicate } from '@mac/ui';
import { ApiError, type ChronologyDetail, type ImportOutcome } from '../api.js';
import { chronologyPath } from '../app/router.js';
import { ChronologySubpage } from './chronology-subpage.js';
import { backToChronology, childName, errorText } from './page-support.js';
import { defineOnce } from '../app/lazy-pages.js';
import { plural, pluralWord } from '@mac/domain';

const MAX_BYTES = 5 * 1024 * 1024;
/** The error summary lists this many row problems; the table shows them all. */
const SUMMARY_LIMIT = 20;

type Stage = 'choose' | 'checked' | 'done';

const COLUMN_LABELS: Record<string, string> = {
  date: 'Date',
  time: 'Time',
  agency: 'Agency',
  category: 'Category',
  summary: 'Summary',
  detail: 'Detail',
  impact_on_child: 'Impact on child',
  childs_voice: 'The child’s voice',
  seen_alone: 'Seen alone',
  action_taken: 'Action taken',
  source_ref: 'Source reference',
  recorded_by: 'Recorded by',
  sharing: 'Sharing with the family',
  sharing_reason: 'Reason for professionals only',
  status: 'Status',
};

function columnLabel(column: string): string {
  return COLUMN_LABELS[column] ?? column;
}

/** "Date: 31/02/2024 is not a real date", but not "Time: Time must be…". */
function withColumn(column: string, message: string, separator = ': '): string {
  if (!column) return message;
  const label = columnLabel(column);
  return message.toLowerCase().startsWith(label.toLowerCase()) ? message : `${label}${separator}${message}`;
}

export class MacImportPage extends ChronologySubpage {
  static override properties = {
    stage: { state: true },
    fileName: { state: true },
    preview: { state: true },
    checkMessage: { state: true },
    fileError: { state: true },
    busy: { state: true },
    result: { state: true },
  };

  declare private stage: Stage;
  declare private fileName: string;
  declare private preview: ImportPreview | null;
  /** The server's one-line verdict on a file with problems. */
  declare private checkMessage: string | null;
  /** A problem with the file field itself (none chosen, too large, not CSV, or the file's rows). */
  declare private fileError: string | null;
  declare private busy: boolean;
  declare private result: ImportOutcome | null;

  private file: File | null = null;
  /** The text that was checked: exactly this is imported. */
  private text = '';

  protected override pageTitle = 'Import entries';

  constructor() {
    super();
    this.stage = 'choose';
    this.fileName = '';
    this.preview = null;
    this.checkMessage = null;
    this.fileError = null;
    this.busy = false;
    this.result = null;
  }

  static override styles = [
    ...pageStyles,
    css`
      :host {
        display: block;
      }
      .preview-table {
        min-width: 60rem;
      }
      .preview-table th[scope='row'] {
        white-space: nowrap;
      }
      .preview-table th[scope='row']:focus {
        outline: 3px solid var(--mac-focus);
        outline-offset: -3px;
      }
      tr.problem > th {
        box-shadow: inset 5px 0 0 var(--mac-error);
        padding-left: 10px;
      }
      .problems {
        margin: 0;
        padding: 0;
        list-style: none;
        color: var(--mac-error);
        font-weight: 700;
      }
      .problems li + li {
        margin-top: 0.375rem;
      }
      .line {
        display: block;
        font-weight: 400;
        color: var(--mac-secondary-text);
        font-size: 0.875rem;
      }
      .understood {
        color: var(--mac-secondary-text);
      }
      .summary-cell {
        overflow-wrap: anywhere;
      }
      code {
        font-family: monospace;
        font-size: 1rem;
      }
    `,
  ];

  private onFile(event: Event) {
    const input = event.target as HTMLInputElement;
    this.file = input.files?.[0] ?? null;
    this.fileName = this.file?.name ?? '';
  }

  private async fail(message: string) {
    this.fileError = message;
    this.preview = null;
    this.checkMessage = null;
    this.stage = 'choose';
    await this.updateComplete;
    focusErrorSummary(this.renderRoot as ShadowRoot);
  }

  private async check(event: Event) {
    event.preventDefault();
    const file = this.file;
    if (!file) return this.fail('Select a CSV file');
    if (!/\.(csv|txt)$/i.test(file.name) && !/^text\/(csv|plain)/.test(file.type)) return this.fail('The selected file must be a CSV file');
    if (file.size === 0) return this.fail('The selected file is empty');
    if (file.size > MAX_BYTES) return this.fail('The selected file must be smaller than 5 MB: split it and import each part');
    this.busy = true;
    let text: string;
    try {
      text = await file.text();
    } catch {
      this.busy = false;
      return this.fail('The selected file could not be read: it may have changed since you chose it. Choose it again');
    }
    try {
      const outcome = await this.api.importCsv(this.chronologyId, text, { dryRun: true, fileName: file.name });
      await this.showCheck(text, { ok: true, rows: outcome.rows, duplicates: outcome.duplicates });
    } catch (err) {
      const check = this.problemsOf(err);
      if (check) await this.showCheck(text, check);
      else await this.fail(errorText(err));
    } finally {
      this.busy = false;
    }
  }

  /** A 422 for the file's content, as the preview's input; null for any other error. */
  private problemsOf(err: unknown): ImportCheck | null {
    if (!(err instanceof ApiError) || err.status !== 422 || err.code !== 'invalid_csv') return null;
    const rows = Array.isArray(err.details.rows) ? (err.details.rows as RowProblem[]) : [];
    const duplicates = Array.isArray(err.details.duplicates) ? (err.details.duplicates as Duplicate[]) : [];
    return { ok: false, message: err.message, problems: rows, duplicates };
  }

  private async showCheck(text: string, check: ImportCheck) {
    this.text = text;
    this.preview = buildImportPreview(text, check, this.agencies);
    this.checkMessage = check.ok ? null : check.message;
    this.fileError = check.ok ? null : `The file has ${plural(this.preview.problems, 'problem', 'problems')}: fix ${pluralWord(this.preview.problems, 'it', 'them')} in the file, then choose it again`;
    this.stage = 'checked';
    await this.updateComplete;
    if (check.ok) this.renderRoot.querySelector<HTMLElement>('#preview-title')?.focus();
    else focusErrorSummary(this.renderRoot as ShadowRoot);
  }

  private async confirm() {
    if (!this.preview || this.preview.ready === 0) return;
    this.busy = true;
    try {
      this.result = await this.api.importCsv(this.chronologyId, this.text, { dryRun: false, fileName: this.fileName });
      this.stage = 'done';
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.confirmation-panel__title')?.focus();
    } catch (err) {
      // The chronology changed since the check (a row became a duplicate, say): show the new answer.
      const check = this.problemsOf(err);
      if (check) await this.showCheck(this.text, check);
      else await this.fail(errorText(err));
    } finally {
      this.busy = false;
    }
  }

  private startAgain() {
    this.stage = 'choose';
    this.preview = null;
    this.result = null;
    this.checkMessage = null;
    this.fileError = null;
    this.file = null;
    this.fileName = '';
    this.text = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#file')?.focus());
  }

  private summaryErrors() {
    const errors: Array<{ target: string; message: string }> = [];
    const preview = this.preview;
    if (this.checkMessage) errors.push({ target: '', message: this.checkMessage });
    if (preview) {
      for (const p of preview.fileProblems) errors.push({ target: 'file', message: p });
      // One item per distinct problem, in the file's own numbering (its lines), linked to its first row.
      const listed = preview.rows.filter((r) => r.status === 'problem').flatMap((r) => r.problems.map((p) => ({ row: r.row, line: r.line, column: p.column, message: p.message })));
      const groups = groupProblems(listed);
      for (const g of groups.slice(0, SUMMARY_LIMIT)) {
        errors.push({ target: `row-${g.at[0]!.row}`, message: `${describePlaces(g.at)}: ${withColumn(g.column, g.message)}` });
      }
      if (groups.length > SUMMARY_LIMIT) errors.push({ target: '', message: `and ${plural(groups.length - SUMMARY_LIMIT, 'more problem', 'more problems')}: every one is shown beside its row below` });
    }
    if (!this.checkMessage && this.fileError) errors.push({ target: 'file', message: this.fileError });
    return errors;
  }

  private fileGroup() {
    const error = this.fileError;
    return html`<form novalidate @submit=${this.check}>
      <div class="form-group ${error ? 'form-group--error' : ''}">
        <label class="label" for="file">Upload a CSV file</label>
        <div class="hint" id="file-hint">The file must be in the CSV exchange format and smaller than 5 MB. Nothing is imported until you have checked it and confirmed.</div>
        ${error ? html`<p class="error-message" id="file-error"><span class="visually-hidden">Error:</span> ${error}</p>` : nothing}
        <input
          class="file-upload ${error ? 'file-upload--error' : ''}"
          id="file"
          name="file"
          type="file"
          accept=".csv,text/csv"
          aria-describedby="file-hint${error ? ' file-error' : ''}"
          @change=${this.onFile}
        />
      </div>
      <button type="submit" class="button" ?disabled=${this.busy} data-action="check">${this.stage === 'checked' ? 'Check the file again' : 'Check the file'}</button>
    </form>`;
  }

  private formatHelp() {
    return html`<details class="details">
      <summary class="details__summary"><span class="details__summary-text">What the file must contain</span></summary>
      <div class="details__text">
        <p>
          A header row, then one row per event. The columns are <code>date</code>, <code>time</code>, <code>agency</code>, <code>category</code>,
          <code>summary</code>, <code>detail</code>, <code>impact_on_child</code>, <code>childs_voice</code>, <code>seen_alone</code>,
          <code>action_taken</code>, <code>source_ref</code>, <code>recorded_by</code>, <code>sharing</code> and <code>sharing_reason</code>, in any
          order. Date, agency, category and summary must be filled in.
        </p>
        <p>
          <code>childs_voice</code> is what the child said, did or showed, in their own words where possible. <code>seen_alone</code> is
          <code>yes</code>, <code>no</code>, <code>not-applicable</code>, or empty when it was not recorded.
        </p>
        <p>
          <code>sharing</code> says whether an entry can go in the family’s version of a conference pack: <code>family</code>,
          <code>professionals</code> (then give the reason in <code>sharing_reason</code>) or <code>undecided</code>. Rows that leave it empty are
          undecided and stay out of the family’s version until someone decides.
        </p>
        <p>
          Dates can be a day (05/04/2023 or 2023-04-05), a month (04/2023), a year (2023), approximate (?2021) or a period (03/2023..05/2023). Give the
          agency and the category by their name or their short code.
        </p>
        <p>
          Rows for other agencies can only be imported by the chronology's lead professional. Rows that are already in the chronology are skipped, so
          a file can safely be imported again.
        </p>
        ${this.chronology?.permissions.canExport
          ? html`<p><a href=${this.api.exportCsvPath(this.chronologyId)} download>Download this chronology as a CSV file</a> to see an example.</p>`
          : nothing}
      </div>
    </details>`;
  }

  private statusCell(r: PreviewRow) {
    switch (r.status) {
      case 'ready':
        return html`<strong class="tag tag--green">Ready to import</strong>`;
      case 'duplicate':
        return r.skippedAs === 'withdrawn'
          ? html`<strong class="tag tag--grey">Withdrawn in the file</strong><span class="line">It will be left out</span>`
          : html`<strong class="tag tag--grey">Already in the chronology</strong><span class="line">It will be skipped</span>`;
      case 'fine':
        return html`<span class="secondary">No problems in this row</span>`;
      case 'problem':
        return html`<span class="visually-hidden">Problems:</span>
          <ul class="problems">
            ${r.problems.map((p) => html`<li>${withColumn(p.column, p.message)}</li>`)}
          </ul>`;
    }
  }

  private previewTable(preview: ImportPreview) {
    if (preview.rows.length === 0) return nothing;
    return html`<div class="table-scroll" tabindex="0" role="region" aria-label="Rows of the file">
      <table class="table preview-table" data-import-preview>
        <caption class="table__caption visually-hidden">Every row of ${this.fileName}, and what was understood of it</caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Date in the file</th>
            <th scope="col">Read as</th>
            <th scope="col">Agency</th>
            <th scope="col">Category</th>
            <th scope="col">Summary</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          ${preview.rows.map(
            (r) => html`<tr class=${r.status} data-row=${r.row} data-status=${r.status}>
              <th scope="row" id="row-${r.row}" tabindex="-1">${r.line ?? html`<span class="visually-hidden">row </span>${r.row}`}</th>
              <td>${r.date}</td>
              <td class="understood">${r.dateUnderstood || html`<span class="visually-hidden">Not understood</span>`}</td>
              <td>${r.agency}</td>
              <td>${r.category}</td>
              <td class="summary-cell">${r.summary}</td>
              <td>${this.statusCell(r)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private checked(preview: ImportPreview) {
    const problems = this.checkMessage !== null;
    const total = preview.rows.length;
    return html`<h2 class="heading-m" id="preview-title" tabindex="-1">${problems ? 'Problems in the file' : 'Check the rows before you import them'}</h2>
      <p data-preview-summary>
        ${problems
          ? html`Nothing has been imported. ${plural(preview.problemRows, 'row has', 'rows have')} problems. Fix them in the file, save it, then choose it
              again above.`
          : html`${this.fileName} has ${plural(total, 'row', 'rows')}: ${plural(preview.ready, 'is', 'are')} ready to import${preview.duplicates > 0
              ? html`, and ${plural(preview.duplicates, 'is', 'are')} already in the chronology and will be skipped`
              : nothing}.`}
      </p>
      ${this.previewTable(preview)}
      ${problems
        ? nothing
        : preview.ready > 0
          ? html`<div class="button-group">
              <button type="button" class="button" ?disabled=${this.busy} data-action="import" @click=${this.confirm}>Import ${plural(preview.ready, 'entry', 'entries')}</button>
              <button type="button" class="link-button" @click=${this.startAgain}>Choose a different file</button>
            </div>`
          : html`<p class="inset" data-nothing-new>Every row is already in the chronology: there is nothing new to import.</p>
              <button type="button" class="link-button" @click=${this.startAgain}>Choose a different file</button>`}`;
  }

  private done(result: ImportOutcome) {
    const c = this.chronology!;
    return html`<div class="confirmation-panel" data-import-done>
        <h1 class="confirmation-panel__title" tabindex="-1">${plural(result.imported, 'entry', 'entries')} imported</h1>
        <div class="confirmation-panel__body">Import reference<br /><strong>${result.importId}</strong></div>
      </div>
      <p>The entries from ${this.fileName} are now in ${childName(c)}'s chronology, and everyone who can see it sees them at once.</p>
      ${result.duplicates.length > 0
        ? html`<h2 class="heading-s">${plural(result.duplicates.length, 'row was', 'rows were')} skipped</h2>
            <ul data-skipped>
              ${result.duplicates.map(
                (d) => html`<li>Line ${d.line ?? d.row + 1}: ${d.summary} <span class="secondary">(${d.reason === 'withdrawn' ? 'withdrawn in the file' : 'already in the chronology'})</span></li>`,
              )}
            </ul>`
        : nothing}
      <div class="button-group">
        <a class="button" href=${chronologyPath(c.id)}>Go to the chronology</a>
        <button type="button" class="button button--secondary" @click=${this.startAgain}>Import another file</button>
      </div>`;
  }

  protected override renderPage(c: ChronologyDetail) {
    if (this.stage === 'done' && this.result) return html`${backToChronology(c)}${this.done(this.result)}`;
    const heading = html`<span class="caption">${childName(c)}</span>
      <h1 class="heading-l" tabindex="-1">Import entries from a CSV file</h1>`;
    if (!c.permissions.canWrite) {
      return html`${backToChronology(c)}${heading}
        <p class="inset">Only the agencies that are members of this chronology can import entries into it.</p>`;
    }
    const errors = this.summaryErrors();
    return html`${backToChronology(c)} ${errorSummary(errors, this.renderRoot as ShadowRoot)} ${heading}
      <p>Add the entries from your agency's own records in one go. You will see every row, and what was understood of it, before anything is imported.</p>
      ${this.formatHelp()} ${this.fileGroup()}
      ${this.busy && this.stage !== 'checked' ? html`<p role="status">Checking the file…</p>` : nothing}
      ${this.stage === 'checked' && this.preview ? this.checked(this.preview) : nothing}`;
  }
}

/** Defines the page; the app calls it once the page's chunk has loaded. */
export function defineImportPage(registry: CustomElementRegistry): void {
  defineOnce(registry, 'mac-import-page', MacImportPage);
}
