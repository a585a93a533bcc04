import { evidenceItemResponseSchema, evidenceListSchema, expiringEvidenceSchema } from '@charte/contract/schemas';
import type { Core } from '@strapi/strapi';
import { expectContract } from '../helpers/contract';
import path from 'node:path';
import { testDistDir } from '../helpers/compiled-cms';
import { demoIds } from '../helpers/fixtures';
import { startMailCatcher } from '../helpers/mail-catcher';
import { http, login, startStrapi, stopStrapi } from '../helpers/strapi';

const EVALUATION = 'api::evaluation.evaluation';
let app: Core.Strapi;
let ids: Awaited<ReturnType<typeof demoIds>>;
let catcher: Awaited<ReturnType<typeof startMailCatcher>>;
const jwt: Record<string, string> = {};
let sheet: { id: number; documentId: string };
let other: { id: number; documentId: string };

beforeAll(async () => {
  catcher = await startMailCatcher();
  process.env.SMTP_HOST = '127.0.0.1';
  process.env.SMTP_PORT = String(catcher.port);
  app = await startStrapi();
  ids = await demoIds(app);
  for (const who of ['agent.accueil', 'chef.accueil', 'chef.scolaire', 'qualite', 'dgs']) jwt[who] = await login(app, `${who}@demo.local`);
  const draftOf = (serviceId: number) => app.db.query(EVALUATION).findOne({ select: ['id', 'documentId'], where: { workflowState: 'draft', service: { id: serviceId } } });
  sheet = await draftOf(ids.accueil.id);
  other = await draftOf(ids.scolaire.id);
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
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runScheduledJob = (...args: unknown[]) => require(path.join(testDistDir(), 'src', 'platform', 'jobs', 'scheduled-jobs')).runScheduledJob(...args);
const listOf = async (who: string, type: string, documentId: string) => expectContract(evidenceListSchema, (await as(who, 'get', `/api/evidence?type=${type}&documentId=${documentId}`)).body).data;
const day = (offset: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};

let firstFile: { id: number; url: string };
let secondFile: number;

describe('a file attached as before becomes a dated, owned, versioned piece', () => {
  it('reads an attachment made the old way as version 1, undated and without owner', async () => {
    const upload = await as('agent.accueil', 'post', '/api/upload').attach('files', pdf('v1'), { filename: 'registre-accueil-2025.pdf', contentType: 'application/pdf' });
    expect(upload.status).toBe(201);
    firstFile = upload.body[0];
    expect((await as('agent.accueil', 'put', `/api/evaluations/${sheet.documentId}`).send({ data: { evidence: [firstFile.id] } })).status).toBe(200);
    const list = await listOf('agent.accueil', 'evaluation', sheet.documentId);
    expect(list).toEqual([
      expect.objectContaining({ fileId: firstFile.id, name: 'registre-accueil-2025.pdf', owner: null, validUntil: null, status: 'undated', versions: [expect.objectContaining({ version: 1, fileId: firstFile.id })] }),
    ]);
  });

  it('takes an owner and a « valable jusqu’au » date; refuses bad input in French, changing nothing', async () => {
    const bad: [unknown, string][] = [
      [{ validUntil: '2026-02-30' }, '« validUntil » : une date AAAA-MM-JJ, ou null (sans échéance).'],
      [{ validUntil: 20260630 }, '« validUntil » : une date AAAA-MM-JJ, ou null (sans échéance).'],
      [{ owner: 999999 }, '« owner » : ce compte n’existe pas ou est bloqué.'],
      [{ owner: 'moi' }, '« owner » : l’identifiant d’un compte, ou null.'],
      [{ title: 'x'.repeat(201) }, '« title » : un intitulé de 200 caractères au plus.'],
      [{ workflowState: 'approved' }, 'Champ inconnu : workflowState. Champs possibles : owner, validUntil, title.'],
    ];
    for (const [body, message] of bad) {
      const res = await as('agent.accueil', 'put', `/api/evidence/${firstFile.id}`).send(body as object);
      expect([res.status, res.body.error?.message]).toEqual([400, message]);
    }
    expect((await as('agent.accueil', 'put', '/api/evidence/abc').send({})).status).toBe(400);
    expect((await as('agent.accueil', 'put', '/api/evidence/99999999').send({})).status).toBe(404);
    expect((await listOf('agent.accueil', 'evaluation', sheet.documentId))[0].validUntil).toBeNull();

    const res = await as('agent.accueil', 'put', `/api/evidence/${firstFile.id}`).send({ owner: ids.agent.id, validUntil: day(10), title: 'Registre des appels' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ title: 'Registre des appels', owner: { id: ids.agent.id, name: 'Julie Moreau' }, validUntil: day(10), status: 'expiring' });
  });

  it('keeps the pieces of a service to who reads it: another service’s head gets a 404, the DGS reads without writing', async () => {
    expect((await as('chef.scolaire', 'get', `/api/evidence?type=evaluation&documentId=${sheet.documentId}`)).status).toBe(404);
    expect((await as('chef.scolaire', 'put', `/api/evidence/${firstFile.id}`).send({ validUntil: null })).status).toBe(404);
    expect((await as(null, 'get', `/api/evidence?type=evaluation&documentId=${sheet.documentId}`)).status).toBe(401);
    expect(await listOf('dgs', 'evaluation', sheet.documentId)).toHaveLength(1);
    expect((await as('dgs', 'put', `/api/evidence/${firstFile.id}`).send({ validUntil: null })).status).toBe(403);
    expect((await as('qualite', 'get', '/api/evidence?type=interview&documentId=abc')).status).toBe(400);
  });

  it('adds a version that takes the old one’s place on the sheet without erasing it', async () => {
    expect((await as('agent.accueil', 'post', `/api/evidence/${firstFile.id}/versions`).field('validUntil', day(400))).status).toBe(400); // no file
    const res = await as('agent.accueil', 'post', `/api/evidence/${firstFile.id}/versions`)
      .field('validUntil', day(400))
      .attach('file', pdf('v2'), { filename: 'registre-accueil-2026.pdf', contentType: 'application/pdf' });
    expect(res.status).toBe(201);
    expectContract(evidenceItemResponseSchema, res.body);
    secondFile = res.body.data.fileId;
    expect(res.body.data).toMatchObject({ name: 'registre-accueil-2026.pdf', title: 'Registre des appels', validUntil: day(400), status: 'valid' });
    expect(res.body.data.versions.map((v: { version: number; name: string; addedBy: string | null }) => [v.version, v.name, v.addedBy])).toEqual([
      [2, 'registre-accueil-2026.pdf', 'Julie Moreau'],
      [1, 'registre-accueil-2025.pdf', null],
    ]);
    // The sheet shows the current version; the old file is still there to download.
    const evaluation = await as('agent.accueil', 'get', `/api/evaluations/${sheet.documentId}?populate[evidence][fields][0]=name`);
    expect(evaluation.body.data.evidence.map((f: { name: string }) => f.name)).toEqual(['registre-accueil-2026.pdf']);
    const old = await http(app).get(firstFile.url);
    expect(old.status).toBe(200);
    expect(String(old.body)).toContain('v1');
    // Only the current version is changed; an older one is refused, and cannot be attached elsewhere.
    expect((await as('agent.accueil', 'put', `/api/evidence/${firstFile.id}`).send({ validUntil: null })).status).toBe(404);
    expect((await as('chef.scolaire', 'put', `/api/evaluations/${other.documentId}`).send({ data: { evidence: [firstFile.id] } })).status).toBe(403);
    // Even its uploader, on another sheet of the same service: the old file would be read there.
    const sibling = await app.db.query(EVALUATION).findOne({ select: ['documentId'], where: { workflowState: 'draft', service: { id: ids.accueil.id }, documentId: { $ne: sheet.documentId } } });
    const reuse = await as('agent.accueil', 'put', `/api/evaluations/${sibling.documentId}`).send({ data: { evidence: [firstFile.id] } });
    expect(reuse.status).toBe(403);
    // The rule itself, below Strapi's own checks (which answer first over HTTP), with its French message.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiled module the running cms uses
    const { checkAttachedFiles } = require(path.join(testDistDir(), 'src', 'access', 'media-ownership'));
    await expect(checkAttachedFiles(app, EVALUATION, sibling.documentId, { evidence: [firstFile.id] })).rejects.toThrow('Ce fichier est une ancienne version d’une pièce : déposez-le à nouveau.');
    await expect(checkAttachedFiles(app, EVALUATION, sheet.documentId, { evidence: [secondFile] })).resolves.toBeUndefined();
    const after = await app.db.query(EVALUATION).findOne({ where: { documentId: sibling.documentId }, populate: { evidence: true } });
    expect(after.evidence ?? []).toEqual([]);
  });
});

describe('procedures of a service, expiry and reminders', () => {
  let procedure: number;
  it('attaches a procedure to a service with a review date', async () => {
    const service = ids.accueil.documentId;
    const missing = await as('chef.accueil', 'post', '/api/evidence/procedures').field('service', service).field('title', 'Procédure d’accueil téléphonique').attach('file', pdf('p'), { filename: 'procedure.pdf', contentType: 'application/pdf' });
    expect([missing.status, missing.body.error?.message]).toEqual([400, '« validUntil » : la date de révision de la procédure est obligatoire.']);
    expect((await as('chef.scolaire', 'post', '/api/evidence/procedures').field('service', service).field('title', 'x').field('validUntil', day(5)).attach('file', pdf('p'), { filename: 'p.pdf', contentType: 'application/pdf' })).status).toBe(404);
    const res = await as('chef.accueil', 'post', '/api/evidence/procedures')
      .field('service', service)
      .field('title', 'Procédure d’accueil téléphonique')
      .field('validUntil', day(-3))
      .field('owner', String(ids.agent.id))
      .attach('file', pdf('p'), { filename: 'procedure-telephone.pdf', contentType: 'application/pdf' });
    expect(res.status).toBe(201);
    procedure = res.body.data.fileId;
    expect(res.body.data).toMatchObject({ title: 'Procédure d’accueil téléphonique', status: 'expired', versions: [expect.objectContaining({ version: 1, addedBy: 'Karim Benali' })] });
    expect((await listOf('agent.accueil', 'service', service)).map((p: { fileId: number }) => p.fileId)).toEqual([procedure]);
    expect((await as('chef.scolaire', 'get', `/api/evidence?type=service&documentId=${service}`)).status).toBe(404);
  });

  it('lists expired and soon-expired pieces for the référent qualité', async () => {
    // The sheet's piece is now valid for 400 days: put it within the threshold again.
    expect((await as('agent.accueil', 'put', `/api/evidence/${secondFile}`).send({ validUntil: day(20) })).status).toBe(200);
    const res = await as('qualite', 'get', '/api/evidence/expiring');
    expect(res.status).toBe(200);
    expect(expectContract(expiringEvidenceSchema, res.body).meta.withinDays).toBe(30);
    const mine = res.body.data.filter((p: { fileId: number }) => [procedure, secondFile].includes(p.fileId));
    expect(mine.map((p: { kind: string; status: string; service: { name: string }; owner: string; validUntil: string }) => [p.kind, p.status, p.service.name, p.owner, p.validUntil])).toEqual([
      ['service', 'expired', 'Accueil / État civil', 'Julie Moreau', day(-3)],
      ['evaluation', 'expiring', 'Accueil / État civil', 'Julie Moreau', day(20)],
    ]);
    // Anyone else sees the pieces they own: the head owns none, the agent both.
    const head = await as('chef.accueil', 'get', '/api/evidence/expiring');
    expect([head.status, head.body.data, head.body.meta.scope]).toEqual([200, [], 'owned']);
    const owner = (await as('agent.accueil', 'get', '/api/evidence/expiring')).body.data.map((p: { fileId: number }) => p.fileId);
    expect(owner).toEqual([procedure, secondFile]);
    expect((await as(null, 'get', '/api/evidence/expiring')).status).toBe(401);
  });

  it('reminds the owner once per date, whatever the number of runs', async () => {
    const sent = async () => Number((await app.db.connection.raw(`select count(*)::int as n from pgboss.job where name = 'workflow-mail' and data->>'subject' = '[Charte d’accueil] Pièces à renouveler'`)).rows[0].n);
    await runScheduledJob(app, 'evidence-reminders', new Date());
    const mail = await catcher.waitFor((m) => m.to.includes('agent.accueil@demo.local') && m.subject === '[Charte d’accueil] Pièces à renouveler');
    expect(mail.text).toContain('Bonjour Julie Moreau,');
    expect(mail.text).toContain('- Procédure d’accueil téléphonique (Procédure, Accueil / État civil) : échue depuis le');
    expect(mail.text).toContain('- Registre des appels (');
    expect(mail.text).toContain('/preuves');
    expect(await sent()).toBe(1);
    await runScheduledJob(app, 'evidence-reminders', new Date());
    await runScheduledJob(app, 'evidence-reminders', new Date(Date.now() + 3_600_000));
    expect(await sent()).toBe(1);
    // A new date is a new deadline: reminded once more.
    expect((await as('agent.accueil', 'put', `/api/evidence/${secondFile}`).send({ validUntil: day(15) })).status).toBe(200);
    await runScheduledJob(app, 'evidence-reminders', new Date(Date.now() + 7_200_000));
    expect(await sent()).toBe(2);
  });
});
