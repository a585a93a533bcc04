import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { testDistDir } from '../helpers/compiled-cms';
import { demoIds, documentIn } from '../helpers/fixtures';
import { http, login, startStrapi, stopStrapi } from '../helpers/strapi';

/** What the town's IT watches: /api/health/live, /api/health/ready and /metrics, over HTTP. */
let app: Core.Strapi;
const knex = () => app.db.connection;
/** Every job of config/schedules.yaml; the nightly backup writes into a folder of its own here. */
const JOBS = ['roadmap-late-actions', 'complaints-reminders', 'measures-reminders', 'evidence-reminders', 'recurring-campaigns', 'database-backup'];
const backups = fs.mkdtempSync(path.join(os.tmpdir(), 'charte-operations-backups-'));

beforeAll(async () => {
  process.env.CHARTE_BACKUP_DIR = path.join(backups, 'archives');
  process.env.CHARTE_UPLOADS_DIR = path.join(backups, 'uploads');
  app = await startStrapi();
});
afterAll(async () => {
  delete process.env.METRICS_TOKEN;
  delete process.env.CHARTE_BACKUP_DIR;
  delete process.env.CHARTE_UPLOADS_DIR;
  await stopStrapi(app);
  fs.rmSync(backups, { recursive: true, force: true });
});

const ready = () => http(app).get('/api/health/ready');
const failing = (body: { checks: { name: string; ok: boolean; detail: string }[] }) => body.checks.filter((c) => !c.ok);

describe('health', () => {
  it('answers live without an account', async () => {
    const res = await http(app).get('/api/health/live').expect(200);
    expect(res.body).toEqual({ status: 'en vie' });
  });

  it('is ready on a sound instance, every check named in French', async () => {
    const res = await ready().expect(200);
    expect(res.body.status).toBe('prêt');
    expect(res.body.checks.map((c: { name: string }) => c.name)).toEqual([
      'Base de données',
      'Migrations',
      'File de travaux',
      'Boîte d’envoi',
      'Courriels en attente',
      'Tâches planifiées',
    ]);
    expect(failing(res.body)).toEqual([]);
  });

  it('answers 503 with the reason while outbox rows wait longer than HEALTH_OUTBOX_MINUTES, and 200 again once relayed', async () => {
    const [{ id }] = await knex()('charte_mail_outbox').insert({ mails: JSON.stringify([]), created_at: knex().raw(`now() - interval '10 minutes'`) }).returning('id');
    // Locked meanwhile, as if an instance had died relaying it: this instance's relay skips it.
    await knex().transaction(async (trx) => {
      await trx('charte_mail_outbox').where({ id }).forUpdate().first();
      const res = await ready().expect(503);
      expect(res.body.status).toBe('indisponible');
      expect(failing(res.body)).toEqual([
        { name: 'Boîte d’envoi', ok: false, detail: expect.stringMatching(/^1 ligne attend d’être mise\(s\) en file, la plus ancienne depuis 10 minutes\. Le relais des courriels ne tourne plus/) },
      ]);
      await trx('charte_mail_outbox').where({ id }).delete();
    });
    await ready().expect(200);
  });

  it('names each scheduled job that missed its last expected run, until it succeeds', async () => {
    // Scheduled a month ago and never run: every enabled job has missed a tick since.
    await knex().withSchema('pgboss').from('schedule').update({ created_on: knex().raw(`now() - interval '40 days'`) });
    const res = await ready().expect(503);
    const [jobs] = failing(res.body);
    expect(jobs.name).toBe('Tâches planifiées');
    for (const job of JOBS) {
      expect(jobs.detail).toMatch(new RegExp(`« ${job} » n’a pas réussi son passage du \\d{1,2}(er)? \\S+ \\d{4} à \\d{2}:\\d{2}`));
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiled module the running cms uses
    const { runScheduledJob } = require(path.join(testDistDir(), 'src', 'platform', 'jobs', 'scheduled-jobs'));
    for (const job of JOBS) await runScheduledJob(app, job);
    const after = await ready().expect(200);
    expect(failing(after.body)).toEqual([]);
    const runs = await knex()('charte_scheduled_runs').orderBy('name').select('name', 'runs', 'failures');
    expect(runs).toEqual([...JOBS].sort().map((name) => ({ name, runs: '1', failures: '0' })));
  });
});

describe('metrics', () => {
  it('serves Prometheus metrics to the machine itself: request durations by route, transitions by outcome, mails, pool', async () => {
    const ids = await demoIds(app);
    const jwt = await login(app, 'agent.accueil@demo.local');
    const draft = await documentIn(app, 'api::evaluation.evaluation', 'draft', { serviceId: ids.accueil.id, authorId: ids.agent.id, campaignId: ids.campaign.id, criterionId: ids.criterion.id });
    await http(app).post(`/api/workflow/evaluations/${draft.documentId}/transitions`).set('Authorization', `Bearer ${jwt}`).send({ action: 'submit' }).expect(200);
    await http(app).post(`/api/workflow/evaluations/${draft.documentId}/transitions`).set('Authorization', `Bearer ${jwt}`).send({ action: 'submit' }).expect(409);

    const res = await http(app).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.text;
    expect(text).toMatch(/charte_http_request_duration_seconds_count\{method="POST",route="\/api\/workflow\/:collection\/:documentId\/transitions",status="2xx"\} [1-9]/);
    expect(text).toMatch(/charte_http_request_duration_seconds_count\{method="POST",route="\/api\/workflow\/:collection\/:documentId\/transitions",status="4xx"\} [1-9]/);
    expect(text).toMatch(/charte_workflow_transitions_total\{collection="evaluations",action="submit",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/charte_workflow_transitions_total\{collection="evaluations",action="submit",outcome="409"\} [1-9]/);
    expect(text).toMatch(/charte_db_pool_connections\{state="max"\} \d+/);
    expect(text).toMatch(/charte_mails_pending\{state="created"\} \d+/);
    expect(text).toMatch(/charte_mail_oldest_pending_seconds \d/);
    expect(text).toMatch(/charte_mail_outbox_rows \d/);
    expect(text).toMatch(/charte_scheduled_job_runs_total\{job="complaints-reminders",outcome="success"\} [1-9]/);
    // No document id in any label: one series per route pattern.
    expect(text).not.toContain(draft.documentId);
  });

  it('asks for METRICS_TOKEN when one is set', async () => {
    process.env.METRICS_TOKEN = 'jeton-des-mesures';
    try {
      const refused = await http(app).get('/metrics').expect(401);
      expect(refused.text).toMatch(/Jeton METRICS_TOKEN requis/);
      await http(app).get('/metrics').set('Authorization', 'Bearer autre-chose').expect(401);
      await http(app).get('/metrics').set('Authorization', 'Bearer jeton-des-mesures').expect(200);
    } finally {
      delete process.env.METRICS_TOKEN;
    }
  });
});
