import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import send from 'koa-send';
import { repositoryRoot } from '../platform/config/read-config';

/** Paths that belong to Strapi (API, admin panel and its plugins), never to the front. */
const STRAPI_PATHS = /^\/(api|admin|uploads|_health|content-manager|content-type-builder|upload|users-permissions|i18n|email|review-workflows|content-releases|charte-admin|documentation)(\/|$)/;
const YEAR_SECONDS = 365 * 24 * 3600;

/**
 * Serves the French front (front/dist, built by Vite) on the cms's own port: hashed assets with a
 * long cache, and index.html for every other page path so that the browser router takes over.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const root = process.env.CHARTE_FRONT_DIR ?? path.join(repositoryRoot(), 'front', 'dist');
  let warned = false;
  return async (ctx: Context, next: Next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || STRAPI_PATHS.test(ctx.path)) return next();
    if (!fs.existsSync(path.join(root, 'index.html'))) {
      if (!warned) strapi.log.warn('Interface web non construite (front/dist absent) : lancez « npm run build ».');
      warned = true;
      return next();
    }
    const asset = ctx.path.startsWith('/assets/');
    try {
      const served = await send(ctx, ctx.path, { root, index: false, immutable: asset, maxage: asset ? YEAR_SECONDS * 1000 : 0, gzip: true });
      if (served) return;
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status !== 404 && status !== 400) throw error;
    }
    if (path.extname(ctx.path)) return next();
    ctx.set('Cache-Control', 'no-cache');
    await send(ctx, 'index.html', { root });
  };
};
