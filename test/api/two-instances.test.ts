import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import YAML from 'yaml';
import { call, loginTo, startCmsProcess, type Answer, type CmsProcess } from '../helpers/cms-process';
import { copyOfTemplate } from '../helpers/database-copy';
import { eventually } from '../helpers/eventually';
import { startMailCatcher, type CaughtMail } from '../helpers/mail-catcher';
import { sqlOfClient, untilMailsSent } from '../helpers/mail-queue';
import { startRoundRobinProxy } from '../helpers/round-robin-proxy';
import { DEMO_PASSWORD } from '../helpers/demo-accounts';

/**
 * Two cms instances on one PostgreSQL behind a round-robin proxy, as in a horizontally scaled
 * deployment (docs/operations.md, « Plusieurs instances »). Under a storm of conflicting
 * transitions sent through the proxy: no double transition, every mail sent once although both
 * instances run mail workers, and a cron declared on both instances runs once per tick.
 */

const DOCUMENTS = 40;
const TICK_QUEUE = 'charte-test-tick';
const config = (file: string) => YAML.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'config', file), 'utf8'), { merge: true });

// Who `notify` designates for the documents of this test (service « accueil-etat-civil » of the demo town).
const PEOPLE: Record<string, string[]> = {
  'service-heads': ['chef.accueil@demo.local'],
  dgs: ['dgs@demo.local'],
  'referent-qualite': ['qualite@demo.local'],
  author: ['agent.accueil@demo.local'],
};
const EMAIL_OF: Record<string, string> = { 'agent.accueil': 'agent.accueil@demo.local', qualite: 'qualite@demo.local', 'chef.accueil': 'chef.accueil@demo.local' };

let database: Awaited<ReturnType<typeof copyOfTemplate>>;
let catcher: Awaited<ReturnType<typeof startMailCatcher>>;
let proxy: Awaited<ReturnType<typeof startRoundRobinProxy>>;
let db: pg.Client;
let nudger: NodeJS.Timeout | undefined;
const instances: CmsProcess[] = [];
const jwt: Record<string, string> = {};
let documentIds: string[] = [];


const viaProxy = (method: string, route: string, who?: string, body?: unknown) => call(proxy.url, method, route, who ? jwt[who] : undefined, body);
const transition = (documentId: string, who: string, body: { action: string; comment?: string }) =>
  viaProxy('POST', `/api/workflow/evaluations/${documentId}/transitions`, who, body);

const login = (base: string, email: string) => loginTo(base, email, DEMO_PASSWORD);

beforeAll(async () => {
  database = await copyOfTemplate(process.env.TEST_TEMPLATE_URL!);
  db = new pg.Client({ connectionString: database.url });
  await db.connect();
  catcher = await startMailCatcher();
  proxy = await startRoundRobinProxy();
  const env = {
    DATABASE_URL: database.url,
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    // Links in the mails point at the load balancer, not at the instance that sent them.
    PUBLIC_URL: proxy.url,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(catcher.port),
    MAIL_RETRY_DELAY_SECONDS: '1',
    MAIL_POLL_SECONDS: '0.5',
    CHARTE_TEST_SCHEDULE: TICK_QUEUE,
  };
  // One instance first (it would sync the schema after an upgrade), then the other: the order docs/operations.md gives.
  instances.push(await startCmsProcess('instance A', env));
  instances.push(await startCmsProcess('instance B', env));
  proxy.targets.push(...instances.map((i) => i.url));
  // pg-boss looks at the schedules at most every 30 s across all instances (pgboss.version.cron_on).
  // Clearing that mark lets each instance's timekeeper look at every one of its own rounds, as if
  // each were alone: both try to send the same tick, and only one run per tick may follow.
  const nudge = () => db.query('UPDATE pgboss.version SET cron_on = NULL').catch(() => undefined);
  await nudge();
  nudger = setInterval(nudge, 1000);
}, 120000);

afterAll(async () => {
  clearInterval(nudger);
  await Promise.all(instances.map((i) => i.stop()));
  await proxy?.close();
  await catcher?.close();
  await db?.end();
  await database?.drop();
});

it('accepts on one instance a session opened on the other (same secrets)', async () => {
  const [a, b] = instances;
  const token = await login(a.url, 'agent.accueil@demo.local');
  const me = await call(b.url, 'GET', '/api/users/me', token);
  expect(me.status).toBe(200);
  expect(me.body.email).toBe('agent.accueil@demo.local');

  const admin = await call(a.url, 'POST', '/admin/login', undefined, { email: 'admin@demo.local', password: DEMO_PASSWORD });
  expect(admin.status).toBe(200);
  const adminMe = await call(b.url, 'GET', '/admin/users/me', admin.body.data.token);
  expect(adminMe.status).toBe(200);
  expect(adminMe.body.data.email).toBe('admin@demo.local');
});

it('lets exactly one of each burst of conflicting transitions win, whichever instance serves it', async () => {
  for (const who of ['agent.accueil', 'qualite', 'chef.accueil']) jwt[who] = await login(proxy.url, EMAIL_OF[who]);
  const { rows: refs } = await db.query(
    `SELECT (SELECT document_id FROM campaigns WHERE name = 'Diagnostic initial 2026' LIMIT 1) AS campaign,
            (SELECT document_id FROM criteria WHERE code = 'QV-01' LIMIT 1) AS criterion`,
  );
  const created = await Promise.all(
    Array.from({ length: DOCUMENTS }, (_, i) =>
      viaProxy('POST', '/api/evaluations', 'agent.accueil', {
        data: { campaign: refs[0].campaign, criterion: refs[0].criterion, result: 'partiel', findings: `Constat de charge n° ${i + 1}` },
      }),
    ),
  );
  expect(created.map((r) => r.status)).toEqual(Array(DOCUMENTS).fill(201));
  documentIds = created.map((r) => r.body.data.documentId);

  // Four submits per document at once, from two users allowed to submit: one wins.
  const submits = documentIds.flatMap((id) => ['agent.accueil', 'qualite', 'agent.accueil', 'qualite'].map((who) => ({ id, who })));
  const submitted = await Promise.all(submits.map(({ id, who }) => transition(id, who, { action: 'submit' })));
  // Then three validations and two send-backs per document at once, all from its head: one wins.
  const decisions = documentIds.flatMap((id) =>
    [{ action: 'validate' }, { action: 'reject', comment: 'Pièces justificatives manquantes' }, { action: 'validate' }, { action: 'reject', comment: 'À reprendre' }, { action: 'validate' }].map(
      (body) => ({ id, body }),
    ),
  );
  const decided = await Promise.all(decisions.map(({ id, body }) => transition(id, 'chef.accueil', body)));

  const unexpected = [...submitted, ...decided].filter((r) => r.status !== 200 && r.status !== 409);
  expect(unexpected).toEqual([]);
  const byDocument = (requests: { id: string }[], answers: Answer[], id: string) => answers.filter((_, i) => requests[i].id === id);
  const { rows: events } = await db.query(
    `SELECT target_document_id AS "documentId", action, from_state AS "from", to_state AS "to", actor_name AS "actor"
       FROM workflow_events WHERE target_document_id = ANY($1) ORDER BY id`,
    [documentIds],
  );
  const { rows: states } = await db.query('SELECT document_id AS "documentId", workflow_state AS state FROM evaluations WHERE document_id = ANY($1)', [documentIds]);
  for (const id of documentIds) {
    const won = [...byDocument(submits, submitted, id), ...byDocument(decisions, decided, id)].filter((r) => r.status === 200);
    expect(byDocument(submits, submitted, id).map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    expect(byDocument(decisions, decided, id).map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    const history = events.filter((e) => e.documentId === id);
    // One event per success, in the order the successes happened, and the state is the last event's.
    expect(history.map((e) => `${e.action}:${e.from}>${e.to}`)).toEqual(won.map((r) => `${r.body.data.action}:${r.body.data.previousState}>${r.body.data.workflowState}`));
    expect(history[0]).toMatchObject({ action: 'submit', from: 'draft', to: 'submitted' });
    expect(states.find((s) => s.documentId === id)?.state).toBe(history[history.length - 1].to);
  }
  // Both instances took part, and both moved documents.
  expect(proxy.served).toHaveLength(2);
  expect(Math.min(...proxy.served)).toBeGreaterThan(100);
  expect(new Set(decided.filter((r) => r.status === 200).map((r) => r.body.data.action))).toEqual(new Set(['validate', 'reject']));
});

it('sends every mail of the winning transitions exactly once, although both instances send mails', async () => {
  expect(documentIds).toHaveLength(DOCUMENTS);
  const transitions = config('workflows.yaml').workflows.evaluation.transitions as { action: string; from: string; notify: string[] }[];
  const subjects = config('emails.yaml').actions as Record<string, { subject: string }>;
  const actionOf = (mail: CaughtMail) => Object.keys(subjects).find((action) => mail.subject.startsWith(subjects[action].subject.split('{{')[0]));
  const { rows: events } = await db.query(
    'SELECT target_document_id AS "documentId", action, from_state AS "from", actor_name AS "actor" FROM workflow_events WHERE target_document_id = ANY($1) ORDER BY id',
    [documentIds],
  );
  const expected = events.flatMap((e) => {
    const rule = transitions.find((t) => t.action === e.action && t.from === e.from)!;
    const people = new Set(rule.notify.flatMap((kind) => PEOPLE[kind]).filter((email) => email !== EMAIL_OF[e.actor]));
    return [...people].map((email) => `${e.documentId} ${email} ${e.action}`);
  });
  expect(expected.length).toBeGreaterThanOrEqual(2 * DOCUMENTS);

  const ours = () =>
    catcher.mails.flatMap((mail) => {
      const documentId = /\/a-traiter\/evaluations\/([a-z0-9]+)/.exec(mail.text)?.[1];
      return documentId && documentIds.includes(documentId) ? [{ mail, key: `${documentId} ${mail.to} ${actionOf(mail)}` }] : [];
    });
  await eventually(`les ${expected.length} courriels attendus`, () => ours().length, (n) => n >= expected.length, { timeoutMs: 60000, intervalMs: 100 });
  // A duplicate would come from a job still to run (on either instance's worker) or from an outbox row
  // relayed twice: wait until nothing is left to send, then what the catcher holds is final.
  await untilMailsSent(sqlOfClient(db));
  const received = ours();
  expect(received.map((r) => r.key).sort()).toEqual([...expected].sort());
  expect(received.every((r) => r.mail.text.includes(`${proxy.url}/a-traiter/evaluations/`))).toBe(true);
}, 90000);

it('runs a job scheduled by both instances once per tick', async () => {
  const executed = () => instances.flatMap((i) => i.ticks);
  await eventually('une exécution du travail planifié', () => executed().length, (n) => n >= 1, { timeoutMs: 70000, intervalMs: 100 });
  expect(executed().length).toBeGreaterThanOrEqual(1);
  // Stop everything, so that what the database holds and what ran can be compared at rest.
  clearInterval(nudger);
  await Promise.all(instances.map((i) => i.stop()));

  const ran = executed();
  expect(new Set(ran).size).toBe(ran.length);
  // pg-boss turns each tick into a « send it » job, unique per minute (its singleton), and each
  // « send it » job, once done, into one job of the queue: one per tick, run by one instance once.
  // A tick caught half-way by the stop is left out: only done « send it » jobs count.
  const { rows: ticks } = await db.query(
    `SELECT singleton_on AS slot FROM pgboss.job WHERE name = '__pgboss__send-it' AND singleton_key = $1 AND state = 'completed'
     UNION ALL SELECT singleton_on FROM pgboss.archive WHERE name = '__pgboss__send-it' AND singleton_key = $1 AND state = 'completed'`,
    [TICK_QUEUE],
  );
  const { rows: jobs } = await db.query(
    `SELECT id::text, state FROM pgboss.job WHERE name = $1 UNION ALL SELECT id::text, state FROM pgboss.archive WHERE name = $1`,
    [TICK_QUEUE],
  );
  expect(ticks.length).toBeGreaterThanOrEqual(1);
  expect(new Set(ticks.map((t) => new Date(t.slot).toISOString())).size).toBe(ticks.length);
  expect(jobs.length).toBe(ticks.length);
  expect(jobs.filter((j) => j.state === 'completed').map((j) => j.id).sort()).toEqual([...ran].sort());
}, 90000);
