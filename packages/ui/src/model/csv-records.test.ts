import { describe, expect, it } from 'vitest';
import { readCsvRecords } from './csv-records.js';

// Each expectation is what csv-parse (the server's parser, with @mac/domain's options) gives.
describe('reading CSV records for the import preview', () => {
  it('numbers rows as the server does: blank lines kept, no record after the last line end', () => {
    expect(readCsvRecords('a,b\n1,2\n\n3,4\n')?.records).toEqual([['a', 'b'], ['1', '2'], [''], ['3', '4']]);
    expect(readCsvRecords('a,b\n1,2\n')?.records).toEqual([['a', 'b'], ['1', '2']]);
    expect(readCsvRecords('a,b\n1,2')?.records).toEqual([['a', 'b'], ['1', '2']]);
    expect(readCsvRecords('a,b\n,\n   \n5')?.records).toEqual([['a', 'b'], ['', ''], ['   '], ['5']]);
    expect(readCsvRecords('a,b\n1,')?.records).toEqual([['a', 'b'], ['1', '']]);
    expect(readCsvRecords('')?.records).toEqual([]);
  });

  it('reads quoted cells with doubled quotes and line ends inside, and every kind of line end', () => {
    const read = readCsvRecords('\uFEFFa,b\r\n"x\r\ny",2\r3,"say ""hi"""\n"",z');
    expect(read?.records).toEqual([['a', 'b'], ['x\r\ny', '2'], ['3', 'say "hi"'], ['', 'z']]);
    // The line each record starts on: the quoted line end counts once.
    expect(read?.lines).toEqual([1, 2, 4, 5]);
  });

  it('gives up where the server would refuse the file', () => {
    expect(readCsvRecords('a,b\n"never closed,2\n')).toBeNull();
    expect(readCsvRecords('a,b\nab"c,2\n')).toBeNull();
    expect(readCsvRecords('a,b\n"x"y,2\n')).toBeNull();
  });
});
