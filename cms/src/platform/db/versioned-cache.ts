import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

/**
 * Figures read far more often than the data behind them changes (progress, mystery-test results)
 * are kept in memory under a version number: a counter that a deferred trigger bumps once per
 * committed transaction writing any table the figures read. Read before computing, it tells an
 * instance whether what it computed is still what the database holds: it can only make an instance
 * compute again, never serve figures older than what has been committed — whatever the door of the
 * write (Document Service, transitions, bulk SQL, a script).
 *
 * Each named version (`progress`, `mystery`…) has its own counters and its own triggers, so that a
 * write only drops the figures that read the table it wrote.
 */
const VERSIONS = 'charte_versions';
/**
 * A version is spread over a few counter rows, each writing transaction bumping one of them: with
 * a single row, every transition waited at commit for the previous one's (row lock held until its
 * WAL flush). Their sum still grows at every commit, and is read in one statement.
 */
const SLOTS = 8;
const MAX_ENTRIES = 500;
const LOCK_KEY = 742_002; // serialises the install (create or replace function) when several instances boot together
const NAME = /^[a-z][a-z0-9_]*$/;

const slotNames = (name: string) => Array.from({ length: SLOTS }, (_, i) => `${name}:${i}`);

/**
 * The counters of `name` and, on each of `tables`, the trigger that bumps them. Runs in the given
 * transaction (a boot-time install), under its own advisory lock.
 */
export async function installVersion(trx: Knex.Transaction, name: string, tables: string[]): Promise<void> {
  if (!NAME.test(name)) throw new Error(`Nom de version invalide : ${name}`);
  await trx.raw('select pg_advisory_xact_lock(?)', [LOCK_KEY]);
  await trx.raw(`
    create table if not exists ${VERSIONS} (name varchar(64) primary key, version bigint not null default 0);
    insert into ${VERSIONS} (name) values ${slotNames(name).map((n) => `('${n}')`).join(', ')} on conflict do nothing;
    -- Deferred to commit and once per transaction and version (tg_argv[0]): the counter row stays
    -- locked for an instant only, and a bulk write of 10,000 rows bumps it once.
    create or replace function charte_bump_version() returns trigger language plpgsql as $$
    declare
      flag text := 'charte.bumped_' || tg_argv[0];
    begin
      if current_setting(flag, true) = txid_current()::text then return null; end if;
      perform set_config(flag, txid_current()::text, true);
      update ${VERSIONS} set version = version + 1 where name = tg_argv[0] || ':' || (txid_current() % ${SLOTS});
      return null;
    end $$;
  `);
  for (const table of tables) {
    // PostgreSQL cannot « create or replace » a constraint trigger.
    await trx.raw(`drop trigger if exists charte_${name}_version on ${table}`);
    await trx.raw(`create constraint trigger charte_${name}_version after insert or update or delete on ${table}
      deferrable initially deferred for each row execute function charte_bump_version('${name}')`);
  }
}

const caches = new Map<string, Map<string, { version: string; value: Promise<unknown> }>>();

/** Forget every computed figure of every version (tests switch databases; the benchmark measures the aggregate itself). */
export function clearVersionedCaches(): void {
  for (const entries of caches.values()) entries.clear();
}

/** `compute()`'s result for `key` under version `name`, computed again only when the data changed since. */
export async function cachedByVersion<T>(strapi: Core.Strapi, name: string, key: unknown[], compute: () => Promise<T>): Promise<T> {
  const row = await strapi.db.connection(VERSIONS).whereIn('name', slotNames(name)).sum({ version: 'version' }).first();
  const version = String(row?.version ?? 'none');
  let entries = caches.get(name);
  if (!entries) caches.set(name, (entries = new Map()));
  const id = JSON.stringify(key);
  const hit = entries.get(id);
  if (hit && hit.version === version) return hit.value as Promise<T>;
  if (entries.size >= MAX_ENTRIES) entries.clear();
  const value = compute();
  const stored = entries;
  stored.set(id, { version, value });
  value.catch(() => stored.delete(id));
  return value;
}
