import type { Core } from '@strapi/strapi';
import { membershipOf } from '../access/service-membership';
import { availableActions, type Membership } from '@charte/contract';
import { workflows } from './definitions';
import { workflowLabels } from '../platform/config/labels';
import { summarize } from './document-titles';
import type { Caller } from '../platform/http/request';

const INBOX_LIMIT = 500;

/**
 * "À traiter": the documents on which the caller can act now, with the actions they can use —
 * computed from the same transition table the engine enforces. Oldest first.
 */
export async function inboxOf(strapi: Core.Strapi, caller: Caller) {
  const role = caller.role?.type ?? 'public';
  const { headOf, serviceIds } = await membershipOf(strapi, caller.id);
  const membershipFor = (serviceId: number | undefined): Membership =>
    serviceId === undefined ? 'none' : headOf.includes(serviceId) ? 'head' : serviceIds.includes(serviceId) ? 'member' : 'none';
  const labels = workflowLabels();
  const items = [];
  for (const workflow of workflows()) {
    const usable = workflow.transitions.filter((t) => t.inbox && role in t.by);
    if (!usable.length) continue;
    const statesBy = (scope: string) => [...new Set(usable.filter((t) => t.by[role] === scope).map((t) => t.from))];
    const any = statesBy('any');
    const member = statesBy('member');
    const head = statesBy('head');
    const or: Record<string, unknown>[] = [];
    if (any.length) or.push({ workflowState: { $in: any } });
    if (member.length && serviceIds.length) or.push({ workflowState: { $in: member }, service: { id: { $in: serviceIds } } });
    if (head.length && headOf.length) or.push({ workflowState: { $in: head }, service: { id: { $in: headOf } } });
    if (!or.length) continue;
    for (const document of await summarize(strapi, workflow, { $or: or }, INBOX_LIMIT)) {
      const actions = availableActions(workflow, document.workflowState, role, membershipFor(document.service?.id), true);
      if (!actions.length) continue;
      items.push({
        collection: workflow.collection,
        type: workflow.label,
        documentId: document.documentId,
        title: document.title,
        workflowState: document.workflowState,
        stateLabel: labels.states[document.workflowState],
        service: document.service && { documentId: document.service.documentId, name: document.service.name, slug: document.service.slug },
        updatedAt: document.updatedAt,
        actions: actions.map((t) => ({ action: t.action, label: labels.actions[t.action], to: t.to, commentRequired: t.commentRequired })),
      });
    }
  }
  items.sort((a, b) => String(a.updatedAt).localeCompare(String(b.updatedAt)));
  return items;
}
