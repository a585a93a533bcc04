import { MYSTERY_POINT_KEYS, mysteryPointsSchema, type MysteryPoint } from '@charte/contract/schemas';
import { MYSTERY_WRITTEN_CHANNELS, type MysteryChannel } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { choiceLabel, fieldLabel } from '../platform/config/labels';

export const MYSTERY_GRID = 'api::mystery-grid.mystery-grid';

type Detail = { path: string; message: string };
export type PointsCheck = { ok: true; points: MysteryPoint[] } | { ok: false; message: string; errors: Detail[] };

/** Checks a grid's `points` value; each message names the point (by its position) and the field. */
export function checkPoints(value: unknown, channel: MysteryChannel | undefined): PointsCheck {
  const parsed = mysteryPointsSchema.safeParse(value);
  const problems: Detail[] = [];
  const where = (index: unknown) => (typeof index === 'number' ? `Point ${index + 1}` : fieldLabel(MYSTERY_GRID, 'points'));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [index, ...rest] = issue.path;
      let message = issue.message;
      if (issue.code === 'unrecognized_keys') {
        const unknown = issue.keys.filter((key) => !(MYSTERY_POINT_KEYS as readonly string[]).includes(key));
        message = `champ${unknown.length > 1 ? 's' : ''} inconnu${unknown.length > 1 ? 's' : ''} : ${unknown.map((k) => `« ${k} »`).join(', ')} (attendus : ${MYSTERY_POINT_KEYS.map((k) => `« ${k} »`).join(', ')})`;
      } else if (issue.code === 'invalid_type' && typeof index === 'number' && rest.length === 0) {
        message = 'chaque point doit être un objet avec « id », « label », « kind », « weight » et, au besoin, « target », « unit », « criteria » et « indicator »';
      }
      problems.push({ path: ['points', ...issue.path].join('.'), message: `${where(index)} : ${message}.` });
    }
  } else if (channel) {
    // A delay in days is computed from the send and answer dates, which only a written channel has.
    parsed.data.forEach((point, index) => {
      if ((point.unit === 'days' || point.unit === 'working-days') && !(MYSTERY_WRITTEN_CHANNELS as readonly string[]).includes(channel)) {
        problems.push({
          path: `points.${index}.unit`,
          message: `${where(index)} : un délai en jours se calcule entre l’envoi et la réponse, ce que le canal « ${choiceLabel(channel)} » n’a pas (unité « seconds » ou « minutes »).`,
        });
      }
    });
  }
  if (problems.length || !parsed.success) return { ok: false, message: `Grille de test mystère invalide. ${problems.map((p) => p.message).join(' ')}`, errors: problems };
  return { ok: true, points: parsed.data };
}

function refuse(message: string, details: Detail[]): never {
  throw new errors.ValidationError(message, { errors: details.map((d) => ({ path: d.path.split('.'), message: d.message, name: 'ValidationError' })) });
}

/** The codes among `codes` that no row of `uid` carries. */
async function unknownCodes(strapi: Core.Strapi, uid: string, codes: string[]): Promise<string[]> {
  if (!codes.length) return [];
  const rows = (await strapi.db.query(uid as never).findMany({ select: ['code'], where: { code: { $in: codes } } })) as { code: string }[];
  const known = new Set(rows.map((r) => r.code));
  return [...new Set(codes)].filter((code) => !known.has(code));
}

/** Each point names criteria and an indicator that exist in the référentiels. */
async function checkCodes(strapi: Core.Strapi, points: MysteryPoint[]) {
  const problems: Detail[] = [];
  const missingCriteria = new Set(await unknownCodes(strapi, 'api::criterion.criterion', points.flatMap((p) => p.criteria ?? [])));
  const missingIndicators = new Set(await unknownCodes(strapi, 'api::indicator.indicator', points.flatMap((p) => (p.indicator ? [p.indicator] : []))));
  points.forEach((point, index) => {
    const criteria = (point.criteria ?? []).filter((code) => missingCriteria.has(code));
    if (criteria.length) {
      problems.push({ path: `points.${index}.criteria`, message: `Point ${index + 1} : engagement${criteria.length > 1 ? 's' : ''} inconnu${criteria.length > 1 ? 's' : ''} ${criteria.map((c) => `« ${c} »`).join(', ')} (codes des référentiels, par exemple « QV-15 »).` });
    }
    if (point.indicator && missingIndicators.has(point.indicator)) {
      problems.push({ path: `points.${index}.indicator`, message: `Point ${index + 1} : indicateur inconnu « ${point.indicator} » (codes des référentiels, par exemple « MAR-08-I1 »).` });
    }
  });
  if (problems.length) refuse(`Grille de test mystère invalide. ${problems.map((p) => p.message).join(' ')}`, problems);
}

type Params = { documentId?: string; data?: Record<string, unknown> };

async function checkGridWrite(strapi: Core.Strapi, action: 'create' | 'update', params: Params) {
  const data = params.data ?? {};
  const current =
    action === 'update' && params.documentId
      ? ((await strapi.db.query(MYSTERY_GRID).findOne({ select: ['id', 'channel', 'points'], where: { documentId: params.documentId } })) as { id: number; channel: MysteryChannel; points: unknown } | null)
      : null;
  const channel = ('channel' in data ? data.channel : current?.channel) as MysteryChannel | undefined;
  if (action === 'create' || 'points' in data || 'channel' in data) {
    const checked = checkPoints('points' in data ? data.points : current?.points, channel);
    if (!checked.ok) refuse(checked.message, checked.errors);
    await checkCodes(strapi, checked.points);
  }
  // The tests planned on it are of its channel.
  if (current && 'channel' in data && data.channel !== current.channel) {
    const used = await strapi.db.query('api::mystery-test.mystery-test').count({ where: { grid: { id: current.id } } });
    if (used) refuse(`Cette grille sert déjà à ${used} test${used > 1 ? 's' : ''} : son canal ne change plus.`, [{ path: 'channel', message: 'canal figé' }]);
  }
}

type DocumentMiddleware = Parameters<Core.Strapi['documents']['use']>[0];

/**
 * Mystery grids are checked whatever the door (REST, the admin panel's JSON field, scripts), like
 * config/: a bad grid is refused with a French message that names the point and the field.
 */
export function mysteryGridRules(strapi: Core.Strapi): DocumentMiddleware {
  return async (context, next) => {
    if (context.uid === MYSTERY_GRID && (context.action === 'create' || context.action === 'update')) {
      await checkGridWrite(strapi, context.action, context.params as Params);
    }
    return next();
  };
}
