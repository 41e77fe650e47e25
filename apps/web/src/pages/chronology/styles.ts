// The chronology page's styles (the page element is chronology-page.ts).
import { css } from 'lit';

export const chronologyPageStyles = css`
  :host {
    display: block;
    /* --mac-sticky-offset is the sticky status bar's height, measured (see sticky-offset.ts): focusing
       or scrolling to an element leaves it clear of the bar (scroll-margin, @mac/ui base styles). */
    --mac-scroll-margin: calc(var(--mac-sticky-offset, 0px) + 0.5rem);
  }
  .back {
    display: inline-block;
    margin-bottom: 1rem;
  }
  .page-head {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem 2rem;
    justify-content: space-between;
    align-items: flex-start;
  }
  .page-head {
    margin-bottom: 1rem;
  }
  .page-head > :first-child {
    flex: 1 1 24rem;
  }
  .page-head h1 {
    margin-bottom: 0.5rem;
  }
  /* The buttons and the links to the chronology's other pages share the head's right-hand side, so
     the timeline starts high enough to be seen without scrolling on a laptop. */
  .page-tools {
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    gap: 0.75rem;
    /* At most this wide, so that more links wrap within it rather than push it below the heading. */
    flex: 0 1 40rem;
    min-width: 0;
  }
  .page-tools .page-links ul {
    justify-content: flex-end;
    margin: 0;
  }
  .child-meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1.5rem;
    margin: 0;
  }
  .child-meta div {
    display: flex;
    gap: 0.375rem;
  }
  .child-meta dt {
    color: var(--mac-secondary-text);
  }
  .child-meta dd {
    margin: 0;
    font-weight: 700;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
  }
  .actions .button {
    margin-bottom: 0;
  }
  .page-links ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.5rem;
    list-style: none;
    margin: 0 0 1rem;
    padding: 0;
  }
  .page-links a {
    display: inline-block;
    min-height: 24px;
  }
  /* Always in view on a laptop: what has been saved must never be a scroll away. On a phone it would
     cover a third of the screen, so there it scrolls with the page (see the max-width rules below). */
  .live-bar {
    position: sticky;
    top: 0;
    z-index: 5;
    background: #fff;
    display: grid;
    grid-template-columns: minmax(14rem, 24rem) 1fr;
    gap: 1rem 2rem;
    align-items: center;
    padding: 0.5rem 0;
    margin-bottom: 1rem;
    border-top: 1px solid var(--mac-border);
    border-bottom: 1px solid var(--mac-border);
  }
  .following {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.5rem;
    align-items: center;
    padding: 0.75rem 1rem;
    margin-bottom: 1rem;
    color: #fff;
    background: #4c2c92;
    font-weight: 700;
  }
  .following .button {
    margin: 0;
  }
  .alert {
    padding: 1rem;
    margin-bottom: 1rem;
    border: 5px solid var(--mac-error);
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(20rem, 26rem);
    grid-template-areas:
      'timeline patterns'
      'table table';
    gap: 1.5rem 2rem;
    align-items: start;
  }
  /* An open entry takes the right-hand column beside the table; closed, the table has the full width. */
  .layout--panel {
    grid-template-areas:
      'timeline patterns'
      'table panel';
  }
  .area-timeline {
    grid-area: timeline;
    min-width: 0;
  }
  .area-patterns {
    grid-area: patterns;
    --patterns-max-height: 36rem;
  }
  .area-table {
    grid-area: table;
    min-width: 0;
  }
  .area-panel {
    grid-area: panel;
    /* Sticky over the page as it scrolls: opaque, so nothing shows through it. */
    background: #fff;
    position: sticky;
    top: calc(var(--mac-sticky-offset, 0px) + 0.5rem);
    max-height: calc(100vh - var(--mac-sticky-offset, 0px) - 1rem);
    overflow-y: auto;
  }
  .entries-head {
    margin-top: 0.5rem;
  }
  .panel {
    border-top: 5px solid var(--mac-brand);
    padding-top: 0.75rem;
  }
  .print-only {
    display: none;
  }
  .changes {
    border-left: 5px solid #0b0c0c;
    padding: 0.75rem 1rem;
    margin-bottom: 1rem;
    background: var(--mac-light-grey);
  }
  .changes h2 {
    margin-bottom: 0.5rem;
  }
  .changes ul {
    margin: 0 0 0.5rem;
    padding-left: 1.25rem;
    max-height: 12rem;
    overflow-y: auto;
  }
  .changes li {
    margin-bottom: 0.25rem;
  }
  .changes .tag {
    font-size: 0.875rem;
    padding: 0 5px;
  }
  .compare {
    margin-bottom: 1rem;
  }
  /* One column: the highlights come before the table (a phone would otherwise reach them only
     after scrolling past every entry). */
  @media (max-width: 1150px) {
    .layout {
      grid-template-columns: minmax(0, 1fr);
      grid-template-areas: 'timeline' 'panel' 'patterns' 'table';
    }
    .layout--panel {
      grid-template-areas: 'timeline' 'panel' 'patterns' 'table';
    }
    .area-panel {
      position: static;
      max-height: none;
    }
    .live-bar {
      grid-template-columns: 1fr;
    }
  }
  @media (max-width: 640px), (max-height: 500px) {
    .live-bar {
      position: static;
    }
  }
  @media (max-width: 640px) {
    .page-tools {
      align-items: flex-start;
    }
    .page-tools .page-links ul {
      justify-content: flex-start;
    }
  }
  @media print {
    .no-print,
    .area-patterns,
    .area-panel,
    .live-bar,
    .following,
    .back {
      display: none !important;
    }
    .print-only {
      display: block;
    }
    .layout {
      display: block;
    }
    .page-head h1 {
      font-size: 18pt;
    }
    .entries-head {
      margin-top: 0.5rem;
      font-size: 14pt;
    }
  }
`;
