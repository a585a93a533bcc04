import type { SurveyAnswerReceipt } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { callerOf, requestBody } from '../../../platform/http/request';
import { agentSurveyForm, openAgentSurveys, submitAgentResponse } from '../../../surveys/agent-surveys';

const FOR = 'répondre à l’enquête agents';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Context) {
    ctx.body = { data: await openAgentSurveys(strapi, callerOf(ctx, FOR)) };
  },
  async show(ctx: Context) {
    ctx.body = { data: await agentSurveyForm(strapi, ctx.params.documentId, callerOf(ctx, FOR)) };
  },
  async respond(ctx: Context) {
    await submitAgentResponse(strapi, ctx.params.documentId, callerOf(ctx, FOR), requestBody(ctx));
    ctx.status = 201;
    ctx.body = { data: { received: true }, meta: { message: 'Merci ! Votre réponse a été enregistrée, sans votre nom.' } } satisfies SurveyAnswerReceipt;
  },
});
