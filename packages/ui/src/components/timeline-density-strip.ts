// The density strip under each timeline lane and its legend (the model is model/timeline-density.ts).
// A strip is a picture of what the lane's label and the table say in words: it is hidden from
// assistive technology, and the lane's accessible name says its busiest month instead.
import { css, html, nothing } from 'lit';
import { formatChronoDate, isoFromEpochDay, plural } from '@mac/domain';
import { cssProps } from '../directives/css-props.js';
import { DENSITY_LEVELS, type DensityUnit, type LaneDensity } from '../model/timeline-density.js';

/** Height of the strip, in px: the lane's track grows by this. */
export const STRIP_HEIGHT = 12;

export const densityStyles = css`
  .density {
    position: absolute;
    left: 0;
    right: 0;
    bottom: 1px;
    height: ${STRIP_HEIGHT - 2}px;
    pointer-events: none;
  }
  .density span,
  .density-key .swatch {
    position: absolute;
    top: 0;
    bottom: 0;
    /* Each shade stands out from white by at least 3:1 (WCAG 1.4.11). */
    background: #6f8fb8;
  }
  .density .d2,
  .density-key .d2 {
    background: #4a74a8;
  }
  .density .d3,
  .density-key .d3 {
    background: #2a5590;
  }
  .density .d4,
  .density-key .d4 {
    background: #12325e;
  }
  .density-key .swatch {
    position: static;
    display: inline-block;
    width: 24px;
    height: 8px;
  }
`;

/** The strip for one lane. Bins narrower than a pixel are drawn a pixel wide so none disappears. */
export function densityStrip(density: LaneDensity | undefined) {
  if (!density || density.bins.length === 0) return nothing;
  return html`<div class="density" aria-hidden="true" data-density=${density.unit}>
    ${density.bins.map(
      (b) => html`<span class="d${b.level}" data-count=${Math.round(b.count * 100) / 100} ${cssProps({ left: `${b.left}px`, width: `${Math.max(1, b.width - 1)}px` })}></span>`,
    )}
  </div>`;
}

function binName(fromDay: number, unit: DensityUnit): string {
  const iso = isoFromEpochDay(fromDay);
  switch (unit) {
    case 'year':
      return iso.slice(0, 4);
    case 'month':
      return formatChronoDate(iso.slice(0, 7));
    case 'week':
      return `the week of ${formatChronoDate(iso)}`;
    case 'day':
      return formatChronoDate(iso);
  }
}

/** "; busiest month in view: Mar 2021, 20 entries" for the lane's accessible name. */
export function describeBusiest(density: LaneDensity | undefined): string {
  const b = density?.busiest;
  if (!density || !b) return '';
  const n = Math.round(b.count * 10) / 10;
  return `; busiest ${density.unit} in view: ${binName(b.fromDay, density.unit)}, ${plural(n, 'entry', 'entries')}`;
}

export function densityLegend(unit: DensityUnit) {
  return html`<div class="density-key" data-density-legend>
    <h3>Entries per ${unit} (the strip under each lane)</h3>
    <ul>
      ${DENSITY_LEVELS.map((l) => html`<li><span class="swatch d${l.level}" aria-hidden="true"></span> ${l.label}</li>`)}
    </ul>
  </div>`;
}
