import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { callerOf, sendFile, XLSX_TYPE } from '../../../platform/http/request';
import { groupActions, roadmapFor, roadmapOverview } from '../../../roadmap/roadmap';
import { parseRoadmapFilters } from '../../../roadmap/roadmap-filters';
import { roadmapWorkbook } from '../../../roadmap/roadmap-workbook';

const FOR = 'voir la feuille de route';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async overview(ctx: Context) {
    ctx.body = await roadmapOverview(strapi, callerOf(ctx, FOR), parseRoadmapFilters(ctx.query));
  },
  async exportXlsx(ctx: Context) {
    const caller = callerOf(ctx, FOR);
    const filters = parseRoadmapFilters(ctx.query);
    const { actions, today } = await roadmapFor(strapi, caller, filters);
    const buffer = await roadmapWorkbook(groupActions(actions, filters.groupBy), today);
    sendFile(ctx, { buffer, fileName: `feuille-de-route-${today}.xlsx`, contentType: XLSX_TYPE });
  },
});
