// What the timeline and the entry table add for a household event's copy (issue 14): a visible house
// badge beside the symbol (not colour alone) and words for screen readers; a tag in the table. Kept apart
// from the large components, like screening-marks.ts.
import { html, nothing, type TemplateResult } from 'lit';
import type { Entry } from '@mac/domain';

export function isHouseholdEvent(entry: Pick<Entry, 'householdEventId'>): boolean {
  return typeof entry.householdEventId === 'string' && entry.householdEventId !== '';
}

/** Words for a screen reader's description of a mark, or null for an entry about this child alone. */
export function householdDescription(entry: Pick<Entry, 'householdEventId'>): string | null {
  return isHouseholdEvent(entry) ? 'household event: recorded once for the children of the household' : null;
}

/** The house badge on a household event's mark (decorative: the description says it). */
export function householdBadge(entry: Pick<Entry, 'householdEventId'>): TemplateResult | typeof nothing {
  return isHouseholdEvent(entry) ? html`<span class="household" aria-hidden="true" data-household-event>⌂</span>` : nothing;
}

/** The table's tag for a household event. */
export function householdTag(entry: Pick<Entry, 'householdEventId'>): TemplateResult | typeof nothing {
  return isHouseholdEvent(entry) ? html`<span class="tag tag--household" data-household-tag>Household event</span>` : nothing;
}
