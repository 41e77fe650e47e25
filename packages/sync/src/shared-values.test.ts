import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildEntry, buildPrincipal } from '@mac/domain/testing';
import { amendEntry, getEntriesMap, readEntries, writeNewEntry } from './doc-model.js';
import { DEFAULT_LIMITS } from './limits.js';
import { shareEntryValues } from './shared-values.js';
import { inspectUpdate } from './update-inspector.js';

const police = buildPrincipal({ id: 'police-1', agency: 'thames-valley-police' });

describe('a shadow sharing the live document’s entry values', () => {
  it('holds live’s own values for every current value, reads the same, and judges updates as before', () => {
    const live = new Y.Doc();
    const entries = [0, 1, 2].map(() => buildEntry({ agency: police.agency, authorId: police.id }));
    for (const entry of entries) writeNewEntry(live, entry);
    amendEntry(live, entries[0]!.id, { summary: 'Amended once' });
    const shadow = new Y.Doc();
    Y.applyUpdate(shadow, Y.encodeStateAsUpdate(live));
    // Texts: the same characters compare equal in JavaScript, shared or not (the sharing shows in memory:
    // `pnpm --filter @mac/sync bench:memory`); what is checked is that every current value was swapped.
    expect(shareEntryValues(live, shadow)).toBe(3);
    for (const entry of entries) expect(getEntriesMap(shadow).get(entry.id)).toBe(getEntriesMap(live).get(entry.id));
    expect(readEntries(shadow)).toEqual(readEntries(live));

    // A client's amendment and a forbidden change are judged on the sharing shadow as on any copy.
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(live));
    const before = Y.encodeStateVector(client);
    amendEntry(client, entries[1]!.id, { detail: 'Added by a colleague' });
    const ctx = { principal: police, readOnly: false, intent: 'edit' as const, chronology: { id: 'c', leadUserId: '', memberAgencies: [police.agency] }, restrictedAgency: null, limits: DEFAULT_LIMITS };
    expect(inspectUpdate(shadow, Y.encodeStateAsUpdate(client, before), ctx)).toMatchObject({ ok: true, changes: [{ kind: 'amend', fields: ['detail'] }] });
    // Live's value is untouched by what happened on the shadow.
    expect(readEntries(live).find((e) => e.id === entries[1]!.id)?.detail).toBe(entries[1]!.detail);
  });

  it('leaves values of other structs alone (a shadow that differs from live)', () => {
    const live = new Y.Doc();
    const entry = buildEntry();
    writeNewEntry(live, entry);
    const shadow = new Y.Doc();
    Y.applyUpdate(shadow, Y.encodeStateAsUpdate(live));
    amendEntry(shadow, entry.id, { summary: 'Only on the shadow' });
    expect(shareEntryValues(live, shadow)).toBe(0);
    expect(readEntries(shadow)[0]?.summary).toBe('Only on the shadow');
  });
});
