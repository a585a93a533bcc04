import type { Core } from '@strapi/strapi';
import { choiceLabels } from '../platform/config/labels';
import { registerScheduledJob } from '../platform/jobs/scheduled-jobs';
import { link, tableOf } from '../platform/db/schema';
import { mailSignature } from '../platform/mail/templates';
import { knexExecutor } from '../platform/jobs/job-queue';
import { frontLink } from '../workflow/notifications';
import { queueMails, type MailJob } from '../platform/mail/mail-queue';
import { lateCondition } from './late';
import { townToday } from '../platform/calendar/clock';
import { activeHeadsOf, activeMembersOfRole, type Recipient } from '../access/role-members';
import { personName } from '../platform/people/person-name';

const ACTION = 'api::roadmap-action.roadmap-action';
const USER = 'plugin::users-permissions.user';
/** One row per recipient and week: a second run of the same week (a retry, another instance) sends nothing. */
export const REMINDERS_TABLE = 'charte_roadmap_reminders';

interface LateRow {
  document_id: string;
  title: string;
  owner: string;
  due_date: string;
  status: string;
  progress: number;
  service_id: number | null;
  service_name: string | null;
  owner_email: string | null;
  owner_username: string | null;
  owner_firstname: string | null;
  owner_lastname: string | null;
  owner_blocked: boolean | null;
}

type Person = Recipient;

interface Reminder {
  person: Person;
  owned: LateRow[];
  /** Late actions of a service this person heads, whose owner cannot be reached (no account). */
  relayed: LateRow[];
}

/** ISO 8601 week of a calendar day, e.g. 2026-W47: the key that keeps the reminder weekly. */
export function isoWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday = 0
  date.setUTCDate(date.getUTCDate() - weekday + 3); // the Thursday of that week decides its year
  const year = date.getUTCFullYear();
  const january4 = new Date(Date.UTC(year, 0, 4)); // always in week 1
  const week = 1 + Math.round(((date.getTime() - january4.getTime()) / 86_400_000 - 3 + ((january4.getUTCDay() + 6) % 7)) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

const frenchDay = (day: string) => day.split('-').reverse().join('/');

async function lateActions(strapi: Core.Strapi, today: string): Promise<LateRow[]> {
  const knex = strapi.db.connection;
  const toService = link(strapi, ACTION, 'service');
  const toOwner = link(strapi, ACTION, 'ownerUser');
  return knex(`${tableOf(strapi, ACTION)} as a`)
    .leftJoin(`${toService.table} as las`, `las.${toService.from}`, 'a.id')
    .leftJoin(`${tableOf(strapi, 'api::service.service')} as s`, 's.id', `las.${toService.to}`)
    .leftJoin(`${toOwner.table} as lao`, `lao.${toOwner.from}`, 'a.id')
    .leftJoin(`${tableOf(strapi, USER)} as u`, 'u.id', `lao.${toOwner.to}`)
    .where(lateCondition(knex, 'a', today))
    .orderBy([{ column: 'a.due_date' }, { column: 'a.id' }])
    .select(
      'a.document_id', 'a.title', 'a.owner', 'a.action_status as status', 'a.progress',
      knex.raw(`to_char(a.due_date, 'YYYY-MM-DD') as due_date`),
      's.id as service_id', 's.name as service_name',
      'u.email as owner_email', 'u.username as owner_username', 'u.firstname as owner_firstname', 'u.lastname as owner_lastname', 'u.blocked as owner_blocked',
    );
}

/**
 * Who hears of each late action: its owner when they have an account; otherwise the heads of its
 * service (they know who to remind); with neither, the référents qualité (who run the roadmap).
 */
async function remindersFor(strapi: Core.Strapi, late: LateRow[]): Promise<Reminder[]> {
  const heads = await activeHeadsOf(strapi, [...new Set(late.filter((a) => !a.owner_email || a.owner_blocked).flatMap((a) => (a.service_id ? [a.service_id] : [])))]);
  let referents: Person[] | undefined;
  const byEmail = new Map<string, Reminder>();
  const add = (person: Person, action: LateRow, as: 'owned' | 'relayed') => {
    const key = person.email.toLowerCase();
    let reminder = byEmail.get(key);
    if (!reminder) byEmail.set(key, (reminder = { person, owned: [], relayed: [] }));
    reminder[as].push(action);
  };
  for (const action of late) {
    if (action.owner_email && !action.owner_blocked) {
      add({ email: action.owner_email, name: personName({ firstname: action.owner_firstname, lastname: action.owner_lastname, username: action.owner_username ?? action.owner }) }, action, 'owned');
      continue;
    }
    let relays = action.service_id ? (heads.get(action.service_id) ?? []) : [];
    if (!relays.length) relays = referents ??= await activeMembersOfRole(strapi, 'referent-qualite');
    for (const person of relays) add(person, action, 'relayed');
  }
  return [...byEmail.values()];
}

function line(action: LateRow, labels: Record<string, string>, withOwner: boolean): string {
  const where = action.service_name ? ` (${action.service_name})` : '';
  const who = withOwner ? `, pilote : ${action.owner}` : '';
  return [
    `- ${action.title}${where}`,
    `  échéance le ${frenchDay(action.due_date)}, statut : ${labels[action.status] ?? action.status}, avancement ${action.progress} %${who}`,
    `  ${frontLink('roadmap-actions', action.document_id)}`,
  ].join('\n');
}

export function reminderMail(reminder: Reminder, today: string, labels: Record<string, string>): MailJob {
  const count = reminder.owned.length + reminder.relayed.length;
  const base = (process.env.PUBLIC_URL || `http://localhost:${process.env.PORT ?? 1337}`).replace(/\/$/, '');
  const parts = [`Bonjour ${reminder.person.name},`, `Au ${frenchDay(today)}, ${count === 1 ? 'une action de la feuille de route a dépassé son échéance' : `${count} actions de la feuille de route ont dépassé leur échéance`}.`];
  if (reminder.owned.length) parts.push(`Actions dont vous êtes pilote :\n${reminder.owned.map((a) => line(a, labels, false)).join('\n')}`);
  if (reminder.relayed.length) {
    parts.push(`Actions dont le pilote n’a pas de compte dans l’application (merci de le relancer) :\n${reminder.relayed.map((a) => line(a, labels, true)).join('\n')}`);
  }
  parts.push(
    'Pour chacune, mettez à jour l’avancement, reportez l’échéance ou indiquez que l’action est abandonnée.',
    `Feuille de route : ${base}/feuille-de-route`,
    'Ce rappel est envoyé une fois par semaine tant que des actions restent en retard.',
  );
  return {
    to: reminder.person.email,
    subject: `[Charte d’accueil] Feuille de route : ${count === 1 ? '1 action en retard' : `${count} actions en retard`}`,
    text: `${parts.join('\n\n')}\n\n${mailSignature()}\n`,
  };
}

async function ensureRemindersTable(strapi: Core.Strapi): Promise<void> {
  await strapi.db.connection.raw(`create table if not exists ${REMINDERS_TABLE} (
    week varchar(10) not null,
    email varchar(255) not null,
    actions integer not null,
    sent_at timestamptz not null default now(),
    primary key (week, email)
  )`);
}

/**
 * The weekly job: one mail per person with late actions. Each mail is queued in the same
 * transaction that records (week, recipient), so a second run that week — a pg-boss retry after a
 * crash, a manual run — finds the row and queues nothing; the mail queue then retries delivery.
 */
export async function sendLateActionReminders(strapi: Core.Strapi, now: Date): Promise<{ week: string; queued: number; skipped: number }> {
  const today = townToday(now);
  const week = isoWeek(today);
  await ensureRemindersTable(strapi);
  const labels = choiceLabels();
  let queued = 0;
  let skipped = 0;
  for (const reminder of await remindersFor(strapi, await lateActions(strapi, today))) {
    const mail = reminderMail(reminder, today, labels);
    await strapi.db.connection.transaction(async (trx) => {
      const inserted = await trx(REMINDERS_TABLE)
        .insert({ week, email: reminder.person.email.toLowerCase(), actions: reminder.owned.length + reminder.relayed.length })
        .onConflict(['week', 'email'])
        .ignore()
        .returning('email');
      if (!inserted.length) {
        skipped += 1;
        return;
      }
      await queueMails(knexExecutor(trx), [mail]);
      queued += 1;
    });
  }
  strapi.log.info(`Feuille de route, semaine ${week} : ${queued} rappel(s) d’actions en retard mis en file, ${skipped} déjà envoyé(s).`);
  return { week, queued, skipped };
}

registerScheduledJob('roadmap-late-actions', async (strapi, now) => {
  await sendLateActionReminders(strapi, now);
});
