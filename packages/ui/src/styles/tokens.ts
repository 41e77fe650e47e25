// MAC's design tokens: GOV.UK Design System colours as custom properties, and the type every
// component starts from. The first sheet of every component (see page-styles.ts for the rest).
import { css } from 'lit';

export const tokens = css`
  :host {
    --mac-text: #0b0c0c;
    --mac-secondary-text: #505a5f;
    --mac-link: #1d70b8;
    --mac-link-visited: #4c2c92;
    --mac-link-hover: #003078;
    --mac-focus: #ffdd00;
    --mac-focus-text: #0b0c0c;
    --mac-error: #d4351c;
    --mac-success: #00703c;
    --mac-border: #b1b4b6;
    --mac-input-border: #0b0c0c;
    --mac-light-grey: #f3f2f1;
    --mac-mid-grey: #e5e6e7;
    --mac-brand: #1d70b8;
    --mac-highlight: #fff7bf;
    font-family: arial, sans-serif;
    color: var(--mac-text);
    font-size: 1rem;
    line-height: 1.31579;
    -webkit-font-smoothing: antialiased;
  }
`;
