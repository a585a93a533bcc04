import fs from 'node:fs/promises';
import path from 'node:path';

/** The type a file claims by its name: what the browser of whoever downloads it will believe. */
const TYPE_BY_EXTENSION: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.odt': 'application/vnd.oasis.opendocument.text',
  '.ods': 'application/vnd.oasis.opendocument.spreadsheet',
  '.odp': 'application/vnd.oasis.opendocument.presentation',
  '.csv': 'text/csv',
  '.txt': 'text/plain',
};

const ascii = (head: Buffer, start: number, text: string) => head.subarray(start, start + text.length).toString('latin1') === text;
const zip = (head: Buffer) => head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;

/** What the first bytes of each type look like ("magic numbers"); text must hold no NUL byte. */
const CONTENT_MATCHES: Record<string, (head: Buffer) => boolean> = {
  'application/pdf': (h) => ascii(h, 0, '%PDF-'),
  'image/png': (h) => h.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff,
  'image/gif': (h) => ascii(h, 0, 'GIF87a') || ascii(h, 0, 'GIF89a'),
  'image/webp': (h) => ascii(h, 0, 'RIFF') && ascii(h, 8, 'WEBP'),
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': zip,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': zip,
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': zip,
  'application/vnd.oasis.opendocument.text': zip,
  'application/vnd.oasis.opendocument.spreadsheet': zip,
  'application/vnd.oasis.opendocument.presentation': zip,
  'text/csv': (h) => !h.includes(0),
  'text/plain': (h) => !h.includes(0),
};

export type FileVerdict = { ok: true; type: string } | { ok: false; reason: string };

/**
 * A file is accepted when its name gives an allowed type AND its content really is of that type:
 * an executable renamed « .pdf » is refused, whatever type the browser declared.
 */
export async function checkFileType(file: { name: string; filepath: string }, allowedTypes: string[]): Promise<FileVerdict> {
  const type = TYPE_BY_EXTENSION[path.extname(file.name).toLowerCase()];
  if (!type || !allowedTypes.includes(type)) {
    return { ok: false, reason: `le type de « ${file.name} » n’est pas accepté (formats acceptés : ${acceptedExtensions(allowedTypes)})` };
  }
  const matches = CONTENT_MATCHES[type];
  const handle = await fs.open(file.filepath, 'r');
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    if (matches && !matches(head.subarray(0, bytesRead))) {
      return { ok: false, reason: `le contenu de « ${file.name} » ne correspond pas à son extension (fichier renommé ou endommagé)` };
    }
  } finally {
    await handle.close();
  }
  return { ok: true, type };
}

export function acceptedExtensions(allowedTypes: string[]): string {
  return Object.entries(TYPE_BY_EXTENSION)
    .filter(([, type]) => allowedTypes.includes(type))
    .map(([extension]) => extension.slice(1))
    .join(', ');
}
