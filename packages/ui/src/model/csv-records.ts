// The cells of a CSV file, read in the browser only to show each row back beside what the server
// said about it (the import preview). The server's parser (@mac/domain csv.ts, csv-parse) decides
// what is imported; this reader follows the same rules so that its row numbers are the server's:
// RFC 4180 quoting, a leading byte-order mark dropped, CRLF, LF and CR all ending a record, a blank
// line kept as a record of one empty cell, no record after a final line end, rows of any length.
// Where csv-parse would refuse the file (a stray quote), this gives up and returns null: the
// server's message about the file is then all the preview shows.

export interface CsvRecords {
  /** Every record, the header first. */
  readonly records: readonly (readonly string[])[];
  /** The line of the file on which each record starts (1-based), as a spreadsheet user counts them. */
  readonly lines: readonly number[];
}

export function readCsvRecords(text: string): CsvRecords | null {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  const lines: number[] = [];
  let record: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const n = src.length;
  if (n === 0) return { records, lines };
  const endRecord = () => {
    record.push(cell);
    records.push(record);
    lines.push(recordLine);
    record = [];
    cell = '';
  };
  while (i < n) {
    const c = src[i]!;
    if (c === '"' && cell === '') {
      // A quoted cell: runs to the quote that is not doubled.
      i += 1;
      for (;;) {
        if (i >= n) return null; // never closed
        const q = src[i]!;
        if (q === '"') {
          if (src[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        if (q === '\r' || q === '\n') {
          if (q === '\n' || src[i + 1] !== '\n') line += 1;
        }
        cell += q;
        i += 1;
      }
      const after = src[i];
      if (after !== undefined && after !== ',' && after !== '\n' && after !== '\r') return null;
      if (after === undefined) break;
      continue;
    }
    if (c === '"') return null; // a quote inside an unquoted cell
    if (c === ',') {
      record.push(cell);
      cell = '';
      i += 1;
      continue;
    }
    if (c === '\r' || c === '\n') {
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
      endRecord();
      line += 1;
      recordLine = line;
      continue;
    }
    cell += c;
    i += 1;
  }
  // The last record, unless the file ended with a line end.
  const last = src[n - 1];
  if (!(last === '\n' || last === '\r') || record.length > 0 || cell !== '') endRecord();
  return { records, lines };
}
