// An entry's history as the server's audit log tells it: who created it, who changed what and
// when, who withdrew it and why. Values are shown as text, never as markup.
import { html, nothing, type TemplateResult } from 'lit';
import { formatChronoDate, neutraliseBidi, seenAloneLabel } from '@mac/domain';
import { categoryLabel } from '../model/category-style.js';
import { FIELD_LABELS, type FormField } from '../model/entry-form-model.js';
import { formatInstant } from '../model/instant.js';

export { formatInstant };

export interface HistoryItem {
  readonly at: string;
  readonly actor: { readonly id: string; readonly name: string; readonly agency: string };
  readonly action: string;
  readonly via?: string | null;
  readonly changes: Readonly<Record<string, { readonly from: unknown; readonly to: unknown }>>;
}

const ACTIONS: Record<string, string> = {
  'entry.create': 'Recorded',
  'entry.amend': 'Amended',
  'entry.withdraw': 'Withdrawn',
};

const VIA: Record<string, string> = {
  websocket: 'in MAC',
  rest: 'through the API',
  import: 'by CSV import',
  csv: 'by CSV import',
};

const EXTRA_LABELS: Record<string, string> = { status: 'Status', withdrawnReason: 'Reason for withdrawal' };

/** A field's name as people read it. */
export function fieldLabel(field: string): string {
  return (FIELD_LABELS as Record<string, string>)[field as FormField] ?? EXTRA_LABELS[field] ?? field;
}

/** A field's value as people read it: dates and categories in words, never markup. */
export function fieldValue(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '(empty)';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  const text = neutraliseBidi(String(v));
  if (field === 'date') return formatChronoDate(text);
  if (field === 'category') return categoryLabel(text);
  if (field === 'sharing') return text === 'professionals' ? 'professionals only' : text === 'family' ? 'family' : 'not decided';
  if (field === 'seenAlone') return seenAloneLabel(text) || text;
  return text;
}

export function historyList(items: readonly HistoryItem[] | null, error: string | null, agencyName: (slug: string) => string): TemplateResult {
  if (error) return html`<p class="error-message">${error}</p>`;
  if (items === null) return html`<p class="secondary">Loading the history…</p>`;
  if (items.length === 0) return html`<p class="secondary">No history has been recorded for this entry.</p>`;
  return html`<ol class="history">
    ${items.map((item) => {
      const changes = Object.entries(item.changes).filter(([field]) => item.action === 'entry.amend' || field === 'withdrawnReason');
      return html`<li>
        <p class="history__head">
          <strong>${ACTIONS[item.action] ?? item.action}</strong> by ${item.actor.name} (${agencyName(item.actor.agency)}),
          <time datetime=${item.at}>${formatInstant(item.at)}</time>${item.via ? html` <span class="secondary">${VIA[item.via] ?? `via ${item.via}`}</span>` : nothing}
        </p>
        ${changes.length > 0
          ? html`<ul class="history__changes">
              ${changes.map(
                ([field, c]) =>
                  html`<li>${fieldLabel(field)}: ${item.action === 'entry.amend' ? html`<del>${fieldValue(field, c.from)}</del> → ` : nothing}<ins>${fieldValue(field, c.to)}</ins></li>`,
              )}
            </ul>`
          : nothing}
      </li>`;
    })}
  </ol>`;
}
