import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { planTests } from '../../../mystery-tests/planning';
import { wavePlanning } from '../../../mystery-tests/wave-planning';
import { callerOf, requestBody } from '../../../platform/http/request';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async planning(ctx: Context) {
    callerOf(ctx, 'planifier des tests mystères');
    ctx.body = { data: await wavePlanning(strapi, ctx.params.documentId) };
  },
  async plan(ctx: Context) {
    callerOf(ctx, 'planifier des tests mystères');
    const created = await planTests(strapi, ctx.params.documentId, requestBody(ctx));
    ctx.status = 201;
    ctx.body = { data: created, meta: { message: `${created.length} test${created.length > 1 ? 's' : ''} planifié${created.length > 1 ? 's' : ''}.` } };
  },
});
