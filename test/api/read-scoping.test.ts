import type { Core } from '@strapi/strapi';
import { http, login, startStrapi, stopStrapi } from '../helpers/strapi';

let app: Core.Strapi;
const jwt: Record<string, string> = {};
beforeAll(async () => {
  app = await startStrapi();
  for (const who of ['agent.accueil', 'chef.accueil', 'chef.scolaire', 'qualite', 'dgs', 'auditeur']) jwt[who] = await login(app, `${who}@demo.local`);
});
afterAll(() => stopStrapi(app));

const get = (path: string, who?: string) => {
  const req = http(app).get(path);
  return who ? req.set('Authorization', `Bearer ${jwt[who]}`) : req;
};
const slugsOf = (body: { data: { service?: { slug: string } }[] }) => [...new Set(body.data.map((e) => e.service?.slug))].sort();

describe('read scoping of service documents', () => {
  it.each([
    ['agent.accueil', ['accueil-etat-civil']],
    ['chef.accueil', ['accueil-etat-civil']],
    ['chef.scolaire', ['scolaire-periscolaire']],
    ['qualite', ['accueil-etat-civil', 'cabinet-du-maire', 'petite-enfance', 'scolaire-periscolaire']],
    ['dgs', ['accueil-etat-civil', 'cabinet-du-maire', 'petite-enfance', 'scolaire-periscolaire']],
  ])('%s lists the evaluations of %j only', async (who, slugs) => {
    const res = await get('/api/evaluations?populate[service][fields][0]=slug&pagination[pageSize]=200', who);
    expect(res.status).toBe(200);
    expect(slugsOf(res.body)).toEqual(slugs);
    const expected = await app.db.query('api::evaluation.evaluation').count({ where: { service: { slug: { $in: slugs } } } });
    expect(res.body.meta.pagination.total).toBe(expected);
  });

  it('keeps the external auditor to the audited campaign and its services (config/roles.yaml, audited-campaign)', async () => {
    const res = await get('/api/evaluations?populate[campaign][fields][0]=name&populate[service][fields][0]=slug&pagination[pageSize]=200', 'auditeur');
    expect(res.status).toBe(200);
    expect([...new Set(res.body.data.map((e: { campaign: { name: string } }) => e.campaign.name))]).toEqual(['Diagnostic initial 2026']);
    expect(slugsOf(res.body)).toEqual(['accueil-etat-civil', 'cabinet-du-maire', 'petite-enfance', 'scolaire-periscolaire']);
    const expected = await app.db.query('api::evaluation.evaluation').count({ where: { campaign: { name: 'Diagnostic initial 2026' } } });
    expect(res.body.meta.pagination.total).toBe(expected);
    // A filter cannot widen it to the closed campaign.
    const widened = await get('/api/evaluations?filters[campaign][name]=Autodiagnostic%202025', 'auditeur');
    expect(widened.body.data).toEqual([]);
    // Nothing of what the role does not name: complaints, measures, surveys' answers.
    for (const path of ['/api/complaints', '/api/measures', '/api/survey-responses', '/api/mystery-tests']) expect([path, (await get(path, 'auditeur')).status]).toEqual([path, 403]);
  });

  it.each(['/api/interviews', '/api/roadmap-actions'])('scopes %s the same way', async (path) => {
    const res = await get(`${path}?populate[service][fields][0]=slug`, 'chef.scolaire');
    expect(res.status).toBe(200);
    expect(res.body.data.length).toBeGreaterThan(0);
    expect(slugsOf(res.body)).toEqual(['scolaire-periscolaire']);
  });

  it('cannot be widened by a filter on another service', async () => {
    const res = await get('/api/evaluations?filters[service][slug][$eq]=scolaire-periscolaire', 'agent.accueil');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([]);
  });

  it('filters by service slug for those who see all', async () => {
    const res = await get(
      '/api/evaluations?filters[service][slug][$eq]=petite-enfance&filters[campaign][name][$eq]=Diagnostic initial 2026&populate[service][fields][0]=slug&pagination[pageSize]=100',
      'dgs',
    );
    expect(res.status).toBe(200);
    expect(res.body.data.length).toBe(24);
    expect(slugsOf(res.body)).toEqual(['petite-enfance']);
  });

  it('answers 404 for a document of another service, as if it did not exist', async () => {
    const other = await app.db.query('api::evaluation.evaluation').findOne({ where: { service: { slug: 'scolaire-periscolaire' } } });
    expect((await get(`/api/evaluations/${other.documentId}`, 'agent.accueil')).status).toBe(404);
    expect((await get(`/api/evaluations/${other.documentId}`, 'chef.scolaire')).status).toBe(200);
  });

  it('reads nothing of it anonymously', async () => {
    for (const path of ['/api/evaluations', '/api/interviews', '/api/roadmap-actions', '/api/measures', '/api/complaints', '/api/services']) {
      expect([401, 403]).toContain((await get(path)).status);
    }
  });

  it('shows the public only approved charter principles', async () => {
    const before = await get('/api/charter-principles');
    expect(before.status).toBe(200);
    expect(before.body.data).toEqual([]);
    const principle = await app.db.query('api::charter-principle.charter-principle').findOne({ where: { order: 1 } });
    await app.db.query('api::charter-principle.charter-principle').update({ where: { id: principle.id }, data: { workflowState: 'approved' } });
    try {
      const after = await get('/api/charter-principles');
      expect(after.body.data.map((p: { title: string }) => p.title)).toEqual([principle.title]);
      const staff = await get('/api/charter-principles', 'agent.accueil');
      expect(staff.body.data.length).toBe(3);
    } finally {
      await app.db.query('api::charter-principle.charter-principle').update({ where: { id: principle.id }, data: { workflowState: 'draft' } });
    }
  });
});

describe('interview notes (personal data)', () => {
  const notesBySlug = async (who: string) => {
    const res = await get('/api/interviews?populate[service][fields][0]=slug', who);
    expect(res.status).toBe(200);
    return Object.fromEntries(res.body.data.map((i: { service: { slug: string }; notes?: string }) => [i.service.slug, 'notes' in i]));
  };
  it('are read by the référent qualité and the DGS', async () => {
    expect(Object.values(await notesBySlug('qualite'))).toEqual([true, true, true, true]);
    expect(Object.values(await notesBySlug('dgs'))).toEqual([true, true, true, true]);
  });
  it("are read by the heads of the interview's service", async () => {
    expect(await notesBySlug('chef.accueil')).toEqual({ 'accueil-etat-civil': true });
  });
  it('are hidden from agents, even of that service', async () => {
    expect(await notesBySlug('agent.accueil')).toEqual({ 'accueil-etat-civil': false });
  });
  it('are hidden from the external auditor, who reads the interviews of the audited campaign', async () => {
    const notes = await notesBySlug('auditeur');
    expect(Object.keys(notes).length).toBeGreaterThan(0);
    expect(Object.values(notes).every((shown) => shown === false)).toBe(true);
  });
});

describe('interview notes cannot leak by another path', () => {
  it('are not in the answer to an agent’s update of their own interview', async () => {
    const interview = await app.db.query('api::interview.interview').findOne({ where: { service: { slug: 'accueil-etat-civil' } } });
    const res = await http(app).put(`/api/interviews/${interview.documentId}`).set('Authorization', `Bearer ${jwt['agent.accueil']}`).send({ data: {} });
    expect(res.status).toBe(200);
    expect(res.body.data).not.toHaveProperty('notes');
  });

  it('are not sent back to whoever writes an interview from the front without reading notes, and an edit without them keeps them', async () => {
    const services = await app.db.query('api::service.service').findMany({ select: ['documentId', 'slug'], where: { slug: { $in: ['accueil-etat-civil', 'scolaire-periscolaire'] } } });
    const accueil = services.find((s: { slug: string }) => s.slug === 'accueil-etat-civil')!.documentId;
    const populate = 'populate[service][fields][0]=name&populate[service][fields][1]=slug&populate[campaign][fields][0]=name&populate[criteria][fields][0]=code&populate[criteria][fields][1]=title';
    const data = { service: accueil, date: '2026-04-02T08:30:00.000Z', interviewees: 'Mme Martin, agent d’accueil', interviewer: 'Agent d’accueil', notes: 'Propos confidentiels du front' };
    const created = await http(app).post(`/api/interviews?${populate}`).set('Authorization', `Bearer ${jwt['agent.accueil']}`).send({ data });
    expect(created.status).toBe(201);
    expect(created.body.data).not.toHaveProperty('notes');
    const id = created.body.data.documentId;
    // The item page's read (lib/documents.ts): the agent never gets them, the head and the référent do.
    expect((await get(`/api/interviews/${id}?${populate}`, 'agent.accueil')).body.data).not.toHaveProperty('notes');
    expect((await get(`/api/interviews/${id}?${populate}`, 'chef.accueil')).body.data.notes).toBe(data.notes);
    expect((await get(`/api/interviews/${id}?${populate}`, 'chef.scolaire')).status).toBe(404);
    // The form of whoever may not read them sends no notes: they are kept as they were.
    const edited = await http(app).put(`/api/interviews/${id}?${populate}`).set('Authorization', `Bearer ${jwt['agent.accueil']}`).send({ data: { interviewer: 'Agent d’accueil (relu)' } });
    expect(edited.status).toBe(200);
    expect(edited.body.data).not.toHaveProperty('notes');
    expect((await get(`/api/interviews/${id}`, 'qualite')).body.data).toMatchObject({ interviewer: 'Agent d’accueil (relu)', notes: data.notes });
  });

  it('are not in interviews embedded in evaluations', async () => {
    const interview = await app.db.query('api::interview.interview').findOne({ where: { service: { slug: 'accueil-etat-civil' } } });
    const evaluation = await app.db.query('api::evaluation.evaluation').findOne({ where: { service: { slug: 'accueil-etat-civil' }, workflowState: 'draft' } });
    await app.db.query('api::evaluation.evaluation').update({ where: { id: evaluation.id }, data: { interviews: [interview.id] } });
    const path = `/api/evaluations/${evaluation.documentId}?populate[interviews][fields][0]=notes&populate[interviews][fields][1]=interviewees`;
    const agent = await get(path, 'agent.accueil');
    expect(agent.status).toBe(200);
    expect(agent.body.data.interviews[0]).toHaveProperty('interviewees');
    expect(agent.body.data.interviews[0]).not.toHaveProperty('notes');
    expect((await get(path, 'qualite')).body.data.interviews[0].notes).toBe(interview.notes);
  });

  it.each([
    '/api/interviews?filters[notes][$containsi]=affluence',
    '/api/interviews?sort=notes:asc',
    '/api/interviews?_q=affluence',
    '/api/evaluations?filters[interviews][notes][$startsWith]=A',
  ])('cannot be searched, sorted or filtered on by an agent: %s', async (path) => {
    const res = await get(path, 'agent.accueil');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/notes d’entretien sont réservés/);
    expect((await get(path, 'qualite')).status).toBe(200);
  });
});

describe('accounts without a business role', () => {
  it('do not read the history of a draft charter principle', async () => {
    const role = await app.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
    await app.plugin('users-permissions').service('user').add({
      username: 'sans.role', email: 'sans.role@demo.local', password: 'Charte-Accueil-2026', provider: 'local', confirmed: true, role: role.id,
    });
    const token = await login(app, 'sans.role@demo.local');
    const principle = await app.db.query('api::charter-principle.charter-principle').findOne({ where: { order: 1 } });
    const res = await http(app).get(`/api/workflow/charter-principles/${principle.documentId}/history`).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(404);
  });
});
