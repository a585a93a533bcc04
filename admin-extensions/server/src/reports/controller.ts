import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { ReportFile } from '@charte/contract';
import { canReadInPanel } from '../can-read';
import { cmsService } from '../cms-service';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const reports = () => cmsService(strapi, 'api::report.report');

  async function send(ctx: Context, make: () => Promise<ReportFile>) {
    if (!canReadInPanel(ctx, 'api::evaluation.evaluation')) return ctx.forbidden('Les rapports sont réservés aux administrateurs qui lisent les évaluations.');
    // The cms's refusals (400, 404) carry their status and French message: its error middleware answers them.
    const file = await make();
    ctx.attachment(file.fileName);
    ctx.type = file.contentType;
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = file.body;
  }

  return {
    async catalog(ctx: Context) {
      if (!canReadInPanel(ctx, 'api::evaluation.evaluation')) return ctx.forbidden('Les rapports sont réservés aux administrateurs qui lisent les évaluations.');
      ctx.body = { data: await reports().catalog() };
    },
    async evaluation(ctx: Context) {
      await send(ctx, () => reports().evaluationPdf(ctx.query));
    },
    async synthesis(ctx: Context) {
      await send(ctx, () => reports().synthesisPdf(ctx.query));
    },
  };
};
