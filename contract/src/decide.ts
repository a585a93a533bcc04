import type { Scope, TransitionDefinition } from './schemas/workflow';

/** How the caller relates to the document's service. */
export type Membership = 'head' | 'member' | 'none';

export type Decision<T extends TransitionDefinition = TransitionDefinition> =
  | { ok: true; transition: T }
  | { ok: false; status: 400 | 403 | 409; message: string };

type Table<T extends TransitionDefinition> = { transitions: T[] };
type Labels = { states: Record<string, string>; actions: Record<string, string> };

const covers = (scope: Scope, membership: Membership, author: boolean) =>
  scope === 'any' || (scope === 'member' && membership !== 'none') || (scope === 'head' && membership === 'head') || (scope === 'author' && author);

/**
 * Whether `role` may apply `action` to a document in `state`, from the workflow's table alone: the
 * server enforces this decision, the screens draw their buttons from it.
 * 403 when the role never may, or not on this service's documents; 409 when it may but not from this state;
 * 400 when a required comment is missing.
 */
export function decide<T extends TransitionDefinition>(
  workflow: Table<T>,
  request: { state: string; role: string; membership: Membership; action: string; comment?: string | null; author?: boolean },
  labels: Labels,
): Decision<T> {
  const { state, role, membership, action } = request;
  const actionLabel = labels.actions[action] ?? action;
  const forRole = workflow.transitions.filter((t) => t.action === action && role in t.by);
  if (!forRole.length) return { ok: false, status: 403, message: `Votre rôle ne permet pas l’action « ${actionLabel} » sur ce type de document.` };
  // Service before state: someone outside the service learns nothing about where the document stands.
  const inReach = forRole.filter((t) => covers(t.by[role], membership, request.author ?? false));
  if (!inReach.length) {
    if (forRole.every((t) => t.by[role] === 'author')) return { ok: false, status: 403, message: 'Action réservée à l’auteur du document.' };
    const need = forRole.some((t) => t.by[role] === 'member') ? 'membre de ce service' : 'chef de ce service';
    return { ok: false, status: 403, message: `Action réservée à un ${need}.` };
  }
  const transition = inReach.find((t) => t.from === state);
  if (!transition) return { ok: false, status: 409, message: `Action « ${actionLabel} » impossible : le document est à l’état « ${labels.states[state] ?? state} ».` };
  if (transition.commentRequired && !request.comment?.trim()) {
    const why = transition.from === transition.to ? 'dites où en est le document' : 'expliquez ce qui doit être repris';
    return { ok: false, status: 400, message: `Un commentaire est obligatoire pour cette action : ${why}.` };
  }
  return { ok: true, transition };
}

/**
 * The actions `role` may apply now to one document in `state` (inbox, buttons); `inboxOnly` keeps
 * those that fill an inbox. An action taken only together with others (`together`) is not one of them.
 */
export function availableActions<T extends TransitionDefinition>(workflow: Table<T>, state: string, role: string, membership: Membership, inboxOnly = false, author = false): T[] {
  return workflow.transitions.filter((t) => t.from === state && !t.together && role in t.by && covers(t.by[role], membership, author) && (!inboxOnly || t.inbox));
}
