import { decide, type Decision, type Membership, type TransitionResult } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { membershipOf } from '../access/service-membership';
import { choiceLabel, fieldLabel, workflowLabels } from '../platform/config/labels';
import { isDocumentId } from '../platform/db/document-id';
import type { TableRow } from '../platform/db/schema';
import { HttpError } from '../platform/http/http-error';
import type { Caller } from '../platform/http/request';
import { outboxRow, wakeMailOutbox } from '../platform/mail/outbox';
import { transitions } from '../platform/metrics';
import { ACTIONS, workflowByCollection, type Transition, type Workflow } from './definitions';
import { summaryOf, type DocumentSummary } from './document-titles';
import { afterEffects, effectRows, type TransitionFacts } from './effects';
import { transitionMails } from './notifications';
import { moveAndRecord, type TransitionWrite } from './record-transition';
import { checkRequirements, contentConditions, requirementsOf } from './requirements';
import { runChecks } from './checks';
import { personName } from '../platform/people/person-name';

/**
 * Who performs a transition, whatever the door: a users-permissions user (REST, front) or an
 * administrator acting in the panel under the workflow roles config/roles.yaml maps to its roles.
 */
export interface Performer {
  /** users-permissions user id, recorded on the event and left out of the mails; null for an administrator. */
  userId: number | null;
  name: string;
  roles: string[];
  membership(document: DocumentSummary): Promise<Membership>;
}

/** What a transition request carries, checked the same way for every door (REST and admin panel). */
export function parseTransitionBody(body: unknown): { action: unknown; comment: unknown; changes: unknown } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(400, 'Corps de requête attendu : { "action": "…", "comment": "…" }.');
  }
  const { action, comment, changes, ...rest } = body as Record<string, unknown>;
  if (Object.keys(rest).length) throw new HttpError(400, `Champ inconnu : ${Object.keys(rest).join(', ')}.`);
  return { action, comment, changes };
}

/** Applies a workflow action for a users-permissions user (REST API). */
export async function applyTransition(strapi: Core.Strapi, request: { collection: string; documentId: string; body: unknown; caller: Caller }) {
  const { action, comment, changes } = parseTransitionBody(request.body);
  const performer = performerOf(strapi, request.caller);
  return performTransition(strapi, resolveWorkflow(request.collection), { documentId: request.documentId, action, comment, changes, performer });
}

/**
 * Applies a workflow action: checks it against config/workflows.yaml, then in one statement moves
 * the state only if it is still the expected one and appends the history event and the rows of its
 * effects (the audit entry) and mails (platform/mail/outbox.ts).
 * Of two concurrent conflicting requests exactly one wins; the other gets 409. An action taken
 * only together (`together`, the charter's approval) is refused here: decisions.ts takes it.
 */
export async function performTransition(
  strapi: Core.Strapi,
  workflow: Workflow,
  request: TransitionRequest,
): Promise<TransitionResult> {
  const action = typeof request.action === 'string' && (ACTIONS as readonly string[]).includes(request.action) ? request.action : 'inconnue';
  try {
    const result = await transitionOnce(strapi, workflow, request);
    transitions.inc({ collection: workflow.collection, action, outcome: 'ok' });
    return result;
  } catch (error) {
    transitions.inc({ collection: workflow.collection, action, outcome: error instanceof HttpError ? String(error.status) : 'erreur' });
    throw error;
  }
}

export interface TransitionRequest {
  documentId: string;
  action: unknown;
  comment?: unknown;
  /** New values of the fields the transition `updates` (config/workflows.yaml), by attribute. */
  changes?: unknown;
  performer: Performer;
}

async function transitionOnce(strapi: Core.Strapi, workflow: Workflow, request: TransitionRequest): Promise<TransitionResult> {
  const prepared = await prepareTransition(strapi, workflow, request);
  if (prepared.transition.together) {
    throw new HttpError(409, `L’action « ${workflowLabels().actions[prepared.transition.action] ?? prepared.transition.action} » ne se prend pas sur un seul document : elle se prend pour tous ensemble (${togetherHint(workflow)}).`);
  }
  const after = afterEffects(workflow, prepared.transition);
  const eventId = after.length
    ? await strapi.db.transaction(async ({ trx }) => {
        const id = await writeTransition(strapi, trx as unknown as Knex.Transaction, prepared);
        if (id !== null) for (const effect of after) await effect(strapi, { workflow, ...prepared.write });
        return id;
      })
    : await writeTransition(strapi, strapi.db.connection, prepared);
  if (eventId === null) throw await lostRace(strapi, workflow, prepared);
  if (prepared.mails.length) wakeMailOutbox();
  return resultOf(prepared, eventId);
}

/** Where an action taken only together is taken, as the refusal names it. */
function togetherHint(workflow: Workflow): string {
  return workflow.name === 'charter-principle' ? '« Approuver la charte », sur la page « Gérer la charte »' : 'décision d’ensemble';
}

/** A transition checked and ready to write: the decision, its statement's rows, its mails. */
export interface PreparedTransition {
  workflow: Workflow;
  document: DocumentSummary;
  transition: Transition;
  write: TransitionWrite;
  rows: TableRow[];
  mails: Awaited<ReturnType<typeof transitionMails>>;
  conditions: ReturnType<typeof contentConditions>;
}

/**
 * Everything a transition is checked against before it writes: the action, the comment, the
 * document, the caller's role and service (config/workflows.yaml), the changes it carries; then its
 * recipients and the rows of its effects. Throws the refusal (400, 403, 404, 409).
 */
export async function prepareTransition(strapi: Core.Strapi, workflow: Workflow, request: TransitionRequest, at = new Date()): Promise<PreparedTransition> {
  const { action, performer } = request;
  if (typeof action !== 'string' || !(ACTIONS as readonly string[]).includes(action)) {
    throw new HttpError(400, `Action inconnue. Actions possibles : ${ACTIONS.join(', ')}.`);
  }
  const comment = checkedComment(request.comment);

  const document = await findDocument(strapi, workflow, request.documentId);
  const membership = await performer.membership(document);
  const author = performer.userId !== null && document.authorId === performer.userId;
  const { role, decision } = decideForRoles(workflow, performer.roles, { state: document.workflowState, membership, action, comment, author });
  if (!decision.ok) {
    if (decision.status === 409) throw new HttpError(409, await conflictMessage(strapi, workflow, document.documentId, document.workflowState, action, decision.message));
    throw new HttpError(decision.status, decision.message);
  }
  const { transition } = decision;
  const changes = checkedChanges(strapi, workflow, transition, request.changes);
  await runChecks(strapi, workflow, action, document.documentId, changes);
  // What the action requires of the content is held by the statement itself; only a refusal reads
  // the content, to name what is missing (lostRace) — a submission that goes through reads nothing more.
  const conditions = contentConditions(strapi, workflow, requirementsOf(workflow, action));
  const actorName = performer.name;

  // Recipients are looked up first: the write then holds the document's row lock only while it writes.
  const mails = await transitionMails(strapi, { workflow, transition, document, actor: { id: performer.userId, name: actorName }, comment });
  const write: TransitionWrite = { documentId: document.documentId, action, from: transition.from, to: transition.to, userId: performer.userId, actorName, role, comment, changes, at };
  const facts: TransitionFacts = { workflow, ...write };
  const rows = effectRows(strapi, workflow, transition, facts);
  if (mails.length) rows.push(outboxRow(mails));
  return { workflow, document, transition, write, rows, mails, conditions };
}

/** Writes a prepared transition in one statement (on `db`: the connection, or a decision's transaction); its event's id, or null when the document moved meanwhile. */
export function writeTransition(strapi: Core.Strapi, db: Knex | Knex.Transaction, prepared: PreparedTransition): Promise<number | null> {
  return moveAndRecord(strapi, db, prepared.workflow, prepared.write, prepared.rows, prepared.conditions);
}

/** Why a prepared transition wrote nothing: the 422 of what the content lacks, or the 409 of whoever was faster. */
export async function lostRace(strapi: Core.Strapi, workflow: Workflow, prepared: PreparedTransition): Promise<HttpError> {
  const { document, transition } = prepared;
  const now = await strapi.db.query(workflow.uid as never).findOne({ select: ['workflowState'], where: { documentId: document.documentId } });
  const state = now?.workflowState ?? document.workflowState;
  // Still where it was: the content lacks what the action requires (after the decision, so that
  // whoever may not act learns nothing of it).
  if (state === transition.from) {
    try {
      await checkRequirements(strapi, workflow, transition.action, document.documentId);
    } catch (error) {
      if (error instanceof HttpError) return error;
      throw error;
    }
  }
  return new HttpError(409, await conflictMessage(strapi, workflow, document.documentId, state, transition.action, `Action impossible : le document est à l’état « ${workflowLabels().states[state] ?? state} ».`));
}

export function resultOf(prepared: PreparedTransition, eventId: number): TransitionResult {
  const { document, transition, write } = prepared;
  return {
    documentId: document.documentId,
    workflowState: transition.to,
    previousState: transition.from,
    action: transition.action,
    event: { id: eventId, at: write.at.toISOString(), actor: write.actorName, role: write.role, comment: write.comment, changes: write.changes },
  };
}

export function resolveWorkflow(collection: string): Workflow {
  const workflow = workflowByCollection(collection);
  if (!workflow) throw new HttpError(404, `Type de document inconnu : « ${collection} ».`);
  return workflow;
}

export async function findDocument(strapi: Core.Strapi, workflow: Workflow, documentId: string): Promise<DocumentSummary> {
  if (!isDocumentId(documentId)) throw new HttpError(404, 'Document introuvable.');
  const document = await summaryOf(strapi, workflow, documentId);
  if (!document) throw new HttpError(404, 'Document introuvable.');
  return document;
}

export async function membershipIn(strapi: Core.Strapi, caller: Caller, document: DocumentSummary): Promise<Membership> {
  if (!document.service) return 'none';
  const { headOf, serviceIds } = await membershipOf(strapi, caller.id);
  if (headOf.includes(document.service.id)) return 'head';
  return serviceIds.includes(document.service.id) ? 'member' : 'none';
}

export function performerOf(strapi: Core.Strapi, caller: Caller): Performer {
  return {
    userId: caller.id,
    name: personName(caller),
    roles: [caller.role?.type ?? 'public'],
    membership: (document) => membershipIn(strapi, caller, document),
  };
}

type Attribute = { type?: string; enum?: string[]; min?: number; max?: number };

/**
 * The changes a transition that `updates` fields carries, each checked against its attribute in the
 * content type's schema (an enumeration's values, an integer's bounds); none for the others.
 */
function checkedChanges(strapi: Core.Strapi, workflow: Workflow, transition: Transition, value: unknown): Record<string, string | number> | null {
  if (value === undefined || value === null) return null;
  if (!transition.updates.length) throw new HttpError(400, 'Cette action ne modifie aucun champ : retirez « changes » de la demande.');
  if (typeof value !== 'object' || Array.isArray(value)) throw new HttpError(400, '« changes » doit être un objet { champ: valeur }.');
  const entries = Object.entries(value as Record<string, unknown>);
  const unknown = entries.filter(([field]) => !transition.updates.includes(field)).map(([field]) => field);
  if (unknown.length) {
    const allowed = transition.updates.map((f) => `${f} (${fieldLabel(workflow.uid, f)})`).join(', ');
    throw new HttpError(400, `Champ non modifiable par cette action : ${unknown.join(', ')}. Champs possibles : ${allowed}.`);
  }
  if (!entries.length) return null;
  const attributes = (strapi.contentTypes as unknown as Record<string, { attributes: Record<string, Attribute> }>)[workflow.uid].attributes;
  const checked: Record<string, string | number> = {};
  for (const [field, v] of entries) {
    const attribute = attributes[field] ?? {};
    const label = fieldLabel(workflow.uid, field);
    if (attribute.type === 'enumeration') {
      if (typeof v !== 'string' || !attribute.enum?.includes(v)) {
        throw new HttpError(400, `${label} : valeur inconnue. Valeurs possibles : ${(attribute.enum ?? []).map((e) => `${e} (${choiceLabel(e)})`).join(', ')}.`);
      }
    } else if (attribute.type === 'integer') {
      const min = attribute.min ?? -Infinity;
      const max = attribute.max ?? Infinity;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
        throw new HttpError(400, `${label} : un nombre entier${Number.isFinite(min) && Number.isFinite(max) ? ` entre ${min} et ${max}` : ''} est attendu.`);
      }
    } else if (typeof v !== 'string' || v.length > 10000) {
      throw new HttpError(400, `${label} : un texte de 10 000 caractères au plus est attendu.`);
    }
    checked[field] = v;
  }
  return checked;
}

function checkedComment(value: unknown): string | null {
  if (value !== undefined && value !== null && typeof value !== 'string') throw new HttpError(400, 'Le commentaire doit être un texte.');
  const comment = typeof value === 'string' && value.trim() ? value.trim() : null;
  if (comment && comment.length > 5000) throw new HttpError(400, 'Le commentaire dépasse 5 000 caractères.');
  return comment;
}

/** The first role under which the table allows the action; otherwise the most telling refusal. */
function decideForRoles(workflow: Workflow, roles: string[], request: { state: string; membership: Membership; action: string; comment: string | null; author: boolean }) {
  const labels = workflowLabels();
  const decisions = (roles.length ? roles : ['public']).map((role) => ({ role, decision: decide<Transition>(workflow, { ...request, role }, labels) }));
  const allowed = decisions.find((d) => d.decision.ok);
  if (allowed) return allowed;
  const rank = (d: Decision) => (d.ok ? 0 : d.status === 400 ? 3 : d.status === 409 ? 2 : 1);
  return decisions.reduce((best, d) => (rank(d.decision) > rank(best.decision) ? d : best));
}

const EVENT = 'api::workflow-event.workflow-event';

/**
 * A 409 says who moved the document last when that is why the action no longer applies — the
 * document left, by someone else's action, a state the action could be taken from (« Déjà traité
 * par chef.accueil (Valider)… ») — and otherwise why it does not apply (`otherwise`: approving a
 * sheet still submitted is not something another person did).
 */
async function conflictMessage(strapi: Core.Strapi, workflow: Workflow, documentId: string, state: string, action: string, otherwise: string): Promise<string> {
  const labels = workflowLabels();
  const last = await strapi.db.query(EVENT).findOne({
    where: { targetUid: workflow.uid, targetDocumentId: documentId },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
  });
  const tookItAway = last && last.toState === state && workflow.transitions.some((t) => t.action === action && t.from === last.fromState);
  if (!tookItAway) return otherwise;
  return `Déjà traité par ${last.actorName} (${labels.actions[last.action] ?? last.action}) : le document est à l’état « ${labels.states[state] ?? state} ».`;
}
