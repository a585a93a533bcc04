import type { RowKind, SpreadsheetFormat } from '@charte/contract';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { ReferentialLibrary } from './library-format';
import { CSV_COLUMNS, DIRECTION_LABEL, ENUMS, GUIDE_SHEET, SHEETS, headerOf } from './workbook-format';

/** A service as the template's « Mode d'emploi » lists it. */
export interface WorkbookService {
  slug: string;
  name: string;
}

type Row = Record<string, string | number | null>;

/** The library as rows of each sheet, values as a French reader expects them. */
function rowsOf(library: ReferentialLibrary | null): Record<RowKind, Row[]> {
  const rows: Record<RowKind, Row[]> = { referential: [], theme: [], criterion: [], indicator: [] };
  if (!library) return rows;
  const head = library.referential;
  rows.referential.push({ code: head.code, name: head.name, version: head.version ?? null, source: head.source, description: head.description || null });
  library.themes.forEach((theme, t) => {
    rows.theme.push({ code: theme.code, title: theme.title, order: theme.order ?? t + 1 });
    for (const criterion of theme.criteria) {
      rows.criterion.push({
        theme: theme.code,
        code: criterion.code,
        title: criterion.title,
        description: criterion.description || null,
        guidance: criterion.guidance || null,
        expectedEvidence: criterion.expectedEvidence.join('\n') || null,
        weight: criterion.weight,
        services: criterion.services.join(', ') || null,
      });
      for (const indicator of criterion.indicators) {
        rows.indicator.push({
          criterion: criterion.code,
          code: indicator.code,
          name: indicator.name,
          unit: indicator.unit,
          target: indicator.target ?? null,
          direction: DIRECTION_LABEL[indicator.direction] ?? indicator.direction,
          frequency: indicator.frequency,
        });
      }
    }
  });
  return rows;
}

const CHOICES: Partial<Record<string, readonly string[]>> = {
  source: ENUMS.source.values,
  unit: ENUMS.unit.values,
  direction: Object.values(DIRECTION_LABEL),
  frequency: ENUMS.frequency.values,
};
/** Rows that carry drop-down lists in the template (Excel keeps them when rows are added below). */
const VALIDATED_ROWS = 500;

function addGuide(workbook: ExcelJS.Workbook, services: WorkbookService[]) {
  const sheet = workbook.addWorksheet(GUIDE_SHEET, { properties: { tabColor: { argb: 'FF000091' } } });
  sheet.columns = [{ width: 16 }, { width: 26 }, { width: 12 }, { width: 70 }, { width: 34 }];
  const line = (values: (string | null)[], style: Partial<ExcelJS.Style> = {}) => {
    const row = sheet.addRow(values);
    row.eachCell((cell) => Object.assign(cell, { style: { alignment: { wrapText: true, vertical: 'top' }, ...style } }));
    return row;
  };
  line(['Importer un référentiel depuis ce classeur'], { font: { bold: true, size: 14 } });
  for (const text of [
    'Remplissez les feuilles Référentiel (une seule ligne), Thèmes, Engagements et Indicateurs : une ligne par élément, sous la ligne de titres. Ne renommez ni les feuilles ni les titres de colonnes ; les colonnes ajoutées sont ignorées.',
    'Dans le panneau d’administration, ouvrez « Importer un référentiel », choisissez ce fichier et lisez l’aperçu : chaque ligne y est marquée ajoutée, modifiée, inchangée ou en erreur, avec la feuille, la ligne et la colonne de chaque erreur. Cliquez ensuite sur « Appliquer l’import ».',
    'Les éléments sont reconnus par leur code : un code déjà présent dans le référentiel met l’élément à jour, un nouveau code l’ajoute. Rien n’est supprimé : un élément absent du fichier reste dans l’application.',
    'Le fichier est appliqué en entier ou pas du tout : tant qu’une ligne est en erreur, rien n’est enregistré.',
    'Les nombres s’écrivent avec une virgule ou un point (0,5 ou 0.5). Une cellule peut contenir plusieurs preuves attendues, une par ligne (Alt+Entrée dans Excel).',
    'Format CSV : une seule feuille dont la première colonne « Type » vaut référentiel, thème, engagement ou indicateur ; les autres colonnes reprennent les titres ci-dessous. Séparateur point-virgule ou virgule, encodage UTF-8 de préférence.',
  ]) {
    const row = line([`• ${text}`]);
    sheet.mergeCells(row.number, 1, row.number, 5);
    row.height = 32;
  }
  line([]);
  line(['Feuille', 'Colonne', 'Obligatoire', 'Contenu attendu', 'Exemple'], { font: { bold: true }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE3E3FD' } } });
  for (const format of SHEETS) {
    for (const column of format.columns) {
      line([format.name, headerOf(column), column.required ? 'oui' : 'non', column.help, column.example]);
    }
  }
  if (services.length) {
    line([]);
    line(['Services de la commune (à utiliser dans « Services concernés »)'], { font: { bold: true } });
    line(['Slug', 'Nom'], { font: { bold: true } });
    for (const service of services) line([service.slug, service.name]);
  }
}

async function toXlsx(rows: Record<RowKind, Row[]>, services: WorkbookService[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Charte d’accueil';
  addGuide(workbook, services);
  for (const format of SHEETS) {
    const sheet = workbook.addWorksheet(format.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = format.columns.map((column) => ({ header: headerOf(column), key: column.key, width: column.width }));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE3E3FD' } };
    header.alignment = { vertical: 'middle', wrapText: true };
    for (const row of rows[format.kind]) {
      const added = sheet.addRow(row);
      added.alignment = { vertical: 'top', wrapText: true };
    }
    format.columns.forEach((column, index) => {
      const choices = CHOICES[column.type];
      const letter = sheet.getColumn(index + 1).letter;
      // Codes and versions are text: "01" must not become 1.
      if (column.type === 'code' || column.key === 'version') sheet.getColumn(index + 1).numFmt = '@';
      if (!choices) return;
      for (let r = 2; r <= Math.max(VALIDATED_ROWS, rows[format.kind].length + 1); r += 1) {
        sheet.getCell(`${letter}${r}`).dataValidation = {
          type: 'list',
          allowBlank: !column.required,
          formulae: [`"${choices.join(',')}"`],
          showErrorMessage: true,
          errorTitle: column.label,
          error: column.help,
        };
      }
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Semicolons, a BOM and CRLF: what Excel in French opens directly; numbers with a decimal comma. */
function toCsv(rows: Record<RowKind, Row[]>): Buffer {
  const records: string[][] = [CSV_COLUMNS];
  for (const format of SHEETS) {
    for (const row of rows[format.kind]) {
      const record = CSV_COLUMNS.map(() => '');
      record[0] = format.type;
      for (const column of format.columns) {
        const value = row[column.key];
        if (value === null || value === undefined) continue;
        record[CSV_COLUMNS.indexOf(column.label)] = typeof value === 'number' ? String(value).replace('.', ',') : value;
      }
      records.push(record);
    }
  }
  return Buffer.from(`\uFEFF${stringify(records, { delimiter: ';', record_delimiter: '\r\n', quoted_match: /[\r\n]/ })}`, 'utf8');
}

/** A référentiel (or, without one, the empty template) as an .xlsx workbook or a CSV file. */
export async function writeWorkbook(library: ReferentialLibrary | null, format: SpreadsheetFormat, services: WorkbookService[] = []): Promise<Buffer> {
  const rows = rowsOf(library);
  return format === 'xlsx' ? toXlsx(rows, services) : toCsv(rows);
}
