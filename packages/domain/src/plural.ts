// Counts in words, the one helper for them: "1 entry", "3 entries", "1,204 rows", "two patterns".
// English plurals are mostly regular; an irregular one is passed in ("entry", "entries"; "person",
// "people"). Nothing else in MAC chooses a word by `n === 1`: a sentence that agrees with a count
// asks pluralWord, so the rule for one (and only one) is written here once.

/** A count and its noun: `plural(3, 'entry', 'entries')` → "3 entries". Numbers are grouped the UK way (1,204). */
export function plural(n: number, one: string, many = `${one}s`): string {
  // Below 1,000 a whole number has no grouping to do, and Intl's formatting was a few per cent of a
  // pattern evaluation (explanations count everything); String gives the same text, -0 aside.
  const digits = Number.isInteger(n) && n >= 0 && n < 1000 && !Object.is(n, -0) ? String(n) : n.toLocaleString('en-GB');
  return `${digits} ${pluralWord(n, one, many)}`;
}

/**
 * The words alone, agreeing with a count: `pluralWord(n, 'is', 'are')`, `pluralWord(n, 'it', 'them')`,
 * or a whole phrase for each case: `pluralWord(n, 'a problem', `${n} problems`)`.
 */
export function pluralWord(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'] as const;

/** Numbers up to ten in words, as a sentence writes them; larger ones in figures (1,204). */
export function numberWord(n: number): string {
  return Number.isInteger(n) && n >= 0 && n <= 10 ? WORDS[n]! : n.toLocaleString('en-GB');
}

/** A count in words and its noun, as prose writes small numbers: `pluralInWords(2, 'pattern')` → "two patterns". */
export function pluralInWords(n: number, one: string, many = `${one}s`): string {
  return `${numberWord(n)} ${pluralWord(n, one, many)}`;
}
