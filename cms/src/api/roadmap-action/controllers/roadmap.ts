import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { Caller } from '../../../access/read-scope';
import { groupActions, roadmapFor, roadmapOverview } from '../../../roadmap/roadmap';
import { FilterError, parseRoadmapFilters } from '../../../roadmap/roadmap-filters';
import { roadmapWorkbook } from '../../../roadmap/roadmap-workbook';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function answer(ctx: Context, run: (caller: Caller) => Promise<void>) {
  const caller = ctx.state.user as Caller | undefined;
  if (!caller) return ctx.unauthorized('Connectez-vous pour voir la feuille de route.');
  try {
    await run(caller);
  } catch (error) {
    if (error instanceof FilterError) return ctx.badRequest(error.message);
    throw error;
  }
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async overview(ctx: Context) {
    await answer(ctx, async (caller) => {
      ctx.body = await roadmapOverview(strapi, caller, parseRoadmapFilters(ctx.query));
    });
  },
  async exportXlsx(ctx: Context) {
    await answer(ctx, async (caller) => {
      const filters = parseRoadmapFilters(ctx.query);
      const { actions, today } = await roadmapFor(strapi, caller, filters);
      ctx.set('Content-Type', XLSX);
      ctx.set('Content-Disposition', `attachment; filename="feuille-de-route-${today}.xlsx"`);
      ctx.body = await roadmapWorkbook(groupActions(actions, filters.groupBy), today);
    });
  },
});
