import type { Readiness, ServiceReadiness } from '@charte/contract/schemas';
import type { Core } from '@strapi/strapi';
import { servicesOrRefuse, type Caller } from '../access/read-scope';
import { FINDING, gradesWhere } from '../findings/audits-config';
import { hasEvidenceSql } from '../findings/evidence';
import { choiceLabel } from '../platform/config/labels';
import { isDocumentId } from '../platform/db/document-id';
import { link, tableOf } from '../platform/db/schema';
import { HttpError } from '../platform/http/http-error';
import { FACTS_TABLE } from './evaluation-facts';
import { scoring } from './scoring';

const CAMPAIGN = 'api::campaign.campaign';
const CRITERION = 'api::criterion.criterion';
const EVALUATION = 'api::evaluation.evaluation';
const ACTION = 'api::roadmap-action.roadmap-action';

/** A gap is a result scoring.yaml rates below full conformity (partiel, non conforme): it asks for an action. */
export const gapResults = () => Object.entries(scoring().points).filter(([, points]) => points < 1).map(([result]) => result);

interface Row {
  service_id: number;
  service_document_id: string;
  service_name: string;
  service_slug: string;
  criterion_document_id: string;
  code: string;
  title: string;
  evaluation_document_id: string | null;
  workflow_state: string | null;
  result: string | null;
  has_evidence: boolean;
  has_action: boolean;
}

const param = (value: unknown, name: string): string | undefined => {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !isDocumentId(value)) throw new HttpError(400, `Paramètre « ${name} » invalide : l’identifiant de document est attendu.`);
  return value;
};

/**
 * « Prêt pour l'audit ? » of a campaign, per service the caller reads (or the one `service` names):
 * every criterion of the référentiel that applies to the service and is not rated non-applicable
 * has an approved evaluation with evidence, and an action (not abandoned) on the same criterion and
 * service when its result is a gap; and no finding of a grade that blocks readiness (config/audits.yaml)
 * is still open. One SQL query for the checklist, one for the findings.
 */
export async function readiness(strapi: Core.Strapi, caller: Caller | undefined, query: { campaign?: unknown; service?: unknown }): Promise<Readiness> {
  const visible = await servicesOrRefuse(strapi, caller, 'Votre rôle ne donne pas accès à la préparation des audits.');
  return readinessFor(strapi, visible, query);
}

/**
 * The admin panel's widget: the campaign of the next (or latest) audit — the latest audit start —,
 * else the latest campaign; every service, as the DGS reads them. Null without any campaign.
 */
export async function nextAuditReadiness(strapi: Core.Strapi): Promise<Readiness | null> {
  const audited = await strapi.db.query(CAMPAIGN).findOne({ select: ['documentId'], where: { auditStart: { $notNull: true } }, orderBy: [{ auditStart: 'desc' }, { id: 'desc' }] });
  const campaign = audited ?? (await strapi.db.query(CAMPAIGN).findOne({ select: ['documentId'], orderBy: [{ startDate: 'desc' }, { id: 'desc' }] }));
  return campaign ? readinessFor(strapi, null, { campaign: campaign.documentId }) : null;
}

/** The checklist over the services `visible` names (null: all). */
async function readinessFor(strapi: Core.Strapi, visible: number[] | null, query: { campaign?: unknown; service?: unknown }): Promise<Readiness> {
  const campaignId = param(query.campaign, 'campaign');
  if (!campaignId) throw new HttpError(400, 'Précisez la campagne (campaign=<identifiant>).');
  const serviceDocumentId = param(query.service, 'service');
  const campaign = (await strapi.db.query(CAMPAIGN).findOne({
    select: ['id', 'documentId', 'name'],
    where: { documentId: campaignId },
    populate: { referential: { select: ['id'] }, services: { select: ['id', 'documentId'] } },
  })) as { id: number; documentId: string; name: string; referential?: { id: number } | null; services?: { id: number; documentId: string }[] } | null;
  if (!campaign) throw new HttpError(404, 'Campagne introuvable.');
  let serviceIds = (campaign.services ?? []).map((s) => s.id).filter((id) => visible === null || visible.includes(id));
  if (serviceDocumentId) {
    const chosen = (campaign.services ?? []).find((s) => s.documentId === serviceDocumentId);
    if (!chosen || !serviceIds.includes(chosen.id)) throw new HttpError(404, 'Service introuvable dans cette campagne ou hors de votre périmètre.');
    serviceIds = [chosen.id];
  }
  const rows = campaign.referential && serviceIds.length ? await checklistRows(strapi, campaign.id, campaign.referential.id, serviceIds) : [];
  const findings = serviceIds.length ? await blockingFindings(strapi, campaign.id, serviceIds) : [];
  const gaps = new Set(gapResults());
  const byService = new Map<number, ServiceReadiness>();
  for (const row of rows) {
    let entry = byService.get(row.service_id);
    if (!entry) {
      entry = {
        service: { documentId: row.service_document_id, name: row.service_name, slug: row.service_slug },
        ready: true,
        counts: { criteria: 0, approved: 0, withEvidence: 0, gaps: 0, gapsWithAction: 0, blockingFindings: 0 },
        items: [],
        blockingFindings: [],
      };
      byService.set(row.service_id, entry);
    }
    const evaluationLink = row.evaluation_document_id ? `/a-traiter/evaluations/${row.evaluation_document_id}` : `/services/${row.service_slug}`;
    const problems: ServiceReadiness['items'][number]['problems'] = [];
    const isGap = row.result !== null && gaps.has(row.result);
    entry.counts.criteria += 1;
    if (!row.evaluation_document_id) problems.push({ code: 'no-evaluation', message: 'Aucune évaluation de cet engagement dans la campagne.', link: evaluationLink });
    else if (row.workflow_state !== 'approved') {
      problems.push({ code: 'not-approved', message: `Évaluation pas encore approuvée (état : ${choiceLabel(row.workflow_state)}).`, link: evaluationLink });
    } else entry.counts.approved += 1;
    if (row.evaluation_document_id && !row.has_evidence) problems.push({ code: 'no-evidence', message: 'Aucune preuve valide jointe à l’évaluation (aucune pièce, ou pièces échues : à renouveler).', link: evaluationLink });
    else if (row.has_evidence) entry.counts.withEvidence += 1;
    if (isGap) {
      entry.counts.gaps += 1;
      if (row.has_action) entry.counts.gapsWithAction += 1;
      else {
        const params = new URLSearchParams({ service: row.service_document_id, criterion: row.criterion_document_id });
        problems.push({ code: 'no-action', message: `Écart (${choiceLabel(row.result)}) sans action de la feuille de route.`, link: `/feuille-de-route/nouvelle?${params}` });
      }
    }
    if (problems.length) entry.ready = false;
    entry.items.push({
      criterion: { documentId: row.criterion_document_id, code: row.code, title: row.title },
      evaluation: row.evaluation_document_id ? { documentId: row.evaluation_document_id, workflowState: row.workflow_state ?? 'draft', result: row.result } : null,
      problems,
    });
  }
  for (const finding of findings) {
    const entry = byService.get(finding.service_id);
    if (!entry) continue;
    entry.ready = false;
    entry.counts.blockingFindings += 1;
    entry.blockingFindings.push({ documentId: finding.document_id, grade: finding.grade, fact: finding.fact, workflowState: finding.workflow_state, link: `/a-traiter/audit-findings/${finding.document_id}` });
  }
  return { campaign: { documentId: campaign.documentId, name: campaign.name }, services: [...byService.values()] };
}

/** One row per (service, applicable criterion) with its evaluation, evidence and action, in the reports' order. */
function checklistRows(strapi: Core.Strapi, campaignId: number, referentialId: number, serviceIds: number[]): Promise<Row[]> {
  const knex = strapi.db.connection;
  const toTheme = link(strapi, CRITERION, 'theme');
  const toReferential = link(strapi, 'api::theme.theme', 'referential');
  const applicable = link(strapi, CRITERION, 'applicableServices');
  const actionService = link(strapi, ACTION, 'service');
  const actionCriterion = link(strapi, ACTION, 'criterion');
  const latest = knex(`${FACTS_TABLE} as f`)
    .whereRaw('f.campaign_id = ?', [campaignId])
    .whereRaw('f.service_id = s.id')
    .whereRaw('f.criterion_id = c.id')
    .orderBy('f.evaluation_id', 'desc')
    .limit(1)
    .select('f.evaluation_id', 'f.workflow_state', 'f.result');
  const hasAction = knex(`${tableOf(strapi, ACTION)} as a`)
    .join(`${actionService.table} as asv`, `asv.${actionService.from}`, 'a.id')
    .join(`${actionCriterion.table} as acr`, `acr.${actionCriterion.from}`, 'a.id')
    .whereRaw(`asv.${actionService.to} = s.id`)
    .whereRaw(`acr.${actionCriterion.to} = c.id`)
    .whereNot('a.action_status', 'abandonne')
    .select(knex.raw('1'));
  return knex(`${tableOf(strapi, CRITERION)} as c`)
    .join(`${toTheme.table} as ct`, `ct.${toTheme.from}`, 'c.id')
    .join(`${tableOf(strapi, 'api::theme.theme')} as t`, 't.id', `ct.${toTheme.to}`)
    .join(`${toReferential.table} as tr`, `tr.${toReferential.from}`, 't.id')
    .join(`${tableOf(strapi, 'api::service.service')} as s`, (j) => j.onIn('s.id', serviceIds))
    .joinRaw(`left join lateral (${latest.toQuery()}) ev on true`)
    .leftJoin(`${tableOf(strapi, EVALUATION)} as e`, 'e.id', 'ev.evaluation_id')
    .where(`tr.${toReferential.to}`, referentialId)
    .where((w) =>
      w
        .whereNotExists(knex(applicable.table).whereRaw('?? = c.id', [applicable.from]))
        .orWhereExists(knex(applicable.table).whereRaw('?? = c.id', [applicable.from]).whereRaw('?? = s.id', [applicable.to])),
    )
    .where((w) => w.whereNull('ev.result').orWhereNot('ev.result', 'non-applicable'))
    .orderBy([{ column: 's.name' }, { column: 's.id' }, { column: 't.order' }, { column: 'c.order' }, { column: 'c.code' }])
    .select(
      's.id as service_id',
      's.document_id as service_document_id',
      's.name as service_name',
      's.slug as service_slug',
      'c.document_id as criterion_document_id',
      'c.code',
      'c.title',
      'e.document_id as evaluation_document_id',
      'ev.workflow_state',
      'ev.result',
      knex.raw(`(e.id is not null and ?) as has_evidence`, [hasEvidenceSql(strapi, EVALUATION, 'e.id')]),
      knex.raw(`exists (?) as has_action`, [hasAction]),
    ) as unknown as Promise<Row[]>;
}

/** The submitted or acknowledged findings of a grade that blocks readiness (a major non-conformity), per service. */
function blockingFindings(strapi: Core.Strapi, campaignId: number, serviceIds: number[]) {
  const knex = strapi.db.connection;
  const toCampaign = link(strapi, FINDING, 'campaign');
  const toService = link(strapi, FINDING, 'service');
  const grades = gradesWhere('blocksReadiness');
  return knex(`${tableOf(strapi, FINDING)} as d`)
    .join(`${toCampaign.table} as dc`, `dc.${toCampaign.from}`, 'd.id')
    .join(`${toService.table} as ds`, `ds.${toService.from}`, 'd.id')
    .where(`dc.${toCampaign.to}`, campaignId)
    .whereIn(`ds.${toService.to}`, serviceIds)
    .whereIn('d.grade', grades.length ? grades : [''])
    .whereIn('d.workflow_state', ['submitted', 'acknowledged'])
    .orderBy('d.id')
    .select(`ds.${toService.to} as service_id`, 'd.document_id', 'd.grade', 'd.fact', 'd.workflow_state') as unknown as Promise<
    { service_id: number; document_id: string; grade: string; fact: string; workflow_state: string }[]
  >;
}
