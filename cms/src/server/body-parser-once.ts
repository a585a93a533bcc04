import { createRequire } from 'node:module';

type KoaBodyFactory = (options?: object) => unknown;

/**
 * Strapi's body middleware (strapi::body) calls koa-body's factory on every request with the same
 * options object, and koa-body validates those options with zod at each call: 6 % of a small
 * request's CPU. The middleware it returns keeps no state between requests, so one per options
 * object serves them all. Patched on the very module instance @strapi/core loads.
 */
export function buildBodyParserOnce(): void {
  const fromStrapi = createRequire(require.resolve('@strapi/core'));
  const koaBody = fromStrapi('koa-body') as { koaBody: KoaBodyFactory & { once?: true } };
  if (koaBody.koaBody.once) return;
  const factory = koaBody.koaBody;
  const built = new WeakMap<object, unknown>();
  const once: KoaBodyFactory & { once?: true } = (options = {}) => {
    let middleware = built.get(options);
    if (!middleware) built.set(options, (middleware = factory(options)));
    return middleware;
  };
  once.once = true;
  koaBody.koaBody = once;
}
