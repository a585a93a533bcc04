import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { assertMayReadReview, managementReview, managementReviewFile, parseYear } from '../../../management-review/review-document';
import { parseDecisions, reviewDecisions, saveReviewDecisions } from '../../../management-review/review-decisions';
import { objectBody, type Caller } from '../../../platform/http/request';
import { asciiFileName } from '../../../reports/report-names';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async show(ctx: Context) {
    ctx.body = await managementReview(strapi, ctx.state.user as Caller | undefined, ctx.query);
  },
  async file(ctx: Context) {
    const file = await managementReviewFile(strapi, ctx.state.user as Caller | undefined, ctx.query);
    ctx.attachment(file.fileName, { fallback: asciiFileName(file.fileName) });
    ctx.type = file.contentType;
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = file.body;
  },
  /** PUT { year, decisions }: the decisions of the year, as the review prints them. */
  async decisions(ctx: Context) {
    const caller = assertMayReadReview(ctx.state.user as Caller | undefined);
    const body = objectBody(ctx, '{ "year": "2026", "decisions": "…" }');
    const decisions = parseDecisions(body);
    const year = parseYear(typeof body.year === 'number' ? String(body.year) : body.year);
    await saveReviewDecisions(strapi, year, decisions, caller.id);
    ctx.body = { year, ...(await reviewDecisions(strapi, year)) };
  },
});
