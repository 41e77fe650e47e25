// The analysis as the pack preview shows it: what the pack will carry (the server's `analysis`, made by
// packages/domain analysisForPack). Professional version: the lead's summary and each agency's view,
// differing ones with their reasons. Family version: only the summary written for the family, or a note
// that there is none (then the family version carries no analysis at all).
import { html, nothing } from 'lit';
import { ANALYSIS_POSITION_LABELS, type PackPreview } from '@mac/domain';
import { formatInstant } from '@mac/ui';

export function packAnalysisPreview(p: PackPreview) {
  const a = p.analysis;
  const family = p.kind === 'family';
  if (!a) {
    return html`<h3 class="heading-s">Analysis</h3>
      <p class="inset" data-pack-analysis-none>
        ${family
          ? 'The lead professional has written no summary for the family, so the family version carries no analysis.'
          : 'Nobody has written an analysis of this chronology yet.'}
      </p>`;
  }
  return html`<h3 class="heading-s">${family ? 'What the professionals think this means (written for the family)' : 'Analysis'}</h3>
    <div class="analysis-text" data-pack-analysis=${p.kind}>${a.text.trim() === '' ? html`<span class="secondary">No summary has been written.</span>` : a.text}</div>
    ${!family && a.updatedBy ? html`<p class="body-s secondary">Version ${a.version}, by ${a.updatedBy}${a.updatedAt ? `, ${formatInstant(a.updatedAt)}` : ''}</p>` : nothing}
    ${family
      ? nothing
      : a.views.length === 0
        ? html`<p class="body-s secondary">No agency has recorded a view.</p>`
        : html`<ul class="analysis-views" data-pack-analysis-views>
            ${a.views.map(
              (v) => html`<li>
                <strong>${v.agencyName}</strong>: ${ANALYSIS_POSITION_LABELS[v.position].toLowerCase()}${v.text.trim() === '' ? nothing : html`<span class="analysis-text"> – ${v.text}</span>`}
                <span class="body-s secondary">(${v.by}, ${formatInstant(v.at)})</span>
              </li>`,
            )}
          </ul>`}`;
}
