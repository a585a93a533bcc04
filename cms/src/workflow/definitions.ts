import { ACTIONS, SCOPES, type WorkflowDefinition } from '@charte/contract';
import { z } from 'zod';
import { rolesConfig } from '../access/roles-config';
import { modelLabels, typeLabels } from '../platform/config/labels';
import { readConfigFile } from '../platform/config/read-config';

export { ACTIONS };
export const RECIPIENTS = ['service-heads', 'dgs', 'referent-qualite', 'author'] as const;
/** What a transition does besides moving the state and recording its event (implemented in effects.ts). */
export const EFFECTS = ['audit', 'charter-version'] as const;
export type EffectName = (typeof EFFECTS)[number];
const effectList = z.array(z.enum(EFFECTS, { errorMap: () => ({ message: `effet inconnu (${EFFECTS.join(', ')})` }) })).default([]);

const actionName = z.enum(ACTIONS, { errorMap: () => ({ message: `action inconnue (attendu : ${ACTIONS.join(', ')})` }) });

const transitionSchema = z.object({
  action: actionName,
  from: z.string(),
  to: z.string(),
  by: z.record(z.string(), z.enum(SCOPES, { errorMap: () => ({ message: 'portée inconnue (any, member ou head)' }) })),
  comment: z.literal('required').optional(),
  notify: z.array(z.enum(RECIPIENTS, { errorMap: () => ({ message: `destinataire inconnu (${RECIPIENTS.join(', ')})` }) })).default([]),
  inbox: z.boolean().default(true),
  effects: effectList,
  /** Fields the action may change besides the state, in the same statement (a follow-up: `report`). */
  updates: z.array(z.string()).default([]),
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
});

const fileSchema = z
  .object({
    workflows: z.record(z.string(), workflowSchema),
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
          if (scope !== 'any' && !wf.serviceBound) issue([...tAt, 'by', role], `portée « ${scope} » impossible : ce type n’a pas de service`);
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
  });

export type WorkflowFile = z.infer<typeof fileSchema>;
/** A workflow as the engine reads it; `label` is its type's name (labels.yaml). */
export type Workflow = z.infer<typeof workflowSchema> & { name: string; label: string };

/** A workflow as it crosses HTTP (GET /api/workflow/definitions): the table without its mail recipients. */
export function definitionOf(workflow: Workflow): WorkflowDefinition {
  const { name, uid, collection, label, serviceBound, states, initial, editableIn } = workflow;
  const transitions = workflow.transitions.map(({ action, from, to, by, commentRequired, inbox, updates }) => ({ action, from, to, by, commentRequired, inbox, updates }));
  return { name, uid, collection, label, serviceBound, states, initial, editableIn, transitions };
}
export type Transition = z.infer<typeof transitionSchema>;
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
export const workflowByUid = (uid: string) => workflows().find((w) => w.uid === uid);
export const workflowByCollection = (collection: string) => workflows().find((w) => w.collection === collection);
