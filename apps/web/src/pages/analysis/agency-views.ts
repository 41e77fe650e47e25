// Each agency's view of the analysis, as every reader sees it: agreeing, or taking a different view with
// its reasons, side by side with the lead's summary. Dissent is shown as recorded, never smoothed over.
import { html, nothing } from 'lit';
import { ANALYSIS_POSITION_LABELS, type AgencyView } from '@mac/domain';
import { formatInstant } from '@mac/ui';

export function agencyViewsList(views: readonly AgencyView[], agencyName: (slug: string) => string) {
  if (views.length === 0) return html`<p class="secondary" data-no-views>No agency has recorded a view yet.</p>`;
  return html`<ul class="views" data-views>
    ${views.map(
      (v) => html`<li class="view" data-view=${v.agency}>
        <h3 class="heading-s">
          ${agencyName(v.agency)}
          <strong class="tag ${v.position === 'differ' ? 'tag--orange' : 'tag--green'}" data-position=${v.position}>${ANALYSIS_POSITION_LABELS[v.position]}</strong>
        </h3>
        ${v.text.trim() === '' ? nothing : html`<p class="view__text">${v.text}</p>`}
        <p class="secondary body-s">Recorded by ${v.by}, ${formatInstant(v.at)}</p>
      </li>`,
    )}
  </ul>`;
}
