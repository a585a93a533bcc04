import type { Core } from '@strapi/strapi';
import { errors, setCreatorFields } from '@strapi/utils';
import type { Knex } from 'knex';
import { previousCampaignId } from '../progress/previous-campaign';
import { listPairs, pairKey, previousAnswers, type Copied } from './build-plan';
import { writeStatus, type StoredBuildStatus } from './build-status';
import type { CampaignRequest } from './campaign-request';
import { nameTaken } from './campaign-request';
import { EvaluationWriter } from './evaluation-rows';

const CAMPAIGN = 'api::campaign.campaign';
/** Rows per INSERT: large enough for speed, far below PostgreSQL's 65,535 bound parameters (13 per row). */
export const CHUNK = 1000;
const HEARTBEAT_MS = 30_000;
/** Serialises two builds on the same référentiel, so the "name already used" check cannot race. */
const LOCK_NAMESPACE = 0x63616d70; // "camp"

export interface BuildJob {
  buildId: string;
  request: CampaignRequest;
  adminUserId: number | null;
  total: number;
}

/** A failure whose message is meant for the person who asked for the campaign. */
class BuildRefused extends Error {}

/** Status writes one after the other: a late heartbeat must never overwrite the final state. */
class StatusWriter {
  private last: Promise<void> = Promise.resolve();
  constructor(
    private readonly strapi: Core.Strapi,
    readonly status: StoredBuildStatus,
  ) {}

  write(): Promise<void> {
    const snapshot = { ...this.status };
    this.last = this.last
      .then(() => writeStatus(this.strapi, snapshot))
      .catch((error) => {
        this.strapi.log.warn(`Campagne ${snapshot.buildId} : avancement non enregistré (${(error as Error).message}).`);
      });
    return this.last;
  }
}

/**
 * Builds the campaign in ONE transaction: the campaign document, then its evaluations by chunks of
 * multi-row INSERTs. Progress is written after each chunk outside the transaction, so any instance
 * can read it while the build runs; a failure rolls everything back and says so in French.
 */
export async function runBuild(strapi: Core.Strapi, job: BuildJob, initial: StoredBuildStatus): Promise<StoredBuildStatus> {
  const writer = new StatusWriter(strapi, { ...initial });
  const heartbeat = setInterval(() => void writer.write(), HEARTBEAT_MS);
  heartbeat.unref();
  try {
    const campaign = await strapi.db.transaction(({ trx }) => buildInTransaction(strapi, trx as unknown as Knex.Transaction, job, writer));
    Object.assign(writer.status, { state: 'done', campaign, message: null });
    strapi.log.info(`Campagne « ${campaign.name} » créée : ${writer.status.done} évaluations (${writer.status.prefilled} pré-remplies).`);
  } catch (error) {
    Object.assign(writer.status, { state: 'failed', done: 0, prefilled: 0, campaign: null, message: failureMessage(strapi, error) });
  } finally {
    clearInterval(heartbeat);
  }
  await writer.write();
  return writer.status;
}

async function buildInTransaction(strapi: Core.Strapi, trx: Knex.Transaction, job: BuildJob, writer: StatusWriter) {
  const { request } = job;
  await trx.raw('select pg_advisory_xact_lock(?, ?)', [LOCK_NAMESPACE, request.referentialId]);
  if (await nameTaken(strapi, request.referentialId, request.name, trx)) {
    throw new BuildRefused(`Une campagne « ${request.name} » existe déjà pour ce référentiel : choisissez un autre nom.`);
  }
  const previousId = request.prefill ? await previousCampaignId(strapi, trx, { id: null, referentialId: request.referentialId, startDate: null }) : null;
  const data = {
    name: request.name,
    kind: request.kind,
    startDate: request.startDate,
    endDate: request.endDate,
    referential: request.referentialDocumentId,
    services: request.serviceDocumentIds,
  };
  // The campaign itself is one document: the Document Service writes it (and runs the business rules).
  const campaign = (await strapi.documents(CAMPAIGN).create({
    data: (job.adminUserId ? setCreatorFields({ user: { id: job.adminUserId } })(data) : data) as never,
  })) as unknown as { id: number; documentId: string; name: string };

  const pairs = await listPairs(strapi, trx, request.referentialId, request.serviceIds);
  if (!pairs.length) throw new BuildRefused('Aucun engagement de ce référentiel ne s’applique aux services choisis.');
  const answers = previousId ? await previousAnswers(strapi, trx, previousId, request.serviceIds) : new Map<string, Copied>();
  writer.status.total = pairs.length;

  const evaluations = new EvaluationWriter(strapi, trx, job.adminUserId);
  for (let start = 0; start < pairs.length; start += CHUNK) {
    const chunk = pairs.slice(start, start + CHUNK).map((p) => ({ ...p, copied: answers.get(pairKey(p.serviceId, p.criterionId)) }));
    await evaluations.insert(chunk, campaign.id);
    writer.status.done += chunk.length;
    writer.status.prefilled += chunk.filter((c) => c.copied).length;
    await writer.write();
  }
  return { documentId: campaign.documentId, name: campaign.name };
}

function failureMessage(strapi: Core.Strapi, error: unknown): string {
  if (error instanceof BuildRefused) return error.message;
  if (error instanceof errors.ValidationError) return `La campagne n’a pas été créée : ${error.message}`;
  if ((error as { code?: string }).code === '23503') {
    strapi.log.warn(`Création de campagne annulée : ${(error as Error).message}`);
    return 'Un engagement ou un service a été supprimé pendant la création de la campagne : rien n’a été enregistré, relancez-la.';
  }
  strapi.log.error(`Création de campagne en échec : ${(error as Error).stack ?? String(error)}`);
  return 'La création de la campagne a échoué : rien n’a été enregistré. Relancez-la ; si l’échec se répète, prévenez l’administrateur.';
}
