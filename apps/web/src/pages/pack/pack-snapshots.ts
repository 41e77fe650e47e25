// The conference packs produced before for a chronology, newest first, each with the snapshot it
// froze, and what has changed since the last one.
import { html, nothing } from 'lit';
import { plural } from '@mac/domain';
import { formatInstant } from '@mac/ui';
import type { Changes, Snapshot } from '../../api.js';
import { chronologyPath, snapshotPath } from '../../app/router.js';

/** The packs produced before (each froze a snapshot) and what changed since the last. */
export function packSnapshots(chronologyId: string, list: readonly Snapshot[] | null, changes: Changes | null) {
  if (list === null) return nothing;
  return html`<h2 class="heading-m">Packs produced before</h2>
    ${list.length === 0
      ? html`<p>No conference pack has been produced for this chronology yet.</p>`
      : html`${changes
            ? html`<p data-changes-summary>
                Since the last pack: ${plural(changes.added.length, 'new entry', 'new entries')}, ${plural(changes.amended.length, 'entry', 'entries')} amended and
                ${plural(changes.withdrawn.length, 'entry', 'entries')} withdrawn.
                <a href="${chronologyPath(chronologyId)}?since=${list[0]!.id}">Show the changes in the chronology</a>
              </p>`
            : nothing}
          <div class="table-scroll">
            <table class="table" data-snapshots>
              <caption class="visually-hidden">Conference packs produced for this chronology, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Pack</th>
                  <th scope="col">Produced</th>
                  <th scope="col" class="numeric">Entries</th>
                  <th scope="col"><span class="visually-hidden">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                ${list.map(
                  (s) => html`<tr>
                    <td>${s.label}</td>
                    <td>${formatInstant(s.takenAt)} by ${s.takenBy.name}</td>
                    <td class="numeric">${s.entryCount ?? ''}</td>
                    <td>
                      <a href=${snapshotPath(chronologyId, s.id)}>View as presented<span class="visually-hidden">: ${s.label}</span></a>
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`}`;
}
