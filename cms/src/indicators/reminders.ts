import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { link, tableOf } from '../platform/db/schema';
import { registerScheduledJob } from '../platform/jobs/scheduled-jobs';
import { mailSignature } from '../platform/mail/templates';
import { knexExecutor } from '../platform/jobs/job-queue';
import { queueMails, type MailJob } from '../platform/mail/mail-queue';
import { MEASURE } from './measure-rules';
import { duePeriod, periodLabel, type Frequency } from '../platform/calendar/periods';
import { listIndicators } from './report';
import { activeHeadsOf } from '../access/role-members';

/** One row per (indicator, service, period) already reminded: a second run of the job finds them and sends nothing. */
export const REMINDERS_TABLE = 'charte_measure_reminders';
const TABLE_LOCK = 0x72656d69; // "remi"

async function ensureTable(knex: Knex): Promise<void> {
  await knex.transaction(async (trx) => {
    // Two instances creating the table at once would collide on PostgreSQL's catalog.
    await trx.raw('select pg_advisory_xact_lock(?)', [TABLE_LOCK]);
    await trx.raw(`create table if not exists ?? (
      indicator_id integer not null,
      service_id integer not null,
      period date not null,
      reminded_at timestamptz not null default now(),
      primary key (indicator_id, service_id, period))`, [REMINDERS_TABLE]);
  });
}

interface Missing {
  indicator_id: number;
  service_id: number;
  period: string;
}

/**
 * Records, and returns, the measures due and still missing that were never reminded: for each
 * indicator its last ended period (duePeriod), for each service the indicator applies to (its
 * criterion's applicable services, all when none) and that has a head to tell. A measure counts
 * as entered once submitted; a draft is still missing.
 */
async function claimMissing(strapi: Core.Strapi, trx: Knex.Transaction, due: { id: number; period: string }[]): Promise<Missing[]> {
  const toCriterion = link(strapi, 'api::indicator.indicator', 'criterion');
  const applicable = link(strapi, 'api::criterion.criterion', 'applicableServices');
  const heads = link(strapi, 'api::service.service', 'heads');
  const toIndicator = link(strapi, MEASURE, 'indicator');
  const toService = link(strapi, MEASURE, 'service');
  const values = due.map(() => '(?::integer, ?::date)').join(', ');
  const result = await trx.raw(
    `insert into ?? (indicator_id, service_id, period)
     select d.indicator_id, s.id, d.period
     from (values ${values}) as d(indicator_id, period)
     cross join ?? s
     left join ?? ic on ic.?? = d.indicator_id
     where (ic.?? is null
            or not exists (select 1 from ?? a where a.?? = ic.??)
            or exists (select 1 from ?? a where a.?? = ic.?? and a.?? = s.id))
       and exists (select 1 from ?? h where h.?? = s.id)
       and not exists (
         select 1 from ?? m
         join ?? mi on mi.?? = m.id
         join ?? ms on ms.?? = m.id
         where mi.?? = d.indicator_id and ms.?? = s.id and m.period = d.period and m.workflow_state <> 'draft')
     on conflict do nothing
     returning indicator_id, service_id, to_char(period, 'YYYY-MM-DD') as period`,
    [
      REMINDERS_TABLE,
      ...due.flatMap((d) => [d.id, d.period]),
      tableOf(strapi, 'api::service.service'),
      toCriterion.table, toCriterion.from,
      toCriterion.to,
      applicable.table, applicable.from, toCriterion.to,
      applicable.table, applicable.from, toCriterion.to, applicable.to,
      heads.table, heads.from,
      tableOf(strapi, MEASURE),
      toIndicator.table, toIndicator.from,
      toService.table, toService.from,
      toIndicator.to, toService.to,
    ],
  );
  return result.rows as Missing[];
}

function reminderLink(): string {
  const base = process.env.PUBLIC_URL || `http://localhost:${process.env.PORT ?? 1337}`;
  return `${base.replace(/\/$/, '')}/indicateurs`;
}

/**
 * The monthly reminder: each service head receives, in French, the list of their service's
 * indicators whose measure for the due period is missing. Claiming the rows and queuing the mails
 * happen in one transaction: the mails exist if and only if the reminder is recorded, so a second
 * run (or a second instance) sends nothing more.
 */
export async function sendMeasureReminders(strapi: Core.Strapi, now: Date): Promise<number> {
  const knex = strapi.db.connection;
  await ensureTable(knex);
  const indicators = await listIndicators(strapi);
  if (!indicators.length) return 0;
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const due = indicators.map((i) => ({ id: i.id, period: duePeriod(now, i.frequency) }));

  return knex.transaction(async (trx) => {
    const missing = await claimMissing(strapi, trx, due);
    if (!missing.length) return 0;
    const serviceIds = [...new Set(missing.map((m) => m.service_id))];
    const names = new Map<number, string>(
      (await trx(tableOf(strapi, 'api::service.service')).whereIn('id', serviceIds).select('id', 'name')).map((s: { id: number; name: string }) => [s.id, s.name]),
    );
    const people = [...(await activeHeadsOf(strapi, serviceIds, trx))].flatMap(([serviceId, heads]) =>
      heads.map((head) => ({ ...head, service_id: serviceId, service: names.get(serviceId) ?? '' })),
    );
    const signature = mailSignature();
    const mails: MailJob[] = people.map((person) => {
      const lines = missing
        .filter((m) => m.service_id === person.service_id)
        .map((m) => byId.get(m.indicator_id)!)
        .sort((a, b) => a.code.localeCompare(b.code, 'fr'))
        .map((i) => `- ${i.code} — ${i.name} : ${periodLabel(due.find((d) => d.id === i.id)!.period, i.frequency as Frequency)}`);
      return {
        to: person.email,
        subject: `[Charte d’accueil] Mesures à saisir : ${person.service}`,
        text: [
          `Bonjour ${person.name},`,
          '',
          `Les mesures suivantes du service « ${person.service} » ne sont pas encore saisies (ou pas encore soumises) :`,
          '',
          ...lines,
          '',
          `Saisissez-les dans la page « Indicateurs » : ${reminderLink()}`,
          '',
          signature,
          '',
        ].join('\n'),
      };
    });
    await queueMails(knexExecutor(trx), mails);
    strapi.log.info(`Rappel des mesures : ${missing.length} mesure(s) manquante(s), ${mails.length} courriel(s).`);
    return mails.length;
  });
}

registerScheduledJob('measures-reminders', async (strapi, now) => {
  await sendMeasureReminders(strapi, now);
});
