import { factories, type Core, type UID } from '@strapi/strapi';
import type { Context } from 'koa';
import { readScopeFor } from './read-scope';

type Query = Record<string, unknown> & { filters?: unknown };
type Redact = (strapi: Core.Strapi, caller: unknown, entries: unknown[]) => Promise<void>;

/** The core controller helpers this factory relies on (typed loosely by Strapi). */
interface CoreHelpers {
  validateQuery(ctx: Context): Promise<void>;
  sanitizeQuery(ctx: Context): Promise<Query>;
  sanitizeOutput(data: unknown, ctx: Context): Promise<unknown>;
  transformResponse(data: unknown, meta?: Record<string, unknown>): unknown;
}
interface CoreService {
  find(query: Query): Promise<{ results: unknown[]; pagination: unknown }>;
  findOne(documentId: string, query: Query): Promise<unknown>;
}

function withScope(query: Query, scope: Record<string, unknown> | null): Query {
  if (!scope) return query;
  return { ...query, filters: query.filters ? { $and: [query.filters, scope] } : scope };
}

/**
 * The core controller, with `find` and `findOne` limited to what the caller may read
 * (config/roles.yaml). The scope is added after the query is sanitized, so nothing the client
 * sends can widen it; a document outside the scope answers 404, as if it did not exist.
 */
export function scopedController(uid: UID.ContentType, redact?: Redact) {
  return factories.createCoreController(uid, ({ strapi }) => {
    const service = () => strapi.service(uid as never) as unknown as CoreService;
    return {
      async find(ctx: Context) {
        const core = this as unknown as CoreHelpers;
        await core.validateQuery(ctx);
        const query = await core.sanitizeQuery(ctx);
        const scope = await readScopeFor(strapi, uid, ctx.state.user);
        const { results, pagination } = await service().find(withScope(query, scope));
        const sanitized = (await core.sanitizeOutput(results, ctx)) as unknown[];
        if (redact) await redact(strapi, ctx.state.user, sanitized);
        return core.transformResponse(sanitized, { pagination });
      },
      async findOne(ctx: Context) {
        const core = this as unknown as CoreHelpers;
        await core.validateQuery(ctx);
        const query = await core.sanitizeQuery(ctx);
        const scope = await readScopeFor(strapi, uid, ctx.state.user);
        const entity = await service().findOne(ctx.params.id, withScope(query, scope));
        if (!entity) return ctx.notFound('Document introuvable ou non accessible.');
        const sanitized = await core.sanitizeOutput(entity, ctx);
        if (redact) await redact(strapi, ctx.state.user, [sanitized]);
        return core.transformResponse(sanitized);
      },
    };
  });
}
