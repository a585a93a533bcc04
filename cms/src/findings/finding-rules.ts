import type { Core } from '@strapi/strapi';
import { fieldLabel } from '../platform/config/labels';
import { finalTarget, type RelationRef, toOneTarget, whereRef } from '../platform/input/relation-value';
import { FINDING } from './audits-config';
import { failOnField } from '../platform/input/field-error';

type Data = Record<string, unknown>;

/**
 * A finding is on a criterion of the audited campaign's référentiel, for one of the campaign's
 * services, to which the criterion applies — whatever the door (REST, admin panel, script).
 */
export async function findingRule(strapi: Core.Strapi, data: Data, current: Data | null): Promise<void> {
  const label = (field: string) => fieldLabel(FINDING, field);
  const campaignRef = finalTarget(data, current, 'campaign');
  const serviceRef = finalTarget(data, current, 'service');
  const criterionRef = finalTarget(data, current, 'criterion');
  if (!campaignRef) failOnField(`« ${label('campaign')} » est obligatoire.`, 'campaign');
  if (!serviceRef) failOnField(`« ${label('service')} » est obligatoire.`, 'service');
  if (!criterionRef) failOnField(`« ${label('criterion')} » est obligatoire.`, 'criterion');
  const campaign = (await strapi.db.query('api::campaign.campaign').findOne({
    select: ['id', 'name'],
    where: whereRef(campaignRef),
    populate: { referential: { select: ['id'] }, services: { select: ['id'] } },
  })) as { id: number; name: string; referential?: { id: number } | null; services?: { id: number }[] } | null;
  if (!campaign) failOnField('Cette campagne n’existe pas.', 'campaign');
  const service = (await strapi.db.query('api::service.service').findOne({ select: ['id', 'name', 'slug'], where: whereRef(serviceRef) })) as { id: number; name: string } | null;
  if (!service) failOnField('Ce service n’existe pas.', 'service');
  if (!(campaign.services ?? []).some((s) => s.id === service.id)) failOnField(`Le service « ${service.name} » n’est pas évalué dans la campagne « ${campaign.name} ».`, 'service');
  const criterion = (await strapi.db.query('api::criterion.criterion').findOne({
    select: ['id', 'code'],
    where: whereRef(criterionRef),
    populate: { theme: { populate: { referential: { select: ['id'] } } }, applicableServices: { select: ['id'] } },
  })) as { id: number; code: string; theme?: { referential?: { id: number } | null } | null; applicableServices?: { id: number }[] } | null;
  if (!criterion) failOnField('Cet engagement n’existe pas.', 'criterion');
  if (criterion.theme?.referential?.id !== campaign.referential?.id) failOnField(`L’engagement ${criterion.code} n’appartient pas au référentiel de la campagne « ${campaign.name} ».`, 'criterion');
  const applicable = criterion.applicableServices ?? [];
  if (applicable.length && !applicable.some((s) => s.id === service.id)) failOnField(`L’engagement ${criterion.code} ne s’applique pas au service « ${service.name} ».`, 'criterion');
}

/** The accounts a write adds to a campaign's auditors (a list, `set` or `connect`), by id or documentId. */
function addedAccounts(value: unknown): RelationRef[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value)
    ? value
    : typeof value === 'object'
      ? [...(((value as { set?: unknown[] }).set ?? []) as unknown[]), ...(((value as { connect?: unknown[] }).connect ?? []) as unknown[])]
      : [value];
  return list.map((item) => {
    const ref = toOneTarget(item);
    if (!ref) failOnField('Identifiant de compte invalide.', 'auditors');
    return ref;
  });
}

/**
 * A campaign's auditors are accounts of the role « Auditeur », each auditing this campaign only
 * (an auditor's access is one campaign and its services: access/audit-mandate.ts).
 */
export async function campaignAuditorsRule(strapi: Core.Strapi, data: Data, current: Data | null): Promise<void> {
  const added = addedAccounts(data.auditors);
  for (const ref of added) {
    const user = (await strapi.db.query('plugin::users-permissions.user').findOne({ select: ['id', 'email'], where: whereRef(ref), populate: { role: { select: ['type'] } } })) as
      | { id: number; email: string; role?: { type: string } | null }
      | null;
    if (!user) failOnField('Ce compte n’existe pas.', 'auditors');
    if (user.role?.type !== 'auditeur') failOnField(`Le compte ${user.email} n’a pas le rôle « Auditeur » : seul un compte de ce rôle se désigne comme auditeur.`, 'auditors');
    const elsewhere = (await strapi.db.query('api::campaign.campaign').findOne({
      select: ['id', 'name'],
      where: { auditors: { id: user.id }, ...(current ? { id: { $ne: current.id } } : {}) },
    })) as { name: string } | null;
    if (elsewhere) failOnField(`Le compte ${user.email} audite déjà la campagne « ${elsewhere.name} » : un auditeur n’audite qu’une campagne à la fois.`, 'auditors');
  }
}
