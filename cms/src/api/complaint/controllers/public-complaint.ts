import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { complaintFollowUp, newFollowUpCode, parseFollowUpRequest } from '../../../complaints/follow-up';
import { parseSubmission, publicServices, receiptFor, recordPublicComplaint } from '../../../complaints/public-submission';
import { townToday } from '../../../platform/calendar/clock';
import { requestBody } from '../../../platform/http/request';
import { honeypotFilled } from '../../../public-intake/guard';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * POST /api/public/complaints (no login; size, rate and honeypot checked by the route's guard).
   * The answer holds only this complaint's reference, dates and follow-up code — never anything stored.
   */
  async submit(ctx: Context) {
    const submission = parseSubmission(requestBody(ctx));
    // A robot that filled the hidden field gets the same answer, with a number and a code that exist nowhere.
    const receipt = honeypotFilled(ctx)
      ? receiptFor(10_000 + Math.floor(Math.random() * 90_000), townToday(), newFollowUpCode(), submission.kind)
      : await recordPublicComplaint(strapi, submission);
    ctx.status = 201;
    ctx.body = { data: receipt };
  },
  /** GET /api/public/complaints/services: the services a citizen may name on the form. */
  async services(ctx: Context) {
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = { data: await publicServices(strapi) };
  },
  /**
   * POST /api/public/complaints/follow-up { reference, code }: where the request stands. A POST so
   * that the code never sits in a URL (server logs, browser history); behind the public-forms guard.
   */
  async followUp(ctx: Context) {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: await complaintFollowUp(strapi, parseFollowUpRequest(requestBody(ctx))) };
  },
});
