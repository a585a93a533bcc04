import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { parseSubmission, receiptFor, recordPublicComplaint } from '../../../complaints/public-submission';
import { ComplaintError } from '../../../complaints/sql';
import { townToday } from '../../../complaints/validation';
import { honeypotFilled } from '../../../public-intake/guard';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * POST /api/public/complaints (no login; size, rate and honeypot checked by the route's guard).
   * The answer holds only this complaint's reference and dates — never anything stored.
   */
  async submit(ctx: Context) {
    try {
      const submission = parseSubmission((ctx.request as unknown as { body?: unknown }).body);
      // A robot that filled the hidden field gets the same answer, with a number that exists nowhere.
      const receipt = honeypotFilled(ctx) ? receiptFor(10_000 + Math.floor(Math.random() * 90_000), townToday()) : await recordPublicComplaint(strapi, submission);
      ctx.status = 201;
      ctx.body = { data: receipt };
    } catch (error) {
      if (!(error instanceof ComplaintError)) throw error;
      return ctx.badRequest(error.message, (error as ComplaintError & { details?: unknown }).details);
    }
  },
});
