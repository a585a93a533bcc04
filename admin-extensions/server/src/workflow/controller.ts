import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { canReadInPanel } from '../can-read';
import { cmsService } from '../cms-service';

/**
 * The workflow side panel. Same engine, rules, answer shape and statuses as the REST workflow API:
 * the cms's refusals carry their status and French message and are answered by its error
 * middleware. Only for types the administrator may read.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const workflow = () => cmsService(strapi, 'api::workflow.admin-panel');

  function readable(ctx: Context): boolean {
    if (canReadInPanel(ctx, ctx.params.uid)) return true;
    ctx.forbidden('Vous n’avez pas accès à ce type de contenu.');
    return false;
  }

  return {
    async labels(ctx: Context) {
      ctx.set('Cache-Control', 'public, max-age=300');
      ctx.body = { data: cmsService(strapi, 'api::labels.labels').choices() };
    },
    async model(ctx: Context) {
      ctx.set('Cache-Control', 'public, max-age=300');
      ctx.body = { data: cmsService(strapi, 'api::labels.labels').model() };
    },
    async definitions(ctx: Context) {
      ctx.body = { data: workflow().definitions() };
    },
    async panel(ctx: Context) {
      if (readable(ctx)) ctx.body = { data: await workflow().panel(ctx.params.uid, ctx.params.documentId, ctx.state.user) };
    },
    async transition(ctx: Context) {
      const body = (ctx.request as unknown as { body?: unknown }).body;
      if (readable(ctx)) ctx.body = { data: await workflow().transition(ctx.params.uid, ctx.params.documentId, body, ctx.state.user) };
    },
  };
};
