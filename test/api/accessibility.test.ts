import path from 'node:path';
import { accessibilityStatementSchema, bilanSchema, registerPageSchema, submissionReceiptSchema } from '@charte/contract/schemas';
import type { Core } from '@strapi/strapi';
import { testDistDir } from '../helpers/compiled-cms';
import { expectContract } from '../helpers/contract';
import { startMailCatcher } from '../helpers/mail-catcher';
import { sqlOf, untilMailsSent } from '../helpers/mail-queue';
import { http, login, startStrapi, stopStrapi } from '../helpers/strapi';

/**
 * The RGAA obligations over HTTP: the accessibility statement (config/accessibility.yaml) and the
 * accessibility requests, entries of the complaints register of their own kind and deadline.
 */
const COMPLAINT = 'api::complaint.complaint';
let app: Core.Strapi;
let catcher: Awaited<ReturnType<typeof startMailCatcher>>;
const jwt: Record<string, string> = {};

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
const day = (offset: number) => new Date(Date.parse(`${today()}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  catcher = await startMailCatcher();
  process.env.SMTP_HOST = '127.0.0.1';
  process.env.SMTP_PORT = String(catcher.port);
  app = await startStrapi();
  for (const who of ['qualite', 'chef.accueil']) jwt[who] = await login(app, `${who}@demo.local`);
});
afterAll(async () => {
  await stopStrapi(app);
  await catcher.close();
  delete process.env.SMTP_HOST;
  delete process.env.SMTP_PORT;
});
beforeEach(() => app.db.connection.raw(`delete from charte_rate_limits where key like '%complaint%'`).catch(() => undefined));

/** Every row of the staff register in `state`, all pages read. */
async function registerRows(state: string) {
  const rows: { reference: string; kind: string; subject: string; dueDate: string }[] = [];
  for (let page = 1; ; page += 1) {
    const res = await http(app).get(`/api/complaints-register?state=${state}&page=${page}`).set('Authorization', `Bearer ${jwt.qualite}`).expect(200);
    const body = expectContract(registerPageSchema, res.body);
    rows.push(...body.data);
    if (page * body.meta.pageSize >= body.meta.total) return rows;
  }
}

const report = (extra: Record<string, unknown> = {}) =>
  http(app)
    .post('/api/public/complaints')
    .send({ data: { kind: 'accessibilite', subject: `Formulaire illisible ${Date.now()}`, description: 'Le lecteur d’écran ne lit pas les boutons du formulaire.', ...extra } });

describe('accessibility statement', () => {
  it('is served to anyone, with the mention computed from the file: no audit recorded, « non conforme »', async () => {
    const res = await http(app).get('/api/accessibility').expect(200);
    const statement = expectContract(accessibilityStatementSchema, res.body.data);
    expect(statement).toMatchObject({ demo: true, audit: null, conformity: 'non', conformityReason: 'Aucun audit de conformité au RGAA n’a encore été réalisé.' });
    expect(statement.schema.to - statement.schema.from).toBeLessThan(3);
    expect(statement.currentYear).toBe(Number(today().slice(0, 4)));
    expect(statement.plans.every((p) => p.year >= statement.schema.from && p.year <= statement.schema.to)).toBe(true);
  });
});

describe('accessibility requests', () => {
  it('enter the complaints register with their kind, due within 7 days, acknowledged like any online request', async () => {
    const res = await report({ contactName: 'Inès Robert', contactEmail: 'ines.robert@exemple.fr' });
    expect(res.status).toBe(201);
    const receipt = expectContract(submissionReceiptSchema, res.body.data);
    expect(receipt).toMatchObject({ receivedAt: today(), dueDate: day(7), deadlineDays: 7 });
    const id = Number(receipt.reference.split('-')[2]);
    expect(await app.db.query(COMPLAINT).findOne({ where: { id } })).toMatchObject({ kind: 'accessibilite', channel: 'formulaire-en-ligne', receivedAt: today() });

    await untilMailsSent(sqlOf(app));
    const ack = catcher.mails.find((m) => m.to === 'ines.robert@exemple.fr' && m.text.includes(receipt.reference));
    expect(ack?.text).toContain('Nous avons bien reçu votre demande d’accessibilité le ');
    const alert = catcher.mails.find((m) => m.to.includes('qualite@demo.local') && m.subject.includes(receipt.reference));
    expect(alert?.subject).toBe(`[Charte d’accueil] Nouvelle demande d’accessibilité en ligne : ${receipt.reference}`);

    // The register shows it with its own due date; the follow-up page too.
    const row = (await registerRows('open')).find((r) => r.reference === receipt.reference);
    expect(row).toMatchObject({ kind: 'accessibilite', dueDate: day(7) });
    const followUp = await http(app).post('/api/public/complaints/follow-up').send({ reference: receipt.reference, code: receipt.followUpCode }).expect(200);
    expect(followUp.body.data).toMatchObject({ kind: 'accessibilite', dueDate: day(7), status: 'received' });
  });

  it('are refused like any public form when malformed, with the French message naming the three kinds', async () => {
    const before = await app.db.query(COMPLAINT).count({});
    const res = await report({ kind: 'accessibility' }).expect(400);
    expect(res.body.error.message).toBe('Précisez s’il s’agit d’une réclamation, d’une suggestion ou d’un problème d’accessibilité.');
    expect(await app.db.query(COMPLAINT).count({})).toBe(before);
  });

  it('count in the annual bilan and in the reminders, late after 7 days where a complaint still has 15', async () => {
    // Entered by a head of service for requests received by mail 8 days ago (in their service): late
    // as an accessibility request, still in time as a complaint.
    const entry = (kind: string, subject: string) =>
      http(app)
        .post('/api/complaints')
        .set('Authorization', `Bearer ${jwt['chef.accueil']}`)
        .send({ data: { kind, channel: 'courriel', receivedAt: day(-8), subject, description: 'Reçue par courriel.' } })
        .expect(201);
    await entry('accessibilite', 'Vidéo sans sous-titres');
    await entry('reclamation', 'Attente au guichet');
    const year = Number(day(-8).slice(0, 4));
    const bilan = expectContract(bilanSchema, (await http(app).get(`/api/complaints-report/bilan?year=${year}`).set('Authorization', `Bearer ${jwt.qualite}`).expect(200)).body.data);
    expect(bilan.byKind.find((k) => k.key === 'accessibilite')).toMatchObject({ label: 'Demande d’accessibilité', count: expect.any(Number) });
    const overdue = (await registerRows('overdue')).map((r) => r.subject);
    expect(overdue).toContain('Vidéo sans sous-titres');
    expect(overdue).not.toContain('Attente au guichet');

    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiled module the running cms uses
    const { runScheduledJob } = require(path.join(testDistDir(), 'src', 'platform', 'jobs', 'scheduled-jobs'));
    await runScheduledJob(app, 'complaints-reminders', new Date());
    const reminder = await catcher.waitFor((m) => m.to.includes('chef.accueil@demo.local') && m.subject.includes('Réclamations à traiter') && m.text.includes('Vidéo sans sous-titres'));
    expect(reminder.text).toMatch(/« Vidéo sans sous-titres » \(Accueil \/ État civil\) — reçue le .*, à traiter au plus tard le .* : en retard de 1 jour/);
  }, 60_000);
});
