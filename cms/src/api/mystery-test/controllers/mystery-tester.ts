import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { saveResult, testsOf } from '../../../mystery-tests/tester';
import { callerOf, requestBody } from '../../../platform/http/request';

const FOR = 'voir et saisir vos tests mystères';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async mine(ctx: Context) {
    ctx.body = { data: await testsOf(strapi, callerOf(ctx, FOR)) };
  },
  async result(ctx: Context) {
    const caller = callerOf(ctx, FOR);
    ctx.body = { data: await saveResult(strapi, caller, ctx.params.documentId, requestBody(ctx)), meta: { message: 'Résultat enregistré.' } };
  },
});
