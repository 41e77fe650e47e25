// Text someone typed, as every component shows it: its text-direction controls removed (the PDF and CSV
// exports remove them the same way, @mac/domain text-rules.ts) and the rest isolated in <bdi>, so that
// right-to-left text or anything that slipped past the schema cannot reorder the page around it. The
// screen and the printed pack then show the same characters in the same order.
import { html, type TemplateResult } from 'lit';
import { neutraliseBidi } from '@mac/domain';

export function userText(value: string): TemplateResult {
  return html`<bdi>${neutraliseBidi(value)}</bdi>`;
}

/** For strings that end up in attributes or accessible names (no markup): the controls removed. */
export const plainUserText = neutraliseBidi;
