import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { Caller } from '../../../access/read-scope';
import { surveyWorkbook } from '../../../surveys/export-workbook';
import { resultsScope, surveyList, SurveyResultsError, surveyResults } from '../../../surveys/results';

async function answer(ctx: Context, run: (caller: Caller) => Promise<void>) {
  const caller = ctx.state.user as Caller | undefined;
  if (!caller) return ctx.unauthorized('Connectez-vous pour voir les résultats des enquêtes.');
  try {
    await run(caller);
  } catch (error) {
    if (!(error instanceof SurveyResultsError)) throw error;
    return error.status === 404 ? ctx.notFound(error.message) : ctx.forbidden(error.message);
  }
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Context) {
    await answer(ctx, async (caller) => {
      ctx.body = { data: await surveyList(strapi, await resultsScope(strapi, caller)) };
    });
  },
  async show(ctx: Context) {
    await answer(ctx, async (caller) => {
      ctx.body = { data: await surveyResults(strapi, ctx.params.documentId, await resultsScope(strapi, caller)) };
    });
  },
  async export(ctx: Context) {
    await answer(ctx, async (caller) => {
      const { buffer, fileName } = await surveyWorkbook(strapi, ctx.params.documentId, await resultsScope(strapi, caller));
      ctx.set('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      ctx.set('Content-Disposition', `attachment; filename="${fileName}"`);
      ctx.body = buffer;
    });
  },
});
