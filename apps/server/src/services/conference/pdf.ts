// The conference pack as a PDF (pdfkit): A4 landscape, a cover, the highlighted patterns, then the
// chronology table. The protective marking is in every page's header and footer, with "Page n of m".
// This module only draws: what goes in was decided by pack-model.ts, and the caller passes exactly that.
// The PDF is tagged (pdf-tags.ts): title, language, headings, paragraphs and a real table with header
// cells, in reading order, with the running header, footer, rules and shading as artefacts. The fonts
// and what text each can show are pdf-fonts.ts.
//
// One module: the pages are drawn in one pass over one pdfkit document with one running position and
// one tag tree; each section is a function here (the child's voice, the household and the people around
// the child in pdf-child-sections.ts), the fonts are pdf-fonts.ts, the page's geometry pdf-page.ts.
import PDFDocument from 'pdfkit';
import { ANALYSIS_POSITION_LABELS, seenAloneLabel, type PackAction, type PackAnalysis, type PackHighlight, type PackHousehold, type PackKind, type PackRow, type PackVoice, plural } from '@mac/domain';
import { addContent, artifact, container, tag, type StructElement } from './pdf-tags.js';
import { loadFonts, type FontRole, type Fonts } from './pdf-fonts.js';
import { bottomOf, contentWidth, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X } from './pdf-page.js';
import { drawHousehold, drawVoice } from './pdf-child-sections.js';

export const PROTECTIVE_MARKING = 'OFFICIAL-SENSITIVE';
/** Debian's fonts-liberation. Helvetica is the fallback when it is not installed. */
export const LIBERATION_DIR = '/usr/share/fonts/truetype/liberation';

export interface PackCover {
  childName: string;
  dateOfBirth: string;
  ageAtConference: string;
  conferenceDate: string;
  lead: string;
  agencies: string[];
  selection: string;
  generatedBy: string;
  generatedAt: string;
  version: string;
}

export interface PackDocument {
  kind: PackKind;
  /** Document metadata: what a PDF reader shows in its title bar and file properties. */
  title: string;
  subject: string;
  createdAt: Date;
  cover: PackCover;
  rows: PackRow[];
  highlights: PackHighlight[];
  /** Professional version only: last heard from and last seen alone, per agency. */
  childsVoice?: PackVoice;
  /** The analysis: the lead's summary and each agency's view (professional), or the family summary (family). */
  analysis?: PackAnalysis;
  /** The chronology's actions as this kind of pack shows them (packages/domain actionsForPack). */
  actions?: PackAction[];
  /** The household, when asked for (pack-household.ts): the other children and how many rows are household events. */
  household?: PackHousehold;
}

export interface RenderOptions {
  /** Where to look for LiberationSans; null forces the Helvetica fallback (tests). */
  fontDir?: string | null;
}

const FONT_SIZE = 8;
const LINE_HEIGHT = 10;
const PAD = 3;
/** A row taller than the rest of a page is split there only if at least this many lines still fit. */
const MIN_SPLIT_LINES = 3;

interface Line {
  text: string;
  font: FontRole;
}

interface Column {
  title: string;
  width: number;
  cell: (row: PackRow) => { text: string; font: FontRole }[];
}

/** Greedy word wrap at the table's font size; a word wider than the cell is broken between characters. */
function wrap(doc: PDFKit.PDFDocument, fonts: Fonts, text: string, font: FontRole, width: number): string[] {
  doc.font(fonts.name[font]).fontSize(FONT_SIZE);
  // Each word is measured once and lines are summed (measuring every growing line is quadratic, and a
  // pack of a thousand entries would hold the event loop for seconds). Kerning across a space is
  // ignored, so half a point is kept in hand.
  const room = width - 0.5;
  const space = doc.widthOfString(' ');
  const out: string[] = [];
  for (const paragraph of fonts.clean(text).split('\n')) {
    let line = '';
    let used = 0;
    for (const word of paragraph.split(/ +/)) {
      const w = doc.widthOfString(word);
      if (line === '' && w <= room) {
        line = word;
        used = w;
        continue;
      }
      if (line !== '' && used + space + w <= room) {
        line += ` ${word}`;
        used += space + w;
        continue;
      }
      if (line !== '') out.push(line);
      line = '';
      used = 0;
      if (w <= room) {
        line = word;
        used = w;
        continue;
      }
      for (const ch of word) {
        const cw = doc.widthOfString(ch);
        if (line !== '' && used + cw > room) {
          out.push(line);
          line = '';
          used = 0;
        }
        line += ch;
        used += cw;
      }
    }
    out.push(line);
  }
  // Blank lines at the end of a cell would only make the row taller; runs of them inside are kept to one.
  const kept = out.filter((l, i) => l !== '' || (i > 0 && out[i - 1] !== ''));
  while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
  return kept;
}

function columnsFor(kind: PackKind, contentWidth: number): Column[] {
  const text = (t: string, font: FontRole = 'regular') => (t.trim() === '' ? [] : [{ text: t, font }]);
  const fixed: Column[] = [
    { title: 'Date', width: 62, cell: (r) => text(r.dateText) },
    { title: 'Age', width: 52, cell: (r) => text(r.ageText) },
    { title: 'Agency', width: 85, cell: (r) => text(r.agencyName) },
    { title: 'Category', width: 75, cell: (r) => text(r.categoryLabel) },
  ];
  const event: Column = {
    title: 'Event',
    width: 0,
    cell: (r) => [
      ...(r.professionalsOnly ? [{ text: `PROFESSIONALS ONLY – ${r.professionalsOnly.reason}`, font: 'italic' as const }] : []),
      ...(r.householdEvent ? [{ text: 'HOUSEHOLD EVENT – recorded for every child in the household', font: 'italic' as const }] : []),
      { text: r.summary, font: 'bold' as const },
      ...text(r.detail),
    ],
  };
  const after: Column[] = [
    {
      title: 'Impact on the child',
      width: 105,
      // The child's own words follow the impact, labelled, in both versions (they are in the row only when
      // the entry is); whether the child was seen alone only in the professional version.
      cell: (r) => [
        ...text(r.impactOnChild),
        ...text(r.childsVoice.trim() === '' ? '' : `In the child\u2019s words: ${r.childsVoice}`, 'italic'),
        ...(kind === 'professional' ? text(r.seenAlone ? `Seen alone: ${seenAloneLabel(r.seenAlone)}` : '') : []),
      ],
    },
    { title: 'Action taken', width: 105, cell: (r) => text(r.actionTaken) },
    // The family version has no source column at all: references and names of the people who recorded
    // an entry identify third parties.
    ...(kind === 'professional'
      ? [{ title: 'Source', width: 80, cell: (r: PackRow) => [...text(r.source?.sourceRef ?? ''), ...text(r.source?.recordedBy ? `Recorded by ${r.source.recordedBy}` : '', 'italic')] }]
      : []),
  ];
  event.width = contentWidth - [...fixed, ...after].reduce((sum, c) => sum + c.width, 0);
  return [...fixed, event, ...after];
}

const VERSION_LABEL: Record<PackKind, string> = { professional: 'Professional version', family: 'Family version' };

export function renderPackPdf(pack: PackDocument, opts: RenderOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: MARGIN_TOP, bottom: MARGIN_BOTTOM, left: MARGIN_X, right: MARGIN_X },
    bufferPages: true,
    lang: 'en-GB',
    displayTitle: true,
    // Tagged PDF (structure tree, marked content) needs PDF 1.4+; 1.7 is what PDF/UA-1 builds on.
    pdfVersion: '1.7',
    tagged: true,
    // Set deliberately and completely: pdfkit would otherwise name itself, and nothing else (no keywords,
    // no author's name) goes into the file's properties.
    info: { Title: pack.title, Author: 'MAC', Subject: pack.subject, Creator: 'MAC', Producer: 'MAC', CreationDate: pack.createdAt, ModDate: pack.createdAt },
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const fonts = loadFonts(doc, opts.fontDir === undefined ? LIBERATION_DIR : opts.fontDir);
  const root = doc.struct('Document');
  doc.addStructure(root);
  drawCover(doc, fonts, pack, container(doc, root, 'Sect'));
  doc.addPage();
  drawHighlights(doc, fonts, pack, container(doc, root, 'Sect'));
  if (pack.household) drawHousehold(doc, fonts, pack.kind, pack.household, container(doc, root, 'Sect'));
  if (pack.childsVoice) drawVoice(doc, fonts, pack.childsVoice, container(doc, root, 'Sect'));
  if (pack.analysis) drawAnalysis(doc, fonts, pack.kind, pack.analysis, container(doc, root, 'Sect'));
  if (pack.actions && pack.actions.length > 0) drawActions(doc, fonts, pack.kind, pack.actions, container(doc, root, 'Sect'));
  doc.addPage();
  drawTable(doc, fonts, pack, container(doc, root, 'Sect'));
  root.end();
  drawPageFurniture(doc, fonts, pack);
  doc.end();
  return done;
}

function drawCover(doc: PDFKit.PDFDocument, fonts: Fonts, pack: PackDocument, sect: StructElement): void {
  const c = pack.cover;
  const width = contentWidth(doc);
  tag(doc, sect, 'H1', () => doc.font(fonts.name.bold).fontSize(22).fillColor('#000').text(fonts.clean('Multi-agency chronology'), MARGIN_X, MARGIN_TOP + 14, { width }));
  tag(doc, sect, 'P', () => doc.font(fonts.name.regular).fontSize(14).text(fonts.clean(`Conference pack – ${VERSION_LABEL[pack.kind].toLowerCase()}`), { width }));
  doc.moveDown(1.2);
  const facts: [string, string][] = [
    ['Child', c.childName],
    ['Date of birth', c.dateOfBirth],
    ['Age at the conference', c.ageAtConference || 'Not known'],
    ['Conference date', c.conferenceDate],
    ['Lead professional', c.lead],
    // One agency a line; the space before each line end keeps the names apart when the text is read out.
    ['Contributing agencies', c.agencies.length > 0 ? c.agencies.join(' \n') : 'None'],
    ['Entries covered', c.selection],
    ['Entries in this pack', String(pack.rows.length)],
    ['Highlighted patterns', String(pack.highlights.length)],
    ['Prepared by', c.generatedBy],
    ['Prepared on', c.generatedAt],
    ['Chronology version', c.version],
  ];
  const labelWidth = 160;
  // The facts are a two-column table: each label is the header of its row.
  const factsTable = container(doc, sect, 'Table');
  for (const [label, value] of facts) {
    const y = doc.y;
    const tr = container(doc, factsTable, 'TR');
    tag(doc, tr, 'TH', () => doc.font(fonts.name.bold).fontSize(10).text(fonts.clean(label), MARGIN_X, y, { width: labelWidth }), { scope: 'Row' });
    const afterLabel = doc.y;
    tag(doc, tr, 'TD', () => doc.font(fonts.name.regular).fontSize(10).text(fonts.clean(value), MARGIN_X + labelWidth, y, { width: width - labelWidth }));
    tr.end();
    doc.y = Math.max(doc.y, afterLabel) + 3;
  }
  factsTable.end();
  const notice =
    pack.kind === 'family'
      ? "This version of the chronology is for the child's family. Some information held by agencies is not included, because sharing it could put someone at risk or because it is about other people. Names of the people who recorded each event and agencies' record references are not included."
      : 'For professionals only: this version contains information that is not shared with the family. Entries marked PROFESSIONALS ONLY must not be read out or shown to the family. Restricted entries are never included in a conference pack.';
  doc.moveDown(1);
  const top = doc.y;
  doc.font(fonts.name.regular).fontSize(10);
  const height = doc.heightOfString(fonts.clean(notice), { width: width - 20 }) + 16;
  artifact(doc, 'Layout', () => doc.rect(MARGIN_X, top, width, height).lineWidth(1).strokeColor('#000').stroke());
  tag(doc, sect, 'P', () => doc.text(fonts.clean(notice), MARGIN_X + 10, top + 8, { width: width - 20 }));
  sect.end();
}

function drawHighlights(doc: PDFKit.PDFDocument, fonts: Fonts, pack: PackDocument, sect: StructElement): void {
  const width = contentWidth(doc);
  tag(doc, sect, 'H2', () => doc.font(fonts.name.bold).fontSize(16).fillColor('#000').text('Highlighted patterns', MARGIN_X, MARGIN_TOP, { width }));
  doc.font(fonts.name.regular).fontSize(9);
  tag(doc, sect, 'P', () =>
    doc.text(
      fonts.clean(
        pack.kind === 'family'
          ? 'Patterns found automatically in the entries of this chronology. Each one is explained in words and can be checked against the entries in the table that follows.'
          : 'Patterns found by MAC\u2019s rules in the entries of this pack: prompts for professional judgement, not findings. Each lists its review by the lead professional or a designated safeguarding lead.',
      ),
      { width },
    ),
  );
  doc.moveDown(0.8);
  if (pack.highlights.length === 0) {
    tag(doc, sect, 'P', () => doc.font(fonts.name.italic).fontSize(10).text('No highlighted patterns.', { width }));
    sect.end();
    return;
  }
  for (const h of pack.highlights) {
    const title = `${h.title} (${h.severity === 'high' ? 'high' : 'medium'} severity)`;
    const where = `${formatDay(h.window.from)} to ${formatDay(h.window.to)} · ${h.agencyNames.join(', ')} · ${plural(h.entryIds.length, 'entry', 'entries')}`;
    const review = pack.kind === 'professional' ? reviewText(h) : null;
    // Keep a highlight on one page when it fits on one.
    doc.font(fonts.name.regular).fontSize(10);
    const needed =
      doc.heightOfString(fonts.clean(title), { width }) +
      doc.heightOfString(fonts.clean(where), { width }) +
      doc.heightOfString(fonts.clean(h.explanation), { width }) +
      (review ? doc.heightOfString(fonts.clean(review), { width }) : 0) +
      24;
    if (doc.y + needed > bottomOf(doc) && needed < bottomOf(doc) - MARGIN_TOP) doc.addPage();
    const div = container(doc, sect, 'Div');
    tag(doc, div, 'H3', () => doc.font(fonts.name.bold).fontSize(11).text(fonts.clean(title), MARGIN_X, doc.y, { width }));
    tag(doc, div, 'P', () => doc.font(fonts.name.regular).fontSize(9).fillColor('#333').text(fonts.clean(where), { width }));
    tag(doc, div, 'P', () => doc.fillColor('#000').fontSize(10).text(fonts.clean(h.explanation), { width }));
    if (review) tag(doc, div, 'P', () => doc.font(fonts.name.italic).fontSize(9).text(fonts.clean(review), { width }));
    div.end();
    doc.moveDown(0.8);
  }
  sect.end();
}

/** "12 Mar 2026 (40 days before the conference)", or "Not recorded in this pack". */
function reviewText(h: PackHighlight): string {
  if (h.reopened) return 'Review out of date: the entries changed after the last review.';
  if (!h.review) return 'Not yet reviewed.';
  const what = h.review.status === 'dismissed' ? 'Dismissed' : 'Reviewed';
  return `${what} by ${h.review.byName} on ${formatDay(h.review.at.slice(0, 10))}: ${h.review.note}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Paragraphs as written (blank lines and line breaks), so a long summary flows as several P elements. */
function paragraphs(text: string): string[] {
  return text.split(/\n+/).map((p) => p.trim()).filter((p) => p !== '');
}

/**
 * "Analysis": the lead's summary of what the pattern means for the child, then each agency's view, a
 * differing one with its reasons, so a dissent reaches the conference as it was recorded. The family
 * version carries only the summary written for the family, with nobody named.
 */
function drawAnalysis(doc: PDFKit.PDFDocument, fonts: Fonts, kind: PackKind, analysis: PackAnalysis, sect: StructElement): void {
  const width = contentWidth(doc);
  if (doc.y + 120 > bottomOf(doc)) doc.addPage();
  else doc.moveDown(1);
  const family = kind === 'family';
  tag(doc, sect, 'H2', () => doc.font(fonts.name.bold).fontSize(16).fillColor('#000').text(family ? 'What the professionals think this means' : 'Analysis', MARGIN_X, doc.y, { width }));
  const about = family
    ? 'A summary written for the family by the lead professional.'
    : `The lead professional\u2019s summary of what the pattern means for the child${analysis.updatedBy ? ` (${analysis.updatedBy}, version ${analysis.version}${analysis.updatedAt ? `, ${formatDay(analysis.updatedAt.slice(0, 10))}` : ''})` : ''}.`;
  tag(doc, sect, 'P', () => doc.font(fonts.name.italic).fontSize(9).text(fonts.clean(about), { width }));
  doc.moveDown(0.4);
  const text = paragraphs(analysis.text);
  if (text.length === 0) tag(doc, sect, 'P', () => doc.font(fonts.name.italic).fontSize(10).text('No summary has been written.', { width }));
  for (const p of text) {
    tag(doc, sect, 'P', () => doc.font(fonts.name.regular).fontSize(10).text(fonts.clean(p), { width }));
    doc.moveDown(0.3);
  }
  if (family) return;
  doc.moveDown(0.6);
  tag(doc, sect, 'H3', () => doc.font(fonts.name.bold).fontSize(12).text('Each agency\u2019s view', MARGIN_X, doc.y, { width }));
  if (analysis.views.length === 0) tag(doc, sect, 'P', () => doc.font(fonts.name.italic).fontSize(10).text('No agency has recorded a view.', { width }));
  for (const v of analysis.views) {
    if (doc.y + 50 > bottomOf(doc)) doc.addPage();
    const div = container(doc, sect, 'Div');
    const heading = `${v.agencyName}: ${ANALYSIS_POSITION_LABELS[v.position].toLowerCase()}`;
    tag(doc, div, 'H4', () => doc.font(fonts.name.bold).fontSize(10).text(fonts.clean(heading), MARGIN_X, doc.y, { width }));
    for (const p of paragraphs(v.text)) tag(doc, div, 'P', () => doc.font(fonts.name.regular).fontSize(10).text(fonts.clean(p), { width }));
    tag(doc, div, 'P', () => doc.font(fonts.name.italic).fontSize(8).fillColor('#333').text(fonts.clean(`Recorded by ${v.by}, ${formatDay(v.at.slice(0, 10))}`), { width }));
    doc.fillColor('#000');
    div.end();
    doc.moveDown(0.5);
  }
}

/**
 * "Actions": what was agreed, who owns it, when it is due and where it stands, in words ("Overdue by 12
 * days"), never colour alone. The professional version adds the person, the outcome or reason, and the
 * notes; the family version names agencies only (packages/domain actionsForPack).
 */
function drawActions(doc: PDFKit.PDFDocument, fonts: Fonts, kind: PackKind, actions: readonly PackAction[], sect: StructElement): void {
  const width = contentWidth(doc);
  if (doc.y + 120 > bottomOf(doc)) doc.addPage();
  else doc.moveDown(1);
  tag(doc, sect, 'H2', () => doc.font(fonts.name.bold).fontSize(16).fillColor('#000').text('Actions', MARGIN_X, doc.y, { width }));
  const open = actions.filter((a) => a.status === 'open').length;
  const overdue = actions.filter((a) => a.overdue).length;
  tag(doc, sect, 'P', () =>
    doc.font(fonts.name.italic).fontSize(9).text(fonts.clean(`${plural(actions.length, 'action')}: ${open} open, ${overdue} overdue on the day this pack was made.`), { width }),
  );
  doc.moveDown(0.4);
  for (const a of actions) {
    if (doc.y + 50 > bottomOf(doc)) doc.addPage();
    const div = container(doc, sect, 'Div');
    tag(doc, div, 'H3', () => doc.font(fonts.name.bold).fontSize(10).text(fonts.clean(a.title), MARGIN_X, doc.y, { width }));
    const owner = kind === 'family' || !a.ownerName ? a.ownerAgencyName : `${a.ownerName}, ${a.ownerAgencyName}`;
    tag(doc, div, 'P', () => doc.font(fonts.name.regular).fontSize(10).text(fonts.clean(`Owner: ${owner}. Due ${formatDay(a.dueDate)}. ${a.overdue ? 'OVERDUE: ' : ''}${a.standing}.`), { width }));
    if (kind === 'professional') {
      if (a.status === 'done' && a.outcome) tag(doc, div, 'P', () => doc.font(fonts.name.regular).fontSize(10).text(fonts.clean(`Outcome: ${a.outcome}`), { width }));
      if (a.status === 'cancelled' && a.reason) tag(doc, div, 'P', () => doc.font(fonts.name.regular).fontSize(10).text(fonts.clean(`Cancelled: ${a.reason}`), { width }));
      if (a.notes) tag(doc, div, 'P', () => doc.font(fonts.name.italic).fontSize(9).text(fonts.clean(`Notes: ${a.notes}`), { width }));
    }
    div.end();
    doc.moveDown(0.5);
  }
}

function formatDay(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : iso;
}

function drawTable(doc: PDFKit.PDFDocument, fonts: Fonts, pack: PackDocument, sect: StructElement): void {
  const width = contentWidth(doc);
  const columns = columnsFor(pack.kind, width);
  tag(doc, sect, 'H2', () => doc.font(fonts.name.bold).fontSize(16).fillColor('#000').text('Chronology', MARGIN_X, MARGIN_TOP, { width }));
  tag(doc, sect, 'P', () =>
    doc.font(fonts.name.regular).fontSize(9).text(
      fonts.clean(
        `${plural(pack.rows.length, 'entry', 'entries')}, in date order. Ages are the child\u2019s age at the start of each entry\u2019s date.` +
          (pack.kind === 'professional' ? ' Entries marked PROFESSIONALS ONLY are left out of the family version.' : ''),
      ),
      { width },
    ),
  );
  doc.moveDown(0.6);
  if (pack.rows.length === 0) {
    tag(doc, sect, 'P', () => doc.font(fonts.name.italic).fontSize(10).text('No entries in this selection.', { width }));
    sect.end();
    return;
  }
  const table = container(doc, sect, 'Table');
  const head = container(doc, table, 'THead');
  let y = drawHeaderRow(doc, fonts, columns, doc.y, head);
  head.end();
  const body = container(doc, table, 'TBody');
  const pageLines = Math.floor((bottomOf(doc) - MARGIN_TOP - (LINE_HEIGHT + 2 * PAD) - 2 * PAD) / LINE_HEIGHT);
  pack.rows.forEach((row, index) => {
    const cells: Line[][] = columns.map((col) => col.cell(row).flatMap((part) => wrap(doc, fonts, part.text, part.font, col.width - 2 * PAD).map((text) => ({ text, font: part.font }))));
    const total = Math.max(1, ...cells.map((c) => c.length));
    // One TR and one TD per cell, whatever the number of pages the row is drawn over: a row split
    // across pages is still one row to a screen reader.
    const tr = container(doc, body, 'TR');
    const tds = columns.map(() => container(doc, tr, 'TD'));
    let start = 0;
    while (start < total) {
      const fits = Math.floor((bottomOf(doc) - y - 2 * PAD) / LINE_HEIGHT);
      const remaining = total - start;
      if (remaining <= fits) {
        y = drawRowChunk(doc, fonts, columns, cells, tds, start, total, y, index);
        break;
      }
      // A row that fits on a fresh page moves there whole; one taller than a page is split, its parts
      // continued on the following pages under the repeated header row.
      const moveWhole = start === 0 && total <= pageLines;
      if (!moveWhole && fits >= MIN_SPLIT_LINES) {
        drawRowChunk(doc, fonts, columns, cells, tds, start, start + fits, y, index);
        start += fits;
      }
      doc.addPage();
      y = drawHeaderRow(doc, fonts, columns, MARGIN_TOP, null);
    }
    tr.end();
  });
  body.end();
  table.end();
  sect.end();
}

/**
 * The header row. The first one is the table's real header (THead, TH with column scope); the copies
 * repeated at the top of later pages are artefacts, so a screen reader meets the header once.
 */
function drawHeaderRow(doc: PDFKit.PDFDocument, fonts: Fonts, columns: Column[], y: number, head: StructElement | null): number {
  const height = LINE_HEIGHT + 2 * PAD;
  const width = columns.reduce((sum, c) => sum + c.width, 0);
  artifact(doc, 'Layout', () => doc.rect(MARGIN_X, y, width, height).fillColor('#d9d9d9').fill());
  const tr = head ? container(doc, head, 'TR') : null;
  let x = MARGIN_X;
  for (const col of columns) {
    const left = x;
    const draw = () => doc.font(fonts.name.bold).fontSize(FONT_SIZE).fillColor('#000').text(col.title, left + PAD, y + PAD, { lineBreak: false });
    if (tr) tag(doc, tr, 'TH', draw, { scope: 'Column' });
    else artifact(doc, 'Pagination', draw);
    x += col.width;
  }
  tr?.end();
  return y + height;
}

function drawRowChunk(doc: PDFKit.PDFDocument, fonts: Fonts, columns: Column[], cells: Line[][], tds: StructElement[], start: number, end: number, y: number, index: number): number {
  const height = (end - start) * LINE_HEIGHT + 2 * PAD;
  const width = columns.reduce((sum, c) => sum + c.width, 0);
  // Alternate shading tells rows apart where a long cell runs beside short ones.
  if (index % 2 === 1) artifact(doc, 'Layout', () => doc.rect(MARGIN_X, y, width, height).fillColor('#f2f2f2').fill());
  let x = MARGIN_X;
  columns.forEach((col, c) => {
    const left = x;
    const lines = cells[c]!.slice(start, end);
    const last = cells[c]!.length - 1;
    // Each line ends in a space (invisible) except the cell's last: text extraction and screen readers
    // join a cell's lines, and "summary" + "Row 1 detail" must not read as "summaryRow".
    const drawLines = () =>
      lines.forEach((line, i) => {
        const text = start + i < last ? `${line.text} ` : line.text;
        doc.font(fonts.name[line.font]).fontSize(FONT_SIZE).fillColor('#000').text(text, left + PAD, y + PAD + i * LINE_HEIGHT, { lineBreak: false });
      });
    if (lines.length > 0) addContent(tds[c]!, drawLines);
    // "(continued)" is a visual cue only: the cell's text goes on in the same TD.
    else if (c === 0 && start > 0) artifact(doc, 'Layout', () => doc.font(fonts.name.italic).fontSize(FONT_SIZE).fillColor('#000').text('(continued)', left + PAD, y + PAD, { lineBreak: false }));
    x += col.width;
  });
  artifact(doc, 'Layout', () => {
    let lineX = MARGIN_X;
    columns.forEach((col, c) => {
      if (c > 0) doc.moveTo(lineX, y).lineTo(lineX, y + height).lineWidth(0.3).strokeColor('#bfbfbf').stroke();
      lineX += col.width;
    });
    doc.moveTo(MARGIN_X, y + height).lineTo(MARGIN_X + width, y + height).lineWidth(0.5).strokeColor('#808080').stroke();
  });
  return y + height;
}

function drawPageFurniture(doc: PDFKit.PDFDocument, fonts: Fonts, pack: PackDocument): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const width = contentWidth(doc);
    const footerY = doc.page.height - 36;
    // Writing inside the bottom margin would make pdfkit start a new page: lift the margin meanwhile.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    // The running header and footer repeat on every page: artefacts, not content read out each time.
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.font(fonts.name.bold).fontSize(10).fillColor('#000');
    doc.text(PROTECTIVE_MARKING, MARGIN_X, 20, { width, align: 'center', lineBreak: false });
    doc.text(PROTECTIVE_MARKING, MARGIN_X, footerY, { width, align: 'center', lineBreak: false });
    doc.font(fonts.name.regular).fontSize(8);
    doc.text(fonts.clean(`${pack.cover.childName} – conference ${pack.cover.conferenceDate}`), MARGIN_X, 22, { width: width / 3, lineBreak: false });
    doc.text(VERSION_LABEL[pack.kind], MARGIN_X + (width * 2) / 3, 22, { width: width / 3, align: 'right', lineBreak: false });
    doc.text(fonts.clean(`Version ${pack.cover.version}`), MARGIN_X, footerY + 1, { width: width / 3, lineBreak: false });
    doc.text(`Page ${i - start + 1} of ${count}`, MARGIN_X + (width * 2) / 3, footerY + 1, { width: width / 3, align: 'right', lineBreak: false });
    doc.moveTo(MARGIN_X, 36).lineTo(MARGIN_X + width, 36).lineWidth(0.5).strokeColor('#000').stroke();
    doc.moveTo(MARGIN_X, footerY - 6).lineTo(MARGIN_X + width, footerY - 6).lineWidth(0.5).strokeColor('#000').stroke();
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
}
