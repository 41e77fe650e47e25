// Test support: looking inside a produced PDF at the byte level, with poppler-utils (installed by .ci/run)
// and node:zlib. Used by the conference tests only.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

/** The file's bytes followed by every FlateDecode stream inflated, as one latin1 string to search. */
export function pdfBytesAndStreams(pdf: Buffer): string {
  const parts = [pdf.toString('latin1')];
  const raw = pdf.toString('latin1');
  const streamStart = /(?<!end)stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = streamStart.exec(raw)) !== null) {
    const begin = m.index + m[0].length;
    const end = raw.indexOf('endstream', begin);
    if (end === -1) break;
    try {
      parts.push(inflateSync(pdf.subarray(begin, end)).toString('latin1'));
    } catch {
      // Not a deflated stream (or trailing end-of-line bytes the inflater rejects): the raw bytes are already in.
      try {
        parts.push(inflateSync(pdf.subarray(begin, end).subarray(0, -1)).toString('latin1'));
      } catch {
        // left as raw
      }
    }
    streamStart.lastIndex = end + 'endstream'.length;
  }
  return parts.join('\n');
}

/** The ways a string can be written inside a PDF: as text, UTF-16BE (metadata), or hex of either (text operators). */
export function encodingsOf(text: string): string[] {
  const utf16be = Buffer.from(text, 'utf16le').swap16();
  const utf8 = Buffer.from(text, 'utf8');
  return [utf8.toString('latin1'), utf16be.toString('latin1'), utf8.toString('hex'), utf16be.toString('hex')];
}

/** Whether any encoding of `text` occurs in the bytes (hex compared without regard to case). */
export function bytesContain(haystack: string, text: string): boolean {
  const lower = haystack.toLowerCase();
  const [plain, utf16, hex8, hex16] = encodingsOf(text);
  return haystack.includes(plain!) || haystack.includes(utf16!) || lower.includes(hex8!) || lower.includes(hex16!);
}

/** Unicode code points some ToUnicode CMap of the file maps a glyph to: the characters the fonts can show. */
export function mappedCodePoints(streams: string): Set<number> {
  const out = new Set<number>();
  // A destination is UTF-16BE hex; a surrogate pair is kept as its two units, enough for our markers.
  const addUnits = (hex: string, offset = 0) => {
    for (let i = 0; i + 4 <= hex.length; i += 4) out.add(parseInt(hex.slice(i, i + 4), 16) + (i + 4 === hex.length ? offset : 0));
  };
  for (const [, body] of streams.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    // <lo> <hi> [<dst> <dst> …]  or  <lo> <hi> <first dst>
    for (const m of body!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      if (m[3]!.startsWith('[')) for (const d of m[3]!.matchAll(/<([0-9a-fA-F]+)>/g)) addUnits(d[1]!);
      else for (let k = 0; k <= parseInt(m[2]!, 16) - parseInt(m[1]!, 16); k++) addUnits(m[3]!.slice(1, -1), k);
    }
  }
  for (const [, body] of streams.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of body!.matchAll(/<[0-9a-fA-F]+>\s*<([0-9a-fA-F]+)>/g)) addUnits(m[1]!);
  }
  return out;
}

function withFile<T>(pdf: Buffer, fn: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'mac-pdf-'));
  try {
    const file = join(dir, 'pack.pdf');
    writeFileSync(file, pdf);
    return fn(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text pdftotext reads, all pages or one; `raw` keeps the order of the drawing operators. */
export function pdfText(pdf: Buffer, page?: number, opts: { raw?: boolean } = {}): string {
  const args = [...(page ? ['-f', String(page), '-l', String(page)] : []), ...(opts.raw ? ['-raw'] : []), '-enc', 'UTF-8'];
  return withFile(pdf, (file) => execFileSync('/usr/bin/pdftotext', [...args, file, '-'], { encoding: 'utf8' }));
}

/**
 * Text with whitespace and hyphens taken out, so a marker wrapped over two lines of a narrow cell (or
 * de-hyphenated by pdftotext) is still found: compare squash(text) with squash(marker).
 */
export function squash(text: string): string {
  return text.replace(/[\s\-\u2010]/g, '');
}

/**
 * The strings of every text-showing operator (Tj, TJ) in the order drawn, decoded as single bytes and
 * joined without separators: with a standard font (WinAnsi) that is the text itself, kerning gaps closed.
 */
export function drawnText(streams: string): string {
  const out: string[] = [];
  for (const m of streams.matchAll(/\[((?:<[0-9a-fA-F]*>|\((?:\\.|[^\\)])*\)|[^\]])*)\]\s*TJ|(<[0-9a-fA-F]*>|\((?:\\.|[^\\)])*\))\s*Tj/g)) {
    const body = m[1] ?? m[2] ?? '';
    for (const part of body.matchAll(/<([0-9a-fA-F]*)>|\(((?:\\.|[^\\)])*)\)/g)) {
      out.push(part[1] !== undefined ? Buffer.from(part[1], 'hex').toString('latin1') : part[2]!.replace(/\\(.)/g, '$1'));
    }
  }
  return out.join('');
}

/** pdfinfo's fields (Title, Author, Pages…). */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  const text = withFile(pdf, (file) => execFileSync('/usr/bin/pdfinfo', ['-enc', 'UTF-8', file], { encoding: 'utf8' }));
  return Object.fromEntries(text.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
}

/** pdfdetach's listing of embedded files ("0 embedded files" when there are none). */
export function pdfAttachments(pdf: Buffer): string {
  return withFile(pdf, (file) => execFileSync('/usr/bin/pdfdetach', ['-list', file], { encoding: 'utf8' }));
}

/**
 * The structure tree as poppler reads it (`pdfinfo -struct-text`): one line per element, indented by
 * depth, each followed by the text of its content, e.g. `  H1 (block)` then `    "Multi-agency chronology"`.
 */
export function pdfStructure(pdf: Buffer): string {
  return withFile(pdf, (file) => execFileSync('/usr/bin/pdfinfo', ['-struct-text', '-enc', 'UTF-8', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
}
