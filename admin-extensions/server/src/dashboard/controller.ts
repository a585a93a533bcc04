import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { canReadInPanel } from '../can-read';

interface AdminWidget {
  currentCampaign(): Promise<unknown>;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Progress per service of the current campaign, for whoever may read evaluations in the panel. */
  async progress(ctx: Context) {
    if (!canReadInPanel(ctx, 'api::evaluation.evaluation')) {
      return ctx.forbidden('Vous n’avez pas accès aux évaluations.');
    }
    ctx.body = await (strapi.service('api::progress.admin-widget') as unknown as AdminWidget).currentCampaign();
  },
});
