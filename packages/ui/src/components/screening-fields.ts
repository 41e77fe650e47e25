// The entry form's inputs for a screening result, shown only for the three screening categories:
// the domestic abuse risk checklist (level and number of yes answers), the Graded Care Profile 2 (a
// grade per area; its level is the worst grade, shown, never typed) and exploitation screening
// (level). A template rendered inside the form's own shadow root, so that the error summary's links
// reach these inputs (ids are the field names: riskLevel, score, areaGrades). GOV.UK patterns:
// radios in a fieldset with a legend, error messages above the inputs, hints that say what to enter.
import { html, nothing, type TemplateResult } from 'lit';
import { GCP2_AREAS, GCP2_GRADES, screeningToolOf } from '@mac/domain';
import type { EntryFormValues, FormError } from '../model/entry-form-model.js';

type ScreeningFormField = 'riskLevel' | 'score' | 'areaGrades';

export interface ScreeningFieldsContext {
  values: EntryFormValues;
  errorFor: (field: ScreeningFormField) => FormError | undefined;
  set: (field: ScreeningFormField, value: string) => void;
}

/** The grade chosen for each area so far, from the form's `area:grade` text ('' where none). */
export function gradesFromText(text: string): string[] {
  const chosen = new Map<string, string>();
  for (const pair of text.split(',')) {
    const [area, grade] = pair.split(':');
    if (area && grade) chosen.set(area.trim(), grade.trim());
  }
  return GCP2_AREAS.map((a) => chosen.get(a.slug) ?? '');
}

/** The form's text for the chosen grades: only areas with a grade, so a missing one is reported by name. */
export function gradesToText(grades: readonly string[]): string {
  return GCP2_AREAS.map((a, i) => (grades[i] ? `${a.slug}:${grades[i]}` : '')).filter(Boolean).join(',');
}

function errorMessage(id: string, error: FormError | undefined) {
  if (!error) return nothing;
  return html`<p class="error-message" id="${id}-error"><span class="visually-hidden">Error:</span> ${error.message}</p>`;
}

function levelRadios(ctx: ScreeningFieldsContext, legend: string, hint: string): TemplateResult {
  const tool = screeningToolOf(ctx.values.category)!;
  const error = ctx.errorFor('riskLevel');
  return html`<div class="form-group ${error ? 'form-group--error' : ''}">
    <fieldset aria-describedby="riskLevel-hint ${error ? 'riskLevel-error' : ''}">
      <legend class="legend">${legend}</legend>
      <div class="hint" id="riskLevel-hint">${hint}</div>
      ${errorMessage('riskLevel', error)}
      <div class="choices">
        ${tool.levels.map(
          (level, i) => html`<div class="choice">
            <input
              class="choice__input"
              id=${i === 0 ? 'riskLevel' : `riskLevel-${level}`}
              name="riskLevel"
              type="radio"
              value=${level}
              .checked=${ctx.values.riskLevel === level}
              @change=${() => ctx.set('riskLevel', level)}
            />
            <label class="choice__label" for=${i === 0 ? 'riskLevel' : `riskLevel-${level}`}>${tool.levelLabels[level]}</label>
          </div>`,
        )}
        <div class="choice">
          <input
            class="choice__input"
            id="riskLevel-none"
            name="riskLevel"
            type="radio"
            value=""
            .checked=${ctx.values.riskLevel === ''}
            @change=${() => ctx.set('riskLevel', '')}
          />
          <label class="choice__label" for="riskLevel-none">Not recorded</label>
        </div>
      </div>
    </fieldset>
  </div>`;
}

function scoreInput(ctx: ScreeningFieldsContext): TemplateResult {
  const error = ctx.errorFor('score');
  return html`<div class="form-group ${error ? 'form-group--error' : ''}">
    <label class="label" for="score">Number of yes answers (optional)</label>
    <div class="hint" id="score-hint">From 0 to 27. 14 or more is high risk.</div>
    ${errorMessage('score', error)}
    <input
      class="input input--width-5 ${error ? 'input--error' : ''}"
      id="score"
      name="score"
      type="text"
      inputmode="numeric"
      autocomplete="off"
      spellcheck="false"
      .value=${ctx.values.score}
      aria-describedby="score-hint ${error ? 'score-error' : ''}"
      @input=${(e: Event) => ctx.set('score', (e.target as HTMLInputElement).value)}
    />
  </div>`;
}

function areaGrades(ctx: ScreeningFieldsContext): TemplateResult {
  const error = ctx.errorFor('areaGrades');
  const grades = gradesFromText(ctx.values.areaGrades);
  const chosen = grades.filter(Boolean).map(Number);
  const worst = chosen.length === GCP2_AREAS.length ? Math.max(...chosen) : null;
  const set = (i: number, grade: string) => {
    const next = [...grades];
    next[i] = grade;
    ctx.set('areaGrades', gradesToText(next));
  };
  return html`<div class="form-group ${error ? 'form-group--error' : ''}">
    <fieldset aria-describedby="areaGrades-hint ${error ? 'areaGrades-error' : ''}">
      <legend class="legend">Graded Care Profile 2 grades</legend>
      <div class="hint" id="areaGrades-hint">
        The grade of each area as recorded on the profile, from ${GCP2_GRADES.min} (the child's needs always met) to ${GCP2_GRADES.max} (the child not considered).
        The worst area is the profile's level.
      </div>
      ${errorMessage('areaGrades', error)}
      ${GCP2_AREAS.map(
        (area, i) => html`<div class="form-group">
          <label class="label" for=${i === 0 ? 'areaGrades' : `areaGrades-${area.slug}`}>${area.label}</label>
          <div class="hint" id="areaGrades-${area.slug}-hint">${area.hint}</div>
          <select
            class="select ${error && !grades[i] ? 'select--error' : ''}"
            id=${i === 0 ? 'areaGrades' : `areaGrades-${area.slug}`}
            aria-describedby="areaGrades-${area.slug}-hint"
            @change=${(e: Event) => set(i, (e.target as HTMLSelectElement).value)}
          >
            <option value="" ?selected=${grades[i] === ''}>Choose a grade</option>
            ${[1, 2, 3, 4, 5].map((g) => html`<option value=${String(g)} ?selected=${grades[i] === String(g)}>Grade ${g}</option>`)}
          </select>
        </div>`,
      )}
      <p class="understood" aria-live="polite" data-gcp2-level>${worst === null ? 'Grade every area to see the level.' : `Level: grade ${worst} (the worst area)`}</p>
    </fieldset>
  </div>`;
}

/** The screening inputs for the chosen category, or nothing for other categories. */
export function screeningFields(ctx: ScreeningFieldsContext): TemplateResult | typeof nothing {
  switch (ctx.values.category) {
    case 'domestic-abuse-risk-assessment':
      return html`${levelRadios(ctx, 'Risk level', 'The level recorded on the checklist: high at 14 or more yes answers, or by professional judgement or escalation.')}
        ${scoreInput(ctx)}`;
    case 'neglect-assessment':
      return areaGrades(ctx);
    case 'exploitation-screening':
      return levelRadios(ctx, 'Risk level', "The level the partnership's exploitation screening tool gave.");
    default:
      return nothing;
  }
}
