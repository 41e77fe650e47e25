// The analysis of a chronology as a Yjs document (issue 15): one top-level Y.Text, `summary`, the lead
// professional's account of what the pattern means for the child. Live like the timeline: the lead types,
// every member sees it as it is written. Only plain text: no formatting, no embeds (update-format.ts and
// the update inspector refuse anything else). Browser-safe: Yjs and the domain only.

import * as Y from 'yjs';

export const ANALYSIS_TEXT_KEY = 'summary';

export function getAnalysisText(doc: Y.Doc): Y.Text {
  return doc.getText(ANALYSIS_TEXT_KEY);
}

/**
 * Turns the text into `next` with the smallest change a plain diff finds (the common start and end are
 * kept, the middle replaced), so a REST save or a textarea's input does not rewrite what nobody changed
 * and a concurrent edit elsewhere in the text survives. Call inside a transaction for one update.
 */
export function replaceText(text: Y.Text, next: string): void {
  const current = text.toString();
  if (current === next) return;
  let start = 0;
  const max = Math.min(current.length, next.length);
  while (start < max && current.charCodeAt(start) === next.charCodeAt(start)) start++;
  // Never split a surrogate pair: step back onto its first half.
  if (start > 0 && isHighSurrogate(current.charCodeAt(start - 1))) start--;
  let end = 0;
  while (end < max - start && current.charCodeAt(current.length - 1 - end) === next.charCodeAt(next.length - 1 - end)) end++;
  if (end > 0 && isLowSurrogate(current.charCodeAt(current.length - end))) end--;
  const removed = current.length - start - end;
  if (removed > 0) text.delete(start, removed);
  const inserted = next.slice(start, next.length - end);
  if (inserted.length > 0) text.insert(start, inserted);
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
