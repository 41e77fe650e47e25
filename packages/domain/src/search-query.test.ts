import { describe, expect, it } from 'vitest';
import { parseSearchQuery, SEARCH_MAX_TERMS, SNIPPET_MARK_END as E, SNIPPET_MARK_START as S, snippetSegments } from './search-query.js';

const terms = (raw: string) => {
  const parsed = parseSearchQuery(raw);
  if (!parsed.ok) throw new Error(parsed.message);
  return { include: parsed.query.include.map((t) => t.words.join(' ')), exclude: parsed.query.exclude.map((t) => t.words.join(' ')) };
};

describe('parseSearchQuery', () => {
  it('reads words, quoted phrases and left-out terms', () => {
    expect(terms('bruise  nursery')).toEqual({ include: ['bruise', 'nursery'], exclude: [] });
    expect(terms('"missing from home" police')).toEqual({ include: ['missing from home', 'police'], exclude: [] });
    expect(terms('school -absence -"fixed term"')).toEqual({ include: ['school'], exclude: ['absence', 'fixed term'] });
  });

  it('turns punctuation and operators of either database into words or separators, never syntax', () => {
    expect(terms('AND(')).toEqual({ include: ['AND'], exclude: [] });
    expect(terms('NEAR(a b) OR c*')).toEqual({ include: ['NEAR a', 'b', 'OR', 'c'], exclude: [] });
    expect(terms("O'Brien self-harm")).toEqual({ include: ['O Brien', 'self harm'], exclude: [] });
    expect(terms('"unclosed phrase')).toEqual({ include: ['unclosed phrase'], exclude: [] });
    expect(terms('a:* & !b | <-> c')).toEqual({ include: ['a', 'b', 'c'], exclude: [] });
    // A minus inside a word separates; one standing alone is nothing.
    expect(terms('well-being - x')).toEqual({ include: ['well being', 'x'], exclude: [] });
    expect(terms('Zoë café 42')).toEqual({ include: ['Zoë', 'café', '42'], exclude: [] });
  });

  it('refuses what cannot be searched for, with a message for the person', () => {
    for (const raw of ['', ' ', 'a', '"', '""', '()', '-school', '- -', '***']) {
      const parsed = parseSearchQuery(raw);
      expect(parsed.ok, raw).toBe(false);
      if (!parsed.ok) expect(parsed.message.length).toBeGreaterThan(10);
    }
    expect(parseSearchQuery('x'.repeat(201)).ok).toBe(false);
    expect(parseSearchQuery('x'.repeat(200)).ok).toBe(true);
    expect(parseSearchQuery(Array.from({ length: SEARCH_MAX_TERMS + 1 }, (_, i) => `w${i}`).join(' ')).ok).toBe(false);
    expect(parseSearchQuery(Array.from({ length: SEARCH_MAX_TERMS }, (_, i) => `w${i}`).join(' ')).ok).toBe(true);
  });
});

describe('snippetSegments', () => {
  it('splits a marked snippet into plain and matched runs', () => {
    expect(snippetSegments(`…seen with a ${S}bruise${E} on her ${S}arm${E}`)).toEqual([
      { text: '…seen with a ', match: false },
      { text: 'bruise', match: true },
      { text: ' on her ', match: false },
      { text: 'arm', match: true },
    ]);
  });

  it('keeps markup as text and survives stray or unbalanced marks', () => {
    expect(snippetSegments(`<img src=x onerror=alert(1)> ${S}word`)).toEqual([
      { text: '<img src=x onerror=alert(1)> ', match: false },
      { text: 'word', match: true },
    ]);
    expect(snippetSegments(`${E}${E}a${S}${S}b${E}`)).toEqual([
      { text: 'a', match: false },
      { text: 'b', match: true },
    ]);
    expect(snippetSegments('')).toEqual([]);
  });
});
