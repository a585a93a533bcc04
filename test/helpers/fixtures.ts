import type { Core } from '@strapi/strapi';

/** Ids of the demo records the tests build on. */
export async function demoIds(app: Core.Strapi) {
  const service = (slug: string) => app.db.query('api::service.service').findOne({ where: { slug } });
  const user = (email: string) => app.db.query('plugin::users-permissions.user').findOne({ where: { email } });
  const campaign = await app.db.query('api::campaign.campaign').findOne({ where: { name: 'Diagnostic initial 2026' } });
  const criterion = await app.db.query('api::criterion.criterion').findOne({ where: { code: 'QV-01', theme: { referential: { code: 'qualivilles-ville' } } } });
  return {
    accueil: await service('accueil-etat-civil'),
    scolaire: await service('scolaire-periscolaire'),
    agent: await user('agent.accueil@demo.local'),
    auditor: await user('auditeur@demo.local'),
    campaign,
    criterion,
  };
}

/**
 * A document of a workflow type already in `state`, written below the Document Service (a test
 * fixture, like the demo seed): the state is what the test is about, not how it got there.
 */
export async function documentIn(
  app: Core.Strapi,
  uid: string,
  state: string,
  links: { serviceId?: number; authorId?: number; campaignId?: number; criterionId?: number } = {},
): Promise<{ id: number; documentId: string }> {
  const base: Record<string, Record<string, unknown>> = {
    'api::evaluation.evaluation': { result: 'partiel', findings: 'Constat de test', campaign: links.campaignId, criterion: links.criterionId },
    'api::interview.interview': { date: '2026-03-01T10:00:00Z', interviewees: 'Équipe de test', interviewer: 'Référent', campaign: links.campaignId },
    'api::roadmap-action.roadmap-action': { title: 'Action de test', owner: 'Pilote', priority: 'moyenne', actionStatus: 'a-lancer', progress: 0 },
    'api::charter-principle.charter-principle': { title: 'Principe de test', text: 'Texte du principe', order: 99 },
    // Not a non-conformity: closing it asks nothing of a corrective action (config/audits.yaml).
    'api::audit-finding.audit-finding': { grade: 'piste-de-progres', fact: 'Constat d’audit de test', campaign: links.campaignId, criterion: links.criterionId },
  };
  if (uid === 'api::measure.measure') base[uid] = await measureFixture(app);
  if (uid === 'api::mystery-test.mystery-test') base[uid] = await mysteryFixture(app, links);
  if (uid === 'api::feedback-reply.feedback-reply') base[uid] = await feedbackFixture(app);
  const serviceless = ['api::charter-principle.charter-principle', 'api::feedback-reply.feedback-reply'];
  const created = (await app.documents(uid as never).create({
    data: { ...base[uid], ...(links.serviceId && !serviceless.includes(uid) ? { service: links.serviceId } : {}), author: links.authorId } as never,
  })) as unknown as { id: number; documentId: string };
  if (state !== 'draft') {
    await app.db.query(uid as never).update({ where: { documentId: created.documentId }, data: { workflowState: state } });
  }
  return { id: created.id, documentId: created.documentId };
}

/**
 * A mystery test played (its moment is what submitting requires), whose tester — and so author — is
 * `authorId` unless that account belongs to the tested service, which a tester never does: then
 * the head of « petite-enfance ».
 */
async function mysteryFixture(app: Core.Strapi, links: { serviceId?: number; authorId?: number }): Promise<Record<string, unknown>> {
  const grid = await app.db.query('api::mystery-grid.mystery-grid').findOne({ select: ['id'], where: { channel: 'appel' } });
  const members = links.serviceId
    ? ((await app.db.query('api::service.service').findOne({ where: { id: links.serviceId }, populate: { heads: { select: ['id'] }, agents: { select: ['id'] } } })) as { heads: { id: number }[]; agents: { id: number }[] })
    : { heads: [], agents: [] };
  const inService = [...members.heads, ...members.agents].some((u) => u.id === links.authorId);
  const outsider = await app.db.query('plugin::users-permissions.user').findOne({ select: ['id'], where: { email: 'chef.enfance@demo.local' } });
  return { grid: grid.id, tester: links.authorId && !inService ? links.authorId : outsider.id, windowStart: '2026-09-01', windowEnd: '2026-09-30', testedAt: '2026-09-02T10:00:00Z' };
}

/** A public reply needs a complaint of its own (one reply per complaint): a new suggestion each time. */
async function feedbackFixture(app: Core.Strapi): Promise<Record<string, unknown>> {
  const complaint = (await app.documents('api::complaint.complaint').create({
    data: { kind: 'suggestion', channel: 'guichet', receivedAt: '2026-05-04', subject: 'Suggestion à laquelle répondre' } as never,
  })) as unknown as { id: number };
  return { complaint: complaint.id, said: 'Les horaires du samedi ne sont pas affichés.', reply: 'Ils le sont désormais à l’entrée.' };
}

let measurePeriods = 0;
/** One measure per indicator, service and period: each fixture measure takes the next month from January 2000. */
async function measureFixture(app: Core.Strapi): Promise<Record<string, unknown>> {
  const indicator = await app.db.query('api::indicator.indicator').findOne({ select: ['id'], where: { frequency: 'mensuelle' }, orderBy: { id: 'asc' } });
  measurePeriods += 1;
  return { indicator: indicator.id, period: new Date(Date.UTC(2000, measurePeriods - 1, 1)).toISOString().slice(0, 10), value: 50 };
}
