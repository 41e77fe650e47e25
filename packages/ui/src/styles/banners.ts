// GOV.UK notification banners, the confirmation panel, details (show and hide) and the file upload.
import { css } from 'lit';

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
