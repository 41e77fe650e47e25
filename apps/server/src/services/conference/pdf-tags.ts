// Tagging for the conference pack PDF (PDF/UA direction, WCAG 2.2 applied to documents): every mark on
// a page is either real content inside a structure element (H1, P, Table/TR/TH/TD …) in reading order,
// or an artefact (running header and footer, rules, shading) that assistive technology skips.
//
// pdfkit's marked-content rules shape these helpers: opening structure content or an artefact closes
// whatever marked content is open on the page, so a leaf element's drawing (`tag`) must never open
// another leaf or an artefact inside it. Container elements (Sect, Table, TR) carry no drawing of
// their own; only leaves do.

export type StructElement = PDFKit.PDFStructureElement;

export interface TagOptions {
  /** For TH: which cells the header cell is a header for. */
  scope?: 'Column' | 'Row';
}

/** A container element (Document, Sect, Table, THead, TBody, TR), attached to `parent` at once. */
export function container(doc: PDFKit.PDFDocument, parent: StructElement, type: string): StructElement {
  const element = doc.struct(type);
  parent.add(element);
  return element;
}

/**
 * A leaf element whose content is what `draw` puts on the page. The drawing happens now, inside
 * the element's marked content (pdfkit runs the closure when the element joins an attached parent).
 */
export function tag(doc: PDFKit.PDFDocument, parent: StructElement, type: string, draw: () => void, options: TagOptions = {}): StructElement {
  // `scope` is supported by pdfkit (it writes /A << /O /Table /Scope … >>) but missing from its types.
  const element = doc.struct(type, options as Parameters<PDFKit.PDFDocument['struct']>[1], [draw]);
  parent.add(element);
  element.end();
  return element;
}

/** More content for a leaf element that is already attached (a table cell continued on the next page). */
export function addContent(element: StructElement, draw: () => void): void {
  element.add(draw);
}

/** Drawing that is not content: running header and footer ('Pagination'), rules and shading ('Layout'). */
export function artifact(doc: PDFKit.PDFDocument, type: 'Pagination' | 'Layout', draw: () => void): void {
  doc.markContent('Artifact', { type });
  draw();
  doc.endMarkedContent();
}
