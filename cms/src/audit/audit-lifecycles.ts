import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { currentActor } from './actor';
import { readSnapshot, type Snapshot } from './snapshot';
import { diffSnapshots, writeEntries, type AuditRecord } from './write-entry';

/** Accounts and roles are written by their plugins through the query engine, below the Document Service. */
const ACCOUNTS = ['plugin::users-permissions.user', 'plugin::users-permissions.role', 'admin::user', 'admin::role'];

interface LifecycleEvent {
  model: { uid: string };
  params: { where?: Record<string, unknown>; data?: Record<string, unknown> };
  result?: { id?: number; documentId?: string } | null;
  state: Record<string, unknown>;
}

/** On the caller's transaction when there is one (strapi.db.transaction nests), else in its own. */
function inTransaction<T>(strapi: Core.Strapi, run: (db: Knex.Transaction) => Promise<T>): Promise<T> {
  return strapi.db.transaction(({ trx }) => run(trx as unknown as Knex.Transaction)) as Promise<T>;
}

const singleId = (where: Record<string, unknown> | undefined): number | null => {
  const id = where?.id;
  return typeof id === 'number' || (typeof id === 'string' && /^\d+$/.test(id)) ? Number(id) : null;
};

function record(strapi: Core.Strapi, uid: string, action: string, before: Snapshot | null, after: { documentId: string | null; doc: Snapshot } | null, documentId: string | null) {
  const changes = diffSnapshots(uid, before, after?.doc ?? null);
  if (action === 'update' && !Object.keys(changes).length) return Promise.resolve();
  const entry: AuditRecord = { actor: currentActor(strapi), contentType: uid, documentId: after?.documentId ?? documentId, action, changes };
  return inTransaction(strapi, (db) => writeEntries(db, [entry]));
}

/**
 * Subscribes the audit to accounts and roles; returns how to unsubscribe. (A workflow transition's
 * entry is one of its effects: transition-entry.ts.)
 */
export function subscribeAuditLifecycles(strapi: Core.Strapi): () => void {
  const accounts = strapi.db.lifecycles.subscribe({
    models: ACCOUNTS,
    async afterCreate(event: LifecycleEvent) {
      const id = event.result?.id;
      if (!id) return;
      const after = await inTransaction(strapi, (db) => readSnapshot(strapi, db, event.model.uid, { id }));
      if (after) await record(strapi, event.model.uid, 'create', null, after, after.documentId);
    },
    async beforeUpdate(event: LifecycleEvent) {
      const id = singleId(event.params.where);
      if (id) event.state.auditBefore = await inTransaction(strapi, (db) => readSnapshot(strapi, db, event.model.uid, { id }));
    },
    async afterUpdate(event: LifecycleEvent) {
      const before = event.state.auditBefore as Awaited<ReturnType<typeof readSnapshot>> | undefined;
      if (!before) return;
      const after = await inTransaction(strapi, (db) => readSnapshot(strapi, db, event.model.uid, { id: before.id }));
      await record(strapi, event.model.uid, 'update', before.doc, after, before.documentId);
    },
    async beforeDelete(event: LifecycleEvent) {
      const id = singleId(event.params.where);
      if (id) event.state.auditBefore = await inTransaction(strapi, (db) => readSnapshot(strapi, db, event.model.uid, { id }));
    },
    async afterDelete(event: LifecycleEvent) {
      const before = event.state.auditBefore as Awaited<ReturnType<typeof readSnapshot>> | undefined;
      if (before) await record(strapi, event.model.uid, 'delete', before.doc, null, before.documentId);
    },
  } as never);

  return accounts;
}
