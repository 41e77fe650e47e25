// Who else has this chronology open now, and what they are editing. Names and agencies come from
// the server's stamp on each awareness state (see model/presence.ts).
import { LitElement, css, html, nothing } from 'lit';
import { tokens } from '../styles/tokens.js';
import { base } from '../styles/base.js';
import { personLabel, type Person, type Presence } from '../model/presence.js';
import { pluralWord } from '@mac/domain';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase();
}

export class MacPresence extends LitElement {
  static override properties = {
    presence: { attribute: false },
    following: { attribute: false },
    entryLabel: { attribute: false },
    known: { attribute: false },
    offline: { attribute: false },
  };

  declare presence: Presence | null;
  /** The user id of the presenter being followed. */
  declare following: string | null;
  /** A short label for an entry this user can see, or null (its summary is not shown then). */
  declare entryLabel: (id: string) => string | null;
  /** Whether this window is connected and so knows who else is here. Without a connection it cannot. */
  declare known: boolean;
  /** Not connected because the network or the server cannot be reached (rather than still loading). */
  declare offline: boolean;

  constructor() {
    super();
    this.known = true;
    this.offline = false;
    this.presence = null;
    this.following = null;
    this.entryLabel = () => null;
  }

  static override styles = [
    tokens,
    base,
    css`
      :host {
        display: block;
      }
      /* One line where it fits ("Here now: …"): the bar above the timeline stays short. */
      section {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25rem 0.75rem;
      }
      h2 {
        font-size: 1rem;
        margin: 0;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1.25rem;
      }
      li {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        flex-wrap: wrap;
      }
      .avatar {
        display: inline-flex;
        align-items: center;
        justify-content: center;
        width: 32px;
        height: 32px;
        border-radius: 50%;
        background: #0b0c0c;
        color: #fff;
        font-weight: 700;
        font-size: 0.875rem;
      }
      .agency {
        color: var(--mac-secondary-text);
      }
      .nobody {
        margin: 0;
      }
      .doing {
        font-size: 0.875rem;
      }
      @media print {
        :host {
          display: none;
        }
      }
    `,
  ];

  private follow(person: Person) {
    this.dispatchEvent(new CustomEvent('mac-follow', { detail: { userId: person.userId }, bubbles: true, composed: true }));
  }

  private editingText(person: Person) {
    const labels = person.editing.map((id) => this.entryLabel(id)).filter((l): l is string => l !== null);
    const adding = person.adding ? html`<span class="doing tag tag--yellow" data-adding>Adding an entry</span>` : nothing;
    if (person.editing.length === 0) return adding;
    return html`<span class="doing tag tag--yellow">Editing${labels.length > 0 ? html`: “${labels.join('”, “')}”` : ' an entry'}</span>${adding}`;
  }

  override render() {
    if (!this.known) {
      // Offline, the list of others is empty because we cannot hear them, not because nobody is there.
      return html`<section aria-labelledby="presence-title" data-presence>
        <h2 id="presence-title">Here now</h2>
        <p class="secondary body-s nobody" data-presence-unknown>
          ${this.offline ? 'Not known while you are offline: others may have this chronology open.' : 'Finding out who else has this chronology open…'}
        </p>
      </section>`;
    }
    const people = this.presence?.people ?? [];
    return html`<section aria-labelledby="presence-title" data-presence>
      <h2 id="presence-title">Here now${people.length > 0 ? html` <span class="visually-hidden">: ${people.length} other ${pluralWord(people.length, 'person', 'people')}</span>` : nothing}</h2>
      ${people.length === 0
        ? html`<p class="secondary body-s nobody">Nobody else has this chronology open.</p>`
        : html`<ul>
            ${people.map(
              (p) => html`<li data-person=${p.userId}>
                <span class="avatar" aria-hidden="true">${initials(p.name)}</span>
                <span>${p.self ? html`<span>You</span> <span class="agency">(another window)</span>` : html`<span>${p.name}</span> <span class="agency">${p.agencyName}</span>`}</span>
                ${p.presenting ? html`<span class="tag tag--purple">Presenting</span>` : nothing}
                ${this.editingText(p)}
                ${p.presenting && !p.self && this.following !== p.userId
                  ? html`<button type="button" class="button button--secondary button--small" @click=${() => this.follow(p)}>
                      Follow<span class="visually-hidden"> ${personLabel(p)}</span>
                    </button>`
                  : nothing}
              </li>`,
            )}
          </ul>`}
    </section>`;
  }
}
