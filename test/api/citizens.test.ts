import { createHash } from 'node:crypto';
import { complaintFollowUpSchema, legalNoticeSchema, submissionReceiptSchema } from '@charte/contract/schemas';
import type { Core } from '@strapi/strapi';
import { expectContract } from '../helpers/contract';
import { startMailCatcher } from '../helpers/mail-catcher';
import { sqlOf, untilMailsSent } from '../helpers/mail-queue';
import { http, login, startStrapi, stopStrapi } from '../helpers/strapi';

/**
 * What a citizen gets from the public complaint form beyond the form itself: the acknowledgement
 * mail, the follow-up page behind a secret code, the staff alerts, and the legal pages.
 */
const COMPLAINT = 'api::complaint.complaint';
let app: Core.Strapi;
let catcher: Awaited<ReturnType<typeof startMailCatcher>>;

beforeAll(async () => {
  catcher = await startMailCatcher();
  process.env.SMTP_HOST = '127.0.0.1';
  process.env.SMTP_PORT = String(catcher.port);
  app = await startStrapi();
});
afterAll(async () => {
  await stopStrapi(app);
  await catcher.close();
  delete process.env.SMTP_HOST;
  delete process.env.SMTP_PORT;
});

const resetLimits = () => app.db.connection.raw(`delete from charte_rate_limits where key like '%complaint%'`).catch(() => undefined);
beforeEach(resetLimits);

const submit = (extra: Record<string, unknown> = {}) =>
  http(app)
    .post('/api/public/complaints')
    .send({ data: { kind: 'reclamation', subject: `Guichet fermé ${Date.now()}`, description: 'Le guichet était fermé à l’heure affichée.', ...extra } });
const followUp = (body: unknown, jwt?: string) => {
  const req = http(app).post('/api/public/complaints/follow-up');
  return (jwt ? req.set('Authorization', `Bearer ${jwt}`) : req).send(body as object);
};
const idOf = (reference: string) => Number(reference.split('-')[2]);
const mailsAbout = (reference: string) => catcher.mails.filter((m) => m.subject.includes(reference) || m.text.includes(reference));

describe('acknowledgement and alerts', () => {
  it('acknowledges to the address given, and only to it, with the reference and the follow-up link', async () => {
    const res = await submit({ kind: 'suggestion', contactName: 'Lina Petit', contactEmail: 'lina.petit@exemple.fr' });
    expect(res.status).toBe(201);
    expectContract(submissionReceiptSchema, res.body.data);
    const { reference, followUpCode } = res.body.data;
    expect(reference).toMatch(/^REC-\d{4}-\d{5,}$/);
    expect(followUpCode).toMatch(/^[A-Za-z0-9_-]{24}$/);
    await untilMailsSent(sqlOf(app));

    const ack = mailsAbout(reference).filter((m) => !m.to.includes('@demo.local'));
    expect(ack).toHaveLength(1);
    expect(ack[0].to).toBe('lina.petit@exemple.fr');
    expect(ack[0].subject).toBe(`Votre demande ${reference} a bien été reçue`);
    expect(ack[0].text).toContain('Bonjour Lina Petit,');
    expect(ack[0].text).toContain('Nous avons bien reçu votre suggestion le ');
    const link = /https?:\/\/\S+\/reclamation\/suivi#reference=(\S+)&code=(\S+)/.exec(ack[0].text);
    expect(link).not.toBeNull();
    expect(decodeURIComponent(link![1])).toBe(reference);
    expect(decodeURIComponent(link![2])).toBe(followUpCode);
    // The staff alert names the request, not the citizen.
    for (const staff of mailsAbout(reference).filter((m) => m.to.includes('@demo.local'))) {
      expect(staff.text).not.toContain('lina.petit@exemple.fr');
      expect(staff.text).not.toContain('Lina Petit');
      expect(staff.text).not.toContain(followUpCode);
    }
  });

  it('sends no acknowledgement without an address, and still alerts the référent qualité', async () => {
    const res = await submit({ contactEmail: '', contactName: '' });
    expect(res.status).toBe(201);
    const { reference } = res.body.data;
    await untilMailsSent(sqlOf(app));
    const mails = mailsAbout(reference);
    expect(mails.map((m) => m.to).sort()).toEqual(['qualite@demo.local']);
    expect(mails[0].subject).toBe(`[Charte d’accueil] Nouvelle réclamation en ligne : ${reference}`);
    expect(mails[0].text).toContain('(service à attribuer)');
    expect(mails[0].text).toMatch(/Ouvrir le registre : https?:\/\/\S+\/reclamations/);
    const row = await app.db.query(COMPLAINT).findOne({ where: { id: idOf(reference) } });
    expect(row).toMatchObject({ contactEmail: null, contactName: null });
  });

  it('alerts the head of the service the citizen chose, besides the référent qualité, and files the complaint there', async () => {
    const res = await submit({ service: 'scolaire-periscolaire', contactEmail: 'parent@exemple.fr' });
    expect(res.status).toBe(201);
    const { reference } = res.body.data;
    await untilMailsSent(sqlOf(app));
    expect(mailsAbout(reference).map((m) => m.to).sort()).toEqual(['chef.scolaire@demo.local', 'parent@exemple.fr', 'qualite@demo.local']);
    const alert = mailsAbout(reference).find((m) => m.to === 'chef.scolaire@demo.local')!;
    expect(alert.text).toContain('Bonjour Sophie Lefèvre,');
    expect(alert.text).toContain('(Scolaire / Périscolaire)');
    const row = await app.db.query(COMPLAINT).findOne({ where: { id: idOf(reference) }, populate: { service: { select: ['slug'] } } });
    expect(row.service.slug).toBe('scolaire-periscolaire');
  });

  it.each([
    ['two addresses', { contactEmail: 'a@exemple.fr, b@exemple.fr' }, /une seule adresse/],
    ['an address list', { contactEmail: ['a@exemple.fr', 'b@exemple.fr'] }, /doit être un texte/],
    ['a header injection', { contactEmail: 'a@exemple.fr\r\nBcc: b@exemple.fr' }, /n’est pas valide/],
    ['an unknown service', { service: 'police' }, /Ce service n’existe pas/],
  ])('refuses %s with a French 400, and queues no mail', async (_label, extra, message) => {
    const before = await app.db.query(COMPLAINT).count({});
    const jobs = async () => Number((await sqlOf(app)(`select count(*)::int as n from pgboss.job where name = 'workflow-mail'`))[0].n);
    const jobsBefore = await jobs();
    const res = await submit(extra);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect(await app.db.query(COMPLAINT).count({})).toBe(before);
    expect(await jobs()).toBe(jobsBefore);
  });

  it('sends nothing for a filled honeypot, yet answers a receipt with a code', async () => {
    const res = await submit({ contactEmail: 'robot@exemple.fr', siteWeb: 'http://spam.example' });
    expect(res.status).toBe(201);
    expect(res.body.data.followUpCode).toMatch(/^[A-Za-z0-9_-]{24}$/);
    await untilMailsSent(sqlOf(app));
    expect(catcher.mails.some((m) => m.to.includes('robot@exemple.fr'))).toBe(false);
  });

  it('lists the services a citizen may name, names only', async () => {
    const res = await http(app).get('/api/public/complaints/services');
    expect(res.status).toBe(200);
    expect(res.body.data).toContainEqual({ slug: 'accueil-etat-civil', name: 'Accueil / État civil' });
    expect(Object.keys(res.body.data[0]).sort()).toEqual(['name', 'slug']);
  });
});

describe('follow-up page', () => {
  let reference: string;
  let code: string;
  beforeAll(async () => {
    await resetLimits();
    const res = await submit({ contactName: 'Marc Leroy', contactEmail: 'marc.leroy@exemple.fr' });
    ({ reference, followUpCode: code } = res.body.data);
  });

  it('keeps only a hash of the code, never the code itself', async () => {
    const rows = await sqlOf(app)(`select encode(code_hash, 'hex') as hash, octet_length(code_hash) as bytes from charte_complaint_follow_up where complaint_id = ?`, [idOf(reference)]);
    expect(rows).toHaveLength(1);
    expect(rows[0].bytes).toBe(32);
    expect(rows[0].hash).toBe(createHash('sha256').update(code).digest('hex'));
    // Nowhere in the database: neither in a table of the app nor in the mail queue (the
    // acknowledgement's job is sealed), whether its mail is waiting, sent or archived.
    await untilMailsSent(sqlOf(app));
    const ack = catcher.mails.find((m) => m.to === 'marc.leroy@exemple.fr' && m.subject.includes(reference));
    expect(ack?.text).toContain(code);
    const dump = await sqlOf(app)(
      `select table_schema, table_name from information_schema.columns
        where table_schema in ('public', 'pgboss') and data_type in ('text', 'character varying', 'jsonb', 'json') group by table_schema, table_name`,
    );
    const holders: string[] = [];
    for (const { table_schema: schema, table_name: table } of dump) {
      const [found] = await sqlOf(app)(`select count(*)::int as n from "${schema}"."${table}" t where t::text like ?`, [`%${code}%`]);
      if (found.n) holders.push(`${schema}.${table}`);
    }
    expect(holders).toEqual([]);
    const [job] = await sqlOf(app)(`select data from pgboss.job where name = 'workflow-mail' and data->>'to' = ? order by created_on desc limit 1`, ['marc.leroy@exemple.fr']);
    const data = typeof job.data === 'string' ? JSON.parse(job.data) : job.data;
    expect(data).toMatchObject({ sealed: true });
    expect(data.text).not.toContain('Bonjour');
  });

  it('shows where the request stands to whoever has its reference and code: received, then assigned, then answered', async () => {
    const received = await followUp({ reference, code });
    expect(received.status).toBe(200);
    expectContract(complaintFollowUpSchema, received.body.data);
    expect(received.body.data).toMatchObject({ reference, kind: 'reclamation', status: 'received', service: null, answeredAt: null, answer: null });
    expect(received.headers['cache-control']).toBe('no-store');
    // Nothing the citizen wrote, no contact detail.
    const text = JSON.stringify(received.body);
    for (const secret of ['Marc Leroy', 'marc.leroy@exemple.fr', 'Guichet fermé', 'guichet était fermé']) expect(text).not.toContain(secret);

    const accueil = await app.db.query('api::service.service').findOne({ where: { slug: 'accueil-etat-civil' } });
    const stored = await app.db.query(COMPLAINT).findOne({ where: { id: idOf(reference) } });
    await app.documents(COMPLAINT).update({ documentId: stored.documentId, data: { service: accueil.id, outcome: 'Brouillon interne' } as never });
    const assigned = (await followUp({ reference, code })).body.data;
    expect(assigned).toMatchObject({ status: 'assigned', service: 'Accueil / État civil', answer: null });

    await app.documents(COMPLAINT).update({ documentId: stored.documentId, data: { answeredAt: assigned.receivedAt, outcome: 'Les horaires affichés ont été corrigés.' } as never });
    const answered = (await followUp({ reference: reference.toLowerCase(), code: ` ${code} ` })).body.data;
    expect(answered).toMatchObject({ status: 'answered', answeredAt: assigned.receivedAt, answer: 'Les horaires affichés ont été corrigés.' });
  });

  it('answers a wrong code exactly as an unknown reference: the same French 404', async () => {
    const other = (await submit()).body.data;
    const year = reference.split('-')[1];
    const cases = {
      wrongCode: await followUp({ reference, code: other.followUpCode }),
      codeOfAnother: await followUp({ reference: other.reference, code }),
      unknown: await followUp({ reference: `REC-${year}-99999999`, code }),
      wrongYear: await followUp({ reference: reference.replace(`-${year}-`, `-${Number(year) - 1}-`), code }),
      notAReference: await followUp({ reference: 'bonjour', code: 'x' }),
      emptyCode: await followUp({ reference, code: '' }),
    };
    const answers = Object.entries(cases).map(([name, res]) => ({ name, status: res.status, body: res.body }));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 404));
    const first = JSON.stringify(answers[0].body);
    expect(answers.filter((a) => JSON.stringify(a.body) !== first).map((a) => a.name)).toEqual([]);
    expect(answers[0].body.error.message).toMatch(/^Aucune demande ne correspond à ce numéro et à ce code de suivi/);
  });

  it('refuses a malformed body with a French 400, and works for a logged-in agent too', async () => {
    expect((await followUp({ reference })).status).toBe(400);
    expect((await followUp({ reference, code, extra: 1 })).body.error.message).toMatch(/Champ non accepté/);
    expect((await followUp({ reference: 42, code })).status).toBe(400);
    const jwt = await login(app, 'agent.accueil@demo.local');
    expect((await followUp({ reference, code }, jwt)).status).toBe(200);
  });

  it('is rate-limited by the public-forms guard, successes and failures alike', async () => {
    await resetLimits();
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await followUp({ reference, code: i % 2 ? code : 'mauvais-code' })).status);
    expect(statuses.every((s) => s === 200 || s === 404)).toBe(true);
    const refused = await followUp({ reference, code });
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toMatch(/Trop d’envois/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await resetLimits();
  });
});

describe('legal pages', () => {
  it('serves config/legal.yaml to the public and to staff, with the backups’ retention', async () => {
    const res = await http(app).get('/api/legal');
    expect(res.status).toBe(200);
    expectContract(legalNoticeSchema, res.body.data);
    expect(res.body.data.demo).toBe(true);
    expect(Object.keys(res.body.data.treatments).sort()).toEqual(['complaint', 'survey']);
    expect(res.body.data.rights).toHaveLength(5);
    expect(res.body.data.backupRetention).toMatch(/au plus 12 mois/);
    const jwt = await login(app, 'dgs@demo.local');
    expect((await http(app).get('/api/legal').set('Authorization', `Bearer ${jwt}`)).status).toBe(200);
  });
});
