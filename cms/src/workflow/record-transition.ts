import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { documentIdGenerator } from '../bulk/document-rows';
import { link, tableOf } from '../progress/links';
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

function columnsOf(strapi: Core.Strapi, uid: string) {
  const attributes = strapi.db.metadata.get(uid).attributes as unknown as Record<string, { columnName?: string }>;
  return (attribute: string) => attributes[attribute]?.columnName ?? attribute;
}

/**
 * Moves a document from `from` to `to` and appends its history event (with the actor's link row)
 * in a single statement: the state changes only if it still is `from`, and the event exists if and
 * only if it did. One round trip instead of four through the query engine — the transition path is
 * the application's busiest write. The event row is the one the Document Service would write (same
 * document id generator, timestamps, published at creation: the type has no draft & publish).
 * Returns the event's id, or null when the document was no longer in `from` (someone was faster).
 */
export async function moveAndRecord(strapi: Core.Strapi, trx: Knex.Transaction, workflow: Workflow, write: TransitionWrite): Promise<number | null> {
  const doc = columnsOf(strapi, workflow.uid);
  const ev = columnsOf(strapi, EVENT);
  const actor = link(strapi, EVENT, 'actor');
  const event: Record<string, unknown> = {
    [ev('documentId')]: documentIdGenerator(strapi, EVENT)(),
    [ev('targetUid')]: workflow.uid,
    [ev('targetDocumentId')]: write.documentId,
    [ev('action')]: write.action,
    [ev('fromState')]: write.from,
    [ev('toState')]: write.to,
    [ev('actorName')]: write.actorName,
    [ev('role')]: write.role,
    [ev('comment')]: write.comment,
    [ev('at')]: write.at,
    [ev('createdAt')]: write.at,
    [ev('updatedAt')]: write.at,
    [ev('publishedAt')]: write.at,
  };
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
      doc('workflowState'), write.to, doc('updatedAt'), write.at,
      doc('documentId'), write.documentId, doc('workflowState'), write.from,
      tableOf(strapi, EVENT), ...columns, ...Object.values(event),
      actor.table, actor.from, actor.to, write.userId, write.userId,
    ] as never[],
  ));
  return rows.length ? (rows[0].id as number) : null;
}
