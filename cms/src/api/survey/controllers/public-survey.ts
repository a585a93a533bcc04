import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { honeypotFilled } from '../../../public-intake/guard';
import { openSurveys, PublicSurveyError, publicSurveyForm, submitResponse } from '../../../surveys/public-surveys';

const NAMES: Record<number, string> = { 400: 'ValidationError', 404: 'NotFoundError', 409: 'ConflictError' };

async function answer(ctx: Context, run: () => Promise<void>) {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof PublicSurveyError)) throw error;
    ctx.status = error.status;
    ctx.body = { data: null, error: { status: error.status, name: NAMES[error.status], message: error.message, details: { errors: error.errors } } };
  }
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Context) {
    ctx.body = { data: await openSurveys(strapi) };
  },
  async show(ctx: Context) {
    await answer(ctx, async () => {
      ctx.body = { data: await publicSurveyForm(strapi, ctx.params.documentId) };
    });
  },
  async respond(ctx: Context) {
    await answer(ctx, async () => {
      const body = (ctx.request as unknown as { body?: unknown }).body;
      // A honeypot hit is checked like a real answer and gets the same reply; nothing is stored.
      await submitResponse(strapi, ctx.params.documentId, body, { store: !honeypotFilled(ctx) });
      ctx.status = 201;
      ctx.body = { data: { received: true }, meta: { message: 'Merci ! Votre réponse a bien été enregistrée.' } };
    });
  },
});
