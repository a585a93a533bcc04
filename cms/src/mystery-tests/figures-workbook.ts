import type { MysteryFigures } from '@charte/contract';
import ExcelJS from 'exceljs';
import { fieldLabel, typeLabel } from '../platform/config/labels';
import { styleHeader } from '../platform/xlsx/workbook-style';

export const SCORES_SHEET = 'Notes par service';
/** The grids' own word for their points (config/labels.yaml). */
const pointsSheet = () => fieldLabel('api::mystery-grid.mystery-grid', 'points');

/** A rate as Excel keeps it: a fraction, shown in percent. */
const fraction = (rate: number | null) => (rate === null ? null : rate / 100);

/**
 * The figures of one wave as the page shows them (GET /api/mystery-results, same rows, same
 * scope): a sheet of the mean score per service and channel with the previous wave's, and a sheet
 * of each point's and each delay's success, one row per service, channel and point.
 */
export async function mysteryFiguresWorkbook(figures: MysteryFigures): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Charte d’accueil';
  const service = typeLabel('api::service.service');
  const scores = workbook.addWorksheet(SCORES_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  scores.columns = [
    { key: 'service', header: service, width: 28 },
    { key: 'channel', header: 'Canal', width: 22 },
    { key: 'tests', header: 'Tests validés', width: 14 },
    { key: 'score', header: 'Note moyenne', width: 14 },
    { key: 'previous', header: figures.previous ? `Note — ${figures.previous.title}` : 'Note de la vague précédente', width: 30 },
  ];
  styleHeader(scores.getRow(1));
  const points = workbook.addWorksheet(pointsSheet(), { views: [{ state: 'frozen', ySplit: 1 }] });
  points.columns = [
    { key: 'service', header: service, width: 28 },
    { key: 'channel', header: 'Canal', width: 22 },
    { key: 'point', header: 'Point d’observation', width: 48 },
    { key: 'delay', header: 'Délai cible', width: 12 },
    { key: 'answered', header: 'Tests notés', width: 12 },
    { key: 'met', header: 'Tests réussis', width: 13 },
    { key: 'rate', header: 'Réussite', width: 11 },
  ];
  styleHeader(points.getRow(1));
  for (const row of figures.rows) {
    scores.addRow({ service: row.service.name, channel: row.channelLabel, tests: row.tests, score: fraction(row.score), previous: fraction(row.previousScore) });
    for (const [list, delay] of [
      [row.points, 'Non'],
      [row.delays, 'Oui'],
    ] as const) {
      for (const p of list) points.addRow({ service: row.service.name, channel: row.channelLabel, point: p.label, delay, answered: p.answered, met: p.met, rate: fraction(p.rate) });
    }
  }
  for (const key of ['score', 'previous']) scores.getColumn(key).numFmt = '0.0 %';
  points.getColumn('rate').numFmt = '0.0 %';
  scores.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 5 } };
  points.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 7 } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
