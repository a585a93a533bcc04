import type { YearResponseRate } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { complaintBilan } from '../../../complaints/bilan';
import { bilanWorkbook } from '../../../complaints/bilan-workbook';
import { complaintRegister } from '../../../complaints/register';
import { complaintResponseRate } from '../../../complaints/response-rate';
import { serviceParam, visibleServices, yearParam } from '../../../complaints/sql';
import { townToday } from '../../../platform/calendar/clock';
import { callerOf, sendFile, XLSX_TYPE } from '../../../platform/http/request';

const FOR = 'consulter le registre des réclamations';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async register(ctx: Context) {
    ctx.body = await complaintRegister(strapi, callerOf(ctx, FOR), ctx.query);
  },
  /** The indicator « % des réclamations traitées dans les délais » for a year, over what the caller sees. */
  async responseRate(ctx: Context) {
    const visible = await visibleServices(strapi, callerOf(ctx, FOR));
    const year = yearParam(ctx.query.year, townToday());
    const serviceId = serviceParam(ctx.query.service, visible);
    const data = await complaintResponseRate(strapi, {
      from: `${year}-01-01`,
      to: `${year}-12-31`,
      ...(serviceId !== undefined ? { serviceId } : { serviceIds: visible }),
    });
    ctx.body = { data: { year, ...data } satisfies YearResponseRate };
  },
  async bilan(ctx: Context) {
    ctx.body = { data: await complaintBilan(strapi, callerOf(ctx, FOR), ctx.query) };
  },
  async bilanWorkbook(ctx: Context) {
    const bilan = await complaintBilan(strapi, callerOf(ctx, FOR), ctx.query);
    sendFile(ctx, { buffer: await bilanWorkbook(bilan), fileName: `bilan-reclamations-${bilan.year}.xlsx`, contentType: XLSX_TYPE });
  },
});
