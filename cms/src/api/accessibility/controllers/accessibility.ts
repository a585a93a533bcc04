import type { Context } from 'koa';
import { accessibilityStatement } from '../../../legal/accessibility-statement';

export default () => ({
  async show(ctx: Context) {
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = { data: accessibilityStatement() };
  },
});
