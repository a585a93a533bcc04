import type { Context } from 'koa';
import { modelLabels } from '../../../platform/config/labels';

/** GET /api/labels: the French model map (config/labels.yaml), read once by the front. */
export default () => ({
  async show(ctx: Context) {
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = { data: modelLabels() };
  },
});
