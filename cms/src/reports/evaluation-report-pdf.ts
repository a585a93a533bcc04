import { bullets, heading, labelled, paragraph } from '../platform/pdf/blocks';
import { radarChart } from '../platform/pdf/charts';
import { createReportPdf, finishReportPdf, type ReportMeta } from '../platform/pdf/document';
import { formatLongDate, formatRate, formatShortDate } from '../platform/pdf/text';
import { table, type Column } from '../platform/pdf/table';
import type { EvaluationReportData } from './evaluation-report-data';
import { reportsConfig } from '../platform/config/reports-config';
import { campaignKind, label } from './report-names';
import { fieldLabel, typeLabel } from '../platform/config/labels';

export const EVALUATION_SECTIONS = {
  method: '1. Méthode',
  positioning: '2. Positionnement par thème',
  criteria: '3. Forces, écarts et recommandations par engagement',
  actions: '4. Actions de la feuille de route',
  mysteryTests: '5. Tests mystères',
} as const;

const INTERVIEW = 'api::interview.interview';
const CRITERION = 'api::criterion.criterion';
const EVALUATION = 'api::evaluation.evaluation';
const ACTION = 'api::roadmap-action.roadmap-action';
const MYSTERY_TEST = 'api::mystery-test.mystery-test';

function cover(doc: PDFKit.PDFDocument, data: EvaluationReportData, now: Date) {
  const { town } = reportsConfig();
  doc.moveDown(6);
  paragraph(doc, town, { size: 14 });
  doc.moveDown(1);
  heading(doc, 1, 'Rapport d’évaluation');
  paragraph(doc, `Service : ${data.service.name}`, { size: 14 });
  paragraph(doc, `Campagne : ${data.campaign.name} (${campaignKind(data.campaign.kind)})`, { size: 12 });
  if (data.campaign.referentialName) paragraph(doc, `Référentiel : ${data.campaign.referentialName}`, { size: 12 });
  paragraph(doc, `Période : du ${formatLongDate(data.campaign.startDate)} au ${formatLongDate(data.campaign.endDate)}`);
  paragraph(doc, `Édité le ${formatLongDate(now)}`);
  doc.moveDown(2);
  paragraph(
    doc,
    data.draft
      ? 'Version de travail : ce document reprend toutes les fiches, quel que soit leur état (brouillon, soumise, validée, approuvée). Il ne doit pas être diffusé.'
      : 'Ce rapport ne reprend que les fiches validées par le chef de service ou approuvées par le DGS.',
    { muted: true },
  );
}

function method(doc: PDFKit.PDFDocument, data: EvaluationReportData) {
  heading(doc, 1, EVALUATION_SECTIONS.method);
  paragraph(doc, `L’évaluation positionne le service sur chaque engagement applicable du référentiel, à partir d’entretiens et des pièces consultées.`);
  heading(doc, 2, 'Entretiens menés');
  if (!data.interviews.length) paragraph(doc, data.draft ? 'Aucun entretien enregistré.' : 'Aucun entretien validé.', { muted: true });
  else
    table(
      doc,
      [
        { header: 'Date', width: 0.16 },
        { header: fieldLabel(INTERVIEW, 'interviewees'), width: 0.52 },
        { header: fieldLabel(INTERVIEW, 'interviewer'), width: 0.32 },
      ],
      data.interviews.map((i) => [formatShortDate(i.date), i.interviewees ?? '', i.interviewer ?? '']),
    );
  heading(doc, 2, 'Pièces consultées');
  const files = data.criteria.flatMap((c) => c.evidence.map((name) => `${name} (${c.criterionCode ?? 'engagement'})`));
  if (!files.length) paragraph(doc, 'Aucune pièce jointe aux fiches.', { muted: true });
  else bullets(doc, files);
}

function positioning(doc: PDFKit.PDFDocument, data: EvaluationReportData) {
  heading(doc, 1, EVALUATION_SECTIONS.positioning);
  if (!data.themes.length) {
    paragraph(doc, 'Aucune fiche à positionner.', { muted: true });
    return;
  }
  paragraph(doc, 'Taux de conformité : conforme = 1, partiellement conforme = 0,5, non conforme = 0, pondéré par le poids des engagements ; les engagements non applicables ou non évalués ne comptent pas.', { muted: true, size: 8.5 });
  radarChart(doc, data.themes.map((t) => t.themeCode), [{ label: `Taux de conformité — ${data.campaign.name}`, color: '#1f3a68', values: data.themes.map((t) => t.rate) }]);
  table(
    doc,
    [
      { header: fieldLabel(CRITERION, 'theme'), width: 0.6 },
      { header: 'Fiches', width: 0.15, align: 'right' },
      { header: 'Taux de conformité', width: 0.25, align: 'right' },
    ],
    data.themes.map((t) => [`${t.themeCode} — ${t.themeTitle}`, String(t.evaluations), formatRate(t.rate)]),
  );
}

function criteria(doc: PDFKit.PDFDocument, data: EvaluationReportData) {
  heading(doc, 1, EVALUATION_SECTIONS.criteria);
  if (!data.criteria.length) {
    paragraph(doc, data.draft ? 'Aucune fiche d’évaluation.' : 'Aucune fiche validée ou approuvée pour l’instant.', { muted: true });
    return;
  }
  let theme: string | null | undefined;
  for (const c of data.criteria) {
    if (c.themeCode !== theme) {
      theme = c.themeCode;
      heading(doc, 2, c.themeCode ? `${c.themeCode} — ${c.themeTitle}` : 'Sans thème');
    }
    heading(doc, 3, `${c.criterionCode ?? ''} ${c.criterionTitle ?? ''}`.trim());
    labelled(doc, fieldLabel(EVALUATION, 'result'), label(c.result) + (data.draft ? ` (fiche : ${label(c.workflowState).toLowerCase()})` : ''));
    labelled(doc, 'Constat', c.findings);
    labelled(doc, fieldLabel(EVALUATION, 'strengths'), c.strengths);
    labelled(doc, fieldLabel(EVALUATION, 'gaps'), c.gaps);
    labelled(doc, fieldLabel(EVALUATION, 'recommendation'), c.recommendation);
    doc.moveDown(0.3);
  }
}

function actions(doc: PDFKit.PDFDocument, data: EvaluationReportData) {
  heading(doc, 1, EVALUATION_SECTIONS.actions);
  if (!data.actions.length) {
    paragraph(doc, data.draft ? 'Aucune action liée aux engagements de ce service.' : 'Aucune action validée liée aux engagements de ce service.', { muted: true });
    return;
  }
  table(
    doc,
    [
      { header: typeLabel(CRITERION), width: 0.13 },
      { header: fieldLabel(ACTION, 'title'), width: 0.39 },
      { header: fieldLabel(ACTION, 'owner'), width: 0.18 },
      { header: fieldLabel(ACTION, 'dueDate'), width: 0.13 },
      { header: 'Avancement', width: 0.17 },
    ],
    data.actions.map((a) => [a.criterionCode ?? '–', a.title, a.owner ?? '–', formatShortDate(a.dueDate), `${label(a.status)} (${a.progress ?? 0}\u00a0%)`]),
  );
}

/**
 * Section 5, in the PDF's and the Word file's words: only where the service has validated tests in
 * the campaign's period.
 */
export function mysteryTestsSection(data: EvaluationReportData): { intro: string; columns: Column[]; rows: string[][] } | null {
  if (!data.mysteryTests.length) return null;
  const scored = data.mysteryTests.filter((t) => t.score !== null);
  const mean = scored.length ? scored.reduce((sum, t) => sum + (t.score ?? 0), 0) / scored.length : null;
  const count = data.mysteryTests.length;
  return {
    intro: `${count} test${count > 1 ? 's' : ''} mystère${count > 1 ? 's' : ''} ${count > 1 ? 'validés' : 'validé'} pendant la campagne (appels, courriels, courriers, formulaires ou visites d’un usager fictif, notés sur la grille du canal)${mean === null ? '' : ` : note moyenne ${formatRate(mean)}`}.`,
    columns: [
      { header: 'Date', width: 0.14 },
      { header: fieldLabel(MYSTERY_TEST, 'channel'), width: 0.2 },
      { header: fieldLabel(MYSTERY_TEST, 'score'), width: 0.14, align: 'right' },
      { header: 'Points échoués', width: 0.52 },
    ],
    rows: data.mysteryTests.map((t) => [formatShortDate(t.testedAt), label(t.channel), t.score === null ? '–' : formatRate(t.score), t.failed.length ? t.failed.join(' ; ') : 'aucun']),
  };
}

function mysteryTests(doc: PDFKit.PDFDocument, data: EvaluationReportData) {
  const section = mysteryTestsSection(data);
  if (!section) return;
  heading(doc, 1, EVALUATION_SECTIONS.mysteryTests);
  paragraph(doc, section.intro);
  table(doc, section.columns, section.rows);
}

export function evaluationReportMeta(data: EvaluationReportData): ReportMeta {
  const { town } = reportsConfig();
  return {
    title: `Rapport d’évaluation — ${data.service.name} — ${data.campaign.name}`,
    subject: `Évaluation de la qualité de l’accueil — ${town}`,
    draft: data.draft,
    footer: `${town} — Rapport d’évaluation — ${data.service.name} — ${data.campaign.name}`,
  };
}

export async function renderEvaluationReport(data: EvaluationReportData, now = new Date()): Promise<Buffer> {
  const meta = evaluationReportMeta(data);
  const doc = createReportPdf({ ...meta, tagged: true });
  cover(doc, data, now);
  doc.addPage();
  method(doc, data);
  positioning(doc, data);
  doc.addPage();
  criteria(doc, data);
  actions(doc, data);
  mysteryTests(doc, data);
  return finishReportPdf(doc, meta);
}
