// GOV.UK form patterns: the error summary, form groups, labels, hints, error messages, inputs,
// selects, textareas, radios and checkboxes (choices) and the character count.
import { css } from 'lit';

export const forms = css`
  .form-group {
    margin-bottom: 1.5rem;
  }
  .form-group--error {
    padding-left: 15px;
    border-left: 5px solid var(--mac-error);
  }
  .label,
  .legend {
    display: block;
    font-weight: 700;
    margin-bottom: 0.3rem;
  }
  .legend {
    padding: 0;
    font-size: 1.1875rem;
  }
  .label--s {
    font-weight: 700;
  }
  .hint {
    display: block;
    color: var(--mac-secondary-text);
    margin-bottom: 0.5rem;
  }
  .error-message {
    display: block;
    color: var(--mac-error);
    font-weight: 700;
    margin-bottom: 0.5rem;
  }
  fieldset {
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  .input,
  .textarea,
  .select {
    font: inherit;
    font-size: 1.1875rem;
    width: 100%;
    min-height: 40px;
    margin-top: 0;
    padding: 5px;
    border: 2px solid var(--mac-input-border);
    border-radius: 0;
    color: var(--mac-text);
    background: #fff;
    -webkit-appearance: none;
    appearance: none;
  }
  .select {
    -webkit-appearance: auto;
    appearance: auto;
    width: auto;
    max-width: 100%;
  }
  .textarea {
    display: block;
    min-height: 5.5em;
    resize: vertical;
  }
  .input:focus,
  .textarea:focus,
  .select:focus {
    outline: 3px solid var(--mac-focus);
    outline-offset: 0;
    box-shadow: inset 0 0 0 2px;
  }
  .input--error,
  .textarea--error,
  .select--error {
    border-color: var(--mac-error);
  }
  .input--error:focus,
  .textarea--error:focus,
  .select--error:focus {
    border-color: var(--mac-input-border);
  }
  .input--width-10 {
    max-width: 23ex;
  }
  .input--width-5 {
    max-width: 10.8ex;
  }
  .input--width-20 {
    max-width: 41ex;
  }
  /* Checkboxes and radios: the native control kept (for every assistive technology) but drawn as GOV.UK draws them. */
  .choices {
    display: block;
  }
  .choice {
    position: relative;
    display: flex;
    flex-wrap: wrap;
    margin-bottom: 10px;
  }
  .choice__input {
    position: absolute;
    z-index: 1;
    top: -2px;
    left: -2px;
    width: 44px;
    height: 44px;
    margin: 0;
    opacity: 0;
    cursor: pointer;
  }
  .choice__label {
    display: inline-block;
    align-self: center;
    max-width: calc(100% - 54px);
    margin-bottom: 0;
    padding: 8px 15px 5px;
    margin-left: 40px;
    cursor: pointer;
    touch-action: manipulation;
  }
  .choice__label::before {
    content: '';
    box-sizing: border-box;
    position: absolute;
    top: 0;
    left: 0;
    width: 40px;
    height: 40px;
    border: 2px solid currentColor;
    background: transparent;
  }
  .choice__input[type='radio'] + .choice__label::before {
    border-radius: 50%;
  }
  .choice__input[type='checkbox'] + .choice__label::after {
    content: '';
    box-sizing: border-box;
    position: absolute;
    top: 11px;
    left: 9px;
    width: 23px;
    height: 12px;
    transform: rotate(-45deg);
    border: solid;
    border-width: 0 0 5px 5px;
    border-top-color: transparent;
    opacity: 0;
    background: transparent;
  }
  .choice__input[type='radio'] + .choice__label::after {
    content: '';
    position: absolute;
    top: 10px;
    left: 10px;
    width: 0;
    height: 0;
    border: 10px solid currentColor;
    border-radius: 50%;
    opacity: 0;
    background: currentColor;
  }
  .choice__input:checked + .choice__label::after {
    opacity: 1;
  }
  .choice__input:focus + .choice__label::before {
    border-width: 4px;
    outline: 3px solid transparent;
    outline-offset: 1px;
    box-shadow: 0 0 0 3px var(--mac-focus);
  }
  .choice__hint {
    display: block;
    width: 100%;
    padding-left: 55px;
    padding-right: 15px;
    color: var(--mac-secondary-text);
  }
  .choices--small .choice {
    margin-bottom: 0;
  }
  .choices--small .choice__input {
    left: -10px;
    top: -4px;
    width: 44px;
    height: 40px;
  }
  .choices--small .choice__label {
    margin-left: 24px;
    padding: 8px 12px 6px;
    max-width: calc(100% - 24px);
  }
  .choices--small .choice__label::before {
    top: 8px;
    width: 24px;
    height: 24px;
  }
  .choices--small .choice__input[type='checkbox'] + .choice__label::after {
    top: 15px;
    left: 6px;
    width: 12px;
    height: 6.5px;
    border-width: 0 0 3px 3px;
  }
  .choices--small .choice__input:focus + .choice__label::before {
    border-width: 2px;
    box-shadow: 0 0 0 4px var(--mac-focus);
  }
  .conditional {
    margin-left: 18px;
    padding-left: 33px;
    border-left: 4px solid var(--mac-border);
    margin-bottom: 1rem;
  }
  .error-summary {
    padding: 15px;
    margin-bottom: 1.5rem;
    border: 5px solid var(--mac-error);
  }
  .error-summary:focus {
    outline: 3px solid var(--mac-focus);
  }
  .error-summary__title {
    margin-top: 0;
    margin-bottom: 0.75rem;
    font-size: 1.5rem;
  }
  .error-summary__list {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .error-summary__list li {
    margin-bottom: 0.5rem;
  }
  .error-summary__list a {
    color: var(--mac-error);
    font-weight: 700;
  }
  .error-summary__list a:focus-visible {
    color: var(--mac-focus-text);
  }
  .character-count__message {
    margin-top: 0.3rem;
    margin-bottom: 0;
    color: var(--mac-secondary-text);
  }
  .character-count__message--over {
    color: var(--mac-error);
    font-weight: 700;
  }
`;
