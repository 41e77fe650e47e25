// The GOV.UK error summary, as a template shared by every form. Its links move focus to the field
// at fault inside the component's own shadow root: a fragment link (#date) cannot reach into a
// shadow root, and following one would also rewrite the page's URL.
import { html, nothing, noChange, type TemplateResult } from 'lit';
import { AsyncDirective, directive } from 'lit/async-directive.js';

export interface SummaryError {
  /** The id of the field (in the same shadow root) the error is about; '' for none. */
  readonly target: string;
  readonly message: string;
}

export function errorSummary(
  errors: readonly SummaryError[],
  root: ShadowRoot | HTMLElement,
  title = 'There is a problem',
): TemplateResult | typeof nothing {
  if (errors.length === 0) return nothing;
  const go = (event: Event, target: string) => {
    event.preventDefault();
    const field = root.querySelector<HTMLElement>(`#${CSS.escape(target)}`);
    if (!field) return;
    // Scroll to the field's label or legend, so the question is seen as well as the answer box.
    const group = field.closest('.form-group') ?? field;
    group.scrollIntoView({ block: 'start' });
    field.focus({ preventScroll: true });
  };
  return html`<div class="error-summary" tabindex="-1" aria-labelledby="error-summary-title" data-error-summary ${errorTitle()}>
    <h2 class="error-summary__title" id="error-summary-title">${title}</h2>
    <ul class="error-summary__list">
      ${errors.map((e) =>
        e.target
          ? html`<li><a href="#${e.target}" @click=${(ev: Event) => go(ev, e.target)}>${e.message}</a></li>`
          : html`<li>${e.message}</li>`,
      )}
    </ul>
  </div>`;
}

/** Focuses the error summary after it is rendered (GOV.UK: on a failed submit, focus moves to it). */
export function focusErrorSummary(root: ShadowRoot | HTMLElement): void {
  const summary = root.querySelector<HTMLElement>('[data-error-summary]');
  if (summary) {
    summary.scrollIntoView({ block: 'start' });
    summary.focus({ preventScroll: true });
  }
}

// GOV.UK: while a page shows an error summary, its title starts with "Error: ", so a screen reader
// hears that something went wrong before anything else. Every form renders its summary with
// errorSummary(), so the title follows the summaries on the page: the directive counts those shown.
const ERROR_PREFIX = 'Error: ';
const shown = new Set<object>();

function applyErrorTitle() {
  const title = document.title.startsWith(ERROR_PREFIX) ? document.title.slice(ERROR_PREFIX.length) : document.title;
  document.title = shown.size > 0 ? `${ERROR_PREFIX}${title}` : title;
}

class ErrorTitleDirective extends AsyncDirective {
  render() {
    return noChange;
  }

  override update() {
    if (this.isConnected && !shown.has(this)) {
      shown.add(this);
      applyErrorTitle();
    }
    return noChange;
  }

  protected override disconnected() {
    shown.delete(this);
    applyErrorTitle();
  }

  protected override reconnected() {
    shown.add(this);
    applyErrorTitle();
  }
}

const errorTitle = directive(ErrorTitleDirective);
