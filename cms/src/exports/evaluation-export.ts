import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify';
import { choiceLabels, fieldLabel, typeLabels } from '../platform/config/labels';
import type { EvaluationExportRow } from './evaluation-rows';
import { DATE_TIME_FORMAT, excelDateTime, frenchDateTime, styleHeader } from '../platform/xlsx/workbook-style';
import { townTimeZone } from '../platform/calendar/clock';

/** The sheet of the export: the evaluations, by their type's plural. */
const evaluationsSheet = () => typeLabels(EVALUATION)?.plural ?? EVALUATION;

const EVALUATION = 'api::evaluation.evaluation';
const CRITERION = 'api::criterion.criterion';

/** Columns of both formats, in order: the fields' labels of config/labels.yaml, the criterion's title as « Critère ». */
const EVALUATION_COLUMNS = [
  { key: 'campaign', header: () => fieldLabel(EVALUATION, 'campaign'), width: 28 },
  { key: 'service', header: () => fieldLabel(EVALUATION, 'service'), width: 26 },
  { key: 'theme', header: () => fieldLabel(CRITERION, 'theme'), width: 30 },
  { key: 'code', header: () => fieldLabel(CRITERION, 'code'), width: 10 },
  { key: 'criterion', header: () => 'Critère', width: 48 },
  { key: 'result', header: () => fieldLabel(EVALUATION, 'result'), width: 22 },
  { key: 'state', header: () => fieldLabel(EVALUATION, 'workflowState'), width: 12 },
  { key: 'findings', header: () => fieldLabel(EVALUATION, 'findings'), width: 48 },
  { key: 'strengths', header: () => fieldLabel(EVALUATION, 'strengths'), width: 40 },
  { key: 'gaps', header: () => fieldLabel(EVALUATION, 'gaps'), width: 40 },
  { key: 'recommendation', header: () => fieldLabel(EVALUATION, 'recommendation'), width: 40 },
  { key: 'createdAt', header: () => fieldLabel(EVALUATION, 'createdAt'), width: 17 },
  { key: 'updatedAt', header: () => fieldLabel(EVALUATION, 'updatedAt'), width: 17 },
] as const;

type Cell = string | number | Date | null;

const DATE_COLUMNS = new Set(['createdAt', 'updatedAt']);
const LONG_TEXT_COLUMNS = new Set(['findings', 'strengths', 'gaps', 'recommendation']);

/** A row as the reader sees it: French labels, dates in the town's time zone. */
function cells(row: EvaluationExportRow, date: (d: Date | null) => Cell): Record<string, Cell> {
  const labels = choiceLabels();
  return {
    campaign: row.campaign,
    service: row.service,
    theme: row.theme,
    code: row.code,
    criterion: row.criterion,
    result: row.result ? (labels[row.result] ?? row.result) : null,
    state: labels[row.state ?? 'draft'] ?? row.state,
    findings: row.findings,
    strengths: row.strengths,
    gaps: row.gaps,
    recommendation: row.recommendation,
    createdAt: date(row.createdAt),
    updatedAt: date(row.updatedAt),
  };
}

/**
 * Writes the .xlsx as rows arrive (exceljs's streaming writer commits each row), so a large
 * campaign never sits whole in memory; resolves once the file is complete.
 */
export async function writeEvaluationsXlsx(rows: AsyncIterable<EvaluationExportRow>, out: Writable): Promise<void> {
  const zone = townTimeZone();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Charte d’accueil';
  const sheet = workbook.addWorksheet(evaluationsSheet(), { views: [{ state: 'frozen', ySplit: 1 }] });
  // Styles by column, not by row: each styled cell costs a style lookup, ten thousand rows over.
  sheet.columns = EVALUATION_COLUMNS.map((c) => ({
    key: c.key,
    header: c.header(),
    width: c.width,
    style: DATE_COLUMNS.has(c.key) ? { numFmt: DATE_TIME_FORMAT } : LONG_TEXT_COLUMNS.has(c.key) ? { alignment: { vertical: 'top' as const, wrapText: true } } : {},
  }));
  styleHeader(sheet.getRow(1));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EVALUATION_COLUMNS.length } };
  sheet.getRow(1).commit();
  for await (const row of rows) {
    sheet.addRow(cells(row, (d) => excelDateTime(d, zone))).commit();
  }
  sheet.commit();
  await workbook.commit();
}

/** Semicolons, a BOM and CRLF: what Excel in French opens directly. */
export async function writeEvaluationsCsv(rows: AsyncIterable<EvaluationExportRow>, out: Writable): Promise<void> {
  const zone = townTimeZone();
  const csv = stringify({ delimiter: ';', record_delimiter: '\r\n', bom: true, quoted_match: /[\r\n]/ });
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    csv.on('error', reject);
  });
  csv.pipe(out);
  const write = async (record: Cell[]) => {
    if (!csv.write(record)) await new Promise((resolve) => csv.once('drain', resolve));
  };
  await write(EVALUATION_COLUMNS.map((c) => c.header()));
  for await (const row of rows) {
    const values = cells(row, (d) => frenchDateTime(d, zone));
    await write(EVALUATION_COLUMNS.map((c) => values[c.key] ?? ''));
  }
  csv.end();
  await done;
}

/**
 * A body for koa that fills while the response goes out. A failure midway (database gone) cuts
 * the download rather than sending a file that looks complete; it is logged by `onError`.
 */
export function streamedBody(write: (out: Writable) => Promise<void>, onError: (error: Error) => void): PassThrough {
  const body = new PassThrough();
  write(body).catch((error: Error) => {
    onError(error);
    body.destroy(error);
  });
  return body;
}
