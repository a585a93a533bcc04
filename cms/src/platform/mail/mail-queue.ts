import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
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
  /** The text is sealed (sealMail): it holds a secret that must not sit in clear in the queue's tables. */
  sealed?: boolean;
}

const appKeys = (strapi: Core.Strapi) => ((strapi.config.get('server.app.keys') as string[] | undefined) ?? []).filter(Boolean);
const keyOf = (appKey: string) => createHash('sha256').update(`charte-mail:${appKey}`).digest();

/**
 * A mail whose text carries a secret (a follow-up link's code) is kept encrypted in its job, with
 * AES-256-GCM under the app's first APP_KEYS entry: the jobs and their archive are in the database,
 * and so in every backup, where the secret must not be readable. The worker opens it just before sending.
 */
export function sealMail(strapi: Core.Strapi, mail: MailJob): MailJob {
  const [appKey] = appKeys(strapi);
  if (!appKey) throw new Error('APP_KEYS manquante : impossible de chiffrer un courriel.');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(appKey), iv);
  const body = Buffer.concat([cipher.update(mail.text, 'utf8'), cipher.final()]);
  return { ...mail, text: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64'), sealed: true };
}

/** The text of a sealed mail; every APP_KEYS entry is tried, so that a key rotation leaves pending mails readable. */
export function openMailText(strapi: Core.Strapi, mail: MailJob): string {
  if (!mail.sealed) return mail.text;
  const raw = Buffer.from(mail.text, 'base64');
  for (const appKey of appKeys(strapi)) {
    try {
      const decipher = createDecipheriv('aes-256-gcm', keyOf(appKey), raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      // not this key
    }
  }
  throw new Error('courriel chiffré illisible (APP_KEYS a changé)');
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
export const SENT_TABLE = 'charte_mail_sent';

/** The same Message-ID for every attempt of one job: a copy sent again after a crash is recognisably the same mail. */
export const messageIdOf = (jobId: string) => `<${jobId}@charte-accueil>`;

/**
 * pg-boss fetches the next jobs ordered by (priority, creation) and sorted every pending job of the
 * queue to find them: 200 ms per poll with 100,000 mails waiting (an SMTP outage of some hours).
 * An index in that order lets PostgreSQL read the first ones directly (< 1 ms). Partial like
 * pg-boss's own (job_i5): only jobs not yet taken. Created on the partitioned table, it covers every
 * queue's partition, future ones included.
 */
async function installFetchIndex(strapi: Core.Strapi): Promise<void> {
  await strapi.db.connection.raw(`create index if not exists charte_job_fetch_order on pgboss.job (name, priority desc, created_on, id) where state < 'active'`);
}

const seconds = (name: string, fallback: number) => 1000 * Number(process.env[name] ?? fallback);
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const onAbort = () => (clearTimeout(timer), resolve());
    // Removed when the timer fires: one poll a second would otherwise add a listener a second, kept until shutdown.
    const timer = setTimeout(() => (signal.removeEventListener('abort', onAbort), resolve()), ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });

let stopWorker: (() => Promise<void>) | undefined;

/**
 * Sends queued mails, a batch per poll (MAIL_BATCH_SIZE every MAIL_POLL_SECONDS at most: a backlog
 * leaves at a bounded rate). As soon as the SMTP server has accepted a mail, its job is marked sent
 * (charte_mail_sent) and completed, not at the end of the batch: a crash (kill -9, power cut) in the
 * middle of a batch, or a job expired and taken again, re-sends only the mails not yet accepted — at
 * most the few in flight at the instant of a crash could go out twice, with the same Message-ID.
 * A failed mail is handed back to pg-boss alone (retried later with a growing delay).
 * When no mail of a batch leaves because the SMTP server itself is unreachable (down, refusing the
 * connection or the login — not a recipient it refuses), the worker stops taking batches: every
 * MAIL_PAUSE_SECONDS it tries one mail, and takes batches again once one leaves. The waiting mails
 * stay new jobs meanwhile, instead of piling up as retries that each poll would have to skip.
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
    // The last mail sent is what tells an outage from one refused recipient (operations/mail-log.ts).
    await trx.raw(`create index if not exists charte_mail_sent_at on ${SENT_TABLE} (sent_at)`);
  });
  await installFetchIndex(strapi);
  await knex(SENT_TABLE).where('sent_at', '<', knex.raw(`now() - interval '30 days'`)).delete();
  strapi.log.info(
    process.env.SMTP_HOST
      ? `Courriels : envoi par ${process.env.SMTP_HOST}:${process.env.SMTP_PORT ?? 587}, ${options.retryLimit} nouveaux essais au plus en cas d’échec.`
      : 'Courriels : SMTP non configuré (SMTP_HOST), chaque courriel est écrit dans ce journal au lieu d’être envoyé.',
  );

  /**
   * 'sent' when the mail left (or had already left); 'refused' when the server refused this mail (a
   * recipient it will not take); 'unreachable' when the server itself is down, refuses the
   * connection or the login — what pauses the worker.
   */
  const send = async (job: PgBoss.JobWithMetadata<MailJob>, alreadySent: Set<string>): Promise<'sent' | 'refused' | 'unreachable'> => {
    let mail: MailJob;
    try {
      mail = { ...job.data, text: openMailText(strapi, job.data) };
    } catch (error) {
      // No retry can read it either: said once, and the job ends.
      strapi.log.error(`Courriel à ${job.data.to} abandonné (${(error as Error).message}) : « ${job.data.subject} » ne sera pas envoyé.`);
      mailCounter.inc({ outcome: 'abandoned' });
      await boss.complete(MAIL_QUEUE, job.id).catch(() => undefined);
      return 'refused';
    }
    // A job taken again (expired while its first attempt was finishing, or after a crash) whose mail already left.
    if (alreadySent.has(job.id)) {
      await boss.complete(MAIL_QUEUE, job.id).catch(() => undefined);
      return 'sent';
    }
    if (!process.env.SMTP_HOST) {
      strapi.log.info(`Courriel (SMTP non configuré, non envoyé) à ${mail.to} — ${mail.subject}\n${mail.text}`);
      mailCounter.inc({ outcome: 'logged' });
      await boss.complete(MAIL_QUEUE, job.id).catch(() => undefined);
      return 'sent';
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
      // Nodemailer: EENVELOPE, EMESSAGE — this mail; anything else (ECONNECTION, ETIMEDOUT, EAUTH…) — the server.
      return ['EENVELOPE', 'EMESSAGE'].includes((error as { code?: string }).code ?? '') ? 'refused' : 'unreachable';
    }
    mailCounter.inc({ outcome: 'sent' });
    await knex(SENT_TABLE).insert({ job_id: job.id }).onConflict('job_id').ignore();
    // Should this fail, the job expires and is taken again: alreadySent then completes it.
    await boss.complete(MAIL_QUEUE, job.id).catch(() => undefined);
    return 'sent';
  };

  const batch = async (size: number): Promise<{ sent: number; unreachable: number }> => {
    const jobs = await boss.fetch<MailJob>(MAIL_QUEUE, { batchSize: size, includeMetadata: true });
    if (!jobs.length) return { sent: 0, unreachable: 0 };
    // One query for the batch, not one per job: under a burst of transitions the worker competes with them.
    const alreadySent = new Set<string>(await knex(SENT_TABLE).whereIn('job_id', jobs.map((job) => job.id)).pluck('job_id'));
    const outcomes: string[] = [];
    for (let i = 0; i < jobs.length; i += PARALLEL_SENDS) outcomes.push(...(await Promise.all(jobs.slice(i, i + PARALLEL_SENDS).map((job) => send(job, alreadySent)))));
    return { sent: outcomes.filter((o) => o === 'sent').length, unreachable: outcomes.filter((o) => o === 'unreachable').length };
  };

  const stopping = new AbortController();
  const loop = (async () => {
    let paused = false;
    while (!stopping.signal.aborted) {
      const started = Date.now();
      let wait = seconds('MAIL_POLL_SECONDS', 1);
      try {
        const { sent, unreachable } = await batch(paused ? 1 : MAIL_BATCH);
        if (unreachable && !sent && !paused) {
          paused = true;
          strapi.log.warn(`Courriels : le serveur SMTP refuse tous les envois ; un essai toutes les ${seconds('MAIL_PAUSE_SECONDS', 30) / 1000} s jusqu’à ce qu’il les accepte.`);
        } else if (sent && paused) {
          paused = false;
          strapi.log.info('Courriels : le serveur SMTP accepte à nouveau les envois ; reprise de la file.');
        }
        // One poll per interval, however long the batch took (as pg-boss's own workers do).
        wait = paused ? seconds('MAIL_PAUSE_SECONDS', 30) : Math.max(0, wait - (Date.now() - started));
      } catch (error) {
        if (stopping.signal.aborted) break;
        strapi.log.error(`Courriels : lecture de la file impossible (${(error as Error).message}) ; nouvel essai sous peu.`);
      }
      await sleep(wait, stopping.signal);
    }
  })();
  stopWorker = async () => {
    stopping.abort();
    await loop;
  };
}

/** Ends the worker after the batch in flight (before the job queue stops). */
export async function stopMailWorker(): Promise<void> {
  const stop = stopWorker;
  stopWorker = undefined;
  await stop?.();
}
