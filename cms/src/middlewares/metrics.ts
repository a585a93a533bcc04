import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { registerGauges } from '../operations/gauges';
import { httpDuration, registry } from '../platform/metrics';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** The route's pattern (never the raw path: one series per route, whatever the ids in it). */
function routeOf(ctx: Context): string {
  const matched = (ctx as Context & { _matchedRoute?: string })._matchedRoute;
  if (matched) return matched;
  if (ctx.path.startsWith('/admin')) return '/admin/*';
  if (ctx.path.startsWith('/api') || ctx.path.startsWith('/charte-admin')) return 'inconnue';
  return 'interface';
}

/**
 * GET /metrics in Prometheus' text format, for whoever holds METRICS_TOKEN (Authorization: Bearer)
 * or, without a token configured, from the machine itself only (loopback; behind a trusted proxy,
 * the client's address). Every other request is timed into charte_http_request_duration_seconds.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  registerGauges(strapi);
  return async (ctx: Context, next: Next) => {
    if (ctx.path === '/metrics' && ctx.method === 'GET') {
      const token = process.env.METRICS_TOKEN;
      const allowed = token ? ctx.get('authorization') === `Bearer ${token}` : LOOPBACK.has(ctx.ip);
      if (!allowed) {
        ctx.status = token ? 401 : 403;
        ctx.body = token ? 'Jeton METRICS_TOKEN requis (Authorization: Bearer …).\n' : 'Mesures lisibles depuis la machine elle-même seulement (ou définissez METRICS_TOKEN).\n';
        return;
      }
      ctx.set('Content-Type', registry.contentType);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = await registry.metrics();
      return;
    }
    const stop = httpDuration.startTimer();
    try {
      await next();
    } finally {
      stop({ method: ctx.method, route: routeOf(ctx), status: `${Math.floor(ctx.status / 100)}xx` });
    }
  };
};
