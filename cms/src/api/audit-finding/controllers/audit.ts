import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { mandateView } from '../../../access/audit-mandate';
import { readiness } from '../../../progress/readiness';
import { callerOf } from '../../../platform/http/request';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async mandate(ctx: Context) {
    ctx.body = { data: await mandateView(strapi, callerOf(ctx, 'voir votre mission d’audit')) };
  },
  async readiness(ctx: Context) {
    ctx.body = { data: await readiness(strapi, callerOf(ctx, 'préparer un audit'), ctx.query) };
  },
});
