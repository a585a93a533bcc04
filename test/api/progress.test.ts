import {
  progressResponseSchema,
  serviceEvaluationsResponseSchema,
  serviceInterviewsResponseSchema,
  sessionSchema,
  themeProgressResponseSchema,
} from '@charte/contract/schemas';
import type { Core } from '@strapi/strapi';
import { expectContract } from '../helpers/contract';
import { http, login, startStrapi, stopStrapi } from '../helpers/strapi';

let app: Core.Strapi;
const jwt: Record<string, string> = {};
beforeAll(async () => {
  app = await startStrapi();
  for (const who of ['agent.accueil', 'chef.scolaire', 'dgs']) jwt[who] = await login(app, `${who}@demo.local`);
});
afterAll(() => stopStrapi(app));

const get = (path: string, who?: string) => {
  const req = http(app).get(path);
  return who ? req.set('Authorization', `Bearer ${jwt[who]}`) : req;
};

/** The conformity rate computed the slow, obvious way from the rows, to check the SQL aggregate. */
async function expectedRate(campaignName: string, slug: string): Promise<number | null> {
  const evaluations = await app.db.query('api::evaluation.evaluation').findMany({
    where: { campaign: { name: campaignName }, service: { slug } },
    populate: { criterion: { select: ['weight'] } },
  });
  const points: Record<string, number> = { conforme: 1, partiel: 0.5, 'non-conforme': 0 };
  let sum = 0;
  let weights = 0;
  for (const e of evaluations) {
    if (!(e.result in points)) continue;
    const w = Number(e.criterion.weight);
    sum += w * points[e.result];
    weights += w;
  }
  return weights ? Math.round((1000 * sum) / weights) / 10 : null;
}

describe('GET /api/session', () => {
  it('tells the front who is logged in, with their role and services, in the contract’s shape', async () => {
    const session = expectContract(sessionSchema, (await get('/api/session', 'chef.scolaire').expect(200)).body.data);
    expect(session.role.type).toBe('chef-de-service');
    // Named as everywhere else; the journal is the DGS's alone (config/roles.yaml auditLogReaders).
    expect(session.user).toMatchObject({ username: 'chef.scolaire', name: 'Sophie Lefèvre' });
    expect(session.role.auditLog).toBe(false);
    // The management review and every service's pieces to renew are not a head's; dating pieces is.
    expect([session.role.managementReview, session.role.evidenceKeeper, session.role.evidenceWriter]).toEqual([false, false, true]);
    const dgs = expectContract(sessionSchema, (await get('/api/session', 'dgs').expect(200)).body.data);
    expect([dgs.role.managementReview, dgs.role.evidenceKeeper, dgs.role.evidenceWriter]).toEqual([true, true, false]);
    expect(session.services.map((s) => [s.slug, s.isHead])).toContainEqual(['scolaire-periscolaire', true]);
    expect([401, 403]).toContain((await get('/api/session')).status);
  });
});

describe('GET /api/progress', () => {
  it('refuses anonymous callers', async () => {
    expect([401, 403]).toContain((await get('/api/progress')).status);
  });

  it('gives the DGS every service of the latest campaign, with rates equal to the obvious computation', async () => {
    const res = await get('/api/progress', 'dgs');
    expect(res.status).toBe(200);
    expectContract(progressResponseSchema, res.body);
    expect(res.body.meta.campaign.name).toBe('Diagnostic initial 2026');
    expect(res.body.meta.previousCampaign.name).toBe('Autodiagnostic 2025');
    expect(res.body.data).toHaveLength(4);
    for (const row of res.body.data) {
      expect(row).toEqual({
        service: { documentId: expect.any(String), name: expect.any(String), slug: expect.any(String) },
        conformityRate: await expectedRate('Diagnostic initial 2026', row.service.slug),
        previousConformityRate: await expectedRate('Autodiagnostic 2025', row.service.slug),
        evaluations: {
          total: await app.db.query('api::evaluation.evaluation').count({ where: { campaign: { name: 'Diagnostic initial 2026' }, service: { slug: row.service.slug } } }),
          draft: expect.any(Number),
          submitted: expect.any(Number),
          validated: expect.any(Number),
          approved: expect.any(Number),
        },
        roadmap: { total: expect.any(Number), done: expect.any(Number) },
      });
      const e = row.evaluations;
      expect(e.draft + e.submitted + e.validated + e.approved).toBe(e.total);
    }
    const accueil = res.body.data.find((r: { service: { slug: string } }) => r.service.slug === 'accueil-etat-civil');
    // Two demo actions of the roadmap, and two done this year (« Vous nous l’avez dit, nous l’avons fait »).
    expect(accueil.roadmap).toEqual({ total: 4, done: 3 });
  });

  it('moves when an evaluation is approved', async () => {
    const before = (await get('/api/progress', 'dgs')).body.data.find((r: any) => r.service.slug === 'petite-enfance').evaluations;
    const validated = await app.db.query('api::evaluation.evaluation').findOne({
      where: { workflowState: 'validated', service: { slug: 'petite-enfance' }, campaign: { name: 'Diagnostic initial 2026' } },
    });
    const res = await http(app)
      .post(`/api/workflow/evaluations/${validated.documentId}/transitions`)
      .set('Authorization', `Bearer ${jwt.dgs}`)
      .send({ action: 'approve' });
    expect(res.status).toBe(200);
    const after = (await get('/api/progress', 'dgs')).body.data.find((r: any) => r.service.slug === 'petite-enfance').evaluations;
    expect(after).toEqual({ ...before, validated: before.validated - 1, approved: before.approved + 1 });
  });

  it('shows a head or an agent only their own services', async () => {
    const chef = await get('/api/progress', 'chef.scolaire');
    expect(chef.body.data.map((r: any) => r.service.slug)).toEqual(['scolaire-periscolaire']);
    const agent = await get('/api/progress', 'agent.accueil');
    expect(agent.body.data.map((r: any) => r.service.slug)).toEqual(['accueil-etat-civil']);
  });

  it('takes a campaign by documentId, and answers 400/404 for a bad one', async () => {
    const campaign = await app.db.query('api::campaign.campaign').findOne({ where: { name: 'Autodiagnostic 2025' } });
    const res = await get(`/api/progress?campaign=${campaign.documentId}`, 'dgs');
    expect(res.body.meta.campaign.name).toBe('Autodiagnostic 2025');
    expect(res.body.meta.previousCampaign).toBeNull();
    expect(res.body.data.every((r: any) => r.evaluations.approved === r.evaluations.total)).toBe(true);
    expect((await get('/api/progress?campaign=inconnue0000000000000000', 'dgs')).status).toBe(404);
    const bad = await get('/api/progress?campaign[$ne]=x', 'dgs');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('Identifiant de campagne invalide.');
  });
});

describe('GET /api/progress/themes', () => {
  it('gives the rate per theme of one service', async () => {
    const res = await get('/api/progress/themes?service=scolaire-periscolaire', 'chef.scolaire');
    expect(res.status).toBe(200);
    expectContract(themeProgressResponseSchema, res.body);
    expect(res.body.data.map((t: any) => t.theme.code)).toEqual(['QV-A', 'QV-C', 'QV-D']);
    expect(res.body.data.reduce((n: number, t: any) => n + t.evaluations, 0)).toBe(24);
  });

  it('hides another service (404) and asks for the service (400)', async () => {
    expect((await get('/api/progress/themes?service=accueil-etat-civil', 'chef.scolaire')).status).toBe(404);
    expect((await get('/api/progress/themes', 'dgs')).status).toBe(400);
  });
});

describe('GET /api/progress/evaluations (the service page list)', () => {
  const restList = async (slug: string, campaignDocumentId: string, who: string) => {
    const q = new URLSearchParams([
      ['filters[service][slug][$eq]', slug],
      ['filters[campaign][documentId][$eq]', campaignDocumentId],
      ['fields[0]', 'result'],
      ['fields[1]', 'workflowState'],
      ['fields[2]', 'findings'],
      ['populate[criterion][fields][0]', 'code'],
      ['populate[criterion][fields][1]', 'title'],
      ['populate[criterion][populate][theme][fields][0]', 'code'],
      ['populate[criterion][populate][theme][fields][1]', 'title'],
      ['populate[criterion][populate][theme][fields][2]', 'order'],
      ['pagination[pageSize]', '200'],
    ]);
    return (await get(`/api/evaluations?${q}`, who)).body.data as Record<string, any>[];
  };
  const shape = (e: Record<string, any>) => ({
    documentId: e.documentId,
    result: e.result,
    workflowState: e.workflowState,
    findings: e.findings,
    criterion: e.criterion && { code: e.criterion.code, title: e.criterion.title, theme: e.criterion.theme && { code: e.criterion.theme.code, title: e.criterion.theme.title, order: e.criterion.theme.order } },
  });
  const byId = (a: { documentId: string }, b: { documentId: string }) => a.documentId.localeCompare(b.documentId);

  it('answers exactly what the REST list with populate answers, in theme then criterion order', async () => {
    const campaign = await app.db.query('api::campaign.campaign').findOne({ where: { name: 'Diagnostic initial 2026' } });
    const res = await get(`/api/progress/evaluations?service=accueil-etat-civil&campaign=${campaign.documentId}`, 'agent.accueil');
    expect(res.status).toBe(200);
    expectContract(serviceEvaluationsResponseSchema, res.body);
    expect(res.body.data.length).toBeGreaterThan(5);
    const rest = await restList('accueil-etat-civil', campaign.documentId, 'agent.accueil');
    expect([...res.body.data].sort(byId)).toEqual(rest.map(shape).sort(byId));
    const order = res.body.data.map((e: any) => [e.criterion?.theme?.order ?? 1e9, e.criterion?.code ?? '']);
    expect(order).toEqual([...order].sort((a, b) => a[0] - b[0] || String(a[1]).localeCompare(String(b[1]))));
    expect(res.body.meta.service.name).toBeTruthy();
  });

  it('hides another service (404), asks for the service (400) and refuses anonymous callers', async () => {
    expect((await get('/api/progress/evaluations?service=scolaire-periscolaire', 'agent.accueil')).status).toBe(404);
    expect((await get('/api/progress/evaluations?service=scolaire-periscolaire', 'dgs')).status).toBe(200);
    const bad = await get('/api/progress/evaluations?service[$ne]=x', 'dgs');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/service/);
    expect([401, 403]).toContain((await get('/api/progress/evaluations?service=accueil-etat-civil')).status);
  });
});

describe('GET /api/progress/interviews (the service page list)', () => {
  it('answers what the REST list answers for the same fields, newest first, and never the notes', async () => {
    const q = new URLSearchParams([
      ['filters[service][slug][$eq]', 'accueil-etat-civil'],
      ['fields[0]', 'date'],
      ['fields[1]', 'interviewees'],
      ['fields[2]', 'interviewer'],
      ['fields[3]', 'workflowState'],
      ['sort', 'date:desc'],
      ['pagination[pageSize]', '100'],
    ]);
    const rest = (await get(`/api/interviews?${q}`, 'agent.accueil')).body.data as Record<string, any>[];
    expect(rest.length).toBeGreaterThan(0);
    const res = await get('/api/progress/interviews?service=accueil-etat-civil', 'agent.accueil');
    expect(res.status).toBe(200);
    expectContract(serviceInterviewsResponseSchema, res.body);
    expect(res.body.data).toEqual(rest.map((i) => ({ documentId: i.documentId, date: i.date, interviewees: i.interviewees, interviewer: i.interviewer, workflowState: i.workflowState })));
    expect(JSON.stringify(res.body)).not.toMatch(/notes/i);
  });

  it('hides another service (404), asks for the service (400) and refuses anonymous callers', async () => {
    expect((await get('/api/progress/interviews?service=scolaire-periscolaire', 'agent.accueil')).status).toBe(404);
    expect((await get('/api/progress/interviews?service=scolaire-periscolaire', 'dgs')).status).toBe(200);
    expect((await get('/api/progress/interviews?service[$ne]=x', 'dgs')).status).toBe(400);
    expect([401, 403]).toContain((await get('/api/progress/interviews?service=accueil-etat-civil')).status);
  });
});
