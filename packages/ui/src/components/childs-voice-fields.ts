// The entry form's inputs for the child's voice (issue 15): what the child said, did or showed, and
// whether the practitioner saw the child alone. A template rendered inside the form's own shadow root, so
// that the error summary's links reach these inputs (ids are the field names: childsVoice, seenAlone).
// GOV.UK patterns: a textarea with a hint; radios in a fieldset with a legend, with "Not recorded" after
// an "or" divider (as the sharing question's "Not decided yet"), so an answer can be taken back.
import { html, nothing, type TemplateResult } from 'lit';
import { SEEN_ALONE_LABELS, SEEN_ALONE_VALUES, type SeenAlone } from '@mac/domain';
import type { EntryFormValues, FormError } from '../model/entry-form-model.js';

type VoiceFormField = 'childsVoice' | 'seenAlone';

export interface ChildsVoiceFieldsContext {
  values: EntryFormValues;
  errorFor: (field: VoiceFormField) => FormError | undefined;
  set: <K extends VoiceFormField>(field: K, value: EntryFormValues[K]) => void;
}

const SEEN_ALONE_HINTS: Partial<Record<SeenAlone, string>> = {
  'not-applicable': 'For example a baby, or a record made without contact with the child',
};

function errorMessage(id: string, error: FormError | undefined) {
  if (!error) return nothing;
  return html`<p class="error-message" id="${id}-error"><span class="visually-hidden">Error:</span> ${error.message}</p>`;
}

function describedBy(...ids: Array<string | false>): string {
  return ids.filter(Boolean).join(' ');
}

export function childsVoiceFields(ctx: ChildsVoiceFieldsContext): TemplateResult {
  const voiceError = ctx.errorFor('childsVoice');
  const aloneError = ctx.errorFor('seenAlone');
  const radio = (value: SeenAlone, label: string) => {
    const id = value === 'yes' ? 'seenAlone' : `seenAlone-${value || 'not-recorded'}`;
    const hint = SEEN_ALONE_HINTS[value];
    return html`<div class="choice">
      <input
        class="choice__input"
        id=${id}
        name="seenAlone"
        type="radio"
        value=${value}
        aria-describedby=${hint ? `${id}-hint` : nothing}
        .checked=${ctx.values.seenAlone === value}
        @change=${() => ctx.set('seenAlone', value)}
      />
      <label class="choice__label" for=${id}>${label}</label>
      ${hint ? html`<div class="hint choice__hint" id="${id}-hint">${hint}</div>` : nothing}
    </div>`;
  };
  return html`<div class="form-group ${voiceError ? 'form-group--error' : ''}">
      <label class="label" for="childsVoice">The child’s voice (optional)</label>
      <div class="hint" id="childsVoice-hint">What the child said, did or showed. Use their own words, in quotation marks, where you can.</div>
      ${errorMessage('childsVoice', voiceError)}
      <textarea
        class="textarea ${voiceError ? 'textarea--error' : ''}"
        id="childsVoice"
        name="childsVoice"
        rows="4"
        .value=${ctx.values.childsVoice}
        aria-describedby=${describedBy('childsVoice-hint', !!voiceError && 'childsVoice-error')}
        @input=${(e: Event) => ctx.set('childsVoice', (e.target as HTMLTextAreaElement).value)}
      ></textarea>
    </div>
    <div class="form-group ${aloneError ? 'form-group--error' : ''}">
      <fieldset aria-describedby=${describedBy('seenAlone-hint', !!aloneError && 'seenAlone-error')}>
        <legend class="legend">Was the child seen alone?</legend>
        <div class="hint" id="seenAlone-hint">Whether you, or the practitioner you are recording for, spoke with the child without a parent or carer present</div>
        ${errorMessage('seenAlone', aloneError)}
        <div class="choices">
          ${SEEN_ALONE_VALUES.map((v) => radio(v, SEEN_ALONE_LABELS[v]))}
          <p class="choices__divider">or</p>
          ${radio('', 'Not recorded')}
        </div>
      </fieldset>
    </div>`;
}
