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

/** The last event of a document in the inbox, when it says why the document is there (a reject's comment). */
export const inboxEventSchema = z.object({ action: z.string(), actionLabel: z.string(), actor: z.string(), comment: z.string().nullable(), at: z.string() });

export const inboxItemSchema = z.object({
  collection: z.string(),
  type: z.string(),
  documentId: z.string(),
  title: z.string(),
  workflowState: z.string(),
  stateLabel: z.string(),
  service: z.object({ documentId: z.string(), name: z.string(), slug: z.string() }).nullable(),
  updatedAt: z.string(),
  /** Its group of « À traiter » (config/workflows.yaml, inbox.groups). */
  group: z.string(),
  /** When it entered its current state (its last workflow event; its creation when it has none). */
  waitingSince: z.string(),
  /** Whole days since then, in the town's calendar (0 = today). */
  waitingDays: z.number().int().nonnegative(),
  /** The event that brought it back to draft (a group with `after`: « renvoyés »), with its comment. */
  lastEvent: inboxEventSchema.nullable(),
  actions: z.array(offeredActionSchema),
});

/** One group of « À traiter »: its count under the filters, and one page of its items, longest waiting first. */
export const inboxGroupSchema = z.object({
  name: z.string(),
  label: z.string(),
  /** The action the group asks for. */
  action: actionSchema,
  /** Whether that action may be taken on several of its documents at once (POST /api/workflow/batch). */
  batch: z.boolean(),
  count: z.number().int().nonnegative(),
  page: z.number().int().positive(),
  pageSize: z.number().int().positive(),
  pageCount: z.number().int().nonnegative(),
  items: z.array(inboxItemSchema),
});

/** A value a filter of the inbox may take, with how many documents of the inbox have it (other filters aside). */
export const inboxFilterOptionSchema = z.object({ value: z.string(), label: z.string(), count: z.number().int().positive() });

/**
 * GET /api/workflow/inbox?type=&service=&group=&page=&pageSize=: the groups the caller's role may
 * fill (all of them, or `group` alone), each with its count and a page of items; `total` counts
 * every group under the filters; `filters` lists the types and services of the whole inbox.
 */
export const inboxSchema = z.object({
  groups: z.array(inboxGroupSchema),
  total: z.number().int().nonnegative(),
  filters: z.object({ types: z.array(inboxFilterOptionSchema), services: z.array(inboxFilterOptionSchema) }),
  applied: z.object({ type: z.string().nullable(), service: z.string().nullable(), group: z.string().nullable() }),
});

/** POST /api/workflow/batch: one action (a group's `batch` action) on several documents, each its own transition. */
export const batchRequestSchema = z
  .object({
    action: z.string(),
    items: z.array(z.object({ collection: z.string(), documentId: z.string() }).strict()),
  })
  .strict();

/** The outcome for one document of a batch: done with its new state, or refused with the engine's status and French message. */
export const batchOutcomeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), collection: z.string(), documentId: z.string(), title: z.string(), workflowState: z.string() }),
  z.object({ ok: z.literal(false), collection: z.string(), documentId: z.string(), title: z.string().nullable(), status: z.number().int(), message: z.string() }),
]);

export const batchResultSchema = z.object({
  action: actionSchema,
  done: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  results: z.array(batchOutcomeSchema),
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
export type InboxEvent = z.infer<typeof inboxEventSchema>;
export type InboxGroup = z.infer<typeof inboxGroupSchema>;
export type InboxFilterOption = z.infer<typeof inboxFilterOptionSchema>;
export type Inbox = z.infer<typeof inboxSchema>;
export type BatchRequest = z.infer<typeof batchRequestSchema>;
export type BatchOutcome = z.infer<typeof batchOutcomeSchema>;
export type BatchResult = z.infer<typeof batchResultSchema>;
export type HistoryEvent = z.infer<typeof historyEventSchema>;
export type TransitionResult = z.infer<typeof transitionResultSchema>;
