import type { Core } from '@strapi/strapi';
import { rolesConfig } from './roles-config';
import { membershipOf } from './service-membership';

export interface Caller {
  id: number;
  role?: { type?: string } | null;
}

/** `null` means "no restriction"; otherwise a Strapi filter to AND with the caller's own filters. */
export type ScopeFilter = Record<string, unknown> | null;

const NOTHING: ScopeFilter = { id: { $null: true } };

export function roleOf(caller: Caller | undefined | null): string {
  return caller?.role?.type ?? 'public';
}

/**
 * What part of a collection the caller may read, from config/roles.yaml: for service-bound types,
 * all of it, only their services' documents, or nothing; for other types, the role's readFilters.
 */
export async function readScopeFor(strapi: Core.Strapi, uid: string, caller: Caller | undefined | null): Promise<ScopeFilter> {
  const config = rolesConfig();
  const roleType = roleOf(caller);
  const role = config.roles[roleType];
  if (!role) return NOTHING;
  if (!config.serviceScopedTypes.includes(uid)) return role.readFilters?.[uid] ?? null;
  if (role.readScope === 'all') return null;
  if (role.readScope === 'none' || !caller) return NOTHING;
  const { serviceIds } = await membershipOf(strapi, caller.id);
  return { service: { id: { $in: serviceIds.length ? serviceIds : [0] } } };
}

/** Whether the caller may read this document (it exists and lies within their read scope). */
export async function canRead(strapi: Core.Strapi, uid: string, documentId: string, caller: Caller | undefined | null): Promise<boolean> {
  const scope = await readScopeFor(strapi, uid, caller);
  const filters = { documentId, ...(scope ? { $and: [scope] } : {}) };
  return (await strapi.documents(uid as never).count({ filters } as never)) > 0;
}
