import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { currentActor } from './actor';
import { readSnapshot } from './snapshot';
import { diffSnapshots, writeEntries } from './write-entry';

const WRITES = new Set(['create', 'update', 'delete', 'clone', 'publish', 'unpublish', 'discardDraft']);
/** Workflow events are recorded as transitions (audit-lifecycles.ts); accounts and roles there too. */
const RECORDED_ELSEWHERE = new Set(['api::workflow-event.workflow-event']);

type Middleware = Parameters<Core.Strapi['documents']['use']>[0];
type Params = { documentId?: string };

/**
 * Document Service middleware: every write of a business type, through REST, the admin panel's
 * Content Manager or a script, reads the document before and after (one SQL statement each, on the
 * write's own transaction) and appends what changed to the audit log in that same transaction.
 * Registered after the workflow guard, so for workflow types the row is already locked when it is read.
 */
export function auditDocumentWrites(strapi: Core.Strapi): Middleware {
  return async (context, next) => {
    const { uid, action } = context;
    if (!uid.startsWith('api::') || !WRITES.has(action) || RECORDED_ELSEWHERE.has(uid)) return next();
    return strapi.db.transaction(async ({ trx }) => {
      const db = trx as unknown as Knex.Transaction;
      const documentId = (context.params as Params).documentId;
      const before = documentId && action !== 'clone' ? await readSnapshot(strapi, db, uid, { documentId }) : null;
      const result = await next();
      const created = result as { documentId?: string } | null;
      const written = action === 'create' || action === 'clone' ? created?.documentId : documentId;
      const after = action !== 'delete' && written ? await readSnapshot(strapi, db, uid, { documentId: written }) : null;
      if (!before && !after) return result;
      const changes = diffSnapshots(uid, before?.doc ?? null, after?.doc ?? null);
      // An update that changed nothing (same values sent again) is not a change.
      if (before && after && !Object.keys(changes).length) return result;
      await writeEntries(db, [
        {
          actor: currentActor(strapi),
          contentType: uid,
          documentId: written ?? documentId ?? null,
          action: action === 'clone' ? 'create' : action,
          changes,
          detail: action === 'clone' ? { clonedFrom: documentId } : null,
        },
      ]);
      return result;
    });
  };
}
