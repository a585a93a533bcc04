import type { Core } from '@strapi/strapi';
import { rolesConfig } from '../access/roles-config';
import { availableActions } from '@charte/contract';
import { workflowByUid, type Workflow } from './definitions';
import { workflowLabels } from '../platform/config/labels';
import { eventsOf } from './history';
import { findDocument, parseTransitionBody, performTransition, type Performer } from './transition';
import { HttpError } from '../platform/http/http-error';
import { adminName, type AdminUser } from '../platform/http/request';

/** The workflow roles an administrator acts as, from config/roles.yaml `adminPanelRoles` (by role code or name). */
export function workflowRolesOf(user: AdminUser): string[] {
  const mapping = rolesConfig().adminPanelRoles;
  const roles = (user.roles ?? []).flatMap((r) => [...(mapping[r.code ?? ''] ?? []), ...(mapping[r.name ?? ''] ?? [])]);
  return [...new Set(roles)];
}

/** An administrator belongs to no service: member- and head-only actions are never theirs. */
function adminPerformer(user: AdminUser): Performer {
  return { userId: null, name: adminName(user), roles: workflowRolesOf(user), membership: async () => 'none' };
}

function workflowOf(uid: string): Workflow {
  const workflow = workflowByUid(uid);
  if (!workflow) throw new HttpError(404, 'Ce type de contenu n’a pas de workflow.');
  return workflow;
}

/** What the edit view's side panel shows: state, whether fields are editable, usable actions, history. */
export async function adminPanel(strapi: Core.Strapi, uid: string, documentId: string, user: AdminUser) {
  const workflow = workflowOf(uid);
  const document = await findDocument(strapi, workflow, documentId);
  const labels = workflowLabels();
  const roles = workflowRolesOf(user);
  const seen = new Set<string>();
  const actions = roles
    .flatMap((role) => availableActions(workflow, document.workflowState, role, 'none'))
    .filter((t) => !seen.has(t.action) && seen.add(t.action))
    .map((t) => ({ action: t.action, label: labels.actions[t.action] ?? t.action, to: t.to, commentRequired: t.commentRequired }));
  return {
    state: document.workflowState,
    stateLabel: labels.states[document.workflowState] ?? document.workflowState,
    editable: workflow.editableIn.includes(document.workflowState),
    actions,
    roles: roles.map((role) => rolesConfig().roles[role]?.name ?? role),
    history: await eventsOf(strapi, workflow, document.documentId),
  };
}

export async function adminTransition(strapi: Core.Strapi, uid: string, documentId: string, body: unknown, user: AdminUser) {
  const { action, comment } = parseTransitionBody(body);
  return performTransition(strapi, workflowOf(uid), { documentId, action, comment, performer: adminPerformer(user) });
}
