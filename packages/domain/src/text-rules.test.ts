import { describe, expect, it } from 'vitest';
import { entryInputSchema, entryPatchSchema, entrySchema, fieldErrors, withdrawSchema } from './entry.js';
import { characters, hasBidiControls, hasVisibleText, neutraliseBidi, visibleLength } from './text-rules.js';
import { buildEntry } from './testing.js';

// Characters a reader cannot see: each alone must count as empty.
const INVISIBLES = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00A0', '\u3000', '\u200E', '\u202E', '\u2066', '\u00AD', '\u034F', '\u3164', '\u115F', '\u2800', '\u180E', '\uFE0F', '\u{E0041}', '\t'];

describe('visible text', () => {
  it.each(INVISIBLES.map((c) => [`U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, c]))('%s alone is not visible', (_, c) => {
    expect(hasVisibleText(c.repeat(3))).toBe(false);
    expect(hasVisibleText(` ${c} `)).toBe(false);
  });

  it('counts what a reader sees, in any script', () => {
    for (const text of ['a', '.', '٣', 'ש', '中', '😀', 'é']) expect(hasVisibleText(`\u200B${text}\u200B`), text).toBe(true);
    expect(visibleLength('\u200Bab\u200Dc ')).toBe(3);
  });
});

describe('characters', () => {
  it('counts characters as code points, as [...text].length does', () => {
    const samples = ['', 'a', '👶', 'a👶b', '\ud83d', '\udc76', '\udc76\ud83d', 'x\ud83d', '\ud83d\ud83d\udc76', 'é́', '👨‍👩‍👧'];
    // Random strings over ASCII, both halves of a pair and whole pairs, so lone and paired surrogates meet.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const pieces = ['a', ' ', '\ud83d', '\udc76', '👶', 'é', '\udbff', '\udfff', '\ud800\udc00'];
    for (let i = 0; i < 500; i++) samples.push(Array.from({ length: next() % 12 }, () => pieces[next() % pieces.length]).join(''));
    for (const text of samples) expect(characters(text), JSON.stringify(text)).toBe([...text].length);
  });
});

describe('text-direction controls', () => {
  it('finds and removes the embedding, override and isolate controls, and nothing else', () => {
    const controls = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
    for (const c of controls) {
      expect(hasBidiControls(`a${c}b`)).toBe(true);
      expect(neutraliseBidi(`a${c}b${c}`)).toBe('ab');
    }
    expect(hasBidiControls('שלום, hello – “quoted”')).toBe(false);
    expect(neutraliseBidi('שלום\u200F')).toBe('שלום\u200F');
  });
});

describe('the entry schemas apply the rules to every path (websocket, REST, CSV)', () => {
  const input = { date: '2023-04-05', category: 'other' };
  const errors = (schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, value: unknown) => {
    const result = schema.safeParse(value);
    return result.success ? [] : fieldErrors(result.error as Parameters<typeof fieldErrors>[0]);
  };

  it('refuses a summary or reason of invisible characters only', () => {
    expect(errors(entryInputSchema, { ...input, summary: '\u200B\u200B' })).toEqual([
      { field: 'summary', message: 'summary must contain visible characters (spaces and invisible characters do not count)' },
    ]);
    expect(errors(entrySchema, buildEntry({ summary: '\u2060' }))).toEqual([
      { field: 'summary', message: 'summary must contain visible characters (spaces and invisible characters do not count)' },
    ]);
    expect(errors(withdrawSchema, { reason: '\u200D\uFEFF' })[0]!.field).toBe('reason');
    expect(errors(entrySchema, buildEntry({ status: 'withdrawn', withdrawnReason: '\u200B' }))[0]!.field).toBe('withdrawnReason');
    expect(errors(entryInputSchema, { ...input, summary: 'Seen', sharing: 'professionals', sharingReason: '\u3164' })[0]!.field).toBe('sharingReason');
    expect(errors(entrySchema, buildEntry({ sharing: 'professionals', sharingReason: '\u200B' }))[0]!.field).toBe('sharingReason');
  });

  it('refuses text-direction controls in single-line fields, naming the field, but not in free text', () => {
    const rlo = 'Paid \u202E01$\u202C';
    expect(errors(entryInputSchema, { ...input, summary: rlo, sourceRef: `REF\u2066`, recordedBy: `PC\u202B1` }).map((e) => e.field)).toEqual(['summary', 'sourceRef', 'recordedBy']);
    expect(errors(entryPatchSchema, { summary: rlo })).toEqual([{ field: 'summary', message: 'summary must not contain text-direction control characters (U+202A to U+202E, U+2066 to U+2069)' }]);
    expect(errors(entrySchema, buildEntry({ summary: rlo }))[0]!.field).toBe('summary');
    expect(errors(entryInputSchema, { ...input, summary: 'Seen', detail: `Arabic quote: \u2067مرحبا\u2069` })).toEqual([]);
  });
});
