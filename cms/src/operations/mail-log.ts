import { MAIL_STATES, type MailCounts, type MailEntry, type MailPage, type MailState, type MailStatus } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import { HttpError } from '../platform/http/http-error';
import { MAIL_QUEUE, SENT_TABLE } from '../platform/mail/mail-queue';
import { positiveQueryNumber, queryText } from '../platform/input/query-values';

/**
 * The mails as a person follows them (the panel's « Courriels », the staff's banner), read from
 * pg-boss's own tables: a mail is a job of the queue `workflow-mail`, its state is the job's.
 * pg-boss moves a finished job (sent, or failed for good) to `pgboss.archive` 12 hours after it
 * finished, and deletes it from there after 7 days: both tables are read, a failed mail stays
 * visible (and can be retried) until then.
 */

/** pg-boss's defaults (deleteAfterDays), which job-queue.ts does not change. */
export const KEPT_DAYS = 7;

const JOB_STATES: Record<MailState, string[]> = {
  pending: ['created', 'retry', 'active'],
  sent: ['completed'],
  failed: ['failed'],
};

/**
 * Every mail job, live or archived; an archived copy of a job still live is skipped (pg-boss never
 * leaves one, a retry below moves it back, but two rows for one mail would count it twice).
 */
const MAILS = `
  select id, state::text as state, data, retry_count, output, created_on, started_on, start_after, completed_on
    from pgboss.job where name = ?
  union all
  select a.id, a.state::text, a.data, a.retry_count, a.output, a.created_on, a.started_on, a.start_after, a.completed_on
    from pgboss.archive a
   where a.name = ? and not exists (select 1 from pgboss.job j where j.name = a.name and j.id = a.id)`;
const MAILS_BINDINGS = [MAIL_QUEUE, MAIL_QUEUE];

const inList = (states: string[]) => states.map((s) => `'${s}'`).join(', ');
const COUNTS = `
  count(*) filter (where state in (${inList(JOB_STATES.pending)}))::int as pending,
  count(*) filter (where state in (${inList(JOB_STATES.sent)}))::int as sent,
  count(*) filter (where state in (${inList(JOB_STATES.failed)}))::int as failed`;

const ORDER: Record<MailState, string> = {
  // The oldest first: what has waited longest is what someone must look at.
  pending: 'created_on asc, id asc',
  sent: 'completed_on desc nulls last, id desc',
  failed: 'completed_on desc nulls last, id desc',
};

const PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 100;


function stateOf(value: unknown): MailState {
  const raw = queryText(value);
  if (raw === undefined) return 'failed';
  if (!(MAIL_STATES as readonly string[]).includes(raw)) throw new HttpError(400, `État de courriel inconnu : « ${raw.slice(0, 40)} » (attendu : pending, sent ou failed).`);
  return raw as MailState;
}

const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null);
const categoryOf = (jobState: string): MailState => (Object.keys(JOB_STATES) as MailState[]).find((s) => JOB_STATES[s].includes(jobState)) ?? 'pending';

interface MailRow {
  id: string;
  state: string;
  to: string | null;
  subject: string | null;
  attempts: number;
  last_error: string | null;
  created_on: Date;
  started_on: Date | null;
  start_after: Date | null;
  completed_on: Date | null;
}

/** One state's mails, a page of them, and how many mails each state holds: all of it computed by PostgreSQL. */
export async function listMails(strapi: Core.Strapi, query: Record<string, unknown>): Promise<MailPage> {
  const state = stateOf(query.state);
  const page = positiveQueryNumber(query.page, 'page', 1, 100_000);
  const pageSize = positiveQueryNumber(query.pageSize, 'pageSize', PAGE_SIZE, MAX_PAGE_SIZE);
  const knex = strapi.db.connection;
  const [countRows, listRows] = await Promise.all([
    knex.raw(`with mails as (${MAILS}) select ${COUNTS} from mails`, MAILS_BINDINGS),
    knex.raw(
      // pg-boss counts a retry when it takes the job again (retry_count), the first attempt once it started.
      `with mails as (${MAILS})
       select id::text, state, data->>'to' as "to", data->>'subject' as subject,
              retry_count + (started_on is not null)::int as attempts,
              coalesce(output->>'message', output->'value'->>'message', output::text) as last_error,
              created_on, started_on, start_after, completed_on
         from mails
        where state = any(?)
        order by ${ORDER[state]}
        limit ? offset ?`,
      [...MAILS_BINDINGS, JOB_STATES[state], pageSize, (page - 1) * pageSize],
    ),
  ]);
  const counts = countRows.rows[0] as MailCounts;
  const data: MailEntry[] = (listRows.rows as MailRow[]).map((r) => ({
    id: r.id,
    state: categoryOf(r.state),
    jobState: r.state,
    to: r.to ?? '',
    subject: r.subject ?? '',
    attempts: Number(r.attempts),
    // A sent mail's job keeps no error; a waiting one may keep the last attempt's.
    lastError: r.state === 'completed' ? null : r.last_error,
    createdAt: iso(r.created_on)!,
    lastAttemptAt: iso(r.started_on),
    nextAttemptAt: r.state === 'retry' ? iso(r.start_after) : null,
    completedAt: r.state === 'completed' || r.state === 'failed' ? iso(r.completed_on) : null,
  }));
  const total = counts[state];
  return { data, meta: { state, counts, pagination: { page, pageSize, total, pageCount: Math.ceil(total / pageSize) }, keptDays: KEPT_DAYS } };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The body of a retry: `{ id }`, the job's uuid, and nothing else. */
export function retryTarget(body: unknown): string {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'Corps de requête attendu : { id } (l’identifiant du courriel).');
  const extra = Object.keys(body).filter((key) => key !== 'id');
  if (extra.length) throw new HttpError(400, `Champ inconnu : « ${extra[0].slice(0, 40)} » (seul « id » est attendu).`);
  const { id } = body as { id?: unknown };
  if (typeof id !== 'string' || !UUID.test(id)) throw new HttpError(400, 'L’identifiant du courriel est invalide (un identifiant de travail pg-boss est attendu).');
  return id.toLowerCase();
}

const JOB_COLUMNS =
  'id, name, priority, data, state, retry_limit, retry_count, retry_delay, retry_backoff, start_after, started_on, singleton_key, singleton_on, expire_in, created_on, completed_on, keep_until, dead_letter, policy, output';

/**
 * « Réessayer »: a failed mail is given one more attempt, at once. Not pg-boss's `retry()`: it
 * reaches only live jobs (a failed mail is archived 12 hours after it failed), and it keeps the
 * job's old `completed_on` and `keep_until`, by which its next maintenance would archive the
 * retried job again before it runs. One statement: the archive's copy moves back to the live table,
 * or the live job changes state; either only if the mail is still failed, so two people retrying
 * together queue it once and the second gets a 409.
 */
export async function retryMail(strapi: Core.Strapi, body: unknown): Promise<{ id: string; state: 'pending' }> {
  const id = retryTarget(body);
  const knex = strapi.db.connection;
  const requeued = await knex.raw(
    `with revived as (
       delete from pgboss.archive where name = ? and id = ?::uuid and state = 'failed' returning *
     ), restored as (
       insert into pgboss.job (${JOB_COLUMNS})
       select id, name, priority, data, 'retry'::pgboss.job_state, retry_limit + 1, retry_count, retry_delay, retry_backoff, now(),
              started_on, singleton_key, singleton_on, expire_in, created_on, null, greatest(keep_until, now() + interval '1 day'),
              dead_letter, policy, output
         from revived
       on conflict do nothing
       returning id
     ), live as (
       update pgboss.job
          set state = 'retry', retry_limit = retry_limit + 1, start_after = now(), completed_on = null,
              keep_until = greatest(keep_until, now() + interval '1 day')
        where name = ? and id = ?::uuid and state = 'failed'
       returning id
     )
     select id from restored union all select id from live`,
    [MAIL_QUEUE, id, MAIL_QUEUE, id],
  );
  if (requeued.rows.length) return { id, state: 'pending' };
  const found = await knex.raw(`with mails as (${MAILS}) select state from mails where id = ?::uuid limit 1`, [...MAILS_BINDINGS, id]);
  const current = found.rows[0] as { state: string } | undefined;
  if (!current) throw new HttpError(404, `Ce courriel est introuvable : un courriel envoyé ou abandonné est effacé au bout de ${KEPT_DAYS} jours.`);
  const now = categoryOf(current.state);
  throw new HttpError(
    409,
    now === 'sent'
      ? 'Ce courriel n’est plus en échec : il est parti entre-temps. Actualisez la liste.'
      : 'Ce courriel n’est plus en échec : il a déjà été renvoyé et attend son envoi. Actualisez la liste.',
    { state: now },
  );
}

/** MAIL_ALERT_MINUTES: how long mails may fail, with none sent meanwhile, before the banner says so (30 by default). */
export function alertAfterMinutes(): number {
  const value = Number(process.env.MAIL_ALERT_MINUTES ?? 30);
  return Number.isFinite(value) && value >= 0 ? value : 30;
}

/**
 * Have mails stopped leaving? A mail is failing when its last attempt failed after the last mail
 * the SMTP server accepted: a recipient refused while the others of the batch left is not an outage.
 * They have been failing since the oldest of these was written, or since the last mail sent if that
 * is later (the outage began after it). Counts only: who reads this is not told to whom, nor what.
 */
export async function mailStatus(strapi: Core.Strapi): Promise<MailStatus> {
  const minutes = alertAfterMinutes();
  const { rows } = await strapi.db.connection.raw(
    `with last_sent as (select coalesce(max(sent_at), '-infinity'::timestamptz) as at from ${SENT_TABLE}),
          mails as (${MAILS}),
          failing as (select count(*)::int as n, min(created_on) as oldest
                        from mails, last_sent where state in ('retry', 'failed') and started_on > last_sent.at),
          since as (select case when failing.n > 0 then greatest(failing.oldest, last_sent.at) end as at from failing, last_sent),
          totals as (select ${COUNTS} from mails)
     select failing.n as failing, since.at as since,
            floor(extract(epoch from now() - since.at) / 60)::int as failing_minutes,
            coalesce(since.at <= now() - ? * interval '1 minute', false) as alert,
            totals.pending, totals.failed
       from failing, since, totals`,
    [...MAILS_BINDINGS, minutes],
  );
  const row = rows[0] as { failing: number; since: Date | null; failing_minutes: number | null; alert: boolean; pending: number; failed: number };
  return {
    alert: row.alert,
    failingSince: iso(row.since),
    failingForMinutes: row.failing_minutes === null ? null : Math.max(0, row.failing_minutes),
    failing: row.failing,
    pending: row.pending,
    failed: row.failed,
    alertAfterMinutes: minutes,
  };
}
