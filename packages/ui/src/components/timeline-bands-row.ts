// Drawing the "start again" cycles and expected-event deadlines (model/timeline-bands.ts) on the
// timeline: a row below the lanes (above them, it would push the lanes out of a laptop's first screen) where each cycle and each deadline is a button (one tab stop; the
// arrow keys move along the row; Enter chooses its highlight in the patterns panel), and, for the
// cycles, hatched bands down through every lane behind the entries so the repetition shows whatever
// agency recorded what.
//
// Never colour alone: a cycle carries its number ("↻ 2") and a hatch; a deadline ends in a thick
// "expected by" line and carries its state in words ("Overdue", "Late", "Due"), overdue with a dark
// hatch and late with a dashed stretch on to the day the entry came. Each button says it all in words
// (its description), and the timeline's summary counts them.
import { css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { cssProps } from '../directives/css-props.js';
import type { BandLayout, PlacedBand } from '../model/timeline-bands.js';

/** Height of one row of bands, in px. */
export const BAND_ROW = 30;

export const bandStyles = css`
  .bands {
    display: flex;
    border-top: 1px solid var(--mac-border);
    background: #fff;
  }
  .bands-label {
    flex: none;
    width: var(--label-width);
    padding: 6px 8px;
    border-right: 1px solid var(--mac-border);
    font-weight: 700;
    font-size: 0.875rem;
    overflow-wrap: anywhere;
  }
  .bands-count {
    display: block;
    font-weight: 400;
    color: var(--mac-secondary-text);
  }
  .bands-track {
    position: relative;
    flex: 1;
    overflow: clip;
  }
  .band-item {
    position: absolute;
    height: 24px;
    padding: 0;
    margin: 0;
    border: 0;
    background: none;
    font: inherit;
    font-size: 0.8125rem;
    font-weight: 700;
    color: #0b0c0c;
    cursor: pointer;
    display: flex;
    align-items: center;
    white-space: nowrap;
  }
  .band-item:hover {
    box-shadow: 0 0 0 2px var(--mac-link-hover);
  }
  .band-item:focus-visible {
    outline: 3px solid #0b0c0c;
    outline-offset: 1px;
    background-color: var(--mac-focus);
    box-shadow: 0 0 0 6px var(--mac-focus);
    z-index: 3;
  }
  .band-item--selected {
    outline: 3px solid var(--mac-link);
    outline-offset: 2px;
  }
  /* A cycle: closure to re-referral, hatched, numbered. */
  .band-cycle {
    justify-content: flex-start;
    padding-left: 4px;
    border: 2px solid #4c2c92;
    background: repeating-linear-gradient(135deg, #ede7f6 0 6px, #d3c4ee 6px 12px);
  }
  /* A deadline: the time allowed, then its end (the "expected by" line), then the state in words. */
  .deadline-allowed {
    flex: none;
    height: 10px;
    border: 2px solid #0b0c0c;
    border-right: 0;
    background: #f3f2f1;
    box-sizing: border-box;
  }
  .deadline-end {
    flex: none;
    width: 4px;
    height: 22px;
    background: #0b0c0c;
  }
  .deadline-late {
    flex: none;
    height: 0;
    border-top: 3px dashed #0b0c0c;
  }
  .deadline-word {
    flex: none;
    margin-left: 3px;
    padding: 0 3px;
    border: 2px solid #0b0c0c;
    background: #fff;
    line-height: 16px;
  }
  .deadline--overdue .deadline-word {
    color: #fff;
    background: #942514;
    border-color: #942514;
  }
  .deadline--overdue .deadline-allowed {
    background: repeating-linear-gradient(135deg, #f4d7d2 0 4px, #942514 4px 6px);
  }
  .deadline--due .deadline-allowed {
    border-style: dashed;
  }
  /* Cycle bands through the lanes, behind the entries (in the overlay, hidden from assistive technology). */
  .cycle-band {
    position: absolute;
    top: 0;
    bottom: 0;
    border-left: 2px solid #4c2c92;
    border-right: 2px solid #4c2c92;
    background: repeating-linear-gradient(135deg, rgb(76 44 146 / 0.07) 0 8px, rgb(76 44 146 / 0.15) 8px 16px);
  }
  .legend .band-item {
    position: relative;
    cursor: default;
  }
  @container (max-width: 560px) {
    .bands {
      flex-direction: column;
    }
    .bands-label {
      width: auto;
      border-right: 0;
      border-bottom: 1px solid var(--mac-border);
      padding: 2px 8px;
      background: #f8f8f8;
    }
    .bands-count {
      display: inline;
      margin-left: 0.5rem;
    }
    .bands-track {
      flex: none;
    }
  }
`;

export interface BandRowOptions {
  readonly layout: BandLayout;
  /** The key of the band holding the row's one tab stop. */
  readonly roving: string | null;
  /** The highlight chosen in the patterns panel, if any. */
  readonly selectedHighlightId: string | null;
  readonly onChoose: (placed: PlacedBand) => void;
  readonly onFocus: (key: string) => void;
  readonly onKey: (event: KeyboardEvent, key: string) => void;
}

function bandBody(p: PlacedBand) {
  const band = p.band;
  if (band.kind === 'cycle') return html`<span aria-hidden="true">↻ ${band.index}</span>`;
  const lateWidth = band.status === 'late' ? Math.max(0, p.width - p.allowedWidth) : 0;
  return html`<span class="deadline-allowed" aria-hidden="true" ${cssProps({ width: `${Math.max(6, p.allowedWidth - 4)}px` })}></span
    ><span class="deadline-end" aria-hidden="true"></span
    >${band.status === 'late'
      ? html`<span class="deadline-late" aria-hidden="true" ${cssProps({ width: `${Math.max(0, lateWidth - 4)}px` })}></span>`
      : nothing}<span class="deadline-word" aria-hidden="true">${band.label}</span>`;
}

/** The row of cycles and deadlines below the lanes; nothing when there are none. */
export function bandRow(o: BandRowOptions) {
  const { layout } = o;
  if (layout.total === 0) return nothing;
  const name = `“Start again” cycles and deadlines: ${layout.inView} of ${layout.total} in view`;
  return html`<div class="bands" role="group" aria-label=${name} data-bands>
    <div class="bands-label" aria-hidden="true">Cycles and deadlines<span class="bands-count">${layout.inView} of ${layout.total} in view</span></div>
    <div class="bands-track" ${cssProps({ height: `${Math.max(1, layout.rows) * BAND_ROW + 4}px` })}>
      ${repeat(
        layout.placed,
        (p) => p.band.key,
        (p) => {
          const band = p.band;
          const classes = [
            'band-item',
            band.kind === 'cycle' ? 'band-cycle' : `band-deadline deadline--${band.status}`,
            band.highlightId === o.selectedHighlightId ? 'band-item--selected' : '',
          ].join(' ');
          // A deadline's word may run past its late stretch; the layout left room for it.
          const width = band.kind === 'cycle' ? p.width : Math.max(24, p.width);
          return html`<button
            type="button"
            class=${classes}
            data-band=${band.kind}
            data-band-key=${band.key}
            data-status=${band.kind === 'deadline' ? band.status : nothing}
            tabindex=${band.key === o.roving ? '0' : '-1'}
            aria-pressed=${band.highlightId === o.selectedHighlightId ? 'true' : 'false'}
            ${cssProps({ left: `${p.left}px`, width: `${width}px`, top: `${p.row * BAND_ROW + 3}px` })}
            @click=${() => o.onChoose(p)}
            @focus=${() => o.onFocus(band.key)}
            @keydown=${(e: KeyboardEvent) => o.onKey(e, band.key)}
          >
            ${bandBody(p)}<span class="visually-hidden">${band.description}</span>
          </button>`;
        },
      )}
    </div>
  </div>`;
}

/** The cycles again, as hatched bands through every lane (decorative: the row's buttons say it). */
export function cycleOverlay(layout: BandLayout) {
  return layout.placed
    .filter((p) => p.band.kind === 'cycle')
    .map((p) => html`<span class="cycle-band" data-cycle-band ${cssProps({ left: `${p.left}px`, width: `${p.width}px` })}></span>`);
}

/** Legend entries for the row, shown only when it is. */
export function bandLegend() {
  return html`<div data-bands-legend>
    <h3>Cycles and deadlines</h3>
    <ul>
      <li><span class="band-item band-cycle sample" aria-hidden="true"><span>↻ 1</span></span> “Start again” cycle: closed, then referred again</li>
      <li>
        <span class="band-item band-deadline deadline--due sample" aria-hidden="true"><span class="deadline-allowed" ${cssProps({ width: '14px' })}></span><span class="deadline-end"></span></span>
        Time allowed for an expected entry, ending at its “expected by” line
      </li>
      <li><span class="band-item band-deadline deadline--overdue" aria-hidden="true"><span class="deadline-word">Overdue</span></span> not recorded by then</li>
      <li>
        <span class="band-item band-deadline deadline--late" aria-hidden="true"><span class="deadline-late" ${cssProps({ width: '14px' })}></span><span class="deadline-word">Late</span></span>
        recorded after it
      </li>
    </ul>
  </div>`;
}
