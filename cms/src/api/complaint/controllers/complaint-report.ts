import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { Caller } from '../../../access/read-scope';
import { complaintBilan } from '../../../complaints/bilan';
import { bilanWorkbook } from '../../../complaints/bilan-workbook';
import { complaintRegister } from '../../../complaints/register';
import { complaintResponseRate } from '../../../complaints/response-rate';
import { ComplaintError, serviceParam, visibleServices, yearParam } from '../../../complaints/sql';
import { townToday } from '../../../complaints/validation';

/** Staff routes of the register: a 401 without a session, French 400/403/404 otherwise. */
async function answer(ctx: Context, run: (caller: Caller) => Promise<unknown>) {
  const caller = ctx.state.user as Caller | undefined;
  if (!caller) return ctx.unauthorized('Connectez-vous pour consulter le registre des réclamations.');
  try {
    const body = await run(caller);
    if (body !== undefined) ctx.body = body;
  } catch (error) {
    if (!(error instanceof ComplaintError)) throw error;
    if (error.status === 404) return ctx.notFound(error.message);
    if (error.status === 403) return ctx.forbidden(error.message);
    return ctx.badRequest(error.message);
  }
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async register(ctx: Context) {
    await answer(ctx, (caller) => complaintRegister(strapi, caller, ctx.query));
  },
  /** The indicator « % des réclamations traitées dans les délais » for a year, over what the caller sees. */
  async responseRate(ctx: Context) {
    await answer(ctx, async (caller) => {
      const visible = await visibleServices(strapi, caller);
      const year = yearParam(ctx.query.year, townToday());
      const serviceId = serviceParam(ctx.query.service, visible);
      const data = await complaintResponseRate(strapi, {
        from: `${year}-01-01`,
        to: `${year}-12-31`,
        ...(serviceId !== undefined ? { serviceId } : { serviceIds: visible }),
      });
      return { data: { year, ...data } };
    });
  },
  async bilan(ctx: Context) {
    await answer(ctx, async (caller) => ({ data: await complaintBilan(strapi, caller, ctx.query) }));
  },
  async bilanWorkbook(ctx: Context) {
    await answer(ctx, async (caller) => {
      const bilan = await complaintBilan(strapi, caller, ctx.query);
      ctx.set('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      ctx.set('Content-Disposition', `attachment; filename="bilan-reclamations-${bilan.year}.xlsx"`);
      ctx.body = await bilanWorkbook(bilan);
      return undefined;
    });
  },
});
