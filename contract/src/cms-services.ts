import type { AdminWorkflowDefinitions, AdminWorkflowPanel } from './schemas/admin';
import type { ModelLabels } from './schemas/labels';
import type { TransitionResult } from './schemas/workflow';

/** An administrator of the panel, as the admin routes see it (`ctx.state.user`). */
export interface AdminUserRef {
  id: number;
  firstname?: string | null;
  lastname?: string | null;
  username?: string | null;
  email?: string | null;
  roles?: { code?: string | null; name?: string | null }[];
}

/**
 * The cms services the admin panel's plugin (admin-extensions/server) calls in-process, declared
 * once: the cms implements them (`satisfies`), the plugin calls them through cmsService(). A change
 * on one side that the other does not follow fails to compile. Refusals are thrown as the cms's
 * HttpError (status + French message) and answered by its error middleware.
 */
export interface CmsServices {
  'api::labels.labels': {
    model(): ModelLabels;
    choices(): Record<string, string>;
  };
  'api::workflow.admin-panel': {
    definitions(): AdminWorkflowDefinitions;
    panel(uid: string, documentId: string, user: AdminUserRef): Promise<AdminWorkflowPanel>;
    transition(uid: string, documentId: string, body: unknown, user: AdminUserRef): Promise<TransitionResult>;
  };
}

/** A cms service by its uid, typed by CmsServices. */
export function cmsService<K extends keyof CmsServices>(strapi: { service(uid: never): unknown }, uid: K): CmsServices[K] {
  return strapi.service(uid as never) as CmsServices[K];
}
