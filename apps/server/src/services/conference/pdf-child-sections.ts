// Three sections of the conference pack's PDF about the child rather than the entries: the child's voice
// (when each agency last heard from the child and saw them alone), the household (the other children and
// the household's events) and the people around the child. Drawn by pdf.ts in its one pass; what goes in
// was decided by pack-model.ts.
import { plural, pluralWord, type PackHousehold, type PackKind, type PackPerson, type PackVoice } from '@mac/domain';
import type { Fonts } from './pdf-fonts.js';
import { bottomOf, contentWidth, MARGIN_X } from './pdf-page.js';
import { container, tag, type StructElement } from './pdf-tags.js';

function voiceText(e: PackVoice['lastHeardFrom']): string {
  if (e === null) return 'Not recorded in this pack';
  const days = e.daysSince === 0 ? 'on the day of the conference' : `${e.approximate ? 'at least ' : ''}${plural(e.daysSince, 'day')} before the conference`;
  return `${e.dateText} (${days})`;
}

/**
 * A tagged table with a header row: a TH per column (scope Column), then each row's first cell as its TH
 * (scope Row) and the rest as TD, a new page when a row would not fit. The three tables below had this
 * drawing each in full. Leaves the cursor at the left margin below the table.
 */
function drawTable(doc: PDFKit.PDFDocument, fonts: Fonts, sect: StructElement, cols: ReadonlyArray<{ title: string; width: number }>, rows: readonly string[][]): void {
  const table = container(doc, sect, 'Table');
  const headRow = container(doc, table, 'TR');
  let x = MARGIN_X;
  const top = doc.y;
  let bottom = top;
  for (const c of cols) {
    tag(doc, headRow, 'TH', () => doc.font(fonts.name.bold).fontSize(9).text(fonts.clean(c.title), x, top, { width: c.width - 6 }), { scope: 'Column' });
    bottom = Math.max(bottom, doc.y);
    x += c.width;
  }
  headRow.end();
  doc.y = bottom + 4;
  for (const cells of rows) {
    if (doc.y + 30 > bottomOf(doc)) doc.addPage();
    const y = doc.y;
    const tr = container(doc, table, 'TR');
    let cx = MARGIN_X;
    let rowBottom = y;
    cells.forEach((value, i) => {
      const col = cols[i]!;
      tag(doc, tr, i === 0 ? 'TH' : 'TD', () => doc.font(i === 0 ? fonts.name.bold : fonts.name.regular).fontSize(9).text(fonts.clean(value), cx, y, { width: col.width - 6 }), i === 0 ? { scope: 'Row' } : undefined);
      rowBottom = Math.max(rowBottom, doc.y);
      cx += col.width;
    });
    tr.end();
    doc.y = rowBottom + 3;
  }
  table.end();
  doc.x = MARGIN_X;
}

/**
 * The child's voice (professional version): when each agency in the pack last recorded the child's words
 * and last saw the child alone, as a table with a header row, after a plain sentence that says when
 * nobody has heard from the child for months.
 */
export function drawVoice(doc: PDFKit.PDFDocument, fonts: Fonts, voice: PackVoice, sect: StructElement): void {
  const width = contentWidth(doc);
  if (doc.y + 120 > bottomOf(doc)) doc.addPage();
  else doc.moveDown(1);
  tag(doc, sect, 'H2', () => doc.font(fonts.name.bold).fontSize(16).fillColor('#000').text('The child\u2019s voice', MARGIN_X, doc.y, { width }));
  const lead =
    voice.lastHeardFrom === null
      ? 'No entry in this pack records the child\u2019s own words.'
      : voice.quiet
        ? `Nobody has recorded the child\u2019s words for ${voice.lastHeardFrom.approximate ? 'at least ' : ''}${voice.lastHeardFrom.daysSince} days before the conference (last on ${voice.lastHeardFrom.dateText}).`
        : `The child\u2019s words were last recorded on ${voice.lastHeardFrom.dateText}.`;
  tag(doc, sect, 'P', () => doc.font(voice.quiet ? fonts.name.bold : fonts.name.regular).fontSize(10).text(fonts.clean(lead), { width }));
  doc.moveDown(0.6);
  const cols = [
    { title: 'Agency', width: 220 },
    { title: 'Last heard from (the child\u2019s words recorded)', width: (width - 220) / 2 },
    { title: 'Last seen alone', width: (width - 220) / 2 },
  ];
  drawTable(doc, fonts, sect, cols, voice.agencies.map((a) => [a.agencyName, voiceText(a.lastHeardFrom), voiceText(a.lastSeenAlone)]));
  sect.end();
}

/**
 * "The household": the other children as a conference already shares them, a table with a header row (the
 * professional version adds whether the producer may open each child's chronology), and a sentence on the
 * household events marked in the chronology table. Nothing of a sibling's record is in the pack to draw.
 */
export function drawHousehold(doc: PDFKit.PDFDocument, fonts: Fonts, kind: PackKind, household: PackHousehold, sect: StructElement): void {
  const width = contentWidth(doc);
  if (doc.y + 120 > bottomOf(doc)) doc.addPage();
  else doc.moveDown(1);
  tag(doc, sect, 'H2', () => doc.font(fonts.name.bold).fontSize(16).fillColor('#000').text('The household', MARGIN_X, doc.y, { width }));
  const about =
    household.siblings.length === 0
      ? 'This child\u2019s chronology is not linked to any other child\u2019s.'
      : `${household.name ? `${household.name}: ` : ''}the other children who live with this child. Only their names, ages and lead professionals are shared here; what is recorded about them is not part of this pack.`;
  tag(doc, sect, 'P', () => doc.font(fonts.name.regular).fontSize(10).text(fonts.clean(about), { width }));
  doc.moveDown(0.6);
  if (household.siblings.length > 0) {
    const professional = kind === 'professional';
    const cols = [
      { title: 'Child', width: 160 },
      { title: 'Date of birth (age at the conference)', width: 160 },
      { title: 'In the household', width: 170 },
      { title: 'Lead professional', width: professional ? width - 160 - 160 - 170 - 120 : width - 160 - 160 - 170 },
      ...(professional ? [{ title: 'The pack\u2019s producer may open their chronology', width: 120 }] : []),
    ];
    drawTable(
      doc,
      fonts,
      sect,
      cols,
      household.siblings.map((s) => [s.name, s.ageText ? `${s.dateOfBirth} (${s.ageText})` : s.dateOfBirth, s.relationship, s.lead, ...(professional ? [s.canOpen ? 'Yes' : 'No'] : [])]),
    );
    doc.moveDown(0.6);
  }
  if (household.people) drawPeople(doc, fonts, household.people, sect);
  const events =
    household.householdEvents === 0
      ? 'No entry in this pack is a household event.'
      : `${plural(household.householdEvents, 'entry', 'entries')} in this pack ${pluralWord(household.householdEvents, 'is a household event', 'are household events')}, recorded once for every child in the household and marked HOUSEHOLD EVENT in the chronology.`;
  tag(doc, sect, 'P', () => doc.font(fonts.name.regular).fontSize(10).text(fonts.clean(events), MARGIN_X, doc.y, { width }));
  sect.end();
}

/** Professional version: the adults around the child, with the flags shared with professionals (pack-household.ts peopleForPack). */
function drawPeople(doc: PDFKit.PDFDocument, fonts: Fonts, people: readonly PackPerson[], sect: StructElement): void {
  const width = contentWidth(doc);
  if (doc.y + 80 > bottomOf(doc)) doc.addPage();
  tag(doc, sect, 'H3', () => doc.font(fonts.name.bold).fontSize(12).fillColor('#000').text('The adults around the child', MARGIN_X, doc.y, { width }));
  if (people.length === 0) {
    tag(doc, sect, 'P', () => doc.font(fonts.name.italic).fontSize(10).text('No adult is recorded around this child.', { width }));
    doc.moveDown(0.6);
    return;
  }
  tag(doc, sect, 'P', () =>
    doc.font(fonts.name.regular).fontSize(9).text(fonts.clean('Flags shown are those shared with professionals and not withdrawn; a flag an agency keeps to itself is never in a pack.'), { width }),
  );
  doc.moveDown(0.4);
  const cols = [
    { title: 'Name', width: 160 },
    { title: 'Relationship to the child', width: 180 },
    { title: 'Flags (shared with professionals)', width: width - 340 },
  ];
  const flagsOf = (person: PackPerson) => (person.flags.length === 0 ? 'None' : person.flags.map((f) => `${f.kind} (${f.agencyName}, since ${f.since}): ${f.reason}`).join('\n'));
  drawTable(doc, fonts, sect, cols, people.map((person) => [person.name, person.relationship, flagsOf(person)]));
  doc.moveDown(0.6);
}
