import { factories, type Core, type UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { readScopeFor, type Caller } from './read-scope';
import { rolesConfig } from './roles-config';
import { checkAttachedFiles } from './media-ownership';
import { allowedService, writableOr404 } from './write-scope';
import { auditedCampaignOf } from './audit-mandate';
import { requestBody } from '../platform/http/request';

type Query = Record<string, unknown> & { filters?: unknown };
type Redact = (strapi: Core.Strapi, caller: unknown, entries: unknown[]) => Promise<void>;
/** Refuses, for this caller, a query that could reveal what the response hides (say, filtering on notes). */
type QueryGuard = (caller: unknown, query: Query) => void;

/** The core controller helpers this factory relies on (typed loosely by Strapi). */
interface CoreHelpers {
  validateQuery(ctx: Context): Promise<void>;
  validateInput(data: unknown, ctx: Context): Promise<void>;
  sanitizeInput(data: unknown, ctx: Context): Promise<Record<string, unknown>>;
  sanitizeQuery(ctx: Context): Promise<Query>;
  sanitizeOutput(data: unknown, ctx: Context): Promise<unknown>;
  transformResponse(data: unknown, meta?: Record<string, unknown>): unknown;
}
interface CoreService {
  find(query: Query): Promise<{ results: unknown[]; pagination: unknown }>;
  findOne(documentId: string, query: Query): Promise<unknown>;
  create(params: Query & { data: Record<string, unknown> }): Promise<unknown>;
  update(documentId: string, params: Query & { data: Record<string, unknown> }): Promise<unknown>;
  delete(documentId: string, query: Query): Promise<unknown>;
}

function bodyData(ctx: Context): Record<string, unknown> {
  const body = requestBody(ctx) as { data?: unknown } | undefined;
  const data = body?.data;
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new errors.ValidationError('Corps de requête attendu : { "data": { … } }.');
  }
  return data as Record<string, unknown>;
}

/**
 * The checks every core write does first: query and body validated, then sanitized for the caller.
 * `accountFields` name relations to accounts that the writer names without reading accounts (a
 * mystery test's tester): Strapi would refuse them to a role without access to users; they skip
 * its validation and are checked by the type's Document Service rules instead.
 */
async function readWrite(core: CoreHelpers, ctx: Context, accountFields: string[] = []) {
  await core.validateQuery(ctx);
  const query = await core.sanitizeQuery(ctx);
  const raw = bodyData(ctx);
  const accounts = Object.fromEntries(accountFields.filter((f) => f in raw).map((f) => [f, raw[f]]));
  for (const field of Object.keys(accounts)) delete raw[field];
  await core.validateInput(raw, ctx);
  const data = await core.sanitizeInput(raw, ctx);
  Object.assign(raw, accounts);
  return { query, raw, data: { ...data, ...accounts } };
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
export function scopedController(uid: UID.ContentType, redact?: Redact, guardQuery?: QueryGuard, accountFields: string[] = []) {
  return factories.createCoreController(uid, ({ strapi }) => {
    const service = () => strapi.service(uid as never) as unknown as CoreService;
    const serviceScoped = rolesConfig().serviceScopedTypes.includes(uid);
    const attributes = (strapi.contentTypes as unknown as Record<string, { attributes: Record<string, { target?: string }> }>)[uid]?.attributes ?? {};
    const hasAuthor = 'author' in attributes;
    // An auditor writes only in the campaign they audit (access/audit-mandate.ts).
    const campaignBound = attributes.campaign?.target === 'api::campaign.campaign';
    /** Every response goes through the same redaction as the lists, whatever the action. */
    const redacted = async (core: CoreHelpers, ctx: Context, entity: unknown) => {
      const sanitized = await core.sanitizeOutput(entity, ctx);
      if (redact) await redact(strapi, ctx.state.user, [sanitized]);
      return sanitized;
    };
    const writable = (documentId: string, caller: Caller) => writableOr404(strapi, uid, documentId, caller);
    return {
      async find(ctx: Context) {
        const core = this as unknown as CoreHelpers;
        await core.validateQuery(ctx);
        const query = await core.sanitizeQuery(ctx);
        guardQuery?.(ctx.state.user, query);
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
        guardQuery?.(ctx.state.user, query);
        const scope = await readScopeFor(strapi, uid, ctx.state.user);
        const entity = await service().findOne(ctx.params.id, withScope(query, scope));
        if (!entity) return ctx.notFound('Document introuvable ou non accessible.');
        return core.transformResponse(await redacted(core, ctx, entity));
      },
      /** Creates in the caller's service (see allowedService) and records the caller as author. */
      async create(ctx: Context) {
        const core = this as unknown as CoreHelpers;
        const { query, raw, data } = await readWrite(core, ctx, accountFields);
        const caller = ctx.state.user as Caller;
        if (serviceScoped) data.service = await allowedService(strapi, caller, raw, true);
        const campaign = campaignBound ? await auditedCampaignOf(strapi, caller, raw, true) : undefined;
        if (campaign !== undefined) data.campaign = campaign;
        if (hasAuthor) data.author = caller.id;
        await checkAttachedFiles(strapi, uid, null, raw);
        const entity = await service().create({ ...query, data });
        ctx.status = 201;
        return core.transformResponse(await redacted(core, ctx, entity));
      },
      /** Updates a document the caller can read; moving it to another service follows the same rule as create. */
      async update(ctx: Context) {
        const core = this as unknown as CoreHelpers;
        const { query, raw, data } = await readWrite(core, ctx, accountFields);
        const caller = ctx.state.user as Caller;
        await writable(ctx.params.id, caller);
        if (serviceScoped && 'service' in raw) data.service = await allowedService(strapi, caller, raw, false);
        const campaign = campaignBound ? await auditedCampaignOf(strapi, caller, raw, false) : undefined;
        if (campaign !== undefined) data.campaign = campaign;
        await checkAttachedFiles(strapi, uid, ctx.params.id, raw);
        const entity = await service().update(ctx.params.id, { ...query, data });
        return core.transformResponse(await redacted(core, ctx, entity));
      },
      async delete(ctx: Context) {
        const core = this as unknown as CoreHelpers;
        await core.validateQuery(ctx);
        const query = await core.sanitizeQuery(ctx);
        await writable(ctx.params.id, ctx.state.user as Caller);
        await service().delete(ctx.params.id, query);
        ctx.status = 204;
      },
    };
  });
}
