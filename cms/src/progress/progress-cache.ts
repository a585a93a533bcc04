import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { link, tableOf } from '../platform/db/schema';
import { cachedByVersion, clearVersionedCaches, installVersion } from '../platform/db/versioned-cache';

/**
 * Progress figures are read far more often than the data behind them changes: they are kept under
 * the `progress` version (platform/db/versioned-cache.ts), bumped once per committed transaction
 * that writes any table progress reads (evaluation facts, criteria, services, campaigns, roadmap
 * actions and their links). Read before computing, it can only make an instance compute again,
 * never serve figures older than what has been committed.
 */
const NAME = 'progress';

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

/** Runs inside the facts install transaction. */
export async function installProgressVersion(strapi: Core.Strapi, trx: Knex.Transaction): Promise<void> {
  await installVersion(trx, NAME, tablesProgressReads(strapi));
  // The progress-only trigger function of before the named versions: its triggers are replaced above.
  await trx.raw('drop function if exists charte_bump_progress()');
}

/** Forget every computed figure, progress and the others kept by version (the benchmark measures the aggregate itself). */
export function clearProgressCache(): void {
  clearVersionedCaches();
}

/** `compute()`'s result for `key`, computed again only when the data changed since. */
export function cachedProgress<T>(strapi: Core.Strapi, key: unknown[], compute: () => Promise<T>): Promise<T> {
  return cachedByVersion(strapi, NAME, key, compute);
}
