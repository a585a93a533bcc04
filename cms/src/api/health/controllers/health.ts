import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { readiness } from '../../../operations/health';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The process answers: what a container's restart policy watches. */
  async live(ctx: Context) {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { status: 'en vie' };
  },
  /** 200 when every check holds, 503 with the French reason of each that does not. */
  async ready(ctx: Context) {
    const { ready, checks } = await readiness(strapi);
    ctx.set('Cache-Control', 'no-store');
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? 'prêt' : 'indisponible', checks };
  },
});
