import { z } from 'zod';
import { historyEventSchema, offeredActionSchema } from './workflow';

/** The admin panel's workflow side panel for one document. */
export const adminWorkflowPanelSchema = z.object({
  state: z.string(),
  stateLabel: z.string(),
  editable: z.boolean(),
  actions: z.array(offeredActionSchema),
  /** The workflow roles the administrator acts as (config/roles.yaml adminPanelRoles), by name. */
  roles: z.array(z.string()),
  history: z.array(historyEventSchema),
});

/** Workflow types for the panel's list-view state column and its read-only inputs. */
export const adminWorkflowDefinitionsSchema = z.object({
  labels: z.object({ states: z.record(z.string()), actions: z.record(z.string()) }),
  types: z.array(z.object({ uid: z.string(), label: z.string(), editableIn: z.array(z.string()) })),
});

export type AdminWorkflowPanel = z.infer<typeof adminWorkflowPanelSchema>;
export type AdminWorkflowDefinitions = z.infer<typeof adminWorkflowDefinitionsSchema>;
