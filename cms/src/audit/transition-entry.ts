import type { Core } from '@strapi/strapi';
import { currentActor, type AuditActor } from './actor';
import { AUDIT_TABLE } from './audit-table';
import { auditRow } from './write-entry';
import type { TableRow } from '../platform/db/schema';

/** A workflow transition as the audit trail records it. */
export interface AuditedTransition {
  uid: string;
  documentId: string;
  action: string;
  from: string;
  to: string;
  /** users-permissions user, linked as the event's actor; null for an administrator in the panel. */
  userId: number | null;
  actorName: string;
  role: string;
  comment: string | null;
  /** Follow-up fields the transition set (config/workflows.yaml `updates`), or null. */
  changes: Record<string, string | number> | null;
}

/**
 * Who moved which document from where to where, under which role, with which comment: the audit
 * row a transition's own statement writes (the `audit` effect of config/workflows.yaml).
 */
export function transitionAuditRow(strapi: Core.Strapi, transition: AuditedTransition): TableRow {
  const context = currentActor(strapi);
  const actor: AuditActor =
    context.kind === 'admin' || !transition.userId
      ? { ...context, name: transition.actorName }
      : { kind: 'user', id: transition.userId, name: transition.actorName, origin: context.origin };
  return {
    table: AUDIT_TABLE,
    row: auditRow({
      actor,
      contentType: transition.uid,
      documentId: transition.documentId,
      action: 'transition',
      changes: { workflowState: { before: transition.from, after: transition.to } },
      detail: { action: transition.action, role: transition.role, comment: transition.comment, ...(transition.changes ? { fields: transition.changes } : {}) },
    }),
  };
}
