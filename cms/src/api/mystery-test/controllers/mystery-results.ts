import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { mysteryFigures, mysteryFiguresExport } from '../../../mystery-tests/figures';
import { callerOf, sendFile, XLSX_TYPE } from '../../../platform/http/request';

const FOR = 'voir les résultats des tests mystères';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async show(ctx: Context) {
    ctx.body = { data: await mysteryFigures(strapi, callerOf(ctx, FOR), ctx.query as Record<string, unknown>) };
  },
  /** GET /api/mystery-results/export.xlsx?campaign=: the same figures, as a workbook. */
  async exportXlsx(ctx: Context) {
    const { buffer, fileName } = await mysteryFiguresExport(strapi, callerOf(ctx, FOR), ctx.query as Record<string, unknown>);
    sendFile(ctx, { buffer, fileName, contentType: XLSX_TYPE });
  },
});
