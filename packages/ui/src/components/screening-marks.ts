// What the timeline and the patterns panel add for screening results and expected events, kept apart
// from the large components: a marked symbol for a high result (not colour alone: a "!" badge and
// words for screen readers), and a line giving an expected event's deadline and status.
import { html, nothing, type TemplateResult } from 'lit';
import { categoryBySlug, describeResult, formatChronoDate, isHighResult, type Entry, type ExpectedEventFacts, type CycleFacts, type SiblingFacts } from '@mac/domain';

/** Words for a screen reader's description of a mark, or null when the entry records no result. */
export function resultDescription(entry: Entry): string | null {
  const text = describeResult(entry);
  if (text === null) return null;
  return isHighResult(entry) ? `high screening result: ${text}` : `screening result: ${text}`;
}

/** The badge on a high result's mark (decorative: the description says it). */
export function highResultBadge(entry: Entry): TemplateResult | typeof nothing {
  return isHighResult(entry) ? html`<span class="risk-high" aria-hidden="true" data-risk="high">!</span>` : nothing;
}

const STATUS_TEXT: Record<ExpectedEventFacts['status'], string> = {
  due: 'Due by',
  overdue: 'Overdue: expected by',
  late: 'Late: expected by',
};

/** "Overdue: expected by 4 March 2023", "Late: expected by 4 March 2023, recorded 9 March 2023". */
export function expectedLine(expected: ExpectedEventFacts | undefined): TemplateResult | typeof nothing {
  if (expected === undefined) return nothing;
  const arrived = expected.status === 'late' && expected.arrivedOn ? `, recorded ${formatChronoDate(expected.arrivedOn)}` : '';
  return html`<p class="body-s expected expected--${expected.status}" data-expected=${expected.status}>
    <strong>${STATUS_TEXT[expected.status]} ${formatChronoDate(expected.deadline)}</strong>${arrived}
  </p>`;
}

/** The cycles of closed-then-re-referred, listed for the reader. */
export function cyclesList(cycles: readonly CycleFacts[] | undefined): TemplateResult | typeof nothing {
  if (cycles === undefined || cycles.length === 0) return nothing;
  return html`<ol class="body-s cycles" data-cycles>
    ${cycles.map((c) => html`<li>Closed ${formatChronoDate(c.closedOn)}, referred again ${formatChronoDate(c.reopenedOn)}</li>`)}
  </ol>`;
}

/**
 * sibling-previously-on-plan: the sibling's entries the highlight rests on, and a link to the sibling's
 * chronology (the server gives the facts only to a reader who may open it).
 */
export function siblingLine(sibling: SiblingFacts | undefined): TemplateResult | typeof nothing {
  if (sibling === undefined) return nothing;
  return html`<ul class="body-s sibling" data-sibling=${sibling.chronologyId}>
    ${sibling.events.map((e) => html`<li>${sibling.name}: ${categoryBySlug(e.category)?.label ?? e.category}, ${formatChronoDate(e.date)}</li>`)}
    <li><a class="link" href=${`/chronologies/${encodeURIComponent(sibling.chronologyId)}`}>Open ${sibling.name}’s chronology</a></li>
  </ul>`;
}
