import type pg from 'pg';
import PgBoss from 'pg-boss';
import { startMailCatcher } from '../helpers/mail-catcher';
import { freePort, startCms, type CmsEnvironment, type RunningCms } from './cms-process';
import { summarize, type LatencySummary } from './stats';
import { measureTransitions, type TransitionResult } from './transitions';

// pg-boss's own statement for the next jobs of a queue: what every poll of the mail worker runs.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- not exported by the package's types
const { fetchNextJob } = require('pg-boss/src/plans') as { fetchNextJob(schema: string): (options: { includeMetadata: boolean }) => string };

const MAIL_QUEUE = 'workflow-mail';
const BATCH = 50;
const POLL_SECONDS = 1;

export interface MailBacklogResult {
  pending: number;
  /** pg-boss's fetch of the next batch (rolled back), ms, with no backlog then with it. */
  pollEmpty: LatencySummary;
  pollBacklog: LatencySummary;
  transitionsEmpty: TransitionResult;
  transitionsBacklog: TransitionResult;
  recovery: { seconds: number; received: number; distinct: number; perSecond: number; bound: number; firstAfterMs: number };
}

/** The fetch, timed 30 times, each in a transaction rolled back: the jobs stay where they were. */
async function pollCost(sql: pg.Client): Promise<LatencySummary> {
  const statement = fetchNextJob('pgboss')({ includeMetadata: true });
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    await sql.query('begin');
    const t = process.hrtime.bigint();
    await sql.query(statement, [MAIL_QUEUE, BATCH]);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    await sql.query('rollback');
  }
  return summarize(times);
}

/** `count` mail jobs as the outbox relay queues them, in batches, through pg-boss itself. */
async function queueBacklog(databaseUrl: string, count: number): Promise<void> {
  const boss = new PgBoss({ connectionString: databaseUrl, schema: 'pgboss', supervise: false, schedule: false });
  await boss.start();
  try {
    for (let start = 0; start < count; start += 5000) {
      const jobs = Array.from({ length: Math.min(5000, count - start) }, (_, i) => ({
        name: MAIL_QUEUE,
        data: { to: `attente-${start + i}@bench.local`, subject: '[Charte d’accueil] Une fiche vous attend', text: 'Bonjour,\n\nUne fiche attend votre validation.\n'.repeat(4) },
      }));
      await boss.insert(jobs);
    }
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

/**
 * An SMTP outage of some hours: `pending` mails wait in the queue while the server refuses every
 * connection. How much a poll costs then, whether transitions slow down, and how the backlog leaves
 * once the server is back: at the worker's bounded rate (MAIL_BATCH_SIZE per MAIL_POLL_SECONDS),
 * each mail once.
 */
export async function measureMailBacklog(
  env: CmsEnvironment,
  sql: pg.Client,
  run: { seconds: number; connections: number; rate: number; pending: number; token: (cms: RunningCms) => Promise<string> },
): Promise<MailBacklogResult> {
  const smtpPort = await freePort(); // nothing listens there until the recovery
  const cms = await startCms({
    ...env,
    extra: {
      ...env.extra,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtpPort),
      MAIL_BATCH_SIZE: String(BATCH),
      MAIL_POLL_SECONDS: String(POLL_SECONDS),
      MAIL_PAUSE_SECONDS: '5',
      // A refused mail is tried again much later: the outage's mails stay waiting.
      MAIL_RETRY_DELAY_SECONDS: '3600',
    },
  });
  let catcher: Awaited<ReturnType<typeof startMailCatcher>> | undefined;
  try {
    const token = await run.token(cms);
    const kind = { action: 'submit', from: 'draft', to: 'submitted' };
    const pacedRun = { seconds: run.seconds, connections: run.connections, rate: run.rate, warmUpSeconds: 2 };
    const pollEmpty = await pollCost(sql);
    const transitionsEmpty = await measureTransitions(cms.url, token, sql, kind, pacedRun);

    await queueBacklog(env.databaseUrl, run.pending);
    // An outage fills the queue over hours, with autovacuum and checkpoints spread along: settle the
    // bulk insert's aftermath (vacuum, statistics, dirty pages) before measuring, as the bench does
    // after generating its dataset, so the transitions measure the backlog, not the insert.
    await sql.query('vacuum analyze pgboss.job');
    await sql.query('checkpoint');
    const pending = Number((await sql.query(`select count(*) as n from pgboss.job where name = $1 and state < 'active'`, [MAIL_QUEUE])).rows[0].n);
    const pollBacklog = await pollCost(sql);
    const transitionsBacklog = await measureTransitions(cms.url, token, sql, kind, pacedRun);

    const back = Date.now();
    catcher = await startMailCatcher(smtpPort);
    const caught = catcher;
    // The worker tries one mail every MAIL_PAUSE_SECONDS while the server refuses, then resumes.
    while (!caught.mails.length && Date.now() - back < 30_000) await new Promise((resolve) => setTimeout(resolve, 100));
    const firstAfterMs = Date.now() - back;
    const windowStart = Date.now();
    const before = caught.mails.length;
    await new Promise((resolve) => setTimeout(resolve, run.seconds * 1000));
    const window = caught.mails.slice(before);
    const seconds = (Date.now() - windowStart) / 1000;
    const distinct = new Set(caught.mails.map((m) => m.messageId)).size;
    return {
      pending,
      pollEmpty,
      pollBacklog,
      transitionsEmpty,
      transitionsBacklog,
      recovery: { seconds, received: caught.mails.length, distinct, perSecond: window.length / seconds, bound: BATCH / POLL_SECONDS, firstAfterMs },
    };
  } finally {
    await cms.stop();
    await catcher?.close();
  }
}
