import type { CampaignSummary, ProgressResponse, ThemeProgressResponse } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import { type Caller } from '../access/read-scope';
import { workflowByUid } from '../workflow/definitions';
import { cachedProgress } from './progress-cache';
import { link, tableOf, type Row } from '../platform/db/schema';
import { previousCampaignId } from './previous-campaign';
import { RATE_SQL, scoredEvaluations } from './scoring';
import { HttpError } from '../platform/http/http-error';
import { isDocumentId } from '../platform/db/document-id';
import { visibleServiceIds } from '../access/read-scope';

const EVALUATION = 'api::evaluation.evaluation';
const CAMPAIGN = 'api::campaign.campaign';

interface CampaignRow {
  id: number;
  document_id: string;
  name: string;
  kind: string;
  start_date: string;
}

const campaignBase = (strapi: Core.Strapi) => {
  const toReferential = link(strapi, CAMPAIGN, 'referential');
  return {
    toReferential,
    query: () =>
      strapi.db
        .connection(`${tableOf(strapi, CAMPAIGN)} as c`)
        .leftJoin(`${toReferential.table} as cr`, `cr.${toReferential.from}`, 'c.id')
        .select('c.id', 'c.document_id', 'c.name', 'c.kind', 'c.start_date', `cr.${toReferential.to} as referential_id`),
  };
};

/** The campaign asked for (by documentId), or the latest one. */
export async function campaignOf(strapi: Core.Strapi, documentId: unknown): Promise<(CampaignRow & { referential_id: number | null }) | undefined> {
  const { query } = campaignBase(strapi);
  if (documentId === undefined) return query().orderBy([{ column: 'c.start_date', order: 'desc' }, { column: 'c.id', order: 'desc' }]).first();
  if (!isDocumentId(documentId)) throw new HttpError(400, 'Identifiant de campagne invalide.');
  const campaign = await query().where('c.document_id', documentId).first();
  if (!campaign) throw new HttpError(404, 'Campagne introuvable.');
  return campaign;
}

/** The campaign asked for (by documentId), or the latest one; and the one before it on the same référentiel. */
export async function campaigns(strapi: Core.Strapi, documentId: unknown) {
  const campaign = await campaignOf(strapi, documentId);
  if (!campaign) return { campaign: undefined, previous: undefined };
  const previousId = await previousCampaignId(strapi, strapi.db.connection, { id: campaign.id, referentialId: campaign.referential_id, startDate: campaign.start_date });
  const previous = previousId === null ? undefined : await campaignBase(strapi).query().where('c.id', previousId).first();
  return { campaign, previous };
}


/**
 * GET /api/progress: per service of the campaign, the conformity rate, evaluations by workflow state
 * and roadmap done/total — three aggregate queries, whatever the number of evaluations.
 */
export async function progressByService(strapi: Core.Strapi, caller: Caller, campaignId?: unknown): Promise<ProgressResponse> {
  return progressOfServices(strapi, await visibleServiceIds(strapi, caller), campaignId);
}

/** The same figures for the given service ids (null: every service), e.g. for the admin panel's widget. */
export function progressOfServices(strapi: Core.Strapi, visible: number[] | null, campaignId?: unknown): Promise<ProgressResponse> {
  return cachedProgress(strapi, ['services', campaignId ?? null, visible], () => computeProgressOfServices(strapi, visible, campaignId));
}

async function computeProgressOfServices(strapi: Core.Strapi, visible: number[] | null, campaignId?: unknown): Promise<ProgressResponse> {
  const knex = strapi.db.connection;
  const { campaign, previous } = await campaigns(strapi, campaignId);
  if (!campaign) return { data: [], meta: { campaign: null, previousCampaign: null } };
  const states = workflowByUid(EVALUATION)?.states ?? [];
  const toServices = link(strapi, CAMPAIGN, 'services');
  const serviceTable = tableOf(strapi, 'api::service.service');

  const byState = states.map((s) => knex.raw(`count(ev.service_id) filter (where ev.workflow_state = ?) as ??`, [s, `state_${s}`]));
  const rows = await knex(`${serviceTable} as s`)
    .join(`${toServices.table} as cs`, function () {
      this.on(`cs.${toServices.to}`, 's.id').andOn(`cs.${toServices.from}`, knex.raw('?', [campaign.id]));
    })
    .leftJoin(scoredEvaluations(strapi, campaign.id).as('ev'), 'ev.service_id', 's.id')
    .modify((q) => {
      if (visible) q.whereIn('s.id', visible.length ? visible : [0]);
    })
    .groupBy('s.id', 's.document_id', 's.name', 's.slug')
    .orderBy('s.name')
    .select('s.id', 's.document_id', 's.name', 's.slug', knex.raw('count(ev.service_id) as total'), ...byState, knex.raw(`${RATE_SQL} as rate`));

  const serviceIds = rows.map((r: { id: number }) => r.id);
  const previousRates = new Map<number, number | null>();
  if (previous && serviceIds.length) {
    const prev = await knex(scoredEvaluations(strapi, previous.id).as('ev'))
      .whereIn('ev.service_id', serviceIds)
      .groupBy('ev.service_id')
      .select('ev.service_id', knex.raw(`${RATE_SQL} as rate`));
    for (const r of prev) previousRates.set(r.service_id, r.rate === null ? null : Number(r.rate));
  }

  const toActionService = link(strapi, 'api::roadmap-action.roadmap-action', 'service');
  const roadmap = new Map<number, { total: number; done: number }>();
  if (serviceIds.length) {
    const actions = await knex(`${tableOf(strapi, 'api::roadmap-action.roadmap-action')} as a`)
      .join(`${toActionService.table} as as`, `as.${toActionService.from}`, 'a.id')
      .whereIn(`as.${toActionService.to}`, serviceIds)
      .groupBy(`as.${toActionService.to}`)
      .select(`as.${toActionService.to} as service_id`, knex.raw('count(*) as total'), knex.raw(`count(*) filter (where a.action_status = 'abouti') as done`));
    for (const a of actions) roadmap.set(a.service_id, { total: Number(a.total), done: Number(a.done) });
  }

  const describe = (c: CampaignRow | undefined): CampaignSummary | null => (c ? { documentId: c.document_id, name: c.name, kind: c.kind, startDate: c.start_date } : null);
  return {
    data: rows.map((r: Row) => ({
      service: { documentId: r.document_id, name: r.name, slug: r.slug },
      conformityRate: r.rate === null ? null : Number(r.rate),
      previousConformityRate: previous ? (previousRates.get(r.id) ?? null) : undefined,
      evaluations: { total: Number(r.total), ...Object.fromEntries(states.map((s) => [s, Number(r[`state_${s}`])])) },
      roadmap: roadmap.get(r.id) ?? { total: 0, done: 0 },
    })),
    meta: { campaign: describe(campaign), previousCampaign: describe(previous) },
  };
}

/** The service named by its slug, if the caller may see it (else 404, as if it did not exist). */
export async function visibleService(strapi: Core.Strapi, visible: number[] | null, serviceSlug: unknown): Promise<{ id: number; document_id: string; name: string }> {
  if (typeof serviceSlug !== 'string' || !/^[a-z0-9-]{1,120}$/.test(serviceSlug)) throw new HttpError(400, 'Précisez le service (paramètre service=<identifiant court>).');
  const service = await strapi.db.connection(tableOf(strapi, 'api::service.service')).where('slug', serviceSlug).first('id', 'document_id', 'name');
  if (!service || (visible && !visible.includes(service.id))) throw new HttpError(404, 'Service introuvable.');
  return service;
}

/** GET /api/progress/themes: the conformity rate of one service per theme (the radar). */
export async function progressByTheme(strapi: Core.Strapi, caller: Caller, campaignId: unknown, serviceSlug: unknown): Promise<ThemeProgressResponse> {
  const visible = await visibleServiceIds(strapi, caller);
  return cachedProgress(strapi, ['themes', campaignId ?? null, serviceSlug ?? null, visible], () => computeProgressByTheme(strapi, visible, campaignId, serviceSlug));
}

async function computeProgressByTheme(strapi: Core.Strapi, visible: number[] | null, campaignId: unknown, serviceSlug: unknown): Promise<ThemeProgressResponse> {
  const knex = strapi.db.connection;
  const service = await visibleService(strapi, visible, serviceSlug);
  const campaign = await campaignOf(strapi, campaignId);
  if (!campaign) return { data: [], meta: { campaign: null } };
  const toTheme = link(strapi, 'api::criterion.criterion', 'theme');
  const rows = await knex(scoredEvaluations(strapi, campaign.id).as('ev'))
    .join(`${toTheme.table} as ct`, `ct.${toTheme.from}`, 'ev.criterion_id')
    .join(`${tableOf(strapi, 'api::theme.theme')} as t`, 't.id', `ct.${toTheme.to}`)
    .where('ev.service_id', service.id)
    .groupBy('t.id', 't.code', 't.title', 't.order')
    .orderBy([{ column: 't.order' }, { column: 't.code' }])
    .select('t.code', 't.title', knex.raw('count(*) as total'), knex.raw(`${RATE_SQL} as rate`));
  return {
    data: rows.map((r: Row) => ({ theme: { code: r.code, title: r.title }, evaluations: Number(r.total), conformityRate: r.rate === null ? null : Number(r.rate) })),
    meta: { campaign: { documentId: campaign.document_id, name: campaign.name }, service: { documentId: service.document_id, name: service.name, slug: serviceSlug as string } },
  };
}
