// <mac-household-copies>: under a household event's details (issue 14), the same event on the other
// children's chronologies that the reader may open, each a link to that copy. The server lists only those
// (GET …/entries/{entryId}/household-copies): a copy on a chronology the reader may not open is not
// mentioned, not even counted, so this says nothing about it either. Light DOM, like the entry panel.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { Api, HouseholdCopies } from '../../api.js';
import { chronologyPath } from '../../app/router.js';
import { errorText } from '../page-support.js';

export class MacHouseholdCopies extends LitElement {
  static override properties = {
    api: { attribute: false },
    chronologyId: { attribute: false },
    entryId: { attribute: false },
    copies: { state: true },
    error: { state: true },
  };

  declare api: Api;
  declare chronologyId: string;
  declare entryId: string;
  declare private copies: HouseholdCopies | null;
  declare private error: string | null;

  constructor() {
    super();
    this.copies = null;
    this.error = null;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('entryId') || changed.has('chronologyId')) && this.api && this.entryId) {
      this.copies = null;
      this.error = null;
      const asked = this.entryId;
      this.api
        .householdCopies(this.chronologyId, asked)
        .then((copies) => {
          if (this.entryId === asked) this.copies = copies;
        })
        .catch((err: unknown) => {
          if (this.entryId === asked) this.error = errorText(err, 'The other children’s copies could not be loaded.');
        });
    }
  }

  override render() {
    const copies = this.copies;
    return html`<section class="household-copies" aria-labelledby="household-copies-title" data-household-copies>
      <h3 class="heading-s" id="household-copies-title"><span aria-hidden="true">⌂ </span>Household event</h3>
      <p class="body-s">Recorded once for the children of this household: the same entry is on each child’s chronology where the recording agency is a member, and a change to it changes every copy.</p>
      ${this.error
        ? html`<p class="error-message" role="alert">${this.error}</p>`
        : copies === null
          ? html`<p class="secondary" role="status">Loading the other children’s copies…</p>`
          : copies.copies.length === 0
            ? html`<p class="secondary" data-no-copies>There is no other child’s copy that you can open.</p>`
            : html`<ul class="list" data-copy-links>
                ${copies.copies.map(
                  (c) => html`<li>
                    <a class="link" href=${`${chronologyPath(c.chronologyId)}?entry=${encodeURIComponent(c.entryId)}`} data-copy=${c.chronologyId}
                      >The same event on ${c.givenName} ${c.familyName}’s chronology</a
                    >
                  </li>`,
                )}
              </ul>`}
    </section>`;
  }
}

export function householdCopiesFor(api: Api, chronologyId: string, entry: { id: string; householdEventId?: string | undefined }) {
  if (!entry.householdEventId) return nothing;
  return html`<mac-household-copies .api=${api} .chronologyId=${chronologyId} .entryId=${entry.id}></mac-household-copies>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'mac-household-copies': MacHouseholdCopies;
  }
}
