import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { workflowLabels } from '../../../platform/config/labels';
import { callerOf, requestBody } from '../../../platform/http/request';
import { definitionOf, workflows } from '../../../workflow/definitions';
import { historyOf } from '../../../workflow/history';
import { applyBatch } from '../../../workflow/batch';
import { inboxOf, inboxQueryOf } from '../../../workflow/inbox';
import { takeDecision } from '../../../workflow/decisions';
import { applyTransition, performerOf } from '../../../workflow/transition';

const FOR = 'accéder au workflow';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async definitions(ctx: Context) {
    ctx.body = { data: { labels: workflowLabels(), workflows: workflows().map(definitionOf) } };
  },

  async inbox(ctx: Context) {
    const caller = callerOf(ctx, FOR);
    ctx.body = { data: await inboxOf(strapi, caller, await inboxQueryOf(strapi, ctx.query)) };
  },

  async history(ctx: Context) {
    ctx.body = { data: await historyOf(strapi, ctx.params.collection, ctx.params.documentId, callerOf(ctx, FOR)) };
  },

  async batch(ctx: Context) {
    ctx.body = { data: await applyBatch(strapi, { body: requestBody(ctx), caller: callerOf(ctx, FOR) }) };
  },

  async transition(ctx: Context) {
    const caller = callerOf(ctx, FOR);
    ctx.body = { data: await applyTransition(strapi, { collection: ctx.params.collection, documentId: ctx.params.documentId, body: requestBody(ctx), caller }) };
  },

  async decision(ctx: Context) {
    const caller = callerOf(ctx, FOR);
    ctx.body = { data: await takeDecision(strapi, ctx.params.name, { body: requestBody(ctx), performer: performerOf(strapi, caller) }) };
  },
});
