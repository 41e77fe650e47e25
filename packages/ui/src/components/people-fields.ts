// The entry form's "People involved" question (issue 14 item 3): GOV.UK checkboxes, one per adult around the
// child (the people panel's list, survivors of merges only), so the author can name who was involved. The
// server checks again that each is a person of this chronology (422 naming personIds). Rendered inside the
// form's shadow root so the error summary's link (#personIds) reaches the first checkbox.
import { html, nothing, type TemplateResult } from 'lit';
import type { EntryFormValues, FormError } from '../model/entry-form-model.js';

/** One person as the form offers them: the id an entry stores, and how they are named ("Dean Marsh, mother's partner"). */
export interface PersonChoice {
  id: string;
  label: string;
}

export interface PeopleFieldsContext {
  values: EntryFormValues;
  people: readonly PersonChoice[];
  errorFor: (field: 'personIds') => FormError | undefined;
  set: (field: 'personIds', value: string[]) => void;
}

export function peopleFields(ctx: PeopleFieldsContext): TemplateResult | typeof nothing {
  // An entry may name someone no longer offered (a record merged since): it stays ticked and listed.
  const offered = [...ctx.people];
  for (const id of ctx.values.personIds) if (!offered.some((p) => p.id === id)) offered.push({ id, label: 'A person recorded earlier' });
  if (offered.length === 0) return nothing;
  const error = ctx.errorFor('personIds');
  const toggle = (id: string, on: boolean) => {
    const next = ctx.values.personIds.filter((p) => p !== id);
    ctx.set('personIds', on ? [...next, id] : next);
  };
  return html`<div class="form-group ${error ? 'form-group--error' : ''}" data-people-fields>
    <fieldset aria-describedby="personIds-hint${error ? ' personIds-error' : ''}">
      <legend class="legend">People involved (optional)</legend>
      <div class="hint" id="personIds-hint">Select the adults around the child this entry is about. Add people in the “People around the child” section.</div>
      ${error ? html`<p class="error-message" id="personIds-error"><span class="visually-hidden">Error:</span> ${error.message}</p>` : nothing}
      <div class="choices">
        ${offered.map(
          (p, i) => html`<div class="choice">
            <input
              class="choice__input"
              id=${i === 0 ? 'personIds' : `personIds-${p.id}`}
              name="personIds"
              type="checkbox"
              value=${p.id}
              .checked=${ctx.values.personIds.includes(p.id)}
              @change=${(e: Event) => toggle(p.id, (e.target as HTMLInputElement).checked)}
            />
            <label class="choice__label" for=${i === 0 ? 'personIds' : `personIds-${p.id}`}>${p.label}</label>
          </div>`,
        )}
      </div>
    </fieldset>
  </div>`;
}
