// The timeline's own styles, apart from its behaviour (mac-timeline.ts). The density strip's and the
// cycle and deadline row's styles live beside their drawing (timeline-density-strip.ts, timeline-checks.ts).
import { css } from 'lit';

export const timelineStyles = css`
  :host {
    display: block;
    --label-width: 11rem;
    container-type: inline-size;
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.5rem 1rem;
  }
  .head h2 {
    margin-bottom: 0.5rem;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-bottom: 0.5rem;
  }
  .state {
    margin: 0 0 0.5rem;
    color: var(--mac-secondary-text);
  }
  .summary {
    margin-bottom: 0.5rem;
  }
  /* overflow: clip, not hidden: a hidden overflow is still a scroll container, and focusing a
     mark at the edge would scroll a lane out of line with the axis. */
  .frame {
    border: 1px solid var(--mac-border);
    background: #fff;
    overflow: clip;
  }
  .axis {
    display: flex;
    border-bottom: 1px solid var(--mac-border);
    height: 28px;
    background: var(--mac-light-grey);
  }
  .axis-spacer {
    flex: none;
    width: var(--label-width);
    border-right: 1px solid var(--mac-border);
  }
  .axis-track {
    position: relative;
    flex: 1;
    overflow: clip;
  }
  .tick {
    position: absolute;
    top: 0;
    height: 28px;
    padding: 5px 0 0 4px;
    font-size: 0.875rem;
    white-space: nowrap;
    border-left: 1px solid var(--mac-border);
    color: var(--mac-secondary-text);
  }
  .tick--major {
    border-left: 2px solid #0b0c0c;
    color: var(--mac-text);
    font-weight: 700;
  }
  /* The last label, where there is no room after its line: against the right edge instead (the
     gridline below still marks its day). */
  .tick--end {
    left: auto !important;
    right: 0;
    padding: 5px 4px 0;
    border-left: 0;
  }
  .plot {
    position: relative;
    min-height: 4rem;
  }
  .plot:focus-visible {
    outline: 3px solid var(--mac-focus);
    outline-offset: -3px;
    box-shadow: inset 0 0 0 6px #0b0c0c;
  }
  .overlay {
    position: absolute;
    top: 0;
    bottom: 0;
    left: var(--label-width);
    right: 0;
    overflow: clip;
    pointer-events: none;
  }
  .gridline {
    position: absolute;
    top: 0;
    bottom: 0;
    border-left: 1px solid #e5e6e7;
  }
  .gridline--major {
    border-left-color: #b1b4b6;
  }
  .band {
    position: absolute;
    top: 0;
    bottom: 0;
    background: var(--mac-highlight);
    border-left: 2px dashed #594d00;
    border-right: 2px dashed #594d00;
  }
  .lane {
    position: relative;
    display: flex;
    border-bottom: 1px solid var(--mac-border);
  }
  .lane:nth-child(even) .lane-label {
    background: #f8f8f8;
  }
  .lane-label {
    flex: none;
    width: var(--label-width);
    padding: 6px 8px;
    border-right: 1px solid var(--mac-border);
    font-weight: 700;
    font-size: 0.875rem;
    background: #fff;
    overflow-wrap: anywhere;
    z-index: 1;
  }
  .lane-count {
    display: block;
    font-weight: 400;
    color: var(--mac-secondary-text);
  }
  .lane-track {
    position: relative;
    flex: 1;
    overflow: clip;
  }
  .mark,
  .cluster {
    position: absolute;
    height: 24px;
    min-width: 24px;
    padding: 0;
    margin: 0;
    border: 0;
    background: none;
    font: inherit;
    cursor: pointer;
    display: flex;
    align-items: center;
    gap: 2px;
    color: var(--mac-text);
  }
  .mark .symbol {
    flex: none;
    width: 20px;
    height: 20px;
    margin: 0 2px;
  }
  .mark--span {
    border: 2px dotted var(--c);
    background: color-mix(in srgb, var(--c) 12%, white);
  }
  .mark--period {
    border: 2px solid var(--c);
    background: color-mix(in srgb, var(--c) 30%, white);
  }
  .mark--span .symbol,
  .mark--period .symbol {
    width: 16px;
    height: 16px;
  }
  .mark--approximate {
    opacity: 0.8;
    border: 2px dashed var(--c);
    border-radius: 12px;
  }
  .mark--point.mark--approximate {
    background: #fff;
  }
  .risk-high {
    /* A high screening result: a black-on-yellow "!" beside the symbol, not colour alone. */
    font-size: 0.75rem;
    font-weight: 700;
    line-height: 1;
    padding: 1px 4px;
    border: 2px solid #0b0c0c;
    background: #ffdd00;
    color: #0b0c0c;
  }
  .household {
    /* A household event's copy (issue 14): a house beside the symbol, black on white, not colour alone. */
    font-size: 0.8rem;
    font-weight: 700;
    line-height: 1;
    padding: 0 3px;
    border: 2px solid #0b0c0c;
    background: #ffffff;
    color: #0b0c0c;
  }
  .approx {
    font-size: 0.75rem;
    font-weight: 700;
    padding-right: 3px;
  }
  .mark--withdrawn {
    opacity: 0.45;
  }
  .mark--withdrawn::after {
    content: '';
    position: absolute;
    left: -2px;
    right: -2px;
    top: 50%;
    border-top: 2px solid #0b0c0c;
    transform: rotate(-20deg);
  }
  .mark--highlighted {
    box-shadow: 0 0 0 3px #0b0c0c;
    background-color: var(--mac-highlight);
  }
  .mark--selected {
    outline: 3px solid var(--mac-link);
    outline-offset: 2px;
  }
  .mark:hover,
  .cluster:hover {
    box-shadow: 0 0 0 2px var(--mac-link-hover);
  }
  .mark:focus-visible,
  .cluster:focus-visible {
    outline: 3px solid #0b0c0c;
    outline-offset: 1px;
    background-color: var(--mac-focus);
    box-shadow: 0 0 0 6px var(--mac-focus);
    z-index: 3;
  }
  .editing {
    position: absolute;
    top: -8px;
    right: -8px;
    width: 16px;
    height: 16px;
    border-radius: 50%;
    background: #0b0c0c;
    color: #fff;
    font-size: 11px;
    line-height: 16px;
    text-align: center;
  }
  .change {
    position: absolute;
    top: -9px;
    left: -9px;
    min-width: 16px;
    height: 16px;
    padding: 0 2px;
    border-radius: 8px;
    background: #0b0c0c;
    color: #fff;
    font-size: 11px;
    font-weight: 700;
    line-height: 16px;
    text-align: center;
    z-index: 2;
  }
  .mark--changed {
    box-shadow: 0 0 0 2px #0b0c0c;
  }
  .legend .change {
    position: static;
    display: inline-block;
  }
  .cluster {
    justify-content: center;
    background: var(--mac-mid-grey);
    border: 1px solid #505a5f;
    border-radius: 12px;
    font-size: 0.8125rem;
    font-weight: 700;
  }
  .hint {
    color: var(--mac-secondary-text);
    font-size: 0.875rem;
    margin: 0.5rem 0;
  }
  kbd {
    font-family: inherit;
    font-weight: 700;
    border: 1px solid var(--mac-border);
    padding: 0 4px;
    background: var(--mac-light-grey);
  }
  .legend,
  .density-key {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 2rem;
    font-size: 0.875rem;
  }
  .density-key {
    flex-direction: column;
    gap: 0;
  }
  .legend h3,
  .density-key h3 {
    font-size: 0.875rem;
    margin: 0 0 0.25rem;
  }
  .legend ul,
  .density-key ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
  }
  .legend li,
  .density-key li {
    display: flex;
    align-items: center;
    gap: 0.375rem;
  }
  .legend .symbol {
    width: 16px;
    height: 16px;
  }
  .sample {
    position: relative;
    display: inline-flex;
    width: 36px;
    height: 16px;
    cursor: default;
  }
  .sample.mark--point {
    width: 16px;
  }
  .sample.sample--badge {
    width: auto;
  }
  /* Narrow (a phone): each lane's name goes above its track, so the plot keeps the whole width
     instead of what an 11rem name column leaves of 390 px. */
  @container (max-width: 560px) {
    .axis-spacer {
      display: none;
    }
    .overlay {
      left: 0;
    }
    .lane {
      flex-direction: column;
    }
    .lane-label {
      width: auto;
      border-right: 0;
      border-bottom: 1px solid var(--mac-border);
      padding: 2px 8px;
      background: #f8f8f8;
    }
    .lane-count {
      display: inline;
      margin-left: 0.5rem;
    }
    .lane-track {
      flex: none;
    }
  }
  @media print {
    :host {
      display: none;
    }
  }
`;
