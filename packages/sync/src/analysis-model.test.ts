import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getAnalysisText, replaceText } from './analysis-model.js';
import { analysisDocName, parseDocName } from './doc-names.js';

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('the analysis document', () => {
  it('has a name of its own that parses back, and nothing else ends that way', () => {
    expect(analysisDocName(ID)).toBe(`${ID}/analysis`);
    expect(parseDocName(analysisDocName(ID))).toEqual({ chronologyId: ID, restrictedAgency: null, analysis: true });
    expect(parseDocName(ID)).toEqual({ chronologyId: ID, restrictedAgency: null, analysis: false });
    expect(parseDocName(`${ID}/analysis/extra`)).toBeNull();
    expect(parseDocName(`not-a-uuid/analysis`)).toBeNull();
    expect(parseDocName(`${ID}/restricted/analysis`)).toEqual({ chronologyId: ID, restrictedAgency: 'analysis', analysis: false });
  });

  it('replaceText changes only the middle that differs, and a concurrent edit elsewhere survives', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    getAnalysisText(a).insert(0, 'The child is not seen. Neglect is escalating.');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    a.transact(() => replaceText(getAnalysisText(a), 'The child is rarely seen. Neglect is escalating.'));
    b.transact(() => replaceText(getAnalysisText(b), 'The child is not seen. Neglect is escalating fast.'));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(getAnalysisText(a).toString()).toBe('The child is rarely seen. Neglect is escalating fast.');
    expect(getAnalysisText(b).toString()).toBe(getAnalysisText(a).toString());
  });

  it('replaceText never splits a surrogate pair', () => {
    const doc = new Y.Doc();
    const text = getAnalysisText(doc);
    text.insert(0, 'a😀b');
    replaceText(text, 'a😃b');
    expect(text.toString()).toBe('a😃b');
    replaceText(text, '');
    expect(text.toString()).toBe('');
  });
});
