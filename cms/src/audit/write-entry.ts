import { isDeepStrictEqual } from 'node:util';
import type { Knex } from 'knex';
import type { AuditActor } from './actor';
import { AUDIT_TABLE } from './audit-table';
import { fieldPolicy } from './field-policy';
import type { Snapshot } from './snapshot';

/** `{ before, after }` per changed field, or `{ masked: true }` when only the fact of the change is kept. */
export type Change = { before?: unknown; after?: unknown } | { masked: true };
export type Changes = Record<string, Change>;

const isEmpty = (value: unknown) => value === null || value === undefined || (Array.isArray(value) && value.length === 0);

/** What changed between two snapshots (null before = created, null after = deleted). */
export function diffSnapshots(uid: string, before: Snapshot | null, after: Snapshot | null): Changes {
  const changes: Changes = {};
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const field of fields) {
    const policy = fieldPolicy(uid, field);
    if (policy === 'skip') continue;
    const was = before?.[field] ?? null;
    const is = after?.[field] ?? null;
    if (isDeepStrictEqual(was, is) || (isEmpty(was) && isEmpty(is))) continue;
    if (policy === 'masked') changes[field] = { masked: true };
    else if (!before) changes[field] = { after: is };
    else if (!after) changes[field] = { before: was };
    else changes[field] = { before: was, after: is };
  }
  return changes;
}

/** What one write records in the journal (the read side, GET /api/audit-log, is the contract's AuditEntry). */
export interface AuditRecord {
  actor: AuditActor;
  contentType: string;
  documentId: string | null;
  action: string;
  changes: Changes;
  detail?: Record<string, unknown> | null;
}

/** An entry as its row of the audit table (id and time are the table's defaults). */
export function auditRow(e: AuditRecord): Record<string, unknown> {
  return {
    actor_kind: e.actor.kind,
    actor_id: e.actor.id,
    actor_name: e.actor.name,
    content_type: e.contentType,
    document_id: e.documentId,
    action: e.action,
    changes: JSON.stringify(e.changes),
    detail: e.detail ? JSON.stringify(e.detail) : null,
    origin: e.actor.origin,
  };
}

/** One multi-row INSERT, on the write's own transaction: the entry exists if and only if the change does. */
export async function writeEntries(db: Knex | Knex.Transaction, entries: AuditRecord[]): Promise<void> {
  if (!entries.length) return;
  await db(AUDIT_TABLE).insert(entries.map(auditRow));
}
