import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MysteryEvidenceTarget } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { canRead, roleOf, type Caller } from '../access/read-scope';
import { rolesConfig } from '../access/roles-config';
import { writableOr404 } from '../access/write-scope';
import { evidenceConfig } from '../evidence/evidence-config';
import { piecesDrawnFrom, recordDrawnPiece } from '../evidence/evidence-store';
import { formatInstant, dayIn, townTimeZone } from '../platform/calendar/clock';
import { columnDay } from '../platform/calendar/days';
import { choiceLabel, workflowLabels } from '../platform/config/labels';
import { link, tableOf, type Row } from '../platform/db/schema';
import { isDocumentId } from '../platform/db/document-id';
import { fileSlug } from '../platform/http/file-slug';
import { HttpError, shown } from '../platform/http/http-error';
import { workflowByUid } from '../workflow/definitions';
import type { Outcome } from './outcomes';
import { renderResultSheet, type ResultSheet } from './result-sheet-pdf';
import { MYSTERY_TEST } from './test-rules';

const EVALUATION = 'api::evaluation.evaluation';
const CAMPAIGN = 'api::campaign.campaign';
const CRITERION = 'api::criterion.criterion';
const ATTACH_LOCK = 0x6d797376; // "mysv"
const NOT_FOUND = 'Test mystère introuvable, ou son résultat n’est pas encore validé.';
const READ_ONLY = 'Votre rôle lit les évaluations sans y joindre de pièce.';

interface ValidatedTest extends ResultSheet {
  id: number;
  documentId: string;
  serviceId: number;
}

/**
 * A validated test the caller reads; any other answers like one that does not exist — before
 * validation, the tested service may not learn of it (config/roles.yaml blindTypes).
 */
async function validatedTest(strapi: Core.Strapi, caller: Caller, documentId: unknown): Promise<ValidatedTest> {
  if (!isDocumentId(documentId)) throw new HttpError(400, 'Identifiant de test mystère invalide.');
  if (!(await canRead(strapi, MYSTERY_TEST, documentId, caller))) throw new HttpError(404, NOT_FOUND);
  const row = (await strapi.db.query(MYSTERY_TEST).findOne({
    select: ['id', 'documentId', 'channel', 'scenario', 'testedAt', 'sentOn', 'answeredOn', 'delayDays', 'delayWorkingDays', 'score', 'observations', 'outcomes', 'workflowState'],
    where: { documentId },
    populate: { service: { select: ['id', 'name'] }, grid: { select: ['title'] } },
  })) as Row | null;
  if (!row || row.workflowState !== 'validated' || !row.service) throw new HttpError(404, NOT_FOUND);
  const outcomes = (typeof row.outcomes === 'string' ? JSON.parse(row.outcomes) : (row.outcomes ?? {})) as Record<string, Outcome>;
  return {
    id: row.id,
    documentId: row.documentId,
    serviceId: row.service.id,
    service: row.service.name,
    channel: row.channel,
    grid: row.grid?.title ?? null,
    scenario: row.scenario ?? null,
    testedAt: row.testedAt ? new Date(row.testedAt).toISOString() : null,
    sentOn: columnDay(row.sentOn),
    answeredOn: columnDay(row.answeredOn),
    delayDays: row.delayDays ?? null,
    delayWorkingDays: row.delayWorkingDays ?? null,
    score: row.score === null || row.score === undefined ? null : Number(row.score),
    observations: row.observations ?? null,
    outcomes,
  };
}

/** Whether the caller's role updates evaluations (config/roles.yaml) and joins pieces (config/evidence.yaml writers). */
const updatesEvaluations = (caller: Caller) =>
  Boolean(rolesConfig().roles[roleOf(caller)]?.permissions[EVALUATION]?.includes('update')) && evidenceConfig().writers.includes(roleOf(caller));

/** GET /api/mystery-tests/:documentId/evidence: the evaluations a validated test can be a piece of. */
export async function evidenceTargets(strapi: Core.Strapi, caller: Caller, documentId: unknown): Promise<MysteryEvidenceTarget[]> {
  return targetsOf(strapi, caller, await validatedTest(strapi, caller, documentId));
}

/**
 * THE rule of « which evaluations a test is evidence for »: those of the tested service, on an
 * engagement that one of the test's points observes (the criteria frozen with its outcome), in a
 * campaign whose period contains the day of the test (in the town's time zone; a campaign without
 * an end date runs on). In the campaigns' then the engagements' order.
 */
async function targetsOf(strapi: Core.Strapi, caller: Caller, test: ValidatedTest): Promise<MysteryEvidenceTarget[]> {
  const outcomes = Object.values(test.outcomes).sort((a, b) => a.position - b.position);
  const codes = [...new Set(outcomes.flatMap((o) => o.criteria ?? []))];
  if (!codes.length || !test.testedAt) return [];
  const knex = strapi.db.connection;
  const toCampaign = link(strapi, EVALUATION, 'campaign');
  const toService = link(strapi, EVALUATION, 'service');
  const toCriterion = link(strapi, EVALUATION, 'criterion');
  const rows = (await knex(`${tableOf(strapi, EVALUATION)} as e`)
    .join(`${toService.table} as es`, `es.${toService.from}`, 'e.id')
    .join(`${toCampaign.table} as ec`, `ec.${toCampaign.from}`, 'e.id')
    .join(`${tableOf(strapi, CAMPAIGN)} as c`, 'c.id', `ec.${toCampaign.to}`)
    .join(`${toCriterion.table} as er`, `er.${toCriterion.from}`, 'e.id')
    .join(`${tableOf(strapi, CRITERION)} as cr`, 'cr.id', `er.${toCriterion.to}`)
    .where(`es.${toService.to}`, test.serviceId)
    .whereIn('cr.code', codes)
    .whereRaw(`(?::timestamptz at time zone ?)::date between c.start_date and coalesce(c.end_date, 'infinity'::date)`, [test.testedAt, townTimeZone()])
    .orderBy([{ column: 'c.start_date', order: 'desc' }, { column: 'cr.code' }])
    .select('e.document_id', 'e.workflow_state', 'c.document_id as campaign_document_id', 'c.name as campaign_name', 'cr.code', 'cr.title')) as Row[];
  const attached = await piecesDrawnFrom(knex, EVALUATION, { uid: MYSTERY_TEST, documentId: test.documentId });
  const { editableIn } = workflowByUid(EVALUATION)!;
  const states = workflowLabels().states;
  const mayUpdate = updatesEvaluations(caller);
  return rows.map((r) => {
    const piece = attached.find((p) => p.documentId === r.document_id);
    const blocked = !mayUpdate
      ? READ_ONLY
      : editableIn.includes(r.workflow_state)
        ? null
        : `L’évaluation est à l’état « ${states[r.workflow_state] ?? r.workflow_state} » : elle ne reçoit plus de pièce. Elle redevient modifiable si elle est renvoyée ou rouverte.`;
    return {
      evaluation: { documentId: r.document_id, workflowState: r.workflow_state },
      campaign: { documentId: r.campaign_document_id, name: r.campaign_name },
      criterion: { code: r.code, title: r.title },
      points: outcomes.filter((o) => (o.criteria ?? []).includes(r.code)).map((o) => o.label),
      attached: piece ? { fileId: piece.fileId, name: piece.name, url: piece.url } : null,
      blocked,
    };
  });
}

function parseRequest(body: unknown): string {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'Corps de requête attendu : { "evaluation": "<identifiant de l’évaluation>" }.');
  const unknown = Object.keys(body).filter((k) => k !== 'evaluation');
  if (unknown.length) throw new HttpError(400, `Champ inconnu : ${unknown.join(', ')}. Champ attendu : evaluation.`);
  const evaluation = (body as { evaluation?: unknown }).evaluation;
  if (!isDocumentId(evaluation)) throw new HttpError(400, '« evaluation » : l’identifiant de l’évaluation à laquelle joindre le test est attendu.');
  return evaluation;
}

type StoredFile = { id: number; name: string; url: string };
type UploadService = { upload(input: { data: Record<string, unknown>; files: unknown }): Promise<StoredFile[]>; remove(file: unknown): Promise<unknown> };

/**
 * POST /api/mystery-tests/:documentId/evidence { evaluation }: the test's result, drawn as a PDF
 * sheet, becomes a piece of that evaluation (its `evidence` field, with a wrapper that names the
 * test), through the Document Service — so the evaluation must be in an editable state, whatever
 * the door. Once per test and evaluation.
 */
export async function attachAsEvidence(strapi: Core.Strapi, caller: Caller, documentId: unknown, body: unknown, now = new Date()): Promise<MysteryEvidenceTarget> {
  const evaluation = parseRequest(body);
  const test = await validatedTest(strapi, caller, documentId);
  const target = (await targetsOf(strapi, caller, test)).find((t) => t.evaluation.documentId === evaluation);
  if (!target) {
    throw new HttpError(
      400,
      `« evaluation » ${shown(evaluation)} : ce test ne peut être joint qu’à l’évaluation de son service, sur un engagement que l’un de ses points observe, dans une campagne en cours le jour du test.`,
    );
  }
  if (!updatesEvaluations(caller)) throw new HttpError(403, READ_ONLY);
  await writableOr404(strapi, EVALUATION, evaluation, caller);
  if (target.attached) throw new HttpError(409, `Ce test est déjà joint à cette évaluation (pièce « ${target.attached.name} »).`);
  if (target.blocked) throw new HttpError(409, target.blocked);

  const sheet = await renderResultSheet(test, now);
  const day = test.testedAt ? dayIn(townTimeZone(), new Date(test.testedAt)) : 'sans-date';
  const fileName = `test-mystere-${fileSlug(choiceLabel(test.channel))}-${day}-${fileSlug(test.service)}.pdf`;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'charte-mystere-'));
  const filepath = path.join(dir, fileName);
  const uploads = strapi.plugin('upload').service('upload') as unknown as UploadService;
  let stored: StoredFile;
  try {
    await fs.writeFile(filepath, sheet);
    [stored] = await uploads.upload({ data: {}, files: { filepath, originalFilename: fileName, mimetype: 'application/pdf', size: sheet.length } });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
  try {
    await strapi.db.transaction(async ({ trx }) => {
      const knexTrx = trx as unknown as Knex.Transaction;
      const evaluationRow = (await knexTrx(tableOf(strapi, EVALUATION)).where('document_id', evaluation).first('id')) as { id: number };
      // Two clicks at once: the second waits here, then finds the piece of the first.
      await knexTrx.raw('select pg_advisory_xact_lock(?, ?)', [ATTACH_LOCK, evaluationRow.id]);
      if ((await piecesDrawnFrom(knexTrx, EVALUATION, { uid: MYSTERY_TEST, documentId: test.documentId })).some((p) => p.documentId === evaluation)) {
        throw new HttpError(409, 'Ce test vient d’être joint à cette évaluation.');
      }
      const current = (await knexTrx('files_related_mph').where({ related_type: EVALUATION, related_id: evaluationRow.id, field: 'evidence' }).orderBy('order').select('file_id')) as { file_id: number }[];
      await strapi.documents(EVALUATION as never).update({ documentId: evaluation, data: { evidence: [...current.map((f) => f.file_id), stored.id] } } as never);
      const when = test.testedAt ? ` du ${formatInstant(test.testedAt, 'short')}` : '';
      await recordDrawnPiece(knexTrx, {
        uid: EVALUATION,
        documentId: evaluation,
        fileId: stored.id,
        title: `Test mystère${when} (${choiceLabel(test.channel).toLowerCase()})${test.score === null ? '' : ` : ${String(test.score).replace('.', ',')}\u00a0%`}`.slice(0, 200),
        origin: { uid: MYSTERY_TEST, documentId: test.documentId },
        addedBy: caller.id,
      });
    });
  } catch (error) {
    // Nothing changed on the evaluation: the drawn file goes too.
    const file = await strapi.db.query('plugin::upload.file').findOne({ where: { id: stored.id } });
    if (file) await uploads.remove(file);
    throw error;
  }
  return { ...target, attached: { fileId: stored.id, name: stored.name, url: stored.url } };
}
