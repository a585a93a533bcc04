import path from 'node:path';
import zlib from 'node:zlib';

// Our own middlewares by absolute path: a relative one resolves differently under Jest.
export default [
  // First: every line logged for a request, the request's own line included, carries its id.
  'global::request-id',
  // GET /metrics, and the duration of every other request.
  'global::metrics',
  'strapi::logger',
  'strapi::errors',
  // Refusals in French (Strapi's and yup's messages translated), body parser errors as 4xx.
  'global::french-errors',
  {
    // Strapi's own koa-compress: API JSON (and the admin panel's files) compressed on the fly,
    // brotli or gzip as the client accepts, above 1 KB (below, the headers outweigh the gain). Fast
    // levels, since it runs on every answer; the front's files come precompressed at the highest
    // levels (front/vite.config.ts) and are passed through, their Content-Encoding already set.
    // After the error middlewares: its 406 (a client refusing every encoding) is answered in French.
    name: 'strapi::compression',
    config: { threshold: 1024, br: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }, gzip: { level: 6 }, deflate: false },
  },
  {
    name: 'strapi::security',
    config: {
      // The Content-Security-Policy and Permissions-Policy come from src/security/security-headers.ts, just below.
      contentSecurityPolicy: false,
      hsts: process.env.NODE_ENV === 'production' ? { maxAge: 31536000, includeSubDomains: true } : false,
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
      frameguard: { action: 'deny' },
    },
  },
  { resolve: path.join(__dirname, '..', 'src', 'security', 'security-headers') },
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'global::reject-nul',
  // Too deep, prototype keys, lone UTF-16 halves: a French 400 before any controller.
  'global::safe-body',
  // An external auditor outside their mission's dates: every request refused, in French (403).
  'global::audit-period',
  // Login throttling, no account enumeration, admin password policy, upload type and size (reads the parsed body).
  { resolve: path.join(__dirname, '..', 'src', 'security', 'request-guard') },
  'strapi::session',
  'strapi::favicon',
  // robots.txt and sitemap.xml, written from the list of public pages.
  'global::crawlers',
  // The French front, on the same port as the API (front/dist).
  'global::front',
  'strapi::public',
];
