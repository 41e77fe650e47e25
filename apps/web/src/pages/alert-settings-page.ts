// Alert settings (issue 15): what you are told about and how often. Three kinds, each with GOV.UK
// checkboxes for what to follow and radios for how often (immediately, or once a day in a digest): a
// high-severity pattern starting or growing; another agency recording an entry in one of the chosen
// categories (the vocabulary's, grouped as the entry form groups them); an action becoming overdue. The
// server refuses anything else with 422 naming the field, shown in an error summary that takes focus.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { CATEGORY_GROUPS, categoriesInGroup, type AlertFrequency, type AlertPreferences } from '@mac/domain';
import { errorSummary, focusErrorSummary, pageStyles } from '@mac/ui';
import { ApiError, type AlertPreferencesView, type Api, type Me } from '../api.js';
import { errorText } from './page-support.js';

const TITLE = 'Alert settings – MAC';

type Section = 'episodes' | 'entries' | 'actions';

interface FieldError {
  /** The element the error summary links to. */
  target: string;
  message: string;
}

/** The server's field ("entries.categories") → the element it concerns. */
function targetOf(field: string): string {
  if (field === 'entries.categories') return 'entries-category-first';
  return field.replace('.', '-') || 'episodes-follow';
}

export class MacAlertSettingsPage extends LitElement {
  static override properties = {
    api: { attribute: false },
    me: { attribute: false },
    view: { state: true },
    draft: { state: true },
    errors: { state: true },
    loadError: { state: true },
    saved: { state: true },
    busy: { state: true },
  };

  declare api: Api;
  declare me: Me;
  declare private view: AlertPreferencesView | null;
  declare private draft: AlertPreferences | null;
  declare private errors: FieldError[];
  declare private loadError: string | null;
  declare private saved: boolean;
  declare private busy: boolean;

  constructor() {
    super();
    this.view = null;
    this.draft = null;
    this.errors = [];
    this.loadError = null;
    this.saved = false;
    this.busy = false;
  }

  static override styles = [
    ...pageStyles,
    css`
      :host {
        display: block;
        max-width: 44rem;
      }
      .kind {
        margin-bottom: 2rem;
      }
      .group-legend {
        font-weight: 700;
        margin: 1rem 0 0.25rem;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = TITLE;
    void this.load();
  }

  protected override updated(changed: PropertyValues<this>): void {
    // GOV.UK: while the page shows errors, its title starts with "Error:".
    if ((changed as Map<PropertyKey, unknown>).has('errors') && this.isConnected) document.title = this.errors.length > 0 ? `Error: ${TITLE}` : TITLE;
  }

  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  private async load() {
    try {
      this.view = await this.api.alertPreferences();
      this.draft = structuredClone(this.view.preferences);
    } catch (err) {
      this.loadError = errorText(err);
    }
  }

  private change(mutate: (d: AlertPreferences) => void) {
    const next = structuredClone(this.draft!);
    mutate(next);
    this.draft = next;
    this.saved = false;
  }

  private async submit(event: Event) {
    event.preventDefault();
    if (!this.draft) return;
    this.busy = true;
    try {
      this.view = await this.api.saveAlertPreferences(this.draft);
      this.draft = structuredClone(this.view.preferences);
      this.errors = [];
      this.saved = true;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[data-saved]')?.focus();
    } catch (err) {
      this.saved = false;
      this.errors =
        err instanceof ApiError && err.status === 422 && err.fields.length > 0
          ? err.fields.map((f) => ({ target: targetOf(f.field), message: f.message }))
          : [{ target: 'episodes-follow', message: errorText(err) }];
      await this.updateComplete;
      focusErrorSummary(this.renderRoot as ShadowRoot);
    } finally {
      this.busy = false;
    }
  }

  private frequency(section: Section, legend: string) {
    const value = this.draft![section].frequency;
    const digestHour = String(this.view!.digestHour).padStart(2, '0');
    const choices: Array<{ value: AlertFrequency; label: string; hint: string }> = [
      { value: 'immediate', label: 'Immediately', hint: this.view!.email ? 'In your notifications and by email as it happens' : 'In your notifications as it happens' },
      {
        value: 'digest',
        label: 'Once a day',
        hint: this.view!.email ? `In your notifications as it happens, and in one email a day at ${digestHour}:00 (UK winter time; 1 hour later in summer)` : 'In your notifications as it happens (this service sends no email)',
      },
    ];
    const error = this.errors.find((e) => e.target === `${section}-frequency`);
    return html`<div class="form-group ${error ? 'form-group--error' : ''}">
      <fieldset aria-describedby=${error ? `${section}-frequency-error` : nothing}>
        <legend class="legend">${legend}</legend>
        ${error ? html`<p class="error-message" id="${section}-frequency-error"><span class="visually-hidden">Error:</span> ${error.message}</p>` : nothing}
        <div class="choices">
          ${choices.map((c, i) => {
            const id = i === 0 ? `${section}-frequency` : `${section}-frequency-${c.value}`;
            return html`<div class="choice">
              <input
                class="choice__input"
                id=${id}
                name="${section}-frequency"
                type="radio"
                value=${c.value}
                aria-describedby="${id}-hint"
                .checked=${value === c.value}
                @change=${() => this.change((d) => (d[section].frequency = c.value))}
              />
              <label class="choice__label" for=${id}>${c.label}</label>
              <div class="choice__hint" id="${id}-hint">${c.hint}</div>
            </div>`;
          })}
        </div>
      </fieldset>
    </div>`;
  }

  private follow(section: 'episodes' | 'actions', legend: string, label: string, hint: string) {
    const id = `${section}-follow`;
    const error = this.errors.find((e) => e.target === id);
    return html`<div class="form-group ${error ? 'form-group--error' : ''}">
      <fieldset aria-describedby="${id}-hint${error ? ` ${id}-error` : ''}">
        <legend class="legend">${legend}</legend>
        <div class="hint" id="${id}-hint">${hint}</div>
        ${error ? html`<p class="error-message" id="${id}-error"><span class="visually-hidden">Error:</span> ${error.message}</p>` : nothing}
        <div class="choices">
          <div class="choice">
            <input class="choice__input" id=${id} type="checkbox" .checked=${this.draft![section].follow} @change=${(e: Event) => this.change((d) => (d[section].follow = (e.target as HTMLInputElement).checked))} />
            <label class="choice__label" for=${id}>${label}</label>
          </div>
        </div>
      </fieldset>
    </div>`;
  }

  private categories() {
    const chosen = new Set(this.draft!.entries.categories);
    const error = this.errors.find((e) => e.target === 'entries-category-first');
    let first = true;
    return html`<div class="form-group ${error ? 'form-group--error' : ''}">
      <fieldset aria-describedby="entries-categories-hint${error ? ' entries-categories-error' : ''}">
        <legend class="legend">Entries from other agencies</legend>
        <div class="hint" id="entries-categories-hint">
          When another agency records an entry in one of these categories in a chronology you lead, or one your agency is a member of as its designated safeguarding lead. Your own agency’s entries and entries an agency has restricted to itself never alert you.
        </div>
        ${error ? html`<p class="error-message" id="entries-categories-error"><span class="visually-hidden">Error:</span> ${error.message}</p>` : nothing}
        ${CATEGORY_GROUPS.map(
          (group) => html`<div role="group" aria-labelledby="group-${group.slug}">
            <p class="group-legend" id="group-${group.slug}">${group.label}</p>
            <div class="choices choices--small">
              ${categoriesInGroup(group.slug).map((c) => {
                const id = first ? 'entries-category-first' : `entries-category-${c.slug}`;
                first = false;
                return html`<div class="choice">
                  <input
                    class="choice__input"
                    id=${id}
                    type="checkbox"
                    value=${c.slug}
                    data-category=${c.slug}
                    .checked=${chosen.has(c.slug)}
                    @change=${(e: Event) =>
                      this.change((d) => {
                        const set = new Set(d.entries.categories);
                        if ((e.target as HTMLInputElement).checked) set.add(c.slug);
                        else set.delete(c.slug);
                        d.entries.categories = [...set];
                      })}
                  />
                  <label class="choice__label" for=${id}>${c.label}</label>
                </div>`;
              })}
            </div>
          </div>`,
        )}
      </fieldset>
    </div>`;
  }

  override render() {
    const view = this.view;
    return html`<a class="back-link" href="/notifications">Back to your notifications</a>
      ${errorSummary(this.errors, this.renderRoot as ShadowRoot)}
      ${this.saved
        ? html`<div class="notification-banner notification-banner--success" role="alert" aria-labelledby="saved-title" tabindex="-1" data-saved>
            <div class="notification-banner__header"><h2 class="notification-banner__title" id="saved-title">Success</h2></div>
            <div class="notification-banner__content"><p class="notification-banner__heading">Your alert settings have been saved.</p></div>
          </div>`
        : nothing}
      <h1 class="heading-l" tabindex="-1">Alert settings</h1>
      ${this.loadError ? html`<p class="error-message" role="alert">${this.loadError}</p>` : nothing}
      ${view === null || this.draft === null
        ? this.loadError
          ? nothing
          : html`<p class="secondary" role="status">Loading…</p>`
        : html`${view.receivesAlerts
              ? html`<p>Alerts go to the lead professional of a chronology and to its member agencies’ designated safeguarding leads. They appear in your notifications${view.email ? ' and are emailed to you' : ''}.</p>`
              : html`<div class="inset" data-not-alerted>Your role is not alerted: alerts go to the lead professional of a chronology and to designated safeguarding leads. You can still choose, for when your role changes.</div>`}
            ${view.email ? html`<p>An email names the child by initials only and links to the chronology: sign in to read more.</p>` : nothing}
            <form novalidate @submit=${(e: Event) => this.submit(e)}>
              <section class="kind" aria-labelledby="episodes-heading">
                <h2 class="heading-m" id="episodes-heading">Patterns</h2>
                ${this.follow('episodes', 'High-severity patterns', 'Tell me when a high-severity pattern starts or grows', 'A pattern of concern the chronology highlights as high severity, as you can see it.')}
                ${this.frequency('episodes', 'How often to tell you about patterns')}
              </section>
              <section class="kind" aria-labelledby="entries-heading">
                <h2 class="heading-m" id="entries-heading">New entries</h2>
                ${this.categories()} ${this.frequency('entries', 'How often to tell you about new entries')}
              </section>
              <section class="kind" aria-labelledby="actions-heading">
                <h2 class="heading-m" id="actions-heading">Actions</h2>
                ${this.follow('actions', 'Overdue actions', 'Tell me when an action becomes overdue', 'An action agreed for the child that is past its due date and not done.')}
                ${this.frequency('actions', 'How often to tell you about overdue actions')}
              </section>
              <button type="submit" class="button" ?disabled=${this.busy} data-save>Save alert settings</button>
            </form>`}`;
  }
}
