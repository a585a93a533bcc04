import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { canReadInPanel } from '../can-read';
import { cmsService } from '../cms-service';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Progress per service of the current campaign, for whoever may read evaluations in the panel. */
  async progress(ctx: Context) {
    if (!canReadInPanel(ctx, 'api::evaluation.evaluation')) {
      return ctx.forbidden('Vous n’avez pas accès aux évaluations.');
    }
    ctx.body = await cmsService(strapi, 'api::progress.admin-widget').currentCampaign();
  },
  /** « Prêt pour l’audit ? » of the audited campaign, for whoever may read evaluations in the panel. */
  async readiness(ctx: Context) {
    if (!canReadInPanel(ctx, 'api::evaluation.evaluation')) {
      return ctx.forbidden('Vous n’avez pas accès aux évaluations.');
    }
    ctx.body = { data: await cmsService(strapi, 'api::audit-finding.admin-readiness').nextAudit() };
  },
});
