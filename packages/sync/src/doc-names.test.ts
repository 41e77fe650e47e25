import { describe, expect, it } from 'vitest';
import { parseDocName, restrictedDocName, sharedDocName } from './doc-names.js';

const id = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('document names', () => {
  it('round-trips shared and restricted names', () => {
    expect(sharedDocName(id)).toBe(id);
    expect(restrictedDocName(id, 'thames-valley-police')).toBe(`${id}/restricted/thames-valley-police`);
    expect(parseDocName(sharedDocName(id))).toEqual({ chronologyId: id, restrictedAgency: null, analysis: false });
    expect(parseDocName(restrictedDocName(id, 'thames-valley-police'))).toEqual({ chronologyId: id, restrictedAgency: 'thames-valley-police', analysis: false });
  });

  it.each([
    '',
    'not-a-uuid',
    id.toUpperCase(),
    `${id}/`,
    `${id}/restricted/`,
    `${id}/restricted/Thames`,
    `${id}/restricted/a/b`,
    `${id}/other/thames-valley-police`,
    `../${id}`,
    `${id}/restricted/-leading-hyphen`,
  ])('refuses %j', (name) => {
    expect(parseDocName(name)).toBeNull();
  });
});
