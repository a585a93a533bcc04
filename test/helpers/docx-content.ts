import mammoth from 'mammoth';

const decode = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/[\u00a0\u202f]/g, ' ')
    .trim();

/**
 * A Word file read back as a reader would: its text, and each table as rows of cell texts (mammoth
 * turns the document into HTML; its tables are plain <table><tr><td>). No-break spaces become spaces.
 */
export async function docxContent(buffer: Buffer): Promise<{ text: string; tables: string[][][] }> {
  const text = (await mammoth.extractRawText({ buffer })).value.replace(/[\u00a0\u202f]/g, ' ');
  const html = (await mammoth.convertToHtml({ buffer })).value;
  const tables = [...html.matchAll(/<table>(.*?)<\/table>/gs)].map((t) => [...t[1].matchAll(/<tr>(.*?)<\/tr>/gs)].map((r) => [...r[1].matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/gs)].map((c) => decode(c[1]))));
  return { text, tables };
}
