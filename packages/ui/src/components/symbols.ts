// The category group symbols, drawn in a 24×24 box. Shapes differ in outline, not only in colour,
// and stay recognisable at 16px in the legend and the table.
import { html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import type { SymbolShape } from '../model/category-style.js';

const SHAPES: Record<SymbolShape, SVGTemplateResult> = {
  square: svg`<rect x="4" y="4" width="16" height="16" />`,
  triangle: svg`<polygon points="12,2.5 22,20.5 2,20.5" />`,
  diamond: svg`<polygon points="12,1.5 22.5,12 12,22.5 1.5,12" />`,
  circle: svg`<circle cx="12" cy="12" r="9" />`,
  hexagon: svg`<polygon points="12,2 20.7,7 20.7,17 12,22 3.3,17 3.3,7" />`,
  star: svg`<polygon points="12,1.5 14.9,8.6 22.5,9.2 16.7,14.2 18.5,21.6 12,17.6 5.5,21.6 7.3,14.2 1.5,9.2 9.1,8.6" />`,
  plus: svg`<polygon points="8.5,2 15.5,2 15.5,8.5 22,8.5 22,15.5 15.5,15.5 15.5,22 8.5,22 8.5,15.5 2,15.5 2,8.5 8.5,8.5" />`,
  ring: svg`<circle cx="12" cy="12" r="7.5" fill="none" stroke-width="4" />`,
};

/** The symbol as an inline SVG; `colour` fills it (and strokes the ring). Decorative: the text says what it means. */
export function symbol(shape: SymbolShape, colour: string, extraClass = ''): TemplateResult {
  return html`<svg class="symbol ${extraClass}" viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill=${colour} stroke=${colour}>${SHAPES[shape]}</svg>`;
}
