import type { Core } from '@strapi/strapi';
import { knexExecutor } from '../jobs/job-queue';
import { queueMails, type MailJob } from './mail-queue';
import type { TableRow } from '../db/schema';

/**
 * Mails written by the statement of the write that sends them (one row per write: a workflow
 * transition) and turned into mail jobs a moment later, many rows at a time. A transition is then a
 * single autocommitted statement — no BEGIN, job INSERT, COMMIT of its own: three round trips of
 * five, on the application's busiest write. The row exists if and only if the write happened, and
 * the relay deletes it in the transaction that creates its jobs.
 */
export const OUTBOX_TABLE = 'charte_mail_outbox';

const LOCK_KEY = 742_004; // serialises the install when several instances boot together
const BATCH = 200;

export async function installMailOutbox(strapi: Core.Strapi): Promise<void> {
  await strapi.db.connection.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(?)', [LOCK_KEY]);
    await trx.raw(`create table if not exists ${OUTBOX_TABLE} (id bigserial primary key, mails jsonb not null, created_at timestamptz not null default now())`);
  });
}

/** The outbox row that goes with a transition sending `mails`. */
export const outboxRow = (mails: MailJob[]): TableRow => ({ table: OUTBOX_TABLE, row: { mails: JSON.stringify(mails) } });

/**
 * Moves up to BATCH outbox rows into the mail queue, in one transaction: rows another instance is
 * relaying are skipped (SKIP LOCKED), so that no mail is queued twice. Returns the rows relayed.
 */
async function relayBatch(strapi: Core.Strapi): Promise<number> {
  return strapi.db.connection.transaction(async (trx) => {
    const { rows } = await trx.raw(
      `delete from ${OUTBOX_TABLE} where id in (select id from ${OUTBOX_TABLE} order by id limit ? for update skip locked) returning id, mails`,
      [BATCH],
    );
    const taken = (rows as { id: string; mails: MailJob[] | string }[]).sort((a, b) => Number(a.id) - Number(b.id));
    // Strapi's pg setup leaves jsonb as text.
    const mails = taken.flatMap((r) => (typeof r.mails === 'string' ? (JSON.parse(r.mails) as MailJob[]) : r.mails));
    await queueMails(knexExecutor(trx), mails);
    return taken.length;
  });
}

interface Relay {
  strapi: Core.Strapi;
  timer: NodeJS.Timeout;
  wake: NodeJS.Timeout | undefined;
  running: Promise<void> | undefined;
}

let relay: Relay | undefined;

async function drain(current: Relay): Promise<void> {
  try {
    while ((await relayBatch(current.strapi)) === BATCH);
  } catch (error) {
    current.strapi.log.error(`Courriels en attente d’envoi : mise en file impossible (${(error as Error).message}) ; nouvel essai sous peu.`);
  }
}

function run(current: Relay): void {
  if (current.running) return;
  current.running = drain(current).finally(() => {
    current.running = undefined;
  });
}

// Transitions arriving within this delay share one relay transaction; mails leave at the worker's next poll anyway.
const WAKE_DELAY_MS = Number(process.env.MAIL_OUTBOX_DELAY_MS ?? 100);

/** Called after a transition that wrote an outbox row: relays it shortly, together with the others of the moment. */
export function wakeMailOutbox(): void {
  const current = relay;
  if (!current || current.wake) return;
  current.wake = setTimeout(() => {
    current.wake = undefined;
    run(current);
  }, WAKE_DELAY_MS);
}

/**
 * Relays what is waiting now (rows left by a stopped or crashed instance), then on every wake and
 * every MAIL_OUTBOX_POLL_SECONDS — the rows of another instance that stopped before its relay ran.
 */
export async function startMailOutbox(strapi: Core.Strapi): Promise<void> {
  if (relay) return;
  const seconds = Number(process.env.MAIL_OUTBOX_POLL_SECONDS ?? 5);
  const current: Relay = { strapi, timer: setInterval(() => run(current), seconds * 1000), wake: undefined, running: undefined };
  current.timer.unref();
  relay = current;
  run(current);
  await current.running;
}

/** Stops the relay after a last pass, so that a graceful stop leaves no row behind. */
export async function stopMailOutbox(): Promise<void> {
  const current = relay;
  if (!current) return;
  relay = undefined;
  clearInterval(current.timer);
  clearTimeout(current.wake);
  await current.running;
  await drain(current);
}
