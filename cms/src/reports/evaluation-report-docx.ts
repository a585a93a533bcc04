import { heading, muted, paragraph, table, type Block, type BlockDocument } from '../platform/document/blocks';
import { renderBlocksDocx } from '../platform/docx/docx-document';
import { reportsConfig } from '../platform/config/reports-config';
import { fieldLabel, typeLabel } from '../platform/config/labels';
import { formatLongDate, formatRate, formatShortDate } from '../platform/pdf/text';
import type { EvaluationReportData } from './evaluation-report-data';
import { EVALUATION_SECTIONS, evaluationReportMeta, mysteryTestsSection } from './evaluation-report-pdf';
import { campaignKind, label } from './report-names';

const INTERVIEW = 'api::interview.interview';
const CRITERION = 'api::criterion.criterion';
const EVALUATION = 'api::evaluation.evaluation';
const ACTION = 'api::roadmap-action.roadmap-action';

/**
 * The evaluation report as blocks, in the PDF's order and words, so that the référent edits in Word
 * the same report the PDF prints (the radar is the PDF's only figure; its table is here).
 */
export function evaluationReportBlocks(data: EvaluationReportData, now: Date): Block[] {
  const { town } = reportsConfig();
  const blocks: Block[] = [
    paragraph(town, { size: 14 }),
    heading(1, 'Rapport d’évaluation'),
    paragraph(`Service : ${data.service.name}`, { size: 14 }),
    paragraph(`Campagne : ${data.campaign.name} (${campaignKind(data.campaign.kind)})`, { size: 12 }),
    ...(data.campaign.referentialName ? [paragraph(`Référentiel : ${data.campaign.referentialName}`, { size: 12 })] : []),
    paragraph(`Période : du ${formatLongDate(data.campaign.startDate)} au ${formatLongDate(data.campaign.endDate)}`),
    paragraph(`Édité le ${formatLongDate(now)}`),
    muted(
      data.draft
        ? 'Version de travail : ce document reprend toutes les fiches, quel que soit leur état (brouillon, soumise, validée, approuvée). Il ne doit pas être diffusé.'
        : 'Ce rapport ne reprend que les fiches validées par le chef de service ou approuvées par le DGS.',
    ),
    { kind: 'pageBreak' },
    heading(1, EVALUATION_SECTIONS.method),
    paragraph('L’évaluation positionne le service sur chaque engagement applicable du référentiel, à partir d’entretiens et des pièces consultées.'),
    heading(2, 'Entretiens menés'),
  ];
  if (!data.interviews.length) blocks.push(muted(data.draft ? 'Aucun entretien enregistré.' : 'Aucun entretien validé.'));
  else
    blocks.push(
      table(
        [
          { header: 'Date', width: 0.16 },
          { header: fieldLabel(INTERVIEW, 'interviewees'), width: 0.52 },
          { header: fieldLabel(INTERVIEW, 'interviewer'), width: 0.32 },
        ],
        data.interviews.map((i) => [formatShortDate(i.date), i.interviewees ?? '', i.interviewer ?? '']),
      ),
    );
  blocks.push(heading(2, 'Pièces consultées'));
  const files = data.criteria.flatMap((c) => c.evidence.map((name) => `${name} (${c.criterionCode ?? 'engagement'})`));
  blocks.push(files.length ? { kind: 'bullets', items: files } : muted('Aucune pièce jointe aux fiches.'));

  blocks.push(heading(1, EVALUATION_SECTIONS.positioning));
  if (!data.themes.length) blocks.push(muted('Aucune fiche à positionner.'));
  else
    blocks.push(
      muted('Taux de conformité : conforme = 1, partiellement conforme = 0,5, non conforme = 0, pondéré par le poids des engagements ; les engagements non applicables ou non évalués ne comptent pas.'),
      table(
        [
          { header: fieldLabel(CRITERION, 'theme'), width: 0.6 },
          { header: 'Fiches', width: 0.15, align: 'right' },
          { header: 'Taux de conformité', width: 0.25, align: 'right' },
        ],
        data.themes.map((t) => [`${t.themeCode} — ${t.themeTitle}`, String(t.evaluations), formatRate(t.rate)]),
      ),
    );

  blocks.push({ kind: 'pageBreak' }, heading(1, EVALUATION_SECTIONS.criteria));
  if (!data.criteria.length) blocks.push(muted(data.draft ? 'Aucune fiche d’évaluation.' : 'Aucune fiche validée ou approuvée pour l’instant.'));
  let theme: string | null | undefined;
  for (const c of data.criteria) {
    if (c.themeCode !== theme) {
      theme = c.themeCode;
      blocks.push(heading(2, c.themeCode ? `${c.themeCode} — ${c.themeTitle}` : 'Sans thème'));
    }
    blocks.push(
      heading(3, `${c.criterionCode ?? ''} ${c.criterionTitle ?? ''}`.trim()),
      { kind: 'labelled', label: fieldLabel(EVALUATION, 'result'), value: label(c.result) + (data.draft ? ` (fiche : ${label(c.workflowState).toLowerCase()})` : '') },
      { kind: 'labelled', label: 'Constat', value: c.findings },
      { kind: 'labelled', label: fieldLabel(EVALUATION, 'strengths'), value: c.strengths },
      { kind: 'labelled', label: fieldLabel(EVALUATION, 'gaps'), value: c.gaps },
      { kind: 'labelled', label: fieldLabel(EVALUATION, 'recommendation'), value: c.recommendation },
    );
  }

  blocks.push(heading(1, EVALUATION_SECTIONS.actions));
  if (!data.actions.length) blocks.push(muted(data.draft ? 'Aucune action liée aux engagements de ce service.' : 'Aucune action validée liée aux engagements de ce service.'));
  else
    blocks.push(
      table(
        [
          { header: typeLabel(CRITERION), width: 0.13 },
          { header: fieldLabel(ACTION, 'title'), width: 0.39 },
          { header: fieldLabel(ACTION, 'owner'), width: 0.18 },
          { header: fieldLabel(ACTION, 'dueDate'), width: 0.13 },
          { header: 'Avancement', width: 0.17 },
        ],
        data.actions.map((a) => [a.criterionCode ?? '–', a.title, a.owner ?? '–', formatShortDate(a.dueDate), `${label(a.status)} (${a.progress ?? 0}\u00a0%)`]),
      ),
    );
  const mystery = mysteryTestsSection(data);
  if (mystery) blocks.push(heading(1, EVALUATION_SECTIONS.mysteryTests), paragraph(mystery.intro), table(mystery.columns, mystery.rows));
  return blocks;
}

export function renderEvaluationReportDocx(data: EvaluationReportData, now = new Date()): Promise<Buffer> {
  const document: BlockDocument = { ...evaluationReportMeta(data), blocks: evaluationReportBlocks(data, now) };
  return renderBlocksDocx(document);
}
