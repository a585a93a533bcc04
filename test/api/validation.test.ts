import type { Core } from '@strapi/strapi';
import { adminLogin, http, startStrapi, stopStrapi } from '../helpers/strapi';

let app: Core.Strapi;
let adminJwt: string;
beforeAll(async () => {
  app = await startStrapi();
  adminJwt = await adminLogin(app, 'referentiel@demo.local');
});
afterAll(() => stopStrapi(app));

const CM = '/content-manager/collection-types';
const createInAdmin = (uid: string, data: Record<string, unknown>) =>
  http(app).post(`${CM}/${uid}`).set('Authorization', `Bearer ${adminJwt}`).send(data);

async function themeOf(referentialCode: string, themeCode: string) {
  return app.db.query('api::theme.theme').findOne({ where: { code: themeCode, referential: { code: referentialCode } } });
}

describe('validation through the admin panel (Content Manager)', () => {
  it('refuses a criterion without title or with a weight of 0, and writes nothing', async () => {
    const before = await app.db.query('api::criterion.criterion').count();
    const theme = await themeOf('qualivilles-ville', 'QV-A');
    const noTitle = await createInAdmin('api::criterion.criterion', { code: 'QV-99', weight: 1, theme: { connect: [{ id: theme.id }] } });
    expect(noTitle.status).toBe(400);
    const zeroWeight = await createInAdmin('api::criterion.criterion', { code: 'QV-99', title: 'Essai', weight: 0 });
    expect(zeroWeight.status).toBe(400);
    expect(await app.db.query('api::criterion.criterion').count()).toBe(before);
  });

  it('refuses a criterion code already used in the same référentiel, in French', async () => {
    const theme = await themeOf('qualivilles-ville', 'QV-B');
    const res = await createInAdmin('api::criterion.criterion', {
      code: 'QV-07',
      title: 'Doublon',
      weight: 1,
      theme: { connect: [{ id: theme.id }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Le code « QV-07 » est déjà utilisé par un autre engagement de ce référentiel.');
    expect(await app.db.query('api::criterion.criterion').count({ where: { code: 'QV-07' } })).toBe(1);
  });

  it('accepts the same code in another référentiel', async () => {
    const theme = await themeOf('marianne-2016', 'MAR-A');
    const res = await createInAdmin('api::criterion.criterion', {
      code: 'QV-07',
      title: 'Même code, autre référentiel',
      weight: 1,
      theme: { connect: [{ id: theme.id }] },
    });
    expect(res.status).toBe(201);
    await app.documents('api::criterion.criterion').delete({ documentId: res.body.data.documentId });
  });

  it('refuses to rename a theme to a code its référentiel already has', async () => {
    const theme = await themeOf('qualivilles-ville', 'QV-D');
    const res = await http(app)
      .put(`${CM}/api::theme.theme/${theme.documentId}`)
      .set('Authorization', `Bearer ${adminJwt}`)
      .send({ code: 'QV-A', title: theme.title });
    expect(res.status).toBe(400);
    expect((await app.db.query('api::theme.theme').findOne({ where: { id: theme.id } })).code).toBe('QV-D');
  });

  it('forbids the référentiel editor any other type', async () => {
    const res = await createInAdmin('api::campaign.campaign', { name: 'Hors périmètre', kind: 'diagnostic', startDate: '2026-01-01' });
    expect(res.status).toBe(403);
  });
});

describe('validation whatever the door (Document Service)', () => {
  it('refuses a campaign that ends before it starts', async () => {
    await expect(
      app.documents('api::campaign.campaign').create({ data: { name: 'À l’envers', kind: 'diagnostic', startDate: '2026-06-01', endDate: '2026-01-01' } }),
    ).rejects.toThrow('La date de fin de la campagne précède sa date de début.');
  });

  it('refuses a roadmap progress outside 0–100', async () => {
    await expect(
      app.documents('api::roadmap-action.roadmap-action').create({ data: { title: 'Trop', owner: 'Moi', priority: 'haute', actionStatus: 'a-lancer', progress: 150 } }),
    ).rejects.toThrow();
    expect(await app.db.query('api::roadmap-action.roadmap-action').count({ where: { title: 'Trop' } })).toBe(0);
  });

  it('refuses an unknown enumeration value', async () => {
    await expect(
      app.documents('api::complaint.complaint').create({
        data: { subject: 'Test', receivedAt: '2026-03-01', channel: 'pigeon' as never, kind: 'reclamation' },
      }),
    ).rejects.toThrow();
  });
});

describe('NUL characters, which PostgreSQL text cannot store', () => {
  it('are refused with a 400 in a body, a path or a filter, and nothing is written', async () => {
    const jwtAgent = (await http(app).post('/api/auth/local').send({ identifier: 'agent.accueil@demo.local', password: 'Charte-Accueil-2026' })).body.jwt;
    const before = await app.db.query('api::evaluation.evaluation').count();
    const auth = { Authorization: `Bearer ${jwtAgent}` };
    const body = await http(app).post('/api/evaluations').set(auth).send({ data: { findings: 'a\u0000b' } });
    expect(body.status).toBe(400);
    expect(body.body.error.message).toMatch(/caractère nul/);
    expect((await http(app).get('/api/evaluations/%00').set(auth)).status).toBe(400);
    expect((await http(app).get('/api/evaluations?filters[findings][$eq]=%00').set(auth)).status).toBe(400);
    expect(await app.db.query('api::evaluation.evaluation').count()).toBe(before);
    await expect(app.documents('api::theme.theme').create({ data: { code: 'X\u0000', title: 'Nul' } })).rejects.toThrow(/caractère nul/);
  });
});
