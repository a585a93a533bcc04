import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

interface AdminWidget {
  currentCampaign(): Promise<unknown>;
}
interface Ability {
  can(action: string, subject?: string): boolean;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Progress per service of the current campaign, for whoever may read evaluations in the panel. */
  async progress(ctx: Context) {
    const ability = ctx.state.userAbility as Ability | undefined;
    if (!ability?.can('plugin::content-manager.explorer.read', 'api::evaluation.evaluation')) {
      return ctx.forbidden('Vous n’avez pas accès aux évaluations.');
    }
    ctx.body = await (strapi.service('api::progress.admin-widget') as unknown as AdminWidget).currentCampaign();
  },
});
