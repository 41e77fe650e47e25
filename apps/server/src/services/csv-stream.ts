// Reads an exchange-format CSV file without holding the event loop: the file is fed to csv-parse in
// small chunks, each record goes through the domain's reader (validation, duplicates, the row limit)
// and the loop is given back every few milliseconds, so other requests are answered during a large
// import. The row limit is enforced as records arrive: a file of 100,000 rows is refused at row 5,001,
// without parsing the rest.
//
// The Node build of csv-parse is used here (the domain uses the browser build, which runs everywhere
// but converts text to bytes through a slow Buffer polyfill: seconds for a 4 MB file).
import { Parser } from 'csv-parse';
import { CSV_PARSE_OPTIONS, createExchangeReader, createLineCounter, csvSyntaxError, type ImportContext, type ImportResult } from '@mac/domain';
import { Pacer } from './pacer.js';

interface ParsedRecord {
  record: string[];
  info: { bytes: number };
}

const CHUNK_BYTES = 16 * 1024;

export async function readExchangeCsv(body: Uint8Array, ctx: ImportContext, pacer = new Pacer()): Promise<ImportResult> {
  const reader = createExchangeReader(ctx);
  const lineOf = createLineCounter(body);
  const parser = new Parser({ ...CSV_PARSE_OPTIONS, record_delimiter: [...CSV_PARSE_OPTIONS.record_delimiter] });
  let error: unknown = null;
  parser.on('error', (err) => (error ??= err));
  let start = 0;
  let reading = true;
  // Everything the parser holds, through the reader; gives the loop back when the slice is used up.
  const drain = async () => {
    for (let rec = parser.read() as ParsedRecord | null; rec !== null && reading; rec = parser.read() as ParsedRecord | null) {
      const line = lineOf(start);
      start = rec.info.bytes;
      reading = reader.push(rec.record, line);
      await pacer.pace();
    }
  };
  try {
    const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    for (let at = 0; reading && error === null && at < bytes.length; at += CHUNK_BYTES) {
      parser.write(bytes.subarray(at, at + CHUNK_BYTES));
      await drain();
    }
    if (reading && error === null) {
      parser.end();
      // The parser reports an unclosed quote at the end of the input on the next tick.
      await pacer.yield();
      await drain();
    }
    if (error !== null && reading) reader.fail(csvSyntaxError(error));
    return reader.finish();
  } finally {
    parser.destroy();
  }
}
