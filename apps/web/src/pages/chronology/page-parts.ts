// Parts of the chronology page that depend only on the chronology: the child's heading, the emergency
// access banner and the links to its other pages.
import { html, nothing } from 'lit';
import type { Api, ChronologyDetail } from '../../api.js';
import { chronologyPath } from '../../app/router.js';
import { describeDob, formatNhsNumber } from '../caseload-page.js';

/** The child's name (the page's heading), date of birth, NHS number and lead professional. */
export function childHeading(c: ChronologyDetail, agencyName: (slug: string) => string) {
  return html`<div>
    <span class="caption">Multi-agency chronology</span>
    <h1 class="heading-l" tabindex="-1">${c.child.givenName} ${c.child.familyName}</h1>
    <dl class="child-meta">
      <div><dt>Date of birth</dt><dd>${describeDob(c.child.dateOfBirth)}</dd></div>
      ${c.child.nhsNumber ? html`<div><dt>NHS number</dt><dd>${formatNhsNumber(c.child.nhsNumber)}</dd></div>` : nothing}
      <div><dt>Lead professional</dt><dd>${c.lead.name} (${agencyName(c.lead.agency)})</dd></div>
    </dl>
  </div>`;
}

/** Read-only emergency (break-glass) access: until when, and that the lead has been told. */
export function emergencyBanner(c: ChronologyDetail) {
  if (!c.permissions.readOnly) return nothing;
  const until = c.emergencyAccessUntil
    ? new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' }).format(new Date(c.emergencyAccessUntil))
    : null;
  return html`<div class="notification-banner no-print" role="region" aria-labelledby="emergency-title" data-emergency>
    <div class="notification-banner__header"><h2 class="notification-banner__title" id="emergency-title">Important</h2></div>
    <div class="notification-banner__content">
      <p class="notification-banner__heading">${until ? `Emergency read-only access until ${until}` : 'Emergency read-only access (60 minutes from when it was given)'}</p>
      <p>You can read this chronology but not change it. Everything you open is recorded, and ${c.lead.name}, its lead professional, has been told.</p>
    </div>
  </div>`;
}

/** The analysis, import, export, the conference pack and the member agencies, as this user may use them. */
export function pageLinks(c: ChronologyDetail, api: Api) {
  const p = c.permissions;
  // Emergency (read-only) access gets no links: it is for reading the timeline, not preparing a conference.
  if (!p.canWrite && !p.canExport && !p.isLead) return nothing;
  const links = [
    html`<li><a href=${chronologyPath(c.id, 'analysis')} data-link="analysis">Analysis</a></li>`,
    p.canWrite ? html`<li><a href=${chronologyPath(c.id, 'import')} data-link="import">Import entries from a CSV file</a></li>` : nothing,
    p.canExport ? html`<li><a href=${api.exportCsvPath(c.id)} download data-link="export">Download as a CSV file</a></li>` : nothing,
    p.canExport ? html`<li><a href=${chronologyPath(c.id, 'pack')} data-link="pack">Prepare a conference pack</a></li>` : nothing,
    p.isLead ? html`<li><a href=${chronologyPath(c.id, 'members')} data-link="members">Member agencies</a></li>` : nothing,
  ];
  return html`<nav class="page-links no-print" aria-label="More for this chronology"><ul>${links}</ul></nav>`;
}
