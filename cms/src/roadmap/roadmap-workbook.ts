import type { RoadmapGroup } from '@charte/contract';
import ExcelJS from 'exceljs';
import { DAY_FORMAT, excelDay, styleHeader } from '../platform/xlsx/workbook-style';
import { fieldLabel, typeLabel } from '../platform/config/labels';

export const ROADMAP_SHEET = 'Feuille de route';

const ACTION = 'api::roadmap-action.roadmap-action';

/** Columns of the sheet, in order: the principle and criterion by their type's name, the action's fields by their labels. */
const ROADMAP_COLUMNS = [
  { key: 'principle', header: () => typeLabel('api::charter-principle.charter-principle'), width: 36 },
  { key: 'service', header: () => fieldLabel(ACTION, 'service'), width: 26 },
  { key: 'title', header: () => fieldLabel(ACTION, 'title'), width: 48 },
  { key: 'criterion', header: () => typeLabel('api::criterion.criterion'), width: 12 },
  { key: 'owner', header: () => fieldLabel(ACTION, 'owner'), width: 24 },
  { key: 'priority', header: () => fieldLabel(ACTION, 'priority'), width: 11 },
  { key: 'startDate', header: () => fieldLabel(ACTION, 'startDate'), width: 12 },
  { key: 'dueDate', header: () => fieldLabel(ACTION, 'dueDate'), width: 12 },
  { key: 'status', header: () => fieldLabel(ACTION, 'actionStatus'), width: 12 },
  { key: 'progress', header: () => fieldLabel(ACTION, 'progress'), width: 14 },
  { key: 'late', header: () => 'En retard', width: 11 },
  { key: 'workflowState', header: () => fieldLabel(ACTION, 'workflowState'), width: 12 },
] as const;

/**
 * One sheet « Feuille de route », rows in the page's order (by group, then due date), dates as
 * real Excel dates, an auto-filter on the header and the late rows tinted (the « Oui » says it too).
 */
export async function roadmapWorkbook(groups: RoadmapGroup[], today: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Charte d’accueil';
  workbook.created = excelDay(today) ?? new Date();
  const sheet = workbook.addWorksheet(ROADMAP_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = ROADMAP_COLUMNS.map((c) => ({ key: c.key, header: c.header(), width: c.width }));
  styleHeader(sheet.getRow(1));
  for (const group of groups) {
    for (const a of group.actions) {
      const row = sheet.addRow({
        principle: a.principle?.title ?? null,
        service: a.service?.name ?? null,
        title: a.title,
        criterion: a.criterion?.code ?? null,
        owner: a.owner,
        priority: a.priorityLabel,
        startDate: excelDay(a.startDate),
        dueDate: excelDay(a.dueDate),
        status: a.statusLabel,
        progress: a.progress,
        late: a.late ? 'Oui' : 'Non',
        workflowState: a.workflowStateLabel,
      });
      row.alignment = { vertical: 'top', wrapText: true };
      if (a.late) row.getCell('late').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE0E0' } };
    }
  }
  sheet.getColumn('startDate').numFmt = DAY_FORMAT;
  sheet.getColumn('dueDate').numFmt = DAY_FORMAT;
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ROADMAP_COLUMNS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
