import type { Core } from '@strapi/strapi';
import type PgBoss from 'pg-boss';
import { workflowLabels, type Transition, type Workflow } from './definitions';
import type { DocumentSummary } from './document-titles';
import { renderEmail } from './email-templates';
import { jobQueue } from './job-queue';

export const MAIL_QUEUE = 'workflow-mail';

export interface MailJob {
  to: string;
  subject: string;
  text: string;
}

interface Person {
  id: number;
  email: string;
  username: string;
  blocked?: boolean;
}

/** The users a transition notifies, from its `notify` list, without the actor and without doubles. */
async function recipients(strapi: Core.Strapi, transition: Transition, document: DocumentSummary, actorId: number | null): Promise<Person[]> {
  const users = strapi.db.query('plugin::users-permissions.user');
  const select = ['id', 'email', 'username', 'blocked'];
  const found: Person[] = [];
  for (const kind of transition.notify) {
    if (kind === 'author' && document.authorId) found.push(...(await users.findMany({ select, where: { id: document.authorId } })));
    if (kind === 'service-heads' && document.service) {
      const service = await strapi.db.query('api::service.service').findOne({ where: { id: document.service.id }, populate: { heads: { select } } });
      found.push(...(service?.heads ?? []));
    }
    if (kind === 'dgs' || kind === 'referent-qualite') found.push(...(await users.findMany({ select, where: { role: { type: kind } } })));
  }
  const seen = new Set<string>();
  return found.filter((p) => p.id !== actorId && !p.blocked && p.email && !seen.has(p.email) && seen.add(p.email));
}

export function frontLink(collection: string, documentId: string): string {
  const base = process.env.PUBLIC_URL || `http://localhost:${process.env.PORT ?? 1337}`;
  return `${base.replace(/\/$/, '')}/a-traiter/${collection}/${documentId}`;
}

/**
 * Queues one e-mail per recipient on the transition's own transaction (`db`): the mails exist if
 * and only if the transition commits, and each is retried on its own until it goes through.
 */
export async function queueTransitionMails(
  strapi: Core.Strapi,
  db: PgBoss.Db,
  context: { workflow: Workflow; transition: Transition; document: DocumentSummary; actor: { id: number | null; name: string }; comment: string | null },
): Promise<number> {
  const { workflow, transition, document, actor, comment } = context;
  const labels = workflowLabels();
  const people = await recipients(strapi, transition, document, actor.id);
  for (const person of people) {
    const mail = renderEmail(transition.action, {
      recipient: person.username,
      actor: actor.name,
      type: workflow.label,
      title: document.title,
      service: document.service?.name ?? 'Charte d’accueil',
      from: labels.states[transition.from],
      to: labels.states[transition.to],
      comment,
      link: frontLink(workflow.collection, document.documentId),
    });
    await jobQueue().send(MAIL_QUEUE, { to: person.email, ...mail } satisfies MailJob, { db });
  }
  return people.length;
}

const MAIL_BATCH = Number(process.env.MAIL_BATCH_SIZE ?? 50);
const PARALLEL_SENDS = 5;

/**
 * Sends queued mails, a batch per poll so that a burst of transitions does not build a backlog.
 * A failed mail is handed back to pg-boss alone (retried later with a growing delay); the others
 * of the batch are completed — never sent twice.
 */
export async function startMailWorker(strapi: Core.Strapi): Promise<void> {
  const boss = jobQueue();
  const retryDelay = Number(process.env.MAIL_RETRY_DELAY_SECONDS ?? 30);
  await boss.createQueue(MAIL_QUEUE, { name: MAIL_QUEUE, retryLimit: 20, retryDelay, retryBackoff: true });
  const send = async (job: { id: string; data: MailJob }) => {
    const mail = job.data;
    if (!process.env.SMTP_HOST) {
      strapi.log.info(`Courriel (SMTP non configuré, non envoyé) à ${mail.to} — ${mail.subject}\n${mail.text}`);
      return;
    }
    try {
      await strapi.plugin('email').service('email').send({ to: mail.to, subject: mail.subject, text: mail.text });
    } catch (error) {
      strapi.log.warn(`Envoi du courriel à ${mail.to} impossible (${(error as Error).message}) : nouvel essai plus tard.`);
      await boss.fail(MAIL_QUEUE, job.id, { message: (error as Error).message });
    }
  };
  await boss.work<MailJob>(MAIL_QUEUE, { pollingIntervalSeconds: Number(process.env.MAIL_POLL_SECONDS ?? 1), batchSize: MAIL_BATCH }, async (jobs) => {
    for (let i = 0; i < jobs.length; i += PARALLEL_SENDS) await Promise.all(jobs.slice(i, i + PARALLEL_SENDS).map(send));
  });
}
