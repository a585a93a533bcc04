import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { HttpError } from '../../../platform/http/http-error';
import { createSsoFlow } from '../../../sso/oidc-flow';

/** Sign-in through the town's directory (OpenID Connect): see cms/src/sso/ and docs/features/sso.md. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const flow = createSsoFlow(strapi);
  const providerParam = (ctx: Context) => String((ctx.params as { provider?: string }).provider ?? '');
  return {
    providers(ctx: Context) {
      ctx.body = { data: flow.providers() };
    },
    login: (ctx: Context) => flow.start(ctx, providerParam(ctx)),
    callback: (ctx: Context) => flow.callback(ctx, providerParam(ctx)),
    logout: (ctx: Context) => flow.logout(ctx, providerParam(ctx)),
    session(ctx: Context) {
      const outcome = flow.session(ctx);
      if ('error' in outcome) throw new HttpError(outcome.status, outcome.error);
      ctx.body = outcome;
    },
  };
};
