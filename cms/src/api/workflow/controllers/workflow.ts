import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { workflowLabels, workflows } from '../../../workflow/definitions';
import { historyOf } from '../../../workflow/history';
import { inboxOf } from '../../../workflow/inbox';
import { applyTransition, WorkflowError, type Actor } from '../../../workflow/transition';

const ERROR_NAMES: Record<number, string> = {
  400: 'ValidationError',
  401: 'UnauthorizedError',
  403: 'ForbiddenError',
  404: 'NotFoundError',
  409: 'ConflictError',
};

function fail(ctx: Context, status: number, message: string) {
  ctx.status = status;
  ctx.body = { data: null, error: { status, name: ERROR_NAMES[status] ?? 'Error', message, details: {} } };
}

/** Runs a handler for a logged-in caller and turns WorkflowError into the documented status. */
async function asCaller(ctx: Context, run: (actor: Actor) => Promise<unknown>) {
  const actor = ctx.state.user as Actor | undefined;
  if (!actor) return fail(ctx, 401, 'Connectez-vous pour accéder au workflow.');
  try {
    ctx.body = await run(actor);
  } catch (error) {
    if (error instanceof WorkflowError) return fail(ctx, error.status, error.message);
    throw error;
  }
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async definitions(ctx: Context) {
    ctx.body = {
      data: {
        labels: workflowLabels(),
        workflows: workflows().map((w) => ({
          name: w.name,
          collection: w.collection,
          label: w.label,
          serviceBound: w.serviceBound,
          states: w.states,
          initial: w.initial,
          editableIn: w.editableIn,
          transitions: w.transitions.map((t) => ({
            action: t.action,
            from: t.from,
            to: t.to,
            by: t.by,
            commentRequired: t.comment === 'required',
          })),
        })),
      },
    };
  },

  async inbox(ctx: Context) {
    await asCaller(ctx, async (actor) => {
      const items = await inboxOf(strapi, actor);
      return { data: items, meta: { total: items.length } };
    });
  },

  async history(ctx: Context) {
    await asCaller(ctx, async (actor) => ({ data: await historyOf(strapi, ctx.params.collection, ctx.params.documentId, actor) }));
  },

  async transition(ctx: Context) {
    await asCaller(ctx, async (actor) => {
      const body = (ctx.request as unknown as { body?: unknown }).body;
      if (!body || typeof body !== 'object' || Array.isArray(body)) {
        throw new WorkflowError(400, 'Corps de requête attendu : { "action": "…", "comment": "…" }.');
      }
      const { action, comment, ...rest } = body as Record<string, unknown>;
      if (Object.keys(rest).length) throw new WorkflowError(400, `Champ inconnu : ${Object.keys(rest).join(', ')}.`);
      const result = await applyTransition(strapi, {
        collection: ctx.params.collection,
        documentId: ctx.params.documentId,
        action,
        comment,
        actor,
      });
      return { data: result };
    });
  },
});
