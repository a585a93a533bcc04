import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { mysteryFigures } from '../../../mystery-tests/figures';
import { mysteryFiguresWorkbook } from '../../../mystery-tests/figures-workbook';
import { callerOf, sendFile, XLSX_TYPE } from '../../../platform/http/request';

const FOR = 'voir les résultats des tests mystères';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async show(ctx: Context) {
    ctx.body = { data: await mysteryFigures(strapi, callerOf(ctx, FOR), ctx.query as Record<string, unknown>) };
  },
  /** GET /api/mystery-results/export.xlsx?campaign=: the same figures, as a workbook. */
  async exportXlsx(ctx: Context) {
    const figures = await mysteryFigures(strapi, callerOf(ctx, FOR), ctx.query as Record<string, unknown>);
    const buffer = await mysteryFiguresWorkbook(figures);
    sendFile(ctx, { buffer, fileName: `tests-mysteres-${figures.campaign?.startDate ?? 'aucune-vague'}.xlsx`, contentType: XLSX_TYPE });
  },
});
