import type { Core } from '@strapi/strapi';
import { membershipMemo } from './auth-cache';

export interface Membership {
  serviceIds: number[];
  headOf: number[];
}

/** The services a user belongs to, as head or as agent (remembered briefly, see auth-cache.ts). */
export function membershipOf(strapi: Core.Strapi, userId: number): Promise<Membership> {
  return membershipMemo.get(userId, () => lookUpMembership(strapi, userId));
}

/** Two indexed join-table lookups. */
async function lookUpMembership(strapi: Core.Strapi, userId: number): Promise<Membership> {
  const services = strapi.db.query('api::service.service');
  const [headed, staffed] = await Promise.all([
    services.findMany({ select: ['id'], where: { heads: { id: userId } } }),
    services.findMany({ select: ['id'], where: { agents: { id: userId } } }),
  ]);
  const headOf = headed.map((s: { id: number }) => s.id);
  return { headOf, serviceIds: [...new Set([...headOf, ...staffed.map((s: { id: number }) => s.id)])] };
}
