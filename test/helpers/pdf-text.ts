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
