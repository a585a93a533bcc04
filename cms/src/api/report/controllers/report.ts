import type { ReportFile } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { Caller } from '../../../access/read-scope';
import { forCaller } from '../../../reports/report-files';
import { asciiFileName } from '../../../reports/report-names';

async function send(ctx: Context, make: () => Promise<ReportFile>) {
  const file = await make();
  ctx.attachment(file.fileName, { fallback: asciiFileName(file.fileName) });
  ctx.type = file.contentType;
  ctx.set('Cache-Control', 'private, no-store');
  ctx.body = file.body;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async evaluation(ctx: Context) {
    await send(ctx, () => forCaller(strapi, ctx.state.user as Caller | undefined).evaluation(ctx.query));
  },
  async synthesis(ctx: Context) {
    await send(ctx, () => forCaller(strapi, ctx.state.user as Caller | undefined).synthesis(ctx.query));
  },
});
