import type { Context, Next } from 'koa';
import { containsNul } from '../platform/input/text-safety';
import { requestBody } from '../platform/http/request';

/**
 * PostgreSQL text cannot hold a NUL character: a request carrying one in its address or its JSON
 * body gets a clear 400 here rather than a database error (500) further down.
 */
export default () => async (ctx: Context, next: Next) => {
  const body = requestBody(ctx);
  // eslint-disable-next-line no-control-regex -- the NUL character is exactly what is refused
  if (/%00|\u0000/i.test(ctx.url) || containsNul(body)) {
    ctx.status = 400;
    ctx.body = {
      data: null,
      error: { status: 400, name: 'ValidationError', message: 'La requête contient un caractère nul (\\u0000), qui ne peut pas être enregistré.', details: {} },
    };
    return;
  }
  await next();
};
