import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { publicFeedback } from '../../../published-results/public-feedback';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Public (config/roles.yaml gives `show` to every role, anonymous included): approved texts only. */
  async show(ctx: Context) {
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = await publicFeedback(strapi);
  },
});
