import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { callerOf } from '../../../platform/http/request';
import { progressByService, progressByTheme } from '../../../progress/progress';
import { serviceEvaluations } from '../../../progress/service-evaluations';
import { serviceInterviews } from '../../../progress/service-interviews';

const FOR = 'voir l’avancement';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async services(ctx: Context) {
    ctx.body = await progressByService(strapi, callerOf(ctx, FOR), ctx.query.campaign);
  },
  async themes(ctx: Context) {
    ctx.body = await progressByTheme(strapi, callerOf(ctx, FOR), ctx.query.campaign, ctx.query.service);
  },
  async evaluations(ctx: Context) {
    ctx.body = await serviceEvaluations(strapi, callerOf(ctx, FOR), ctx.query.campaign, ctx.query.service);
  },
  async interviews(ctx: Context) {
    ctx.body = await serviceInterviews(strapi, callerOf(ctx, FOR), ctx.query.service);
  },
});
