import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { cmsService } from '../cms-service';

/** « Courriels »: the cms reads pg-boss's tables and retries; its refusals (400, 404, 409) pass through as they are. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const mails = () => cmsService(strapi, 'api::mail.admin-mails');
  return {
    async list(ctx: Context) {
      ctx.set('Cache-Control', 'private, no-store');
      ctx.body = await mails().list(ctx.query as Record<string, unknown>);
    },
    async retry(ctx: Context) {
      const body = (ctx.request as unknown as { body?: unknown }).body;
      ctx.body = { data: await mails().retry(body) };
    },
  };
};
