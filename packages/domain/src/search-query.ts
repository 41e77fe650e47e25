// Search across a caseload (issue 15, item 6): what a person types in the search box, read into terms the
// database's full-text search can take without ever seeing the person's syntax. Both backends build their
// own query from these terms with every word quoted or bound as a parameter (SQLite FTS5 phrases,
// PostgreSQL phraseto_tsquery), so a stray `"`, `AND(`, `*` or `NEAR` is a word to look for, never an
// operator and never a syntax error.
//
// What the box understands (a small part of what web search engines do, the same on both backends):
// - words: every one must be in the entry (in any of its text fields), in any form the stemmer relates
//   ("bruise" finds "bruised" and "bruising");
// - "a quoted phrase": those words next to each other;
// - -word or -"a phrase": entries holding it are left out (there must be something to look for too).
// A word is a run of letters, digits and combining marks; anything else separates words (so "O'Brien"
// is the phrase "O Brien", and "self-harm" the phrase "self harm", as the tokenisers read the text).

export const SEARCH_MIN_LENGTH = 2;
export const SEARCH_MAX_LENGTH = 200;
/** Terms (words or phrases) in one search: enough for any real question, and a bound on the query's cost. */
export const SEARCH_MAX_TERMS = 12;

/** One word, or a phrase (its words in order, next to each other). */
export interface SearchTerm {
  words: string[];
}

export interface SearchQuery {
  /** Every one of these must match. Never empty. */
  include: SearchTerm[];
  /** None of these may match. */
  exclude: SearchTerm[];
}

export type ParsedSearch = { ok: true; query: SearchQuery } | { ok: false; message: string };

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

function wordsOf(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Reads the search box. Refuses (with a message for the person) what cannot be searched for. */
export function parseSearchQuery(raw: string): ParsedSearch {
  const text = raw.trim();
  const length = [...text].length;
  if (length < SEARCH_MIN_LENGTH) return { ok: false, message: `Enter at least ${SEARCH_MIN_LENGTH} characters to search for.` };
  if (length > SEARCH_MAX_LENGTH) return { ok: false, message: `Search for at most ${SEARCH_MAX_LENGTH} characters.` };
  const include: SearchTerm[] = [];
  const exclude: SearchTerm[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/u.test(ch)) {
      i += 1;
      continue;
    }
    // A minus at the start of a term leaves it out; anywhere else it separates words.
    const negated = ch === '-' && i + 1 < text.length && !/\s/u.test(text[i + 1]!);
    if (negated) i += 1;
    let body: string;
    if (text[i] === '"') {
      const close = text.indexOf('"', i + 1);
      // An unclosed quote runs to the end, as the person most likely meant.
      const end = close === -1 ? text.length : close;
      body = text.slice(i + 1, end);
      i = end + 1;
    } else {
      let end = i;
      while (end < text.length && !/\s/u.test(text[end]!) && text[end] !== '"') end += 1;
      body = text.slice(i, end);
      i = end;
    }
    const words = wordsOf(body);
    if (words.length === 0) continue;
    (negated ? exclude : include).push({ words });
  }
  if (include.length === 0) {
    return {
      ok: false,
      message: exclude.length > 0 ? 'Enter a word to search for as well as the words to leave out.' : 'Enter a word to search for: letters or numbers, not only punctuation.',
    };
  }
  if (include.length + exclude.length > SEARCH_MAX_TERMS) return { ok: false, message: `Search for at most ${SEARCH_MAX_TERMS} words or phrases at once.` };
  return { ok: true, query: { include, exclude } };
}

/**
 * Marks around the matched words in a snippet, as the database returns it: two private-use characters,
 * which the server turns into segments before anything reaches a browser (`snippetSegments`). Text that
 * itself holds these characters only moves a highlight; it never becomes markup (the browser renders
 * segments as text).
 */
export const SNIPPET_MARK_START = '\uE000';
export const SNIPPET_MARK_END = '\uE001';

/** A run of snippet text, matched (to be highlighted) or not. */
export interface SnippetSegment {
  text: string;
  match: boolean;
}

/** Splits a marked snippet into plain and matched runs; empty runs are dropped, neighbours of one kind merged. */
export function snippetSegments(marked: string): SnippetSegment[] {
  const out: SnippetSegment[] = [];
  let match = false;
  let current = '';
  const push = () => {
    if (current === '') return;
    const last = out[out.length - 1];
    if (last && last.match === match) last.text += current;
    else out.push({ text: current, match });
    current = '';
  };
  for (const ch of marked) {
    if (ch === SNIPPET_MARK_START || ch === SNIPPET_MARK_END) {
      push();
      match = ch === SNIPPET_MARK_START;
    } else current += ch;
  }
  push();
  return out;
}
