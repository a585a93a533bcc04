import type { Core } from '@strapi/strapi';
import { FINDING } from '../../cms/src/findings/audits-config';
import { townToday } from '../../cms/src/platform/calendar/clock';
import { addCalendarDays } from '../../cms/src/platform/calendar/days';
import { personName } from '../../cms/src/platform/people/person-name';
import type { DemoTown } from './demo-town';

const EVENT = 'api::workflow-event.workflow-event';
type User = { id: number; documentId: string; firstname?: string | null; lastname?: string | null; username: string };

/**
 * The demo town's certification audit: the auditor named on the campaign for a mission running
 * around the day of the load, and their first findings, with the history of their steps (written
 * below the Document Service, like the other demo states).
 */
export async function seedDemoAudit(strapi: Core.Strapi, town: DemoTown): Promise<void> {
  const { audit } = town;
  const users = strapi.db.query('plugin::users-permissions.user');
  const auditor = (await users.findOne({ where: { email: audit.auditor } })) as User;
  const qualite = (await users.findOne({ where: { role: { type: 'referent-qualite' } }, orderBy: { id: 'asc' } })) as User;
  const campaign = (await strapi.db.query('api::campaign.campaign').findOne({
    select: ['id', 'documentId'],
    where: { name: audit.campaign },
    populate: { referential: { select: ['id'] } },
  })) as { id: number; documentId: string; referential: { id: number } };
  const today = townToday();
  await strapi.documents('api::campaign.campaign').update({
    documentId: campaign.documentId,
    data: { auditors: [auditor.documentId], auditStart: addCalendarDays(today, -audit.startsDaysAgo), auditEnd: addCalendarDays(today, audit.lastsDays) } as never,
  });
  const at = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  for (const [index, finding] of audit.findings.entries()) {
    const service = await strapi.db.query('api::service.service').findOne({ select: ['id'], where: { slug: finding.service } });
    const criterion = await strapi.db.query('api::criterion.criterion').findOne({
      select: ['id'],
      where: { code: finding.criterion, theme: { referential: { id: campaign.referential.id } } },
    });
    const created = (await strapi.documents(FINDING).create({
      data: { campaign: campaign.id, service: service.id, criterion: criterion.id, grade: finding.grade, fact: finding.fact, requirement: finding.requirement, author: auditor.id } as never,
    })) as unknown as { documentId: string };
    const steps = [
      { action: 'submit', fromState: 'draft', toState: 'submitted', actor: auditor, role: 'auditeur' },
      { action: 'acknowledge', fromState: 'submitted', toState: 'acknowledged', actor: qualite, role: 'referent-qualite' },
    ].slice(0, ['draft', 'submitted', 'acknowledged'].indexOf(finding.state));
    for (const [i, step] of steps.entries()) {
      await strapi.db.query(EVENT).create({
        data: {
          targetUid: FINDING, targetDocumentId: created.documentId, action: step.action, fromState: step.fromState, toState: step.toState,
          actor: step.actor.id, actorName: personName(step.actor), role: step.role, comment: null, at: at(audit.startsDaysAgo - index - i),
        },
      });
    }
    if (finding.state !== 'draft') await strapi.db.query(FINDING).update({ where: { documentId: created.documentId }, data: { workflowState: finding.state } });
  }
}
