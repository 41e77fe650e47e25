// The household in the pack's preview (issue 14 item 5): the other children as the pack will show them,
// and how many of its entries are household events. Nothing of a sibling's record is in the preview: the
// server never reads it for a pack.
import { html, nothing } from 'lit';
import { plural, pluralWord, type PackPreview } from '@mac/domain';
import { userText } from '@mac/ui';

export function packHouseholdPreview(p: PackPreview) {
  const h = p.household;
  if (!h) return nothing;
  const professional = p.kind === 'professional';
  return html`<h3 class="heading-s" data-pack-household>The household</h3>
    ${h.siblings.length === 0
      ? html`<p class="inset">This child’s chronology is not linked to any other child’s: the pack says so.</p>`
      : html`<p>${h.name ? `${h.name}: ` : ''}the other children who live with this child. The pack shares only their names, ages and leads; what is recorded about them is not in it.</p>
          <table class="table" data-pack-siblings>
            <caption class="visually-hidden">The other children in the household, as the pack shows them</caption>
            <thead>
              <tr>
                <th scope="col">Child</th>
                <th scope="col">Date of birth (age at the conference)</th>
                <th scope="col">In the household</th>
                <th scope="col">Lead professional</th>
                ${professional ? html`<th scope="col">You may open their chronology</th>` : nothing}
              </tr>
            </thead>
            <tbody>
              ${h.siblings.map(
                (s) => html`<tr>
                  <th scope="row">${s.name}</th>
                  <td>${s.ageText ? `${s.dateOfBirth} (${s.ageText})` : s.dateOfBirth}</td>
                  <td>${s.relationship}</td>
                  <td>${s.lead}</td>
                  ${professional ? html`<td>${s.canOpen ? 'Yes' : 'No'}</td>` : nothing}
                </tr>`,
              )}
            </tbody>
          </table>`}
    ${h.people
      ? html`<h4 class="heading-s">The adults around the child</h4>
          ${h.people.length === 0
            ? html`<p>No adult is recorded around this child.</p>`
            : html`<table class="table" data-pack-people>
                <caption class="visually-hidden">The adults around the child, with the flags shared with professionals</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Relationship to the child</th>
                    <th scope="col">Flags (shared with professionals)</th>
                  </tr>
                </thead>
                <tbody>
                  ${h.people.map(
                    (person) => html`<tr>
                      <th scope="row">${person.name}</th>
                      <td>${person.relationship}</td>
                      <td>
                        ${person.flags.length === 0
                          ? 'None'
                          : person.flags.map((f) => html`<span class="reason"><strong>${f.kind}</strong> (${f.agencyName}, since ${f.since}): ${userText(f.reason)}</span>`)}
                      </td>
                    </tr>`,
                  )}
                </tbody>
              </table>`}`
      : nothing}
    <p data-pack-household-events>
      ${h.householdEvents === 0
        ? 'No entry in this pack is a household event.'
        : `${plural(h.householdEvents, 'entry', 'entries')} in this pack ${pluralWord(h.householdEvents, 'is a household event', 'are household events')}, marked “Household event” below.`}
    </p>`;
}
