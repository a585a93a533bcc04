import type { BlockDocument } from '../document/blocks';
import { bullets, heading, labelled, paragraph } from './blocks';
import { createReportPdf, finishReportPdf } from './document';
import { table } from './table';

/** The PDF of a block document, with the house layout (fonts, footer « Page n / N », watermark). */
export async function renderBlocksPdf(document: BlockDocument): Promise<Buffer> {
  const meta = { title: document.title, subject: document.subject, draft: document.draft, footer: document.footer };
  // Every block is drawn by the tagged blocks: the PDF is tagged whole (headings, paragraphs, tables).
  const doc = createReportPdf({ ...meta, tagged: true });
  for (const block of document.blocks) {
    if (block.kind === 'heading') heading(doc, block.level, block.text);
    else if (block.kind === 'paragraph') paragraph(doc, block.text, { muted: block.muted, size: block.size });
    else if (block.kind === 'labelled') labelled(doc, block.label, block.value);
    else if (block.kind === 'bullets') bullets(doc, block.items);
    else if (block.kind === 'table') table(doc, block.columns, block.rows);
    else doc.addPage();
  }
  return finishReportPdf(doc, meta);
}
