// The patterns panel: highlights the rule engine found in the entries this user can see, most
// severe and most recent first. Each says what it found, over which window, from which agencies,
// and under which thresholds, so a reader can check it against the timeline rather than trust it.
import { LitElement, css, html, nothing } from 'lit';
import { formatChronoDate } from '@mac/domain';
import { base, tokens } from '../styles/base.js';
import { orderHighlights } from '../model/highlight-order.js';

export interface HighlightLike {
  readonly id: string;
  readonly ruleId: string;
  readonly severity: 'medium' | 'high';
  readonly title: string;
  readonly explanation: string;
  readonly entryIds: readonly string[];
  readonly agencies: readonly string[];
  readonly window: { readonly from: string; readonly to: string };
  readonly thresholds: Readonly<Record<string, number>>;
  readonly coarseEntryIds?: readonly string[];
}

/** "windowDays" → "window days" */
function thresholdLabel(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function windowText(h: HighlightLike): string {
  return h.window.from === h.window.to ? formatChronoDate(h.window.from) : `${formatChronoDate(h.window.from)} to ${formatChronoDate(h.window.to)}`;
}

export class MacPatterns extends LitElement {
  static override properties = {
    highlights: { attribute: false },
    selectedId: { attribute: false },
    agencyName: { attribute: false },
    unavailable: { attribute: false },
  };

  declare highlights: readonly HighlightLike[];
  declare selectedId: string | null;
  declare agencyName: (slug: string) => string;
  /** Why patterns cannot be shown, or null. */
  declare unavailable: string | null;

  constructor() {
    super();
    this.highlights = [];
    this.selectedId = null;
    this.agencyName = (s) => s;
    this.unavailable = null;
  }

  static override styles = [
    tokens,
    base,
    css`
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
      .card {
        border: 1px solid var(--mac-border);
        border-left: 5px solid #b35900;
        padding: 0.75rem;
        margin-bottom: 0.75rem;
        background: #fff;
      }
      .card--high {
        border-left-color: var(--mac-error);
      }
      .card--selected {
        outline: 3px solid #0b0c0c;
        outline-offset: 0;
        background: var(--mac-highlight);
      }
      .card h3 {
        font-size: 1.1875rem;
        margin-bottom: 0.25rem;
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
      @media print {
        :host {
          display: none;
        }
      }
    `,
  ];

  private choose(h: HighlightLike) {
    const id = this.selectedId === h.id ? null : h.id;
    this.dispatchEvent(new CustomEvent('mac-highlight-select', { detail: { id }, bubbles: true, composed: true }));
  }

  override render() {
    const list = orderHighlights(this.highlights);
    return html`<section aria-labelledby="patterns-title" data-patterns>
      <h2 class="heading-m" id="patterns-title">Patterns <span class="secondary">(${list.length})</span></h2>
      <p class="body-s secondary">
        Prompts for professional judgement, worked out from the entries you can see and updated as they change. They are not conclusions.
      </p>
      ${this.unavailable
        ? html`<p class="inset">${this.unavailable}</p>`
        : list.length === 0
          ? html`<p class="inset">No patterns found in the entries you can see.</p>`
          : html`<ol>
              ${list.map((h) => {
                const selected = h.id === this.selectedId;
                return html`<li class="card ${h.severity === 'high' ? 'card--high' : ''} ${selected ? 'card--selected' : ''}" data-highlight=${h.id}>
                  <h3>
                    <span class="tag severity ${h.severity === 'high' ? 'tag--red' : 'tag--orange'}">${h.severity === 'high' ? 'High' : 'Medium'}</span>
                    ${h.title}
                  </h3>
                  <p class="meta">
                    ${windowText(h)} · ${h.entryIds.length} ${h.entryIds.length === 1 ? 'entry' : 'entries'} ·
                    ${h.agencies.map((a) => this.agencyName(a)).join(', ')}
                  </p>
                  <p class="explanation">${h.explanation}</p>
                  ${h.coarseEntryIds && h.coarseEntryIds.length > 0
                    ? html`<p class="body-s">
                        ${h.coarseEntryIds.length} of these entries ${h.coarseEntryIds.length === 1 ? 'has' : 'have'} an approximate or partial date: check
                        ${h.coarseEntryIds.length === 1 ? 'it' : 'them'}.
                      </p>`
                    : nothing}
                  <p class="body-s thresholds-title">Thresholds</p>
                  <dl>
                    ${Object.entries(h.thresholds).map(([k, v]) => html`<div><dt>${thresholdLabel(k)}</dt><dd>${v}</dd></div>`)}
                  </dl>
                  <button type="button" class="button button--secondary button--small" aria-pressed=${selected ? 'true' : 'false'} @click=${() => this.choose(h)}>
                    ${selected ? 'Shown on the timeline' : 'Show on the timeline'}<span class="visually-hidden">: ${h.title}</span>
                  </button>
                </li>`;
              })}
            </ol>`}
    </section>`;
  }
}
