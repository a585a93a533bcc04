import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { cmsService } from '../cms-service';

/**
 * « Nouvelle campagne »: the cms's builder does the work. A refused request is Strapi's
 * ValidationError (400, every field's message in details.errors), answered as such.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const builder = () => cmsService(strapi, 'api::campaign.builder');
  return {
    async options(ctx: Context) {
      ctx.body = { data: await builder().options() };
    },
    async start(ctx: Context) {
      const body = (ctx.request as unknown as { body?: unknown }).body;
      const data = await builder().start(body, ctx.state.user as { id: number } | undefined);
      ctx.status = 202;
      ctx.body = { data };
    },
    async status(ctx: Context) {
      const data = await builder().status(String(ctx.params.buildId));
      if (!data) return ctx.notFound('Cette création de campagne est inconnue (identifiant erroné ou trop ancien).');
      ctx.body = { data };
    },
  };
};
