// The patterns panel's own styles (mac-patterns.ts): cards, episodes, reviews, the history, the list's
// "show more".
import { css } from 'lit';

export const patternsStyles = css`
  :host {
    display: block;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0 4px 0 0;
    max-height: var(--patterns-max-height, none);
    overflow-y: auto;
  }
  /* A highlight's card and an episode's: one frame, its left edge the severity. */
  .card,
  .episode {
    border: 1px solid var(--mac-border);
    border-left: 5px solid #b35900;
    padding: 0.75rem;
    background: #fff;
  }
  .card--high,
  .episode--high {
    border-left-color: var(--mac-error);
  }
  .card {
    margin-bottom: 0.75rem;
  }
  .card--selected {
    outline: 3px solid #0b0c0c;
    outline-offset: 0;
    background: var(--mac-highlight);
  }
  .card h3,
  .card h4 {
    font-size: 1.1875rem;
    margin-bottom: 0.25rem;
  }
  .episode {
    margin-bottom: 1rem;
  }
  .episode h3 {
    font-size: 1.3125rem;
    margin-bottom: 0.25rem;
  }
  .episode .summary {
    font-weight: 700;
    margin: 0 0 0.5rem;
  }
  .episode .reasons-title,
  .episode .strengths-title {
    font-size: 1rem;
    margin: 0.75rem 0 0.5rem;
  }
  .episode .card {
    border-left-width: 3px;
    margin-bottom: 0.5rem;
  }
  .episode .card h4 {
    font-size: 1rem;
  }
  .strengths {
    list-style: disc;
    padding-left: 1.25rem;
    max-height: none;
    overflow: visible;
    font-size: 0.875rem;
  }
  .history {
    margin-top: 1rem;
  }
  .more {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    margin: 0.5rem 0 1rem;
  }
  .more p {
    margin: 0;
  }
  .history > summary {
    cursor: pointer;
    color: var(--mac-link, #1d70b8);
    text-decoration: underline;
    font-size: 1.1875rem;
  }
  .history > summary:focus-visible {
    outline: 3px solid transparent;
    background: var(--mac-focus, #fd0);
    box-shadow: 0 -2px var(--mac-focus, #fd0), 0 4px #0b0c0c;
    text-decoration: none;
  }
  .episode--past {
    border-left-color: var(--mac-border);
  }
  .meta {
    color: var(--mac-secondary-text);
    margin-bottom: 0.5rem;
    font-size: 0.875rem;
  }
  .explanation {
    white-space: pre-wrap;
  }
  .thresholds-title {
    margin: 0;
    font-weight: 700;
  }
  dl {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    margin: 0 0 0.75rem;
    font-size: 0.875rem;
  }
  dl div {
    display: flex;
    gap: 0.25rem;
  }
  dt {
    color: var(--mac-secondary-text);
  }
  dd {
    margin: 0;
    font-weight: 700;
  }
  .severity {
    margin-right: 0.25rem;
    vertical-align: 2px;
  }
  .review {
    margin: 0 0 0.75rem;
    padding: 0.5rem 0.75rem;
    background: var(--mac-light-grey);
    font-size: 0.875rem;
  }
  .review p {
    margin: 0;
  }
  .review .note {
    margin-top: 0.25rem;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .review-item + .review-item,
  .review > .review-item,
  .review-history {
    margin-top: 0.5rem;
  }
  .review-history summary {
    cursor: pointer;
    color: var(--mac-link, #1d70b8);
    text-decoration: underline;
  }
  .review-history summary:focus-visible {
    outline: 3px solid transparent;
    background: var(--mac-focus, #fd0);
    box-shadow: 0 -2px var(--mac-focus, #fd0), 0 4px #0b0c0c;
    text-decoration: none;
  }
  .review-history__list {
    list-style: none;
    padding: 0;
    margin: 0.5rem 0 0;
    max-height: none;
    overflow: visible;
  }
  .review-history__list li {
    border-top: 1px solid var(--mac-border);
    padding-top: 0.5rem;
    margin-top: 0.5rem;
  }
  .card--dismissed {
    border-left-color: var(--mac-border);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .review-form {
    margin-top: 0.75rem;
    padding-top: 0.75rem;
    border-top: 1px solid var(--mac-border);
  }
  .review-form .legend {
    font-size: 1rem;
  }
  @media print {
    :host {
      display: none;
    }
  }
`;
