// Counts in words, the one helper for them: "1 entry", "3 entries", "1,204 rows". English plurals
// are mostly regular; an irregular one is passed in ("entry", "entries"; "person", "people").

/** A count and its noun: `plural(3, 'entry', 'entries')` → "3 entries". Numbers are grouped the UK way (1,204). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** The word alone, agreeing with a count said elsewhere: `pluralWord(n, 'is', 'are')`, `pluralWord(n, 'it', 'them')`. */
export function pluralWord(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}
