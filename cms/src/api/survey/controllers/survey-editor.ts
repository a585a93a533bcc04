import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { callerOf, requestBody } from '../../../platform/http/request';
import { createSurvey, surveyEditorView, updateSurvey } from '../../../surveys/editor';

const FOR = 'modifier les enquêtes';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async blank(ctx: Context) {
    callerOf(ctx, FOR);
    ctx.body = { data: await surveyEditorView(strapi, null) };
  },
  async show(ctx: Context) {
    callerOf(ctx, FOR);
    ctx.body = { data: await surveyEditorView(strapi, ctx.params.documentId) };
  },
  async create(ctx: Context) {
    callerOf(ctx, FOR);
    ctx.status = 201;
    ctx.body = { data: await createSurvey(strapi, requestBody(ctx)), meta: { message: 'Enquête créée.' } };
  },
  async update(ctx: Context) {
    callerOf(ctx, FOR);
    ctx.body = { data: await updateSurvey(strapi, ctx.params.documentId, requestBody(ctx)), meta: { message: 'Enquête enregistrée.' } };
  },
});
