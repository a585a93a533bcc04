import type { Core } from '@strapi/strapi';
import { workflowByUid } from '../workflow/definitions';
import { workflowLabels } from '../platform/config/labels';
import { tableOf } from '../platform/db/schema';
import { HttpError, shown } from '../platform/http/http-error';
import { isDocumentId } from '../platform/db/document-id';

export interface EvaluationFilters {
  campaignId?: number;
  serviceId?: number;
  themeId?: number;
  state?: string;
}

const ALLOWED = ['campaign', 'service', 'theme', 'state'];
const SLUG = /^[a-z0-9-]{1,120}$/;

function single(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new HttpError(400, `Le filtre « ${name} » ne peut avoir qu’une valeur.`);
  return value;
}

/**
 * The export's filters (campaign and theme by documentId, service by slug, state by workflow state),
 * checked and turned into ids. A service outside the caller's scope reads as unknown, like one that
 * does not exist; `visible` null means every service.
 */
export async function parseEvaluationFilters(strapi: Core.Strapi, query: Record<string, unknown>, visible: number[] | null): Promise<EvaluationFilters> {
  const unknown = Object.keys(query).filter((key) => !ALLOWED.includes(key));
  if (unknown.length) throw new HttpError(400, `Filtre inconnu : ${unknown.map((k) => shown(k)).join(', ')}. Filtres possibles : campaign, service, theme, state.`);
  const knex = strapi.db.connection;
  const filters: EvaluationFilters = {};

  const campaign = single(query, 'campaign');
  if (campaign !== undefined) {
    const row = isDocumentId(campaign) ? await knex(tableOf(strapi, 'api::campaign.campaign')).where('document_id', campaign).first('id') : undefined;
    if (!row) throw new HttpError(400, `Campagne inconnue : ${shown(campaign)}.`);
    filters.campaignId = row.id;
  }
  const service = single(query, 'service');
  if (service !== undefined) {
    const row = SLUG.test(service) ? await knex(tableOf(strapi, 'api::service.service')).where('slug', service).first('id') : undefined;
    if (!row || (visible && !visible.includes(row.id))) throw new HttpError(400, `Service inconnu : ${shown(service)}.`);
    filters.serviceId = row.id;
  }
  const theme = single(query, 'theme');
  if (theme !== undefined) {
    const row = isDocumentId(theme) ? await knex(tableOf(strapi, 'api::theme.theme')).where('document_id', theme).first('id') : undefined;
    if (!row) throw new HttpError(400, `Thème inconnu : ${shown(theme)}.`);
    filters.themeId = row.id;
  }
  const state = single(query, 'state');
  if (state !== undefined) {
    const workflow = workflowByUid('api::evaluation.evaluation');
    const states = workflow?.states ?? [];
    if (!states.includes(state)) throw new HttpError(400, `État inconnu : ${shown(state)}. États possibles : ${states.map((s) => `${s} (${workflowLabels().states[s] ?? s})`).join(', ')}.`);
    filters.state = state;
  }
  return filters;
}
