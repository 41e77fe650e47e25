import { LitElement, html } from 'lit';
import { base, tokens } from '@mac/ui';

export class MacNotFoundPage extends LitElement {
  static override styles = [tokens, base];

  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  override render() {
    return html`<h1 class="heading-l" tabindex="-1">Page not found</h1>
      <p>If you typed the web address, check it is correct. If you followed a link, it may be out of date.</p>
      <p><a href="/">Go to your caseload</a></p>`;
  }
}
