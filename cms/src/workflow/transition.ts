import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { membershipOf } from '../access/service-membership';
import { decide, type Decision, type Membership } from './decide';
import { ACTIONS, workflowByCollection, workflowLabels, type Workflow } from './definitions';
import { summaryOf, type DocumentSummary } from './document-titles';
import { outboxRow, wakeMailOutbox } from './mail-outbox';
import { transitionMails } from './notifications';
import { moveAndRecord, type TransitionRow, type TransitionWrite } from './record-transition';

export class WorkflowError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409,
    message: string,
  ) {
    super(message);
    this.name = 'WorkflowError';
  }
}

export interface Actor {
  id: number;
  username?: string;
  email?: string;
  role?: { type?: string } | null;
}

const EVENT = 'api::workflow-event.workflow-event';

export function resolveWorkflow(collection: string): Workflow {
  const workflow = workflowByCollection(collection);
  if (!workflow) throw new WorkflowError(404, `Type de document inconnu : « ${collection} ».`);
  return workflow;
}

/** Strapi document ids are lowercase letters and digits; anything else cannot exist. */
export const isDocumentId = (value: unknown): value is string => typeof value === 'string' && /^[a-z0-9]{1,64}$/.test(value);

export async function findDocument(strapi: Core.Strapi, workflow: Workflow, documentId: string): Promise<DocumentSummary> {
  if (!isDocumentId(documentId)) throw new WorkflowError(404, 'Document introuvable.');
  const document = await summaryOf(strapi, workflow, documentId);
  if (!document) throw new WorkflowError(404, 'Document introuvable.');
  return document;
}

export async function membershipIn(strapi: Core.Strapi, actor: Actor, document: DocumentSummary): Promise<Membership> {
  if (!document.service) return 'none';
  const { headOf, serviceIds } = await membershipOf(strapi, actor.id);
  if (headOf.includes(document.service.id)) return 'head';
  return serviceIds.includes(document.service.id) ? 'member' : 'none';
}

/**
 * A 409 says who moved the document last, so that the user understands why their action no longer
 * applies ("Déjà traité par chef.accueil (Valider)…").
 */
async function conflictMessage(strapi: Core.Strapi, workflow: Workflow, documentId: string, state: string): Promise<string> {
  const labels = workflowLabels();
  const last = await strapi.db.query(EVENT).findOne({
    where: { targetUid: workflow.uid, targetDocumentId: documentId },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
  });
  const where = `le document est à l’état « ${labels.states[state] ?? state} »`;
  return last ? `Déjà traité par ${last.actorName} (${labels.actions[last.action] ?? last.action}) : ${where}.` : `Action impossible : ${where}.`;
}

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

export function performerOf(strapi: Core.Strapi, actor: Actor): Performer {
  return {
    userId: actor.id,
    name: actor.username ?? actor.email ?? `utilisateur ${actor.id}`,
    roles: [actor.role?.type ?? 'public'],
    membership: (document) => membershipIn(strapi, actor, document),
  };
}

/** The first role under which the table allows the action; otherwise the most telling refusal. */
function decideForRoles(workflow: Workflow, roles: string[], request: { state: string; membership: Membership; action: string; comment: string | null }) {
  const decisions = (roles.length ? roles : ['public']).map((role) => ({ role, decision: decide(workflow, { ...request, role }) }));
  const allowed = decisions.find((d) => d.decision.ok);
  if (allowed) return allowed;
  const rank = (d: Decision) => (d.ok ? 0 : d.status === 400 ? 3 : d.status === 409 ? 2 : 1);
  return decisions.reduce((best, d) => (rank(d.decision) > rank(best.decision) ? d : best));
}

/** What a transition does, as the rows that go with it see it (before it is written). */
export interface TransitionFacts extends TransitionWrite {
  workflow: Workflow;
}

/** What a committed transition did, as its hooks see it (inside the transition's transaction). */
export interface TransitionRecord extends TransitionFacts {
  eventId: number;
}

/** Work that must commit or roll back together with the transitions it applies to. */
export interface TransitionHook {
  appliesTo(facts: TransitionFacts): boolean;
  run(strapi: Core.Strapi, trx: Knex.Transaction, record: TransitionRecord): Promise<void>;
}

const transitionHooks = new Map<string, TransitionHook>();

/**
 * Work that must commit or roll back together with a transition (the charter's versions…). Keyed
 * by name so that registering again (several Strapi instances in one process) replaces. A hook
 * that throws aborts the transition. Only a transition some hook applies to opens a transaction:
 * the others are one autocommitted statement.
 */
export function afterTransition(name: string, hook: TransitionHook): void {
  transitionHooks.set(name, hook);
}

export type TransitionRowHook = (strapi: Core.Strapi, facts: TransitionFacts) => TransitionRow;

const transitionRows = new Map<string, TransitionRowHook>();

/**
 * A row that goes with every transition (its audit entry), written by the transition's own
 * statement rather than by a hook's extra round trip — as its mails' outbox row. Keyed by name, as afterTransition.
 */
export function rowWithTransition(name: string, hook: TransitionRowHook): void {
  transitionRows.set(name, hook);
}

/** Applies a workflow action for a users-permissions user (REST API). */
export async function applyTransition(
  strapi: Core.Strapi,
  request: { collection: string; documentId: string; action: unknown; comment?: unknown; actor: Actor },
) {
  const { actor, ...rest } = request;
  return performTransition(strapi, resolveWorkflow(request.collection), { ...rest, performer: performerOf(strapi, actor) });
}

/**
 * Applies a workflow action: checks it against config/workflows.yaml, then in one statement moves
 * the state only if it is still the expected one and appends the history event and the rows that go
 * with it (audit trail, mails to send: mail-outbox.ts); the hooks (charter versions) run in the same
 * transaction.
 * Of two concurrent conflicting requests exactly one wins; the other gets 409.
 */
export async function performTransition(
  strapi: Core.Strapi,
  workflow: Workflow,
  request: { documentId: string; action: unknown; comment?: unknown; performer: Performer },
) {
  const { action, performer } = request;
  if (typeof action !== 'string' || !(ACTIONS as readonly string[]).includes(action)) {
    throw new WorkflowError(400, `Action inconnue. Actions possibles : ${ACTIONS.join(', ')}.`);
  }
  if (request.comment !== undefined && request.comment !== null && typeof request.comment !== 'string') {
    throw new WorkflowError(400, 'Le commentaire doit être un texte.');
  }
  const comment = typeof request.comment === 'string' && request.comment.trim() ? request.comment.trim() : null;
  if (comment && comment.length > 5000) throw new WorkflowError(400, 'Le commentaire dépasse 5 000 caractères.');

  const document = await findDocument(strapi, workflow, request.documentId);
  const membership = await performer.membership(document);
  const { role, decision } = decideForRoles(workflow, performer.roles, { state: document.workflowState, membership, action, comment });
  if (!decision.ok) {
    if (decision.status === 409) throw new WorkflowError(409, await conflictMessage(strapi, workflow, document.documentId, document.workflowState));
    throw new WorkflowError(decision.status, decision.message);
  }
  const { transition } = decision;

  const at = new Date();
  const actorName = performer.name;

  // Recipients are looked up first: the write then holds the document's row lock only while it writes.
  const mails = await transitionMails(strapi, { workflow, transition, document, actor: { id: performer.userId, name: actorName }, comment });
  const write = { documentId: document.documentId, action, from: transition.from, to: transition.to, userId: performer.userId, actorName, role, comment, at };
  const facts: TransitionFacts = { workflow, ...write };
  const rows = [...transitionRows.values()].map((hook) => hook(strapi, facts));
  if (mails.length) rows.push(outboxRow(mails));
  const hooks = [...transitionHooks.values()].filter((hook) => hook.appliesTo(facts));
  const eventId = hooks.length
    ? await strapi.db.transaction(async ({ trx }) => {
        const id = await moveAndRecord(strapi, trx, workflow, write, rows);
        if (id === null) return null;
        for (const hook of hooks) await hook.run(strapi, trx, { ...facts, eventId: id });
        return id;
      })
    : await moveAndRecord(strapi, strapi.db.connection, workflow, write, rows);

  if (eventId === null) {
    const now = await strapi.db.query(workflow.uid as never).findOne({ select: ['workflowState'], where: { documentId: document.documentId } });
    throw new WorkflowError(409, await conflictMessage(strapi, workflow, document.documentId, now?.workflowState ?? document.workflowState));
  }
  if (mails.length) wakeMailOutbox();
  return {
    documentId: document.documentId,
    workflowState: transition.to,
    previousState: transition.from,
    action,
    event: { id: eventId, at, actor: actorName, role, comment },
  };
}
