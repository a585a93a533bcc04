import type { DecisionResult } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { charterWouldChange, freezeCharterVersion } from '../charter/charter-versions';
import { workflowLabels } from '../platform/config/labels';
import { isDocumentId } from '../platform/db/document-id';
import { columnOf, tableOf, type Row } from '../platform/db/schema';
import { HttpError } from '../platform/http/http-error';
import { wakeMailOutbox } from '../platform/mail/outbox';
import { decisionByName, type Decision, type DecisionEffectName, type Transition, type Workflow } from './definitions';
import { lostRace, prepareTransition, writeTransition, type Performer, type PreparedTransition } from './transition';

/**
 * Decisions on a set of documents (config/workflows.yaml `decisions:`): « Approuver la charte »
 * takes the action `approve` for every submitted principle at once and publishes one version of
 * the charter. Each document's transition is the engine's own (prepareTransition: the same rights,
 * comment, history event, audit entry and mails as one taken alone); they and the decision's
 * effects are written in one transaction, or nothing is.
 *
 * The caller names the documents it read (`documents`): the decision applies to exactly those,
 * and only if they are exactly the ones waiting in the action's starting state. Two concurrent
 * decisions are serialised by an advisory lock; the second then finds the list changed: 409.
 */

type DecisionEffect = {
  /** Whether the effect would change something now (a decision with no document to move needs one). */
  wouldChange: (strapi: Core.Strapi, trx: Knex.Transaction) => Promise<boolean>;
  run: (strapi: Core.Strapi, trx: Knex.Transaction, facts: { actorName: string; role: string; comment: string | null; at: Date; eventId: number | null }) => Promise<number>;
};

const DECISION_EFFECTS: Record<DecisionEffectName, DecisionEffect> = {
  'charter-version': { wouldChange: charterWouldChange, run: freezeCharterVersion },
};

const MAX_DOCUMENTS = 500;

function parseDecisionBody(body: unknown): { documents: string[]; comment: unknown } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(400, 'Corps de requête attendu : { "documents": ["…"], "comment": "…" }.');
  }
  const { documents, comment, ...rest } = body as Record<string, unknown>;
  if (Object.keys(rest).length) throw new HttpError(400, `Champ inconnu : ${Object.keys(rest).join(', ')}.`);
  if (!Array.isArray(documents)) throw new HttpError(400, '« documents » doit être la liste des identifiants des documents lus (documentId).');
  if (documents.length > MAX_DOCUMENTS) throw new HttpError(400, `« documents » : ${MAX_DOCUMENTS} documents au plus.`);
  if (!documents.every((d) => typeof d === 'string' && isDocumentId(d))) throw new HttpError(400, '« documents » : chaque élément est un identifiant de document (documentId).');
  if (new Set(documents).size !== documents.length) throw new HttpError(400, '« documents » : un document est nommé deux fois.');
  return { documents: documents as string[], comment };
}

/** The roles under which `performer` may take the decision: those the action's `by` names (a service-bound workflow also checks each document). */
function allowedRole(workflow: Workflow, transition: Transition, performer: Performer): string | undefined {
  return performer.roles.find((role) => role in transition.by && (workflow.serviceBound || transition.by[role] === 'any'));
}

async function waiting(strapi: Core.Strapi, trx: Knex.Transaction, workflow: Workflow, state: string): Promise<string[]> {
  const documentId = columnOf(strapi, workflow.uid, 'documentId');
  const rows = await trx(tableOf(strapi, workflow.uid)).where(columnOf(strapi, workflow.uid, 'workflowState'), state).select({ documentId });
  return rows.map((r: Row) => r.documentId as string);
}

/** The refusal of a decision whose documents changed since they were read: who moved them last, when that is the reason. */
async function changedSince(strapi: Core.Strapi, workflow: Workflow, transition: Transition, read: string[]): Promise<HttpError> {
  const labels = workflowLabels();
  const last = read.length
    ? await strapi.db.query('api::workflow-event.workflow-event').findOne({
        where: { targetUid: workflow.uid, targetDocumentId: { $in: read }, fromState: transition.from },
        orderBy: [{ at: 'desc' }, { id: 'desc' }],
      })
    : null;
  const by = last ? ` (dernière action : « ${labels.actions[last.action] ?? last.action} » par ${last.actorName})` : '';
  return new HttpError(409, `La liste des documents à l’état « ${labels.states[transition.from] ?? transition.from} » a changé depuis votre lecture${by} : rechargez la page, relisez-la, puis décidez à nouveau. Rien n’a été enregistré.`);
}

export async function takeDecision(strapi: Core.Strapi, name: string, request: { body: unknown; performer: Performer }): Promise<DecisionResult['data']> {
  const found = decisionByName(name);
  if (!found) throw new HttpError(404, `Décision inconnue : « ${name} ».`);
  const { decision, workflow, transition } = found;
  const { documents, comment } = parseDecisionBody(request.body);
  const role = allowedRole(workflow, transition, request.performer);
  const actionLabel = workflowLabels().actions[transition.action] ?? transition.action;
  if (!role) throw new HttpError(403, `Votre rôle ne permet pas l’action « ${actionLabel} » sur ce type de document.`);
  if (!documents.length && !decision.empty) throw new HttpError(400, '« documents » : nommez au moins un document.');

  // Every document's transition is checked as if taken alone (rights, state, comment): the first refusal is the answer.
  const at = new Date();
  const prepared: PreparedTransition[] = [];
  for (const documentId of documents) {
    prepared.push(await prepareTransition(strapi, workflow, { documentId, action: transition.action, comment, performer: request.performer }, at));
  }

  const result = await strapi.db.transaction(async ({ trx }) => {
    await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`charte-decision:${decision.name}`]);
    const now = await waiting(strapi, trx, workflow, transition.from);
    if (now.length !== documents.length || !documents.every((d) => now.includes(d))) throw await changedSince(strapi, workflow, transition, documents);
    if (!documents.length && !(await anyEffectChanges(strapi, trx, decision))) {
      throw new HttpError(409, 'Rien à décider : aucun document n’attend cette décision et elle ne changerait rien.');
    }
    const events: number[] = [];
    for (const p of prepared) {
      const id = await writeTransition(strapi, trx, p);
      if (id === null) throw await lostRace(strapi, workflow, p);
      events.push(id);
    }
    let version: number | null = null;
    for (const effect of decision.effects) {
      version = await DECISION_EFFECTS[effect].run(strapi, trx, {
        actorName: request.performer.name,
        role,
        comment: typeof comment === 'string' && comment.trim() ? comment.trim() : null,
        at,
        eventId: events.at(-1) ?? null,
      });
    }
    return { version };
  });
  if (prepared.some((p) => p.mails.length)) wakeMailOutbox();
  return {
    decision: decision.name,
    version: result.version,
    transitions: prepared.map((p) => ({ documentId: p.document.documentId, workflowState: p.transition.to, previousState: p.transition.from })),
  };
}

async function anyEffectChanges(strapi: Core.Strapi, trx: Knex.Transaction, decision: Decision): Promise<boolean> {
  for (const effect of decision.effects) if (await DECISION_EFFECTS[effect].wouldChange(strapi, trx)) return true;
  return false;
}
