import path from 'node:path';
import { bilanSchema, registerPageSchema, submissionReceiptSchema, yearResponseRateSchema } from '@charte/contract/schemas';
import type { Core } from '@strapi/strapi';
import ExcelJS from 'exceljs';
import { demoIds } from '../helpers/fixtures';
import { testDistDir } from '../helpers/compiled-cms';
import { expectContract } from '../helpers/contract';
import { startMailCatcher } from '../helpers/mail-catcher';
import { sqlOf, untilMailsSent } from '../helpers/mail-queue';
import { http, login, startStrapi, stopStrapi } from '../helpers/strapi';

const COMPLAINT = 'api::complaint.complaint';
let app: Core.Strapi;
let ids: Awaited<ReturnType<typeof demoIds>>;
let catcher: Awaited<ReturnType<typeof startMailCatcher>>;
const jwt: Record<string, string> = {};

/** Today in the town's time zone, and a day relative to it. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
const day = (offset: number) => new Date(Date.parse(`${today()}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  catcher = await startMailCatcher();
  process.env.SMTP_HOST = '127.0.0.1';
  process.env.SMTP_PORT = String(catcher.port);
  app = await startStrapi();
  ids = await demoIds(app);
  for (const who of ['agent.accueil', 'chef.accueil', 'chef.scolaire', 'qualite', 'dgs']) jwt[who] = await login(app, `${who}@demo.local`);
});
afterAll(async () => {
  await stopStrapi(app);
  await catcher.close();
  delete process.env.SMTP_HOST;
  delete process.env.SMTP_PORT;
});

const as = (who: string | null, req: ReturnType<ReturnType<typeof http>['get']>) => (who ? req.set('Authorization', `Bearer ${jwt[who]}`) : req);
const get = (url: string, who: string | null) => as(who, http(app).get(url));
const post = (url: string, who: string | null, body: unknown) => as(who, http(app).post(url)).send(body as object);
const put = (url: string, who: string | null, body: unknown) => as(who, http(app).put(url)).send(body as object);
const stored = (documentId: string) => app.db.query(COMPLAINT).findOne({ where: { documentId }, populate: { service: { select: ['id'] } } });
const count = () => app.db.query(COMPLAINT).count({});

const entry = (extra: Record<string, unknown> = {}) => ({
  data: { kind: 'reclamation', channel: 'courrier', receivedAt: day(-2), subject: 'Courrier sans réponse', description: 'Demande d’acte restée sans suite.', contactName: 'Jeanne Martin', contactEmail: 'jeanne.martin@exemple.fr', ...extra },
});

describe('staff entry, scoped by service', () => {
  it('lets an agent record a complaint of their service, attached to it', async () => {
    const res = await post('/api/complaints', 'agent.accueil', entry());
    expect(res.status).toBe(201);
    expect((await stored(res.body.data.documentId)).service.id).toBe(ids.accueil.id);
  });

  it('refuses an agent attaching a complaint to another service', async () => {
    const before = await count();
    const res = await post('/api/complaints', 'agent.accueil', entry({ service: ids.scolaire.id }));
    expect(res.status).toBe(403);
    expect(await count()).toBe(before);
  });

  it('hides a service’s complaints — and their contact details — from another service and from the public', async () => {
    const created = (await post('/api/complaints', 'chef.accueil', entry({ contactEmail: 'secret.usager@exemple.fr' }))).body.data;
    expect((await get(`/api/complaints/${created.documentId}`, 'chef.scolaire')).status).toBe(404);
    const list = await get('/api/complaints?pagination[pageSize]=100', 'chef.scolaire');
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain('secret.usager@exemple.fr');
    expect((await put(`/api/complaints/${created.documentId}`, 'chef.scolaire', { data: { outcome: 'x' } })).status).toBe(404);
    expect((await get('/api/complaints', null)).status).toBe(403);
    expect((await get(`/api/complaints/${created.documentId}`, null)).status).toBe(403);
    const register = await get('/api/complaints-register?state=all', 'chef.scolaire');
    expect(JSON.stringify(register.body)).not.toContain(created.documentId);
    // The référent qualité sees and edits every service's complaints; the DGS only reads them.
    expect((await get(`/api/complaints/${created.documentId}`, 'qualite')).body.data.contactEmail).toBe('secret.usager@exemple.fr');
    const answered = await put(`/api/complaints/${created.documentId}`, 'qualite', { data: { answeredAt: day(0), outcome: 'Acte envoyé.' } });
    expect(answered.status).toBe(200);
    expect((await put(`/api/complaints/${created.documentId}`, 'dgs', { data: { outcome: 'y' } })).status).toBe(403);
  });

  it('asks the référent qualité which service a new complaint belongs to', async () => {
    const res = await post('/api/complaints', 'qualite', entry());
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Précisez le service/);
  });

  it.each([
    ['an answer before receipt', { receivedAt: day(-5), answeredAt: day(-6) }, /date de réponse précède la date de réception/],
    ['an acknowledgement before receipt', { receivedAt: day(-5), acknowledgedAt: day(-7) }, /accusé de réception précède la date de réception/],
    ['a receipt in the future', { receivedAt: day(1) }, /date de réception ne peut pas être postérieure à aujourd’hui/],
    ['an answer in the future', { answeredAt: day(2) }, /date de réponse ne peut pas être postérieure à aujourd’hui/],
    ['an unknown channel', { channel: 'pigeon' }, /./],
    ['no subject', { subject: '' }, /./],
    ['a blank subject', { subject: '   ' }, /objet de la demande est obligatoire/],
  ])('answers 400 in French for %s, and writes nothing', async (_label, extra, message) => {
    const before = await count();
    const res = await post('/api/complaints', 'agent.accueil', entry(extra));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect(await count()).toBe(before);
  });

  it('checks the dates of an update against the stored ones', async () => {
    const created = (await post('/api/complaints', 'agent.accueil', entry({ receivedAt: day(-3) }))).body.data;
    const res = await put(`/api/complaints/${created.documentId}`, 'agent.accueil', { data: { answeredAt: day(-4) } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/précède la date de réception/);
    expect((await stored(created.documentId)).answeredAt).toBeNull();
  });
});

describe('public form', () => {
  const form = (extra: Record<string, unknown> = {}) => ({
    data: { kind: 'suggestion', subject: 'Horaires du samedi', description: 'Ouvrir la mairie le samedi matin serait pratique.', contactName: 'Paul Durand', contactEmail: 'paul.durand@exemple.fr', ...extra },
  });
  const resetLimits = () => app.db.connection.raw(`delete from charte_rate_limits where key like '%complaint%'`).catch(() => undefined);
  beforeEach(resetLimits);

  it('records a complaint received today through the online form, without login, and answers only its receipt', async () => {
    const res = await post('/api/public/complaints', null, form());
    expect(res.status).toBe(201);
    expectContract(submissionReceiptSchema, res.body.data);
    expect(Object.keys(res.body.data).sort()).toEqual(['deadlineDays', 'dueDate', 'followUpCode', 'receivedAt', 'reference']);
    expect(res.body.data).toMatchObject({ receivedAt: today(), deadlineDays: 15 });
    expect(res.body.data.reference).toMatch(/^REC-\d{4}-\d{5,}$/);
    const id = Number(res.body.data.reference.split('-')[2]);
    const row = await app.db.query(COMPLAINT).findOne({ where: { id }, populate: { service: { select: ['id'] } } });
    expect(row).toMatchObject({ channel: 'formulaire-en-ligne', kind: 'suggestion', receivedAt: today(), contactEmail: 'paul.durand@exemple.fr', service: null });
  });

  it('answers a filled honeypot like a success and stores nothing', async () => {
    const before = await count();
    const res = await post('/api/public/complaints', null, form({ siteWeb: 'http://spam.example' }));
    expect(res.status).toBe(201);
    expect(res.body.data.reference).toMatch(/^REC-/);
    expect(await count()).toBe(before);
  });

  it.each([
    ['an invalid e-mail', { contactEmail: 'pas-une-adresse' }, /adresse électronique n’est pas valide/],
    ['a missing description', { description: '' }, /Décrivez votre demande/],
    ['a field the town sets', { outcome: 'Réglé' }, /Champ non accepté : outcome/],
    ['an unknown kind', { kind: 'plainte' }, /réclamation, d’une suggestion ou d’un problème d’accessibilité/],
  ])('answers 400 in French for %s, and stores nothing', async (_label, extra, message) => {
    const before = await count();
    const res = await post('/api/public/complaints', null, form(extra));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect(await count()).toBe(before);
  });

  it('refuses an oversized form with 413', async () => {
    const before = await count();
    const res = await post('/api/public/complaints', null, form({ description: 'x'.repeat(40_000) }));
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(/trop volumineux/);
    expect(await count()).toBe(before);
  });

  it('answers 429 with Retry-After once one address has posted too often', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await post('/api/public/complaints', null, form({ siteWeb: 'robot' }))).status);
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    const refused = await post('/api/public/complaints', null, form());
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await resetLimits();
  });
});

describe('register, indicator and annual bilan', () => {
  /** 2024, calendar days, deadlines on a closed day moved to the next working day (config/complaints.yaml). */
  const fixtures2024 = [
    // received, answered, service, channel, subject — due date computed by hand
    { receivedAt: '2024-03-04', answeredAt: '2024-03-19', service: 'accueil', channel: 'courrier', subject: 'Horaires d’ouverture' }, // due 19/03: in time (last day)
    { receivedAt: '2024-03-17', answeredAt: '2024-04-02', service: 'accueil', channel: 'courriel', subject: ' horaires  d’ouverture' }, // 01/04 is Easter Monday → due 02/04: in time
    { receivedAt: '2024-06-03', answeredAt: '2024-06-20', service: 'accueil', channel: 'telephone', subject: 'Attente au guichet' }, // due 18/06: late
    { receivedAt: '2024-10-17', answeredAt: null, service: 'accueil', channel: 'guichet', subject: 'Dossier perdu' }, // 01/11 → due 04/11: still open, late
    { receivedAt: '2024-04-24', answeredAt: '2024-05-10', service: 'scolaire', channel: 'courrier', subject: 'Cantine' }, // 09/05 Ascension → due 10/05: in time
    { receivedAt: '2024-12-20', answeredAt: '2025-01-06', service: 'scolaire', channel: 'courriel', subject: 'Inscription' }, // 04/01/2025 Saturday → due 06/01: in time
    { receivedAt: '2024-07-01', answeredAt: '2024-07-10', service: null, channel: 'formulaire-en-ligne', subject: 'Parking', kind: 'suggestion' }, // due 16/07: in time
  ];
  const documentIds: string[] = [];

  beforeAll(async () => {
    for (const f of fixtures2024) {
      const created = (await app.documents(COMPLAINT).create({
        data: {
          kind: f.kind ?? 'reclamation',
          channel: f.channel,
          receivedAt: f.receivedAt,
          answeredAt: f.answeredAt,
          outcome: f.answeredAt ? 'Réponse envoyée.' : null,
          subject: f.subject,
          service: f.service ? ids[f.service as 'accueil' | 'scolaire'].id : null,
        } as never,
      })) as unknown as { documentId: string };
      documentIds.push(created.documentId);
    }
  });

  it('computes the response rate of a year, a still-open late complaint counting as late', async () => {
    const res = await get('/api/complaints-report/response-rate?year=2024', 'qualite');
    expect(res.status).toBe(200);
    expectContract(yearResponseRateSchema, res.body.data);
    expect(res.body.data).toEqual({ year: 2024, received: 7, answered: 6, answeredInTime: 5, pending: 0, rate: 71.4, deadlineDays: 15 });
    const accueil = await get(`/api/complaints-report/response-rate?year=2024&service=${ids.accueil.id}`, 'dgs');
    expect(accueil.body.data).toMatchObject({ received: 4, answered: 3, answeredInTime: 2, rate: 50 });
    // An agent's figures cover their own service only.
    expect((await get('/api/complaints-report/response-rate?year=2024', 'agent.accueil')).body.data).toMatchObject({ received: 4, answeredInTime: 2 });
    expect((await get(`/api/complaints-report/response-rate?year=2024&service=${ids.scolaire.id}`, 'agent.accueil')).status).toBe(404);
  });

  it('leaves complaints not yet due out of the rate', async () => {
    const res = await get('/api/complaints-report/response-rate', 'qualite');
    expect(res.status).toBe(200);
    expect(res.body.data.pending).toBeGreaterThan(0); // the complaints recorded today above
  });

  it('answers 400 in French for a bad year or service, 401 without session', async () => {
    expect((await get('/api/complaints-report/response-rate?year=24', 'qualite')).body.error.message).toMatch(/Année invalide/);
    expect((await get('/api/complaints-report/bilan?service=abc', 'qualite')).status).toBe(400);
    expect((await get('/api/complaints-register?state=lost', 'qualite')).body.error.message).toMatch(/État inconnu/);
    expect((await get('/api/complaints-report/bilan?year=2024', null)).status).toBe(403);
  });

  it('gives the annual bilan: counts by kind, channel, service, normalised subject, and delays', async () => {
    const res = await get('/api/complaints-report/bilan?year=2024', 'qualite');
    expect(res.status).toBe(200);
    expectContract(bilanSchema, res.body.data);
    const bilan = res.body.data;
    expect(bilan.total).toBe(7);
    const counts = (rows: { key: string; count: number }[]) => Object.fromEntries(rows.map((r) => [r.key, r.count]));
    expect(counts(bilan.byKind)).toEqual({ reclamation: 6, suggestion: 1 });
    expect(counts(bilan.byChannel)).toEqual({ courrier: 2, courriel: 2, telephone: 1, guichet: 1, 'formulaire-en-ligne': 1 });
    expect(bilan.byChannel.find((r: { key: string }) => r.key === 'telephone').label).toBe('Téléphone');
    expect(counts(bilan.byService)).toEqual({ [String(ids.accueil.id)]: 4, [String(ids.scolaire.id)]: 2, 'non-attribue': 1 });
    expect(bilan.byService.find((r: { key: string }) => r.key === String(ids.accueil.id))).toMatchObject({ answeredInTime: 2, lateOrOpenLate: 2 });
    expect(bilan.bySubject[0]).toMatchObject({ key: 'horaires d’ouverture', count: 2 });
    // Days to answer: 15, 16, 17, 16, 17, 9.
    expect(bilan.delays).toEqual({ answered: 6, averageDays: 15, medianDays: 16, maxDays: 17, stillOpenLate: 1 });
    expect(bilan.responseRate.rate).toBe(71.4);
    expect(bilan.byMonth.find((m: { month: number }) => m.month === 3).count).toBe(2);
    const mine = (await get('/api/complaints-report/bilan?year=2024', 'agent.accueil')).body.data;
    expect(mine.total).toBe(4);
  });

  it('downloads the bilan as a workbook', async () => {
    const res = await get('/api/complaints-report/bilan.xlsx?year=2024', 'dgs').buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body);
    const sheet = workbook.getWorksheet('Bilan 2024')!;
    const values: unknown[] = [];
    sheet.eachRow((row) => values.push(...(row.values as unknown[])));
    expect(values).toContain('Bilan des réclamations et suggestions 2024');
    expect(values).toContain('Demandes reçues');
    expect(values).toContain(71.4);
  });

  it('lists the register with due dates, the overdue first, within the caller’s services', async () => {
    const res = await get('/api/complaints-register?state=overdue', 'chef.accueil');
    expect(res.status).toBe(200);
    expectContract(registerPageSchema, res.body);
    const late = res.body.data.find((r: { documentId: string }) => r.documentId === documentIds[3]);
    expect(late).toMatchObject({ dueDate: '2024-11-04', status: 'overdue', service: { id: ids.accueil.id } });
    expect(late.daysLeft).toBeLessThan(0);
    expect(res.body.data.every((r: { status: string; service: { id: number } }) => r.status === 'overdue' && r.service.id === ids.accueil.id)).toBe(true);
    expect(JSON.stringify(res.body)).not.toMatch(/contactEmail|contactName/);
    const answered = (await get('/api/complaints-register?state=answered', 'qualite')).body.data;
    expect(answered.find((r: { documentId: string }) => r.documentId === documentIds[2]).status).toBe('answered-late');
    expect(answered.find((r: { documentId: string }) => r.documentId === documentIds[1])).toMatchObject({ status: 'answered-in-time', dueDate: '2024-04-02' });
  });
});

describe('daily reminder « complaints-reminders »', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiled module the running cms uses
  const { runScheduledJob } = require(path.join(testDistDir(), 'src', 'platform', 'jobs', 'scheduled-jobs'));
  const ours = () => catcher.mails.filter((m) => m.subject.includes('Réclamations à traiter'));

  it('mails the heads their overdue and soon-due complaints, once a day whatever the runs', async () => {
    const soon = (await post('/api/complaints', 'chef.scolaire', entry({ receivedAt: day(-15), subject: 'Échéance proche' }))).body.data;
    expect(soon.documentId).toBeDefined();
    const now = new Date();
    await runScheduledJob(app, 'complaints-reminders', now);
    await runScheduledJob(app, 'complaints-reminders', now); // a retry, or a second instance: nothing more
    const toAccueil = await catcher.waitFor((m) => m.to.includes('chef.accueil@demo.local') && m.subject.includes('Réclamations à traiter'));
    const toScolaire = await catcher.waitFor((m) => m.to.includes('chef.scolaire@demo.local') && m.subject.includes('Réclamations à traiter'));
    expect(toAccueil.text).toContain('Bonjour Karim Benali,');
    expect(toAccueil.text).toMatch(/En retard \(\d+\) :/);
    expect(toAccueil.text).toContain('« Dossier perdu » (Accueil / État civil) — reçue le 17 octobre 2024, à traiter au plus tard le 4 novembre 2024 : en retard de');
    expect(toAccueil.text).not.toContain('Cantine');
    expect(toScolaire.text).toContain('« Échéance proche »');
    expect(toScolaire.text).toMatch(/À traiter bientôt \(\d+\) :/);
    expect(toScolaire.text).toContain('/reclamations');

    // Every reminder queued has left (none in the outbox, no job to run): a double would be a job, and would be in the catcher by now.
    await untilMailsSent(sqlOf(app), 'Réclamations à traiter');
    const perRecipient = new Map<string, number>();
    for (const mail of ours()) perRecipient.set(mail.to, (perRecipient.get(mail.to) ?? 0) + 1);
    expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);

    // The next day, the reminder goes out again.
    await runScheduledJob(app, 'complaints-reminders', new Date(now.getTime() + 86_400_000));
    await catcher.waitFor(() => ours().filter((m) => m.to.includes('chef.accueil@demo.local')).length === 2);
  }, 60_000);
});
