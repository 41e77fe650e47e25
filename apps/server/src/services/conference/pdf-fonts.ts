// The conference pack's fonts: Liberation Sans embedded when the machine has it (every character as
// typed, and text that copies back out), else the standard Helvetica, which shows only Windows-1252, so
// text is made safe for it. Either way, text is tidied first: control characters and text-direction
// controls removed, line ends made one newline (the same rules as the screen and the CSV).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { neutraliseBidi } from '@mac/domain';

export type FontRole = 'regular' | 'bold' | 'italic';

export interface Fonts {
  name: Record<FontRole, string>;
  /** Makes text safe for the font: Helvetica (WinAnsi) cannot show most characters beyond Latin-1. */
  clean: (text: string) => string;
}

// The extra characters of Windows-1252 (0x80–0x9F) that the standard 14 fonts can show beyond Latin-1.
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

function tidy(text: string): string {
  // Control characters draw as boxes or nothing; tabs become spaces and every line end one newline.
  // Text-direction controls are removed (@mac/domain text-rules.ts) as the browser and the CSV remove
  // them, so the printed pack shows the order the screen shows.
  return neutraliseBidi(text)
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, '');
}

function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of tidy(text)) {
    const code = ch.codePointAt(0)!;
    out += code === 10 || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(ch) ? ch : '?';
  }
  return out;
}

export function loadFonts(doc: PDFKit.PDFDocument, dir: string | null): Fonts {
  const files: Record<FontRole, string> = { regular: 'LiberationSans-Regular.ttf', bold: 'LiberationSans-Bold.ttf', italic: 'LiberationSans-Italic.ttf' };
  if (dir !== null && Object.values(files).every((f) => existsSync(join(dir, f)))) {
    // Embedded (subset) TrueType: en dashes, curly quotes and accented names come out as typed, and the
    // ToUnicode map lets readers (and pdftotext) copy the text back.
    for (const [role, file] of Object.entries(files)) doc.registerFont(role, join(dir, file));
    return { name: { regular: 'regular', bold: 'bold', italic: 'italic' }, clean: tidy };
  }
  return { name: { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique' }, clean: toWinAnsi };
}

