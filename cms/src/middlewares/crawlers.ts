import { OPEN_DATA_PATH, PUBLIC_PAGES } from '@charte/contract';
import type { Context, Next } from 'koa';

/**
 * robots.txt and sitemap.xml: the town's charter, results, accessibility statement and public forms
 * are to be found by search engines; the staff pages, the admin panel and the API (but its open data
 * files) are not. Both are written from the one list of public pages (contract/src/public-pages.ts).
 */

/** The site's address as the public reaches it: PUBLIC_URL, else the address of this request. */
function siteUrl(ctx: Context): string {
  return (process.env.PUBLIC_URL || ctx.origin).replace(/\/+$/, '');
}

/**
 * Longest match wins (RFC 9309): each Allow below is longer than `Disallow: /`. `$` ends an exact
 * address, so that /charte is read and /charte/gestion (a staff page) is not. The scripts, styles and
 * the favicon are allowed too: an engine renders the page with them.
 */
export function robotsTxt(base: string): string {
  const allowed = PUBLIC_PAGES.map((page) => `Allow: ${page.path}${page.exact ? '$' : ''}`);
  return [
    '# Charte d’accueil : pages publiques ouvertes aux moteurs de recherche ; pages des agents, panneau et API fermés.',
    'User-agent: *',
    ...allowed,
    `Allow: ${OPEN_DATA_PATH}`,
    'Allow: /assets/',
    'Allow: /favicon.png',
    'Disallow: /',
    '',
    `Sitemap: ${base}/sitemap.xml`,
    '',
  ].join('\n');
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function sitemapXml(base: string): string {
  const urls = PUBLIC_PAGES.filter((page) => page.inSitemap).map((page) => `  <url><loc>${escapeXml(base + page.path)}</loc></url>`);
  const openData = ['resultats.json', 'resultats.csv'].map((file) => `  <url><loc>${escapeXml(`${base}${OPEN_DATA_PATH}${file}`)}</loc></url>`);
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...urls, ...openData, '</urlset>', ''].join('\n');
}

export default () => async (ctx: Context, next: Next) => {
  if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
  if (ctx.path === '/robots.txt') {
    ctx.type = 'text/plain; charset=utf-8';
    ctx.body = robotsTxt(siteUrl(ctx));
  } else if (ctx.path === '/sitemap.xml') {
    ctx.type = 'application/xml; charset=utf-8';
    ctx.body = sitemapXml(siteUrl(ctx));
  } else return next();
  ctx.set('Cache-Control', 'public, max-age=3600');
};
