import { randomUUID } from 'node:crypto';
import type { BuildStarted, BuildStatus } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import { runBuild } from './build-campaign';
import { countPairs } from './build-plan';
import { createStatus, readStatus, type StoredBuildStatus } from './build-status';
import { parseCampaignRequest, requestError, type CampaignRequest } from './campaign-request';

/**
 * Checks the request, counts the evaluations to create, records a `running` status and starts the
 * build in the background of this instance. Answers before the build, with what to poll.
 */
export async function startBuild(strapi: Core.Strapi, body: unknown, adminUser: { id: number } | null | undefined): Promise<BuildStarted> {
  const request = await parseCampaignRequest(strapi, body);
  const total = await countPairs(strapi, request.referentialId, request.serviceIds);
  if (!total) throw requestError([{ path: ['services'], message: 'Aucun engagement de ce référentiel ne s’applique aux services choisis.' }]);
  const build = await recordBuild(strapi, request, adminUser?.id ?? null, total);
  // Never rejects: runBuild turns every failure into a `failed` status.
  void build.run();
  return { buildId: build.status.buildId, total };
}

/**
 * Records a `running` status for a build of `request` (readable by every instance while it runs)
 * and returns it with the build itself, not yet started.
 */
export async function recordBuild(strapi: Core.Strapi, request: CampaignRequest, adminUserId: number | null, total: number) {
  const now = new Date().toISOString();
  const status: StoredBuildStatus = { buildId: randomUUID(), state: 'running', done: 0, total, prefilled: 0, campaign: null, message: null, startedAt: now, updatedAt: now };
  await createStatus(strapi, status);
  return { status, run: () => runBuild(strapi, { buildId: status.buildId, request, adminUserId, total }, status) };
}

/** The status as the admin page reads it; null for an unknown build. */
export async function buildStatus(strapi: Core.Strapi, buildId: string): Promise<BuildStatus | null> {
  const s = await readStatus(strapi, buildId);
  if (!s) return null;
  return { buildId: s.buildId, state: s.state, done: s.done, total: s.total, prefilled: s.prefilled, campaign: s.campaign, message: s.message };
}
