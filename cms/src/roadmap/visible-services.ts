import type { Core } from '@strapi/strapi';
import { roleOf, type Caller } from '../access/read-scope';
import { rolesConfig } from '../access/roles-config';
import { membershipOf } from '../access/service-membership';

/**
 * The service ids whose documents the caller may read (config/roles.yaml readScope), for
 * hand-written SQL: `null` means every service (and documents without a service), `[]` none.
 * Same rule as readScopeFor, which hands back a Document Service filter instead.
 */
export async function visibleServiceIds(strapi: Core.Strapi, caller: Caller | undefined | null): Promise<number[] | null> {
  const role = rolesConfig().roles[roleOf(caller)];
  if (!role || !caller || role.readScope === 'none') return [];
  if (role.readScope === 'all') return null;
  return (await membershipOf(strapi, caller.id)).serviceIds;
}
