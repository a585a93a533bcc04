import { contentWidth, pageBottom, PAGE_MARGIN } from './document';
import { FONT } from './fonts';
import { pdfText } from './text';

export interface Column {
  header: string;
  /** Share of the content width (the shares of a table add up to 1). */
  width: number;
  align?: 'left' | 'right' | 'center';
}

const PAD = 4;

function rowHeight(doc: PDFKit.PDFDocument, cells: string[], widths: number[], bold: boolean): number {
  doc.font(bold ? FONT.bold : FONT.regular).fontSize(9);
  return Math.max(...cells.map((cell, i) => doc.heightOfString(pdfText(cell) || ' ', { width: widths[i] - 2 * PAD }))) + 2 * PAD;
}

function drawRow(doc: PDFKit.PDFDocument, cells: string[], columns: Column[], widths: number[], y: number, height: number, header: boolean): void {
  let x = PAGE_MARGIN;
  if (header) doc.rect(PAGE_MARGIN, y, widths.reduce((a, b) => a + b, 0), height).fill('#e8edf5');
  doc.font(header ? FONT.bold : FONT.regular).fontSize(9).fillColor('#1a1a1a');
  cells.forEach((cell, i) => {
    doc.text(pdfText(cell), x + PAD, y + PAD, { width: widths[i] - 2 * PAD, align: columns[i].align ?? 'left' });
    x += widths[i];
  });
  doc.moveTo(PAGE_MARGIN, y + height).lineTo(x, y + height).lineWidth(0.5).strokeColor('#b8c2d3').stroke();
}

/**
 * A table whose rows never split: a row that does not fit opens a new page, where the header row
 * is repeated so that every page of the table reads on its own.
 */
export function table(doc: PDFKit.PDFDocument, columns: Column[], rows: string[][]): void {
  const total = contentWidth(doc);
  const widths = columns.map((c) => c.width * total);
  const headers = columns.map((c) => c.header);
  const headerHeight = rowHeight(doc, headers, widths, true);
  let y = doc.y;
  const startPage = (first: boolean) => {
    if (!first) {
      doc.addPage();
      y = doc.y;
    }
    drawRow(doc, headers, columns, widths, y, headerHeight, true);
    y += headerHeight;
  };
  if (y + headerHeight + (rows.length ? rowHeight(doc, rows[0], widths, false) : 0) > pageBottom(doc)) {
    doc.addPage();
    y = doc.y;
  }
  startPage(true);
  for (const row of rows) {
    const height = rowHeight(doc, row, widths, false);
    if (y + height > pageBottom(doc)) startPage(false);
    drawRow(doc, row, columns, widths, y, height, false);
    y += height;
  }
  doc.x = PAGE_MARGIN;
  doc.y = y + 10;
  doc.font(FONT.regular).fontSize(10);
}
