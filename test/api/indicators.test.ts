import { indicatorsOverviewSchema, indicatorTrendSchema } from '@charte/contract/schemas';
import type { Core } from '@strapi/strapi';
import { expectContract } from '../helpers/contract';
import { demoIds } from '../helpers/fixtures';
import { startMailCatcher } from '../helpers/mail-catcher';
import { http, login, startStrapi, stopStrapi } from '../helpers/strapi';
import path from 'node:path';
import { testDistDir } from '../helpers/compiled-cms';

const MEASURE = 'api::measure.measure';
let app: Core.Strapi;
let ids: Awaited<ReturnType<typeof demoIds>>;
let catcher: Awaited<ReturnType<typeof startMailCatcher>>;
const jwt: Record<string, string> = {};
const indicators: Record<string, { id: number; documentId: string }> = {};

beforeAll(async () => {
  catcher = await startMailCatcher();
  process.env.SMTP_HOST = '127.0.0.1';
  process.env.SMTP_PORT = String(catcher.port);
  app = await startStrapi();
  ids = await demoIds(app);
  for (const who of ['agent.accueil', 'chef.accueil', 'chef.scolaire', 'qualite', 'dgs']) jwt[who] = await login(app, `${who}@demo.local`);
  // The demo town comes with a year of measures up to last month; this suite writes its own, on
  // dates it names, and counts them: it starts from a town that has none.
  await app.db.query(MEASURE).deleteMany({ where: {} });
  for (const code of ['QV-17-I1', 'QV-18-I1', 'QV-26-I1', 'QV-28-I1']) {
    indicators[code] = await app.db.query('api::indicator.indicator').findOne({ select: ['id', 'documentId'], where: { code } });
  }
}, 120_000);
afterAll(async () => {
  await stopStrapi(app);
  await catcher.close();
  delete process.env.SMTP_HOST;
  delete process.env.SMTP_PORT;
});

const as = (who: string | null, method: 'get' | 'post' | 'put', url: string) => {
  const req = http(app)[method](url);
  return who ? req.set('Authorization', `Bearer ${jwt[who]}`) : req;
};
const transition = (who: string, documentId: string, action: string, comment?: string) =>
  as(who, 'post', `/api/workflow/measures/${documentId}/transitions`).send({ action, comment });

/** A measure already validated, written below the API (the state is the fixture, not the subject). */
async function validated(code: string, serviceId: number, period: string, value: number) {
  const created = (await app.documents(MEASURE as never).create({ data: { indicator: indicators[code].id, service: serviceId, period, value } as never })) as unknown as {
    documentId: string;
  };
  await app.db.query(MEASURE).update({ where: { documentId: created.documentId }, data: { workflowState: 'validated' } });
  return created.documentId;
}

describe('measures follow the workflow', () => {
  let documentId: string;

  it('lets an agent enter a measure for their service, dated by the first day of the indicator’s period', async () => {
    const res = await as('agent.accueil', 'post', '/api/measures').send({ data: { indicator: indicators['QV-17-I1'].documentId, period: '2026-03-17', value: 12, comment: 'Relevé du registre' } });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ period: '2026-03-01', workflowState: 'draft' });
    documentId = res.body.data.documentId;
    const row = await app.db.query(MEASURE).findOne({ where: { documentId }, populate: { service: true, author: true } });
    expect(row.service.id).toBe(ids.accueil.id);
    expect(row.author.id).toBe(ids.agent.id);

    const quarterly = await as('agent.accueil', 'post', '/api/measures').send({ data: { indicator: indicators['QV-26-I1'].documentId, period: '2026-05-20', value: 95 } });
    expect(quarterly.status).toBe(201);
    expect(quarterly.body.data.period).toBe('2026-04-01');
  });

  it('refuses a second measure of the same indicator, service and period, in French', async () => {
    const res = await as('chef.accueil', 'post', '/api/measures').send({ data: { indicator: indicators['QV-17-I1'].documentId, period: '2026-03-30', value: 9 } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Une mesure de cet indicateur existe déjà pour ce service et cette période (mars 2026) : modifiez-la plutôt que d’en saisir une autre.',
    );
    expect(await app.db.query(MEASURE).count({ where: { indicator: { id: indicators['QV-17-I1'].id }, service: { id: ids.accueil.id }, period: '2026-03-01' } })).toBe(1);
  });

  it('keeps one measure when two identical entries arrive at once', async () => {
    const body = { data: { indicator: indicators['QV-18-I1'].documentId, period: '2026-02-10', value: 80 } };
    const results = await Promise.all([1, 2, 3].map(() => as('agent.accueil', 'post', '/api/measures').send(body)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 400, 400]);
  });

  it('refuses bad input with a French 400 and writes nothing', async () => {
    const before = await app.db.query(MEASURE).count();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ indicator: indicators['QV-18-I1'].documentId, period: '2026-01-01', value: 140 }, /pourcentage est comprise entre 0 et 100/],
      [{ indicator: indicators['QV-18-I1'].documentId, period: '2026-02-30', value: 40 }, /pas une date valide/],
      [{ period: '2026-01-01', value: 40 }, /Choisissez l’indicateur mesuré/],
      [{ indicator: indicators['QV-17-I1'].documentId, period: '2026-01-01', value: -3 }, /négative/],
    ];
    for (const [data, message] of cases) {
      const res = await as('agent.accueil', 'post', '/api/measures').send({ data });
      expect([JSON.stringify(data), res.status]).toEqual([JSON.stringify(data), 400]);
      expect(res.body.error.message).toMatch(message);
    }
    expect(await app.db.query(MEASURE).count()).toBe(before);
  });

  it('refuses a measure for another service', async () => {
    const res = await as('agent.accueil', 'post', '/api/measures').send({
      data: { indicator: indicators['QV-17-I1'].documentId, service: ids.scolaire.documentId, period: '2026-03-01', value: 3 },
    });
    expect(res.status).toBe(403);
  });

  it('is submitted by the agent and validated by the head of that service only', async () => {
    expect((await transition('agent.accueil', documentId, 'submit')).status).toBe(200);
    expect((await transition('agent.accueil', documentId, 'validate')).status).toBe(403);
    expect((await transition('chef.scolaire', documentId, 'validate')).status).toBe(403);
    expect((await transition('dgs', documentId, 'validate')).status).toBe(403);
    const res = await transition('chef.accueil', documentId, 'validate');
    expect(res.status).toBe(200);
    expect((await app.db.query(MEASURE).findOne({ where: { documentId } })).workflowState).toBe('validated');
    // Validated: read-only until the head reopens it.
    const edit = await as('agent.accueil', 'put', `/api/measures/${documentId}`).send({ data: { value: 1 } });
    expect(edit.status).toBe(400);
    expect(edit.body.error.message).toMatch(/il ne peut plus être modifié/);
    expect((await transition('chef.accueil', documentId, 'reopen')).status).toBe(400); // comment required
    expect((await transition('chef.accueil', documentId, 'reopen', 'Erreur de relevé')).status).toBe(200);
    expect((await as('agent.accueil', 'put', `/api/measures/${documentId}`).send({ data: { value: 11 } })).status).toBe(200);
  });

  it('appears in the head’s inbox once submitted, titled by indicator and period', async () => {
    expect((await transition('agent.accueil', documentId, 'submit')).status).toBe(200);
    const inbox = await as('chef.accueil', 'get', '/api/workflow/inbox?type=measures&pageSize=100');
    expect(inbox.status).toBe(200);
    const item = inbox.body.data.groups.flatMap((g: { items: { documentId: string }[] }) => g.items).find((i: { documentId: string }) => i.documentId === documentId);
    expect(item).toMatchObject({ collection: 'measures', title: 'QV-17-I1 — mars 2026' });
    expect(item.actions.map((a: { action: string }) => a.action).sort()).toEqual(['reject', 'validate']);
    expect((await transition('chef.accueil', documentId, 'validate')).status).toBe(200);
  });
});

describe('indicator figures (SQL endpoints)', () => {
  // QV-17-I1: monthly, in days, target 15, lower is better.
  beforeAll(async () => {
    await validated('QV-17-I1', ids.accueil.id, '2026-01-01', 20);
    await validated('QV-17-I1', ids.accueil.id, '2026-02-01', 14);
    await validated('QV-17-I1', ids.scolaire.id, '2026-01-01', 10);
    await validated('QV-17-I1', ids.scolaire.id, '2026-02-01', 16.5);
    // Entered but not validated: never counted.
    await app.documents(MEASURE as never).create({ data: { indicator: indicators['QV-17-I1'].id, service: ids.scolaire.id, period: '2026-04-01', value: 1 } as never });
  });

  it('gives each service’s latest validated value against the target', async () => {
    const res = await as('dgs', 'get', '/api/indicators-report');
    expect(res.status).toBe(200);
    expectContract(indicatorsOverviewSchema, res.body);
    const qv17 = res.body.indicators.find((i: { code: string }) => i.code === 'QV-17-I1');
    expect(qv17).toMatchObject({ target: 15, direction: 'lower', frequency: 'mensuelle', unit: 'jours' });
    const bySlug = Object.fromEntries(qv17.latest.map((l: { service: { slug: string } }) => [l.service.slug, l]));
    // accueil: March (11 days, validated above) is later than February.
    expect(bySlug['accueil-etat-civil']).toMatchObject({ value: 11, meetsTarget: true, period: { start: '2026-03-01', end: '2026-03-31', label: 'mars 2026' } });
    expect(bySlug['scolaire-periscolaire']).toMatchObject({ value: 16.5, meetsTarget: false, period: { start: '2026-02-01' } });
    expect(Object.keys(bySlug).sort()).toEqual(['accueil-etat-civil', 'scolaire-periscolaire']);
  });

  it('shows an agent only their own services', async () => {
    const res = await as('agent.accueil', 'get', '/api/indicators-report');
    const qv17 = res.body.indicators.find((i: { code: string }) => i.code === 'QV-17-I1');
    expect(qv17.latest.map((l: { service: { slug: string } }) => l.service.slug)).toEqual(['accueil-etat-civil']);
    expect((await as(null, 'get', '/api/indicators-report')).status).toBe(403);
  });

  it('draws the trend of validated values per service over the last periods', async () => {
    const res = await as('dgs', 'get', `/api/indicators-report/${indicators['QV-17-I1'].documentId}/trend?periods=120`);
    expect(res.status).toBe(200);
    expectContract(indicatorTrendSchema, res.body);
    const at = (start: string) => res.body.periods.findIndex((p: { start: string }) => p.start === start);
    const series = Object.fromEntries(res.body.series.map((s: { service: { slug: string }; values: (number | null)[] }) => [s.service.slug, s.values]));
    expect(series['accueil-etat-civil'][at('2026-01-01')]).toBe(20);
    expect(series['accueil-etat-civil'][at('2026-02-01')]).toBe(14);
    expect(series['accueil-etat-civil'][at('2026-03-01')]).toBe(11);
    expect(series['scolaire-periscolaire'][at('2026-02-01')]).toBe(16.5);
    expect(series['scolaire-periscolaire'][at('2026-04-01')]).toBeNull();
    expect(res.body.indicator.target).toBe(15);
    expect(res.body.periods).toHaveLength(120);
  });

  it('answers 400 and 404 in French for a bad request', async () => {
    const bad = await as('dgs', 'get', `/api/indicators-report/${indicators['QV-17-I1'].documentId}/trend?periods=0`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/entier entre 1 et 120/);
    const missing = await as('dgs', 'get', '/api/indicators-report/inconnu0000/trend');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('Cet indicateur n’existe pas (ou plus).');
  });
});

describe('monthly reminder of missing measures', () => {
  // The compiled module the running cms uses: its pg-boss is the started one.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const runScheduledJob = (...args: unknown[]) => require(path.join(testDistDir(), 'src', 'platform', 'jobs', 'scheduled-jobs')).runScheduledJob(...args);
  const reminderJobs = async () =>
    Number((await app.db.connection.raw(`select count(*)::int as n from pgboss.job where name = 'workflow-mail' and data->>'subject' like '%Mesures à saisir%'`)).rows[0].n);

  it('tells each head which measures of the last ended period are missing, once', async () => {
    // On 10 May 2026: April for monthly indicators, the first quarter for quarterly ones, 2025 for yearly ones.
    await validated('QV-17-I1', ids.accueil.id, '2026-04-01', 9);
    const submitted = (await app.documents(MEASURE as never).create({ data: { indicator: indicators['QV-18-I1'].id, service: ids.accueil.id, period: '2026-04-01', value: 99 } as never })) as unknown as { documentId: string };
    await app.db.query(MEASURE).update({ where: { documentId: submitted.documentId }, data: { workflowState: 'submitted' } });
    await app.documents(MEASURE as never).create({ data: { indicator: indicators['QV-28-I1'].id, service: ids.accueil.id, period: '2025-01-01', value: 1 } as never }); // a draft: still missing

    const now = new Date('2026-05-10T06:00:00Z');
    await runScheduledJob(app, 'measures-reminders', now);
    const mail = await catcher.waitFor((m) => m.to.includes('chef.accueil@demo.local') && m.subject.includes('Mesures à saisir'));
    expect(mail.subject).toBe('[Charte d’accueil] Mesures à saisir : Accueil / État civil');
    expect(mail.text).toContain('Bonjour Karim Benali,');
    expect(mail.text).not.toContain('QV-17-I1'); // validated
    expect(mail.text).not.toContain('QV-18-I1'); // submitted counts as entered
    expect(mail.text).not.toContain('QV-26-I1'); // its criterion applies to the school and early-childhood services only
    expect(mail.text).toContain('QV-27-I1 — Délai maximal de réponse aux suggestions et réclamations : 1er trimestre 2026');
    expect(mail.text).toContain('QV-28-I1 — Nombre d’enquêtes de satisfaction réalisées dans l’année : 2025');
    expect(mail.text).toMatch(/\/indicateurs/);
    await catcher.waitFor((m) => m.to.includes('chef.scolaire@demo.local') && m.text.includes('QV-17-I1') && m.text.includes('avril 2026'));

    const queued = await reminderJobs();
    expect(queued).toBeGreaterThanOrEqual(4); // one per service head
    await runScheduledJob(app, 'measures-reminders', now);
    await runScheduledJob(app, 'measures-reminders', new Date('2026-05-25T06:00:00Z'));
    expect(await reminderJobs()).toBe(queued);
    // Next month, April's gaps are not repeated, May's are new.
    await runScheduledJob(app, 'measures-reminders', new Date('2026-06-03T06:00:00Z'));
    expect(await reminderJobs()).toBe(queued * 2);
  });
});
