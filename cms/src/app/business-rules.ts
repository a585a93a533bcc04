import type { Core } from '@strapi/strapi';
import { complaintRules } from '../complaints/validation';
import { FEEDBACK_REPLY, feedbackReplyRule } from '../complaints/public-replies';
import { mysteryPromptRule } from '../mystery-tests/roadmap-prompt';
import { roadmapFindingRule, roadmapPromptRule } from '../roadmap/prompt-rules';
import { FINDING } from '../findings/audits-config';
import { campaignAuditorsRule, findingRule } from '../findings/finding-rules';
import { toOneTarget, type RelationRef } from '../platform/input/relation-value';
import { failOnField } from '../platform/input/field-error';

type Data = Record<string, unknown>;
interface WriteParams {
  documentId?: string;
  data?: Data;
}

/**
 * Rules the schema cannot express, checked on every create/update whatever the door (REST, admin
 * panel, scripts) by the Document Service middleware registered in src/index.ts.
 */
type Rule = (strapi: Core.Strapi, data: Data, current: Data | null) => Promise<void> | void;

function dateOrder(startField: string, endField: string, message: string): Rule {
  return (_strapi, data, current) => {
    const start = (startField in data ? data[startField] : current?.[startField]) as string | null | undefined;
    const end = (endField in data ? data[endField] : current?.[endField]) as string | null | undefined;
    if (start && end && new Date(end) < new Date(start)) failOnField(message, endField);
  };
}

async function referentialIdOf(strapi: Core.Strapi, via: 'theme' | 'criterion', ref: RelationRef | null | undefined) {
  if (!ref) return null;
  const where = 'id' in ref ? { id: ref.id } : { documentId: ref.documentId };
  const populate = via === 'theme' ? { referential: { select: ['id'] } } : { theme: { populate: { referential: { select: ['id'] } } } };
  const row = await strapi.db.query(`api::${via}.${via}`).findOne({ where, populate });
  return (via === 'theme' ? row?.referential?.id : row?.theme?.referential?.id) ?? null;
}

/** Codes are unique within a référentiel (themes, criteria and indicators each among themselves). */
function uniqueCodeInReferential(uid: 'theme' | 'criterion' | 'indicator', label: string): Rule {
  const parent = { theme: 'referential', criterion: 'theme', indicator: 'criterion' } as const;
  return async (strapi, data, current) => {
    const code = (data.code ?? current?.code) as string | undefined;
    if (!code) return;
    const parentField = parent[uid];
    let target = toOneTarget(data[parentField]);
    if (target === undefined) {
      const currentParent = current?.[parentField] as { id: number } | null | undefined;
      target = currentParent ? { id: currentParent.id } : null;
    }
    let referentialId: number | null;
    if (uid === 'theme') {
      if (!target) return;
      const row = await strapi.db
        .query('api::referential.referential')
        .findOne({ select: ['id'], where: 'id' in target ? { id: target.id } : { documentId: target.documentId } });
      referentialId = row?.id ?? null;
    } else referentialId = await referentialIdOf(strapi, uid === 'criterion' ? 'theme' : 'criterion', target);
    if (!referentialId) return;
    const inReferential =
      uid === 'theme'
        ? { referential: { id: referentialId } }
        : uid === 'criterion'
          ? { theme: { referential: { id: referentialId } } }
          : { criterion: { theme: { referential: { id: referentialId } } } };
    const clash = await strapi.db.query(`api::${uid}.${uid}`).findOne({
      select: ['documentId'],
      where: { code, ...inReferential, ...(current ? { documentId: { $ne: current.documentId } } : {}) },
    });
    if (clash) failOnField(`Le code « ${code} » est déjà utilisé par ${label} de ce référentiel.`, 'code');
  };
}

export const businessRules: Record<string, Rule[]> = {
  'api::theme.theme': [uniqueCodeInReferential('theme', 'un autre thème')],
  'api::criterion.criterion': [uniqueCodeInReferential('criterion', 'un autre engagement')],
  'api::indicator.indicator': [uniqueCodeInReferential('indicator', 'un autre indicateur')],
  'api::campaign.campaign': [
    dateOrder('startDate', 'endDate', 'La date de fin de la campagne précède sa date de début.'),
    dateOrder('auditStart', 'auditEnd', 'Le dernier jour de l’audit précède le premier.'),
    campaignAuditorsRule,
  ],
  'api::roadmap-action.roadmap-action': [dateOrder('startDate', 'dueDate', 'L’échéance de l’action précède sa date de début.'), mysteryPromptRule, roadmapPromptRule, roadmapFindingRule],
  [FINDING]: [findingRule],
  [FEEDBACK_REPLY]: [feedbackReplyRule],
  'api::survey.survey': [dateOrder('opensAt', 'closesAt', 'La clôture de l’enquête précède son ouverture.')],
  'api::mystery-campaign.mystery-campaign': [dateOrder('startDate', 'endDate', 'La fin de la vague précède son début.')],
  'api::complaint.complaint': [
    dateOrder('receivedAt', 'answeredAt', 'La date de réponse précède la date de réception.'),
    dateOrder('receivedAt', 'acknowledgedAt', 'L’accusé de réception précède la date de réception.'),
    ...complaintRules,
  ],
};

/** The parent relations a rule needs to see on the current version of the document. */
const currentPopulate: Record<string, Record<string, unknown>> = {
  'api::theme.theme': { referential: { select: ['id'] } },
  'api::criterion.criterion': { theme: { select: ['id'] } },
  'api::indicator.indicator': { criterion: { select: ['id'] } },
  'api::roadmap-action.roadmap-action': {
    promptSurvey: { select: ['id'] },
    promptComplaint: { select: ['id'] },
    promptFinding: { select: ['id'] },
    promptMysteryTest: { select: ['id'] },
    service: { select: ['id'] },
    criterion: { select: ['id'] },
  },
  [FINDING]: { campaign: { select: ['id'] }, service: { select: ['id'] }, criterion: { select: ['id'] } },
  [FEEDBACK_REPLY]: { complaint: { select: ['id'] } },
};

export async function checkBusinessRules(strapi: Core.Strapi, uid: string, action: string, params: WriteParams) {
  const rules = businessRules[uid];
  if (!rules || (action !== 'create' && action !== 'update') || !params.data) return;
  const current =
    action === 'update' && params.documentId
      ? await strapi.db.query(uid as never).findOne({ where: { documentId: params.documentId }, populate: currentPopulate[uid] ?? {} })
      : null;
  for (const rule of rules) await rule(strapi, params.data, current);
}
