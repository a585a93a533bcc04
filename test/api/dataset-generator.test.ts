import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import knexFactory, { type Knex } from 'knex';
import { DatasetRefusedError, generateDataset, SchemaError, type DatasetSummary } from '../../database/dataset/generate';
import { repoRoot } from '../../database/paths';
import { copyOfTemplate, onServer, withDatabase } from '../helpers/database-copy';
import { http, login, startStrapi, stopStrapi } from '../helpers/strapi';

/**
 * The generator runs on copies of the test template, which hold the demo town: `force` replaces it,
 * so this suite covers the replace path too, and ids restart at 1 as on a database the cms has just
 * created. Small counts keep it fast; the figures below follow from them.
 */
const SMALL = { seed: 7, services: 4, criteria: 30, campaigns: 3, roadmapActions: 60, measures: 400, complaints: 150, users: 20, mysteryTests: 100 };
// 3 campaign years: spring and autumn waves in the first two, spring only in the last one.
const MYSTERY_WAVES = 5;
// 30 criteria × 4 services, minus criterion 13 limited to 2 of the 4 services: 118 per campaign.
const EVALUATIONS_PER_CAMPAIGN = 118;

let app: Core.Strapi;
let summary: DatasetSummary;
let other: { url: string; drop(): Promise<void> };
let otherKnex: Knex;
const openKnexes: Knex[] = [];
const connect = (url: string) => {
  const k = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 2 } });
  openKnexes.push(k);
  return k;
};

beforeAll(async () => {
  app = await startStrapi();
  summary = await generateDataset(app.db.connection, { ...SMALL, force: true });
  other = await copyOfTemplate(process.env.TEST_TEMPLATE_URL!);
  otherKnex = connect(other.url);
});
afterAll(async () => {
  for (const k of openKnexes) await k.destroy();
  await other?.drop();
  await stopStrapi(app);
});

const count = async (knex: Knex, table: string) => Number((await knex(table).count({ n: '*' }))[0].n);
const checksum = async (knex: Knex, table: string) =>
  (await knex.raw(`select md5(coalesce(string_agg(t::text, '|' order by id), '')) as sum from ?? t`, [table])).rows[0].sum as string;

describe('large-town dataset generator', () => {
  it('writes exactly the requested rows, and reports them', async () => {
    const db = app.db.connection;
    const expected: Record<string, number> = {
      services: 4,
      up_users: 20,
      referentials: 1,
      themes: 8,
      criteria: 30,
      indicators: 8,
      campaigns: 3,
      evaluations: 3 * EVALUATIONS_PER_CAMPAIGN,
      roadmap_actions: 60,
      measures: 400,
      complaints: 150,
      campaigns_services_lnk: 12,
      evaluations_campaign_lnk: 3 * EVALUATIONS_PER_CAMPAIGN,
      evaluations_author_lnk: 3 * EVALUATIONS_PER_CAMPAIGN,
      criteria_applicable_services_lnk: 2,
      services_heads_lnk: 4,
      services_agents_lnk: 13,
      measures_indicator_lnk: 400,
      complaints_service_lnk: 150,
      mystery_grids: 5,
      mystery_campaigns: MYSTERY_WAVES,
      mystery_tests: 100,
      mystery_tests_service_lnk: 100,
      mystery_tests_tester_lnk: 100,
    };
    for (const [table, rows] of Object.entries(expected)) {
      expect([table, await count(db, table)]).toEqual([table, rows]);
      expect([table, summary.counts[table]]).toEqual([table, rows]);
    }
    for (const [table, rows] of Object.entries(summary.counts)) expect([table, await count(db, table)]).toEqual([table, rows]);
    expect(summary.counts.workflow_events_actor_lnk).toBe(summary.counts.workflow_events);
    expect(summary.elapsedMs).toBeGreaterThan(0);
  });

  it('replaced the demo town it found, nothing else, because it was told to', async () => {
    expect(summary.replaced).toMatchObject({ services: 4 });
    expect(await app.db.connection('up_users').where('email', 'like', '%@demo.local').count({ n: '*' })).toEqual([{ n: '0' }]);
    // Roles and admin accounts are not business data: they stay.
    expect(await count(app.db.connection, 'admin_users')).toBeGreaterThan(0);
    expect(await app.db.connection('up_roles').whereIn('type', ['agent', 'chef-de-service', 'referent-qualite', 'dgs']).count({ n: '*' })).toEqual([{ n: '4' }]);
  });

  it('refuses a database that holds data unless forced, and writes nothing', async () => {
    await expect(generateDataset(otherKnex, SMALL)).rejects.toThrow(DatasetRefusedError);
    await expect(generateDataset(otherKnex, SMALL)).rejects.toThrow(/La base contient déjà des données : .*services \(4\).*relancez avec --force/);
    expect(await otherKnex('services').pluck('slug')).toContain('accueil-etat-civil');
  });

  it('gives the same bytes for the same seed, and other data for another seed', async () => {
    await generateDataset(otherKnex, { ...SMALL, force: true });
    const tables = ['up_users', 'services', 'criteria', 'evaluations', 'mystery_tests', 'workflow_events', 'roadmap_actions', 'measures', 'complaints', 'evaluations_service_lnk', 'services_agents_lnk'];
    for (const table of tables) expect([table, await checksum(otherKnex, table)]).toEqual([table, await checksum(app.db.connection, table)]);
    const before = await checksum(otherKnex, 'evaluations');
    await generateDataset(otherKnex, { ...SMALL, seed: 8, force: true });
    expect(await checksum(otherKnex, 'evaluations')).not.toBe(before);
  });

  it('says in French that the cms must create the schema first', async () => {
    const name = `${new URL(other.url).pathname.slice(1)}_empty`;
    await onServer(other.url, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
    try {
      const empty = connect(withDatabase(other.url, name));
      await expect(generateDataset(empty, SMALL)).rejects.toThrow(SchemaError);
      await expect(generateDataset(empty, SMALL)).rejects.toThrow(/ne contient pas les tables de Charte d’accueil : démarrez le cms une fois dessus/);
      await empty.destroy();
    } finally {
      await onServer(other.url, (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`));
    }
  });

  it('has a command line that fails with a French message and a non-zero code', async () => {
    // Three separate runs of the command, at the same time: each one is a process of its own.
    const run = (...args: string[]) =>
      new Promise<{ status: number | null; stderr: string }>((resolve, reject) => {
        const child = spawn(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), [path.join(repoRoot, 'database', 'generate-dataset.ts'), ...args], {
          env: { ...process.env, DATABASE_URL: '' },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        child.once('error', reject);
        child.once('close', (status) => resolve({ status, stderr }));
      });
    const [bad, noDatabase, refused] = await Promise.all([
      run('--services', 'abc'),
      run('--services', '2'),
      run('--database-url', other.url, '--services', '2'),
    ]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Le nombre de services (--services) doit être un nombre entier positif');
    expect(noDatabase.status).toBe(2);
    expect(noDatabase.stderr).toContain('Aucune base indiquée');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('La base contient déjà des données');
  });

  it('keeps every workflow document in the state its last event reached, events in time order', async () => {
    const db = app.db.connection;
    for (const table of ['evaluations', 'roadmap_actions', 'measures', 'mystery_tests']) {
      const mismatched = await db.raw(
        `select count(*)::int as n from ?? d
         left join lateral (select to_state from workflow_events e where e.target_document_id = d.document_id order by e.at desc, e.id desc limit 1) last on true
         where d.workflow_state <> coalesce(last.to_state, 'draft')`,
        [table],
      );
      expect([table, mismatched.rows[0].n]).toEqual([table, 0]);
    }
    const disordered = await db.raw(
      `select count(*)::int as n from (select at, lag(at) over (partition by target_document_id order by id) as previous from workflow_events) e where e.at <= e.previous`,
    );
    expect(disordered.rows[0].n).toBe(0);
    const states: string[] = await db('evaluations').distinct().pluck('workflow_state');
    expect(states.sort()).toEqual(['approved', 'draft', 'submitted', 'validated']);
  });

  it('is read by Strapi as its own: progress for the DGS, every service with a rate', async () => {
    const jwt = await login(app, 'dgs@grande-ville.local');
    const res = await http(app).get('/api/progress').set('Authorization', `Bearer ${jwt}`);
    expect(res.status).toBe(200);
    expect(res.body.meta.campaign.name).toBe('Audit interne 2026');
    expect(res.body.meta.previousCampaign.name).toBe('Autoévaluation 2025');
    expect(res.body.data).toHaveLength(4);
    for (const row of res.body.data) {
      expect(row.conformityRate).toEqual(expect.any(Number));
      expect(row.previousConformityRate).toEqual(expect.any(Number));
    }
    expect(res.body.data.reduce((sum: number, r: { evaluations: { total: number } }) => sum + r.evaluations.total, 0)).toBe(EVALUATIONS_PER_CAMPAIGN);
  });

  it('lets an agent log in with the generated password and see only their service', async () => {
    const jwt = await login(app, 'agent.1@grande-ville.local');
    const res = await http(app).get('/api/evaluations?populate[service][fields][0]=slug&pagination[pageSize]=100').set('Authorization', `Bearer ${jwt}`);
    expect(res.status).toBe(200);
    const slugs = new Set(res.body.data.map((e: { service: { slug: string } }) => e.service.slug));
    expect([...slugs]).toEqual(['accueil-etat-civil']);
    const own = await app.db.query('api::evaluation.evaluation').count({ where: { service: { slug: 'accueil-etat-civil' } } });
    expect(res.body.meta.pagination.total).toBe(own);
    expect(own).toBeGreaterThan(0);
  });

  it('returns generated evaluations with their relations through the Document Service', async () => {
    const docs = (await app.documents('api::evaluation.evaluation').findMany({
      filters: { campaign: { name: 'Audit interne 2026' } },
      fields: ['result', 'workflowState'],
      populate: { campaign: { fields: ['name'] }, service: { fields: ['slug'] }, criterion: { fields: ['code'] }, author: { fields: ['username'] } },
      limit: 1000,
    })) as unknown as { campaign: { name: string } | null; service: { slug: string } | null; criterion: { code: string } | null; author: { username: string } | null }[];
    expect(docs).toHaveLength(EVALUATIONS_PER_CAMPAIGN);
    for (const d of docs) {
      expect(d.campaign?.name).toBe('Audit interne 2026');
      expect(d.service?.slug).toEqual(expect.any(String));
      expect(d.criterion?.code).toMatch(/^GV-\d{3}$/);
      expect(d.author?.username).toMatch(/^(agent|chef)\.\d+$/);
    }
  });

  it('lets the workflow go on from the generated history', async () => {
    const jwt = await login(app, 'agent.1@grande-ville.local');
    const draft = await app.db.connection('evaluations as e')
      .join('evaluations_service_lnk as s', 's.evaluation_id', 'e.id')
      .join('services as sv', 'sv.id', 's.service_id')
      .where({ 'sv.slug': 'accueil-etat-civil', 'e.workflow_state': 'draft' })
      // A draft still « Non évalué » may not be submitted (requires: in config/workflows.yaml).
      .whereNot('e.result', 'non-evalue')
      .first('e.document_id');
    const res = await http(app).post(`/api/workflow/evaluations/${draft.document_id}/transitions`).set('Authorization', `Bearer ${jwt}`).send({ action: 'submit' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ documentId: draft.document_id, workflowState: 'submitted', previousState: 'draft' });

    const approved = await app.db.connection('evaluations as e')
      .join('evaluations_service_lnk as s', 's.evaluation_id', 'e.id')
      .join('services as sv', 'sv.id', 's.service_id')
      .where({ 'sv.slug': 'accueil-etat-civil', 'e.workflow_state': 'approved' })
      .first('e.document_id');
    const history = await http(app).get(`/api/workflow/evaluations/${approved.document_id}/history`).set('Authorization', `Bearer ${jwt}`);
    expect(history.status).toBe(200);
    const steps = history.body.data.map((e: { action: string; role: string }) => `${e.action}:${e.role}`);
    expect(steps.slice(-2)).toEqual(['validate:chef-de-service', 'approve:dgs']);
  });

  it('generates mystery tests the cms reads as its own: never by a member of the tested service, figures equal to the rows', async () => {
    const db = app.db.connection;
    const own = await db.raw(
      `select count(*)::int as n from mystery_tests_tester_lnk t join mystery_tests_service_lnk s on s.mystery_test_id = t.mystery_test_id
       where exists (select 1 from services_agents_lnk a where a.service_id = s.service_id and a.user_id = t.user_id)
          or exists (select 1 from services_heads_lnk h where h.service_id = s.service_id and h.user_id = t.user_id)`,
    );
    expect(own.rows[0].n).toBe(0);
    const states: string[] = await db('mystery_tests').distinct().pluck('workflow_state');
    expect(states.sort()).toEqual(['draft', 'submitted', 'validated']);
    // A result carries what the cms computes on saving it: a score, and a delay for a message answered.
    expect(await db('mystery_tests').whereNot('workflow_state', 'draft').whereNull('score').count({ n: '*' })).toEqual([{ n: '0' }]);
    expect(await db('mystery_tests').whereNotNull('answered_on').whereNull('delay_working_days').count({ n: '*' })).toEqual([{ n: '0' }]);

    const jwt = await login(app, 'qualite.1@grande-ville.local');
    const res = await http(app).get('/api/mystery-results').set('Authorization', `Bearer ${jwt}`);
    expect(res.status).toBe(200);
    expect(res.body.data.campaign.title).toBe('Vague de printemps 2026');
    expect(res.body.data.previous.title).toBe('Vague d’automne 2025');
    const validated = await db.raw(
      `select count(*)::int as n, round(avg(t.score), 1)::float as mean from mystery_tests t join mystery_tests_campaign_lnk c on c.mystery_test_id = t.id
       join mystery_campaigns w on w.id = c.mystery_campaign_id where w.title = 'Vague de printemps 2026' and t.workflow_state = 'validated'`,
    );
    const rows = res.body.data.rows as { tests: number; score: number; previousScore: number | null }[];
    expect(rows.reduce((sum, r) => sum + r.tests, 0)).toBe(validated.rows[0].n);
    expect(rows.some((r) => r.previousScore !== null)).toBe(true);

    const tester = await db('up_users as u').join('mystery_tests_tester_lnk as t', 't.user_id', 'u.id').groupBy('u.id', 'u.email').orderBy('u.id').first('u.email', db.raw('count(*)::int as n'));
    const mine = await http(app).get('/api/my-mystery-tests').set('Authorization', `Bearer ${await login(app, tester.email)}`);
    expect(mine.status).toBe(200);
    expect(mine.body.data).toHaveLength(tester.n);
  });
});
