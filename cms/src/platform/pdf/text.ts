import { formatInstant } from '../calendar/clock';
/**
 * Text as the embedded font can draw it. fr-FR number formatting groups thousands with U+202F
 * (narrow no-break space), which Inter lacks: it would print and extract as a missing glyph.
 * U+00A0 keeps the no-break behaviour with a glyph the font has. Control characters are dropped.
 */
export function pdfText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value)
    .replace(/\u202f/g, '\u00a0')
    // eslint-disable-next-line no-control-regex -- the font cannot draw control characters
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

const percent = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 0, maximumFractionDigits: 1 });

/** « 62,5 % », or an en dash when there is nothing to rate. */
export const formatRate = (rate: number | null | undefined): string => (rate === null || rate === undefined ? '–' : pdfText(`${percent.format(rate)}\u00a0%`));

/** « +12,5 pts », « −3 pts », « 0 pt ». */
export function formatDelta(delta: number | null | undefined): string {
  if (delta === null || delta === undefined) return '–';
  const abs = percent.format(Math.abs(delta));
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '';
  return pdfText(`${sign}${abs}\u00a0${Math.abs(delta) >= 2 ? 'pts' : 'pt'}`);
}

export const formatLongDate = (value: Date | string | null | undefined): string => (value ? pdfText(formatInstant(value)) : '–');
export const formatShortDate = (value: Date | string | null | undefined): string => (value ? formatInstant(value, 'short') : '–');
