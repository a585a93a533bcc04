import type { Core } from '@strapi/strapi';
import type PgBoss from 'pg-boss';
import { jobQueue } from '../jobs/job-queue';
import { mails as mailCounter } from '../metrics';

/**
 * The application's mails: each one a pg-boss job, sent by the worker below with retries, whoever
 * queued it (a transition through the outbox, a scheduled reminder).
 */
export const MAIL_QUEUE = 'workflow-mail';

export interface MailJob {
  to: string;
  subject: string;
  text: string;
}

/**
 * Queues the mails on the caller's transaction (`db`): they exist if and only if it commits, and
 * each is retried on its own until it goes through.
 */
export async function queueMails(db: PgBoss.Db, mails: MailJob[]): Promise<void> {
  // One INSERT for all of them; retries and expiry come from the queue (startMailWorker).
  if (mails.length) await jobQueue().insert(mails.map((data) => ({ name: MAIL_QUEUE, data })), { db });
}

const MAIL_BATCH = Number(process.env.MAIL_BATCH_SIZE ?? 50);
const PARALLEL_SENDS = 5;

/** Jobs whose mail the SMTP server accepted, kept 30 days: a job run again never sends its mail twice. */
const SENT_TABLE = 'charte_mail_sent';

/** The same Message-ID for every attempt of one job: a copy sent again after a crash is recognisably the same mail. */
export const messageIdOf = (jobId: string) => `<${jobId}@charte-accueil>`;

/**
 * Sends queued mails, a batch per poll so that a burst of transitions does not build a backlog.
 * As soon as the SMTP server has accepted a mail, its job is marked sent (charte_mail_sent) and
 * completed, not at the end of the batch: a crash (kill -9, power cut) in the middle of a batch, or a
 * job expired and taken again, re-sends only the mails not yet accepted — at most the few in flight
 * at the instant of a crash could go out twice, with the same Message-ID.
 * A failed mail is handed back to pg-boss alone (retried later with a growing delay).
 */
export async function startMailWorker(strapi: Core.Strapi): Promise<void> {
  const boss = jobQueue();
  const retryDelay = Number(process.env.MAIL_RETRY_DELAY_SECONDS ?? 30);
  // A job left active by a crashed instance is retried once this delay has passed (pg-boss expiry).
  const expireInSeconds = Number(process.env.MAIL_JOB_EXPIRE_SECONDS ?? 300);
  const options = { retryLimit: Number(process.env.MAIL_RETRY_LIMIT ?? 20), retryDelay, retryBackoff: true, expireInSeconds };
  await boss.createQueue(MAIL_QUEUE, { name: MAIL_QUEUE, ...options });
  await boss.updateQueue(MAIL_QUEUE, options as never);
  const knex = strapi.db.connection;
  await knex.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(742003)'); // several instances may boot together
    await trx.raw(`create table if not exists ${SENT_TABLE} (job_id uuid primary key, sent_at timestamptz not null default now())`);
  });
  await knex(SENT_TABLE).where('sent_at', '<', knex.raw(`now() - interval '30 days'`)).delete();
  strapi.log.info(
    process.env.SMTP_HOST
      ? `Courriels : envoi par ${process.env.SMTP_HOST}:${process.env.SMTP_PORT ?? 587}, ${options.retryLimit} nouveaux essais au plus en cas d’échec.`
      : 'Courriels : SMTP non configuré (SMTP_HOST), chaque courriel est écrit dans ce journal au lieu d’être envoyé.',
  );
  const send = async (job: PgBoss.JobWithMetadata<MailJob>, alreadySent: Set<string>) => {
    const mail = job.data;
    // A job taken again (expired while its first attempt was finishing, or after a crash) whose mail already left.
    if (alreadySent.has(job.id)) {
      await boss.complete(MAIL_QUEUE, job.id).catch(() => undefined);
      return;
    }
    if (!process.env.SMTP_HOST) {
      strapi.log.info(`Courriel (SMTP non configuré, non envoyé) à ${mail.to} — ${mail.subject}\n${mail.text}`);
      mailCounter.inc({ outcome: 'logged' });
      return;
    }
    try {
      await strapi
        .plugin('email')
        .service('email')
        .send({ to: mail.to, subject: mail.subject, text: mail.text, headers: { 'Message-ID': messageIdOf(job.id) } });
    } catch (error) {
      const reason = (error as Error).message;
      // The last attempt is an error for whoever runs the server: this mail will not leave by itself.
      const last = job.retryCount >= job.retryLimit;
      if (last) strapi.log.error(`Courriel à ${mail.to} abandonné après ${job.retryCount + 1} essai(s) (${reason}) : « ${mail.subject} » ne sera pas renvoyé.`);
      else strapi.log.warn(`Envoi du courriel à ${mail.to} impossible (${reason}) : nouvel essai plus tard.`);
      mailCounter.inc({ outcome: last ? 'abandoned' : 'failed' });
      await boss.fail(MAIL_QUEUE, job.id, { message: reason });
      return;
    }
    mailCounter.inc({ outcome: 'sent' });
    await knex(SENT_TABLE).insert({ job_id: job.id }).onConflict('job_id').ignore();
    // Should this fail, the end of the batch completes the job anyway.
    await boss.complete(MAIL_QUEUE, job.id).catch(() => undefined);
  };
  const polling = { pollingIntervalSeconds: Number(process.env.MAIL_POLL_SECONDS ?? 1), batchSize: MAIL_BATCH, includeMetadata: true as const };
  await boss.work<MailJob>(MAIL_QUEUE, polling, async (jobs) => {
    // One query for the batch, not one per job: under a burst of transitions the worker competes with them.
    const sent = await knex(SENT_TABLE).whereIn('job_id', jobs.map((job) => job.id)).pluck('job_id');
    const alreadySent = new Set<string>(sent);
    for (let i = 0; i < jobs.length; i += PARALLEL_SENDS) await Promise.all(jobs.slice(i, i + PARALLEL_SENDS).map((job) => send(job, alreadySent)));
  });
}
