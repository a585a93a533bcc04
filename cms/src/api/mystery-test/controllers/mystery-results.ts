import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { mysteryFigures } from '../../../mystery-tests/figures';
import { callerOf } from '../../../platform/http/request';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async show(ctx: Context) {
    const caller = callerOf(ctx, 'voir les résultats des tests mystères');
    ctx.body = { data: await mysteryFigures(strapi, caller, ctx.query as Record<string, unknown>) };
  },
});
