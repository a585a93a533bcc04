import type { Core } from '@strapi/strapi';
import type pg from 'pg';
import { eventually } from './eventually';

/** One SQL query with `?` placeholders, on whichever connection the test holds. */
export type Sql = (text: string, values?: unknown[]) => Promise<Record<string, any>[]>;

/** Queries on the in-process cms's own pool. */
export const sqlOf =
  (app: Core.Strapi): Sql =>
  async (text, values = []) =>
    (await app.db.connection.raw(text, values as never[])).rows;

/** Queries on a plain client (a cms running in its own process). */
export const sqlOfClient =
  (client: pg.Client): Sql =>
  async (text, values = []) => {
    let n = 0;
    return (await client.query(text.replace(/\?/g, () => `$${(n += 1)}`), values)).rows;
  };

const likePattern = (fragment: string) => `%${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The mails not sent yet (cms/src/platform/mail/outbox.ts, mail-queue.ts): rows of the outbox, and
 * mail jobs not done (created, waiting for a retry, or being sent). With `containing`, only those whose
 * content holds that fragment (a document id, a few words of a subject).
 */
export async function pendingMails(sql: Sql, containing?: string): Promise<{ outbox: number; jobs: number }> {
  const filter = containing === undefined ? [] : [likePattern(containing)];
  const [row] = await sql(
    `select (select count(*) from charte_mail_outbox ${filter.length ? 'where mails::text like ?' : ''})::int as outbox,
            (select count(*) from pgboss.job where name = 'workflow-mail' and state in ('created', 'retry', 'active')
                ${filter.length ? 'and data::text like ?' : ''})::int as jobs`,
    [...filter, ...filter],
  );
  return { outbox: row.outbox, jobs: row.jobs };
}

/**
 * Waits until every mail queued so far (of those `containing` the fragment) has left: nothing in the
 * outbox, no job left to run. A job is completed only once the SMTP server has accepted its mail, so
 * what a catcher holds then is final: a second copy of any of them could only come from a job still
 * pending, and there is none. This is what a « no double mail » check counts after — not a pause.
 */
export function untilMailsSent(sql: Sql, containing?: string, timeoutMs = 60_000) {
  return eventually(
    `les courriels en attente d’envoi${containing === undefined ? '' : ` contenant « ${containing} »`} (boîte d’envoi, travaux)`,
    () => pendingMails(sql, containing),
    (pending) => pending.outbox === 0 && pending.jobs === 0,
    { timeoutMs, intervalMs: 100 },
  );
}

/** The mail jobs holding `fragment` in their content, with their state (pgboss.job). */
export const mailJobs = (sql: Sql, fragment: string) =>
  sql(`select id::text, state, data->>'to' as "to" from pgboss.job where name = 'workflow-mail' and data::text like ?`, [likePattern(fragment)]) as Promise<
    { id: string; state: string; to: string }[]
  >;
