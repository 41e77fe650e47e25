// Earlier versions of the summary and every view ever recorded (oldest first): a change of view never
// replaces the one before, so a dissent that was later withdrawn can still be read, with who and when.
import { html, nothing } from 'lit';
import { ANALYSIS_POSITION_LABELS } from '@mac/domain';
import { formatInstant } from '@mac/ui';
import type { AnalysisHistory } from '../../api.js';

export function analysisHistory(history: AnalysisHistory | null, error: string | null, agencyName: (slug: string) => string) {
  if (error) return html`<p class="error-message">${error}</p>`;
  if (!history) return html`<p class="secondary" role="status">Loading the history…</p>`;
  return html`<h3 class="heading-s">Versions of the summary</h3>
    ${history.versions.length === 0
      ? html`<p class="secondary">No version has been saved yet.</p>`
      : html`<ol class="history" reversed data-history-versions>
          ${[...history.versions].reverse().map(
            (v) => html`<li>
              <p class="body-s secondary">Version ${v.version}, by ${v.by}, ${formatInstant(v.at)}</p>
              ${v.text.trim() === '' ? html`<p class="secondary">(empty)</p>` : html`<div class="summary-text">${v.text}</div>`}
            </li>`,
          )}
        </ol>`}
    <h3 class="heading-s">Every view recorded</h3>
    ${history.views.length === 0
      ? html`<p class="secondary">No agency has recorded a view yet.</p>`
      : html`<ul class="history" data-history-views>
          ${history.views.map(
            (v) => html`<li>
              <strong>${agencyName(v.agency)}</strong>: ${ANALYSIS_POSITION_LABELS[v.position].toLowerCase()} (on version ${v.onVersion})
              ${v.text.trim() === '' ? nothing : html`<div class="view__text">${v.text}</div>`}
              <p class="body-s secondary">Recorded by ${v.by}, ${formatInstant(v.at)}</p>
            </li>`,
          )}
        </ul>`}`;
}
