import type { SurveyAnswerReceipt } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { requestBody } from '../../../platform/http/request';
import { honeypotFilled } from '../../../public-intake/guard';
import { openSurveys, publicSurveyForm, submitResponse } from '../../../surveys/public-surveys';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Context) {
    ctx.body = { data: await openSurveys(strapi) };
  },
  async show(ctx: Context) {
    ctx.body = { data: await publicSurveyForm(strapi, ctx.params.documentId) };
  },
  async respond(ctx: Context) {
    // A honeypot hit is checked like a real answer and gets the same reply; nothing is stored.
    await submitResponse(strapi, ctx.params.documentId, requestBody(ctx), { store: !honeypotFilled(ctx) });
    ctx.status = 201;
    ctx.body = { data: { received: true }, meta: { message: 'Merci ! Votre réponse a bien été enregistrée.' } } satisfies SurveyAnswerReceipt;
  },
});
