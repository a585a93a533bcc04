import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

/** The cms's `api::campaign.builder` service, as far as these routes use it (the plugin does not import cms code). */
interface CampaignBuilder {
  options(): Promise<unknown>;
  /** Throws Strapi's ValidationError (400 with details.errors) when the request is refused. */
  start(body: unknown, adminUser: { id: number } | undefined): Promise<{ buildId: string; total: number }>;
  status(buildId: string): Promise<unknown | null>;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const builder = () => strapi.service('api::campaign.builder') as unknown as CampaignBuilder;
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
