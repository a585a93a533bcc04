import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { newDocumentRow } from '../bulk/document-rows';
import { columnOf, link, tableOf } from '../progress/links';
import { prepared } from '../sql/prepared';
import type { Workflow } from './definitions';

const EVENT = 'api::workflow-event.workflow-event';

export interface TransitionWrite {
  documentId: string;
  action: string;
  from: string;
  to: string;
  /** users-permissions user, linked as the event's actor; null for an administrator. */
  userId: number | null;
  actorName: string;
  role: string;
  comment: string | null;
  at: Date;
}

/**
 * Moves a document from `from` to `to` and appends its history event (with the actor's link row)
 * in a single statement: the state changes only if it still is `from`, and the event exists if and
 * only if it did. One round trip instead of four through the query engine — the transition path is
 * the application's busiest write. The event row is the one the Document Service would write
 * (bulk/document-rows.ts).
 * Returns the event's id, or null when the document was no longer in `from` (someone was faster).
 */
export async function moveAndRecord(strapi: Core.Strapi, trx: Knex.Transaction, workflow: Workflow, write: TransitionWrite): Promise<number | null> {
  const doc = (attribute: string) => columnOf(strapi, workflow.uid, attribute);
  const actor = link(strapi, EVENT, 'actor');
  const { documentId, from, to, action, actorName, role, comment, at, userId } = write;
  const data = { targetUid: workflow.uid, targetDocumentId: documentId, action, fromState: from, toState: to, actorName, role, comment, at };
  const event = newDocumentRow(strapi, EVENT, data, at, null);
  const columns = Object.keys(event);
  const { rows } = await prepared(trx.raw(
    `with moved as (
       update ?? set ?? = ?, ?? = ? where ?? = ? and ?? = ? returning 1
     ), event as (
       insert into ?? (${columns.map(() => '??').join(', ')})
       select ${columns.map(() => '?').join(', ')} where exists (select 1 from moved)
       returning id
     ), actor as (
       insert into ?? (??, ??) select id, ?::integer from event where ?::integer is not null
     )
     select id from event`,
    [
      tableOf(strapi, workflow.uid),
      doc('workflowState'), to, doc('updatedAt'), at,
      doc('documentId'), documentId, doc('workflowState'), from,
      tableOf(strapi, EVENT), ...columns, ...Object.values(event),
      actor.table, actor.from, actor.to, userId, userId,
    ] as never[],
  ));
  return rows.length ? (rows[0].id as number) : null;
}
