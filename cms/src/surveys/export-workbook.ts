import { answerText, type QuestionResult, type ServiceResult, type SurveyQuestion } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import ExcelJS from 'exceljs';
import { link, tableOf } from '../platform/db/schema';
import { SURVEY_RESPONSE } from './document-rules';
import { surveyResults, type ServiceScope } from './results';
import { choiceLabel, fieldLabel, typeLabel } from '../platform/config/labels';
import { fileSlug } from '../platform/http/file-slug';

/** The workbook's sheets: the summary, the answers counted per question, every response. */
const sheetNames = () => ({ summary: 'Synthèse', questions: fieldLabel('api::survey.survey', 'questions'), answers: 'Réponses' });
const SERVICE = () => typeLabel('api::service.service');
const ALL_SERVICES = 'Tous les services';
const NO_SERVICE = 'Service non précisé';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE3E3FD' } };

function sheetWithHeader(workbook: ExcelJS.Workbook, name: string, columns: { header: string; key: string; width: number }[]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns;
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = HEADER_FILL;
  header.alignment = { vertical: 'middle', wrapText: true };
  return sheet;
}

const serviceName = (result: ServiceResult, overall: boolean) => (overall ? ALL_SERVICES : (result.service?.name ?? NO_SERVICE));

/**
 * Results of one survey as an Excel workbook (French headers): a summary per service against the
 * target, the counts per question and answer, and every answer (one row per respondent), all
 * within the caller's services.
 */
export async function surveyWorkbook(strapi: Core.Strapi, documentId: string, scope: ServiceScope): Promise<{ buffer: Buffer; fileName: string }> {
  const results = await surveyResults(strapi, documentId, scope);
  const questions = (await strapi.db.query('api::survey.survey').findOne({ select: ['questions'], where: { documentId } }))?.questions as SurveyQuestion[];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Charte d’accueil';
  workbook.created = new Date();
  const groups: [ServiceResult, boolean][] = [[results.overall, true], ...results.byService.map((r): [ServiceResult, boolean] => [r, false])];

  const summary = sheetWithHeader(workbook, sheetNames().summary, [
    { header: SERVICE(), key: 'service', width: 30 },
    { header: 'Réponses', key: 'responses', width: 12 },
    { header: 'Réponses notées', key: 'answered', width: 16 },
    { header: 'Réponses satisfaites', key: 'satisfied', width: 18 },
    { header: 'Part de satisfaits', key: 'share', width: 18 },
    { header: 'Objectif', key: 'target', width: 12 },
    { header: 'Objectif atteint', key: 'reached', width: 16 },
  ]);
  for (const [result, overall] of groups) {
    const figures = result.satisfaction;
    const row = summary.addRow({
      service: serviceName(result, overall),
      responses: result.responses,
      answered: figures.answered,
      satisfied: figures.satisfied,
      share: figures.share,
      target: results.target,
      reached: result.masked ? ANONYMITY_NOTE : figures.share === null ? '' : figures.share >= results.target ? 'oui' : 'non',
    });
    if (overall) row.font = { bold: true };
  }
  summary.getColumn('share').numFmt = '0.0 %';
  summary.getColumn('target').numFmt = '0 %';

  const perQuestion = sheetWithHeader(workbook, sheetNames().questions, [
    { header: SERVICE(), key: 'service', width: 30 },
    { header: 'Question', key: 'question', width: 50 },
    { header: 'Réponse', key: 'answer', width: 30 },
    { header: 'Nombre', key: 'count', width: 10 },
    { header: 'Part de satisfaits', key: 'share', width: 18 },
  ]);
  for (const [result, overall] of groups) {
    for (const question of result.questions.filter((q: QuestionResult) => q.kind !== 'text')) {
      for (const [value, count] of Object.entries(question.counts).sort(([a], [b]) => a.localeCompare(b, 'fr'))) {
        perQuestion.addRow({ service: serviceName(result, overall), question: question.label, answer: answerText(question.kind, JSON.parse(value)), count, share: question.satisfaction?.share ?? null });
      }
    }
  }
  perQuestion.getColumn('share').numFmt = '0.0 %';

  // An agent survey's answers one by one, with their date and service, would name their authors.
  if (results.survey.audience === 'agents') return finish(workbook, results.survey.title);
  const answers = sheetWithHeader(workbook, sheetNames().answers, [
    { header: 'Date', key: 'date', width: 12 },
    { header: SERVICE(), key: 'service', width: 30 },
    { header: fieldLabel(SURVEY_RESPONSE, 'source'), key: 'source', width: 12 },
    ...questions.map((q) => ({ header: q.label, key: `q:${q.id}`, width: q.kind === 'text' ? 60 : 24 })),
  ]);
  const t = { responses: tableOf(strapi, SURVEY_RESPONSE), toSurvey: link(strapi, SURVEY_RESPONSE, 'survey'), toService: link(strapi, SURVEY_RESPONSE, 'service') };
  const knex = strapi.db.connection;
  const rows = knex
    .from({ r: t.responses })
    .join({ rs: t.toSurvey.table }, `rs.${t.toSurvey.from}`, 'r.id')
    .join({ s: tableOf(strapi, 'api::survey.survey') }, 's.id', `rs.${t.toSurvey.to}`)
    .leftJoin({ sv: t.toService.table }, `sv.${t.toService.from}`, 'r.id')
    .leftJoin({ svc: tableOf(strapi, 'api::service.service') }, 'svc.id', `sv.${t.toService.to}`)
    .where('s.document_id', documentId)
    .select({ createdAt: 'r.created_at', service: 'svc.name', source: 'r.source', answers: 'r.answers' })
    .orderBy('r.id');
  if (scope) rows.whereIn(`sv.${t.toService.to}`, scope.length ? scope : [0]);
  for (const row of (await rows) as { createdAt: Date; service: string | null; source: string | null; answers: Record<string, unknown> | string }[]) {
    // Strapi's PostgreSQL driver hands json columns back as text.
    const given = (typeof row.answers === 'string' ? JSON.parse(row.answers) : row.answers) as Record<string, unknown> | null;
    const values: Record<string, unknown> = { date: new Date(row.createdAt).toISOString().slice(0, 10), service: row.service ?? NO_SERVICE, source: choiceLabel(row.source ?? 'online') };
    for (const q of questions) values[`q:${q.id}`] = answerText(q.kind, given?.[q.id]);
    answers.addRow(values);
  }
  answers.getColumn('date').alignment = { horizontal: 'left' };
  questions.forEach((q, i) => {
    if (q.kind === 'text') answers.getColumn(i + 4).alignment = { wrapText: true, vertical: 'top' };
  });

  return finish(workbook, results.survey.title);
}

/** Shown instead of a masked group's figures (agent surveys). */
export const ANONYMITY_NOTE = 'pas assez de réponses pour préserver l’anonymat';

async function finish(workbook: ExcelJS.Workbook, title: string): Promise<{ buffer: Buffer; fileName: string }> {
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  const slug = fileSlug(title);
  return { buffer, fileName: `resultats-${slug || 'enquete'}.xlsx` };
}
