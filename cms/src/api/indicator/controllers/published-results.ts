import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { openDataCsv, openDataResults } from '../../../published-results/open-data';
import { publishedResults } from '../../../published-results/published-results';
import { resultsPoster } from '../../../published-results/results-poster';

/** The public results change when a measure is validated: browsers and proxies keep them 5 minutes. */
const PUBLIC_CACHE = 'public, max-age=300';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Public: no account needed (config/roles.yaml gives `show` to every role, anonymous included). */
  async show(ctx: Context) {
    ctx.set('Cache-Control', PUBLIC_CACHE);
    ctx.body = await publishedResults(strapi);
  },

  /** GET /api/public/open-data/resultats.json: the SP+ open-data rows. */
  async openDataJson(ctx: Context) {
    const results = await openDataResults(strapi);
    ctx.set('Cache-Control', PUBLIC_CACHE);
    ctx.attachment('resultats.json', { type: 'inline' });
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = results;
  },

  /** GET /api/public/open-data/resultats.csv: the same rows, to upload to the SP+ platform. */
  async openDataCsv(ctx: Context) {
    const results = await openDataResults(strapi);
    ctx.set('Cache-Control', PUBLIC_CACHE);
    ctx.attachment('resultats.csv');
    ctx.type = 'text/csv; charset=utf-8';
    ctx.body = openDataCsv(results);
  },

  /** GET /api/public/results/poster.pdf?format=A4|A3: the results poster of the lieux d'accueil. */
  async poster(ctx: Context) {
    const { body, fileName, asciiName } = await resultsPoster(strapi, ctx.query.format);
    ctx.set('Cache-Control', PUBLIC_CACHE);
    ctx.attachment(fileName, { fallback: asciiName });
    ctx.type = 'application/pdf';
    ctx.body = body;
  },
});
