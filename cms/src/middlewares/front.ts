import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { LABELS_ELEMENT_ID } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import send from 'koa-send';
import { modelLabels } from '../platform/config/labels';
import { repositoryRoot } from '../platform/config/read-config';

/** Paths that belong to Strapi (API, admin panel and its plugins), never to the front. */
const STRAPI_PATHS = /^\/(api|admin|uploads|_health|content-manager|content-type-builder|upload|users-permissions|i18n|email|review-workflows|content-releases|charte-admin|documentation)(\/|$)/;
const YEAR_SECONDS = 365 * 24 * 3600;

interface Page {
  mtimeMs: number;
  html: Buffer;
  gzip: Buffer;
}

/**
 * index.html with the model map (config/labels.yaml, what GET /api/labels answers) written in as a
 * JSON script: the front's first paint has every label without a request. The browser does not run
 * it (not JavaScript, hence nothing for the Content-Security-Policy to allow); `<` is escaped so that
 * no label can close the script. Built once per build of the front, gzipped once too.
 */
function pageWithLabels(file: string, cached: Page | undefined): Page {
  const { mtimeMs } = fs.statSync(file);
  if (cached?.mtimeMs === mtimeMs) return cached;
  const json = JSON.stringify(modelLabels()).replace(/</g, '\\u003c');
  const script = `<script type="application/json" id="${LABELS_ELEMENT_ID}">${json}</script>`;
  const source = fs.readFileSync(file, 'utf8');
  const html = Buffer.from(source.includes('</head>') ? source.replace('</head>', `  ${script}\n  </head>`) : `${script}${source}`);
  return { mtimeMs, html, gzip: zlib.gzipSync(html) };
}

/**
 * Serves the French front (front/dist, built by Vite) on the cms's own port: hashed assets with a
 * long cache, and index.html (with the model map) for every other page path so that the browser
 * router takes over.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const root = process.env.CHARTE_FRONT_DIR ?? path.join(repositoryRoot(), 'front', 'dist');
  let warned = false;
  let page: Page | undefined;
  return async (ctx: Context, next: Next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || STRAPI_PATHS.test(ctx.path)) return next();
    if (!fs.existsSync(path.join(root, 'index.html'))) {
      if (!warned) strapi.log.warn('Interface web non construite (front/dist absent) : lancez « npm run build ».');
      warned = true;
      return next();
    }
    const asset = ctx.path.startsWith('/assets/');
    // index.html itself is never sent as stored: below, with the model map.
    const indexPage = ctx.path === '/index.html';
    if (!indexPage) {
      try {
        const served = await send(ctx, ctx.path, { root, index: false, immutable: asset, maxage: asset ? YEAR_SECONDS * 1000 : 0, gzip: true });
        if (served) return;
      } catch (error) {
        const status = (error as { status?: number }).status;
        if (status !== 404 && status !== 400) throw error;
      }
    }
    if (path.extname(ctx.path) && !indexPage) return next();
    page = pageWithLabels(path.join(root, 'index.html'), page);
    ctx.set('Cache-Control', 'no-cache');
    ctx.vary('Accept-Encoding');
    ctx.type = 'text/html; charset=utf-8';
    if (ctx.acceptsEncodings('gzip', 'identity') === 'gzip') {
      ctx.set('Content-Encoding', 'gzip');
      ctx.body = page.gzip;
    } else ctx.body = page.html;
  };
};
