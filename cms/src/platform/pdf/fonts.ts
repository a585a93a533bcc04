import path from 'node:path';

/**
 * Inter (latin subset, .woff read by fontkit) covers French entirely: accents, « », ’, œ, €, the
 * no-break space. The standard PDF fonts would not extract œ or ’ correctly.
 */
const filesDir = () => path.join(path.dirname(require.resolve('@fontsource/inter')), 'files');

export const FONT = { regular: 'Inter', bold: 'Inter-Bold' } as const;

export function registerFonts(doc: PDFKit.PDFDocument): void {
  doc.registerFont(FONT.regular, path.join(filesDir(), 'inter-latin-400-normal.woff'));
  doc.registerFont(FONT.bold, path.join(filesDir(), 'inter-latin-700-normal.woff'));
}
