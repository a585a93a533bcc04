import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { LABELS_ELEMENT_ID, LAYOUT_READS, publicPageAt, SITE_NAME, type PublicPage } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import send from 'koa-send';
import { modelLabels } from '../platform/config/labels';
import { repositoryRoot } from '../platform/config/read-config';

/** Paths that belong to Strapi (API, admin panel and its plugins), never to the front. */
const STRAPI_PATHS = /^\/(api|admin|uploads|_health|content-manager|content-type-builder|upload|users-permissions|i18n|email|review-workflows|content-releases|charte-admin|documentation)(\/|$)/;
const YEAR_SECONDS = 365 * 24 * 3600;

interface Page {
  html: Buffer;
  gzip: Buffer;
  brotli: Buffer;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Vite's build manifest (build.manifest in front/vite.config.ts), as far as it is read here. */
type Manifest = Record<string, { file: string; imports?: string[]; css?: string[]; isEntry?: boolean }>;

/**
 * What a page needs before it can draw: the files of its module (its chunk, the chunks it imports,
 * their styles) and what it asks the API for as it opens. Named in the page's head, the browser
 * fetches them alongside the main script — otherwise each waits for the one before (main script,
 * then page chunk, then data), three round trips on a phone's link before anything is read. A file
 * the main script carries already (the entry and its imports) is not named again.
 */
function preloadLinks(manifest: Manifest, page: PublicPage | undefined): string[] {
  const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
  const loaded = new Set<string>();
  const collect = (key: string, into: Set<string>) => {
    const chunk = manifest[key];
    if (!chunk || into.has(chunk.file)) return;
    into.add(chunk.file);
    for (const css of chunk.css ?? []) into.add(css);
    for (const imported of chunk.imports ?? []) collect(imported, into);
  };
  if (entry) collect(Object.keys(manifest).find((key) => manifest[key] === entry)!, loaded);
  const files = new Set<string>();
  if (page) collect(page.module, files);
  const links = [...files]
    .filter((file) => !loaded.has(file))
    .map((file) => (file.endsWith('.css') ? `<link rel="stylesheet" crossorigin href="/${file}" />` : `<link rel="modulepreload" crossorigin href="/${file}" />`));
  // crossorigin: the credentials mode of the front's fetch (same-origin), without which the browser would not reuse the answer.
  const reads = [...LAYOUT_READS, ...(page?.reads ?? [])];
  return [...links, ...reads.map((read) => `<link rel="preload" href="${read}" as="fetch" crossorigin />`)];
}

/**
 * The head of a page as the front will set it (front/src/app/page-head.ts), written in beforehand for
 * the engines that read the page without running its script: a public page's own title and
 * description; every other page (staff pages, the dashboard at /) kept out of search results.
 */
function withHead(source: string, page: PublicPage | undefined): string {
  if (!page) return source.replace('</head>', '  <meta name="robots" content="noindex" />\n  </head>');
  return source
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(`${page.title} — ${SITE_NAME}`)}</title>`)
    .replace(/<meta name="description" content="[^"]*"/, `<meta name="description" content="${escapeHtml(page.description)}"`);
}

/**
 * index.html with the model map (config/labels.yaml, what GET /api/labels answers) written in as a
 * JSON script: the front's first paint has every label without a request. The browser does not run
 * it (not JavaScript, hence nothing for the Content-Security-Policy to allow); `<` is escaped so that
 * no label can close the script. Built once per build of the front and per public page (its head and
 * preloads), compressed once too (brotli and gzip, at their highest levels: the page is the same for
 * every visitor).
 */
function pageWithLabels(source: string, manifest: Manifest, page: PublicPage | undefined): Page {
  const json = JSON.stringify(modelLabels()).replace(/</g, '\\u003c');
  const head = [...preloadLinks(manifest, page), `<script type="application/json" id="${LABELS_ELEMENT_ID}">${json}</script>`].map((line) => `  ${line}\n`).join('');
  const headed = withHead(source, page);
  const html = Buffer.from(headed.includes('</head>') ? headed.replace('</head>', `${head}  </head>`) : `${head}${headed}`);
  return {
    html,
    gzip: zlib.gzipSync(html, { level: 9 }),
    brotli: zlib.brotliCompressSync(html, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
  };
}

/** The pages built from one index.html, by public page (`''`: any other page); dropped when the file changes. */
class Pages {
  private mtimeMs = -1;
  private source = '';
  private manifest: Manifest = {};
  private readonly built = new Map<string, Page>();

  constructor(private readonly file: string) {}

  at(pathname: string): Page {
    const { mtimeMs } = fs.statSync(this.file);
    if (mtimeMs !== this.mtimeMs) {
      this.source = fs.readFileSync(this.file, 'utf8');
      // Written by the same build as index.html; a front built without it only loses the preloads.
      const manifestFile = path.join(path.dirname(this.file), '.vite', 'manifest.json');
      this.manifest = fs.existsSync(manifestFile) ? (JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest) : {};
      this.mtimeMs = mtimeMs;
      this.built.clear();
    }
    const page = publicPageAt(pathname);
    const key = page?.path ?? '';
    let built = this.built.get(key);
    if (!built) {
      built = pageWithLabels(this.source, this.manifest, page);
      this.built.set(key, built);
    }
    return built;
  }
}

/**
 * Serves the French front (front/dist, built by Vite) on the cms's own port: hashed assets with a
 * long cache, and index.html (with the model map) for every other page path so that the browser
 * router takes over. Text files go out as the brotli or gzip copy the build wrote beside them
 * (front/vite.config.ts) when the browser accepts it; index.html is never cached without asking
 * again, since it names the hashed assets of the current build.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const root = process.env.CHARTE_FRONT_DIR ?? path.join(repositoryRoot(), 'front', 'dist');
  let warned = false;
  const pages = new Pages(path.join(root, 'index.html'));
  return async (ctx: Context, next: Next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || STRAPI_PATHS.test(ctx.path)) return next();
    if (!fs.existsSync(path.join(root, 'index.html'))) {
      if (!warned) strapi.log.warn('Interface web non construite (front/dist absent) : lancez « npm run build ».');
      warned = true;
      return next();
    }
    const asset = ctx.path.startsWith('/assets/');
    // The same address answers differently by Accept-Encoding: a shared cache must keep them apart.
    ctx.vary('Accept-Encoding');
    // index.html itself is never sent as stored: below, with the model map.
    const indexPage = ctx.path === '/index.html';
    if (!indexPage) {
      try {
        const served = await send(ctx, ctx.path, { root, index: false, immutable: asset, maxage: asset ? YEAR_SECONDS * 1000 : 0, brotli: true, gzip: true });
        if (served) return;
      } catch (error) {
        const status = (error as { status?: number }).status;
        if (status !== 404 && status !== 400) throw error;
      }
    }
    if (path.extname(ctx.path) && !indexPage) return next();
    const page = pages.at(ctx.path);
    ctx.set('Cache-Control', 'no-cache');
    ctx.type = 'text/html; charset=utf-8';
    const encoding = ctx.acceptsEncodings('br', 'gzip', 'identity');
    if (encoding === 'br' || encoding === 'gzip') {
      ctx.set('Content-Encoding', encoding);
      ctx.body = encoding === 'br' ? page.brotli : page.gzip;
    } else ctx.body = page.html;
  };
};
