import type { Core } from '@strapi/strapi';
import { jobQueue } from './job-queue';
import { scheduledRuns } from '../metrics';
import { schedulesConfig } from './schedules-config';

/** What a scheduled job does when its time comes; `now` is the tick's date (tests pass their own). */
export type ScheduledJobHandler = (strapi: Core.Strapi, now: Date) => Promise<void>;

/**
 * Every scheduled job's code, by the name config/schedules.yaml gives it. A name in the config
 * without code here (or the reverse) stops boot: a typo must not silently disable a reminder.
 */
const handlers: Record<string, ScheduledJobHandler> = {};

export function scheduledJobNames(): string[] {
  return Object.keys(handlers);
}

export function checkScheduledJobs(): void {
  const configured = Object.keys(schedulesConfig().jobs);
  const unknown = configured.filter((name) => !handlers[name]);
  const missing = Object.keys(handlers).filter((name) => !configured.includes(name));
  const problems = [
    ...unknown.map((name) => `- « ${name} » : aucun travail de ce nom n’existe (${Object.keys(handlers).join(', ') || 'aucun'})`),
    ...missing.map((name) => `- « ${name} » : travail sans planification`),
  ];
  if (problems.length) throw new Error(`config/schedules.yaml invalide :\n${problems.join('\n')}`);
}

/** Each job's last success and last failure, whichever instance ran it: what /api/health/ready and /metrics read. */
export const RUNS_TABLE = 'charte_scheduled_runs';

export async function installScheduledRuns(strapi: Core.Strapi): Promise<void> {
  await strapi.db.connection.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(742005)'); // several instances may boot together
    await trx.raw(`create table if not exists ${RUNS_TABLE} (
      name text primary key, last_success_at timestamptz, last_failure_at timestamptz, last_error text,
      runs bigint not null default 0, failures bigint not null default 0)`);
  });
}

async function recordRun(strapi: Core.Strapi, name: string, error: Error | null): Promise<void> {
  const at = new Date();
  const row = error
    ? { name, last_failure_at: at, last_error: error.message.slice(0, 1000), runs: 1, failures: 1 }
    : { name, last_success_at: at, runs: 1, failures: 0 };
  const knex = strapi.db.connection;
  await knex(RUNS_TABLE)
    .insert(row)
    .onConflict('name')
    .merge({
      ...(error ? { last_failure_at: at, last_error: row.last_error } : { last_success_at: at }),
      runs: knex.raw(`${RUNS_TABLE}.runs + 1`),
      failures: knex.raw(`${RUNS_TABLE}.failures + ?`, [error ? 1 : 0]),
    });
}

/** Runs one job now, as its tick would (used by the tick itself and by tests), and records how it went. */
export async function runScheduledJob(strapi: Core.Strapi, name: string, now = new Date()): Promise<void> {
  const handler = handlers[name];
  if (!handler) throw new Error(`Travail planifié inconnu : ${name}`);
  try {
    await handler(strapi, now);
  } catch (error) {
    scheduledRuns.inc({ job: name, outcome: 'failure' });
    await recordRun(strapi, name, error as Error).catch(() => undefined);
    throw error;
  }
  scheduledRuns.inc({ job: name, outcome: 'success' });
  await recordRun(strapi, name, null);
}

const queueName = (name: string) => `scheduled-${name}`;

/**
 * Declares each job's cron in pg-boss and works its queue. pg-boss keeps schedules in PostgreSQL
 * and sends one job per tick whatever the number of instances (each instance with the scheduler on
 * competes for the same tick; CHARTE_SCHEDULER=off opts an instance out of sending them).
 * A disabled job's schedule is removed so that re-enabling it is a config change only.
 */
export async function startScheduledJobs(strapi: Core.Strapi): Promise<void> {
  const boss = jobQueue();
  const { timezone, jobs } = schedulesConfig();
  for (const [name, job] of Object.entries(jobs)) {
    const queue = queueName(name);
    await boss.createQueue(queue, { name: queue, retryLimit: 2, retryDelay: 60, expireInSeconds: 15 * 60 });
    if (!job.enabled) {
      await boss.unschedule(queue);
      continue;
    }
    await boss.schedule(queue, job.cron, {}, { tz: timezone });
    await boss.work(queue, { pollingIntervalSeconds: 30 }, async (ticks) => {
      for (const tick of ticks) {
        try {
          await runScheduledJob(strapi, name, new Date());
        } catch (error) {
          strapi.log.error(`Travail planifié « ${name} » (${tick.id}) en échec : ${(error as Error).message}`);
          throw error; // pg-boss retries it
        }
      }
    });
  }
}

/** Each feature registers its job once, at module load, under the name used in config. */
export function registerScheduledJob(name: string, handler: ScheduledJobHandler): void {
  if (handlers[name]) throw new Error(`Travail planifié déclaré deux fois : ${name}`);
  handlers[name] = handler;
}
