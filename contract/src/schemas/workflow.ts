import { z } from 'zod';
import { ACTIONS, SCOPES } from '../constants';

export const scopeSchema = z.enum(SCOPES);
export const actionSchema = z.enum(ACTIONS);

/** One line of a workflow's table (config/workflows.yaml) as every consumer reads it. */
export const transitionDefinitionSchema = z.object({
  action: actionSchema,
  from: z.string(),
  to: z.string(),
  /** role → how the caller must relate to the document's service. */
  by: z.record(scopeSchema),
  commentRequired: z.boolean(),
  /** Whether the document waits in the inbox of whoever may take this action. */
  inbox: z.boolean(),
  /** The fields this action may change besides the state (a follow-up: a roadmap action's status and progress). */
  updates: z.array(z.string()),
  /** Taken only by a decision on every document in `from` at once (« Approuver la charte »), never on one document. */
  together: z.boolean(),
});

export const workflowDefinitionSchema = z.object({
  name: z.string(),
  uid: z.string(),
  collection: z.string(),
  label: z.string(),
  serviceBound: z.boolean(),
  states: z.array(z.string()),
  initial: z.string(),
  editableIn: z.array(z.string()),
  transitions: z.array(transitionDefinitionSchema),
});

/** GET /api/workflow/definitions (and the admin panel's /charte-admin/workflow/definitions). */
export const workflowDefinitionsSchema = z.object({
  labels: z.object({ states: z.record(z.string()), actions: z.record(z.string()) }),
  workflows: z.array(workflowDefinitionSchema),
});

/** An action the caller may take now, as the inbox and the panels list it. */
export const offeredActionSchema = z.object({ action: actionSchema, label: z.string(), to: z.string(), commentRequired: z.boolean() });

export const inboxItemSchema = z.object({
  collection: z.string(),
  type: z.string(),
  documentId: z.string(),
  title: z.string(),
  workflowState: z.string(),
  stateLabel: z.string(),
  service: z.object({ documentId: z.string(), name: z.string(), slug: z.string() }).nullable(),
  updatedAt: z.string(),
  actions: z.array(offeredActionSchema),
});

export const historyEventSchema = z.object({
  action: z.string(),
  actionLabel: z.string(),
  from: z.string(),
  to: z.string(),
  actor: z.string(),
  role: z.string(),
  comment: z.string().nullable(),
  /** The fields the action changed, with their new values (a follow-up), or null. */
  changes: z.record(z.union([z.string(), z.number()])).nullable(),
  at: z.string(),
});

/** POST /api/workflow/:collection/:documentId/transitions */
export const transitionRequestSchema = z
  .object({ action: z.string(), comment: z.string().nullish(), changes: z.record(z.union([z.string(), z.number()])).optional() })
  .strict();

export const transitionResultSchema = z.object({
  documentId: z.string(),
  workflowState: z.string(),
  previousState: z.string(),
  action: actionSchema,
  event: z.object({
    id: z.number(),
    at: z.string(),
    actor: z.string(),
    role: z.string(),
    comment: z.string().nullable(),
    changes: z.record(z.union([z.string(), z.number()])).nullable(),
  }),
});

export type Scope = z.infer<typeof scopeSchema>;
export type WorkflowAction = z.infer<typeof actionSchema>;
export type TransitionDefinition = z.infer<typeof transitionDefinitionSchema>;
export type WorkflowDefinition = z.infer<typeof workflowDefinitionSchema>;
export type WorkflowDefinitions = z.infer<typeof workflowDefinitionsSchema>;
export type OfferedAction = z.infer<typeof offeredActionSchema>;
export type InboxItem = z.infer<typeof inboxItemSchema>;
export type HistoryEvent = z.infer<typeof historyEventSchema>;
export type TransitionResult = z.infer<typeof transitionResultSchema>;
