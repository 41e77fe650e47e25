// What counts as text a person can see, and the text-direction controls that can make one string read
// differently on screen and on paper. One module, so that the entry schema (and so the websocket, REST
// and CSV paths), the server's other reasons and notes, the browser and the PDF/CSV exports all apply
// the same rules.
//
// - A required text (a summary, a withdrawal reason, a break-glass reason, a dismissal reason…) must
//   hold at least one visible character: spaces, zero-width characters, other format and control
//   characters, combining marks on their own and blank-looking letters (Hangul fillers, the blank
//   Braille pattern) do not count, so "​" (a zero-width space) is as empty as "".
// - The bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) can
//   reorder what is displayed ("Trojan Source"): a summary holding U+202E shows its characters
//   backwards. Single-line fields refuse them; everywhere text is displayed or exported they are
//   removed (neutraliseBidi), so the screen, the printed pack and a spreadsheet show the same order.

/** Embedding (LRE, RLE), pop (PDF), override (LRO, RLO) and isolate (LRI, RLI, FSI, PDI) controls. */
export const BIDI_CONTROL_PATTERN = /[\u202A-\u202E\u2066-\u2069]/u;
const BIDI_CONTROLS_GLOBAL = /[\u202A-\u202E\u2066-\u2069]/gu;

// White space, controls, format characters (zero-width space/joiners, word joiner, BOM, marks such as
// U+200E, tag characters), combining marks alone, and characters that render as blank letters.
const INVISIBLE = /[\p{White_Space}\p{Cc}\p{Cf}\p{M}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0\u2800\u180E\u{1D159}\u{1D173}-\u{1D17A}]/u;

export function hasBidiControls(text: string): boolean {
  return BIDI_CONTROL_PATTERN.test(text);
}

/**
 * The number of characters (code points) in `s`: what `[...s].length` says, without building the array
 * (every entry is checked twice on the write path, and those arrays were a quarter of the checks'
 * time and garbage). A surrogate pair is one character, a lone surrogate one too.
 */
export function characters(s: string): number {
  let pairs = 0;
  for (let i = 0; i < s.length - 1; i++) {
    const high = s.charCodeAt(i);
    if (high < 0xd800 || high > 0xdbff) continue;
    const low = s.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) {
      pairs++;
      i++;
    }
  }
  return s.length - pairs;
}

/** The number of characters (code points) a reader can see. */
export function visibleLength(text: string): number {
  let n = 0;
  for (const ch of text) if (!INVISIBLE.test(ch)) n++;
  return n;
}

export function hasVisibleText(text: string): boolean {
  for (const ch of text) if (!INVISIBLE.test(ch)) return true;
  return false;
}

/** The text with its bidirectional embedding, override and isolate controls removed, for display and export. */
export function neutraliseBidi(text: string): string {
  return BIDI_CONTROL_PATTERN.test(text) ? text.replace(BIDI_CONTROLS_GLOBAL, '') : text;
}

/** The message for a single-line field holding a text-direction control, naming the field. */
export function bidiControlMessage(field: string): string {
  return `${field} must not contain text-direction control characters (U+202A to U+202E, U+2066 to U+2069)`;
}
