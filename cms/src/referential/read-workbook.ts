import type { RowKind, SpreadsheetFormat } from '@charte/contract';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import {
  CSV_SHEET,
  ENUM_ALIASES,
  ENUMS,
  LIMITS,
  SHEETS,
  TYPE_LABEL,
  normalizeTitle,
  normalizeValue,
  type Column,
  type SheetFormat,
} from './workbook-format';
import { HttpError } from '../platform/http/http-error';

/** A file that cannot be read at all: refused with a 400, before any comparison. */
export class SpreadsheetFileError extends HttpError {
  constructor(message: string) {
    super(400, message);
  }
}


/** One record read from the file, its values converted, and what is wrong with it (French, located). */
export interface SourceRow {
  sheet: string;
  row: number;
  kind: RowKind;
  values: Record<string, unknown>;
  errors: string[];
  /** A problem of the file's layout (missing sheet or column, unknown type), not a record. */
  structural?: boolean;
}

interface RawCell {
  value: unknown;
  /** Excel shows the number as a percentage: 0,85 displayed "85 %" means 85. */
  percent?: boolean;
}
interface RawTable {
  sheet: string;
  kind?: RowKind;
  headerRow: number;
  headers: string[];
  rows: { row: number; cells: RawCell[] }[];
}

export function formatOf(filename: string): SpreadsheetFormat {
  const extension = /\.([^.]+)$/.exec(filename.trim())?.[1]?.toLowerCase();
  if (extension === 'xlsx' || extension === 'csv') return extension;
  throw new SpreadsheetFileError(
    `Le fichier « ${filename} » n’est pas un classeur Excel (.xlsx) ni un fichier CSV (.csv). Enregistrez-le dans l’un de ces formats.`,
  );
}

export const where = (sheet: string, row: number, column?: string) => `${sheet}, ligne ${row}${column ? `, colonne ${column}` : ''}`;

/** Reads an .xlsx or .csv référentiel; throws SpreadsheetFileError when the file itself is unusable. */
export async function readWorkbook(buffer: Buffer, filename: string): Promise<SourceRow[]> {
  const format = formatOf(filename);
  if (buffer.length > LIMITS.bytes) {
    throw new SpreadsheetFileError(`Le fichier dépasse la taille maximale de ${LIMITS.bytes / 1024 / 1024} Mo.`);
  }
  if (!buffer.length) throw new SpreadsheetFileError('Le fichier est vide.');
  const tables = format === 'xlsx' ? await xlsxTables(buffer) : [csvTable(buffer)];
  const total = tables.reduce((sum, table) => sum + table.rows.length, 0);
  if (total > LIMITS.rows) {
    throw new SpreadsheetFileError(`Le fichier contient ${total} lignes : au plus ${LIMITS.rows} lignes sont acceptées par import.`);
  }
  return format === 'xlsx' ? fromSheets(tables) : fromCsv(tables[0]);
}

// ——— Extraction ———————————————————————————————————————————————————————————————

const isBlank = (cell: RawCell | undefined) => cell === undefined || cell.value === null || cell.value === undefined || String(cell.value).trim() === '';

function cellOf(cell: ExcelJS.Cell): RawCell {
  let value: unknown = cell.value;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const v = value as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: string };
    if ('richText' in v && Array.isArray(v.richText)) value = v.richText.map((part) => part.text).join('');
    else if ('result' in v || 'formula' in v || 'sharedFormula' in v) value = v.result ?? null;
    else if ('text' in v) value = v.text;
    else if ('error' in v) value = { error: v.error };
  }
  if (value && typeof value === 'object' && 'error' in (value as object)) return { value: { error: (value as { error: string }).error } };
  return { value, percent: typeof value === 'number' && /%/.test(cell.numFmt ?? '') };
}

async function xlsxTables(buffer: Buffer): Promise<RawTable[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new SpreadsheetFileError(
      'Le fichier n’a pas pu être lu : ce n’est pas un classeur Excel valide (.xlsx) ou il est endommagé. Ouvrez-le dans Excel et enregistrez-le à nouveau au format .xlsx.',
    );
  }
  const tables: RawTable[] = [];
  let counted = 0;
  workbook.eachSheet((worksheet) => {
    const format = SHEETS.find((s) => [s.name, ...s.aliases].some((name) => normalizeTitle(name) === normalizeTitle(worksheet.name)));
    if (!format) return;
    counted += worksheet.actualRowCount;
    if (counted > LIMITS.rows + SHEETS.length) return; // readWorkbook refuses the file: no need to read it all
    const lines: { row: number; cells: RawCell[] }[] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: RawCell[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        cells[column - 1] = cellOf(cell);
      });
      if (cells.some((cell) => !isBlank(cell))) lines.push({ row: rowNumber, cells });
    });
    const [header, ...rows] = lines;
    tables.push({
      sheet: worksheet.name,
      kind: format.kind,
      headerRow: header?.row ?? 1,
      headers: header ? Array.from(header.cells, (cell) => (isBlank(cell) ? '' : String(cell.value))) : [],
      rows,
    });
  });
  if (counted > LIMITS.rows + SHEETS.length) {
    throw new SpreadsheetFileError(`Le fichier contient plus de ${LIMITS.rows} lignes : au plus ${LIMITS.rows} lignes sont acceptées par import.`);
  }
  return tables;
}

/** UTF-8 (with or without BOM) as written by recent Excel, else Windows-1252 as "CSV (point-virgule)" writes. */
function decode(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('windows-1252').decode(buffer);
  }
}

function csvTable(buffer: Buffer): RawTable {
  // One line ending for all: an exported CSV (CRLF) completed in a text editor (LF) mixes both, and
  // csv-parse keeps the first ending it sees — the other lines would silently merge or vanish.
  const text = decode(buffer).replace(/\r\n?/g, '\n');
  if (text.includes('\u0000')) throw new SpreadsheetFileError('Le fichier n’est pas un fichier CSV lisible (contenu binaire).');
  const firstLine = text.split('\n', 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  } catch (error) {
    throw new SpreadsheetFileError(`Le fichier CSV n’a pas pu être lu : ${(error as Error).message}`);
  }
  // Excel numbers rows by record, a quoted cell spanning several lines stays on one row.
  const lines = records.map((cells, index) => ({ row: index + 1, cells: cells.map((value) => ({ value })) }));
  const filled = lines.filter((line) => line.cells.some((cell) => !isBlank(cell)));
  const [header, ...rows] = filled;
  return { sheet: CSV_SHEET, headerRow: header?.row ?? 1, headers: header ? header.cells.map((c) => String(c.value)) : [], rows };
}

// ——— Conversion ———————————————————————————————————————————————————————————————

type Converted = { value?: unknown; error?: string };

function text(cell: RawCell): string {
  const { value } = cell;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value ?? '').replace(/\r\n?/g, '\n').trim();
}

function toNumber(cell: RawCell, integer: boolean): Converted {
  const expected = integer ? 'nombre entier attendu (par exemple 1, 2 ou 3)' : 'nombre attendu (par exemple 1 ou 0,5)';
  if (typeof cell.value === 'number') {
    const value = cell.percent ? Math.round(cell.value * 100 * 1e6) / 1e6 : cell.value;
    if (!Number.isFinite(value) || (integer && !Number.isInteger(value))) return { error: expected };
    return { value };
  }
  if (cell.value instanceof Date || typeof cell.value === 'boolean') return { error: expected };
  const raw = text(cell).replace(/[\s\u00a0\u202f]/g, '').replace(/%$/, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(raw)) return { error: expected };
  const value = Number(raw);
  if (integer && !Number.isInteger(value)) return { error: expected };
  return { value };
}

function convert(column: Column, cell: RawCell | undefined): Converted {
  if (cell && cell.value && typeof cell.value === 'object' && 'error' in (cell.value as object)) {
    return { error: `la cellule contient une erreur de formule (${(cell.value as { error: string }).error})` };
  }
  if (!cell || isBlank(cell)) return { value: column.type === 'lines' || column.type === 'slugs' ? [] : undefined };
  switch (column.type) {
    case 'number':
      return toNumber(cell, false);
    case 'integer':
      return toNumber(cell, true);
    case 'lines':
      return { value: text(cell).split('\n').map((line) => line.trim()).filter(Boolean) };
    case 'slugs':
      return { value: [...new Set(text(cell).split(/[,;\n]/).map((slug) => slug.trim().toLowerCase()).filter(Boolean))] };
    case 'source':
    case 'unit':
    case 'direction':
    case 'frequency': {
      const wanted = normalizeValue(text(cell));
      const known = new Map<string, string>([
        ...ENUMS[column.type].values.map((v) => [normalizeValue(v), v] as [string, string]),
        ...Object.entries(ENUM_ALIASES[column.type]).map(([alias, v]) => [normalizeValue(alias), v] as [string, string]),
      ]);
      const value = known.get(wanted);
      return value ? { value } : { error: `« ${text(cell)} » : ${ENUMS[column.type].message}` };
    }
    default:
      return { value: text(cell) };
  }
}

/** Column index of each known column, or the titles that are missing. */
function mapHeaders(format: SheetFormat, headers: string[], only?: Set<string>) {
  const positions = new Map<string, number>();
  headers.forEach((header, index) => {
    const title = normalizeTitle(header);
    if (!title) return;
    const column = format.columns.find(
      (c) => !positions.has(c.key) && [c.label, ...(c.aliases ?? [])].some((name) => normalizeTitle(name) === title),
    );
    if (column) positions.set(column.key, index);
  });
  const missing = format.columns.filter((c) => c.required && !positions.has(c.key) && (!only || only.has(c.key)));
  return { positions, missing };
}

function convertRow(format: SheetFormat, sheet: string, row: number, cells: RawCell[], positions: Map<string, number>): SourceRow {
  const values: Record<string, unknown> = {};
  const errors: string[] = [];
  for (const column of format.columns) {
    const index = positions.get(column.key);
    const converted = convert(column, index === undefined ? undefined : cells[index]);
    if (converted.error) errors.push(`${where(sheet, row, column.label)} : ${converted.error}`);
    else if (converted.value !== undefined) values[column.key] = converted.value;
  }
  return { sheet, row, kind: format.kind, values, errors };
}

const structural = (sheet: string, row: number, kind: RowKind, message: string): SourceRow => ({
  sheet,
  row,
  kind,
  values: {},
  errors: [`${where(sheet, row)} : ${message}`],
  structural: true,
});

function fromSheets(tables: RawTable[]): SourceRow[] {
  const rows: SourceRow[] = [];
  for (const format of SHEETS) {
    const table = tables.find((t) => t.kind === format.kind);
    if (!table) {
      if (format.kind === 'referential' || format.kind === 'theme') {
        rows.push({ sheet: format.name, row: 1, kind: format.kind, values: {}, errors: [`${format.name} : la feuille « ${format.name} » est absente du classeur.`], structural: true });
      }
      continue;
    }
    const { positions, missing } = mapHeaders(format, table.headers);
    if (missing.length) {
      const titles = missing.map((c) => `« ${c.label} »`).join(', ');
      rows.push(structural(table.sheet, table.headerRow, format.kind, `colonne${missing.length > 1 ? 's' : ''} ${titles} absente${missing.length > 1 ? 's' : ''} de la ligne de titres.`));
      continue;
    }
    for (const line of table.rows) rows.push(convertRow(format, table.sheet, line.row, line.cells, positions));
  }
  return rows;
}

const TYPES = new Map<string, RowKind>([
  ...SHEETS.map((s) => [normalizeValue(s.type), s.kind] as [string, RowKind]),
  ['critere', 'criterion'],
  ['referentiels', 'referential'],
  ['themes', 'theme'],
  ['engagements', 'criterion'],
  ['indicateurs', 'indicator'],
]);

function fromCsv(table: RawTable): SourceRow[] {
  const typeIndex = table.headers.findIndex((h) => normalizeTitle(h) === normalizeTitle(TYPE_LABEL));
  if (typeIndex < 0) {
    return [structural(table.sheet, table.headerRow, 'referential', `colonne « ${TYPE_LABEL} » absente : la première ligne doit porter les titres de colonnes, dont « ${TYPE_LABEL} » (référentiel, thème, engagement ou indicateur).`)];
  }
  const rows: SourceRow[] = [];
  const mapped = new Map(SHEETS.map((format) => [format.kind, mapHeaders(format, table.headers)]));
  const reported = new Set<RowKind>();
  for (const line of table.rows) {
    const type = isBlank(line.cells[typeIndex]) ? '' : text(line.cells[typeIndex]);
    const kind = TYPES.get(normalizeValue(type));
    if (!kind) {
      rows.push(structural(table.sheet, line.row, 'referential', `type « ${type} » inconnu (attendu : référentiel, thème, engagement ou indicateur).`));
      continue;
    }
    const format = SHEETS.find((s) => s.kind === kind)!;
    const { positions, missing } = mapped.get(kind)!;
    if (missing.length) {
      if (!reported.has(kind)) {
        reported.add(kind);
        rows.push(structural(table.sheet, table.headerRow, kind, `colonne${missing.length > 1 ? 's' : ''} ${missing.map((c) => `« ${c.label} »`).join(', ')} absente${missing.length > 1 ? 's' : ''} (nécessaire aux lignes de type ${format.type}).`));
      }
      continue;
    }
    rows.push(convertRow(format, table.sheet, line.row, line.cells, positions));
  }
  return rows;
}
