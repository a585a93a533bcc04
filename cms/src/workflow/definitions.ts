import { ACTIONS, SCOPES, type WorkflowDefinition } from '@charte/contract';
import { z } from 'zod';
import { rolesConfig } from '../access/roles-config';
import { modelLabels, typeLabels } from '../platform/config/labels';
import { readConfigFile } from '../platform/config/read-config';

export { ACTIONS };
export const RECIPIENTS = ['service-heads', 'dgs', 'referent-qualite', 'author'] as const;
/** What a transition does besides moving the state and recording its event (implemented in effects.ts). */
export const EFFECTS = ['audit', 'indicator-measures'] as const;
export type EffectName = (typeof EFFECTS)[number];
const effectList = z.array(z.enum(EFFECTS, { errorMap: () => ({ message: `effet inconnu (${EFFECTS.join(', ')})` }) })).default([]);
/** What a decision taken on a set of documents does once, besides their transitions (implemented in decisions.ts). */
export const DECISION_EFFECTS = ['charter-version'] as const;
export type DecisionEffectName = (typeof DECISION_EFFECTS)[number];
/** What an action checks beyond the document's own fields, at the moment it is taken (implemented in checks.ts). */
export const CHECKS = ['finding-resolved'] as const;
export type CheckName = (typeof CHECKS)[number];

const actionName = z.enum(ACTIONS, { errorMap: () => ({ message: `action inconnue (attendu : ${ACTIONS.join(', ')})` }) });

const transitionSchema = z.object({
  action: actionName,
  from: z.string(),
  to: z.string(),
  by: z.record(z.string(), z.enum(SCOPES, { errorMap: () => ({ message: 'portée inconnue (any, member, head ou author)' }) })),
  comment: z.literal('required').optional(),
  notify: z.array(z.enum(RECIPIENTS, { errorMap: () => ({ message: `destinataire inconnu (${RECIPIENTS.join(', ')})` }) })).default([]),
  inbox: z.boolean().default(true),
  effects: effectList,
  /** Fields the action may change besides the state, in the same statement (a follow-up: `report`). */
  updates: z.array(z.string()).default([]),
  /** Taken only by a decision on every document in `from` at once (`decisions:`), never on one document. */
  together: z.boolean().default(false),
})
  // The contract's name for it (the table says `comment: required`, every reader asks a boolean).
  .transform((t) => ({ ...t, commentRequired: t.comment === 'required' }));

/** What an action asks of the document's content (`requires:`): the field is filled, and none of `not`. */
const requirementSchema = z.object({ field: z.string(), not: z.array(z.string()).default([]) }).strict();

const workflowSchema = z.object({
  uid: z.string().startsWith('api::'),
  collection: z.string().regex(/^[a-z-]+$/),
  serviceBound: z.boolean(),
  states: z.array(z.string()).min(2),
  initial: z.string(),
  editableIn: z.array(z.string()).min(1),
  // A list may include another (`- *serviceTransitions`): the common circuit plus a type's own actions.
  transitions: z.preprocess((list) => (Array.isArray(list) ? list.flat() : list), z.array(transitionSchema).min(1)),
  /** Effects of every transition of this workflow. */
  effects: effectList,
  requires: z.record(actionName, z.array(requirementSchema).min(1)).default({}),
  checks: z.record(actionName, z.array(z.enum(CHECKS, { errorMap: () => ({ message: `vérification inconnue (${CHECKS.join(', ')})` }) })).min(1)).default({}),
});

/**
 * A group of « À traiter » (`inbox.groups`): the documents on which the caller may take `action`
 * (and, with `after`, whose last event is one of those actions); `batch`: the action may be taken on
 * several documents at once.
 */
const inboxGroupSchema = z
  .object({
    name: z.string().regex(/^[a-z-]+$/),
    action: actionName,
    after: z.array(actionName).min(1).optional(),
    batch: z.boolean().default(false),
  })
  .strict();

/** A decision on every document of a workflow in one state (« Approuver la charte »): config/workflows.yaml `decisions:`. */
const decisionSchema = z
  .object({
    workflow: z.string(),
    action: actionName,
    effects: z.array(z.enum(DECISION_EFFECTS, { errorMap: () => ({ message: `effet inconnu (${DECISION_EFFECTS.join(', ')})` }) })).default([]),
    /** Whether the decision may be taken with no document to move, when its effects change something. */
    empty: z.boolean().default(false),
  })
  .strict();

const fileSchema = z
  .object({
    inbox: z.object({ groups: z.array(inboxGroupSchema).min(1) }).strict(),
    workflows: z.record(z.string(), workflowSchema),
    decisions: z.record(z.string(), decisionSchema).default({}),
  })
  .passthrough()
  .superRefine((file, ctx) => {
    const roles = Object.keys(rolesConfig().roles);
    const labels = modelLabels();
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const collections = new Set<string>();
    for (const [name, wf] of Object.entries(file.workflows)) {
      const at = ['workflows', name];
      if (!typeLabels(wf.uid)) issue([...at, 'uid'], `type « ${wf.uid} » sans libellé dans labels.yaml (types)`);
      if (collections.has(wf.collection)) issue([...at, 'collection'], `collection « ${wf.collection} » déjà utilisée`);
      collections.add(wf.collection);
      const states = new Set(wf.states);
      const known = (state: string, path: (string | number)[]) => {
        if (!states.has(state)) issue(path, `état inconnu « ${state} » (états déclarés : ${wf.states.join(', ')})`);
        if (!labels.states[state]) issue(path, `état « ${state} » sans libellé dans labels.yaml (states)`);
      };
      known(wf.initial, [...at, 'initial']);
      wf.editableIn.forEach((s, i) => known(s, [...at, 'editableIn', i]));
      const seen = new Set<string>();
      wf.transitions.forEach((t, i) => {
        const tAt = [...at, 'transitions', i];
        known(t.from, [...tAt, 'from']);
        known(t.to, [...tAt, 'to']);
        if (seen.has(`${t.action}@${t.from}`)) issue([...tAt, 'action'], `action « ${t.action} » déclarée deux fois depuis l’état « ${t.from} »`);
        seen.add(`${t.action}@${t.from}`);
        if (!labels.actions[t.action]) issue([...tAt, 'action'], `action « ${t.action} » sans libellé dans labels.yaml (actions)`);
        const type = wf.uid.split('.').pop() ?? '';
        t.updates.forEach((field, j) => {
          if (!labels.types[type]?.fields[field]) issue([...tAt, 'updates', j], `champ « ${field} » inconnu de labels.yaml (types.${type}.fields)`);
          if (field === 'workflowState') issue([...tAt, 'updates', j], 'l’état change par from et to, pas par updates');
        });
        for (const [role, scope] of Object.entries(t.by)) {
          if (!roles.includes(role)) issue([...tAt, 'by', role], `rôle inconnu « ${role} » (rôles de config/roles.yaml : ${roles.join(', ')})`);
          if ((scope === 'member' || scope === 'head') && !wf.serviceBound) issue([...tAt, 'by', role], `portée « ${scope} » impossible : ce type n’a pas de service`);
        }
      });
      // The refusal names each field and value in French: both must have a label.
      const fields = typeLabels(wf.uid)?.fields ?? {};
      const choices = { ...labels.choices, ...labels.states };
      for (const [action, requirements] of Object.entries(wf.requires)) {
        const rAt = [...at, 'requires', action];
        if (!wf.transitions.some((t) => t.action === action)) issue(rAt, `action « ${action} » absente des transitions de ce circuit`);
        requirements.forEach((r, i) => {
          if (!fields[r.field]) issue([...rAt, i, 'field'], `champ « ${r.field} » sans libellé dans labels.yaml (types)`);
          r.not.forEach((value, j) => {
            if (!choices[value]) issue([...rAt, i, 'not', j], `valeur « ${value} » sans libellé dans labels.yaml (choices)`);
          });
        });
      }
    }
    for (const [name, wf] of Object.entries(file.workflows)) {
      for (const action of Object.keys(wf.checks)) {
        if (!wf.transitions.some((t) => t.action === action)) issue(['workflows', name, 'checks', action], `action « ${action} » absente des transitions de ce circuit`);
      }
    }
    checkInboxGroups(file.inbox.groups, Object.entries(file.workflows), labels.inboxGroups, issue);
    for (const [name, decision] of Object.entries(file.decisions)) {
      const at = ['decisions', name];
      const wf = file.workflows[decision.workflow];
      if (!wf) {
        issue([...at, 'workflow'], `circuit inconnu « ${decision.workflow} » (circuits : ${Object.keys(file.workflows).join(', ')})`);
        continue;
      }
      const taken = wf.transitions.filter((t) => t.action === decision.action);
      if (taken.length !== 1) issue([...at, 'action'], `l’action « ${decision.action} » doit être déclarée une fois dans le circuit « ${decision.workflow} »`);
      else if (!taken[0].together) issue([...at, 'action'], `l’action « ${decision.action} » du circuit « ${decision.workflow} » doit être déclarée together: true`);
    }
    for (const [name, wf] of Object.entries(file.workflows)) {
      wf.transitions.forEach((t, i) => {
        const decided = Object.values(file.decisions).some((d) => d.workflow === name && d.action === t.action);
        if (t.together && !decided) issue(['workflows', name, 'transitions', i, 'together'], `aucune décision (decisions) ne prend l’action « ${t.action} »`);
      });
    }
  });

const SCOPE_REACH = { author: 1, head: 1, member: 2, any: 3 } as const;

/**
 * Every group is named in labels.yaml, once; a batch action never asks a comment; and every
 * document of an inbox lands in a group: wherever a role may take an inbox action, it may also take
 * the action of a group without `after`, at least as widely (`any` covers `member`, which covers `head`).
 */
function checkInboxGroups(
  groups: z.infer<typeof inboxGroupSchema>[],
  list: [string, z.infer<typeof workflowSchema>][],
  groupLabels: Record<string, string>,
  issue: (path: (string | number)[], message: string) => void,
) {
  const names = new Set<string>();
  groups.forEach((g, i) => {
    const at = ['inbox', 'groups', i];
    if (names.has(g.name)) issue([...at, 'name'], `groupe « ${g.name} » déclaré deux fois`);
    names.add(g.name);
    if (!groupLabels[g.name]) issue([...at, 'name'], `groupe « ${g.name} » sans libellé dans labels.yaml (inboxGroups)`);
    if (g.batch && list.some(([, wf]) => wf.transitions.some((t) => t.action === g.action && t.commentRequired))) {
      issue([...at, 'batch'], `l’action « ${g.action} » demande un commentaire dans un circuit : elle ne peut pas se faire par lot`);
    }
  });
  const catchAll = groups.filter((g) => !g.after);
  for (const [name, wf] of list) {
    wf.transitions.forEach((t, i) => {
      if (!t.inbox) return;
      for (const [role, scope] of Object.entries(t.by)) {
        const claimed = catchAll.some((g) =>
          wf.transitions.some((u) => u.inbox && u.action === g.action && u.from === t.from && u.by[role] && SCOPE_REACH[u.by[role]] >= SCOPE_REACH[scope]),
        );
        if (!claimed) issue(['workflows', name, 'transitions', i], `« ${t.action} » depuis « ${t.from} » (${role}) n’entre dans aucun groupe de inbox.groups`);
      }
    });
  }
}

export type WorkflowFile = z.infer<typeof fileSchema>;
/** A workflow as the engine reads it; `label` is its type's name (labels.yaml). */
export type Workflow = z.infer<typeof workflowSchema> & { name: string; label: string };

/** A workflow as it crosses HTTP (GET /api/workflow/definitions): the table without its mail recipients. */
export function definitionOf(workflow: Workflow): WorkflowDefinition {
  const { name, uid, collection, label, serviceBound, states, initial, editableIn } = workflow;
  const transitions = workflow.transitions.map(({ action, from, to, by, commentRequired, inbox, updates, together }) => ({ action, from, to, by, commentRequired, inbox, updates, together }));
  return { name, uid, collection, label, serviceBound, states, initial, editableIn, transitions };
}
export type Transition = z.infer<typeof transitionSchema>;
export type InboxGroup = z.infer<typeof inboxGroupSchema>;
export type Decision = z.infer<typeof decisionSchema> & { name: string };
export type Requirement = z.infer<typeof requirementSchema>;

let cached: { file: WorkflowFile; list: Workflow[] } | undefined;

/** Reads and checks config/workflows.yaml once; throws (and so stops boot) when it is wrong. */
export function loadWorkflows() {
  if (!cached) {
    const file = readConfigFile('workflows.yaml', fileSchema);
    cached = { file, list: Object.entries(file.workflows).map(([name, wf]) => ({ ...wf, name, label: typeLabels(wf.uid)!.label })) };
  }
  return cached;
}

/** For tests: forget the cached file so that another CHARTE_CONFIG_DIR is read. */
export function resetWorkflowCache() {
  cached = undefined;
}

export const workflows = () => loadWorkflows().list;
/** The groups of « À traiter », in their order (config/workflows.yaml, inbox.groups). */
export const inboxGroups = () => loadWorkflows().file.inbox.groups;
export const workflowByUid = (uid: string) => workflows().find((w) => w.uid === uid);
export const workflowByCollection = (collection: string) => workflows().find((w) => w.collection === collection);

/** A decision of config/workflows.yaml `decisions:`, by name, with its workflow and the transition it takes. */
export function decisionByName(name: string): { decision: Decision; workflow: Workflow; transition: Transition } | undefined {
  const { file, list } = loadWorkflows();
  const decision = file.decisions[name];
  const workflow = decision && list.find((w) => w.name === decision.workflow);
  const transition = workflow?.transitions.find((t) => t.action === decision.action);
  return decision && workflow && transition ? { decision: { ...decision, name }, workflow, transition } : undefined;
}
