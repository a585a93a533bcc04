import { execFile } from 'node:child_process';
import { repoRoot } from '../../database/paths';

/**
 * The text of a PDF, read by pdf-parse in a plain Node process: pdf.js loads its worker with a
 * dynamic import that Jest's module sandbox refuses. No-break spaces become plain spaces so that
 * figures compare simply.
 */
export function pdfText(data: Buffer): Promise<{ text: string; pages: number }> {
  const script = `
    const { PDFParse } = require('pdf-parse');
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', async () => {
      const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
      const result = await parser.getText();
      await parser.destroy();
      process.stdout.write(JSON.stringify({ text: result.text, pages: result.total }));
    });`;
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', script], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
      if (error) return reject(error);
      const parsed = JSON.parse(stdout) as { text: string; pages: number };
      resolve({ text: parsed.text.replace(/[\u00a0\u202f]/g, ' '), pages: parsed.pages });
    });
    child.stdin!.end(data);
  });
}

/** One leaf of a tagged PDF's structure as a screen reader meets it: its role and its text (or alternative). */
export interface PdfTag {
  role: string;
  text: string;
}

/**
 * The structure of a tagged PDF in reading order (pdf.js, as pdfText), each element that holds
 * content with that content's text; `tagged` false when the file has no structure at all. What is
 * drawn as an artefact (footer, watermark, rules) appears in no element.
 */
export function pdfStructure(data: Buffer): Promise<{ tagged: boolean; tags: PdfTag[] }> {
  const script = `
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', async () => {
      const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
      const doc = await pdfjs.getDocument({ data: new Uint8Array(Buffer.concat(chunks)), verbosity: 0 }).promise;
      const tags = [];
      let tagged = false;
      for (let n = 1; n <= doc.numPages; n += 1) {
        const page = await doc.getPage(n);
        const content = await page.getTextContent({ includeMarkedContent: true });
        const text = new Map();
        let open = [];
        for (const item of content.items) {
          if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') open.push(item.id ?? null);
          else if (item.type === 'endMarkedContent') open.pop();
          // A wrapped line ends an item without its space: put one back.
          else if (typeof item.str === 'string') for (const id of open) if (id) text.set(id, (text.get(id) ?? '') + item.str + (item.hasEOL ? ' ' : ''));
        }
        const tree = await page.getStructTree();
        if (tree) tagged = true;
        const walk = (node) => {
          const own = (node.children ?? []).filter((c) => c.type === 'content').map((c) => text.get(c.id) ?? '').join('');
          if (own || node.alt) tags.push({ role: node.role, text: (node.alt ?? own).replace(/\\s+/g, ' ').trim() });
          for (const child of node.children ?? []) if (child.role) walk(child);
        };
        if (tree) walk(tree);
      }
      process.stdout.write(JSON.stringify({ tagged, tags }));
    });`;
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', script], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
      if (error) return reject(error);
      const parsed = JSON.parse(stdout) as { tagged: boolean; tags: PdfTag[] };
      resolve({ tagged: parsed.tagged, tags: parsed.tags.map((t) => ({ role: t.role, text: t.text.replace(/[\u00a0\u202f]/g, ' ') })) });
    });
    child.stdin!.end(data);
  });
}
