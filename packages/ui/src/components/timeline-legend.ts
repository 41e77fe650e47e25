// The timeline's key: the category groups' symbols, how dates are drawn, and, when shown, the
// marks for changes since a conference and for cycles and deadlines. Every picture on the timeline is
// also said in words; the key is for sighted readers learning the shapes.
import { html, nothing } from 'lit';
import { cssProps } from '../directives/css-props.js';
import { GROUP_STYLES } from '../model/category-style.js';
import { CHANGE_LABELS, CHANGE_LETTERS } from '../model/changes.js';
import { symbol } from './symbols.js';
import { bandLegend } from './timeline-bands-row.js';

export function timelineLegend(o: { changes: boolean; bands: boolean }) {
  return html`<div class="legend" data-legend>
    <div>
      <h3>Category groups</h3>
      <ul>
        ${GROUP_STYLES.map((s) => html`<li>${symbol(s.shape, s.colour)} ${s.label} <span class="visually-hidden">(${s.shapeName})</span></li>`)}
      </ul>
    </div>
    <div>
      <h3>How dates are drawn</h3>
      <ul>
        <li><span class="mark mark--point sample" aria-hidden="true">${symbol('circle', '#505a5f')}</span> Exact day</li>
        <li><span class="mark mark--span sample" aria-hidden="true" ${cssProps({ '--c': '#505a5f' })}></span> Month or year only (spans it)</li>
        <li><span class="mark mark--period sample" aria-hidden="true" ${cssProps({ '--c': '#505a5f' })}></span> Period, start to end</li>
        <li><span class="mark mark--approximate sample" aria-hidden="true" ${cssProps({ '--c': '#505a5f' })}><span class="approx">c.</span></span> Approximate</li>
        <li><span class="mark mark--point mark--withdrawn sample" aria-hidden="true">${symbol('circle', '#505a5f')}</span> Withdrawn</li>
        <li><span class="mark mark--point mark--highlighted sample" aria-hidden="true">${symbol('circle', '#505a5f')}</span> In the chosen pattern</li>
        <li><span class="mark mark--point sample sample--badge" aria-hidden="true">${symbol('circle', '#505a5f')}<span class="risk-high">!</span></span> High screening result</li>
        <li><span class="mark mark--point sample sample--badge" aria-hidden="true">${symbol('circle', '#505a5f')}<span class="household">⌂</span></span> Household event (recorded once for the children of the household)</li>
      </ul>
    </div>
    ${o.bands ? bandLegend() : nothing}
    ${o.changes
      ? html`<div data-change-legend>
          <h3>Since the conference</h3>
          <ul>
            ${(['new', 'amended', 'withdrawn'] as const).map(
              (k) => html`<li><span class="change" aria-hidden="true">${CHANGE_LETTERS[k]}</span> ${CHANGE_LABELS[k].replace(' since the conference', '')}</li>`,
            )}
          </ul>
        </div>`
      : nothing}
  </div>`;
}
