import { workflowLabels, type Scope, type Transition, type Workflow } from './definitions';

/** How the caller relates to the document's service. */
export type Membership = 'head' | 'member' | 'none';

export type Decision =
  | { ok: true; transition: Transition }
  | { ok: false; status: 400 | 403 | 409; message: string };

const covers = (scope: Scope, membership: Membership) =>
  scope === 'any' || (scope === 'member' && membership !== 'none') || (scope === 'head' && membership === 'head');

/**
 * Whether `role` may apply `action` to a document in `state`, from the workflow's table alone.
 * 403 when the role never may, or not on this service's documents; 409 when it may but not from this state;
 * 400 when a required comment is missing.
 */
export function decide(
  workflow: Workflow,
  request: { state: string; role: string; membership: Membership; action: string; comment?: string | null },
): Decision {
  const { state, role, membership, action } = request;
  const labels = workflowLabels();
  const actionLabel = labels.actions[action] ?? action;
  const forRole = workflow.transitions.filter((t) => t.action === action && role in t.by);
  if (!forRole.length) return { ok: false, status: 403, message: `Votre rôle ne permet pas l’action « ${actionLabel} » sur ce type de document.` };
  // Service before state: someone outside the service learns nothing about where the document stands.
  const inReach = forRole.filter((t) => covers(t.by[role], membership));
  if (!inReach.length) {
    const need = forRole.some((t) => t.by[role] === 'member') ? 'membre de ce service' : 'chef de ce service';
    return { ok: false, status: 403, message: `Action réservée à un ${need}.` };
  }
  const transition = inReach.find((t) => t.from === state);
  if (!transition) return { ok: false, status: 409, message: `Action « ${actionLabel} » impossible : le document est à l’état « ${labels.states[state] ?? state} ».` };
  if (transition.comment === 'required' && !request.comment?.trim()) {
    return { ok: false, status: 400, message: 'Un commentaire est obligatoire pour cette action : expliquez ce qui doit être repris.' };
  }
  return { ok: true, transition };
}

/** The actions `role` may apply now (for inbox and buttons). */
export function availableActions(workflow: Workflow, state: string, role: string, membership: Membership, inboxOnly = false): Transition[] {
  return workflow.transitions.filter(
    (t) => t.from === state && role in t.by && covers(t.by[role], membership) && (!inboxOnly || t.inbox),
  );
}
