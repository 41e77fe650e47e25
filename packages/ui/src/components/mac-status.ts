// The connection and save status. Words first, with a symbol that differs by state, so it is never
// colour alone; a polite live region so changes are announced without interrupting.
import { LitElement, css, html, nothing } from 'lit';
import { tokens } from '../styles/tokens.js';
import { base } from '../styles/base.js';
import type { StatusView } from '../model/save-status.js';

const ICONS: Record<StatusView['kind'], string> = {
  loading: '…',
  saving: '…',
  saved: '✓',
  offline: '!',
  refused: '✕',
  'signed-out': '✕',
  forbidden: '✕',
};

export class MacStatus extends LitElement {
  static override properties = {
    status: { attribute: false },
  };

  declare status: StatusView | null;

  constructor() {
    super();
    this.status = null;
  }

  static override styles = [
    tokens,
    base,
    css`
      :host {
        display: block;
      }
      .status {
        display: flex;
        align-items: flex-start;
        gap: 0.5rem;
        padding: 0.375rem 0.625rem;
        border-left: 5px solid var(--mac-secondary-text);
        background: var(--mac-light-grey);
      }
      .status--good {
        border-left-color: var(--mac-success);
      }
      .status--warning {
        border-left-color: #b35900;
        background: #fff7bf;
      }
      .status--error {
        border: 2px solid var(--mac-error);
        border-left-width: 5px;
        background: #fff;
      }
      .icon {
        flex: none;
        display: inline-flex;
        align-items: center;
        justify-content: center;
        width: 24px;
        height: 24px;
        border-radius: 50%;
        font-weight: 700;
        color: #fff;
        background: var(--mac-secondary-text);
      }
      .status--good .icon {
        background: var(--mac-success);
      }
      .status--warning .icon {
        background: #0b0c0c;
      }
      .status--error .icon {
        background: var(--mac-error);
      }
      .title {
        font-weight: 700;
      }
      .detail {
        display: block;
      }
      .text {
        flex: 1;
        min-width: 0;
      }
      @media print {
        :host {
          display: none;
        }
      }
    `,
  ];

  override render() {
    const s = this.status;
    if (!s) return nothing;
    // The detail of a quiet state is only for screen readers; a state that needs attention shows it.
    const showDetail = s.tone === 'warning' || s.tone === 'error';
    return html`<div class="status status--${s.tone}" role="status" data-status=${s.kind}>
      <span class="icon" aria-hidden="true">${ICONS[s.kind]}</span>
      <span class="text">
        <span class="title">${s.title}</span>
        <span class=${showDetail ? 'detail' : 'visually-hidden'}>${s.detail}</span>
      </span>
      ${s.kind === 'refused'
        ? html`<button type="button" class="link-button" @click=${() => this.dispatchEvent(new CustomEvent('mac-dismiss', { bubbles: true, composed: true }))}>
            Dismiss<span class="visually-hidden"> this message</span>
          </button>`
        : nothing}
    </div>`;
  }
}
