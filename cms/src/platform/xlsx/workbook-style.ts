import type ExcelJS from 'exceljs';

/** The header row as in the référentiel workbook (cms/src/referential/write-workbook.ts). */
export function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE3E3FD' } };
  row.alignment = { vertical: 'middle', wrapText: true };
}

/** A YYYY-MM-DD day as an Excel date (a date without time zone: midnight UTC reads as that day). */
export function excelDay(day: string | null): Date | null {
  return day ? new Date(`${day}T00:00:00Z`) : null;
}

export const DAY_FORMAT = 'dd/mm/yyyy';
export const DATE_TIME_FORMAT = 'dd/mm/yyyy hh:mm';


/** An instant's wall-clock time in the town's time zone, as its parts. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function townParts(instant: Date, timeZone: string) {
  // Building a formatter costs far more than using one: one per time zone, for every row.
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  return parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute', string>;
}

/** The town's wall-clock time as an Excel date (Excel dates carry no time zone). */
export function excelDateTime(instant: Date | null, timeZone: string): Date | null {
  if (!instant) return null;
  const p = townParts(instant, timeZone);
  return new Date(Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)));
}

/** The same as French text, for CSV: 22/11/2026 15:30. */
export function frenchDateTime(instant: Date | null, timeZone: string): string {
  if (!instant) return '';
  const p = townParts(instant, timeZone);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}
