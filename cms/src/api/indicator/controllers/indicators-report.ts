import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { Caller } from '../../../access/read-scope';
import { indicatorsOverview, indicatorTrend, ReportError } from '../../../indicators/report';

async function answer(ctx: Context, run: (caller: Caller) => Promise<unknown>) {
  const caller = ctx.state.user as Caller | undefined;
  if (!caller) return ctx.unauthorized('Connectez-vous pour voir les indicateurs.');
  try {
    ctx.body = await run(caller);
  } catch (error) {
    if (error instanceof ReportError) return error.status === 404 ? ctx.notFound(error.message) : ctx.badRequest(error.message);
    throw error;
  }
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async overview(ctx: Context) {
    await answer(ctx, (caller) => indicatorsOverview(strapi, caller));
  },
  async trend(ctx: Context) {
    await answer(ctx, (caller) => indicatorTrend(strapi, caller, ctx.params.documentId, ctx.query.periods));
  },
});
