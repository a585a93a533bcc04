import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';

/** An id a reverse proxy already gave the request is kept when it looks like one; otherwise a new one. */
const PROXY_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Every request gets an id, answered in `X-Request-Id` and written on every log line of that
 * request (cms/config/logger.ts), so that a user's « réf. » or a proxy's log leads to the lines.
 */
export default () => async (ctx: Context, next: Next) => {
  const given = ctx.get('x-request-id');
  const id = PROXY_ID.test(given) ? given : randomUUID();
  ctx.state.requestId = id;
  ctx.set('X-Request-Id', id);
  await next();
};
