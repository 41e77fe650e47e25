// The caseload on a phone: one GOV.UK summary card per child, every fact labelled, instead of a
// seven-column table whose last columns (entries, last change, open patterns) fall off a 390 px screen
// with no sign that they are there. The page shows the table or the cards by the width of the window.
import { css, html, nothing } from 'lit';
import { formatInstant } from '@mac/ui';
import type { ChronologySummary, Me } from '../api.js';
import { chronologyPath } from '../app/router.js';
import { describeDob, formatNhsNumber, openPatternsText, overdueText } from './caseload-page.js';

export const caseloadCardStyles = css`
  .cards {
    display: none;
    list-style: none;
    margin: 0 0 1.5rem;
    padding: 0;
  }
  .card {
    border: 1px solid var(--mac-border);
    margin-bottom: 1rem;
  }
  .card__title {
    margin: 0;
    padding: 0.75rem 1rem;
    background: var(--mac-light-grey);
    border-bottom: 1px solid transparent;
    font-size: 1.1875rem;
  }
  .card .summary-list {
    margin: 0;
    padding: 0 1rem;
  }
  .card .summary-list__row:last-child {
    border-bottom: 0;
  }
  @media (max-width: 640px) {
    .table-scroll {
      display: none;
    }
    .cards {
      display: block;
    }
  }
`;

export function caseloadCards(list: readonly ChronologySummary[], me: Me, agencyName: (slug: string) => string) {
  const row = (term: string, value: unknown) => html`<div class="summary-list__row"><dt>${term}</dt><dd>${value}</dd></div>`;
  return html`<ul class="cards" data-caseload-cards aria-label="Chronologies you can see">
    ${list.map(
      (c) => html`<li class="card" data-card=${c.id}>
        <h2 class="card__title">
          <a href=${chronologyPath(c.id)}>${c.child.givenName} ${c.child.familyName}</a>
          ${c.memberAgencies.includes(me.agency.slug) ? nothing : html`<div><strong class="tag tag--orange">Emergency access, read only</strong></div>`}
        </h2>
        <dl class="summary-list">
          ${row('Entries', c.entryCount)}
          ${row('Open patterns', openPatternsText(c.openHighlights))}
          ${row('Overdue actions', overdueText(c.overdueActions))}
          ${row('Last change', c.lastChangeAt ? formatInstant(c.lastChangeAt) : 'No entries yet')}
          ${row('Date of birth', describeDob(c.child.dateOfBirth))}
          ${c.child.nhsNumber ? row('NHS number', formatNhsNumber(c.child.nhsNumber)) : nothing}
          ${row('Lead professional', html`${c.lead.name}, ${agencyName(c.lead.agency)}`)}
          ${row('Agencies', c.memberAgencies.map(agencyName).join(', '))}
        </dl>
      </li>`,
    )}
  </ul>`;
}
