import type { Core } from '@strapi/strapi';
import { countPairs } from '../campaigns/build-plan';
import { nameTaken, type CampaignRequest } from '../campaigns/campaign-request';
import { recordBuild } from '../campaigns/start-build';
import { link, tableOf } from '../platform/db/schema';
import { registerScheduledJob } from '../platform/jobs/scheduled-jobs';
import { recurringRules, type RecurringRule } from './recurring-config';
import { townToday } from '../platform/calendar/clock';

const CAMPAIGN = 'api::campaign.campaign';

export type RuleOutcome =
  | { rule: string; outcome: 'created'; campaign: string; startDate: string }
  | { rule: string; outcome: 'exists'; campaign: string }
  | { rule: string; outcome: 'not-due'; dueOn: string }
  | { rule: string; outcome: 'no-template' | 'unknown-referential' };

const DAY_MS = 86_400_000;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  // The 31st plus one month is the last day of the next month, not the 1st of the one after.
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return isoDay(Date.UTC(y, m - 1 + months, Math.min(d, last)));
}

/** The last campaign of this référentiel and kind, with its services: what the next one repeats. */
async function lastCampaign(strapi: Core.Strapi, referentialId: number, kind: string) {
  const knex = strapi.db.connection;
  const toReferential = link(strapi, CAMPAIGN, 'referential');
  const toServices = link(strapi, CAMPAIGN, 'services');
  const last = await knex(`${tableOf(strapi, CAMPAIGN)} as c`)
    .join(`${toReferential.table} as cr`, `cr.${toReferential.from}`, 'c.id')
    .where(`cr.${toReferential.to}`, referentialId)
    .where('c.kind', kind)
    .whereNotNull('c.start_date')
    .orderBy([
      { column: 'c.start_date', order: 'desc' },
      { column: 'c.id', order: 'desc' },
    ])
    .first('c.id', 'c.name', knex.raw(`to_char(c.start_date, 'YYYY-MM-DD') as start_date`));
  if (!last) return null;
  const services: { id: number; document_id: string }[] = await knex(`${toServices.table} as cs`)
    .join(`${tableOf(strapi, 'api::service.service')} as s`, 's.id', `cs.${toServices.to}`)
    .where(`cs.${toServices.from}`, last.id)
    .orderBy('s.id')
    .select('s.id', 's.document_id');
  return { name: last.name as string, startDate: last.start_date as string, services };
}

/**
 * One rule at `now`: when `everyMonths` have passed since the last campaign's start and the next
 * one does not exist yet, builds it with the campaign builder (same services, pre-filled if the
 * rule says so). Late ticks do not back-fill: a campaign due in the past starts today.
 * Idempotent: the builder takes the référentiel's advisory lock and re-checks the name inside its
 * transaction, so two runs (or two instances) at once create one campaign.
 */
export async function applyRule(strapi: Core.Strapi, rule: RecurringRule, now: Date): Promise<RuleOutcome> {
  const label = `${rule.referential} / ${rule.kind}`;
  const referential = await strapi.db.connection(tableOf(strapi, 'api::referential.referential')).where('code', rule.referential).first('id', 'document_id');
  if (!referential) return { rule: label, outcome: 'unknown-referential' };
  const last = await lastCampaign(strapi, referential.id, rule.kind);
  if (!last || !last.services.length) return { rule: label, outcome: 'no-template' };

  const dueOn = addMonths(last.startDate, rule.everyMonths);
  // A campaign due on the 1st is due from midnight in the town.
  const today = townToday(now);
  if (today < dueOn) return { rule: label, outcome: 'not-due', dueOn };

  const startDate = dueOn > today ? dueOn : today;
  const name = rule.name.replaceAll('{année}', startDate.slice(0, 4));
  if (await nameTaken(strapi, referential.id, name)) return { rule: label, outcome: 'exists', campaign: name };

  const request: CampaignRequest = {
    referentialId: referential.id,
    referentialDocumentId: referential.document_id,
    name,
    kind: rule.kind,
    startDate,
    endDate: isoDay(Date.parse(`${startDate}T00:00:00Z`) + (rule.durationDays - 1) * DAY_MS),
    serviceIds: last.services.map((s) => s.id),
    serviceDocumentIds: last.services.map((s) => s.document_id),
    prefill: rule.prefill,
  };
  const total = await countPairs(strapi, request.referentialId, request.serviceIds);
  const result = await (await recordBuild(strapi, request, null, total)).run();
  if (result.state === 'done') return { rule: label, outcome: 'created', campaign: name, startDate };
  // Another run got there first between our check and the builder's lock: that is the one campaign.
  if (await nameTaken(strapi, referential.id, name)) return { rule: label, outcome: 'exists', campaign: name };
  throw new Error(`Campagne récurrente « ${name} » non créée : ${result.message}`);
}

/** Every enabled rule of config/recurring-campaigns.yaml, one after the other. */
export async function runRecurringCampaigns(strapi: Core.Strapi, now: Date, rules = recurringRules()): Promise<RuleOutcome[]> {
  const outcomes: RuleOutcome[] = [];
  for (const rule of rules.filter((r) => r.enabled)) {
    const outcome = await applyRule(strapi, rule, now);
    if (outcome.outcome === 'created') strapi.log.info(`Campagne récurrente créée : « ${outcome.campaign} » (début le ${outcome.startDate}).`);
    if (outcome.outcome === 'unknown-referential') strapi.log.warn(`config/recurring-campaigns.yaml : aucun référentiel de code « ${rule.referential} ».`);
    outcomes.push(outcome);
  }
  return outcomes;
}

registerScheduledJob('recurring-campaigns', async (strapi, now) => {
  await runRecurringCampaigns(strapi, now);
});
