import type { Core } from '@strapi/strapi';
import { adminPanel, adminTransition, type AdminUser } from '../../../workflow/admin-panel';
import { workflowLabels, workflows } from '../../../workflow/definitions';
import { WorkflowError } from '../../../workflow/transition';

/**
 * The workflow as the admin panel's plugin (admin-extensions) uses it: same engine and rules as
 * the REST API, with the administrator's roles mapped to workflow roles by config/roles.yaml.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  isWorkflowError: (error: unknown): error is WorkflowError => error instanceof WorkflowError,
  /** Workflow types and labels, for the list-view state column and the inputs' read-only rule. */
  definitions: () => ({
    labels: workflowLabels(),
    types: workflows().map((w) => ({ uid: w.uid, label: w.label, editableIn: w.editableIn })),
  }),
  panel: (uid: string, documentId: string, user: AdminUser) => adminPanel(strapi, uid, documentId, user),
  transition: (uid: string, documentId: string, body: unknown, user: AdminUser) => adminTransition(strapi, uid, documentId, body, user),
});
