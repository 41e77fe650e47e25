// Shared styles for MAC's components, written in the GOV.UK Design System's visual language (its
// colours, focus state, typography, links, buttons, tags, warning text and print rules) without its
// Sass build. Lit adopts each sheet as a constructable stylesheet, which the strict CSP
// (style-src 'self') allows; a sheet is created once and shared by every component that lists it.
// One module per sheet: tokens.ts, base.ts (this), forms.ts, tables.ts, banners.ts; pageStyles
// (page-styles.ts) is the five together, as most pages use them.
import { css } from 'lit';

export const base = css`
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  /* A page with a sticky bar sets --mac-scroll-margin, so that focusing or scrolling to an element
     (an error summary, a field, an entry) never leaves it hidden under the bar. */
  * {
    scroll-margin-top: var(--mac-scroll-margin, 0px);
  }
  [hidden] {
    display: none !important;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    margin: 0 !important;
    padding: 0 !important;
    overflow: hidden !important;
    clip: rect(0 0 0 0) !important;
    clip-path: inset(50%) !important;
    border: 0 !important;
    white-space: nowrap !important;
  }
  h1,
  h2,
  h3,
  h4 {
    margin-top: 0;
    font-weight: 700;
  }
  .heading-xl {
    font-size: 2.5rem;
    line-height: 1.1;
    margin-bottom: 1.5rem;
  }
  .heading-l {
    font-size: 2rem;
    line-height: 1.15;
    margin-bottom: 1.25rem;
  }
  .heading-m {
    font-size: 1.5rem;
    line-height: 1.25;
    margin-bottom: 1rem;
  }
  .heading-s {
    font-size: 1.1875rem;
    line-height: 1.3;
    margin-bottom: 0.75rem;
  }
  .caption {
    display: block;
    color: var(--mac-secondary-text);
    font-size: 1.1875rem;
    font-weight: 400;
    margin-bottom: 0.25rem;
  }
  p,
  .body {
    margin-top: 0;
    margin-bottom: 1rem;
  }
  .body-s {
    font-size: 0.875rem;
    line-height: 1.4;
  }
  .secondary {
    color: var(--mac-secondary-text);
  }
  a,
  .link {
    color: var(--mac-link);
    text-decoration: underline;
    text-decoration-thickness: max(1px, 0.0625rem);
    text-underline-offset: 0.1578em;
  }
  a:hover,
  .link:hover {
    color: var(--mac-link-hover);
    text-decoration-thickness: max(3px, 0.1875rem);
  }
  a:focus-visible,
  .link:focus-visible {
    outline: 3px solid transparent;
    color: var(--mac-focus-text);
    background-color: var(--mac-focus);
    box-shadow: 0 -2px var(--mac-focus), 0 4px var(--mac-focus-text);
    text-decoration: none;
  }
  /* A button that reads as a link: for actions inside text and tables. */
  .link-button {
    font: inherit;
    color: var(--mac-link);
    background: none;
    border: 0;
    padding: 0;
    margin: 0;
    min-height: 24px;
    text-align: left;
    text-decoration: underline;
    text-underline-offset: 0.1578em;
    cursor: pointer;
  }
  .link-button:hover {
    color: var(--mac-link-hover);
    text-decoration-thickness: 3px;
  }
  .link-button:focus-visible {
    outline: 3px solid transparent;
    color: var(--mac-focus-text);
    background-color: var(--mac-focus);
    box-shadow: 0 -2px var(--mac-focus), 0 4px var(--mac-focus-text);
    text-decoration: none;
  }
  .button {
    font: inherit;
    font-size: 1.1875rem;
    line-height: 1.1875;
    display: inline-block;
    position: relative;
    min-height: 40px;
    margin: 0 0 1.5rem;
    padding: 8px 10px 7px;
    border: 2px solid transparent;
    border-radius: 0;
    color: #fff;
    background-color: #00703c;
    box-shadow: 0 2px 0 #002d18;
    text-align: center;
    text-decoration: none;
    vertical-align: top;
    cursor: pointer;
    -webkit-appearance: none;
  }
  .button:hover {
    background-color: #005a30;
  }
  .button:active {
    top: 2px;
  }
  .button:focus-visible {
    border-color: var(--mac-focus);
    outline: 3px solid transparent;
    color: var(--mac-focus-text);
    background-color: var(--mac-focus);
    box-shadow: inset 0 0 0 1px var(--mac-focus), 0 2px 0 var(--mac-focus-text);
  }
  .button--secondary {
    color: var(--mac-text);
    background-color: var(--mac-light-grey);
    box-shadow: 0 2px 0 #929191;
  }
  .button--secondary:hover {
    background-color: #dbdad9;
  }
  .button--warning {
    background-color: var(--mac-error);
    box-shadow: 0 2px 0 #55150b;
  }
  .button--warning:hover {
    background-color: #aa2a16;
  }
  .button--small {
    font-size: 1rem;
    min-height: 32px;
    padding: 4px 8px 3px;
    margin-bottom: 0;
  }
  .button[aria-pressed='true'] {
    color: #fff;
    background-color: #0b0c0c;
    box-shadow: 0 2px 0 #505a5f;
  }
  .button[aria-pressed='true']:focus-visible {
    color: var(--mac-focus-text);
    background-color: var(--mac-focus);
  }
  .button:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  .button-group {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem 1rem;
    margin-bottom: 1rem;
  }
  .button-group > .button {
    margin-bottom: 0;
  }
  .tag {
    display: inline-block;
    max-width: 100%;
    padding: 2px 8px 3px;
    font-size: 1rem;
    line-height: 1.25;
    color: #0c2d4a;
    background-color: #bbd4ea;
    overflow-wrap: break-word;
  }
  .tag--grey {
    color: #282d30;
    background-color: var(--mac-mid-grey);
  }
  .tag--red {
    color: #2a0b06;
    background-color: #f4cdc6;
  }
  .tag--green {
    color: #005a30;
    background-color: #cce2d8;
  }
  .tag--yellow {
    color: #594d00;
    background-color: #fff7bf;
  }
  .tag--orange {
    color: #6e3619;
    background-color: #fcd6c3;
  }
  .tag--purple {
    color: #3d2375;
    background-color: #dbd5e9;
  }
  .tag--household {
    /* A household event's copy (issue 14): dark blue on light blue (contrast 8.6:1). */
    color: #144e81;
    background: #d2e2f1;
  }
  .inset {
    padding: 0.75rem 1rem;
    margin: 0 0 1rem;
    border-left: 10px solid var(--mac-border);
  }
  .warning-text {
    display: flex;
    gap: 0.75rem;
    align-items: flex-start;
    font-weight: 700;
    margin-bottom: 1rem;
  }
  .warning-text__icon {
    flex: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 32px;
    height: 32px;
    border-radius: 50%;
    color: #fff;
    background: var(--mac-text);
    font-size: 1.5rem;
    line-height: 1;
  }
  .section-break {
    margin: 1.5rem 0;
    border: 0;
    border-bottom: 1px solid var(--mac-border);
  }
  [tabindex='-1']:focus {
    outline: none;
  }
  @media print {
    .no-print {
      display: none !important;
    }
    a {
      color: #000;
    }
  }
`;

// mac-timeline.ts still imports its tokens from here (it is being split apart by another change):
// new code imports them from tokens.js.
export { tokens } from './tokens.js';
