import type { Core } from '@strapi/strapi';
import PgBoss from 'pg-boss';
import { statementName } from '../db/prepared';

type Knex = Core.Strapi['db']['connection'];

/** pg would serialise a plain object to JSON itself; knex refuses one holding `undefined`. */
function asBinding(value: unknown): unknown {
  if (value === undefined) return null;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return JSON.stringify(value);
  return value;
}

const JSON_TYPES = new Set([114, 3802]); // json, jsonb

/** Strapi's pg pool returns json columns as text; pg-boss expects them parsed, as plain `pg` does. */
function parseJsonColumns(result: { rows?: Record<string, unknown>[]; fields?: { name: string; dataTypeID: number }[] }) {
  const rows = result.rows ?? [];
  const jsonFields = (result.fields ?? []).filter((f) => JSON_TYPES.has(f.dataTypeID)).map((f) => f.name);
  if (!jsonFields.length) return rows;
  for (const row of rows) {
    for (const name of jsonFields) if (typeof row[name] === 'string') row[name] = JSON.parse(row[name] as string);
  }
  return rows;
}

/**
 * pg-boss speaks `$1` placeholders; knex speaks `?`. Rewriting lets a job be sent on the knex
 * transaction of a workflow transition, so that the job exists if and only if the transition
 * committed (no mail for a rolled-back transition, no lost mail for a committed one).
 */
export function knexExecutor(knex: Knex): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const bindings: unknown[] = [];
      const sql = text.replace(/\?/g, '\\?').replace(/\$(\d+)/g, (_, n: string) => {
        bindings.push(asBinding(values[Number(n) - 1]));
        return '?';
      });
      // pg-boss's parameterised statements are few and fixed: each is prepared once per connection.
      // (Its scripts without parameters may hold several commands, which a prepared statement cannot.)
      const query = knex.raw(sql, bindings as never[]);
      const result = await (bindings.length ? query.options({ name: statementName(sql) }) : query);
      return { rows: parseJsonColumns(result) };
    },
  };
}

let boss: PgBoss | undefined;

/** One pg-boss per process, on the cms's own connection pool and database. */
export async function startJobQueue(strapi: Core.Strapi): Promise<PgBoss> {
  if (boss) return boss;
  const instance = new PgBoss({
    db: knexExecutor(strapi.db.connection),
    schema: 'pgboss',
    // Scheduling (cron) is decided per instance in config; see docs/operations.md, « Plusieurs instances ».
    schedule: process.env.CHARTE_SCHEDULER !== 'off',
    // How often jobs left active by a crashed instance are looked for (then retried once expired).
    maintenanceIntervalSeconds: Number(process.env.JOB_QUEUE_MAINTENANCE_SECONDS ?? 120),
  });
  instance.on('error', (error) => strapi.log.error(`File de travaux : ${(error as Error).message}`));
  await instance.start();
  boss = instance;
  return instance;
}

/** Whether this process's pg-boss is started (what /api/health/ready checks). */
export const isJobQueueRunning = (): boolean => boss !== undefined;

export function jobQueue(): PgBoss {
  if (!boss) throw new Error('La file de travaux n’est pas démarrée.');
  return boss;
}

export async function stopJobQueue(): Promise<void> {
  const instance = boss;
  boss = undefined;
  await instance?.stop({ graceful: true, wait: true, timeout: 5000 });
}
