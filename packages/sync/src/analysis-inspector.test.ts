import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ANALYSIS_LIMITS, type Principal } from '@mac/domain';
import { getAnalysisText, replaceText } from './analysis-model.js';
import { getEntriesMap } from './doc-model.js';
import { DEFAULT_LIMITS } from './limits.js';
import { inspectUpdate, type InspectContext } from './update-inspector.js';

const lead: Principal = { id: 'lead-1', kind: 'user', role: 'lead', agency: 'csc', name: 'Lead' };
const police: Principal = { id: 'police-1', kind: 'user', role: 'dsl', agency: 'police', name: 'Police' };
const chronology = { id: 'c', leadUserId: lead.id, memberAgencies: ['csc', 'police'] };

const ctx = (principal: Principal, overrides: Partial<InspectContext> = {}): InspectContext => ({
  principal,
  readOnly: false,
  intent: 'edit',
  chronology,
  restrictedAgency: null,
  analysis: true,
  limits: DEFAULT_LIMITS,
  ...overrides,
});

/** A shadow holding `initial`, and the update a client makes from it with `edit`. */
function scenario(initial: string, edit: (doc: Y.Doc) => void) {
  const shadow = new Y.Doc();
  getAnalysisText(shadow).insert(0, initial);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(shadow));
  const before = Y.encodeStateVector(client);
  edit(client);
  return { shadow, update: Y.encodeStateAsUpdate(client, before) };
}

describe('the analysis document’s updates', () => {
  it('the lead types and deletes in the summary', () => {
    const { shadow, update } = scenario('The child is not seen.', (doc) => replaceText(getAnalysisText(doc), 'The child is rarely seen at home.'));
    const verdict = inspectUpdate(shadow, update, ctx(lead));
    expect(verdict).toMatchObject({ ok: true, changes: [] });
    expect(getAnalysisText(shadow).toString()).toBe('The child is rarely seen at home.');
  });

  it('anyone else, or a read-only connection, is refused whole', () => {
    for (const [who, extra] of [[police, {}], [lead, { readOnly: true }], [{ ...lead, id: 'another-lead' }, {}]] as const) {
      const { shadow, update } = scenario('Summary', (doc) => getAnalysisText(doc).insert(7, ' changed'));
      const verdict = inspectUpdate(shadow, update, ctx(who, extra));
      expect(verdict).toMatchObject({ ok: false, code: 'UPDATE_REFUSED' });
    }
  });

  it('holds only plain text: no map, no formatting, no other type', () => {
    const cases: Array<(doc: Y.Doc) => void> = [
      (doc) => getEntriesMap(doc).set('x', new Y.Map()),
      (doc) => doc.getMap('other').set('k', 'v'),
      (doc) => getAnalysisText(doc).format(0, 3, { bold: true }),
      (doc) => getAnalysisText(doc).insertEmbed(0, { image: 'x' }),
    ];
    for (const edit of cases) {
      const { shadow, update } = scenario('Summary', edit);
      expect(inspectUpdate(shadow, update, ctx(lead)).ok).toBe(false);
      expect(getAnalysisText(shadow).toString()).toBe('Summary');
    }
  });

  it('is refused past the domain’s length limit', () => {
    const { shadow, update } = scenario('', (doc) => getAnalysisText(doc).insert(0, 'x'.repeat(ANALYSIS_LIMITS.text + 1)));
    expect(inspectUpdate(shadow, update, ctx(lead))).toMatchObject({ ok: false, reason: expect.stringContaining('characters or fewer') });
  });

  it('a chronology’s entries document still refuses text', () => {
    const shadow = new Y.Doc();
    getEntriesMap(shadow);
    const client = new Y.Doc();
    getAnalysisText(client).insert(0, 'text where entries belong');
    const verdict = inspectUpdate(shadow, Y.encodeStateAsUpdate(client), ctx(lead, { analysis: false }));
    expect(verdict).toMatchObject({ ok: false });
  });
});

describe('skimUpdateV1 on text', () => {
  it('agrees with Y.parseUpdateMeta on clocks of text with multi-byte characters, inserts and deletes', async () => {
    const { skimUpdateV1 } = await import('./update-format.js');
    const doc = new Y.Doc();
    const text = getAnalysisText(doc);
    text.insert(0, 'Ça va 😀 — the child’s voice');
    text.delete(3, 4);
    text.insert(5, 'ë😃x');
    const update = Y.encodeStateAsUpdate(doc);
    const shape = skimUpdateV1(update, 'text');
    const meta = Y.parseUpdateMeta(update);
    expect(shape.ok).toBe(true);
    if (shape.ok) {
      expect(shape.to).toEqual(meta.to);
      expect(shape.from).toEqual(meta.from);
    }
    expect(skimUpdateV1(update).ok).toBe(false);
  });
});
