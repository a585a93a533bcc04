import type { Core } from '@strapi/strapi';
import type { Caller } from '../platform/http/request';
import { HttpError } from '../platform/http/http-error';
import { rolesConfig } from './roles-config';
import { mandateOf, mandateRefusal } from './audit-mandate';
import { membershipOf } from './service-membership';

export type { Caller };

/** `null` means "no restriction"; otherwise a Strapi filter to AND with the caller's own filters. */
export type ScopeFilter = Record<string, unknown> | null;

const NOTHING: ScopeFilter = { id: { $null: true } };
const CAMPAIGN = 'api::campaign.campaign';

export function roleOf(caller: Caller | undefined | null): string {
  return caller?.role?.type ?? 'public';
}

/**
 * THE reading of config/roles.yaml `readScope`: the services whose documents the caller reads —
 * `null` for every service (documents without a service included), else their ids (`[]`: none).
 * Every read of service-bound data goes through it, as a Document Service filter (readScopeFor)
 * or as ids for hand-written SQL.
 */
export async function visibleServiceIds(strapi: Core.Strapi, caller: Caller | undefined | null): Promise<number[] | null> {
  const role = rolesConfig().roles[roleOf(caller)];
  if (!role || !caller || role.readScope === 'none') return [];
  if (role.readScope === 'all') return null;
  if (role.readScope === 'audited-campaign') {
    const mandate = await mandateOf(strapi, caller.id);
    return mandate && !mandateRefusal(mandate) ? mandate.serviceIds : [];
  }
  return (await membershipOf(strapi, caller.id)).serviceIds;
}

/**
 * An auditor reads, of a type that names its campaign, only the audited campaign's documents
 * (within its services: visibleServiceIds); of the others (roadmap actions), its services'.
 */
async function auditedCampaignScope(strapi: Core.Strapi, uid: string, caller: Caller): Promise<ScopeFilter> {
  const attributes = (strapi.contentTypes as unknown as Record<string, { attributes: Record<string, { target?: string }> }>)[uid]?.attributes ?? {};
  if (attributes.campaign?.target !== CAMPAIGN) return null;
  const mandate = await mandateOf(strapi, caller.id);
  return mandate ? { campaign: { id: mandate.campaignId } } : NOTHING;
}

/** The same ids for a staff page that refuses, with `refusal`, a role that reads no service at all. */
export async function servicesOrRefuse(strapi: Core.Strapi, caller: Caller | undefined | null, refusal: string): Promise<number[] | null> {
  const role = rolesConfig().roles[roleOf(caller)];
  if (!caller || !role || role.readScope === 'none') throw new HttpError(403, refusal);
  return visibleServiceIds(strapi, caller);
}

/**
 * What part of a collection the caller may read, from config/roles.yaml: for service-bound types,
 * the documents of visibleServiceIds; for other types, the role's readFilters.
 */
export async function readScopeFor(strapi: Core.Strapi, uid: string, caller: Caller | undefined | null): Promise<ScopeFilter> {
  const config = rolesConfig();
  const role = config.roles[roleOf(caller)];
  if (!role) return NOTHING;
  // An auditor reads one campaign: the one they audit, while their mission runs.
  if (uid === CAMPAIGN && role.readScope === 'audited-campaign') {
    const mandate = caller ? await mandateOf(strapi, caller.id) : null;
    return mandate && !mandateRefusal(mandate) ? { id: mandate.campaignId } : NOTHING;
  }
  if (!config.serviceScopedTypes.includes(uid)) return role.readFilters?.[uid] ?? null;
  const blind = config.blindTypes[uid];
  if (blind) return blindScope(strapi, blind, caller);
  const ids = await visibleServiceIds(strapi, caller);
  if (ids === null) return null;
  if (!ids.length) return NOTHING;
  const inServices = { service: { id: { $in: ids } } };
  const campaign = role.readScope === 'audited-campaign' && caller ? await auditedCampaignScope(strapi, uid, caller) : null;
  return campaign ? { $and: [inServices, campaign] } : inServices;
}

/**
 * A blind type (a mystery test): its planners read everything; its tester reads their own; anyone
 * else reads, within their services, only the documents already revealed — a service head never
 * learns of a test before it is validated.
 */
async function blindScope(strapi: Core.Strapi, blind: { testerField: string; revealedIn: string[]; planners: string[] }, caller: Caller | undefined | null): Promise<ScopeFilter> {
  if (!caller) return NOTHING;
  if (blind.planners.includes(roleOf(caller))) return null;
  const revealed: Record<string, unknown> = { workflowState: { $in: blind.revealedIn } };
  const ids = await visibleServiceIds(strapi, caller);
  const reach = ids === null ? [revealed] : ids.length ? [{ $and: [revealed, { service: { id: { $in: ids } } }] }] : [];
  return { $or: [{ [blind.testerField]: { id: caller.id } }, ...reach] };
}

/** Whether the caller may read this document (it exists and lies within their read scope). */
export async function canRead(strapi: Core.Strapi, uid: string, documentId: string, caller: Caller | undefined | null): Promise<boolean> {
  const scope = await readScopeFor(strapi, uid, caller);
  const filters = { documentId, ...(scope ? { $and: [scope] } : {}) };
  return (await strapi.documents(uid as never).count({ filters } as never)) > 0;
}
