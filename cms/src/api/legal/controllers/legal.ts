import type { Context } from 'koa';
import { legalNotice } from '../../../legal/legal-notice';

export default () => ({
  async show(ctx: Context) {
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = { data: legalNotice() };
  },
});
