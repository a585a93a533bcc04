import { formatDateTime, formatInstant } from '../platform/calendar/clock';
import { choiceLabel, fieldLabel, typeLabel, typeLabels } from '../platform/config/labels';
import { reportsConfig } from '../platform/config/reports-config';
import { heading, labelled, paragraph } from '../platform/pdf/blocks';
import { createReportPdf, finishReportPdf, type ReportMeta } from '../platform/pdf/document';
import { table } from '../platform/pdf/table';
import { formatLongDate, formatRate, pdfText } from '../platform/pdf/text';
import type { Outcome } from './outcomes';
import { MYSTERY_TEST } from './test-rules';

/** What the result sheet shows of a validated test: never its tester, whom the tested service need not know. */
export interface ResultSheet {
  service: string;
  channel: string;
  grid: string | null;
  scenario: string | null;
  testedAt: string | null;
  sentOn: string | null;
  answeredOn: string | null;
  delayDays: number | null;
  delayWorkingDays: number | null;
  score: number | null;
  observations: string | null;
  outcomes: Record<string, Outcome>;
}

const CRITERION = 'api::criterion.criterion';
const field = (name: string) => fieldLabel(MYSTERY_TEST, name);

function observed(outcome: Outcome): string {
  if (outcome.value === null) return outcome.success === false ? 'pas de réponse' : '–';
  if (typeof outcome.value === 'boolean') return outcome.value ? 'Oui' : 'Non';
  const unit = outcome.unit ? ` ${choiceLabel(outcome.unit).toLowerCase()}` : '';
  const target = outcome.target !== null && outcome.kind !== 'scale' ? ` (cible : ${outcome.target}${unit})` : '';
  return `${String(outcome.value).replace('.', ',')}${unit}${target}`;
}

const verdict = (outcome: Outcome) => (outcome.success === null ? 'non noté' : outcome.success ? 'Réussi' : 'Échoué');

export function resultSheetMeta(sheet: ResultSheet): ReportMeta {
  const { town } = reportsConfig();
  const when = sheet.testedAt ? ` du ${formatInstant(sheet.testedAt, 'short')}` : '';
  return {
    title: `Résultat de test mystère — ${sheet.service} — ${choiceLabel(sheet.channel)}${when}`,
    subject: `Test mystère validé, pièce d’évaluation — ${town}`,
    draft: false,
    footer: `${town} — Test mystère — ${sheet.service}`,
  };
}

/**
 * The result of a validated mystery test as a one-page piece of evidence: the frozen outcome of
 * each point of its grid, the score and the delays, as the référent qualité validated them.
 */
export async function renderResultSheet(sheet: ResultSheet, now = new Date()): Promise<Buffer> {
  const meta = resultSheetMeta(sheet);
  const doc = createReportPdf({ ...meta, tagged: true });
  paragraph(doc, reportsConfig().town, { size: 12 });
  heading(doc, 1, 'Résultat de test mystère');
  labelled(doc, field('service'), sheet.service);
  labelled(doc, field('channel'), choiceLabel(sheet.channel));
  labelled(doc, field('grid'), sheet.grid);
  if (sheet.testedAt) labelled(doc, field('testedAt'), pdfText(formatDateTime(sheet.testedAt)));
  if (sheet.sentOn) {
    labelled(doc, field('sentOn'), formatLongDate(sheet.sentOn));
    labelled(doc, field('answeredOn'), sheet.answeredOn ? formatLongDate(sheet.answeredOn) : 'pas de réponse');
    if (sheet.delayDays !== null) labelled(doc, 'Délai de réponse', `${sheet.delayDays} jour${sheet.delayDays > 1 ? 's' : ''} (${sheet.delayWorkingDays ?? 0} jour${(sheet.delayWorkingDays ?? 0) > 1 ? 's' : ''} ouvré${(sheet.delayWorkingDays ?? 0) > 1 ? 's' : ''})`);
  }
  labelled(doc, field('score'), sheet.score === null ? 'aucun point noté' : formatRate(sheet.score));
  if (sheet.scenario) labelled(doc, field('scenario'), sheet.scenario);
  heading(doc, 2, 'Résultat par point d’observation');
  const outcomes = Object.values(sheet.outcomes).sort((a, b) => a.position - b.position);
  table(
    doc,
    [
      { header: 'Point d’observation', width: 0.42 },
      { header: 'Observé', width: 0.24 },
      { header: 'Résultat du point', width: 0.14 },
      { header: typeLabels(CRITERION)?.plural ?? typeLabel(CRITERION), width: 0.2 },
    ],
    outcomes.map((o) => [o.label, observed(o), verdict(o), o.criteria.join(', ') || '–']),
  );
  if (sheet.observations) {
    heading(doc, 2, field('observations'));
    paragraph(doc, sheet.observations);
  }
  doc.moveDown(1);
  paragraph(
    doc,
    `Pièce établie le ${formatLongDate(now)} par Charte d’accueil à partir du résultat validé par le référent qualité. La note est le poids des points réussis rapporté au poids des points notés ; un délai en jours ouvrés ne compte ni les week-ends ni les jours fériés.`,
    { muted: true },
  );
  return finishReportPdf(doc, meta);
}
