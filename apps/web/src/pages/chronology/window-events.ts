// What the chronology page does about the window: asks before it is closed with unsaved work, tells
// the live documents when the network comes and goes, and prepares the table for printing (every row,
// not only the virtual window's).
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface WindowPage {
  /** What closing the window now would lose, or null. */
  leaveWarning(): string | null;
  online(online: boolean): void;
  printing(printing: boolean): void;
}

export class WindowEvents implements ReactiveController {
  private readonly page: WindowPage;

  constructor(host: ReactiveControllerHost, page: WindowPage) {
    this.page = page;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('beforeunload', this.onBeforeUnload);
    window.addEventListener('online', this.onNetwork);
    window.addEventListener('offline', this.onNetwork);
    window.addEventListener('beforeprint', this.onBeforePrint);
    window.addEventListener('afterprint', this.onAfterPrint);
  }

  hostDisconnected(): void {
    window.removeEventListener('beforeunload', this.onBeforeUnload);
    window.removeEventListener('online', this.onNetwork);
    window.removeEventListener('offline', this.onNetwork);
    window.removeEventListener('beforeprint', this.onBeforePrint);
    window.removeEventListener('afterprint', this.onAfterPrint);
  }

  private onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (this.page.leaveWarning() !== null) {
      event.preventDefault();
      event.returnValue = '';
    }
  };

  private onNetwork = () => this.page.online(navigator.onLine);

  private onBeforePrint = () => this.page.printing(true);

  private onAfterPrint = () => this.page.printing(false);
}
