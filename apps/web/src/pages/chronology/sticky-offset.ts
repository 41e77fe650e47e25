// The chronology page's status bar sticks to the top of the window as the page scrolls. Whatever it
// covers must not be hidden behind it: this measures the bar and tells the page (--mac-sticky-offset,
// for the entry panel that sticks below it and for scroll-margin) and the document (scroll-padding-top,
// so focusing or revealing something scrolls it clear of the bar). Where the bar is not sticky (a
// phone), the offset is 0.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

export class StickyOffset implements ReactiveController {
  private readonly host: Host;
  private readonly selector: string;
  private observer: ResizeObserver | null = null;
  private observed: Element | null = null;

  constructor(host: Host, selector: string) {
    this.host = host;
    this.selector = selector;
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new ResizeObserver(() => this.measure());
    window.addEventListener('resize', this.onResize);
  }

  hostUpdated(): void {
    const bar = this.host.renderRoot.querySelector(this.selector);
    if (bar === this.observed) return;
    if (this.observed) this.observer?.unobserve(this.observed);
    this.observed = bar;
    if (bar) this.observer?.observe(bar);
    this.measure();
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.observed = null;
    window.removeEventListener('resize', this.onResize);
    document.documentElement.style.removeProperty('scroll-padding-top');
  }

  private onResize = () => this.measure();

  private measure() {
    const bar = this.observed as HTMLElement | null;
    const sticky = bar !== null && getComputedStyle(bar).position === 'sticky';
    const offset = sticky ? Math.ceil(bar.getBoundingClientRect().height) : 0;
    this.host.style.setProperty('--mac-sticky-offset', `${offset}px`);
    if (offset > 0) document.documentElement.style.setProperty('scroll-padding-top', `${offset + 8}px`);
    else document.documentElement.style.removeProperty('scroll-padding-top');
  }
}
