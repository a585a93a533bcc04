import type { MysteryTesterTest } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import { choiceLabel } from '../platform/config/labels';
import { isDocumentId } from '../platform/db/document-id';
import { HttpError } from '../platform/http/http-error';
import type { Caller } from '../platform/http/request';
import { checkPoints, MYSTERY_GRID } from './grid-rules';
import { MYSTERY_TEST } from './test-rules';

type Row = Record<string, unknown> & { documentId: string };
const day = (value: unknown) => (value ? String(value).slice(0, 10) : null);

type Grid = { row: Row; checked: ReturnType<typeof checkPoints> | null };

function testView(row: Row, grids: Map<number, Grid>): MysteryTesterTest {
  const found = grids.get((row.grid as { id: number } | null)?.id ?? 0);
  const grid = found?.row;
  const checked = found?.checked ?? null;
  const service = row.service as { documentId: string; name: string } | null;
  const campaign = row.campaign as { title: string } | null;
  return {
    documentId: row.documentId,
    title: row.title as string,
    campaign: campaign?.title ?? null,
    service: service ? { documentId: service.documentId, name: service.name } : null,
    channel: row.channel as MysteryTesterTest['channel'],
    channelLabel: choiceLabel(row.channel as string),
    scenario: (row.scenario as string | null) ?? null,
    instructions: (grid?.instructions as string | null) ?? null,
    windowStart: day(row.windowStart)!,
    windowEnd: day(row.windowEnd)!,
    testedAt: row.testedAt ? new Date(row.testedAt as string).toISOString() : null,
    sentOn: day(row.sentOn),
    answeredOn: day(row.answeredOn),
    answers: (row.answers as MysteryTesterTest['answers']) ?? {},
    observations: (row.observations as string | null) ?? null,
    score: row.score === null || row.score === undefined ? null : Number(row.score),
    delayDays: (row.delayDays as number | null) ?? null,
    delayWorkingDays: (row.delayWorkingDays as number | null) ?? null,
    workflowState: row.workflowState as string,
    points: checked?.ok ? checked.points : [],
  };
}

/** The grids the tests are scored on, by id. */
async function gridsOf(strapi: Core.Strapi, rows: Row[]) {
  const ids = [...new Set(rows.map((r) => (r.grid as { id: number } | null)?.id).filter((id): id is number => typeof id === 'number'))];
  const grids = ids.length ? ((await strapi.db.query(MYSTERY_GRID).findMany({ select: ['id', 'channel', 'points', 'instructions'], where: { id: { $in: ids } } })) as (Row & { id: number })[]) : [];
  // Checked once per grid, not once per test: a busy tester has a hundred tests on five grids.
  return new Map(grids.map((g): [number, Grid] => [g.id, { row: g, checked: checkPoints(g.points, g.channel as never) }]));
}

const POPULATE = { service: { select: ['documentId', 'name'] }, campaign: { select: ['title'] }, grid: { select: ['id'] } };

/** The tests entrusted to the caller, the next ones first, each with its channel's grid. */
export async function testsOf(strapi: Core.Strapi, caller: Caller): Promise<MysteryTesterTest[]> {
  const rows = (await strapi.db.query(MYSTERY_TEST).findMany({
    // What the view shows: not the frozen outcomes, the largest column.
    select: ['documentId', 'title', 'channel', 'scenario', 'windowStart', 'windowEnd', 'testedAt', 'sentOn', 'answeredOn', 'answers', 'observations', 'score', 'delayDays', 'delayWorkingDays', 'workflowState'],
    where: { tester: { id: caller.id } },
    populate: POPULATE,
    orderBy: [{ windowStart: 'asc' }, { id: 'asc' }],
    limit: 500,
  })) as Row[];
  const grids = await gridsOf(strapi, rows);
  return rows.map((row) => testView(row, grids));
}

const RESULT_KEYS = ['testedAt', 'sentOn', 'answeredOn', 'answers', 'observations'];

/**
 * The tester writes the result of one of their tests while it is a draft: the moment of the test,
 * the send and answer dates of a written channel, the answers on the grid and observations. The
 * Document Service checks the answers against the grid and computes the score and the delays; the
 * workflow guard refuses a result already submitted.
 */
export async function saveResult(strapi: Core.Strapi, caller: Caller, documentId: string, body: unknown): Promise<MysteryTesterTest> {
  if (!isDocumentId(documentId)) throw new HttpError(404, 'Test introuvable.');
  const owned = (await strapi.db.query(MYSTERY_TEST).findOne({ select: ['id'], where: { documentId, tester: { id: caller.id } } })) as { id: number } | null;
  if (!owned) throw new HttpError(404, 'Test introuvable : seuls les tests qui vous sont confiés se saisissent ici.');
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'Corps de requête attendu : { "testedAt", "sentOn", "answeredOn", "answers", "observations" }.');
  const input = body as Record<string, unknown>;
  const unknown = Object.keys(input).filter((k) => !RESULT_KEYS.includes(k));
  if (unknown.length) throw new HttpError(400, `Champ inconnu : ${unknown.map((k) => `« ${k.slice(0, 60)} »`).join(', ')}. Champs possibles : ${RESULT_KEYS.join(', ')}.`);
  if (!Object.keys(input).length) throw new HttpError(400, `Rien à enregistrer : donnez au moins l’un des champs ${RESULT_KEYS.join(', ')}.`);
  const data: Record<string, unknown> = {};
  if ('testedAt' in input) {
    const value = input.testedAt;
    if (value !== null && (typeof value !== 'string' || Number.isNaN(Date.parse(value)) || value.length > 40)) throw new HttpError(400, 'Moment du test : une date et une heure sont attendues (par exemple 2026-03-05T10:30).');
    if (typeof value === 'string' && Date.parse(value) > Date.now() + 60 * 60 * 1000) throw new HttpError(400, 'Moment du test : il ne peut pas être dans le futur.');
    data.testedAt = value === null ? null : new Date(value as string).toISOString();
  }
  for (const field of ['sentOn', 'answeredOn'] as const) {
    if (!(field in input)) continue;
    const value = input[field];
    const label = field === 'sentOn' ? 'Date d’envoi' : 'Date de réponse';
    if (value !== null && value !== '' && (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))) {
      throw new HttpError(400, `${label} : une date au format AAAA-MM-JJ est attendue.`);
    }
    data[field] = value || null;
  }
  if ('answers' in input) {
    if (!input.answers || typeof input.answers !== 'object' || Array.isArray(input.answers)) throw new HttpError(400, 'Réponses : un objet { point: réponse } est attendu.');
    data.answers = input.answers;
  }
  if ('observations' in input) {
    const value = input.observations;
    if (value !== null && (typeof value !== 'string' || value.length > 5000)) throw new HttpError(400, 'Observations : un texte de 5 000 caractères au plus est attendu.');
    data.observations = value;
  }
  await strapi.documents(MYSTERY_TEST).update({ documentId, data: data as never });
  const row = (await strapi.db.query(MYSTERY_TEST).findOne({ where: { documentId }, populate: POPULATE })) as Row;
  return testView(row, await gridsOf(strapi, [row]));
}
