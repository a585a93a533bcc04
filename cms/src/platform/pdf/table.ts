import { artifact, contentWidth, pageBottom, PAGE_MARGIN, structureRoot } from './document';
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

/**
 * One row; in a tagged document, a TR of `element` with a TH or TD per cell — the header repeated
 * on a later page is an artefact, since the table's first row already says it.
 */
function drawRow(doc: PDFKit.PDFDocument, cells: string[], columns: Column[], widths: number[], y: number, height: number, header: boolean, element: PDFKit.PDFStructureElement | null, repeated = false): void {
  const total = widths.reduce((a, b) => a + b, 0);
  if (header) artifact(doc, () => doc.rect(PAGE_MARGIN, y, total, height).fill('#e8edf5'));
  doc.font(header ? FONT.bold : FONT.regular).fontSize(9).fillColor('#1a1a1a');
  const row = element && !repeated ? doc.struct('TR') : null;
  if (row) element!.add(row);
  let x = PAGE_MARGIN;
  cells.forEach((cell, i) => {
    const left = x;
    const draw = () => doc.text(pdfText(cell), left + PAD, y + PAD, { width: widths[i] - 2 * PAD, align: columns[i].align ?? 'left' });
    if (row) row.add(doc.struct(header ? 'TH' : 'TD', (header ? { scope: 'Column' } : {}) as never, draw));
    else if (repeated) artifact(doc, draw, 'Pagination');
    else draw();
    x += widths[i];
  });
  row?.end();
  artifact(doc, () => doc.moveTo(PAGE_MARGIN, y + height).lineTo(x, y + height).lineWidth(0.5).strokeColor('#b8c2d3').stroke());
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
  const root = structureRoot(doc);
  const element = root ? doc.struct('Table') : null;
  let y = doc.y;
  const startPage = (first: boolean) => {
    if (!first) {
      doc.addPage();
      y = doc.y;
    }
    drawRow(doc, headers, columns, widths, y, headerHeight, true, element, !first);
    y += headerHeight;
  };
  if (y + headerHeight + (rows.length ? rowHeight(doc, rows[0], widths, false) : 0) > pageBottom(doc)) {
    doc.addPage();
    y = doc.y;
  }
  // Joined to the document once the first page of the table is settled: its rows follow in order.
  if (element) root!.add(element);
  startPage(true);
  for (const row of rows) {
    const height = rowHeight(doc, row, widths, false);
    if (y + height > pageBottom(doc)) startPage(false);
    drawRow(doc, row, columns, widths, y, height, false, element);
    y += height;
  }
  element?.end();
  doc.x = PAGE_MARGIN;
  doc.y = y + 10;
  doc.font(FONT.regular).fontSize(10);
}
