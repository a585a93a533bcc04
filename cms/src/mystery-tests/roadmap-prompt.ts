import type { Core } from '@strapi/strapi';
import { choiceLabel } from '../platform/config/labels';
import { formatDay } from '../platform/calendar/clock';
import { link, tableOf } from '../platform/db/schema';
import { finalTarget, whereRef } from '../platform/input/relation-value';
import type { Outcome } from './outcomes';
import { MYSTERY_TEST } from './test-rules';
import { failOnField } from '../platform/input/field-error';

const ACTION = 'api::roadmap-action.roadmap-action';
type Data = Record<string, unknown>;

interface PromptTest {
  id: number;
  documentId: string;
  channel: string;
  testedAt: string | null;
  workflowState: string;
  outcomes: Record<string, Outcome> | string | null;
  service: { id: number; name: string } | null;
}

/** The action's service as the write leaves it (an id, a documentId, or the current one). */
async function serviceIdOf(strapi: Core.Strapi, data: Data, current: Data | null): Promise<number | null> {
  const target = finalTarget(data, current, 'service');
  if (!target) return null;
  if ('id' in target) return target.id;
  return ((await strapi.db.query('api::service.service').findOne({ select: ['id'], where: whereRef(target) })) as { id: number } | null)?.id ?? null;
}

/**
 * A roadmap action prompted by a failed point of a mystery test (« un point échoué devient une
 * action »), checked on every write whatever the door: the test is validated (before that, the
 * service may not know of it), of the action's service, and the point is one it failed; one action
 * per test and point. On creation the action takes, when the writer left them empty, a title, the
 * first engagement of the point (its criteria, in the grid's order) and a description saying what
 * was observed — internal, not the public « Ce que vous nous avez dit »: a mystery test is not what
 * a user said, and the programme's tests are not published.
 */
export async function mysteryPromptRule(strapi: Core.Strapi, data: Data, current: Data | null): Promise<void> {
  const ref = finalTarget(data, current, 'promptMysteryTest');
  const point = ('promptPoint' in data ? data.promptPoint : current?.promptPoint) as unknown;
  if (!ref) {
    if (point !== null && point !== undefined && point !== '') failOnField('Choisissez le test mystère dont le point a motivé l’action.', 'promptMysteryTest');
    return;
  }
  const test = (await strapi.db.query(MYSTERY_TEST).findOne({
    select: ['id', 'documentId', 'channel', 'testedAt', 'workflowState', 'outcomes'],
    where: whereRef(ref),
    populate: { service: { select: ['id', 'name'] } },
  })) as PromptTest | null;
  // A test not yet validated answers like one that does not exist: the service may not learn of it.
  if (!test || test.workflowState !== 'validated') failOnField('Ce test mystère n’existe pas ou son résultat n’est pas encore validé.', 'promptMysteryTest');
  if (typeof point !== 'string' || !point) failOnField('Choisissez le point d’observation échoué qui motive l’action.', 'promptPoint');
  const outcomes = (typeof test.outcomes === 'string' ? JSON.parse(test.outcomes) : (test.outcomes ?? {})) as Record<string, Outcome>;
  const outcome = Object.hasOwn(outcomes, point) ? outcomes[point] : undefined;
  if (!outcome) failOnField(`Le point « ${point.slice(0, 40)} » ne fait pas partie de la grille de ce test.`, 'promptPoint');
  if (outcome.success !== false) {
    failOnField(`« ${outcome.label} » n’a pas échoué lors de ce test${outcome.success === null ? ' (point sans réponse, ou texte libre)' : ''} : seul un point échoué motive une action.`, 'promptPoint');
  }
  const serviceId = await serviceIdOf(strapi, data, current);
  if (test.service && serviceId !== test.service.id) failOnField(`Ce test mystère porte sur le service « ${test.service.name} » : l’action doit être de ce service.`, 'service');

  const changes = !current || 'promptMysteryTest' in data || 'promptPoint' in data;
  if (changes) {
    const toTest = link(strapi, ACTION, 'promptMysteryTest');
    const other = await strapi.db
      .connection(`${tableOf(strapi, ACTION)} as a`)
      .join(`${toTest.table} as at`, `at.${toTest.from}`, 'a.id')
      .where(`at.${toTest.to}`, test.id)
      .where('a.prompt_point', point)
      .modify((q) => {
        if (current?.id) q.whereNot('a.id', current.id as number);
      })
      .first('a.title');
    if (other) failOnField(`Une action existe déjà pour ce point de ce test : « ${other.title} ».`, 'promptPoint');
  }

  if (current) return;
  const when = test.testedAt ? ` du ${formatDay(String(test.testedAt).slice(0, 10))}` : '';
  const channel = choiceLabel(test.channel).toLowerCase();
  if (!data.title) data.title = `Test mystère : ${outcome.label}`.slice(0, 200);
  if (!data.description) {
    const unit = outcome.unit ? ` ${choiceLabel(outcome.unit).toLowerCase()}` : '';
    const observed = outcome.value !== null && typeof outcome.value !== 'boolean' ? ` (observé : ${outcome.value}${unit}${outcome.target !== null ? `, cible : ${outcome.target}${unit}` : ''})` : '';
    data.description = `Lors du test mystère${when} (${channel}), ce point n’a pas été satisfait : « ${outcome.label} »${observed}.`;
  }
  if (data.criterion === undefined && outcome.criteria.length) {
    const criteria = (await strapi.db.query('api::criterion.criterion').findMany({ select: ['id', 'code'], where: { code: { $in: outcome.criteria } } })) as { id: number; code: string }[];
    const first = outcome.criteria.map((code) => criteria.find((c) => c.code === code)).find(Boolean);
    if (first) data.criterion = first.id;
  }
}
