import { choiceLabels } from '../platform/config/labels';

export const label = (value: string | null | undefined): string => (value ? (choiceLabels()[value] ?? value) : '–');


export const campaignKind = (kind: string): string => label(kind).toLowerCase();

/** A file name readable in French, safe on every system: « Rapport d’évaluation – Accueil - État civil – 2026.pdf ». */
export function pdfFileName(...parts: string[]): string {
  return reportFileName('pdf', ...parts);
}

/** The same name with the extension of the format asked for (pdf, docx). */
export function reportFileName(extension: string, ...parts: string[]): string {
  const clean = parts
    // eslint-disable-next-line no-control-regex -- control characters are not allowed in file names
    .map((p) => p.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join(' – ');
  return `${clean.slice(0, 180)}.${extension}`;
}

/** The plain-ASCII name of Content-Disposition's `filename=` (older clients), e.g. « Rapport d'evaluation - … ». */
export function asciiFileName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘]/g, "'")
    .replace(/[–—]/g, '-')
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/[^\x20-\x7e]/g, '_');
}
