import type { Bilan, CountRow } from '@charte/contract';
import ExcelJS from 'exceljs';
import { fieldLabel, typeLabel } from '../platform/config/labels';

const COMPLAINT = 'api::complaint.complaint';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE3E3FD' } };
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

function table(sheet: ExcelJS.Worksheet, title: string, header: string[], rows: (string | number | null)[][]) {
  sheet.addRow([]);
  sheet.addRow([title]).font = { bold: true, size: 12 };
  const head = sheet.addRow(header);
  head.font = { bold: true };
  head.eachCell((cell) => (cell.fill = HEADER_FILL));
  for (const row of rows) sheet.addRow(row);
}

const counts = (rows: CountRow[], total: number) => rows.map((r) => [r.label, r.count, total ? r.count / total : null]);

/** The « Bilan des réclamations » of a year as a one-sheet workbook, figures as the page shows them. */
export async function bilanWorkbook(bilan: Bilan): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Charte d’accueil';
  const sheet = workbook.addWorksheet(`Bilan ${bilan.year}`);
  sheet.columns = [{ width: 46 }, { width: 16 }, { width: 16 }, { width: 16 }];
  sheet.addRow([`Bilan des réclamations et suggestions ${bilan.year}`]).font = { bold: true, size: 14 };
  const rate = bilan.responseRate;
  sheet.addRow([`Délai de réponse : ${bilan.deadline.days} jours ${bilan.deadline.counting === 'working' ? 'ouvrés' : 'calendaires'}`]);
  table(sheet, 'Synthèse', ['Mesure', 'Valeur'], [
    ['Demandes reçues', bilan.total],
    ['Demandes répondues', bilan.delays.answered],
    ['Répondues dans le délai', rate.answeredInTime],
    ['En attente, délai non échu', rate.pending],
    ['Ouvertes et hors délai', bilan.delays.stillOpenLate],
    ['Taux de réponse dans le délai (%)', rate.rate],
    ['Délai moyen de réponse (jours)', bilan.delays.averageDays],
    ['Délai médian de réponse (jours)', bilan.delays.medianDays],
    ['Délai le plus long (jours)', bilan.delays.maxDays],
  ]);
  table(sheet, 'Par nature', [fieldLabel(COMPLAINT, 'kind'), 'Nombre', 'Part'], counts(bilan.byKind, bilan.total));
  table(sheet, 'Par canal', ['Canal', 'Nombre', 'Part'], counts(bilan.byChannel, bilan.total));
  table(sheet, 'Par service', [typeLabel('api::service.service'), 'Nombre', 'Dans le délai', 'Hors délai'], bilan.byService.map((r) => [r.label, r.count, r.answeredInTime, r.lateOrOpenLate]));
  table(sheet, 'Objets les plus fréquents', [fieldLabel(COMPLAINT, 'subject'), 'Nombre', 'Part'], counts(bilan.bySubject, bilan.total));
  table(sheet, 'Par mois de réception', ['Mois', 'Nombre'], bilan.byMonth.map((r) => [MONTHS[r.month - 1], r.count]));
  sheet.getColumn(3).eachCell((cell) => {
    if (typeof cell.value === 'number' && cell.value <= 1) cell.numFmt = '0.0 %';
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
