/**
 * A report as a list of blocks, written once and drawn twice: as a PDF (pdf/render-blocks.ts) and as
 * an editable Word file (docx/docx-document.ts). Cells are already-formatted French text.
 */
export interface BlockColumn {
  header: string;
  /** Share of the content width (the shares of a table add up to 1). */
  width: number;
  align?: 'left' | 'right' | 'center';
}

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string; muted?: boolean; size?: number }
  /** « Libellé : valeur », nothing when the value is empty. */
  | { kind: 'labelled'; label: string; value?: string | null }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'table'; columns: BlockColumn[]; rows: string[][] }
  | { kind: 'pageBreak' };

export interface BlockDocument {
  title: string;
  subject: string;
  /** Left part of the PDF's footer and the Word file's footer. */
  footer: string;
  /** A working draft: « Document de travail » on every page. */
  draft: boolean;
  blocks: Block[];
}

export const heading = (level: 1 | 2 | 3, text: string): Block => ({ kind: 'heading', level, text });
export const paragraph = (text: string, options: { muted?: boolean; size?: number } = {}): Block => ({ kind: 'paragraph', text, ...options });
export const muted = (text: string): Block => paragraph(text, { muted: true });
export const table = (columns: BlockColumn[], rows: string[][]): Block => ({ kind: 'table', columns, rows });
