import { z } from 'zod';
import { rolesConfig } from '../access/roles-config';
import { readConfigFile } from '../business-config/read-config';

export const SCOPES = ['any', 'member', 'head'] as const;
export const RECIPIENTS = ['service-heads', 'dgs', 'referent-qualite', 'author'] as const;
export const ACTIONS = ['submit', 'validate', 'approve', 'reject', 'reopen'] as const;

const transitionSchema = z.object({
  action: z.enum(ACTIONS, { errorMap: () => ({ message: `action inconnue (attendu : ${ACTIONS.join(', ')})` }) }),
  from: z.string(),
  to: z.string(),
  by: z.record(z.string(), z.enum(SCOPES, { errorMap: () => ({ message: 'portée inconnue (any, member ou head)' }) })),
  comment: z.literal('required').optional(),
  notify: z.array(z.enum(RECIPIENTS, { errorMap: () => ({ message: `destinataire inconnu (${RECIPIENTS.join(', ')})` }) })).default([]),
  inbox: z.boolean().default(true),
});

const workflowSchema = z.object({
  uid: z.string().startsWith('api::'),
  collection: z.string().regex(/^[a-z-]+$/),
  label: z.string(),
  serviceBound: z.boolean(),
  states: z.array(z.string()).min(2),
  initial: z.string(),
  editableIn: z.array(z.string()).min(1),
  transitions: z.array(transitionSchema).min(1),
});

const fileSchema = z
  .object({
    labels: z.object({ states: z.record(z.string()), actions: z.record(z.string()) }),
    workflows: z.record(z.string(), workflowSchema),
  })
  .passthrough()
  .superRefine((file, ctx) => {
    const roles = Object.keys(rolesConfig().roles);
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const collections = new Set<string>();
    for (const [name, wf] of Object.entries(file.workflows)) {
      const at = ['workflows', name];
      if (collections.has(wf.collection)) issue([...at, 'collection'], `collection « ${wf.collection} » déjà utilisée`);
      collections.add(wf.collection);
      const states = new Set(wf.states);
      const known = (state: string, path: (string | number)[]) => {
        if (!states.has(state)) issue(path, `état inconnu « ${state} » (états déclarés : ${wf.states.join(', ')})`);
        if (!file.labels.states[state]) issue(path, `état « ${state} » sans libellé dans labels.states`);
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
        if (!file.labels.actions[t.action]) issue([...tAt, 'action'], `action « ${t.action} » sans libellé dans labels.actions`);
        for (const [role, scope] of Object.entries(t.by)) {
          if (!roles.includes(role)) issue([...tAt, 'by', role], `rôle inconnu « ${role} » (rôles de config/roles.yaml : ${roles.join(', ')})`);
          if (scope !== 'any' && !wf.serviceBound) issue([...tAt, 'by', role], `portée « ${scope} » impossible : ce type n’a pas de service`);
        }
      });
    }
  });

export type WorkflowFile = z.infer<typeof fileSchema>;
export type Workflow = z.infer<typeof workflowSchema> & { name: string };
export type Transition = z.infer<typeof transitionSchema>;
export type Scope = (typeof SCOPES)[number];

let cached: { file: WorkflowFile; list: Workflow[] } | undefined;

/** Reads and checks config/workflows.yaml once; throws (and so stops boot) when it is wrong. */
export function loadWorkflows() {
  if (!cached) {
    const file = readConfigFile('workflows.yaml', fileSchema);
    cached = { file, list: Object.entries(file.workflows).map(([name, wf]) => ({ ...wf, name })) };
  }
  return cached;
}

/** For tests: forget the cached file so that another CHARTE_CONFIG_DIR is read. */
export function resetWorkflowCache() {
  cached = undefined;
}

export const workflows = () => loadWorkflows().list;
export const workflowLabels = () => loadWorkflows().file.labels;
export const workflowByUid = (uid: string) => workflows().find((w) => w.uid === uid);
export const workflowByCollection = (collection: string) => workflows().find((w) => w.collection === collection);
