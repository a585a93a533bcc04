import type { AuditMandateView } from '@charte/contract/schemas';
import type { Core } from '@strapi/strapi';
import { formatDay, townToday } from '../platform/calendar/clock';
import { HttpError } from '../platform/http/http-error';
import type { Caller } from '../platform/http/request';
import { toOneTarget } from '../platform/input/relation-value';
import { memo } from './auth-cache';
import { rolesConfig } from './roles-config';

/**
 * An external auditor's mandate: the campaign whose `auditors` name the account, its services, and
 * the audit period (auditStart…auditEnd, both included). Stored like service membership (a relation
 * from the campaign to the accounts), so that the référent qualité grants it in the campaign's form.
 */
export interface AuditMandate {
  campaignId: number;
  campaignDocumentId: string;
  campaignName: string;
  serviceIds: number[];
  start: string | null;
  end: string | null;
}

const mandates = memo<number, AuditMandate | null>();

/** The mandate of an account, or null when no campaign names it as an auditor (remembered like memberships). */
export function mandateOf(strapi: Core.Strapi, userId: number): Promise<AuditMandate | null> {
  return mandates.get(userId, async () => {
    const campaign = (await strapi.db.query('api::campaign.campaign').findOne({
      select: ['id', 'documentId', 'name', 'auditStart', 'auditEnd'],
      where: { auditors: { id: userId } },
      orderBy: { id: 'desc' },
      populate: { services: { select: ['id'] } },
    })) as { id: number; documentId: string; name: string; auditStart: string | null; auditEnd: string | null; services?: { id: number }[] } | null;
    if (!campaign) return null;
    return {
      campaignId: campaign.id,
      campaignDocumentId: campaign.documentId,
      campaignName: campaign.name,
      serviceIds: (campaign.services ?? []).map((s) => s.id),
      start: campaign.auditStart,
      end: campaign.auditEnd,
    };
  });
}

/**
 * Why an auditor may not use the application today, in French — null while the mandate runs.
 * No mandate, no dates, before the start or after the end: refused (an auditor's access is never open-ended).
 */
export function mandateRefusal(mandate: AuditMandate | null, today = townToday()): string | null {
  if (!mandate) return 'Votre compte d’auditeur n’est rattaché à aucune campagne : demandez au référent qualité de vous désigner sur la campagne auditée.';
  if (!mandate.start || !mandate.end) return 'La période de votre mission d’audit n’est pas fixée : demandez au référent qualité d’en saisir le début et la fin.';
  if (today < mandate.start) return `Votre mission d’audit commence le ${formatDay(mandate.start)} : l’accès s’ouvrira ce jour-là.`;
  if (today > mandate.end) return `Votre mission d’audit a pris fin le ${formatDay(mandate.end)} : l’accès à la campagne « ${mandate.campaignName} » est fermé.`;
  return null;
}

/**
 * The campaign an auditor's write names: theirs, filled in when a creation names none; another is
 * refused. Undefined for every other role (and for an update that leaves the campaign alone).
 */
export async function auditedCampaignOf(strapi: Core.Strapi, caller: Caller, data: Record<string, unknown>, creating: boolean): Promise<number | undefined> {
  if (rolesConfig().roles[caller.role?.type ?? '']?.readScope !== 'audited-campaign') return undefined;
  const mandate = await mandateOf(strapi, caller.id);
  // HttpError, not Strapi's ForbiddenError: the route's authorize step would answer that one without its message.
  if (!mandate) throw new HttpError(403, mandateRefusal(null)!);
  const target = toOneTarget(data.campaign);
  if (target === undefined) return creating ? mandate.campaignId : undefined;
  const matches = target !== null && ('id' in target ? target.id === mandate.campaignId : target.documentId === mandate.campaignDocumentId);
  if (!matches) throw new HttpError(403, `Vous n’auditez que la campagne « ${mandate.campaignName} ».`);
  return mandate.campaignId;
}

/** GET /api/audit/mandate: the caller's mission as the auditor's home shows it (403 when there is none, or it is not running). */
export async function mandateView(strapi: Core.Strapi, caller: Caller): Promise<AuditMandateView> {
  const mandate = await mandateOf(strapi, caller.id);
  const refusal = mandateRefusal(mandate);
  if (refusal || !mandate) throw new HttpError(403, refusal ?? mandateRefusal(null)!);
  const campaign = (await strapi.db.query('api::campaign.campaign').findOne({
    select: ['documentId', 'name'],
    where: { id: mandate.campaignId },
    populate: { referential: { select: ['documentId'] }, services: { select: ['documentId', 'name', 'slug'], orderBy: { name: 'asc' } } },
  })) as { documentId: string; name: string; referential?: { documentId: string } | null; services?: { documentId: string; name: string; slug: string }[] };
  return {
    campaign: { documentId: campaign.documentId, name: campaign.name, referentialDocumentId: campaign.referential?.documentId ?? null },
    services: (campaign.services ?? []).map(({ documentId, name, slug }) => ({ documentId, name, slug })),
    start: mandate.start!,
    end: mandate.end!,
  };
}
