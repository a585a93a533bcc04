import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { newDocumentRow } from '../platform/db/document-rows';
import { columnOf, link, tableOf, type TableRow } from '../platform/db/schema';
import { preparedQuery, statementCache } from '../platform/db/prepared';
import type { AuditedTransition } from '../audit/transition-entry';
import type { Workflow } from './definitions';
import type { ContentCondition } from './requirements';

const EVENT = 'api::workflow-event.workflow-event';

/** What a transition writes: who moved which document from where to where (as the audit trail records it), what it changed, and when. */
export interface TransitionWrite extends Omit<AuditedTransition, 'uid'> {
  at: Date;
}

/** A row that exists if and only if a transition happens (its audit entry, its mails), written by the transition's statement. */
export type TransitionRow = TableRow;

/**
 * Moves a document from `from` to `to` and appends its history event (with the actor's link row)
 * and the `extraRows` that go with it, in a single statement: the state changes only if it still is
 * `from`, and the event and rows exist if and only if it did. One round trip instead of one per
 * row through the query engine — the transition path is the application's busiest write. The event
 * row is the one the Document Service would write (platform/db/document-rows.ts).
 * `conditions` (what the action requires of the content) join the state in the update's WHERE: an
 * edit committed meanwhile is seen by PostgreSQL's recheck of the locked row, and cannot slip by.
 * Returns the event's id, or null when the document was no longer in `from` (someone was faster)
 * or no longer met the conditions.
 */
export async function moveAndRecord(
  strapi: Core.Strapi,
  db: Knex | Knex.Transaction,
  workflow: Workflow,
  write: TransitionWrite,
  extraRows: TransitionRow[] = [],
  conditions: ContentCondition[] = [],
): Promise<number | null> {
  const { documentId, from, to, action, actorName, role, comment, changes, at, userId } = write;
  const data = { targetUid: workflow.uid, targetDocumentId: documentId, action, fromState: from, toState: to, actorName, role, comment, changes: changes ? JSON.stringify(changes) : null, at };
  const event = newDocumentRow(strapi, EVENT, data, at, null);
  const changed = Object.keys(changes ?? {});
  const sql = transitionStatement(strapi, { workflow, changed, eventColumns: Object.keys(event), extraRows, conditions });
  const values = [
    to,
    at,
    ...changed.map((f) => changes![f]),
    documentId,
    from,
    ...conditions.flatMap((c) => c.not),
    ...Object.values(event),
    userId,
    userId,
    ...extraRows.flatMap((r) => Object.values(r.row)),
  ];
  const [row] = await preparedQuery<{ id: number }>(db, sql, values);
  return row ? row.id : null;
}

const statements = statementCache<string>();

/**
 * The text of moveAndRecord's statement, identifiers in place, built once per shape (type, event
 * columns, extra rows' tables and columns): knex then only numbers the values' placeholders.
 */
/** What makes two transition statements the same text: everything but the values. */
interface StatementShape {
  workflow: Workflow;
  /** The fields the transition sets besides the state (`updates`). */
  changed: string[];
  eventColumns: string[];
  extraRows: TransitionRow[];
  conditions: ContentCondition[];
}

function transitionStatement(strapi: Core.Strapi, shape: StatementShape): string {
  const { workflow, changed, eventColumns, extraRows, conditions } = shape;
  const key = [
    workflow.uid,
    changed.join(','),
    eventColumns.join(','),
    ...extraRows.map((r) => `${r.table}(${Object.keys(r.row).join(',')})`),
    ...conditions.map((c) => `if:${c.column}:${c.not.length}`),
  ].join('|');
  return statements(strapi, key, () => buildTransitionStatement(strapi, shape));
}

function buildTransitionStatement(strapi: Core.Strapi, { workflow, changed, eventColumns, extraRows, conditions }: StatementShape): string {
  const id = (name: string) => strapi.db.connection.raw('??', [name]).toQuery();
  const doc = (attribute: string) => id(columnOf(strapi, workflow.uid, attribute));
  const actor = link(strapi, EVENT, 'actor');
  // Filled (not null, not only spaces) and none of the refused values; one placeholder per value
  // (knex would spread an array parameter, and the statement's name is taken before it does).
  const content = conditions
    .map((c) => {
      const column = `${id(c.column)}::text`;
      return ` and nullif(btrim(${column}), '') is not null${c.not.length ? ` and ${column} not in (${c.not.map(() => '?').join(', ')})` : ''}`;
    })
    .join('');
  const insert = (table: string, columns: string[]) => `insert into ${id(table)} (${columns.map(id).join(', ')})
       select ${columns.map(() => '?').join(', ')} where exists (select 1 from moved)`;
  return `with moved as (
       update ${id(tableOf(strapi, workflow.uid))} set ${doc('workflowState')} = ?, ${doc('updatedAt')} = ?${changed.map((f) => `, ${doc(f)} = ?`).join('')}
       where ${doc('documentId')} = ? and ${doc('workflowState')} = ?${content} returning 1
     ), event as (
       ${insert(tableOf(strapi, EVENT), eventColumns)}
       returning id
     ), actor as (
       insert into ${id(actor.table)} (${id(actor.from)}, ${id(actor.to)}) select id, ?::integer from event where ?::integer is not null
     )${extraRows.map((r, i) => `, row${i} as (
       ${insert(r.table, Object.keys(r.row))}
     )`).join('')}
     select id from event`;
}
