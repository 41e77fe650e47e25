// The child's-voice table and its warning, drawn the same way on the chronology page (<mac-childs-voice>,
// live, each date a link to its entry) and in the conference pack's preview (the pack's own figures, days
// counted to the conference). What goes in a cell differs; the table, its caption, its headings and the
// GOV.UK warning text are one markup, here.
import { html, nothing, type TemplateResult } from 'lit';

export interface VoiceTableRow {
  /** The agency's slug, for tests and styling hooks. */
  agency?: string;
  agencyName: string;
  lastHeardFrom: TemplateResult;
  lastSeenAlone: TemplateResult;
}

export function voiceTable(caption: string, rows: readonly VoiceTableRow[], attrs: { dataPackVoice?: boolean } = {}): TemplateResult {
  return html`<table class="table" ?data-pack-voice=${attrs.dataPackVoice === true}>
    <caption class="visually-hidden">${caption}</caption>
    <thead>
      <tr>
        <th scope="col">Agency</th>
        <th scope="col">Last heard from</th>
        <th scope="col">Last seen alone</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) => html`<tr data-agency=${r.agency ?? nothing}>
          <th scope="row">${r.agencyName}</th>
          <td>${r.lastHeardFrom}</td>
          <td>${r.lastSeenAlone}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

/** GOV.UK warning text saying the child has not been heard from; `hook` is the data attribute tests find it by. */
export function voiceWarning(text: string | TemplateResult, hook: 'data-voice-quiet' | 'data-pack-voice-quiet'): TemplateResult {
  return html`<div class="warning-text" ?data-voice-quiet=${hook === 'data-voice-quiet'} ?data-pack-voice-quiet=${hook === 'data-pack-voice-quiet'}>
    <span class="warning-text__icon" aria-hidden="true">!</span>
    <span><span class="visually-hidden">Warning</span> ${text}</span>
  </div>`;
}
