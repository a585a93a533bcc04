import type { Context, Next } from 'koa';

/**
 * One Content-Security-Policy for the admin panel and the French front (same origin): scripts only
 * from our own files, inline styles allowed (the admin panel's styled-components and the charts
 * write style attributes), images and workers from blob:/data: (the panel's media library and its
 * previews), nothing framed and no framing by others. Set after strapi::security, which keeps HSTS,
 * X-Content-Type-Options, Referrer-Policy and X-Frame-Options (config/middlewares.ts).
 */
const BASE: Record<string, string[]> = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'object-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'media-src': ["'self'", 'data:', 'blob:'],
  'worker-src': ["'self'", 'blob:'],
  'manifest-src': ["'self'"],
  'frame-src': ["'self'"],
};

/**
 * `strapi develop` serves the panel through Vite (inline module preamble, hot-reload socket); the
 * built panel of `npm start` and production needs none of it.
 */
const ADMIN_DEVELOPMENT: Record<string, string[]> = {
  'script-src': ["'unsafe-inline'", "'unsafe-eval'"],
  'connect-src': ['ws:', 'wss:'],
};

const viteDevelopment = () => process.env.NODE_ENV === 'development' && process.argv.includes('develop');

function renderPolicy(withAdminDevServer: boolean): string {
  const directives = Object.fromEntries(Object.entries(BASE).map(([name, sources]) => [name, [...sources]]));
  if (withAdminDevServer) {
    for (const [name, sources] of Object.entries(ADMIN_DEVELOPMENT)) directives[name].push(...sources);
  }
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

// Two possible headers, written once: this middleware runs on every request.
const POLICIES = { strict: renderPolicy(false), adminDevServer: renderPolicy(true) };

export function contentSecurityPolicy(path: string, adminDevServer = viteDevelopment()): string {
  return adminDevServer && path.startsWith('/admin') ? POLICIES.adminDevServer : POLICIES.strict;
}

/** Browser features no page of ours uses: a script injected some day cannot reach them either. */
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), interest-cohort=()';

export default () => {
  const adminDevServer = viteDevelopment();
  return async (ctx: Context, next: Next) => {
    ctx.set('Content-Security-Policy', contentSecurityPolicy(ctx.path, adminDevServer));
    ctx.set('Permissions-Policy', PERMISSIONS_POLICY);
    await next();
  };
};
