// Moves focus to a page's main heading after an in-app navigation (GOV.UK guidance for single-page
// apps: a screen reader then announces where the user now is). A page that shows its heading only
// once its data has loaded asks early; the focus moves as soon as the heading is rendered, unless the
// person has put focus somewhere themselves in the meantime.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment };

export class HeadingFocus implements ReactiveController {
  private readonly host: Host;
  private readonly find: () => HTMLElement | null;
  private pending = false;

  constructor(host: Host, find?: () => HTMLElement | null) {
    this.host = host;
    this.find = find ?? (() => host.renderRoot.querySelector<HTMLElement>('h1'));
    host.addController(this);
  }

  /** Focuses the heading now, or as soon as it is rendered. */
  request(): void {
    const heading = this.find();
    this.pending = heading === null;
    heading?.focus();
  }

  hostUpdated(): void {
    if (!this.pending) return;
    // Someone moved focus themselves while the page loaded: leave it where they put it.
    const active = document.activeElement;
    if (active && active !== document.body) {
      this.pending = false;
      return;
    }
    this.request();
  }

  hostDisconnected(): void {
    this.pending = false;
  }
}
