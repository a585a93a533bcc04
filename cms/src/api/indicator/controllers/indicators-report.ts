import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { indicatorsOverview, indicatorTrend } from '../../../indicators/report';
import { callerOf } from '../../../platform/http/request';

const FOR = 'voir les indicateurs';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async overview(ctx: Context) {
    ctx.body = await indicatorsOverview(strapi, callerOf(ctx, FOR));
  },
  async trend(ctx: Context) {
    ctx.body = await indicatorTrend(strapi, callerOf(ctx, FOR), ctx.params.documentId, ctx.query.periods);
  },
});
