import type { BuildStatus } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import { tableOf } from '../platform/db/schema';

/** A build's status as the core store keeps it: what the admin page polls, and when it started and last wrote. */
export interface StoredBuildStatus extends BuildStatus {
  startedAt: string;
  updatedAt: string;
}

/** A running build that has not written for this long died with its instance (it writes every chunk and every 30 s). */
export const STALE_AFTER_MS = 2 * 60_000;
export const INTERRUPTED_MESSAGE = 'La création a été interrompue (redémarrage du serveur) : rien n’a été enregistré, relancez-la.';

const STORE = { type: 'plugin', name: 'charte-admin' } as const;
const BUILD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const keyOf = (buildId: string) => `campaign-build:${buildId}`;

/** The first write goes through Strapi's core store, so the row has exactly the layout `strapi.store().get` reads. */
export async function createStatus(strapi: Core.Strapi, status: StoredBuildStatus): Promise<void> {
  await strapi.store({ ...STORE, key: keyOf(status.buildId) }).set({ value: status });
}

/**
 * Later writes go straight to the core store's row on the main connection: `strapi.store()` would
 * join the build's transaction (Strapi binds queries to it through AsyncLocalStorage), and the
 * progress would stay invisible to other instances until the commit.
 */
export async function writeStatus(strapi: Core.Strapi, status: StoredBuildStatus): Promise<void> {
  const value = JSON.stringify({ ...status, updatedAt: new Date().toISOString() });
  await strapi.db
    .connection(tableOf(strapi, 'strapi::core-store'))
    .where({ key: `${STORE.type}_${STORE.name}_${keyOf(status.buildId)}` })
    .whereNull('environment')
    .whereNull('tag')
    .update({ value });
}

/** The status of a build, from whichever instance runs it; null when unknown. */
export async function readStatus(strapi: Core.Strapi, buildId: string, now = Date.now()): Promise<StoredBuildStatus | null> {
  if (!BUILD_ID.test(buildId)) return null;
  const status = (await strapi.store({ ...STORE, key: keyOf(buildId) }).get({})) as StoredBuildStatus | null;
  if (!status) return null;
  if (status.state === 'running' && now - Date.parse(status.updatedAt) > STALE_AFTER_MS) {
    return { ...status, state: 'failed', done: 0, prefilled: 0, campaign: null, message: INTERRUPTED_MESSAGE };
  }
  return status;
}
