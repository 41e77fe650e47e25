// The conference pack's page geometry (A4 landscape), shared by the modules that draw its sections.
export const MARGIN_X = 36;
export const MARGIN_TOP = 56;
export const MARGIN_BOTTOM = 50;

export function contentWidth(doc: PDFKit.PDFDocument): number {
  return doc.page.width - MARGIN_X * 2;
}

export function bottomOf(doc: PDFKit.PDFDocument): number {
  return doc.page.height - MARGIN_BOTTOM;
}
