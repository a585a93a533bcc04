import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { Caller } from '../../../access/read-scope';
import { ReportError } from '../../../reports/report-error';
import { forCaller, type ReportFile } from '../../../reports/report-files';
import { asciiFileName } from '../../../reports/report-names';

async function send(ctx: Context, make: () => Promise<ReportFile>) {
  try {
    const file = await make();
    ctx.attachment(file.fileName, { fallback: asciiFileName(file.fileName) });
    ctx.type = 'application/pdf';
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = file.body;
  } catch (error) {
    if (!(error instanceof ReportError)) throw error;
    if (error.status === 400) return ctx.badRequest(error.message);
    if (error.status === 401) return ctx.unauthorized(error.message);
    if (error.status === 403) return ctx.forbidden(error.message);
    return ctx.notFound(error.message);
  }
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async evaluation(ctx: Context) {
    await send(ctx, () => forCaller(strapi, ctx.state.user as Caller | undefined).evaluation(ctx.query));
  },
  async synthesis(ctx: Context) {
    await send(ctx, () => forCaller(strapi, ctx.state.user as Caller | undefined).synthesis(ctx.query));
  },
});
