import { describe, expect, it } from 'vitest';
import { buildEntry } from '@mac/domain/testing';
import { entryText, isPlainFields, FIELD_POSITION, storedEntryOf } from './doc-model.js';
import { parseEntryText } from './entry-items.js';

/** The one-form rule as first written: the text is exactly `entryText` of what it parses to. */
function oneFormByEntryText(text: string): boolean {
  const parsed: unknown = JSON.parse(text);
  return isPlainFields(parsed) && Object.entries(parsed).every(([field, value]) => FIELD_POSITION.has(field) && (typeof value === 'string' || typeof value === 'boolean')) && entryText(parsed) === text;
}

/** A small seeded generator: the same cases on every run. */
function random(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % n;
  };
}

describe('parseEntryText: the one JSON form', () => {
  // parseEntryText compares the text with the object as parsed, given its fields are in order, instead of
  // building `entryText` of it: this holds the two to the same verdict on texts near the one form.
  it('accepts exactly the texts that are entryText of what they parse to', () => {
    const pick = random(12);
    const fields = storedEntryOf(buildEntry({ summary: 'Seen at home "with" mum', detail: 'Line one\nline two \u00e9 \u2028', restricted: true }));
    const keys = Object.keys(fields);
    const canonical = entryText(fields);
    const texts: string[] = [canonical];
    for (let i = 0; i < 400; i++) {
      const order = [...keys];
      // Sometimes in order, sometimes two fields swapped, sometimes shuffled.
      const kind = pick(4);
      if (kind === 1) {
        const a = pick(order.length);
        const b = pick(order.length);
        [order[a], order[b]] = [order[b]!, order[a]!];
      } else if (kind >= 2) order.sort(() => pick(3) - 1);
      let text = JSON.stringify(Object.fromEntries(order.map((k) => [k, fields[k]])));
      // Then one edit that keeps it valid JSON of the same fields: a repeated key, a needless escape, a space,
      // a field left out, or none.
      const edit = pick(6);
      const key = keys[pick(keys.length)]!;
      if (edit === 1) text = text.replace(`"${key}":`, `"${key}":"other","${key}":`);
      else if (edit === 2) text = text.replace('"summary":"S', '"summary":"\\u0053');
      else if (edit === 3) text = text.replace(`"${key}":`, `"${key}": `);
      else if (edit === 4) text = JSON.stringify(Object.fromEntries(order.filter((k) => k !== key).map((k) => [k, fields[k]])));
      else if (edit === 5) text = text.replace('"', ' "');
      texts.push(text);
    }
    let accepted = 0;
    for (const text of texts) {
      const verdict = parseEntryText(text);
      expect(verdict.ok, text).toBe(oneFormByEntryText(text));
      if (verdict.ok) accepted += 1;
    }
    // Both verdicts occur (the cases are not all one kind).
    expect(accepted).toBeGreaterThan(20);
    expect(accepted).toBeLessThan(texts.length - 100);
  });
});
