import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { callerOf, sendFile, XLSX_TYPE } from '../../../platform/http/request';
import { surveyWorkbook } from '../../../surveys/export-workbook';
import { resultsScope, surveyList, surveyResults } from '../../../surveys/results';

const FOR = 'voir les résultats des enquêtes';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Context) {
    ctx.body = { data: await surveyList(strapi, await resultsScope(strapi, callerOf(ctx, FOR))) };
  },
  async show(ctx: Context) {
    ctx.body = { data: await surveyResults(strapi, ctx.params.documentId, await resultsScope(strapi, callerOf(ctx, FOR))) };
  },
  async export(ctx: Context) {
    const { buffer, fileName } = await surveyWorkbook(strapi, ctx.params.documentId, await resultsScope(strapi, callerOf(ctx, FOR)));
    sendFile(ctx, { buffer, fileName, contentType: XLSX_TYPE });
  },
});
