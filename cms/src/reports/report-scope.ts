import type { Core } from '@strapi/strapi';
import { visibleServiceIds, type Caller } from '../access/read-scope';
import { HttpError } from '../platform/http/http-error';

/**
 * Who reads a service's evaluation report: whoever reads that service's evaluations
 * (config/roles.yaml: its heads and agents; the référent qualité and the DGS read every service).
 */
export async function assertMayReadServiceReport(strapi: Core.Strapi, caller: Caller | undefined, service: { id: number; name: string }): Promise<void> {
  if (!caller) throw new HttpError(401, 'Connectez-vous pour télécharger ce rapport.');
  const visible = await visibleServiceIds(strapi, caller);
  if (visible === null || visible.includes(service.id)) return;
  throw new HttpError(403, `Le rapport du service « ${service.name} » est réservé à ses agents et chefs, au référent qualité et au DGS.`);
}

/**
 * The synthesis compares every service: it is for the roles that read every service's evaluations
 * (référent qualité, DGS). A service head reads their own service's report, not the others' figures.
 */
export async function assertMayReadSynthesis(strapi: Core.Strapi, caller: Caller | undefined): Promise<void> {
  if (!caller) throw new HttpError(401, 'Connectez-vous pour télécharger ce rapport.');
  if ((await visibleServiceIds(strapi, caller)) !== null) {
    throw new HttpError(403, 'La synthèse compare tous les services : elle est réservée au référent qualité et au DGS.');
  }
}
