import type { Core } from '@strapi/strapi';
import { canRead, roleOf } from '../access/read-scope';
import { rolesConfig } from '../access/roles-config';
import { type Workflow } from './definitions';
import { fieldLabel, workflowLabels } from '../platform/config/labels';
import { resolveWorkflow } from './transition';
import { isDocumentId } from '../platform/db/document-id';
import type { Caller } from '../platform/http/request';
import { HttpError } from '../platform/http/http-error';
import type { Row } from '../platform/db/schema';

/** The workflow history of one document, oldest first, for whoever may read the document. */
export async function historyOf(strapi: Core.Strapi, collection: string, documentId: string, caller: Caller) {
  const workflow = resolveWorkflow(collection);
  if (!isDocumentId(documentId)) throw new HttpError(404, 'Document introuvable.');
  if (!(await canRead(strapi, workflow.uid, documentId, caller))) throw new HttpError(404, 'Document introuvable.');
  const events = await eventsWithActors(strapi, workflow, documentId);
  const blind = rolesConfig().blindTypes[workflow.uid];
  if (!blind || blind.planners.includes(roleOf(caller))) return events.map(withoutActorId);
  // A blind document's tester stays unnamed to its service once revealed: a service that knows its
  // testers would recognise them at the next wave.
  const document = (await strapi.db.query(workflow.uid as never).findOne({ select: ['id'], where: { documentId }, populate: { [blind.testerField]: { select: ['id'] } } })) as Row | null;
  const testerId = document?.[blind.testerField]?.id as number | undefined;
  if (!testerId || testerId === caller.id) return events.map(withoutActorId);
  const unnamed = `le ${fieldLabel(workflow.uid, blind.testerField).toLowerCase()}`;
  return events.map(({ actorId, ...event }) => (actorId === testerId ? { ...event, actor: unnamed } : event));
}

const withoutActorId = <T extends { actorId: unknown }>({ actorId: _actorId, ...event }: T) => event;

/** The events of one document, oldest first, without any access check (callers check first). */
export async function eventsOf(strapi: Core.Strapi, workflow: Workflow, documentId: string) {
  return (await eventsWithActors(strapi, workflow, documentId)).map(withoutActorId);
}

async function eventsWithActors(strapi: Core.Strapi, workflow: Workflow, documentId: string) {
  const labels = workflowLabels();
  const events = await strapi.db.query('api::workflow-event.workflow-event').findMany({
    where: { targetUid: workflow.uid, targetDocumentId: documentId },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
    populate: { actor: { select: ['id'] } },
  });
  return events.map((e: Row) => ({
    action: e.action,
    actionLabel: labels.actions[e.action] ?? e.action,
    from: e.fromState,
    to: e.toState,
    actor: e.actorName,
    actorId: (e.actor?.id as number | undefined) ?? null,
    role: e.role,
    comment: e.comment,
    changes: inDeclaredOrder(workflow, e),
    at: new Date(e.at).toISOString(),
  }));
}

/**
 * The fields an event changed, in the order its transition declares them (`updates`): PostgreSQL's
 * jsonb keeps keys in its own order (shortest first), which would put « Avancement » before « Statut ».
 */
function inDeclaredOrder(workflow: Workflow, event: Row): Record<string, string | number> | null {
  // Strapi's pg setup may leave jsonb as text.
  const changes = (typeof event.changes === 'string' ? JSON.parse(event.changes) : event.changes) as Record<string, string | number> | null;
  if (!changes) return null;
  const declared = workflow.transitions.find((t) => t.action === event.action && t.from === event.fromState)?.updates ?? [];
  const keys = Object.keys(changes).sort((a, b) => (declared.indexOf(a) + 1 || Infinity) - (declared.indexOf(b) + 1 || Infinity));
  return Object.fromEntries(keys.map((key) => [key, changes[key]]));
}
