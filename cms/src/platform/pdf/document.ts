import PDFDocument from 'pdfkit';
import { FONT, registerFonts } from './fonts';
import { pdfText } from './text';

export const WATERMARK = 'Document de travail';
export const PAGE_MARGIN = 56;

export interface ReportMeta {
  title: string;
  subject: string;
  /** A working draft: every page carries the « Document de travail » watermark. */
  draft: boolean;
  /** Left part of the footer, e.g. the town and the document's short title. */
  footer: string;
  /** Paper size; A4 unless said (the results poster is also printed in A3). */
  size?: 'A4' | 'A3';
  /**
   * A tagged PDF (the RGAA asks it of documents offered for download): headings, paragraphs, tables
   * and figures in reading order for screen readers, footers and watermark as artefacts. Only for a
   * document drawn wholly with the blocks of this folder: content drawn around them would be left
   * out of what a screen reader reads.
   */
  tagged?: boolean;
}

/** The « Document » element of each tagged PDF, which every block's element joins in order. */
const roots = new WeakMap<PDFKit.PDFDocument, PDFKit.PDFStructureElement>();

/**
 * Draws one element of the document's structure (a heading, a paragraph, a table...) — as is in an
 * untagged document.
 */
export function tagged(doc: PDFKit.PDFDocument, type: string, draw: () => void, options: { alt?: string } = {}): void {
  const root = roots.get(doc);
  if (!root) return draw();
  root.add(doc.struct(type, options, draw));
}

/** The element of the structure to build children into (a table and its rows), or null in an untagged document. */
export function structureRoot(doc: PDFKit.PDFDocument): PDFKit.PDFStructureElement | null {
  return roots.get(doc) ?? null;
}

/** Draws what is not content (rules, backgrounds, a repeated header, the footer) outside the structure. */
export function artifact(doc: PDFKit.PDFDocument, draw: () => void, type: 'Pagination' | 'Layout' = 'Layout'): void {
  if (!roots.has(doc)) return draw();
  doc.markContent('Artifact', { type });
  draw();
  doc.endMarkedContent();
}

/** An A4 (or A3) document with the house fonts; pages are buffered so that the footer can say « Page n / N ». */
export function createReportPdf(meta: ReportMeta): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: meta.size ?? 'A4',
    margins: { top: PAGE_MARGIN, bottom: PAGE_MARGIN + 14, left: PAGE_MARGIN, right: PAGE_MARGIN },
    bufferPages: true,
    lang: 'fr-FR',
    displayTitle: true,
    info: { Title: pdfText(meta.title), Subject: pdfText(meta.subject), Creator: 'Charte d’accueil' },
    ...(meta.tagged ? { tagged: true, pdfVersion: '1.7' as const } : {}),
  });
  if (meta.tagged) {
    const root = doc.struct('Document');
    doc.addStructure(root);
    roots.set(doc, root);
  }
  registerFonts(doc);
  doc.font(FONT.regular).fontSize(10).fillColor('#1a1a1a');
  return doc;
}

export const contentWidth = (doc: PDFKit.PDFDocument) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
export const pageBottom = (doc: PDFKit.PDFDocument) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page when fewer than `height` points remain. */
export function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > pageBottom(doc)) doc.addPage();
}

function drawFooter(doc: PDFKit.PDFDocument, meta: ReportMeta, index: number, count: number): void {
  // Writing below the bottom margin would make pdfkit open a new page: lift it while drawing.
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  const y = doc.page.height - PAGE_MARGIN + 8;
  const width = contentWidth(doc);
  doc.font(FONT.regular).fontSize(8).fillColor('#555555');
  doc.text(pdfText(meta.footer), PAGE_MARGIN, y, { width: width * 0.75, lineBreak: false, ellipsis: true });
  doc.text(`Page ${index + 1} / ${count}`, PAGE_MARGIN, y, { width, align: 'right', lineBreak: false });
  doc.page.margins.bottom = bottom;
}

function drawWatermark(doc: PDFKit.PDFDocument): void {
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  const cx = doc.page.width / 2;
  const cy = doc.page.height / 2;
  doc.save();
  doc.rotate(-40, { origin: [cx, cy] });
  doc.font(FONT.bold).fontSize(54).fillColor('#b00020', 0.14);
  doc.text(WATERMARK, cx - 300, cy - 30, { width: 600, align: 'center', lineBreak: false });
  doc.restore();
  doc.fillOpacity(1);
  doc.page.margins.bottom = bottom;
}

/** Adds footers (and the watermark of a draft) to every page, then returns the file's bytes. */
export function finishReportPdf(doc: PDFKit.PDFDocument, meta: ReportMeta): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    if (meta.draft) artifact(doc, () => drawWatermark(doc));
    artifact(doc, () => drawFooter(doc, meta, i - range.start, range.count), 'Pagination');
  }
  roots.get(doc)?.end();
  doc.flushPages();
  doc.end();
  return done;
}
