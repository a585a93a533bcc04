import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { Caller } from '../../../access/read-scope';
import { progressByService, progressByTheme, ProgressError } from '../../../progress/progress';
import { serviceEvaluations } from '../../../progress/service-evaluations';
import { serviceInterviews } from '../../../progress/service-interviews';

async function answer(ctx: Context, run: (caller: Caller) => Promise<unknown>) {
  const caller = ctx.state.user as Caller | undefined;
  if (!caller) return ctx.unauthorized('Connectez-vous pour voir l’avancement.');
  try {
    ctx.body = await run(caller);
  } catch (error) {
    if (error instanceof ProgressError) return error.status === 404 ? ctx.notFound(error.message) : ctx.badRequest(error.message);
    throw error;
  }
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async services(ctx: Context) {
    await answer(ctx, (caller) => progressByService(strapi, caller, ctx.query.campaign));
  },
  async themes(ctx: Context) {
    await answer(ctx, (caller) => progressByTheme(strapi, caller, ctx.query.campaign, ctx.query.service));
  },
  async evaluations(ctx: Context) {
    await answer(ctx, (caller) => serviceEvaluations(strapi, caller, ctx.query.campaign, ctx.query.service));
  },
  async interviews(ctx: Context) {
    await answer(ctx, (caller) => serviceInterviews(strapi, caller, ctx.query.service));
  },
});
