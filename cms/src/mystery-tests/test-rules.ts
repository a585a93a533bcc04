import { MYSTERY_WRITTEN_CHANNELS, type MysteryChannel } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { membershipOf } from '../access/service-membership';
import { formatDay } from '../platform/calendar/clock';
import { choiceLabel, fieldLabel } from '../platform/config/labels';
import { toOneTarget, type RelationRef } from '../platform/input/relation-value';
import { personName } from '../platform/people/person-name';
import { checkPoints, MYSTERY_GRID } from './grid-rules';
import { checkAnswer, scoreTest, type Answers } from './outcomes';

export const MYSTERY_TEST = 'api::mystery-test.mystery-test';
const SERVICE = 'api::service.service';
const USER = 'plugin::users-permissions.user';

/** The fields the cms computes from the result; whatever a write sends for them is replaced. */
export const COMPUTED_FIELDS = ['title', 'outcomes', 'score', 'delayDays', 'delayWorkingDays'] as const;

function refuse(message: string, path: string): never {
  throw new errors.ValidationError(message, { errors: [{ path: [path], message, name: 'ValidationError' }] });
}

const whereOf = (ref: RelationRef) => ('id' in ref ? { id: ref.id } : { documentId: ref.documentId });

interface Current {
  id: number;
  channel: MysteryChannel;
  windowStart: string;
  windowEnd: string;
  sentOn: string | null;
  answeredOn: string | null;
  answers: unknown;
  service: { id: number } | null;
  tester: { id: number } | null;
  grid: { id: number } | null;
}

/** The related row a write names (or the current one when the write leaves the relation as it is). */
async function related(strapi: Core.Strapi, uid: string, value: unknown, current: { id: number } | null | undefined, select: string[]) {
  const target = toOneTarget(value);
  if (target === undefined) return current ? strapi.db.query(uid as never).findOne({ select, where: { id: current.id } }) : null;
  if (target === null) return null;
  return strapi.db.query(uid as never).findOne({ select, where: whereOf(target) });
}

/** A tester never tests their own service: whoever serves its users would recognise the test, or grade themselves. */
export async function checkTester(strapi: Core.Strapi, tester: { id: number } & Record<string, unknown>, service: { id: number; name: string }) {
  const { serviceIds, headOf } = await membershipOf(strapi, tester.id);
  if (!serviceIds.includes(service.id)) return;
  const as = headOf.includes(service.id) ? 'chef' : 'agent';
  refuse(
    `${personName(tester as never)} est ${as} du service « ${service.name} » : un testeur ne teste jamais son propre service. Choisissez un testeur d’un autre service ou d’une autre commune.`,
    'tester',
  );
}

const COMPUTED_CHECKS: Record<(typeof COMPUTED_FIELDS)[number], (value: unknown) => boolean> = {
  title: (v) => typeof v === 'string' && v.length <= 300,
  outcomes: (v) => typeof v === 'object' && !Array.isArray(v),
  score: (v) => typeof v === 'number' && v >= 0 && v <= 100,
  delayDays: (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 100000,
  delayWorkingDays: (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 100000,
};

/**
 * The computed fields are replaced by what the cms computes; a write may carry them back as it read
 * them (the admin panel sends the whole form), but a value that could never have been computed is
 * refused rather than silently dropped.
 */
function checkComputedFields(data: Record<string, unknown>) {
  for (const field of COMPUTED_FIELDS) {
    if (!(field in data)) continue;
    const value = data[field];
    if (value !== null && value !== undefined && !COMPUTED_CHECKS[field](value)) {
      refuse(`${fieldLabel(MYSTERY_TEST, field)} : ce champ est calculé par l’application à partir du résultat ; ne l’envoyez pas.`, field);
    }
    delete data[field];
  }
}

const day = (value: unknown) => (typeof value === 'string' ? value.slice(0, 10) : null);

async function checkTestWrite(strapi: Core.Strapi, action: 'create' | 'update', params: { documentId?: string; data?: Record<string, unknown> }) {
  const data = params.data ?? {};
  checkComputedFields(data);
  const current =
    action === 'update' && params.documentId
      ? ((await strapi.db.query(MYSTERY_TEST).findOne({
          where: { documentId: params.documentId },
          populate: { service: { select: ['id'] }, tester: { select: ['id'] }, grid: { select: ['id'] } },
        })) as Current | null)
      : null;
  if (action === 'update' && !current) return;
  const pick = <K extends keyof Current>(field: K) => (field in data ? (data[field] as Current[K]) : current?.[field]);

  const service = (await related(strapi, SERVICE, data.service, current?.service, ['id', 'name'])) as { id: number; name: string } | null;
  if (!service) refuse(`${fieldLabel(MYSTERY_TEST, 'service')} : le service testé est obligatoire.`, 'service');
  const tester = (await related(strapi, USER, data.tester, current?.tester, ['id', 'firstname', 'lastname', 'username', 'blocked'])) as
    | ({ id: number; blocked: boolean } & Record<string, unknown>)
    | null;
  if (!tester) refuse(`${fieldLabel(MYSTERY_TEST, 'tester')} : désignez le compte qui fera le test.`, 'tester');
  if (tester.blocked) refuse(`Le compte de ${personName(tester as never)} est bloqué : il ne peut pas faire de test.`, 'tester');
  await checkTester(strapi, tester, service);
  data.author = tester.id;

  const grid = await gridOf(strapi, data, current);
  const channel = grid.channel;
  data.grid = grid.id;
  data.channel = channel;
  const windowStart = day(pick('windowStart'));
  const windowEnd = day(pick('windowEnd'));
  if (windowStart && windowEnd && windowEnd < windowStart) refuse('La fin de la période du test précède son début.', 'windowEnd');
  const sentOn = day(pick('sentOn'));
  const answeredOn = day(pick('answeredOn'));
  const written = (MYSTERY_WRITTEN_CHANNELS as readonly string[]).includes(channel);
  if ((sentOn || answeredOn) && !written) refuse(`Les dates d’envoi et de réponse ne concernent que les courriels, courriers et formulaires web, pas le canal « ${choiceLabel(channel)} ».`, 'sentOn');
  if (answeredOn && !sentOn) refuse('Donnez la date d’envoi avant celle de la réponse.', 'sentOn');
  if (sentOn && answeredOn && answeredOn < sentOn) refuse('La date de réponse précède la date d’envoi.', 'answeredOn');

  const checked = checkPoints(grid.points, channel);
  if (!checked.ok) refuse(`La grille « ${grid.title} » est invalide : corrigez-la d’abord. ${checked.message}`, 'grid');

  const raw = pick('answers') ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) refuse(`${fieldLabel(MYSTERY_TEST, 'answers')} : un objet { point: réponse } est attendu.`, 'answers');
  const answers = raw as Record<string, unknown>;
  const byId = new Map(checked.points.map((p) => [p.id, p]));
  const unknown = Object.keys(answers).filter((id) => !byId.has(id));
  if (unknown.length) refuse(`Point${unknown.length > 1 ? 's' : ''} inconnu${unknown.length > 1 ? 's' : ''} de la grille : ${unknown.slice(0, 10).map((id) => `« ${id.slice(0, 60)} »`).join(', ')}.`, 'answers');
  const clean: Answers = {};
  for (const [id, value] of Object.entries(answers)) {
    if (value === null) continue;
    const verdict = checkAnswer(byId.get(id)!, value);
    if (!verdict.ok) refuse(`Réponse invalide : ${verdict.message}.`, `answers.${id}`);
    clean[id] = value as Answers[string];
  }
  if ('answers' in data) data.answers = clean;
  Object.assign(data, scoreTest(checked.points, clean, { sentOn, answeredOn }));
  data.title = `${choiceLabel(channel)} — ${service.name}${windowStart && windowEnd ? ` (${formatDay(windowStart)} – ${formatDay(windowEnd)})` : ''}`;
}

type Grid = { id: number; title: string; channel: MysteryChannel; points: unknown };

/**
 * The grid a test is scored on: the one it names, else the one it had, else the only grid of the
 * channel it names (with several, the writer must choose). The test takes the grid's channel.
 */
async function gridOf(strapi: Core.Strapi, data: Record<string, unknown>, current: Current | null): Promise<Grid> {
  const select = ['id', 'title', 'channel', 'points'];
  const target = toOneTarget(data.grid);
  if (target) {
    const grid = (await strapi.db.query(MYSTERY_GRID).findOne({ select, where: whereOf(target) })) as Grid | null;
    if (!grid) refuse('Grille inconnue.', 'grid');
    if (typeof data.channel === 'string' && data.channel !== grid.channel) refuse(`La grille « ${grid.title} » est celle du canal « ${choiceLabel(grid.channel)} », pas « ${choiceLabel(data.channel)} ».`, 'channel');
    return grid;
  }
  if (target === undefined && current?.grid && !('channel' in data && data.channel !== current.channel)) {
    const grid = (await strapi.db.query(MYSTERY_GRID).findOne({ select, where: { id: current.grid.id } })) as Grid | null;
    if (grid) return grid;
  }
  const channel = (data.channel ?? current?.channel) as string | undefined;
  if (!channel) refuse(`${fieldLabel(MYSTERY_TEST, 'grid')} : choisissez la grille du test (ou son canal).`, 'grid');
  const grids = (await strapi.db.query(MYSTERY_GRID).findMany({ select, where: { channel }, limit: 2 })) as Grid[];
  if (!grids.length) refuse(`Le canal « ${choiceLabel(channel)} » n’a pas encore de grille : créez-la d’abord (Grilles de tests mystères).`, 'channel');
  if (grids.length > 1) refuse(`Le canal « ${choiceLabel(channel)} » a plusieurs grilles : choisissez celle du test.`, 'grid');
  return grids[0];
}

type DocumentMiddleware = Parameters<Core.Strapi['documents']['use']>[0];

/**
 * A mystery test is checked and scored whatever the door (REST, admin panel, scripts): its tester is
 * not of the tested service, its dates are in order, its answers fit the channel's grid, and its
 * score and delays are computed here, never taken from the request.
 */
export function mysteryTestRules(strapi: Core.Strapi): DocumentMiddleware {
  return async (context, next) => {
    if (context.uid === MYSTERY_TEST && (context.action === 'create' || context.action === 'update')) {
      await checkTestWrite(strapi, context.action, context.params as never);
    }
    return next();
  };
}
