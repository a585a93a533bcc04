import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { link, tableOf } from '../platform/db/schema';

/**
 * Progress figures are read far more often than the data behind them changes. A version number,
 * bumped once per committed transaction that writes any table progress reads (evaluation facts,
 * criteria, services, campaigns, roadmap actions and their links), tells every instance whether
 * the figures it computed are still those of the database. Read before computing, it can only make
 * an instance compute again, never serve figures older than what has been committed.
 */
const VERSIONS = 'charte_versions';
const NAME = 'progress';
/**
 * The version is spread over a few counter rows, each writing transaction bumping one of them: with
 * a single row, every transition waited at commit for the previous one's (row lock held until its
 * WAL flush). Their sum still grows at every commit, and is read in one statement.
 */
const SLOTS = 8;
const slotNames = Array.from({ length: SLOTS }, (_, i) => `${NAME}:${i}`);
const MAX_ENTRIES = 500;

const tablesProgressReads = (strapi: Core.Strapi): string[] => [
  'charte_evaluation_facts',
  tableOf(strapi, 'api::criterion.criterion'),
  tableOf(strapi, 'api::service.service'),
  tableOf(strapi, 'api::campaign.campaign'),
  link(strapi, 'api::campaign.campaign', 'services').table,
  link(strapi, 'api::campaign.campaign', 'referential').table,
  link(strapi, 'api::criterion.criterion', 'theme').table,
  tableOf(strapi, 'api::theme.theme'),
  tableOf(strapi, 'api::roadmap-action.roadmap-action'),
  link(strapi, 'api::roadmap-action.roadmap-action', 'service').table,
];

/** Runs inside the facts install transaction (same advisory lock). */
export async function installProgressVersion(strapi: Core.Strapi, trx: Knex.Transaction): Promise<void> {
  await trx.raw(`
    create table if not exists ${VERSIONS} (name varchar(64) primary key, version bigint not null default 0);
    insert into ${VERSIONS} (name) values ${slotNames.map((n) => `('${n}')`).join(', ')} on conflict do nothing;
    -- Deferred to commit and once per transaction: the version row stays locked for an instant only,
    -- and a bulk write of 10,000 rows bumps it once.
    create or replace function charte_bump_progress() returns trigger language plpgsql as $$
    begin
      if current_setting('charte.progress_bumped', true) = txid_current()::text then return null; end if;
      perform set_config('charte.progress_bumped', txid_current()::text, true);
      update ${VERSIONS} set version = version + 1 where name = '${NAME}:' || (txid_current() % ${SLOTS});
      return null;
    end $$;
  `);
  for (const table of tablesProgressReads(strapi)) {
    // PostgreSQL cannot « create or replace » a constraint trigger.
    await trx.raw(`drop trigger if exists charte_progress_version on ${table}`);
    await trx.raw(`create constraint trigger charte_progress_version after insert or update or delete on ${table}
      deferrable initially deferred for each row execute function charte_bump_progress()`);
  }
}

const entries = new Map<string, { version: string; value: Promise<unknown> }>();

/** Forget every computed figure (the benchmark measures the aggregate itself). */
export function clearProgressCache(): void {
  entries.clear();
}

/** `compute()`'s result for `key`, computed again only when the data changed since. */
export async function cachedProgress<T>(strapi: Core.Strapi, key: unknown[], compute: () => Promise<T>): Promise<T> {
  const row = await strapi.db.connection(VERSIONS).whereIn('name', slotNames).sum({ version: 'version' }).first();
  const version = String(row?.version ?? 'none');
  const id = JSON.stringify(key);
  const hit = entries.get(id);
  if (hit && hit.version === version) return hit.value as Promise<T>;
  if (entries.size >= MAX_ENTRIES) entries.clear();
  const value = compute();
  entries.set(id, { version, value });
  value.catch(() => entries.delete(id));
  return value;
}
