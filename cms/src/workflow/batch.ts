import type { BatchOutcome, BatchResult, WorkflowAction } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import { workflowLabels } from '../platform/config/labels';
import { HttpError } from '../platform/http/http-error';
import type { Caller } from '../platform/http/request';
import { ACTIONS, inboxGroups, workflowByCollection, workflows } from './definitions';
import { summaryOf } from './document-titles';
import { performerOf, performTransition } from './transition';

/** At most this many documents per batch: one screen's selection, not a whole campaign. */
export const BATCH_MAX_ITEMS = 50;

interface BatchItem {
  collection: string;
  documentId: string;
}

/** The body of POST /api/workflow/batch, checked whole before anything is done: a French 400 otherwise. */
function parseBatchBody(body: unknown): { action: WorkflowAction; items: BatchItem[] } {
  const expected = 'Corps de requête attendu : { "action": "approve", "items": [{ "collection": "evaluations", "documentId": "…" }] }.';
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, expected);
  const { action, items, ...rest } = body as Record<string, unknown>;
  if (Object.keys(rest).length) throw new HttpError(400, `Champ inconnu : ${Object.keys(rest).join(', ')}.`);
  const batchActions = [...new Set(inboxGroups().filter((g) => g.batch).map((g) => g.action))];
  const labels = workflowLabels().actions;
  if (typeof action !== 'string' || !(ACTIONS as readonly string[]).includes(action)) throw new HttpError(400, `Action inconnue. ${expected}`);
  if (!batchActions.includes(action as WorkflowAction)) {
    const possible = batchActions.map((a) => `${a} (${labels[a]})`).join(', ') || 'aucune';
    throw new HttpError(400, `L’action « ${labels[action] ?? action} » ne se fait pas par lot. Actions possibles par lot : ${possible}.`);
  }
  if (!Array.isArray(items) || !items.length) throw new HttpError(400, `« items » doit être une liste d’au moins un document. ${expected}`);
  if (items.length > BATCH_MAX_ITEMS) throw new HttpError(400, `Au plus ${BATCH_MAX_ITEMS} documents par lot (${items.length} demandés).`);
  const seen = new Set<string>();
  const checked = items.map((item, i) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) throw new HttpError(400, `Document n° ${i + 1} : { "collection", "documentId" } attendu.`);
    const { collection, documentId, ...more } = item as Record<string, unknown>;
    if (Object.keys(more).length) throw new HttpError(400, `Document n° ${i + 1} : champ inconnu ${Object.keys(more).join(', ')}.`);
    if (typeof collection !== 'string' || typeof documentId !== 'string') throw new HttpError(400, `Document n° ${i + 1} : « collection » et « documentId » doivent être des textes.`);
    if (!workflowByCollection(collection)) throw new HttpError(400, `Document n° ${i + 1} : type de document inconnu « ${collection.slice(0, 100)} ».`);
    const key = `${collection}/${documentId}`;
    if (seen.has(key)) throw new HttpError(400, `Document n° ${i + 1} : déjà dans la liste.`);
    seen.add(key);
    return { collection, documentId };
  });
  return { action: action as WorkflowAction, items: checked };
}

/**
 * One action on several documents (a group's `batch` action, config/workflows.yaml: « Approuver »
 * the validated sheets the DGS has looked at). Each document goes through the engine's own
 * transition, one after the other, each in its own statement (its own transaction when its effects
 * need one): a refusal (409 already handled, 403, 404, 422) is reported for that document in
 * French and the others are still done. There is no all-or-nothing: each approval stands on its
 * own, as if made one by one, with its event, audit entry and mails.
 */
export async function applyBatch(strapi: Core.Strapi, request: { body: unknown; caller: Caller }): Promise<BatchResult> {
  const { action, items } = parseBatchBody(request.body);
  const role = request.caller.role?.type ?? 'public';
  const label = workflowLabels().actions[action] ?? action;
  if (!workflows().some((w) => w.transitions.some((t) => t.action === action && role in t.by))) {
    throw new HttpError(403, `Votre rôle ne permet pas l’action « ${label} ».`);
  }
  const performer = performerOf(strapi, request.caller);
  const results: BatchOutcome[] = [];
  for (const item of items) {
    const workflow = workflowByCollection(item.collection)!;
    try {
      const done = await performTransition(strapi, workflow, { documentId: item.documentId, action, performer });
      const title = (await summaryOf(strapi, workflow, item.documentId))?.title ?? item.documentId;
      results.push({ ok: true, ...item, title, workflowState: done.workflowState });
    } catch (error) {
      if (!(error instanceof HttpError)) {
        // The others are still reported: this one is logged and said to be uncertain.
        strapi.log.error(`Lot « ${action} » : ${item.collection}/${item.documentId} : ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        results.push({ ok: false, ...item, title: null, status: 500, message: 'Erreur inattendue : vérifiez l’état de ce document avant de recommencer.' });
        continue;
      }
      // Only what the caller may act on is named: a refusal for the role or the service names nothing.
      const title = error.status === 409 || error.status === 422 ? ((await summaryOf(strapi, workflow, item.documentId))?.title ?? null) : null;
      results.push({ ok: false, ...item, title, status: error.status, message: error.message });
    }
  }
  const done = results.filter((r) => r.ok).length;
  return { action, done, failed: results.length - done, results };
}
