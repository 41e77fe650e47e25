// Shared styles for MAC's components, written in the GOV.UK Design System's visual language (its
// colours, focus state, buttons, form controls, error summary, tables and tags) without its Sass
// build. Lit adopts each as a constructable stylesheet, which the strict CSP (style-src 'self')
// allows; a sheet is created once and shared by every component that lists it.
import { css } from 'lit';

export const tokens = css`
  :host {
    --mac-text: #0b0c0c;
    --mac-secondary-text: #505a5f;
    --mac-link: #1d70b8;
    --mac-link-visited: #4c2c92;
    --mac-link-hover: #003078;
    --mac-focus: #ffdd00;
    --mac-focus-text: #0b0c0c;
    --mac-error: #d4351c;
    --mac-success: #00703c;
    --mac-border: #b1b4b6;
    --mac-input-border: #0b0c0c;
    --mac-light-grey: #f3f2f1;
    --mac-mid-grey: #e5e6e7;
    --mac-brand: #1d70b8;
    --mac-highlight: #fff7bf;
    font-family: arial, sans-serif;
    color: var(--mac-text);
    font-size: 1rem;
    line-height: 1.31579;
    -webkit-font-smoothing: antialiased;
  }
`;

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

export const forms = css`
  .form-group {
    margin-bottom: 1.5rem;
  }
  .form-group--error {
    padding-left: 15px;
    border-left: 5px solid var(--mac-error);
  }
  .label,
  .legend {
    display: block;
    font-weight: 700;
    margin-bottom: 0.3rem;
  }
  .legend {
    padding: 0;
    font-size: 1.1875rem;
  }
  .label--s {
    font-weight: 700;
  }
  .hint {
    display: block;
    color: var(--mac-secondary-text);
    margin-bottom: 0.5rem;
  }
  .error-message {
    display: block;
    color: var(--mac-error);
    font-weight: 700;
    margin-bottom: 0.5rem;
  }
  fieldset {
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  .input,
  .textarea,
  .select {
    font: inherit;
    font-size: 1.1875rem;
    width: 100%;
    min-height: 40px;
    margin-top: 0;
    padding: 5px;
    border: 2px solid var(--mac-input-border);
    border-radius: 0;
    color: var(--mac-text);
    background: #fff;
    -webkit-appearance: none;
    appearance: none;
  }
  .select {
    -webkit-appearance: auto;
    appearance: auto;
    width: auto;
    max-width: 100%;
  }
  .textarea {
    display: block;
    min-height: 5.5em;
    resize: vertical;
  }
  .input:focus,
  .textarea:focus,
  .select:focus {
    outline: 3px solid var(--mac-focus);
    outline-offset: 0;
    box-shadow: inset 0 0 0 2px;
  }
  .input--error,
  .textarea--error,
  .select--error {
    border-color: var(--mac-error);
  }
  .input--error:focus,
  .textarea--error:focus,
  .select--error:focus {
    border-color: var(--mac-input-border);
  }
  .input--width-10 {
    max-width: 23ex;
  }
  .input--width-5 {
    max-width: 10.8ex;
  }
  .input--width-20 {
    max-width: 41ex;
  }
  /* Checkboxes and radios: the native control kept (for every assistive technology) but drawn as GOV.UK draws them. */
  .choices {
    display: block;
  }
  .choice {
    position: relative;
    display: flex;
    flex-wrap: wrap;
    margin-bottom: 10px;
  }
  .choice__input {
    position: absolute;
    z-index: 1;
    top: -2px;
    left: -2px;
    width: 44px;
    height: 44px;
    margin: 0;
    opacity: 0;
    cursor: pointer;
  }
  .choice__label {
    display: inline-block;
    align-self: center;
    max-width: calc(100% - 54px);
    margin-bottom: 0;
    padding: 8px 15px 5px;
    margin-left: 40px;
    cursor: pointer;
    touch-action: manipulation;
  }
  .choice__label::before {
    content: '';
    box-sizing: border-box;
    position: absolute;
    top: 0;
    left: 0;
    width: 40px;
    height: 40px;
    border: 2px solid currentColor;
    background: transparent;
  }
  .choice__input[type='radio'] + .choice__label::before {
    border-radius: 50%;
  }
  .choice__input[type='checkbox'] + .choice__label::after {
    content: '';
    box-sizing: border-box;
    position: absolute;
    top: 11px;
    left: 9px;
    width: 23px;
    height: 12px;
    transform: rotate(-45deg);
    border: solid;
    border-width: 0 0 5px 5px;
    border-top-color: transparent;
    opacity: 0;
    background: transparent;
  }
  .choice__input[type='radio'] + .choice__label::after {
    content: '';
    position: absolute;
    top: 10px;
    left: 10px;
    width: 0;
    height: 0;
    border: 10px solid currentColor;
    border-radius: 50%;
    opacity: 0;
    background: currentColor;
  }
  .choice__input:checked + .choice__label::after {
    opacity: 1;
  }
  .choice__input:focus + .choice__label::before {
    border-width: 4px;
    outline: 3px solid transparent;
    outline-offset: 1px;
    box-shadow: 0 0 0 3px var(--mac-focus);
  }
  .choice__hint {
    display: block;
    width: 100%;
    padding-left: 55px;
    padding-right: 15px;
    color: var(--mac-secondary-text);
  }
  .choices--small .choice {
    margin-bottom: 0;
  }
  .choices--small .choice__input {
    left: -10px;
    top: -4px;
    width: 44px;
    height: 40px;
  }
  .choices--small .choice__label {
    margin-left: 24px;
    padding: 8px 12px 6px;
    max-width: calc(100% - 24px);
  }
  .choices--small .choice__label::before {
    top: 8px;
    width: 24px;
    height: 24px;
  }
  .choices--small .choice__input[type='checkbox'] + .choice__label::after {
    top: 15px;
    left: 6px;
    width: 12px;
    height: 6.5px;
    border-width: 0 0 3px 3px;
  }
  .choices--small .choice__input:focus + .choice__label::before {
    border-width: 2px;
    box-shadow: 0 0 0 4px var(--mac-focus);
  }
  .conditional {
    margin-left: 18px;
    padding-left: 33px;
    border-left: 4px solid var(--mac-border);
    margin-bottom: 1rem;
  }
  .error-summary {
    padding: 15px;
    margin-bottom: 1.5rem;
    border: 5px solid var(--mac-error);
  }
  .error-summary:focus {
    outline: 3px solid var(--mac-focus);
  }
  .error-summary__title {
    margin-top: 0;
    margin-bottom: 0.75rem;
    font-size: 1.5rem;
  }
  .error-summary__list {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .error-summary__list li {
    margin-bottom: 0.5rem;
  }
  .error-summary__list a {
    color: var(--mac-error);
    font-weight: 700;
  }
  .error-summary__list a:focus-visible {
    color: var(--mac-focus-text);
  }
  .character-count__message {
    margin-top: 0.3rem;
    margin-bottom: 0;
    color: var(--mac-secondary-text);
  }
  .character-count__message--over {
    color: var(--mac-error);
    font-weight: 700;
  }
`;

export const tables = css`
  .table {
    width: 100%;
    border-spacing: 0;
    border-collapse: collapse;
    margin-bottom: 1.5rem;
  }
  .table__caption {
    font-weight: 700;
    font-size: 1.5rem;
    text-align: left;
    margin-bottom: 0.75rem;
  }
  .table th,
  .table td {
    padding: 10px 20px 10px 0;
    border-bottom: 1px solid var(--mac-border);
    text-align: left;
    vertical-align: top;
  }
  .table th {
    font-weight: 700;
  }
  .table td:last-child,
  .table th:last-child {
    padding-right: 0;
  }
  .table .numeric {
    text-align: right;
  }
  .summary-list {
    margin: 0 0 1.5rem;
  }
  .summary-list__row {
    display: grid;
    grid-template-columns: minmax(8rem, 35%) 1fr;
    gap: 0 1rem;
    border-bottom: 1px solid var(--mac-border);
    padding: 0.5rem 0;
  }
  .summary-list__row dt {
    font-weight: 700;
  }
  .summary-list__row dd {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
`;

/** GOV.UK notification banners, the confirmation panel, details (show and hide) and the file upload. */
export const banners = css`
  .notification-banner {
    margin-bottom: 1.5rem;
    border: 5px solid var(--mac-brand);
    background-color: var(--mac-brand);
  }
  .notification-banner:focus {
    outline: 3px solid var(--mac-focus);
  }
  .notification-banner__header {
    padding: 2px 15px 5px;
    border-bottom: 1px solid transparent;
  }
  .notification-banner__title {
    margin: 0;
    padding: 0;
    color: #fff;
    font-size: 1.1875rem;
    font-weight: 700;
    line-height: 1.3;
  }
  .notification-banner__content {
    padding: 15px;
    color: var(--mac-text);
    background-color: #fff;
  }
  .notification-banner__content > :last-child {
    margin-bottom: 0;
  }
  .notification-banner__heading {
    margin: 0 0 0.75rem;
    font-size: 1.1875rem;
    font-weight: 700;
  }
  .notification-banner--success {
    border-color: var(--mac-success);
    background-color: var(--mac-success);
  }
  .notification-banner--success .notification-banner__content a {
    color: var(--mac-success);
  }
  .notification-banner--success .notification-banner__content a:focus-visible {
    color: var(--mac-focus-text);
  }
  .confirmation-panel {
    margin-bottom: 1.5rem;
    padding: 35px;
    border: 5px solid transparent;
    text-align: center;
    color: #fff;
    background: var(--mac-success);
  }
  .confirmation-panel__title {
    margin: 0 0 1.5rem;
    font-size: 2.5rem;
    line-height: 1.1;
  }
  .confirmation-panel__body {
    font-size: 1.5rem;
    margin: 0;
  }
  details.details {
    margin-bottom: 1.5rem;
    display: block;
  }
  .details__summary {
    display: inline-block;
    position: relative;
    margin-bottom: 0.3rem;
    padding-left: 25px;
    color: var(--mac-link);
    cursor: pointer;
    min-height: 24px;
  }
  .details__summary::marker,
  .details__summary::-webkit-details-marker {
    display: none;
    content: '';
  }
  .details__summary::before {
    content: '';
    position: absolute;
    top: -1px;
    bottom: 0;
    left: 0;
    margin: auto;
    display: block;
    width: 0;
    height: 0;
    border-style: solid;
    border-color: transparent;
    border-width: 7px 0 7px 12.124px;
    border-left-color: inherit;
  }
  details[open] > .details__summary::before {
    border-width: 12.124px 7px 0 7px;
    border-left-color: transparent;
    border-top-color: inherit;
  }
  .details__summary-text {
    text-decoration: underline;
    text-underline-offset: 0.1578em;
  }
  .details__summary:hover .details__summary-text {
    text-decoration-thickness: 3px;
  }
  .details__summary:focus-visible {
    outline: 3px solid transparent;
    color: var(--mac-focus-text);
    background-color: var(--mac-focus);
    box-shadow: 0 -2px var(--mac-focus), 0 4px var(--mac-focus-text);
  }
  .details__summary:focus-visible .details__summary-text {
    text-decoration: none;
  }
  .details__text {
    padding: 15px 15px 15px 20px;
    border-left: 5px solid var(--mac-border);
  }
  .details__text > :last-child {
    margin-bottom: 0;
  }
  .file-upload {
    font: inherit;
    font-size: 1.1875rem;
    max-width: 100%;
    margin-left: -5px;
    padding: 5px;
    min-height: 40px;
  }
  .file-upload:focus {
    outline: 3px solid var(--mac-focus);
    box-shadow: inset 0 0 0 4px var(--mac-text);
  }
  .file-upload--error {
    border: 2px solid var(--mac-error);
    margin-left: 0;
  }
  .back-link {
    display: inline-block;
    position: relative;
    margin-bottom: 1rem;
    padding-left: 14px;
    font-size: 1rem;
    color: var(--mac-text);
    min-height: 24px;
  }
  .back-link::before {
    content: '';
    position: absolute;
    top: 0;
    bottom: 0;
    left: 3px;
    margin: auto;
    width: 7px;
    height: 7px;
    border: solid;
    border-width: 1px 1px 0 0;
    transform: rotate(225deg);
  }
  .back-link:visited {
    color: var(--mac-text);
  }
  .table-scroll {
    overflow-x: auto;
    margin-bottom: 1.5rem;
  }
  .table-scroll .table {
    margin-bottom: 0;
  }
  /* A wide table scrolls sideways inside its box on a narrow screen: the box can take focus, so
     the arrow keys scroll it. */
  .table-scroll:focus-visible {
    outline: 3px solid var(--mac-focus);
    outline-offset: 0;
    box-shadow: inset 0 0 0 4px var(--mac-text);
  }
`;
