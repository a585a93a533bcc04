import { artifact, contentWidth, ensureSpace, PAGE_MARGIN, tagged } from './document';
import { FONT } from './fonts';
import { pdfText } from './text';

const ACCENT = '#1f3a68';

export function heading(doc: PDFKit.PDFDocument, level: 1 | 2 | 3, text: string): void {
  const size = level === 1 ? 18 : level === 2 ? 14 : 11.5;
  // A heading never ends a page alone: keep room for a few lines after it.
  ensureSpace(doc, size * 2 + 40);
  if (level < 3) doc.moveDown(level === 1 ? 0.2 : 0.8);
  else doc.moveDown(0.5);
  doc.font(FONT.bold).fontSize(size).fillColor(level === 3 ? '#1a1a1a' : ACCENT);
  tagged(doc, `H${level}`, () => doc.text(pdfText(text), PAGE_MARGIN, doc.y, { width: contentWidth(doc) }));
  if (level === 1) {
    const y = doc.y + 2;
    artifact(doc, () => doc.moveTo(PAGE_MARGIN, y).lineTo(PAGE_MARGIN + contentWidth(doc), y).lineWidth(1).strokeColor(ACCENT).stroke());
    doc.moveDown(0.6);
  } else {
    doc.moveDown(0.25);
  }
  doc.font(FONT.regular).fontSize(10).fillColor('#1a1a1a');
}

export function paragraph(doc: PDFKit.PDFDocument, text: string, options: { muted?: boolean; size?: number } = {}): void {
  doc.font(FONT.regular).fontSize(options.size ?? 10).fillColor(options.muted ? '#555555' : '#1a1a1a');
  tagged(doc, 'P', () => doc.text(pdfText(text), PAGE_MARGIN, doc.y, { width: contentWidth(doc) }));
  doc.moveDown(0.4);
  doc.fillColor('#1a1a1a');
}

/** « Libellé : valeur », the label in bold; nothing when the value is empty. */
export function labelled(doc: PDFKit.PDFDocument, label: string, value: string | null | undefined): void {
  if (!value || !value.trim()) return;
  doc.font(FONT.bold).fontSize(10).fillColor('#1a1a1a');
  tagged(doc, 'P', () => {
    doc.text(`${pdfText(label)} : `, PAGE_MARGIN, doc.y, { width: contentWidth(doc), continued: true });
    doc.font(FONT.regular).text(pdfText(value.trim()));
  });
  doc.moveDown(0.2);
}

export function bullets(doc: PDFKit.PDFDocument, items: string[]): void {
  doc.font(FONT.regular).fontSize(10).fillColor('#1a1a1a');
  // One paragraph per item: a list's LI/Lbl/LBody structure would say no more here.
  for (const item of items) tagged(doc, 'P', () => doc.text(`•  ${pdfText(item)}`, PAGE_MARGIN + 8, doc.y, { width: contentWidth(doc) - 8 }));
  doc.moveDown(0.4);
}
