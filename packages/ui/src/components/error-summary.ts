// The GOV.UK error summary, as a template shared by every form. Its links move focus to the field
// at fault inside the component's own shadow root: a fragment link (#date) cannot reach into a
// shadow root, and following one would also rewrite the page's URL.
import { html, nothing, type TemplateResult } from 'lit';

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
  return html`<div class="error-summary" tabindex="-1" aria-labelledby="error-summary-title" data-error-summary>
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
