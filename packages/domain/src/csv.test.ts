import { describe, expect, it } from 'vitest';
import {
  EXCHANGE_COLUMNS,
  EXPORT_COLUMNS,
  MAX_IMPORT_ROWS,
  neutraliseCell,
  parseExchangeCsv,
  readCsvRecords,
  toExchangeCsv,
  type ImportContext,
} from './csv.js';
import { entrySchema } from './entry.js';
import { TEST_AGENCIES, buildEntry } from './testing.js';

const police = 'thames-valley-police';
const school = 'northway-primary';

function context(overrides: Partial<ImportContext> = {}): ImportContext {
  return {
    agencies: TEST_AGENCIES,
    memberAgencies: [police, school],
    importerAgency: police,
    importerLeads: false,
    existing: [],
    ...overrides,
  };
}

const HEADER = 'date,agency,category,summary';

function csv(...lines: string[]): string {
  return lines.join('\r\n') + '\r\n';
}

describe('parseExchangeCsv: reading rows', () => {
  it('reads a simple file and says how it understood each row', () => {
    const result = parseExchangeCsv(
      csv(HEADER, '05/04/2023,Thames Valley Police,Domestic abuse incident,Police called to the home'),
      context(),
    );
    expect(result.errors).toEqual([]);
    expect(result.duplicates).toEqual([]);
    expect(result.rows).toEqual([
      {
        row: 1,
        line: 2,
        input: {
          date: '2023-04-05',
          time: '',
          agency: police,
          category: 'domestic-abuse-incident',
          summary: 'Police called to the home',
          detail: '',
          impactOnChild: '',
          actionTaken: '',
          sourceRef: '',
          recordedBy: '',
          restricted: false,
          sharing: 'undecided',
          sharingReason: '',
          childsVoice: '',
          seenAlone: '',
        },
        understood: { date: '5 April 2023 (exact day)', category: 'Domestic abuse incident', agency: 'Thames Valley Police' },
      },
    ]);
  });

  it('takes columns in any order, in any case, and every optional column', () => {
    const text = csv(
      'Recorded_By,source_ref,action_taken,impact_on_child,detail,SUMMARY,category,agency,time, date ',
      'PC Smith,CAD 123,Referred to MASH,Child frightened,Neighbour called police,Police called,self-harm,thames-valley-police,9:05,?2021',
    );
    const result = parseExchangeCsv(text, context());
    expect(result.errors).toEqual([]);
    expect(result.rows[0]?.input).toMatchObject({
      date: '?2021',
      time: '09:05',
      category: 'self-harm',
      summary: 'Police called',
      detail: 'Neighbour called police',
      impactOnChild: 'Child frightened',
      actionTaken: 'Referred to MASH',
      sourceRef: 'CAD 123',
      recordedBy: 'PC Smith',
    });
    expect(result.rows[0]?.understood.date).toBe('around 2021 (approximate year)');
  });

  it('follows RFC 4180 quoting: commas, doubled quotes and newlines inside cells', () => {
    const text = csv(
      'date,agency,category,summary,detail',
      '2023-04-05,thames-valley-police,other,"Seen with ""Uncle"" Tom, again","Line one',
      'line two, with a comma"',
      '2023-04-06,thames-valley-police,other,Second,',
    );
    const result = parseExchangeCsv(text, context());
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => [r.row, r.line, r.input.summary, r.input.detail])).toEqual([
      [1, 2, 'Seen with "Uncle" Tom, again', 'Line one\r\nline two, with a comma'],
      [2, 4, 'Second', ''],
    ]);
  });

  it('strips a byte order mark and accepts LF line ends', () => {
    const text = '\ufeffdate,agency,category,summary\n2023,thames-valley-police,other,One\n';
    const result = parseExchangeCsv(text, context());
    expect(result.errors).toEqual([]);
    expect(result.rows).toHaveLength(1);
  });

  it('skips blank rows but keeps counting them, so row numbers match the spreadsheet', () => {
    const text = csv(HEADER, '2023,thames-valley-police,other,One', '', ',,,', '2023,thames-valley-police,other,Four');
    const result = parseExchangeCsv(text, context());
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => [r.row, r.line])).toEqual([
      [1, 2],
      [4, 5],
    ]);
  });

  it('counts the starting line of each row across quoted line breaks, multi-byte text and mixed line ends', () => {
    const text =
      '\ufeffdate,agency,category,summary,detail\r\n' +
      '2023,thames-valley-police,other,Café visit,"one\r\ntwo\r\nthree"\r\n' +
      '2023,thames-valley-police,other,Second,\n' +
      '2023,thames-valley-police,other,Third,"a\nb"\r' +
      '2023,thames-valley-police,other,Fourth,';
    const result = parseExchangeCsv(text, context());
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => [r.row, r.line, r.input.summary])).toEqual([
      [1, 2, 'Café visit'],
      [2, 5, 'Second'],
      [3, 6, 'Third'],
      [4, 8, 'Fourth'],
    ]);
  });

  it('reads agencies by slug or name, ignoring case', () => {
    const text = csv(HEADER, '2023,NORTHWAY PRIMARY SCHOOL,other,One', '2023,northway-primary,other,Two');
    const result = parseExchangeCsv(text, context({ importerAgency: school }));
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.input.agency)).toEqual([school, school]);
  });
});

describe('parseExchangeCsv: the sharing columns', () => {
  it('reads the family-version sharing level in any case; an empty or missing cell leaves the entry undecided', () => {
    const result = parseExchangeCsv(
      csv(
        `${HEADER},sharing,sharing_reason`,
        `2023-01-01,${police},other,Shared,Family,`,
        `2023-01-02,${police},other,Withheld,professionals,Names a neighbour`,
        `2023-01-03,${police},other,Not said,,`,
        `2023-01-04,${police},other,Bad level,everyone,`,
        `2023-01-05,${police},other,No reason,professionals,`,
      ),
      context(),
    );
    expect(result.rows.map((r) => [r.input.summary, r.input.sharing, r.input.sharingReason])).toEqual([
      ['Shared', 'family', ''],
      ['Withheld', 'professionals', 'Names a neighbour'],
      ['Not said', 'undecided', ''],
    ]);
    expect(result.errors).toEqual([
      { row: 4, line: 5, column: 'sharing', message: 'sharing must be "family", "professionals" or "undecided"' },
      { row: 5, line: 6, column: 'sharing_reason', message: 'sharing_reason is required when an entry is shared with professionals only' },
    ]);
    expect(parseExchangeCsv(csv(HEADER, `2023-01-01,${police},other,No column`), context()).rows[0]!.input.sharing).toBe('undecided');
  });
});

describe('text-direction controls in the exchange format', () => {
  it('refuses them in a single-line column on import, naming the column, and removes them from every exported cell', () => {
    const result = parseExchangeCsv(csv(`${HEADER},source_ref`, `2023-01-01,${police},other,Paid \u202E01$,REF\u2066`), context());
    expect(result.errors.map((e) => [e.column, e.message])).toEqual([
      ['summary', 'summary must not contain text-direction control characters (U+202A to U+202E, U+2066 to U+2069)'],
      ['source_ref', 'source_ref must not contain text-direction control characters (U+202A to U+202E, U+2066 to U+2069)'],
    ]);
    const text = toExchangeCsv([buildEntry({ summary: 'Plain', detail: 'Note \u202Ereversed\u202C', actionTaken: '\u2066=HYPERLINK("x")' })], TEST_AGENCIES);
    expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/u);
    expect(text).toContain('Note reversed');
    // The control removed, the formula is seen and neutralised.
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
  });
});

describe('parseExchangeCsv: header errors', () => {
  it('reports unknown, duplicated and missing columns together, as row 0', () => {
    const result = parseExchangeCsv(csv('date,Agency,colour,agency,summary,', '2023,x,y,z,w,'), context());
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual([
      { row: 0, column: 'colour', message: expect.stringContaining('unknown column "colour"') as string },
      { row: 0, column: 'agency', message: 'column "agency" appears more than once' },
      { row: 0, column: '', message: 'column 6 of the header has no name' },
      { row: 0, column: 'category', message: 'the required column "category" is missing' },
    ]);
  });

  it('lists the known columns when one is unknown', () => {
    const [error] = parseExchangeCsv(csv('date,agency,category,summary,impact'), context()).errors;
    expect(error?.message).toBe(
      'unknown column "impact": the columns are date, time, agency, category, summary, detail, impact_on_child, childs_voice, seen_alone, action_taken, source_ref, recorded_by, sharing, sharing_reason, risk_level, score, area_grades',
    );
  });

  it('refuses an empty file and a header without rows', () => {
    expect(parseExchangeCsv('', context()).errors).toEqual([
      { row: 0, column: '', message: 'the file is empty: it needs a header row and at least one row' },
    ]);
    expect(parseExchangeCsv('\ufeff', context()).errors[0]?.message).toContain('the file is empty');
    expect(parseExchangeCsv(csv(HEADER), context()).errors).toEqual([
      { row: 0, column: '', message: 'the file has a header but no rows' },
    ]);
    expect(parseExchangeCsv(csv(HEADER, '', ''), context()).errors[0]?.message).toBe('the file has a header but no rows');
  });

  it('reports broken quoting with its line', () => {
    const result = parseExchangeCsv(csv(HEADER, '2023,thames-valley-police,other,"Never closed'), context());
    expect(result.errors).toEqual([{ row: 0, column: '', message: expect.stringMatching(/^line \d+: a quoted cell is never closed/) as string }]);
    const stray = parseExchangeCsv(csv(HEADER, '2023,thames-valley-police,other,"Closed" early'), context());
    expect(stray.errors[0]?.message).toMatch(/^line 2: a quote \("\) inside a cell must be doubled/);
  });
});

describe('parseExchangeCsv: row errors', () => {
  it('reports every invalid cell of every row at once, with what the date was understood as', () => {
    const text = csv(
      'date,time,agency,category,summary,impact_on_child',
      '31/02/2023,25:00,thames-valley-police,nonsense,,',
      '2023-04-05,,unknown agency,other,Fine,',
      `05/04/23,,thames-valley-police,other,${'x'.repeat(201)},${'y'.repeat(10_001)}`,
      '2023-04-05,,thames-valley-police,other,Valid row,',
    );
    const result = parseExchangeCsv(text, context());
    expect(result.errors).toEqual([
      {
        row: 1,
        line: 2,
        column: 'date',
        message: 'date: 31/02/2023 is not a real date: February 2023 has 28 days',
        understood: 'day 31 of February 2023',
      },
      { row: 1, line: 2, column: 'time', message: 'time must be empty or HH:MM on the 24-hour clock, 00:00 to 23:59 (it is "25:00")' },
      { row: 1, line: 2, column: 'category', message: 'category "nonsense" is not in the vocabulary (give a category slug or label)' },
      { row: 1, line: 2, column: 'summary', message: 'summary must not be empty' },
      {
        row: 2,
        line: 3,
        column: 'agency',
        message: 'agency "unknown agency" is not an agency of the partnership (give its slug or name)',
      },
      {
        row: 3,
        line: 4,
        column: 'date',
        message: 'date: 05/04/23: the year must have four digits (it has two)',
        understood: 'day 5, month 4, year 23',
      },
      { row: 3, line: 4, column: 'summary', message: 'summary must be 200 characters or fewer (it has 201)' },
      { row: 3, line: 4, column: 'impact_on_child', message: 'impact_on_child must be 10000 characters or fewer (it has 10001)' },
    ]);
    // The valid row is still returned, for a preview; the caller writes nothing while there are errors.
    expect(result.rows.map((r) => r.row)).toEqual([4]);
  });

  it('reports every row with the wrong number of cells', () => {
    const text = csv(HEADER, '2023,thames-valley-police,other,Seen at home, then at school', '2023,thames-valley-police,other', '2023,thames-valley-police,other,Ok');
    const result = parseExchangeCsv(text, context());
    expect(result.errors).toEqual([
      { row: 1, line: 2, column: '', message: 'row 1 has 5 cells but the header has 4 (is a comma in a cell not quoted?)' },
      { row: 2, line: 3, column: '', message: 'row 2 has 3 cells but the header has 4 (is a comma in a cell not quoted?)' },
    ]);
  });

  it('refuses rows for another agency unless the importer leads the chronology', () => {
    const text = csv(HEADER, '2023,Northway Primary School,other,School row', '2023,thames-valley-police,other,Own row');
    expect(parseExchangeCsv(text, context()).errors).toEqual([
      {
        row: 1,
        line: 2,
        column: 'agency',
        message: "rows for Northway Primary School can only be imported by Northway Primary School or by the chronology's lead professional",
      },
    ]);
    const asLead = parseExchangeCsv(text, context({ importerLeads: true }));
    expect(asLead.errors).toEqual([]);
    expect(asLead.rows.map((r) => r.input.agency)).toEqual([school, police]);
  });

  it('refuses agencies that are not members of the chronology, even for the lead', () => {
    const text = csv(HEADER, "2023,Oxfordshire Children's Social Care,other,Row");
    expect(parseExchangeCsv(text, context({ importerLeads: true })).errors).toEqual([
      { row: 1, line: 2, column: 'agency', message: `agency "Oxfordshire Children's Social Care" is not a member of this chronology` },
    ]);
  });

  // Parses 10,001 rows: about a second on a quiet machine, past the default 5 s on a loaded one.
  it('refuses more than 5,000 rows', { timeout: 30_000 }, () => {
    const row = '2023,thames-valley-police,other,Row';
    const ok = parseExchangeCsv(csv(HEADER, ...Array.from({ length: MAX_IMPORT_ROWS }, (_, i) => `${row} ${i}`)), context());
    expect(ok.errors).toEqual([]);
    expect(ok.rows).toHaveLength(MAX_IMPORT_ROWS);
    const tooMany = parseExchangeCsv(csv(HEADER, ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `${row} ${i}`)), context());
    expect(tooMany.rows).toEqual([]);
    expect(tooMany.errors).toEqual([
      { row: 0, column: '', message: 'the file has more than 5,000 rows: split it into smaller files' },
    ]);
  });
});

describe('parseExchangeCsv: duplicates', () => {
  it('skips rows matching an existing entry (date, agency, category, summary ignoring case and spaces)', () => {
    const existing = [{ date: '2023-04-05', agency: police, category: 'other', summary: 'Seen at home' }];
    const text = csv(
      HEADER,
      '05/04/2023,Thames Valley Police,Other significant event,  SEEN AT HOME ',
      '2023-04-05,thames-valley-police,other,Seen at school',
      '2023-04,thames-valley-police,other,Seen at home',
    );
    const result = parseExchangeCsv(text, context({ existing }));
    expect(result.errors).toEqual([]);
    expect(result.duplicates).toEqual([{ row: 1, line: 2, summary: 'SEEN AT HOME', reason: 'duplicate' }]);
    expect(result.rows.map((r) => r.row)).toEqual([2, 3]);
  });

  it('skips a repeat of an earlier row of the same file', () => {
    const text = csv(HEADER, '2023,thames-valley-police,other,Same', '2023,thames-valley-police,other,same', '2023,thames-valley-police,injury,Same');
    const result = parseExchangeCsv(text, context());
    expect(result.duplicates).toEqual([{ row: 2, line: 3, summary: 'same', reason: 'duplicate' }]);
    expect(result.rows.map((r) => r.row)).toEqual([1, 3]);
  });
});

describe('neutraliseCell', () => {
  it.each([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+44 1865 000000', "'+44 1865 000000"],
    ['- seen at home', "'- seen at home"],
    ['@risk', "'@risk"],
    ['\tindented', "'\tindented"],
    ['\rcarriage', "'\rcarriage"],
    ['Seen = fine', 'Seen = fine'],
    [' =leading space', ' =leading space'],
    ['', ''],
    ["'quoted", "'quoted"],
  ])('%j -> %j', (input, output) => {
    expect(neutraliseCell(input)).toBe(output);
  });
});

describe('toExchangeCsv', () => {
  const entry = buildEntry({
    id: '00000000-0000-4000-8000-0000000000aa',
    date: '2023-03-03..2023-04-09',
    time: '09:30',
    agency: police,
    category: 'injury',
    summary: '=HYPERLINK("http://evil")',
    detail: 'Line one\nline two, "quoted"',
    impactOnChild: '- upset',
    recordedAt: '2023-04-10T08:00:00.000Z',
  });

  it('writes the export columns with CRLF, quoting and neutralised cells', () => {
    const text = toExchangeCsv([entry], TEST_AGENCIES);
    expect(text).toBe(
      [
        EXPORT_COLUMNS.join(','),
        '2023-03-03..2023-04-09,09:30,thames-valley-police,injury,"\'=HYPERLINK(""http://evil"")","Line one\nline two, ""quoted""",\'- upset,,,,,,family,,,,,00000000-0000-4000-8000-0000000000aa,2023-04-10T08:00:00.000Z,active,Thames Valley Police,Injury to the child (incl. bruising)',
        '',
      ].join('\r\n'),
    );
  });

  it('writes chosen columns only, and a byte order mark when asked', () => {
    const text = toExchangeCsv([entry], TEST_AGENCIES, { columns: ['date', 'summary'], bom: true });
    expect(text).toBe('\ufeffdate,summary\r\n2023-03-03..2023-04-09,"\'=HYPERLINK(""http://evil"")"\r\n');
    expect(toExchangeCsv([], TEST_AGENCIES, { columns: EXCHANGE_COLUMNS })).toBe(`${EXCHANGE_COLUMNS.join(',')}\r\n`);
  });

  it('falls back to the slug for an agency it does not know', () => {
    expect(toExchangeCsv([buildEntry({ agency: 'gone-agency' })], [], { columns: ['agency_name'] })).toBe('agency_name\r\ngone-agency\r\n');
  });

  it('refuses an unknown column', () => {
    expect(() => toExchangeCsv([entry], TEST_AGENCIES, { columns: ['colour'] })).toThrow(/unknown export column/);
  });
});

describe('round trip', () => {
  const entries = [
    buildEntry({ date: '2023-04-05', summary: 'Police called, neighbour heard "screaming"', agency: police }),
    buildEntry({ date: '?2021', summary: '- seen at home by HV', agency: school, category: 'positive-change' }),
    buildEntry({ date: '2023-03..2023-05-02', summary: '=1+1', agency: police, detail: 'multi\r\nline\ndetail' }),
    buildEntry({ date: '2022', summary: 'Withdrawn one', agency: police, status: 'withdrawn', withdrawnReason: 'Wrong child' }),
  ];
  for (const e of entries) expect(entrySchema.safeParse(e).success).toBe(true);

  it('re-imports an export as all duplicates', () => {
    const text = toExchangeCsv(entries, TEST_AGENCIES);
    const result = parseExchangeCsv(text, context({ importerLeads: true, existing: entries }));
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([]);
    expect(result.duplicates.map((d) => d.row)).toEqual([1, 2, 3, 4]);
  });

  it('imports an export into an empty chronology with the same content, leaving withdrawn rows out', () => {
    const text = toExchangeCsv(entries, TEST_AGENCIES);
    const result = parseExchangeCsv(text, context({ importerLeads: true }));
    expect(result.errors).toEqual([]);
    expect(result.duplicates).toEqual([{ row: 4, line: 7, summary: entries[3]!.summary, reason: 'withdrawn' }]);
    expect(result.rows.map((r) => [r.input.date, r.input.agency, r.input.category, r.input.summary, r.input.detail])).toEqual(
      entries.slice(0, 3).map((e) => [e.date, e.agency, e.category, e.summary, e.detail]),
    );
  });
});

describe('export columns', () => {
  it('writes the exchange format’s codes in its columns, and readable names only in extra columns', () => {
    const entry = buildEntry({ agency: 'thames-valley-police', category: 'domestic-abuse-incident', summary: 'Coded' });
    const [header, row] = toExchangeCsv([entry], TEST_AGENCIES, { columns: ['agency', 'category', 'agency_name', 'category_label'] }).split('\r\n').map((l) => l.split(','));
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(cell('agency')).toBe('thames-valley-police');
    expect(cell('category')).toBe('domestic-abuse-incident');
    expect(cell('agency_name')).toBe('Thames Valley Police');
    expect(cell('category_label')).toBe('Domestic abuse incident');
  });
});

describe("the child's voice columns", () => {
  it('reads childs_voice and seen_alone (any case, the label "Not applicable" too); empty cells are empty', () => {
    const result = parseExchangeCsv(
      csv(
        'date,agency,category,summary,childs_voice,seen_alone',
        '05/04/2023,thames-valley-police,Domestic abuse incident,Police called,"""I was scared"", she said",YES',
        '06/04/2023,thames-valley-police,Domestic abuse incident,Second call,,Not applicable',
        '07/04/2023,thames-valley-police,Domestic abuse incident,Third call,,',
      ),
      context(),
    );
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => [r.input.childsVoice, r.input.seenAlone])).toEqual([
      ['"I was scared", she said', 'yes'],
      ['', 'not-applicable'],
      ['', ''],
    ]);
  });

  it('refuses a seen_alone outside the list and an over-long childs_voice, naming the column, and imports nothing', () => {
    const result = parseExchangeCsv(
      csv('date,agency,category,summary,childs_voice,seen_alone', `05/04/2023,thames-valley-police,Domestic abuse incident,Police called,${'x'.repeat(10_001)},sometimes`),
      context(),
    );
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual([
      { row: 1, line: 2, column: 'childs_voice', message: 'childs_voice must be 10000 characters or fewer (it has 10001)' },
      { row: 1, line: 2, column: 'seen_alone', message: 'seen_alone must be "yes", "no", "not-applicable" or empty' },
    ]);
  });

  it('round-trips through an export: the words (quotes, line breaks, a leading dash) and the answer come back', () => {
    const voiced = [
      buildEntry({ summary: 'Home visit', agency: police, childsVoice: '- "Dad shouts"\nthen hid', seenAlone: 'yes' }),
      buildEntry({ summary: 'School day', agency: school, seenAlone: 'not-applicable' }),
      buildEntry({ summary: 'Nothing said', agency: police }),
    ];
    const text = toExchangeCsv(voiced, TEST_AGENCIES);
    expect(text.split('\r\n')[0]).toContain('impact_on_child,childs_voice,seen_alone,action_taken');
    const result = parseExchangeCsv(text, context({ importerLeads: true }));
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => [r.input.summary, r.input.childsVoice, r.input.seenAlone])).toEqual(
      voiced.map((e) => [e.summary, e.childsVoice, e.seenAlone]),
    );
  });
});

// The cells of a file as the import reads them, for the browser's import preview.
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
