import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { canReadInPanel } from '../can-read';

interface ReportFile {
  fileName: string;
  body: Buffer;
}

interface ReportService {
  evaluationPdf(query: Record<string, unknown>): Promise<ReportFile>;
  synthesisPdf(query: Record<string, unknown>): Promise<ReportFile>;
  catalog(): Promise<unknown>;
}

/** The cms's refusals carry their status and French message (ReportError). */
const isRefusal = (error: unknown): error is { status: number; message: string } =>
  error instanceof Error && error.name === 'ReportError' && typeof (error as { status?: unknown }).status === 'number';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const reports = () => strapi.service('api::report.report') as unknown as ReportService;

  async function send(ctx: Context, make: () => Promise<ReportFile>) {
    if (!canReadInPanel(ctx, 'api::evaluation.evaluation')) return ctx.forbidden('Les rapports sont réservés aux administrateurs qui lisent les évaluations.');
    try {
      const file = await make();
      ctx.attachment(file.fileName);
      ctx.type = 'application/pdf';
      ctx.set('Cache-Control', 'private, no-store');
      ctx.body = file.body;
    } catch (error) {
      if (!isRefusal(error)) throw error;
      if (error.status === 400) return ctx.badRequest(error.message);
      if (error.status === 403) return ctx.forbidden(error.message);
      return ctx.notFound(error.message);
    }
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
