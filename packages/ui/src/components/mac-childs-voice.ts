// "When did anyone last hear from this child?" on the chronology page (issue 15): for each member
// agency, the last entry recording the child's own words and the last one recording them as seen alone,
// with days since, from @mac/domain's childsVoiceSummary over the entries this reader can see. When
// nobody has recorded the child's words for three months (or ever), a GOV.UK warning text says so
// outside the collapsed details, so a silent child is visible without opening anything. Each date opens
// its entry (mac-select), as a row of the table does.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { childsVoiceSummary, describeDaysSince, formatChronoDate, todayIso, type Entry, type VoiceEvent, type VoiceSummary } from '@mac/domain';
import { tokens } from '../styles/tokens.js';
import { base } from '../styles/base.js';
import { tables } from '../styles/tables.js';
import { banners } from '../styles/banners.js';
import { voiceTable, voiceWarning } from './voice-table.js';

export class MacChildsVoice extends LitElement {
  static override properties = {
    entries: { attribute: false },
    agencies: { attribute: false },
    today: { attribute: false },
  };

  /** The entries this reader can see (withdrawn ones are ignored by the summary). */
  declare entries: readonly Entry[];
  /** The chronology's member agencies, in lane order: each is listed even with nothing recorded. */
  declare agencies: readonly { slug: string; name: string }[];
  /** ISO day the days count to; today in the partnership's time zone unless set (tests). */
  declare today: string | null;

  private summary: VoiceSummary | null = null;

  constructor() {
    super();
    this.entries = [];
    this.agencies = [];
    this.today = null;
  }

  static override styles = [
    tokens,
    base,
    tables,
    banners,
    css`
      :host {
        display: block;
      }
      .voice {
        margin: 0 0 1rem;
      }
      .voice .warning-text {
        margin-bottom: 0.5rem;
      }
      .voice p {
        margin: 0 0 0.5rem;
      }
      details.details {
        margin-bottom: 0.5rem;
      }
      .link-button {
        text-align: left;
      }
    `,
  ];

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('entries') || changed.has('agencies') || changed.has('today')) {
      this.summary = childsVoiceSummary(this.entries, { today: this.today ?? todayIso(), agencies: this.agencies.map((a) => a.slug) });
    }
  }

  private name(slug: string): string {
    return this.agencies.find((a) => a.slug === slug)?.name ?? slug;
  }

  private select(id: string) {
    this.dispatchEvent(new CustomEvent('mac-select', { detail: { id }, bubbles: true, composed: true }));
  }

  private event(e: VoiceEvent | null, what: string) {
    if (e === null) return html`<span class="secondary">Not recorded</span>`;
    return html`<button type="button" class="link-button" data-entry=${e.entryId} @click=${() => this.select(e.entryId)}>
        ${formatChronoDate(e.date)}<span class="visually-hidden">: open the entry ${what}</span></button
      ><br /><span class="secondary">${describeDaysSince(e)}</span>`;
  }

  private headline(s: VoiceSummary) {
    const heard = s.lastHeardFrom;
    if (heard === null) return voiceWarning('No agency has recorded the child’s own words in this chronology.', 'data-voice-quiet');
    const when = `${formatChronoDate(heard.date)} by ${this.name(heard.agency)}`;
    if (s.quiet) {
      return voiceWarning(`No agency has recorded the child’s own words for ${heard.approximate ? 'at least ' : ''}${heard.daysSince} days (last on ${when}).`, 'data-voice-quiet');
    }
    return html`<p data-voice-latest>The child’s words were last recorded on ${when} (${describeDaysSince(heard)}).</p>`;
  }

  override render() {
    const s = this.summary;
    if (s === null) return nothing;
    return html`<section class="voice" aria-labelledby="voice-title" data-childs-voice>
      <h2 class="heading-s" id="voice-title">The child’s voice</h2>
      ${this.headline(s)}
      <details class="details">
        <summary class="details__summary"><span class="details__summary-text">Last heard from and last seen alone, by agency</span></summary>
        <div class="details__text">
          ${voiceTable(
            'When each agency last recorded the child’s words and last saw the child alone',
            s.agencies.map((a) => ({
              agency: a.agency,
              agencyName: this.name(a.agency),
              lastHeardFrom: this.event(a.lastHeardFrom, `in which ${this.name(a.agency)} recorded the child’s words`),
              lastSeenAlone: this.event(a.lastSeenAlone, `in which ${this.name(a.agency)} saw the child alone`),
            })),
          )}
        </div>
      </details>
    </section>`;
  }
}
