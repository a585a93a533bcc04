import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { canReadInPanel } from '../can-read';

/** The cms's workflow service for the panel (cms/src/api/workflow/services/admin-panel.ts). */
interface AdminWorkflow {
  isWorkflowError(error: unknown): error is Error & { status: number };
  definitions(): unknown;
  panel(uid: string, documentId: string, user: unknown): Promise<unknown>;
  transition(uid: string, documentId: string, body: unknown, user: unknown): Promise<unknown>;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const workflow = () => strapi.service('api::workflow.admin-panel') as unknown as AdminWorkflow;

  /** Same answer shape and statuses as the REST workflow API; only what the admin may read. */
  async function answer(ctx: Context, run: () => Promise<unknown>) {
    const { uid } = ctx.params;
    if (!canReadInPanel(ctx, uid)) return ctx.forbidden('Vous n’avez pas accès à ce type de contenu.');
    try {
      ctx.body = { data: await run() };
    } catch (error) {
      if (!workflow().isWorkflowError(error)) throw error;
      const { status, message } = error;
      if (status === 404) return ctx.notFound(message);
      if (status === 403) return ctx.forbidden(message);
      if (status === 409) return ctx.conflict(message);
      return ctx.badRequest(message);
    }
  }

  return {
    async labels(ctx: Context) {
      ctx.set('Cache-Control', 'public, max-age=300');
      ctx.body = { data: (strapi.service('api::workflow.labels') as unknown as { choices(): Record<string, string> }).choices() };
    },
    async definitions(ctx: Context) {
      ctx.body = { data: workflow().definitions() };
    },
    async panel(ctx: Context) {
      await answer(ctx, () => workflow().panel(ctx.params.uid, ctx.params.documentId, ctx.state.user));
    },
    async transition(ctx: Context) {
      const body = (ctx.request as unknown as { body?: unknown }).body;
      await answer(ctx, () => workflow().transition(ctx.params.uid, ctx.params.documentId, body, ctx.state.user));
    },
  };
};
