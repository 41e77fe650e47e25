import { describe, expect, it } from 'vitest';
import { plural, pluralWord } from './plural.js';

describe('plural', () => {
  it('says one in the singular and every other count in the plural, zero included', () => {
    expect(plural(1, 'entry', 'entries')).toBe('1 entry');
    expect(plural(0, 'entry', 'entries')).toBe('0 entries');
    expect(plural(2, 'day')).toBe('2 days');
  });

  it('groups thousands as people in the UK write them', () => {
    expect(plural(1204, 'row')).toBe('1,204 rows');
  });

  it('writes every number as the UK locale does, the quick path for small whole numbers included', () => {
    const numbers = [...Array.from({ length: 1200 }, (_, i) => i), -1, -0, -999, 0.5, 999.5, 1e6, Number.NaN, Number.POSITIVE_INFINITY];
    for (const n of numbers) expect(plural(n, 'x')).toBe(`${n.toLocaleString('en-GB')} ${Object.is(n, 1) ? 'x' : 'xs'}`);
  });

  it('gives the word alone for a count said elsewhere', () => {
    expect(pluralWord(1, 'is', 'are')).toBe('is');
    expect(pluralWord(3, 'is', 'are')).toBe('are');
    expect(pluralWord(0, 'problem')).toBe('problems');
  });
});
