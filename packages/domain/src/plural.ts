// Counts in words, the one helper for them: "1 entry", "3 entries", "1,204 rows". English plurals
// are mostly regular; an irregular one is passed in ("entry", "entries"; "person", "people").

/** A count and its noun: `plural(3, 'entry', 'entries')` → "3 entries". Numbers are grouped the UK way (1,204). */
export function plural(n: number, one: string, many = `${one}s`): string {
  // Below 1,000 a whole number has no grouping to do, and Intl's formatting was a few per cent of a
  // pattern evaluation (explanations count everything); String gives the same text, -0 aside.
  const digits = Number.isInteger(n) && n >= 0 && n < 1000 && !Object.is(n, -0) ? String(n) : n.toLocaleString('en-GB');
  return `${digits} ${n === 1 ? one : many}`;
}

/** The word alone, agreeing with a count said elsewhere: `pluralWord(n, 'is', 'are')`, `pluralWord(n, 'it', 'them')`. */
export function pluralWord(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}
