import type { PaperEntryReceipt, SurveyListMeta } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { callerOf, requestBody, sendFile, XLSX_TYPE } from '../../../platform/http/request';
import { surveyWorkbook } from '../../../surveys/export-workbook';
import { mayDesignSurveys } from '../../../surveys/editor';
import { enterPaperResponse, mayEnterPaper, paperSurveyForm } from '../../../surveys/paper-entry';
import { resultsScope, surveyList, surveyResults } from '../../../surveys/results';
import { textAnswers } from '../../../surveys/text-answers';

const FOR = 'voir les résultats des enquêtes';
const FOR_PAPER = 'saisir un questionnaire papier';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Context) {
    const caller = callerOf(ctx, FOR);
    const meta: SurveyListMeta = { canDesign: mayDesignSurveys(caller), canEnterPaper: mayEnterPaper(caller) };
    ctx.body = { data: await surveyList(strapi, await resultsScope(strapi, caller)), meta };
  },
  async show(ctx: Context) {
    ctx.body = { data: await surveyResults(strapi, ctx.params.documentId, await resultsScope(strapi, callerOf(ctx, FOR))) };
  },
  async export(ctx: Context) {
    const { buffer, fileName } = await surveyWorkbook(strapi, ctx.params.documentId, await resultsScope(strapi, callerOf(ctx, FOR)));
    sendFile(ctx, { buffer, fileName, contentType: XLSX_TYPE });
  },
  async texts(ctx: Context) {
    ctx.body = { data: await textAnswers(strapi, ctx.params.documentId, await resultsScope(strapi, callerOf(ctx, FOR)), ctx.query) };
  },
  async paperForm(ctx: Context) {
    ctx.body = { data: await paperSurveyForm(strapi, ctx.params.documentId, callerOf(ctx, FOR_PAPER)) };
  },
  async enterPaper(ctx: Context) {
    await enterPaperResponse(strapi, ctx.params.documentId, callerOf(ctx, FOR_PAPER), requestBody(ctx));
    ctx.status = 201;
    ctx.body = { data: { received: true }, meta: { message: 'Questionnaire papier enregistré.' } } satisfies PaperEntryReceipt;
  },
});
