import type { Core } from '@strapi/strapi';
import { tableOf } from '../platform/db/schema';
import { registerScheduledJob } from '../platform/jobs/scheduled-jobs';
import { fill } from '../platform/mail/templates';
import { knexExecutor } from '../platform/jobs/job-queue';
import { queueMails, type MailJob } from '../platform/mail/mail-queue';
import { complaintsConfig } from './complaints-config';
import { complaintReference } from './register';
import { COMPLAINT, complaintsWithDue, serviceColumn } from './sql';
import { addCalendarDays, daysBetween, type IsoDate } from '../platform/calendar/days';
import { townToday } from '../platform/calendar/clock';
import { activeHeadsOf, activeMembersOfRole, type Recipient } from '../access/role-members';

/** Who was reminded on which day: a second run the same day sends nothing more. */
export const REMINDER_LOG_TABLE = 'complaint_reminder_log';
const CREATE_LOCK_KEY = 742_207;

interface Due {
  id: number;
  subject: string;
  kind: string;
  receivedAt: IsoDate;
  due: IsoDate;
  serviceId: number | null;
  serviceName: string | null;
}

const dayOf = (value: unknown): IsoDate =>
  value instanceof Date
    ? `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`
    : String(value).slice(0, 10);

const longDate = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });
const frenchDate = (day: IsoDate) => longDate.format(new Date(`${day}T00:00:00Z`));
const days = (n: number) => `${n} jour${n > 1 ? 's' : ''}`;

async function ensureLogTable(strapi: Core.Strapi): Promise<void> {
  await strapi.db.connection.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(?)', [CREATE_LOCK_KEY]);
    await trx.raw(`create table if not exists ${REMINDER_LOG_TABLE} (day date not null, recipient varchar(255) not null, sent_at timestamptz not null default now(), primary key (day, recipient))`);
  });
}

/** Open complaints overdue or due within the configured days, with their service. */
async function complaintsToRemind(strapi: Core.Strapi, today: IsoDate): Promise<Due[]> {
  const { reminders } = complaintsConfig();
  const knex = strapi.db.connection;
  const oldest = (await knex(tableOf(strapi, COMPLAINT)).whereNull('answered_at').min('received_at as first').first()) as { first: unknown } | undefined;
  if (!oldest?.first) return [];
  const first = dayOf(oldest.first);
  if (first > today) return [];
  const query = complaintsWithDue(strapi, first, today)
    .leftJoin(`${tableOf(strapi, 'api::service.service')} as s`, 's.id', serviceColumn(strapi))
    .whereNull('c.answered_at')
    .where('d.due', '<=', addCalendarDays(today, reminders.daysBeforeDue))
    .select('c.id', 'c.subject', 'c.kind', 'c.received_at', 'd.due', 's.id as service_id', 's.name as service_name')
    .orderBy([{ column: 'd.due' }, { column: 'c.id' }]);
  if (!reminders.overdue) query.where('d.due', '>=', today);
  return (await query).map((r: Record<string, unknown>) => ({
    id: r.id as number,
    subject: r.subject as string,
    kind: r.kind as string,
    receivedAt: dayOf(r.received_at),
    due: dayOf(r.due),
    serviceId: (r.service_id as number | null) ?? null,
    serviceName: (r.service_name as string | null) ?? null,
  }));
}

/** Heads of each service; the référents qualité for complaints not yet assigned to a service. */
async function recipientsByService(strapi: Core.Strapi, serviceIds: number[], unassigned: boolean): Promise<Map<number | null, Recipient[]>> {
  const byService = new Map<number | null, Recipient[]>(await activeHeadsOf(strapi, serviceIds));
  if (unassigned) {
    byService.set(null, await activeMembersOfRole(strapi, 'referent-qualite'));
  }
  return byService;
}

function line(item: Due, today: IsoDate): string {
  const late = daysBetween(item.due, today);
  const when = late > 0 ? `en retard de ${days(late)}` : late === 0 ? 'échéance aujourd’hui' : `échéance dans ${days(-late)}`;
  return `- ${complaintReference(item.id, item.receivedAt)} « ${item.subject} » (${item.serviceName ?? 'service à attribuer'}) — reçue le ${frenchDate(item.receivedAt)}, à traiter au plus tard le ${frenchDate(item.due)} : ${when}`;
}

function registerLink(): string {
  const base = process.env.PUBLIC_URL || `http://localhost:${process.env.PORT ?? 1337}`;
  return `${base.replace(/\/$/, '')}/reclamations`;
}

/** One French mail per recipient listing their complaints overdue, then those due soon. */
export function reminderMail(recipient: Recipient, items: Due[], today: IsoDate): MailJob {
  const { reminders, deadline, accessibilityDeadline } = complaintsConfig();
  const days = (rule: { days: number; counting: string }) => `${rule.days} jours${rule.counting === 'working' ? ' ouvrés' : ''}`;
  const overdue = items.filter((i) => i.due < today);
  const soon = items.filter((i) => i.due >= today);
  const values = {
    recipient: recipient.name,
    count: String(items.length),
    overdue: overdue.length ? `En retard (${overdue.length}) :\n${overdue.map((i) => line(i, today)).join('\n')}` : '',
    dueSoon: soon.length ? `À traiter bientôt (${soon.length}) :\n${soon.map((i) => line(i, today)).join('\n')}` : '',
    // An accessibility request has its own deadline: said only when the mail lists one.
    deadline: items.some((i) => i.kind === 'accessibilite') ? `${days(deadline)} (${days(accessibilityDeadline)} pour une demande d’accessibilité)` : days(deadline),
    link: registerLink(),
  };
  return { to: recipient.email, subject: fill(reminders.subject, values).replace(/\s+/g, ' '), text: `${fill(reminders.body, values)}\n` };
}

/**
 * The daily reminder. Each recipient's mail is queued in the same transaction as the line saying
 * they were reminded today: running the job twice the same day (a retry, a second instance, a
 * manual run) sends nothing twice, and a failed run sends nothing half.
 */
export async function sendComplaintReminders(strapi: Core.Strapi, now: Date): Promise<{ mails: number }> {
  const today = townToday(now);
  await ensureLogTable(strapi);
  const items = await complaintsToRemind(strapi, today);
  if (!items.length) return { mails: 0 };
  const serviceIds = [...new Set(items.map((i) => i.serviceId).filter((id): id is number => id !== null))];
  const recipients = await recipientsByService(strapi, serviceIds, items.some((i) => i.serviceId === null));
  const perRecipient = new Map<string, { recipient: Recipient; items: Due[] }>();
  for (const item of items) {
    for (const recipient of recipients.get(item.serviceId) ?? []) {
      if (!recipient.email) continue;
      const key = recipient.email.toLowerCase();
      const entry = perRecipient.get(key) ?? { recipient, items: [] };
      entry.items.push(item);
      perRecipient.set(key, entry);
    }
  }
  let mails = 0;
  for (const [key, { recipient, items: theirs }] of perRecipient) {
    await strapi.db.connection.transaction(async (trx) => {
      const inserted = await trx(REMINDER_LOG_TABLE).insert({ day: today, recipient: key }).onConflict(['day', 'recipient']).ignore().returning('recipient');
      if (!inserted.length) return;
      await queueMails(knexExecutor(trx), [reminderMail(recipient, theirs, today)]);
      mails += 1;
    });
  }
  if (mails) strapi.log.info(`Rappels des réclamations : ${mails} courriel(s) mis en file pour le ${today}.`);
  return { mails };
}

// Read at load so that a wrong config/complaints.yaml stops boot rather than the first reminder.
complaintsConfig();

registerScheduledJob('complaints-reminders', async (strapi, now) => {
  await sendComplaintReminders(strapi, now);
});
