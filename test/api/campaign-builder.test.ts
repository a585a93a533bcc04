import { builderOptionsSchema, buildStartedSchema, buildStatusSchema, fieldErrorSchema } from '@charte/contract/schemas';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { expectContract } from '../helpers/contract';
import { eventually } from '../helpers/eventually';
import { adminLogin, http, login, startStrapi, stopStrapi } from '../helpers/strapi';

const EVALUATION = 'api::evaluation.evaluation';
const CAMPAIGN = 'api::campaign.campaign';
const BASE = '/charte-admin/campaigns';

let app: Core.Strapi;
const token: Record<string, string> = {};
let adminId: number;
let qualivilles: { id: number; documentId: string };
const services: Record<string, { id: number; documentId: string }> = {};


beforeAll(async () => {
  app = await startStrapi();
  token.admin = await adminLogin(app, 'admin@demo.local');
  token.editor = await adminLogin(app, 'referentiel@demo.local');
  token.agent = await login(app, 'agent.accueil@demo.local');
  adminId = (await app.db.query('admin::user').findOne({ where: { email: 'admin@demo.local' } })).id;
  qualivilles = await app.db.query('api::referential.referential').findOne({ where: { code: 'qualivilles-ville' } });
  for (const s of await app.db.query('api::service.service').findMany({})) services[s.slug] = s;
});
afterAll(() => stopStrapi(app));

const as = (who: string | null, req: ReturnType<ReturnType<typeof http>['get']>) => (who ? req.set('Authorization', `Bearer ${token[who]}`) : req);
const getAs = (who: string | null, path: string) => as(who, http(app).get(path));
const postBuild = (body: unknown, who: string | null = 'admin') => as(who, http(app).post(`${BASE}/builds`)).send(body as object);

/** Every row the builder may write, counted straight from the tables. */
async function rowCounts() {
  const knex = app.db.connection;
  const tables = ['campaigns', 'campaigns_referential_lnk', 'campaigns_services_lnk', 'evaluations', 'evaluations_campaign_lnk', 'evaluations_service_lnk', 'evaluations_criterion_lnk'];
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t] = Number((await knex(t).count({ n: '*' }).first())!.n);
  return counts;
}

/** Polls a build until it ends; returns every status seen. */
async function untilSettled(buildId: string) {
  const seen: Record<string, any>[] = [];
  const read = async () => {
    const res = await getAs('admin', `${BASE}/builds/${buildId}`);
    expect(res.status).toBe(200);
    seen.push(expectContract(buildStatusSchema, res.body.data));
    return res.body.data as Record<string, any>;
  };
  await eventually(`la fin de la création ${buildId}`, read, (status) => status.state !== 'running', { timeoutMs: 60_000, intervalMs: 25 });
  return seen;
}

/** Sessions of this suite's database waiting for a lock another session holds. */
async function sessionsWaitingOnALock(): Promise<number> {
  const { rows } = await app.db.connection.raw(
    `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and wait_event <> 'advisory'`,
  );
  return rows[0].n;
}

/** The (service, criterion) pairs a campaign must hold, computed the obvious way from the Document Service. */
async function expectedPairs(referentialCode: string, slugs: string[]): Promise<string[]> {
  const criteria = (await app.documents('api::criterion.criterion').findMany({
    filters: { theme: { referential: { code: referentialCode } } },
    fields: ['code'],
    populate: { applicableServices: { fields: ['slug'] } },
    limit: 10_000,
  })) as unknown as { code: string; applicableServices: { slug: string }[] }[];
  return slugs
    .flatMap((slug) => criteria.filter((c) => !c.applicableServices.length || c.applicableServices.some((a) => a.slug === slug)).map((c) => `${slug}/${c.code}`))
    .sort();
}

async function evaluationsOf(campaignDocumentId: string) {
  return app.db.query(EVALUATION).findMany({
    where: { campaign: { documentId: campaignDocumentId } },
    populate: { service: { select: ['slug'] }, criterion: { select: ['code', 'documentId'] } },
  });
}

const validBody = (over: Record<string, unknown> = {}) => ({
  referential: qualivilles.documentId,
  name: 'Audit intermédiaire 2025',
  kind: 'audit-interne',
  startDate: '2025-09-01',
  endDate: '2025-10-31',
  services: [services['accueil-etat-civil'].documentId, services['scolaire-periscolaire'].documentId],
  prefill: false,
  ...over,
});

describe('campaign builder: access', () => {
  it('needs an admin session (401) and the « Créer une campagne » permission (403)', async () => {
    const before = await rowCounts();
    expect((await getAs(null, `${BASE}/builder`)).status).toBe(401);
    expect((await postBuild(validBody(), null)).status).toBe(401);
    expect((await getAs('editor', `${BASE}/builder`)).status).toBe(403);
    expect((await postBuild(validBody(), 'editor')).status).toBe(403);
    expect((await getAs('editor', `${BASE}/builds/00000000-0000-4000-8000-000000000000`)).status).toBe(403);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('GET /charte-admin/campaigns/builder', () => {
  it('lists référentiels with their criteria and last campaign, services and kinds', async () => {
    const res = await getAs('admin', `${BASE}/builder`);
    expect(res.status).toBe(200);
    expectContract(builderOptionsSchema, res.body.data);
    const { referentials, services: listed, kinds } = res.body.data;
    const diagnostic = await app.db.query(CAMPAIGN).findOne({ where: { name: 'Diagnostic initial 2026' } });
    for (const r of referentials) {
      expect(r.criteria).toBe(await app.db.query('api::criterion.criterion').count({ where: { theme: { referential: { documentId: r.documentId } } } }));
    }
    expect(referentials.find((r: { code: string }) => r.code === 'qualivilles-ville')).toEqual({
      documentId: qualivilles.documentId,
      code: 'qualivilles-ville',
      name: expect.any(String),
      criteria: 28,
      lastCampaign: {
        documentId: diagnostic.documentId,
        name: 'Diagnostic initial 2026',
        startDate: '2026-01-12',
        evaluations: await app.db.query(EVALUATION).count({ where: { campaign: { id: diagnostic.id } } }),
      },
    });
    expect(referentials.find((r: { code: string }) => r.code === 'marianne-2016').lastCampaign).toBeNull();
    expect(listed.map((s: { slug: string }) => s.slug)).toEqual(['accueil-etat-civil', 'cabinet-du-maire', 'petite-enfance', 'scolaire-periscolaire']);
    expect(listed[0]).toEqual({ documentId: services['accueil-etat-civil'].documentId, name: 'Accueil / État civil', slug: 'accueil-etat-civil' });
    expect(kinds).toEqual([
      { value: 'diagnostic', label: 'Diagnostic' },
      { value: 'audit-interne', label: 'Audit interne' },
      { value: 'auto-evaluation', label: 'Auto-évaluation' },
    ]);
  });
});

describe('POST /charte-admin/campaigns/builds', () => {
  let built: { documentId: string; name: string };

  it('creates one draft, unevaluated evaluation per service × applicable criterion, with progress', async () => {
    const expected = await expectedPairs('qualivilles-ville', ['accueil-etat-civil', 'scolaire-periscolaire']);
    const res = await postBuild(validBody());
    expect(res.status).toBe(202);
    expectContract(buildStartedSchema, res.body.data);
    expect(res.body.data).toEqual({ buildId: expect.any(String), total: expected.length });

    const seen = await untilSettled(res.body.data.buildId);
    const last = seen.at(-1)!;
    expect(last).toEqual({
      buildId: res.body.data.buildId,
      state: 'done',
      done: expected.length,
      total: expected.length,
      prefilled: 0,
      campaign: { documentId: expect.any(String), name: 'Audit intermédiaire 2025' },
      message: null,
    });
    for (const s of seen) expect(s.done).toBeLessThanOrEqual(s.total);
    built = last.campaign;

    const campaign = await app.db.query(CAMPAIGN).findOne({
      where: { documentId: built.documentId },
      populate: { referential: { select: ['code'] }, services: { select: ['slug'] }, createdBy: { select: ['id'] } },
    });
    expect(campaign).toMatchObject({ kind: 'audit-interne', startDate: '2025-09-01', endDate: '2025-10-31', referential: { code: 'qualivilles-ville' }, createdBy: { id: adminId } });
    expect(campaign.services.map((s: { slug: string }) => s.slug)).toEqual(['accueil-etat-civil', 'scolaire-periscolaire']);

    const evaluations = await evaluationsOf(built.documentId);
    expect(evaluations.map((e: any) => `${e.service.slug}/${e.criterion.code}`).sort()).toEqual(expected);
    for (const e of evaluations) {
      expect(e).toMatchObject({ workflowState: 'draft', result: 'non-evalue', prefilled: false, findings: null, recommendation: null });
    }
  });

  it('writes evaluations the Document Service cannot tell from its own', async () => {
    const [fromBuilder] = await evaluationsOf(built.documentId);
    const viaService = await app.documents(EVALUATION).create({
      data: { campaign: built.documentId, service: services['accueil-etat-civil'].documentId, criterion: fromBuilder.criterion.documentId, createdBy: adminId, updatedBy: adminId } as never,
    });
    const knex = app.db.connection;
    const row = (id: number) => knex('evaluations').where({ id }).first();
    const [a, b] = [await row(fromBuilder.id), await row(viaService.id as number)];
    const shape = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? 'null' : v instanceof Date ? 'date' : typeof v]));
    expect(shape(a)).toEqual(shape(b));
    for (const r of [a, b]) {
      expect(r.document_id).toMatch(/^[a-z0-9]{24}$/);
      expect(r).toMatchObject({ locale: null, created_by_id: adminId, updated_by_id: adminId, workflow_state: 'draft', result: 'non-evalue', prefilled: false });
      expect(r.published_at).toBeInstanceOf(Date);
    }
    for (const table of ['evaluations_campaign_lnk', 'evaluations_service_lnk', 'evaluations_criterion_lnk']) {
      const link = async (id: number) => shape(await knex(table).where({ evaluation_id: id }).first());
      expect(await link(fromBuilder.id)).toEqual(await link(viaService.id as number));
    }
    // Read back through the Document Service like any other document.
    const readBack = await app.documents(EVALUATION).findOne({ documentId: a.document_id, populate: { campaign: { fields: ['name'] } } });
    expect(readBack).toMatchObject({ documentId: a.document_id, campaign: { name: 'Audit intermédiaire 2025' } });
    await app.documents(EVALUATION).delete({ documentId: viaService.documentId });
  });

  it('shows the new evaluations to an agent of the service through the REST API, and only theirs', async () => {
    const res = await http(app)
      .get(`/api/evaluations?filters[campaign][documentId][$eq]=${built.documentId}&pagination[pageSize]=100&populate[service][fields][0]=slug`)
      .set('Authorization', `Bearer ${token.agent}`);
    expect(res.status).toBe(200);
    const expected = await expectedPairs('qualivilles-ville', ['accueil-etat-civil']);
    expect(res.body.data).toHaveLength(expected.length);
    for (const e of res.body.data) expect(e).toMatchObject({ workflowState: 'draft', result: 'non-evalue', prefilled: false, service: { slug: 'accueil-etat-civil' } });
  });

  it('keeps `prefilled` out of REST writes: an agent cannot mark or unmark an evaluation', async () => {
    const [evaluation] = await evaluationsOf(built.documentId).then((list) => list.filter((e: any) => e.service.slug === 'accueil-etat-civil'));
    const res = await http(app)
      .put(`/api/evaluations/${evaluation.documentId}`)
      .set('Authorization', `Bearer ${token.agent}`)
      .send({ data: { prefilled: true, findings: 'Constat de l’agent' } });
    // Strapi refuses a non-writable attribute (`writable: false` in the schema) before any write.
    expect(res.status).toBe(400);
    expect(res.body.error.details).toMatchObject({ key: 'prefilled' });
    const after = await app.db.query(EVALUATION).findOne({ where: { id: evaluation.id } });
    expect(after).toMatchObject({ prefilled: false, findings: null });
  });

  it('pre-fills from the latest earlier campaign of the référentiel: contents copied as drafts and marked', async () => {
    // A criterion added since the last campaign has nothing to copy.
    const theme = await app.db.query('api::theme.theme').findOne({ where: { referential: { id: qualivilles.id } } });
    const added = await app.documents('api::criterion.criterion').create({ data: { code: 'QV-90', title: 'Un engagement nouveau', weight: 1, theme: theme.documentId } as never });

    const slugs = Object.keys(services).sort();
    const res = await postBuild(validBody({ name: 'Audit interne 2027', startDate: '2027-01-11', endDate: undefined, services: slugs.map((s) => services[s].documentId), prefill: true }));
    expect(res.status).toBe(202);
    const last = (await untilSettled(res.body.data.buildId)).at(-1)!;
    expect(last.state).toBe('done');

    // « Audit intermédiaire 2025 » was created later but starts earlier: the source is « Diagnostic initial 2026 ».
    const previous = await app.db.query(EVALUATION).findMany({
      where: { campaign: { name: 'Diagnostic initial 2026' } },
      populate: { service: { select: ['slug'] }, criterion: { select: ['code'] } },
    });
    const before = new Map(previous.map((e: any) => [`${e.service.slug}/${e.criterion.code}`, e]));
    const evaluations = await evaluationsOf(last.campaign.documentId);
    expect(evaluations).toHaveLength(res.body.data.total);
    let prefilled = 0;
    for (const e of evaluations) {
      const key = `${e.service.slug}/${e.criterion.code}`;
      const source: any = before.get(key);
      expect(e.workflowState).toBe('draft');
      const hasContent = source && (source.result !== 'non-evalue' || [source.findings, source.strengths, source.gaps, source.recommendation].some((t) => t?.trim()));
      if (hasContent) {
        prefilled += 1;
        expect(e).toMatchObject({ prefilled: true, result: source.result, findings: source.findings, strengths: source.strengths, gaps: source.gaps, recommendation: source.recommendation });
      } else {
        expect(e).toMatchObject({ prefilled: false, result: 'non-evalue', findings: null });
      }
    }
    expect(evaluations.filter((e: any) => e.criterion.code === 'QV-90')).toHaveLength(slugs.length);
    expect(evaluations.filter((e: any) => e.criterion.code === 'QV-90').every((e: any) => !e.prefilled)).toBe(true);
    expect(prefilled).toBeGreaterThan(50);
    expect(last.prefilled).toBe(prefilled);
    // Approved sources are copied into drafts, not approved copies.
    expect(previous.some((e: any) => e.workflowState === 'approved')).toBe(true);
    await app.documents('api::criterion.criterion').delete({ documentId: added.documentId });
  });
});

describe('POST /charte-admin/campaigns/builds: refusals write nothing', () => {
  const refused = (over: Record<string, unknown>) => validBody({ name: 'Campagne refusée', ...over });
  const cases: [string, () => Record<string, unknown> | unknown, string[], RegExp][] = [
    ['no name', () => refused({ name: '  ' }), ['name'], /nom de la campagne est obligatoire/],
    ['a name too long', () => refused({ name: 'x'.repeat(201) }), ['name'], /200 caractères/],
    ['a name already used in the référentiel', () => refused({ name: ' diagnostic INITIAL 2026' }), ['name'], /existe déjà pour ce référentiel/],
    ['an unknown référentiel', () => refused({ referential: 'abcdefghijklmnopqrstuvwx' }), ['referential'], /référentiel n’existe pas/],
    ['no référentiel', () => refused({ referential: undefined }), ['referential'], /Choisissez un référentiel/],
    ['no service', () => refused({ services: [] }), ['services'], /au moins un service/],
    ['an unknown service', () => refused({ services: [services['accueil-etat-civil'].documentId, 'abcdefghijklmnopqrstuvwx'] }), ['services', '1'], /service n’existe pas/],
    ['an unknown kind', () => refused({ kind: 'audit' }), ['kind'], /type de campagne/],
    ['an impossible start date', () => refused({ startDate: '2027-02-30' }), ['startDate'], /date de début n’est pas une date valide/],
    ['no start date', () => refused({ startDate: undefined }), ['startDate'], /date de début est obligatoire/],
    ['an end before the start', () => refused({ endDate: '2025-08-31' }), ['endDate'], /précède sa date de début/],
    ['a prefill that is not a boolean', () => refused({ prefill: 'oui' }), ['prefill'], /oui ou non/],
    ['an unknown field', () => refused({ status: 'done' }), ['status'], /Champ inconnu : « status »/],
  ];

  it.each(cases)('refuses %s with a French 400', async (_label, body, path, message) => {
    const before = await rowCounts();
    const res = await postBuild(body());
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    // The contract's field errors, in Strapi's error shape (each one named ValidationError).
    expectContract(z.array(fieldErrorSchema.extend({ name: z.literal('ValidationError') })), res.body.error.details.errors);
    expect(res.body.error.details.errors).toContainEqual(expect.objectContaining({ path, message: expect.stringMatching(message) }));
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a body that is not an object', async () => {
    const res = await as('admin', http(app).post(`${BASE}/builds`)).set('Content-Type', 'application/json').send('[1,2]');
    expect(res.status).toBe(400);
  });

  it('refuses services to which no criterion of the référentiel applies', async () => {
    const referential = await app.documents('api::referential.referential').create({ data: { code: 'reserve-cabinet', name: 'Réservé au cabinet' } as never });
    const theme = await app.documents('api::theme.theme').create({ data: { code: 'T1', title: 'Thème', referential: referential.documentId } as never });
    await app.documents('api::criterion.criterion').create({
      data: { code: 'C1', title: 'Pour le cabinet seulement', weight: 1, theme: theme.documentId, applicableServices: [services['cabinet-du-maire'].documentId] } as never,
    });
    const before = await rowCounts();
    const res = await postBuild(validBody({ name: 'Campagne refusée', referential: referential.documentId }));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Aucun engagement de ce référentiel ne s’applique aux services choisis.');
    expect(await rowCounts()).toEqual(before);
  });
});

describe('GET /charte-admin/campaigns/builds/:buildId', () => {
  it('answers 404 for an unknown or malformed build id', async () => {
    expect((await getAs('admin', `${BASE}/builds/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await getAs('admin', `${BASE}/builds/pas-un-identifiant`)).status).toBe(404);
  });

  it('reports a build left running by a stopped instance as failed', async () => {
    const buildId = '11111111-2222-4333-8444-555555555555';
    const long = new Date(Date.now() - 3 * 60_000).toISOString();
    await app.store({ type: 'plugin', name: 'charte-admin', key: `campaign-build:${buildId}` }).set({
      value: { buildId, state: 'running', done: 500, total: 1000, prefilled: 0, campaign: null, message: null, startedAt: long, updatedAt: long },
    });
    const res = await getAs('admin', `${BASE}/builds/${buildId}`);
    expect(res.body.data).toMatchObject({ state: 'failed', done: 0, message: 'La création a été interrompue (redémarrage du serveur) : rien n’a été enregistré, relancez-la.' });
  });
});

describe('a build that fails half-way', () => {
  it('rolls everything back and says why in French, while its progress stayed readable', async () => {
    // Another session deletes a criterion while the build runs: the build's link to it waits for
    // that session, then fails on the foreign key once the deletion commits.
    const criterion = await app.db.query('api::criterion.criterion').findOne({ where: { code: 'QV-28', theme: { referential: { id: qualivilles.id } } } });
    const other = await app.db.connection.transaction();
    try {
      const linked = Number((await app.db.connection('evaluations_criterion_lnk').where({ criterion_id: criterion.id }).count({ n: '*' }).first())!.n);
      await other('criteria').where({ id: criterion.id }).del();
      const before = await rowCounts();
      const res = await postBuild(validBody({ name: 'Campagne interrompue', startDate: '2025-05-01', endDate: null }));
      expect(res.status).toBe(202);
      // The build has reached the deleted criterion's row: its session waits for the other one's lock.
      await eventually('la création bloquée par la suppression en cours', () => sessionsWaitingOnALock(), (n) => n > 0);
      const during = await getAs('admin', `${BASE}/builds/${res.body.data.buildId}`);
      expect(during.body.data).toMatchObject({ state: 'running', total: res.body.data.total, campaign: null });
      await other.commit();

      const last = (await untilSettled(res.body.data.buildId)).at(-1)!;
      expect(last).toEqual({
        buildId: res.body.data.buildId,
        state: 'failed',
        done: 0,
        total: res.body.data.total,
        prefilled: 0,
        campaign: null,
        message: 'Un engagement ou un service a été supprimé pendant la création de la campagne : rien n’a été enregistré, relancez-la.',
      });
      const after = await rowCounts();
      // Only the deleted criterion's own links went away (with the other session's commit).
      expect(linked).toBeGreaterThan(0);
      expect(after).toEqual({ ...before, evaluations_criterion_lnk: before.evaluations_criterion_lnk - linked });
      expect(await app.db.query(CAMPAIGN).findOne({ where: { name: 'Campagne interrompue' } })).toBeNull();
    } finally {
      if (!other.isCompleted()) await other.rollback();
    }
  });
});
