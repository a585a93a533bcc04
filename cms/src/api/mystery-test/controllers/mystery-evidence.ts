import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { attachAsEvidence, evidenceTargets } from '../../../mystery-tests/evaluation-evidence';
import { callerOf, requestBody } from '../../../platform/http/request';

const FOR = 'joindre un test mystère à une évaluation';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async targets(ctx: Context) {
    ctx.body = { data: await evidenceTargets(strapi, callerOf(ctx, FOR), ctx.params.documentId) };
  },
  async attach(ctx: Context) {
    const data = await attachAsEvidence(strapi, callerOf(ctx, FOR), ctx.params.documentId, requestBody(ctx));
    ctx.status = 201;
    ctx.body = { data, meta: { message: `Test joint comme pièce à l’évaluation de l’engagement ${data.criterion.code}.` } };
  },
});
