import type { ReportFile } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import type { Caller } from '../access/read-scope';
import { evaluationReportData } from './evaluation-report-data';
import { renderEvaluationReport } from './evaluation-report-pdf';
import { assertMayReadServiceReport, assertMayReadSynthesis } from './report-scope';
import { reportFileName } from './report-names';
import { parseCampaignId, parseDraft, parseFormat, parseServiceSlug } from './report-request';
import { renderEvaluationReportDocx } from './evaluation-report-docx';
import { DOCX_TYPE } from '../platform/docx/docx-document';
import { synthesisData } from './synthesis-data';
import { renderSynthesis } from './synthesis-pdf';

/**
 * Who may read is decided by `authorize`: the REST door checks the caller's services (report-scope.ts),
 * the admin panel door its own permission. Parameters are checked first: bad input is a 400.
 */
export async function evaluationReportFile(
  strapi: Core.Strapi,
  query: Record<string, unknown>,
  authorize: (service: { id: number; name: string }) => Promise<void>,
): Promise<ReportFile> {
  const request = { campaignId: parseCampaignId(query.campaign), serviceSlug: parseServiceSlug(query.service), draft: parseDraft(query.draft) };
  const format = parseFormat(query.format);
  const data = await evaluationReportData(strapi, request, authorize);
  return {
    fileName: reportFileName(format, 'Rapport d’évaluation', data.service.name, data.campaign.name, ...(data.draft ? ['version de travail'] : [])),
    body: format === 'docx' ? await renderEvaluationReportDocx(data) : await renderEvaluationReport(data),
    contentType: format === 'docx' ? DOCX_TYPE : 'application/pdf',
  };
}

export async function synthesisFile(strapi: Core.Strapi, query: Record<string, unknown>, authorize: () => Promise<void>): Promise<ReportFile> {
  const request = { campaignId: parseCampaignId(query.campaign), draft: parseDraft(query.draft) };
  await authorize();
  const data = await synthesisData(strapi, request);
  return {
    fileName: reportFileName('pdf', 'Synthèse de l’évaluation', data.campaign.name, ...(data.draft ? ['version de travail'] : [])),
    body: await renderSynthesis(data),
    contentType: 'application/pdf',
  };
}

/** The REST door: a users-permissions user, scoped by config/roles.yaml. */
export const forCaller = (strapi: Core.Strapi, caller: Caller | undefined) => ({
  evaluation: (query: Record<string, unknown>) => evaluationReportFile(strapi, query, (service) => assertMayReadServiceReport(strapi, caller, service)),
  synthesis: (query: Record<string, unknown>) => synthesisFile(strapi, query, () => assertMayReadSynthesis(strapi, caller)),
});
