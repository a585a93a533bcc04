import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import type { Block, BlockColumn, BlockDocument } from '../document/blocks';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const ACCENT = '1F3A68';
const MUTED = '555555';
/** A4 at 2 cm margins, in twentieths of a point: what Word's table widths are counted in. */
const CONTENT_WIDTH = 11906 - 2 * 1134;
const FONT = 'Calibri';

// Word keeps line breaks of a cell or paragraph only as explicit breaks.
function runs(text: string, options: { bold?: boolean; color?: string; size?: number } = {}): ParagraphChild[] {
  return text.split('\n').map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, bold: options.bold, color: options.color, size: options.size }));
}

const ALIGN = { left: AlignmentType.LEFT, right: AlignmentType.RIGHT, center: AlignmentType.CENTER } as const;
const LEVELS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function cell(text: string, column: BlockColumn, header: boolean): TableCell {
  return new TableCell({
    width: { size: Math.round(column.width * CONTENT_WIDTH), type: WidthType.DXA },
    shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'E8EDF5' } : undefined,
    margins: { top: 60, bottom: 60, left: 80, right: 80 },
    children: [new Paragraph({ alignment: ALIGN[column.align ?? 'left'], children: runs(text, { bold: header, size: 18 }) })],
  });
}

function table(columns: BlockColumn[], rows: string[][]): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: 'B8C2D3' };
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: columns.map((c) => Math.round(c.width * CONTENT_WIDTH)),
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      // The header row repeats on every page the table spans, as in the PDF.
      new TableRow({ tableHeader: true, children: columns.map((c) => cell(c.header, c, true)) }),
      ...rows.map((row) => new TableRow({ cantSplit: true, children: columns.map((c, i) => cell(row[i] ?? '', c, false)) })),
    ],
  });
}

function render(block: Block): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'heading':
      return [new Paragraph({ heading: LEVELS[block.level], keepNext: true, children: runs(block.text) })];
    case 'paragraph':
      return [new Paragraph({ spacing: { after: 120 }, children: runs(block.text, { color: block.muted ? MUTED : undefined, size: block.size ? Math.round(block.size * 2) : undefined }) })];
    case 'labelled':
      if (!block.value || !block.value.trim()) return [];
      return [new Paragraph({ spacing: { after: 80 }, children: [new TextRun({ text: `${block.label} : `, bold: true }), ...runs(block.value.trim())] })];
    case 'bullets':
      return block.items.map((item) => new Paragraph({ bullet: { level: 0 }, children: runs(item) }));
    case 'table':
      // An empty paragraph after a table keeps two consecutive tables from merging in Word.
      return [table(block.columns, block.rows), new Paragraph({ children: [] })];
    case 'pageBreak':
      return [new Paragraph({ children: [new PageBreak()] })];
  }
}

/** The Word file of a block document: French, headings as Word headings, editable tables, « Page n / N » in the footer. */
export function renderBlocksDocx(document: BlockDocument): Promise<Buffer> {
  const doc = new Document({
    title: document.title,
    subject: document.subject,
    creator: 'Charte d’accueil',
    styles: {
      default: {
        // Word's spelling and hyphenation read the text as French.
        document: { run: { font: FONT, size: 21, language: { value: 'fr-FR' } } },
        heading1: { run: { font: FONT, size: 32, bold: true, color: ACCENT }, paragraph: { spacing: { before: 240, after: 120 } } },
        heading2: { run: { font: FONT, size: 26, bold: true, color: ACCENT }, paragraph: { spacing: { before: 200, after: 80 } } },
        heading3: { run: { font: FONT, size: 22, bold: true }, paragraph: { spacing: { before: 160, after: 60 } } },
      },
    },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        headers: document.draft
          ? { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: 'Document de travail', bold: true, color: 'B00020' })] })] }) }
          : undefined,
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                children: [
                  new TextRun({ text: `${document.footer} — page `, color: MUTED, size: 16 }),
                  new TextRun({ children: [PageNumber.CURRENT], color: MUTED, size: 16 }),
                  new TextRun({ text: ' / ', color: MUTED, size: 16 }),
                  new TextRun({ children: [PageNumber.TOTAL_PAGES], color: MUTED, size: 16 }),
                ],
              }),
            ],
          }),
        },
        children: document.blocks.flatMap(render),
      },
    ],
  });
  return Packer.toBuffer(doc);
}
