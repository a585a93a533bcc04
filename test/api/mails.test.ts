import { mailPageSchema, mailRetriedSchema, mailStatusSchema, sessionSchema } from '@charte/contract/schemas';
import type { Core } from '@strapi/strapi';
import { expectContract } from '../helpers/contract';
import { demoIds, documentIn } from '../helpers/fixtures';
import { eventually } from '../helpers/eventually';
import { startMailCatcher } from '../helpers/mail-catcher';
import { mailJobs, sqlOf } from '../helpers/mail-queue';
import { adminLogin, http, login, startStrapi, stopStrapi } from '../helpers/strapi';

/**
 * « Mail failures reach a person »: a mail refused until its retries run out shows in the panel's
 * « Courriels » with the server's error, « Réessayer » sends it once the cause is gone, and the
 * référent qualité and the DGS see a banner while mails stop leaving. Real PostgreSQL, real SMTP.
 */
let app: Core.Strapi;
let ids: Awaited<ReturnType<typeof demoIds>>;
let catcher: Awaited<ReturnType<typeof startMailCatcher>>;
const jwt: Record<string, string> = {};
let admin: string;
let editor: string;
const sql = () => sqlOf(app);
const REFUSED = 'chef.accueil@demo.local';

beforeAll(async () => {
  catcher = await startMailCatcher();
  process.env.SMTP_HOST = '127.0.0.1';
  process.env.SMTP_PORT = String(catcher.port);
  // One retry, a second later: a refused mail is given up within seconds.
  process.env.MAIL_RETRY_LIMIT = '1';
  process.env.MAIL_RETRY_DELAY_SECONDS = '1';
  process.env.MAIL_OUTBOX_POLL_SECONDS = '1';
  process.env.MAIL_ALERT_MINUTES = '30';
  app = await startStrapi();
  ids = await demoIds(app);
  for (const who of ['agent.accueil', 'chef.accueil', 'qualite', 'dgs']) jwt[who] = await login(app, `${who}@demo.local`);
  admin = await adminLogin(app, 'admin@demo.local');
  editor = await adminLogin(app, 'referentiel@demo.local');
});
afterAll(async () => {
  await stopStrapi(app);
  await catcher.close();
  for (const name of ['SMTP_HOST', 'SMTP_PORT', 'MAIL_RETRY_LIMIT', 'MAIL_RETRY_DELAY_SECONDS', 'MAIL_OUTBOX_POLL_SECONDS', 'MAIL_ALERT_MINUTES']) delete process.env[name];
});

const mailsPage = (query: Record<string, string>, token = admin) => http(app).get('/charte-admin/mails').query(query).set('Authorization', `Bearer ${token}`);
const retry = (body: unknown, token = admin) => http(app).post('/charte-admin/mails/retry').set('Authorization', `Bearer ${token}`).send(body as object);
const mailStatus = (who: string | null) => {
  const req = http(app).get('/api/mail-status');
  return who ? req.set('Authorization', `Bearer ${jwt[who]}`) : req;
};
/** A mail queued as a transition queues it (a row of the outbox), with a marker of its own in its text. */
const queueMail = (to: string, marker: string) =>
  sql()(`insert into charte_mail_outbox (mails) values (?::jsonb)`, [JSON.stringify([{ to, subject: `[Charte d’accueil] Essai ${marker}`, text: `Courriel d’essai ${marker}` }])]);
const untilState = (marker: string, state: string) =>
  eventually(`le courriel « ${marker} » à l’état ${state}`, () => mailJobs(sql(), marker), (jobs) => jobs.length === 1 && jobs[0].state === state, { timeoutMs: 60_000, intervalMs: 100 });

let failedId: string;
let documentId: string;

describe('a mail refused until its retries run out', () => {
  it('shows among the failed mails, with the SMTP server’s error and its attempts', async () => {
    catcher.refuse(REFUSED);
    // The real path: an agent submits, the service's head is told.
    const doc = await documentIn(app, 'api::evaluation.evaluation', 'draft', { serviceId: ids.accueil.id, authorId: ids.agent.id, campaignId: ids.campaign.id, criterionId: ids.criterion.id });
    documentId = doc.documentId;
    await http(app).post(`/api/workflow/evaluations/${documentId}/transitions`).set('Authorization', `Bearer ${jwt['agent.accueil']}`).send({ action: 'submit' }).expect(200);
    const [job] = await untilState(documentId, 'failed');
    failedId = job.id;

    const res = await mailsPage({ state: 'failed' }).expect(200);
    const page = expectContract(mailPageSchema, res.body);
    const mail = page.data.find((m) => m.id === failedId);
    expect(mail).toEqual({
      id: failedId,
      state: 'failed',
      jobState: 'failed',
      to: REFUSED,
      subject: '[Charte d’accueil] À examiner : QV-01 — Une signalétique adaptée pour informer et accueillir',
      attempts: 2,
      lastError: expect.stringMatching(/452 Boîte pleine, réessayez plus tard/),
      createdAt: expect.any(String),
      lastAttemptAt: expect.any(String),
      nextAttemptAt: null,
      completedAt: expect.any(String),
    });
    // The counts are PostgreSQL's, for every state whichever one is listed.
    const [counts] = await sql()(
      `select count(*) filter (where state in ('created', 'retry', 'active'))::int as pending, count(*) filter (where state = 'completed')::int as sent,
              count(*) filter (where state = 'failed')::int as failed from pgboss.job where name = 'workflow-mail'`,
    );
    expect(page.meta.counts).toEqual(counts);
    expect(page.meta.pagination).toMatchObject({ page: 1, pageSize: 25, total: counts.failed });
    expect(catcher.mails.filter((m) => m.text.includes(documentId))).toEqual([]);
  });

  it('lists the other states, a page at a time, and refuses a state or a page it does not know, in French', async () => {
    await queueMail('agent.accueil@demo.local', 'premier-envoye');
    await queueMail('agent.accueil@demo.local', 'second-envoye');
    await untilState('premier-envoye', 'completed');
    await untilState('second-envoye', 'completed');
    const sent = expectContract(mailPageSchema, (await mailsPage({ state: 'sent', pageSize: '1' }).expect(200)).body);
    expect(sent.data).toHaveLength(1);
    expect(sent.data[0]).toMatchObject({ state: 'sent', to: 'agent.accueil@demo.local', attempts: 1, lastError: null, completedAt: expect.any(String) });
    expect(sent.meta.pagination.pageCount).toBe(sent.meta.counts.sent);
    const second = expectContract(mailPageSchema, (await mailsPage({ state: 'sent', pageSize: '1', page: '2' }).expect(200)).body);
    expect(second.data[0].id).not.toBe(sent.data[0].id);
    // Newest first.
    expect(second.data[0].completedAt! <= sent.data[0].completedAt!).toBe(true);

    const unknown = await mailsPage({ state: 'perdu' }).expect(400);
    expect(unknown.body.error.message).toBe('État de courriel inconnu : « perdu » (attendu : pending, sent ou failed).');
    expect((await mailsPage({ state: 'failed', page: '-1' }).expect(400)).body.error.message).toBe('« page » doit être un nombre entier positif.');
  });
});

describe('GET /api/mail-status', () => {
  it('is refused to roles that are not told, in French, and to anonymous callers', async () => {
    for (const who of ['agent.accueil', 'chef.accueil']) {
      const res = await mailStatus(who).expect(403);
      expect(res.body).toEqual({ data: null, error: expect.objectContaining({ status: 403, message: 'L’état des courriels est réservé aux rôles « Référent qualité » et « DGS ».' }) });
    }
    expect((await mailStatus(null).expect(401)).body.error.message).toBe('Connectez-vous pour savoir si les courriels partent.');
    const session = (who: string) => http(app).get('/api/session').set('Authorization', `Bearer ${jwt[who]}`);
    expect(sessionSchema.parse((await session('qualite').expect(200)).body.data).role.mailAlerts).toBe(true);
    expect(sessionSchema.parse((await session('dgs').expect(200)).body.data).role.mailAlerts).toBe(true);
    expect(sessionSchema.parse((await session('agent.accueil').expect(200)).body.data).role.mailAlerts).toBe(false);
  });

  it('raises no alert once a mail has left after the failure: one refused recipient is not an outage', async () => {
    // The mails sent by the previous test left after the failed one's last attempt.
    const res = await mailStatus('qualite').expect(200);
    const status = expectContract(mailStatusSchema, res.body.data);
    expect(status).toMatchObject({ alert: false, failing: 0, failingSince: null, failingForMinutes: null, alertAfterMinutes: 30 });
    expect(status.failed).toBeGreaterThanOrEqual(1);
  });

  it('raises the alert when mails fail with none sent since, past MAIL_ALERT_MINUTES, with counts and no personal data', async () => {
    await queueMail(REFUSED, 'panne');
    await untilState('panne', 'failed');
    const before = expectContract(mailStatusSchema, (await mailStatus('dgs').expect(200)).body.data);
    expect(before).toMatchObject({ alert: false, failing: 1, failingForMinutes: 0 });
    expect(Date.parse(before.failingSince!)).toBeLessThanOrEqual(Date.now());

    process.env.MAIL_ALERT_MINUTES = '0';
    try {
      for (const who of ['qualite', 'dgs']) {
        const res = await mailStatus(who).expect(200);
        const status = expectContract(mailStatusSchema, res.body.data);
        expect(status).toMatchObject({ alert: true, failing: 1, alertAfterMinutes: 0 });
        expect(res.headers['cache-control']).toBe('private, no-store');
        // Numbers and dates only: no address, no subject.
        expect(JSON.stringify(res.body)).not.toMatch(/@|Charte d’accueil|panne/);
      }
      // The agent learns nothing of it, not even that there is an outage.
      expect(JSON.stringify((await mailStatus('agent.accueil').expect(403)).body)).not.toMatch(/@|échec|failing/);
    } finally {
      process.env.MAIL_ALERT_MINUTES = '30';
    }
  });
});

describe('« Réessayer »', () => {
  it('is the panel’s, for administrators with the « Courriels » permission only', async () => {
    // The référentiel editor has no such permission; an API account has no admin token at all.
    expect((await mailsPage({ state: 'failed' }, editor)).status).toBe(403);
    expect((await retry({ id: failedId }, editor)).status).toBe(403);
    expect((await retry({ id: failedId }, jwt.qualite)).status).toBe(401);
    expect((await http(app).get('/charte-admin/mails')).status).toBe(401);
    expect((await mailJobs(sql(), documentId))[0].state).toBe('failed');
  });

  it('sends the failed mail once the cause is gone, and answers 409 to a second retry', async () => {
    catcher.accept(REFUSED);
    const res = await retry({ id: failedId }).expect(200);
    expect(expectContract(mailRetriedSchema, res.body.data)).toEqual({ id: failedId, state: 'pending' });
    const again = await retry({ id: failedId }).expect(409);
    expect(again.body.error.message).toMatch(/^Ce courriel n’est plus en échec : il (a déjà été renvoyé et attend son envoi|est parti entre-temps)\. Actualisez la liste\.$/);

    const mail = await catcher.waitFor((m) => m.text.includes(documentId) && m.to.includes(REFUSED));
    expect(mail.messageId).toBe(`<${failedId}@charte-accueil>`);
    await untilState(documentId, 'completed');
    const sentAgain = await retry({ id: failedId }).expect(409);
    expect(sentAgain.body.error.message).toBe('Ce courriel n’est plus en échec : il est parti entre-temps. Actualisez la liste.');
    expect(catcher.mails.filter((m) => m.text.includes(documentId))).toHaveLength(1);
    // Sent now: the alert is over.
    process.env.MAIL_ALERT_MINUTES = '0';
    try {
      expect(expectContract(mailStatusSchema, (await mailStatus('qualite').expect(200)).body.data)).toMatchObject({ alert: false, failing: 0 });
    } finally {
      process.env.MAIL_ALERT_MINUTES = '30';
    }
  });

  it('reaches a failed mail pg-boss has archived (12 hours after it failed), and lists it until then', async () => {
    catcher.refuse(REFUSED);
    await queueMail(REFUSED, 'archive');
    const [job] = await untilState('archive', 'failed');
    // What pg-boss's maintenance does 12 hours later.
    const columns =
      'id, name, priority, data, state, retry_limit, retry_count, retry_delay, retry_backoff, start_after, started_on, singleton_key, singleton_on, expire_in, created_on, completed_on, keep_until, dead_letter, policy, output';
    await sql()(
      `with moved as (delete from pgboss.job where name = 'workflow-mail' and id = ?::uuid returning *)
       insert into pgboss.archive (${columns}) select ${columns} from moved`,
      [job.id],
    );
    const listed = expectContract(mailPageSchema, (await mailsPage({ state: 'failed' }).expect(200)).body);
    expect(listed.data.find((m) => m.id === job.id)).toMatchObject({ state: 'failed', to: REFUSED, lastError: expect.stringMatching(/452/) });

    catcher.accept(REFUSED);
    await retry({ id: job.id }).expect(200);
    await catcher.waitFor((m) => m.text.includes('Courriel d’essai archive'));
    await untilState('archive', 'completed');
    expect(await sql()(`select id from pgboss.archive where id = ?::uuid`, [job.id])).toEqual([]);
  });

  it('refuses a malformed body (400) and a mail it does not know (404), in French', async () => {
    expect((await retry({}).expect(400)).body.error.message).toBe('L’identifiant du courriel est invalide (un identifiant de travail pg-boss est attendu).');
    expect((await retry({ id: failedId, force: true }).expect(400)).body.error.message).toBe('Champ inconnu : « force » (seul « id » est attendu).');
    expect((await retry([failedId]).expect(400)).body.error.message).toBe('Corps de requête attendu : { id } (l’identifiant du courriel).');
    const unknown = await retry({ id: '00000000-0000-4000-8000-000000000000' }).expect(404);
    expect(unknown.body.error.message).toBe('Ce courriel est introuvable : un courriel envoyé ou abandonné est effacé au bout de 7 jours.');
  });
});
