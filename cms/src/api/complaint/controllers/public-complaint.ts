import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { parseSubmission, receiptFor, recordPublicComplaint } from '../../../complaints/public-submission';
import { townToday } from '../../../platform/calendar/clock';
import { requestBody } from '../../../platform/http/request';
import { honeypotFilled } from '../../../public-intake/guard';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * POST /api/public/complaints (no login; size, rate and honeypot checked by the route's guard).
   * The answer holds only this complaint's reference and dates — never anything stored.
   */
  async submit(ctx: Context) {
    const submission = parseSubmission(requestBody(ctx));
    // A robot that filled the hidden field gets the same answer, with a number that exists nowhere.
    const receipt = honeypotFilled(ctx) ? receiptFor(10_000 + Math.floor(Math.random() * 90_000), townToday()) : await recordPublicComplaint(strapi, submission);
    ctx.status = 201;
    ctx.body = { data: receipt };
  },
});
