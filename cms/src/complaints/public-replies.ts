import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { fieldLabel } from '../platform/config/labels';
import { checkPublicText, contactNames } from '../platform/input/personal-data';
import { toOneTarget, type RelationRef } from '../platform/input/relation-value';
import { COMPLAINT } from './sql';

/**
 * The town's public answers to what users said (Services Publics +: « vous nous l'avez dit »): a
 * `feedback-reply` rewrites a complaint or suggestion for the public and answers it. It is public
 * only once the référent qualité approves it (config/workflows.yaml, feedback-reply); what is
 * checked here holds whatever the door: one reply per complaint, and no personal data in either text.
 */
export const FEEDBACK_REPLY = 'api::feedback-reply.feedback-reply';

type Data = Record<string, unknown>;

function fail(message: string, path: string): never {
  throw new errors.ValidationError(message, { errors: [{ path: [path], message, name: 'ValidationError' }] });
}

async function complaintContact(strapi: Core.Strapi, ref: RelationRef): Promise<{ id: number; contactName: string | null; contactEmail: string | null } | null> {
  return strapi.db.query(COMPLAINT).findOne({ select: ['id', 'contactName', 'contactEmail'], where: 'id' in ref ? { id: ref.id } : { documentId: ref.documentId } });
}

export async function feedbackReplyRule(strapi: Core.Strapi, data: Data, current: Data | null): Promise<void> {
  let target = toOneTarget(data.complaint);
  if (target === undefined) {
    const linked = current?.complaint as { id: number } | null | undefined;
    target = linked ? { id: linked.id } : null;
  }
  if (!target) fail('Choisissez la réclamation ou la suggestion à laquelle la commune répond.', 'complaint');
  const complaint = await complaintContact(strapi, target);
  if (!complaint) fail('Cette réclamation ou suggestion n’existe pas.', 'complaint');
  const other = await strapi.db.query(FEEDBACK_REPLY).findOne({
    select: ['documentId'],
    where: { complaint: { id: complaint.id }, ...(current ? { documentId: { $ne: current.documentId } } : {}) },
  });
  if (other) fail('Cette demande a déjà une réponse publique : modifiez celle-ci plutôt que d’en créer une seconde.', 'complaint');
  const names = contactNames(complaint);
  checkPublicText(data.said, 'said', fieldLabel(FEEDBACK_REPLY, 'said'), names, !current);
  checkPublicText(data.reply, 'reply', fieldLabel(FEEDBACK_REPLY, 'reply'), names, !current);
}
