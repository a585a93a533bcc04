import type { Core } from '@strapi/strapi';
import { readScopeFor, roleOf, type Caller } from '../access/read-scope';
import { membershipOf } from '../access/service-membership';
import { ReportError } from './report-error';

const EVALUATION = 'api::evaluation.evaluation';

/**
 * Who reads a service's evaluation report: whoever reads that service's evaluations
 * (config/roles.yaml: its heads and agents; the référent qualité and the DGS read every service).
 */
export async function assertMayReadServiceReport(strapi: Core.Strapi, caller: Caller | undefined, service: { id: number; name: string }): Promise<void> {
  if (!caller) throw new ReportError(401, 'Connectez-vous pour télécharger ce rapport.');
  if (!(await readScopeFor(strapi, EVALUATION, caller))) return;
  if (roleOf(caller) !== 'public' && (await membershipOf(strapi, caller.id)).serviceIds.includes(service.id)) return;
  throw new ReportError(403, `Le rapport du service « ${service.name} » est réservé à ses agents et chefs, au référent qualité et au DGS.`);
}

/**
 * The synthesis compares every service: it is for the roles that read every service's evaluations
 * (référent qualité, DGS). A service head reads their own service's report, not the others' figures.
 */
export async function assertMayReadSynthesis(strapi: Core.Strapi, caller: Caller | undefined): Promise<void> {
  if (!caller) throw new ReportError(401, 'Connectez-vous pour télécharger ce rapport.');
  if (await readScopeFor(strapi, EVALUATION, caller)) {
    throw new ReportError(403, 'La synthèse compare tous les services : elle est réservée au référent qualité et au DGS.');
  }
}
