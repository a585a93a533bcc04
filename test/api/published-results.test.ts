import { publishedResultsSchema } from '@charte/contract/schemas';
import type { Core } from '@strapi/strapi';
import { expectContract } from '../helpers/contract';
import { demoIds } from '../helpers/fixtures';
import { http, login, startStrapi, stopStrapi } from '../helpers/strapi';

const MEASURE = 'api::measure.measure';
const PRINCIPLE = 'api::charter-principle.charter-principle';
let app: Core.Strapi;
let ids: Awaited<ReturnType<typeof demoIds>>;

async function indicatorId(code: string): Promise<number> {
  return (await app.db.query('api::indicator.indicator').findOne({ select: ['id'], where: { code } })).id;
}

async function measure(code: string, serviceId: number, period: string, value: number, state: string, comment?: string) {
  const created = (await app.documents(MEASURE as never).create({
    data: { indicator: await indicatorId(code), service: serviceId, period, value, comment, author: ids.agent.id } as never,
  })) as unknown as { documentId: string };
  await app.db.query(MEASURE).update({ where: { documentId: created.documentId }, data: { workflowState: state } });
}

beforeAll(async () => {
  app = await startStrapi();
  ids = await demoIds(app);
  // The demo town's year of measures aside: this suite dates its own and expects exactly them.
  await app.db.query(MEASURE).deleteMany({ where: {} });
  // The two demo principles that carry an indicator are approved; a third, not approved, carries QV-18-I1.
  for (const code of ['QV-17-I1', 'QV-27-I1']) {
    const principles = await app.db.query(PRINCIPLE).findMany({ select: ['id'], where: { indicator: { id: await indicatorId(code) } } });
    expect(principles).toHaveLength(1);
    await app.db.query(PRINCIPLE).updateMany({ where: { id: { $in: principles.map((p: { id: number }) => p.id) } }, data: { workflowState: 'approved' } });
  }
  await app.documents(PRINCIPLE as never).create({ data: { title: 'Principe en préparation', text: 'À venir', order: 50, indicator: await indicatorId('QV-18-I1') } as never });
  await measure('QV-18-I1', ids.accueil.id, '2026-03-01', 70, 'validated');
  // QV-17-I1 (days, target 15, lower is better): March is the latest validated period.
  await measure('QV-17-I1', ids.accueil.id, '2026-02-01', 7, 'validated');
  await measure('QV-17-I1', ids.accueil.id, '2026-03-01', 10, 'validated', 'Relevé par Julie Moreau');
  await measure('QV-17-I1', ids.scolaire.id, '2026-03-01', 20, 'validated');
  await measure('QV-17-I1', ids.scolaire.id, '2026-04-01', 1, 'submitted');
  await measure('QV-17-I1', ids.accueil.id, '2026-05-01', 2, 'draft');
}, 120_000);
afterAll(() => stopStrapi(app));

describe('GET /api/public/results', () => {
  it('needs no account, and answers the same to a signed-in agent', async () => {
    const anonymous = await http(app).get('/api/public/results');
    expect(anonymous.status).toBe(200);
    expectContract(publishedResultsSchema, anonymous.body);
    const jwt = await login(app, 'agent.accueil@demo.local');
    const signedIn = await http(app).get('/api/public/results').set('Authorization', `Bearer ${jwt}`);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.indicators).toEqual(anonymous.body.indicators);
  });

  it('is dated, in French', async () => {
    const { body } = await http(app).get('/api/public/results');
    expect(Math.abs(Date.parse(body.generatedAt) - Date.now())).toBeLessThan(60_000);
    expect(body.generatedOn).toMatch(/^Résultats publiés le \d{1,2}(er)? [a-zéû]+ \d{4}$/);
  });

  it('publishes the indicators of approved principles, from validated measures only', async () => {
    const { body } = await http(app).get('/api/public/results');
    expect(body.indicators.map((i: { code: string }) => i.code)).toEqual(['QV-17-I1', 'QV-27-I1']);
    const [qv17, qv27] = body.indicators;
    // Mean of the services' validated values for March: (10 + 20) / 2 = 15, on target (≤ 15).
    expect(qv17).toMatchObject({
      value: 15,
      target: 15,
      direction: 'lower',
      unit: 'jours',
      meetsTarget: true,
      period: { start: '2026-03-01', end: '2026-03-31', label: 'mars 2026' },
      services: [
        { service: 'Accueil / État civil', value: 10, meetsTarget: true },
        { service: 'Scolaire / Périscolaire', value: 20, meetsTarget: false },
      ],
    });
    expect(qv27).toMatchObject({ value: null, period: null, meetsTarget: null, services: [] });
  });

  it('holds nothing personal', async () => {
    const { text } = await http(app).get('/api/public/results');
    for (const personal of ['@', 'Julie', 'Moreau', 'agent.accueil', 'Relevé par', 'author', 'documentId']) expect([personal, text.includes(personal)]).toEqual([personal, false]);
  });

  it('gives the complaint response rate over the last twelve full months, and the latest survey’s satisfaction', async () => {
    const { body } = await http(app).get('/api/public/results');
    expect(body.complaints).toMatchObject({ deadlineDays: expect.any(Number), received: expect.any(Number) });
    expect(body.complaints.period.start < body.complaints.period.end).toBe(true);
    expect(body.complaints.period.label).toMatch(/^du 1er? .+ au \d{1,2} .+ \d{4}$/);
    expect(body.complaints.answeredInTime).toBeLessThanOrEqual(body.complaints.received);
    if (body.satisfaction) {
      expect(body.satisfaction).toMatchObject({ survey: expect.any(String), responses: expect.any(Number), targetPercent: expect.any(Number) });
    }
  });
});
