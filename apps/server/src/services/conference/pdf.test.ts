import { describe, expect, it } from 'vitest';
import type { PackRow } from '@mac/domain';
import { pdfBytesAndStreams, pdfInfo, pdfStructure, pdfText } from './pdf-inspect.js';
import { PROTECTIVE_MARKING, renderPackPdf, type PackDocument } from './pdf.js';

function row(n: number, over: Partial<PackRow> = {}): PackRow {
  return {
    entryId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    date: '2024-01-05',
    time: '',
    recordedAt: '2024-01-06T09:00:00Z',
    dateText: '5 Jan 2024',
    ageText: '4 years',
    agency: 'thames-valley-police',
    agencyName: 'Thames Valley Police',
    category: 'domestic-abuse-incident',
    categoryLabel: 'Domestic abuse incident',
    summary: `Row ${n} summary`,
    detail: `Row ${n} detail – the “event” as recorded.`,
    impactOnChild: 'Upset',
    actionTaken: 'Referral',
    childsVoice: '',
    source: { sourceRef: `STORM ${n}`, recordedBy: 'PC 123' },
    ...over,
  };
}

// A detail taller than a whole page: numbered words, so a lost or repeated line shows.
const longDetail = Array.from({ length: 1400 }, (_, i) => `w${i}`).join(' ');

function pack(over: Partial<PackDocument> = {}): PackDocument {
  return {
    kind: 'professional',
    title: 'Chronology – Test Child – professional version',
    subject: 'Conference pack',
    createdAt: new Date('2025-03-01T10:00:00Z'),
    cover: {
      childName: 'Test Child',
      dateOfBirth: '1 Feb 2020',
      ageAtConference: '5 years',
      conferenceDate: '12 Mar 2025',
      lead: 'Priya Shah, Oxfordshire Children’s Social Care',
      agencies: ['Thames Valley Police'],
      selection: 'All dates; all agencies',
      generatedBy: 'Priya Shah, Oxfordshire Children’s Social Care',
      generatedAt: '1 Mar 2025, 10:00',
      version: '0123456789abcdef',
    },
    rows: [
      ...Array.from({ length: 30 }, (_, i) => row(i + 1)),
      row(31, { summary: 'The very long entry', detail: longDetail, professionalsOnly: { reason: 'Names a neighbour' } }),
      row(32, { summary: 'After the long entry' }),
    ],
    highlights: [
      { id: 'h1', title: 'Repeated concern of one kind', severity: 'high', explanation: 'Three incidents in a year.', window: { from: '2024-01-05', to: '2024-03-05' }, agencyNames: ['Thames Valley Police'], entryIds: ['a', 'b', 'c'], review: { status: 'reviewed', note: 'Discussed at strategy meeting', byName: 'Helen Okoro', at: '2024-04-01T10:00:00Z' }, reopened: false },
    ],
    ...over,
  };
}

describe('conference pack PDF', () => {
  it('is A4 landscape with the marking in every header and footer and "Page n of m" on every page', async () => {
    const pdf = await renderPackPdf(pack());
    const info = pdfInfo(pdf);
    expect(info['Page size']).toMatch(/^841\.89 x 595\.28 pts \(A4\)/);
    const pages = Number(info.Pages);
    expect(pages).toBeGreaterThanOrEqual(5);
    for (let p = 1; p <= pages; p++) {
      const text = pdfText(pdf, p);
      expect(text.split(PROTECTIVE_MARKING).length - 1, `page ${p}`).toBe(2);
      expect(text, `page ${p}`).toContain(`Page ${p} of ${pages}`);
    }
  });

  it('sets the metadata deliberately: title, author MAC, no keywords, no pdfkit', async () => {
    const info = pdfInfo(await renderPackPdf(pack()));
    expect(info).toMatchObject({ Title: 'Chronology – Test Child – professional version', Author: 'MAC', Creator: 'MAC', Producer: 'MAC', Subject: 'Conference pack' });
    expect(info.Keywords).toBeUndefined();
  });

  it('wraps rows and splits one taller than a page across pages, repeating the header row, losing no line', async () => {
    const pdf = await renderPackPdf(pack());
    const pages = Number(pdfInfo(pdf).Pages);
    const tablePages = Array.from({ length: pages - 2 }, (_, i) => pdfText(pdf, i + 3));
    for (const text of tablePages) expect(text).toMatch(/Impact on the child/);
    expect(tablePages.filter((t) => t.includes('(continued)')).length).toBeGreaterThanOrEqual(1);
    const words = tablePages.join('\n').match(/\bw\d+\b/g)!;
    expect(words).toEqual(Array.from({ length: 1400 }, (_, i) => `w${i}`));
    expect(tablePages.join('\n')).toContain('PROFESSIONALS ONLY – Names a neighbour');
    expect(tablePages.at(-1)).toContain('After the long entry');
  });

  it('shows highlights with their review in the professional version', async () => {
    const text = pdfText(await renderPackPdf(pack()), 2);
    expect(text).toContain('Repeated concern of one kind (high severity)');
    expect(text).toContain('Reviewed by Helen Okoro on 1 Apr 2024: Discussed at strategy meeting');
  });

  it('the family version has no Source column', async () => {
    const pdf = await renderPackPdf(pack({ kind: 'family', rows: [row(1, { source: undefined })], highlights: [] }));
    const text = pdfText(pdf);
    expect(text).toContain('Family version');
    expect(text).toContain('Impact on the child');
    expect(text).not.toMatch(/\bSource\b/);
  });

  it('embeds LiberationSans when installed, so dashes and curly quotes come out as typed', async () => {
    const pdf = await renderPackPdf(pack());
    expect(pdfBytesAndStreams(pdf)).toMatch(/\/BaseFont \/[A-Z]{6}\+LiberationSans/);
    expect(pdfText(pdf)).toContain('Row 1 detail – the “event” as recorded.');
  });

  it('draws text-direction controls nowhere: the pack shows the order the screen shows', async () => {
    const rows = [row(1, { summary: 'Paid \u202E01$\u202C today', detail: 'Note \u2067reversed\u2069 here', impactOnChild: '\u202Dforced' })];
    for (const fontDir of [undefined, null]) {
      const pdf = await renderPackPdf(pack({ rows, highlights: [] }), fontDir === undefined ? {} : { fontDir });
      const text = pdfText(pdf);
      expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/u);
      expect(text).toContain('Paid 01$ today');
      expect(text).toContain('Note reversed here');
    }
  });

  it('falls back to Helvetica, replacing what WinAnsi cannot show rather than garbling it', async () => {
    const pdf = await renderPackPdf(pack({ rows: [row(1, { detail: 'Dash – quotes “x” and Ŋ and 😀' })] }), { fontDir: null });
    const streams = pdfBytesAndStreams(pdf);
    expect(streams).toContain('/BaseFont /Helvetica');
    expect(streams).not.toContain('LiberationSans');
    expect(pdfText(pdf)).toContain('Dash – quotes “x” and ? and ?');
  });

  describe('tagging (PDF/UA direction, WCAG 2.2 for documents)', () => {
    it('is tagged, with its title shown and its language set', async () => {
      const pdf = await renderPackPdf(pack());
      const info = pdfInfo(pdf);
      expect(info.Tagged).toBe('yes');
      expect(info.Title).toBe('Chronology – Test Child – professional version');
      const bytes = pdfBytesAndStreams(pdf);
      expect(bytes).toMatch(/\/Lang \(en-GB\)/);
      expect(bytes).toMatch(/\/DisplayDocTitle true/);
      expect(bytes).toMatch(/\/Marked true/);
      expect(bytes).toMatch(/\/StructTreeRoot \d+ 0 R/);
    });

    it('has headings, paragraphs and real tables with header cells, in reading order', async () => {
      const tree = pdfStructure(await renderPackPdf(pack()));
      const elements = tree.split('\n').map((l) => l.trim().split(/[\s:]/)[0]).filter((t) => /^[A-Z][A-Za-z0-9]*$/.test(t!));
      for (const type of ['Document', 'Sect', 'H1', 'H2', 'H3', 'P', 'Table', 'THead', 'TBody', 'TR', 'TH', 'TD']) expect(elements, type).toContain(type);
      // Reading order: the title, then the patterns, then the chronology.
      const order = ['"Multi-agency chronology"', '"Highlighted patterns"', '"Repeated concern of one kind (high severity)"', '"Chronology"', '"Row 1 summary Row 1 detail – the “event” as recorded."'];
      const positions = order.map((text) => tree.indexOf(text));
      expect(positions.every((p) => p >= 0), JSON.stringify(positions)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      // The header cells are column headers of the chronology table, each once (the copies repeated on
      // later pages are artefacts), and the cover's labels are row headers.
      expect(tree.match(/\/Scope \/Column/g)?.length).toBe(8);
      expect(tree.match(/\/Scope \/Row/g)?.length).toBe(12);
      // One row per entry, whatever the number of pages a row is drawn over.
      const body = tree.slice(tree.indexOf('TBody'));
      expect(body.match(/^\s+TR$/gm)?.length).toBe(32);
      // The row split over pages keeps every word, in order, in its one cell.
      const long = body.split(/^\s+TR$/m).find((r) => r.includes('The very long entry'))!;
      expect(long.match(/\bw\d+\b/g)).toEqual(Array.from({ length: 1400 }, (_, i) => `w${i}`));
    });

    it('keeps the running header and footer, rules and the repeated header rows out of the structure', async () => {
      const pdf = await renderPackPdf(pack());
      const tree = pdfStructure(pdf);
      expect(tree).not.toContain(PROTECTIVE_MARKING);
      expect(tree).not.toMatch(/Page \d+ of \d+/);
      expect(tree).not.toContain('(continued)');
      expect(tree.match(/"Impact on the child"/g)?.length).toBe(1);
      // They are still on every page, marked as artefacts.
      expect(pdfText(pdf, 3)).toContain(PROTECTIVE_MARKING);
      expect(pdfBytesAndStreams(pdf)).toMatch(/\/Artifact <<\s*\/Type \/Pagination\s*>> BDC/);
    });

    it('tags the family version and the fallback font alike', async () => {
      const family = await renderPackPdf(pack({ kind: 'family', rows: [row(1, { source: undefined })], highlights: [] }), { fontDir: null });
      expect(pdfInfo(family).Tagged).toBe('yes');
      const tree = pdfStructure(family);
      expect(tree).toContain('"No highlighted patterns."');
      expect(tree.match(/\/Scope \/Column/g)?.length).toBe(7);
    });
  });
});
