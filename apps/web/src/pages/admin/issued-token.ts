// <mac-issued-token>: the banner at the top of the administration page with a token just issued. Its
// secret is shown this once (MAC keeps only a fingerprint): copy it, then hide it. Rendered without a
// shadow root, like the page's sections. Hiding dispatches `mac-token-hidden`.
import { LitElement, html, type PropertyValues } from 'lit';
import type { IssuedToken } from '../../api.js';

export class MacIssuedToken extends LitElement {
  static override properties = {
    issued: { attribute: false },
    agencyName: { attribute: false },
    copyStatus: { state: true },
  };

  declare issued: IssuedToken;
  declare agencyName: (slug: string) => string;
  declare private copyStatus: string;

  constructor() {
    super();
    this.agencyName = (slug) => slug;
    this.copyStatus = '';
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another token issued while this banner was showing: nothing has been copied of it yet.
    if (changed.has('issued')) this.copyStatus = '';
  }

  private async copy() {
    const field = this.querySelector<HTMLInputElement>('#issued-token');
    const secret = this.issued.token;
    if (!field) return;
    field.focus();
    field.select();
    try {
      await navigator.clipboard.writeText(secret);
      this.copyStatus = 'The token has been copied.';
    } catch {
      // No clipboard permission (or an older browser): the field is selected, ready to copy by hand.
      this.copyStatus = 'Your browser did not let MAC copy it. The token is selected: press Ctrl and C (or Command and C) to copy it.';
    }
  }

  override render() {
    const { record } = this.issued;
    return html`<div class="notification-banner notification-banner--success" role="alert" aria-labelledby="issued-title" tabindex="-1" data-issued>
      <div class="notification-banner__header"><h2 class="notification-banner__title" id="issued-title">Token issued</h2></div>
      <div class="notification-banner__content">
        <p class="notification-banner__heading">The token “${record.name}” for ${this.agencyName(record.agency)} is ready.</p>
        <div class="warning-text">
          <span class="warning-text__icon" aria-hidden="true">!</span>
          <span>
            <span class="visually-hidden">Warning</span>
            Copy it now: this is the only time it will be shown. MAC keeps only a fingerprint of it and cannot show it again. If it is lost, revoke it and issue
            another.
          </span>
        </div>
        <div class="form-group">
          <label class="label" for="issued-token">API token</label>
          <div class="hint" id="issued-token-hint">
            Give it to ${this.agencyName(record.agency)} securely. Their system sends it with every request, in the header Authorization: Bearer followed by the
            token.
          </div>
          <input
            class="input secret"
            id="issued-token"
            type="text"
            readonly
            autocomplete="off"
            spellcheck="false"
            aria-describedby="issued-token-hint"
            .value=${this.issued.token}
            @focus=${(e: Event) => (e.target as HTMLInputElement).select()}
          />
        </div>
        <div class="button-group">
          <button type="button" class="button button--secondary" data-copy @click=${this.copy}>Copy the token</button>
          <button type="button" class="link-button" data-hide-token @click=${() => this.dispatchEvent(new CustomEvent('mac-token-hidden'))}>I have copied it: hide the token</button>
        </div>
        <p role="status" data-copy-status>${this.copyStatus}</p>
      </div>
    </div>`;
  }
}
