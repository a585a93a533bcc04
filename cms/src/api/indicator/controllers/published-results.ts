import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { publishedResults } from '../../../published-results/published-results';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Public: no account needed (config/roles.yaml gives `show` to every role, anonymous included). */
  async show(ctx: Context) {
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = await publishedResults(strapi);
  },
});
