import type { Core } from '@strapi/strapi';
import cronParser from 'cron-parser';
import { formatDateTime } from '../platform/calendar/clock';
import { isJobQueueRunning } from '../platform/jobs/job-queue';
import { RUNS_TABLE } from '../platform/jobs/scheduled-jobs';
import { schedulesConfig } from '../platform/jobs/schedules-config';
import { MAIL_QUEUE } from '../platform/mail/mail-queue';
import { OUTBOX_TABLE } from '../platform/mail/outbox';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** Thresholds of the readiness checks, in minutes (environment; defaults for a town's server). */
const minutes = (name: string, fallback: number) => Number(process.env[name] ?? fallback) * 60_000;

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;
const since = (ms: number) => (ms < 120_000 ? plural(Math.round(ms / 1000), 'seconde', 'secondes') : plural(Math.round(ms / 60_000), 'minute', 'minutes'));

async function database(strapi: Core.Strapi): Promise<Check> {
  const name = 'Base de données';
  try {
    await strapi.db.connection.raw('select 1');
    return { name, ok: true, detail: 'PostgreSQL répond.' };
  } catch (error) {
    return { name, ok: false, detail: `PostgreSQL ne répond pas : ${(error as Error).message}` };
  }
}

/** Strapi's own migrations ran at load; the tables the application installs at boot are there. */
async function migrations(strapi: Core.Strapi): Promise<Check> {
  const name = 'Migrations';
  const expected = ['strapi_migrations_internal', OUTBOX_TABLE, RUNS_TABLE, 'charte_mail_sent'];
  const { rows } = await strapi.db.connection.raw('select tablename from pg_tables where tablename = any(?)', [expected]);
  const missing = expected.filter((table) => !(rows as { tablename: string }[]).some((r) => r.tablename === table));
  return missing.length
    ? { name, ok: false, detail: `Tables absentes : ${missing.join(', ')} (le démarrage n’est pas allé à son terme).` }
    : { name, ok: true, detail: 'Schéma à jour.' };
}

function jobQueue(): Check {
  const name = 'File de travaux';
  return isJobQueueRunning() ? { name, ok: true, detail: 'pg-boss est démarré.' } : { name, ok: false, detail: 'pg-boss n’est pas démarré : ni courriels ni tâches planifiées.' };
}

/** Mails written by transitions but not yet queued: the relay should take them within seconds. */
async function outbox(strapi: Core.Strapi, now: number): Promise<Check> {
  const name = 'Boîte d’envoi';
  const limit = minutes('HEALTH_OUTBOX_MINUTES', 5);
  const row = await strapi.db.connection(OUTBOX_TABLE).min({ oldest: 'created_at' }).count({ rows: '*' }).first();
  const count = Number(row?.rows ?? 0);
  if (!count) return { name, ok: true, detail: 'Vide.' };
  const age = now - new Date(row!.oldest as string).getTime();
  const detail = `${plural(count, 'ligne attend', 'lignes attendent')} d’être mise(s) en file, la plus ancienne depuis ${since(age)}.`;
  return { name, ok: age <= limit, detail: age <= limit ? detail : `${detail} Le relais des courriels ne tourne plus sur aucune instance.` };
}

/** Mails queued and not yet accepted by the SMTP server. */
async function pendingMails(strapi: Core.Strapi, now: number): Promise<Check> {
  const name = 'Courriels en attente';
  const limit = minutes('HEALTH_MAIL_MINUTES', 60);
  const row = await strapi.db.connection
    .withSchema('pgboss')
    .from('job')
    .where('name', MAIL_QUEUE)
    .whereIn('state', ['created', 'retry', 'active'])
    .min({ oldest: 'created_on' })
    .count({ pending: '*' })
    .first();
  const count = Number(row?.pending ?? 0);
  if (!count) return { name, ok: true, detail: 'Aucun.' };
  const age = now - new Date(row!.oldest as string).getTime();
  const detail = `${plural(count, 'courriel', 'courriels')} en attente, le plus ancien depuis ${since(age)}.`;
  return {
    name,
    ok: age <= limit,
    detail: age <= limit ? detail : `${detail} Vérifiez le serveur SMTP (SMTP_HOST) : les envois échouent depuis plus de ${since(limit)}.`,
  };
}

/**
 * Each enabled scheduled job succeeded at its last expected tick (its cron's previous occurrence,
 * with `HEALTH_JOB_GRACE_MINUTES` for the run itself); a job scheduled after that tick is not late.
 */
async function scheduledJobs(strapi: Core.Strapi, now: number): Promise<Check> {
  const name = 'Tâches planifiées';
  const grace = minutes('HEALTH_JOB_GRACE_MINUTES', 30);
  const { timezone, jobs } = schedulesConfig();
  const knex = strapi.db.connection;
  const [runs, schedules] = await Promise.all([
    knex(RUNS_TABLE).select('name', 'last_success_at'),
    knex.withSchema('pgboss').from('schedule').select('name', 'created_on'),
  ]);
  const lastSuccess = new Map((runs as { name: string; last_success_at: Date | null }[]).map((r) => [r.name, r.last_success_at ? new Date(r.last_success_at).getTime() : 0]));
  const scheduledOn = new Map((schedules as { name: string; created_on: Date }[]).map((s) => [s.name.replace(/^scheduled-/, ''), new Date(s.created_on).getTime()]));
  const late: string[] = [];
  for (const [job, { cron, enabled }] of Object.entries(jobs)) {
    if (!enabled) continue;
    const due = cronParser.parseExpression(cron, { tz: timezone, currentDate: new Date(now - grace) }).prev().getTime();
    const since = scheduledOn.get(job);
    if (since === undefined || since > due) continue;
    if ((lastSuccess.get(job) ?? 0) < due) late.push(`« ${job} » n’a pas réussi son passage du ${formatDateTime(new Date(due))}`);
  }
  return late.length ? { name, ok: false, detail: `${late.join(' ; ')}.` } : { name, ok: true, detail: 'Chaque tâche a réussi son dernier passage prévu.' };
}

/** GET /api/health/ready: can this instance serve, and does the machinery behind it run? */
export async function readiness(strapi: Core.Strapi): Promise<{ ready: boolean; checks: Check[] }> {
  const now = Date.now();
  const db = await database(strapi);
  const checks = db.ok
    ? [db, ...(await Promise.all([migrations(strapi), Promise.resolve(jobQueue()), outbox(strapi, now), pendingMails(strapi, now), scheduledJobs(strapi, now)]))]
    : [db, jobQueue()];
  return { ready: checks.every((c) => c.ok), checks };
}
