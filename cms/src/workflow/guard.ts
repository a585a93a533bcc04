import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Knex } from 'knex';
import { columnOf } from '../platform/db/schema';
import { workflowByUid } from './definitions';
import { workflowLabels } from '../platform/config/labels';

type Params = { documentId?: string; data?: Record<string, unknown> };

function refuse(message: string, path: string): never {
  throw new errors.ValidationError(message, { errors: [{ path: [path], message, name: 'ValidationError' }] });
}

/**
 * Document Service middleware half of the workflow rules (docs/architecture.md, « Circuit de
 * validation »), so they hold for REST, the admin panel and scripts alike: `workflowState` never
 * changes through a create or an update, and a document is writable (or deletable) only in an
 * editable state. The transition service changes states below this layer, in its own transaction.
 */
export async function guardWorkflowWrites(strapi: Core.Strapi, uid: string, action: string, params: Params, trx?: Knex.Transaction): Promise<void> {
  const workflow = workflowByUid(uid);
  if (!workflow) return;
  const labels = workflowLabels();
  const requested = params.data?.workflowState;

  if (action === 'create') {
    if (requested !== undefined && requested !== null && requested !== workflow.initial) {
      refuse(`Un document se crée à l’état « ${labels.states[workflow.initial]} » ; son état change ensuite par les actions du workflow.`, 'workflowState');
    }
    if (params.data) params.data.workflowState = workflow.initial;
    return;
  }
  if (action === 'clone') {
    // A copy starts its own life as a draft, whatever the state of the original.
    params.data = { ...params.data, workflowState: workflow.initial };
    return;
  }
  if (action !== 'update' && action !== 'delete') return;
  if (!params.documentId) return;
  // Runs inside withWorkflowLock's transaction: the row stays locked until the write commits, so a
  // concurrent transition waits instead of slipping between this check and the write.
  const metadata = strapi.db.metadata.get(uid);
  const column = (attribute: string) => columnOf(strapi, uid, attribute);
  const table = trx ? trx(metadata.tableName) : strapi.db.connection(metadata.tableName);
  const current = await table
    .where(column('documentId'), params.documentId)
    .forUpdate()
    .first({ workflowState: column('workflowState') });
  if (!current) return; // the Document Service answers "not found" itself
  const state = current.workflowState as string;
  if (action === 'update' && requested !== undefined && requested !== state) {
    refuse('L’état ne se modifie pas directement : utilisez les actions Soumettre, Valider, Approuver, Renvoyer ou Rouvrir.', 'workflowState');
  }
  if (!workflow.editableIn.includes(state)) {
    const verb = action === 'delete' ? 'supprimé' : 'modifié';
    refuse(
      `Ce document est à l’état « ${labels.states[state] ?? state} » : il ne peut plus être ${verb}. Il redevient modifiable s’il est renvoyé ou rouvert.`,
      'workflowState',
    );
  }
}

/** Runs a write of a workflow type in a transaction in which guardWorkflowWrites can lock the row. */
export async function withWorkflowLock<T>(strapi: Core.Strapi, uid: string, action: string, run: (trx?: Knex.Transaction) => Promise<T>): Promise<T> {
  if (!workflowByUid(uid) || (action !== 'update' && action !== 'delete')) return run();
  return (await strapi.db.transaction(({ trx }) => run(trx as unknown as Knex.Transaction))) as T;
}
