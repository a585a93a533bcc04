import type { CmsServices } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import { workflowLabels } from '../../../platform/config/labels';
import type { AdminUser } from '../../../platform/http/request';
import { adminPanel, adminTransition } from '../../../workflow/admin-panel';
import { workflows } from '../../../workflow/definitions';

/**
 * The workflow as the admin panel's plugin (admin-extensions) uses it: same engine and rules as
 * the REST API, with the administrator's roles mapped to workflow roles by config/roles.yaml.
 * Refusals are HttpErrors, answered by the french-errors middleware as on the REST API.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Workflow types and labels, for the list-view state column and the inputs' read-only rule. */
  definitions: () => ({
    labels: workflowLabels(),
    types: workflows().map((w) => ({ uid: w.uid, label: w.label, editableIn: w.editableIn })),
  }),
  panel: (uid: string, documentId: string, user: AdminUser) => adminPanel(strapi, uid, documentId, user),
  transition: (uid: string, documentId: string, body: unknown, user: AdminUser) => adminTransition(strapi, uid, documentId, body, user),
}) satisfies CmsServices['api::workflow.admin-panel'];
