// What a screen reader hears of one timeline mark: its date, category, summary, screening result and
// household event, and what the timeline's state says of it (changed since the conference, in the
// chosen pattern, being edited, open). Kept apart from mac-timeline.ts so the element holds state and render only.
import type { ChangeKind } from '../model/changes.js';
import { CHANGE_LABELS } from '../model/changes.js';
import { categoryLabel, categoryStyle } from '../model/category-style.js';
import type { Mark } from '../model/timeline-layout.js';
import { resultDescription } from './screening-marks.js';
import { householdDescription } from './household-marks.js';
import { plainUserText } from './user-text.js';

/** The parts of the timeline's state a mark's description reads. */
export interface MarkState {
  readonly changeMarks: ReadonlyMap<string, ChangeKind>;
  readonly highlight: { readonly entryIds: ReadonlySet<string> } | null;
  readonly editingIds: ReadonlySet<string>;
  readonly selectedId: string | null;
}

export function describeMark(mark: Mark, state: MarkState): string {
  const e = mark.view.entry;
  const style = categoryStyle(e.category);
  const parts = [
    `${mark.view.approximate ? 'approximately ' : ''}${mark.view.displayDate}`,
    `${categoryLabel(e.category)} (${style.label}, ${style.shapeName})`,
    plainUserText(e.summary),
  ];
  const result = resultDescription(e);
  if (result) parts.push(result);
  const household = householdDescription(e);
  if (household) parts.push(household);
  if (mark.kind === 'span') parts.push(`some time in ${mark.view.precision === 'year' ? 'the year' : 'the month'}`);
  if (e.status === 'withdrawn') parts.push('withdrawn');
  const change = state.changeMarks.get(e.id);
  if (change) parts.push(CHANGE_LABELS[change].toLowerCase());
  if (state.highlight?.entryIds.has(e.id)) parts.push('part of the chosen pattern');
  if (state.editingIds.has(e.id)) parts.push('being edited by someone else');
  if (e.id === state.selectedId) parts.push('open');
  return parts.join('; ');
}
