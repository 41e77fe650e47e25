// Registers MAC's custom elements. Explicit, not a side effect of importing a module: an app (or a
// test) decides when elements exist, and importing a type never defines anything.
import { MacChildsVoice } from './components/mac-childs-voice.js';
import { MacEntryDetails } from './components/mac-entry-details.js';
import { MacEntryForm } from './components/mac-entry-form.js';
import { MacEntryTable } from './components/mac-entry-table.js';
import { MacFilters } from './components/mac-filters.js';
import { MacPatterns } from './components/mac-patterns.js';
import { MacPresence } from './components/mac-presence.js';
import { MacStatus } from './components/mac-status.js';
import { MacTimeline } from './components/mac-timeline.js';

export const MAC_ELEMENTS = {
  'mac-timeline': MacTimeline,
  'mac-entry-table': MacEntryTable,
  'mac-filters': MacFilters,
  'mac-entry-form': MacEntryForm,
  'mac-entry-details': MacEntryDetails,
  'mac-presence': MacPresence,
  'mac-status': MacStatus,
  'mac-patterns': MacPatterns,
  'mac-childs-voice': MacChildsVoice,
} as const;

/** Defines every element once; calling it again does nothing. */
export function defineMacElements(registry: CustomElementRegistry = customElements): void {
  for (const [name, ctor] of Object.entries(MAC_ELEMENTS)) {
    if (!registry.get(name)) registry.define(name, ctor);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mac-timeline': MacTimeline;
    'mac-entry-table': MacEntryTable;
    'mac-filters': MacFilters;
    'mac-entry-form': MacEntryForm;
    'mac-entry-details': MacEntryDetails;
    'mac-presence': MacPresence;
    'mac-status': MacStatus;
    'mac-patterns': MacPatterns;
    'mac-childs-voice': MacChildsVoice;
  }
}
