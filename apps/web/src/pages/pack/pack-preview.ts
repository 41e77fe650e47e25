// The conference pack's preview: exactly what the pack will hold (the server's preview, the model the
// PDF and CSV are made from), what it leaves out and why, and the patterns that go with it.
import { html, nothing, type TemplateResult } from 'lit';
import { formatChronoDate, plural, seenAloneLabel, type PackPreview, type PackVoice } from '@mac/domain';
import { formatInstant, userText, voiceTable, voiceWarning } from '@mac/ui';
import { packAnalysisPreview } from './pack-analysis.js';
import { packHouseholdPreview } from './pack-household.js';

function describeDates(p: PackPreview): string {
  const { from, to } = p.options;
  if (from && to) return `From ${formatChronoDate(from)} to ${formatChronoDate(to)}`;
  if (from) return `From ${formatChronoDate(from)}`;
  if (to) return `Up to ${formatChronoDate(to)}`;
  return 'All dates';
}

/** What the pack will hold and what it leaves out, and why; `actions` are the buttons that produce it. */
export function packPreview(p: PackPreview, agencyName: (slug: string) => string, actions: TemplateResult | typeof nothing) {
  const family = p.kind === 'family';
  const withheld = p.withheld;
  const withheldTotal = withheld['professionals-only'] + withheld.undecided + withheld.restricted + withheld.withdrawn;
  const leftOut = p.highlightsLeftOut.entriesNotInPack + p.highlightsLeftOut.dismissed;
  const notSelected = p.notSelected.outsideDates + p.notSelected.agencyNotIncluded;
  return html`<section class="preview" aria-labelledby="preview-title" data-pack-preview=${p.kind}>
    <h2 class="heading-m" id="preview-title" tabindex="-1">Preview of the ${family ? 'family' : 'professional'} version</h2>
    ${family
      ? html`<div class="warning-text" data-family-warning>
          <span class="warning-text__icon" aria-hidden="true">!</span>
          <span><span class="visually-hidden">Warning</span> This is exactly what the family will be given. Read every entry below before you produce the pack.</span>
        </div>`
      : nothing}
    <dl class="summary-list">
      <div class="summary-list__row"><dt>Conference</dt><dd>${formatChronoDate(p.conferenceDate)}</dd></div>
      <div class="summary-list__row"><dt>Dates</dt><dd>${describeDates(p)}</dd></div>
      <div class="summary-list__row">
        <dt>Agencies</dt>
        <dd>${p.options.agencies ? p.options.agencies.map(agencyName).join(', ') : 'All member agencies'}</dd>
      </div>
      <div class="summary-list__row"><dt>Entries in the pack</dt><dd data-row-count>${p.rows.length}</dd></div>
      <div class="summary-list__row">
        <dt>Entries left out</dt>
        <dd data-withheld>
          ${withheldTotal === 0 ? 'None' : `${plural(withheldTotal, 'entry', 'entries')}: ${p.withheldSummary}`}
          ${withheld['professionals-only'] > 0 ? html`<span class="reason">Professionals-only entries are never in the family version.</span>` : nothing}
          ${withheld.undecided > 0
            ? html`<span class="reason" data-withheld-undecided
                >Entries nobody has yet decided the family may see are left out of the family version until their agency or the lead professional decides.</span
              >`
            : nothing}
          ${withheld.restricted > 0 ? html`<span class="reason">Restricted entries stay with their own agency and are never in a pack.</span>` : nothing}
          ${withheld.withdrawn > 0 ? html`<span class="reason">Withdrawn entries are never in a pack.</span>` : nothing}
        </dd>
      </div>
      ${notSelected > 0
        ? html`<div class="summary-list__row">
            <dt>Not chosen</dt>
            <dd>
              ${p.notSelected.outsideDates > 0 ? html`${plural(p.notSelected.outsideDates, 'entry', 'entries')} outside the dates<br />` : nothing}
              ${p.notSelected.agencyNotIncluded > 0 ? html`${plural(p.notSelected.agencyNotIncluded, 'entry', 'entries')} from agencies you left out` : nothing}
            </dd>
          </div>`
        : nothing}
      <div class="summary-list__row">
        <dt>Patterns</dt>
        <dd>
          ${plural(p.highlights.length, 'pattern', 'patterns')} in the pack${leftOut > 0
            ? html`<span class="reason">
                ${plural(leftOut, 'pattern is', 'patterns are')} left out: a pattern goes in only when all of its entries do${family ? ', and dismissed patterns are never in the family version' : ''}.
              </span>`
            : nothing}
        </dd>
      </div>
    </dl>
    ${packHouseholdPreview(p)} ${p.childsVoice ? voiceSummary(p.childsVoice) : nothing} ${packAnalysisPreview(p)}
    <h3 class="heading-s">Entries</h3>
    ${p.rows.length === 0 ? html`<p class="inset">No entries match these options: the pack would be empty.</p>` : rowsTable(p)}
    ${p.highlights.length > 0
      ? html`<h3 class="heading-s">Patterns</h3>
          <ul class="highlights">
            ${p.highlights.map(
              (h) => html`<li>
                <h4><span class="tag ${h.severity === 'high' ? 'tag--red' : 'tag--orange'}">${h.severity === 'high' ? 'High' : 'Medium'}</span> ${h.title}</h4>
                <p class="body-s secondary">${formatChronoDate(h.window.from)} to ${formatChronoDate(h.window.to)} · ${h.agencyNames.join(', ')}</p>
                <p>${h.explanation}</p>
                ${h.review
                  ? html`<p class="body-s">${h.review.status === 'dismissed' ? 'Dismissed' : 'Reviewed'} by ${h.review.byName}, ${formatInstant(h.review.at)}: ${userText(h.review.note)}</p>`
                  : nothing}
              </li>`,
            )}
          </ul>`
      : nothing}
    ${actions}
  </section>`;
}

function voiceEvent(e: PackVoice['lastHeardFrom']) {
  if (e === null) return html`<span class="secondary">Not recorded in this pack</span>`;
  const days = e.daysSince === 0 ? 'on the day of the conference' : `${e.approximate ? 'at least ' : ''}${plural(e.daysSince, 'day', 'days')} before the conference`;
  return html`${e.dateText} <span class="secondary">(${days})</span>`;
}

/** Professional version only: when each agency in the pack last heard from the child and saw them alone. */
function voiceSummary(v: PackVoice) {
  return html`<h3 class="heading-s">The child’s voice</h3>
    ${v.quiet
      ? voiceWarning(
          v.lastHeardFrom === null
            ? 'No entry in this pack records the child’s own words.'
            : `Nobody has recorded the child’s words for ${v.lastHeardFrom.approximate ? 'at least ' : ''}${plural(v.lastHeardFrom.daysSince, 'day', 'days')} before the conference.`,
          'data-pack-voice-quiet',
        )
      : nothing}
    ${voiceTable(
      'When each agency in the pack last recorded the child’s words and last saw the child alone',
      v.agencies.map((a) => ({ agencyName: a.agencyName, lastHeardFrom: voiceEvent(a.lastHeardFrom), lastSeenAlone: voiceEvent(a.lastSeenAlone) })),
      { dataPackVoice: true },
    )}`;
}

function rowsTable(p: PackPreview) {
  const professional = p.kind === 'professional';
  return html`<div class="table-scroll" tabindex="0" role="region" aria-label="Entries in the pack">
    <table class="table pack-table" data-pack-rows>
      <caption class="visually-hidden">The entries the pack will hold</caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Age</th>
          <th scope="col">Agency</th>
          <th scope="col">Category</th>
          <th scope="col">Summary</th>
          <th scope="col">Detail</th>
          <th scope="col">Impact on the child</th>
          <th scope="col">The child’s voice</th>
          <th scope="col">Action taken</th>
          ${professional ? html`<th scope="col">Source</th>` : nothing}
        </tr>
      </thead>
      <tbody>
        ${p.rows.map(
          (r) => html`<tr data-entry=${r.entryId}>
            <td>${r.dateText}</td>
            <td>${r.ageText}</td>
            <td>${r.agencyName}</td>
            <td>${r.categoryLabel}</td>
            <td>
              <strong>${userText(r.summary)}</strong>
              ${r.professionalsOnly ? html`<span class="reason"><span class="tag tag--orange">Professionals only</span> ${userText(r.professionalsOnly.reason)}</span>` : nothing}
              ${r.householdEvent ? html`<span class="reason" data-household-event><span class="tag tag--purple">Household event</span> recorded for every child in the household</span>` : nothing}
            </td>
            <td>${userText(r.detail)}</td>
            <td>${userText(r.impactOnChild)}</td>
            <td>
              ${userText(r.childsVoice)}
              ${professional && r.seenAlone ? html`<span class="reason">Seen alone: ${seenAloneLabel(r.seenAlone)}</span>` : nothing}
            </td>
            <td>${userText(r.actionTaken)}</td>
            ${professional ? html`<td>${userText([r.source?.sourceRef, r.source?.recordedBy].filter(Boolean).join(' · '))}</td>` : nothing}
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
