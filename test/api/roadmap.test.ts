import path from 'node:path';
import { roadmapResponseSchema } from '@charte/contract/schemas';
import type { Core } from '@strapi/strapi';
import ExcelJS from 'exceljs';
import { demoIds, documentIn } from '../helpers/fixtures';
import { startMailCatcher } from '../helpers/mail-catcher';
import { sqlOf, untilMailsSent } from '../helpers/mail-queue';
import { testDistDir } from '../helpers/compiled-cms';
import { expectContract } from '../helpers/contract';
import { http, login, startStrapi, stopStrapi } from '../helpers/strapi';

const ACTION = 'api::roadmap-action.roadmap-action';
const LABELS: Record<string, string> = {
  'a-lancer': 'À lancer', 'en-cours': 'En cours', abouti: 'Abouti', abandonne: 'Abandonné',
  haute: 'Haute', moyenne: 'Moyenne', basse: 'Basse',
  draft: 'Brouillon', submitted: 'Soumis', validated: 'Validé', approved: 'Approuvé',
};

let app: Core.Strapi;
let ids: Awaited<ReturnType<typeof demoIds>>;
let catcher: Awaited<ReturnType<typeof startMailCatcher>>;
const jwt: Record<string, string> = {};

/** The town's calendar day, `offset` days from now (the API reads "today" in Europe/Paris). */
const day = (offset = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + offset * 86_400_000));
/** The rule, the obvious way. */
const isLate = (a: { dueDate: string | null; status: string }) => Boolean(a.dueDate && a.dueDate < day() && !['abouti', 'abandonne'].includes(a.status));

const fixtures: Record<string, string> = {};
async function action(key: string, data: Record<string, unknown>) {
  const created = await app.documents(ACTION as never).create({
    data: { title: `Action test ${key}`, owner: `Pilote ${key}`, priority: 'moyenne', actionStatus: 'en-cours', progress: 30, ...data } as never,
  });
  fixtures[key] = (created as unknown as { documentId: string }).documentId;
}

beforeAll(async () => {
  catcher = await startMailCatcher();
  process.env.SMTP_HOST = '127.0.0.1';
  process.env.SMTP_PORT = String(catcher.port);
  app = await startStrapi();
  ids = await demoIds(app);
  for (const who of ['agent.accueil', 'chef.scolaire', 'qualite', 'dgs']) jwt[who] = await login(app, `${who}@demo.local`);
  // Late with an owner who has an account; late without one (reminder to the heads); done; not yet due; no due date.
  await action('late-owned', { service: ids.accueil.id, ownerUser: ids.agent.id, startDate: day(-60), dueDate: day(-1) });
  await action('late-relayed', { service: ids.scolaire.id, startDate: day(-30), dueDate: day(-2), actionStatus: 'a-lancer', progress: 0 });
  await action('done', { service: ids.accueil.id, ownerUser: ids.agent.id, startDate: day(-60), dueDate: day(-3), actionStatus: 'abouti', progress: 100 });
  await action('due-tomorrow', { service: ids.accueil.id, ownerUser: ids.agent.id, startDate: day(-10), dueDate: day(1) });
  await action('undated', { service: ids.scolaire.id });
}, 120_000);
afterAll(async () => {
  await stopStrapi(app);
  await catcher.close();
  delete process.env.SMTP_HOST;
  delete process.env.SMTP_PORT;
});

const get = (url: string, who?: string) => {
  const req = http(app).get(url);
  return who ? req.set('Authorization', `Bearer ${jwt[who]}`) : req;
};
const binary = (url: string, who: string) =>
  get(url, who)
    .buffer(true)
    .parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    });

interface ApiAction {
  documentId: string;
  title: string;
  dueDate: string | null;
  status: string;
  statusLabel: string;
  late: boolean;
  service: { slug: string; name: string } | null;
  principle: { title: string } | null;
}
const allActions = (body: { data: { actions: ApiAction[] }[] }) => body.data.flatMap((g) => g.actions);

/** Every action from the database with what the page shows, the slow obvious way (Query Engine, populate). */
async function actionsInDatabase(serviceIds?: number[]) {
  const rows = await app.db.query(ACTION as never).findMany({
    where: serviceIds ? { service: { id: { $in: serviceIds } } } : {},
    populate: { service: true, criterion: true, principle: true },
  } as never);
  const principles = await app.db.query('api::charter-principle.charter-principle' as never).findMany({ populate: { criteria: true } } as never);
  const ordered = (principles as any[]).sort((a, b) => (a.order ?? 1e9) - (b.order ?? 1e9) || a.id - b.id);
  return (rows as any[]).map((a) => ({
    ...a,
    status: a.actionStatus,
    principleTitle: a.principle?.title ?? (a.criterion ? ordered.find((p) => p.criteria.some((c: { id: number }) => c.id === a.criterion.id))?.title : undefined) ?? null,
  }));
}

describe('GET /api/roadmap', () => {
  it('refuses anonymous callers', async () => {
    expect([401, 403]).toContain((await get('/api/roadmap')).status);
  });

  it('groups every action by service for the DGS, with French labels and the late rule', async () => {
    const res = await get('/api/roadmap?groupBy=service', 'dgs');
    expect(res.status).toBe(200);
    expectContract(roadmapResponseSchema, res.body);
    const expected = await actionsInDatabase();
    const got = allActions(res.body);
    expect(got).toHaveLength(expected.length);
    expect(res.body.meta).toMatchObject({ groupBy: 'service', today: day(), total: expected.length, late: expected.filter(isLate).length });
    // Groups by service name, each holding exactly that service's actions, counts matching.
    const names = res.body.data.map((g: { label: string }) => g.label);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b, 'fr')));
    for (const group of res.body.data) {
      expect(new Set(group.actions.map((a: ApiAction) => a.service?.name ?? 'Sans service'))).toEqual(new Set([group.label]));
      expect(group.counts).toEqual({ total: group.actions.length, late: group.actions.filter((a: ApiAction) => a.late).length, done: group.actions.filter((a: ApiAction) => a.status === 'abouti').length });
    }
    for (const a of expected) {
      const row = got.find((g) => g.documentId === a.documentId)!;
      expect(row).toMatchObject({ title: a.title, status: a.status, statusLabel: LABELS[a.status], dueDate: a.dueDate ?? null, late: isLate(a) });
    }
    const flag = (key: string) => got.find((a) => a.documentId === fixtures[key])!.late;
    expect([flag('late-owned'), flag('late-relayed'), flag('done'), flag('due-tomorrow'), flag('undated')]).toEqual([true, true, false, false, false]);
  });

  it('groups by principle: its own, or the first principle of the charter that takes up its criterion', async () => {
    const res = await get('/api/roadmap', 'dgs');
    expect(res.status).toBe(200);
    expectContract(roadmapResponseSchema, res.body);
    expect(res.body.meta.groupBy).toBe('principle');
    const expected = await actionsInDatabase();
    for (const group of res.body.data) {
      for (const a of group.actions as ApiAction[]) {
        const title = expected.find((e) => e.documentId === a.documentId)!.principleTitle;
        expect([a.title, group.label]).toEqual([a.title, title ?? 'Sans principe de la charte']);
      }
    }
    expect(res.body.data.at(-1).key).toBe('principle:none'); // our fixtures have no criterion
  });

  it('filters by service, status and lateness', async () => {
    const late = await get('/api/roadmap?late=true', 'dgs');
    expect(allActions(late.body).every((a) => a.late)).toBe(true);
    expect(allActions(late.body).map((a) => a.documentId)).toEqual(expect.arrayContaining([fixtures['late-owned'], fixtures['late-relayed']]));
    const onTime = await get('/api/roadmap?late=false', 'dgs');
    expect(allActions(onTime.body).some((a) => a.late)).toBe(false);
    expect(allActions(late.body).length + allActions(onTime.body).length).toBe((await actionsInDatabase()).length);
    const done = await get('/api/roadmap?status=abouti&service=accueil-etat-civil', 'dgs');
    expect(allActions(done.body).length).toBeGreaterThan(0);
    expect(allActions(done.body).every((a) => a.status === 'abouti' && a.service?.slug === 'accueil-etat-civil')).toBe(true);
  });

  it('answers a bad filter with a French 400', async () => {
    for (const [query, message] of [
      ['groupBy=owner', 'Regroupement inconnu'],
      ['status=fini', 'Statut inconnu : « fini ». Statuts possibles : a-lancer (À lancer)'],
      ['late=oui', 'late=true ou late=false'],
      ['service=nulle-part', 'Service inconnu : « nulle-part ».'],
      ['owner=x', 'Filtre inconnu : « owner »'],
    ]) {
      const res = await get(`/api/roadmap?${query}`, 'dgs');
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.body.error.message).toContain(message);
    }
  });

  it('shows an agent only the actions of their services, and refuses another service as unknown', async () => {
    const res = await get('/api/roadmap?groupBy=service', 'agent.accueil');
    expect(res.status).toBe(200);
    const got = allActions(res.body);
    expect(got.length).toBe((await actionsInDatabase([ids.accueil.id])).length);
    expect(got.every((a) => a.service?.slug === 'accueil-etat-civil')).toBe(true);
    const other = await get('/api/roadmap?service=scolaire-periscolaire', 'agent.accueil');
    expect(other.status).toBe(400);
    expect(other.body.error.message).toBe('Service inconnu : « scolaire-periscolaire ».');
    const head = allActions((await get('/api/roadmap', 'chef.scolaire')).body);
    expect(head.every((a) => a.service?.slug === 'scolaire-periscolaire')).toBe(true);
  });
});

describe('GET /api/roadmap/export.xlsx', () => {
  it('writes one sheet « Feuille de route » equal, row by row, to the database', async () => {
    const res = await binary('/api/roadmap/export.xlsx?groupBy=service', 'qualite');
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="feuille-de-route-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as never);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Feuille de route']);
    const sheet = workbook.getWorksheet('Feuille de route')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['Principe de la charte', 'Service', 'Action', 'Engagement', 'Pilote', 'Priorité', 'Début', 'Échéance', 'Statut', 'Avancement (%)', 'En retard', 'État']);
    const read: unknown[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) read.push(header.map((_, i) => row.getCell(i + 1).value ?? null));
    });
    const asDate = (d: string | null) => (d ? new Date(`${d}T00:00:00Z`) : null);
    const expected = (await actionsInDatabase()).map((a) => [
      a.principleTitle, a.service?.name ?? null, a.title, a.criterion?.code ?? null, a.owner, LABELS[a.priority],
      asDate(a.startDate), asDate(a.dueDate), LABELS[a.status], a.progress, isLate(a) ? 'Oui' : 'Non', LABELS[a.workflowState ?? 'draft'],
    ]);
    const key = (row: unknown[]) => JSON.stringify(row);
    expect(read.map(key).sort()).toEqual(expected.map(key).sort());
    // Dates are real dates (not text), grouped by service as on the page.
    expect(sheet.getCell('H2').type).toBe(ExcelJS.ValueType.Date);
    const services = read.map((r) => r[1] as string | null).filter(Boolean) as string[];
    expect(services).toEqual([...services].sort((a, b) => a.localeCompare(b, 'fr')));
  });

  it('applies the filters and the caller\'s scope', async () => {
    const res = await binary('/api/roadmap/export.xlsx?late=true', 'agent.accueil');
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as never);
    const sheet = workbook.getWorksheet('Feuille de route')!;
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => n > 1 && rows.push((row.values as unknown[]).slice(1)));
    const expected = (await actionsInDatabase([ids.accueil.id])).filter(isLate);
    expect(rows).toHaveLength(expected.length);
    expect(rows.every((r) => r[1] === 'Accueil / État civil' && r[10] === 'Oui')).toBe(true);
    expect((await get('/api/roadmap/export.xlsx?status=x', 'dgs')).status).toBe(400);
  });
});

describe('weekly mail « roadmap-late-actions »', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiled module the running cms uses
  const { runScheduledJob } = require(path.join(testDistDir(), 'src', 'platform', 'jobs', 'scheduled-jobs'));
  const ours = () => catcher.mails.filter((m) => m.subject.startsWith('[Charte d’accueil] Feuille de route'));

  it('mails each owner their late actions once a week, the heads when the owner has no account', async () => {
    const now = new Date();
    await runScheduledJob(app, 'roadmap-late-actions', now);
    await runScheduledJob(app, 'roadmap-late-actions', now); // a retry, or a second instance: nothing more
    const toAgent = await catcher.waitFor((m) => m.to.includes('agent.accueil@demo.local') && m.subject.includes('Feuille de route'));
    const toHead = await catcher.waitFor((m) => m.to.includes('chef.scolaire@demo.local') && m.subject.includes('Feuille de route'));
    expect(toAgent.text).toContain('Bonjour Julie Moreau,');
    expect(toAgent.text).toContain('Actions dont vous êtes pilote :');
    expect(toAgent.text).toContain('- Action test late-owned (Accueil / État civil)');
    expect(toAgent.text).toContain(`/a-traiter/roadmap-actions/${fixtures['late-owned']}`);
    expect(toAgent.text).toContain(`échéance le ${day(-1).split('-').reverse().join('/')}, statut : En cours, avancement 30 %`);
    for (const key of ['done', 'due-tomorrow', 'undated', 'late-relayed']) expect(toAgent.text).not.toContain(`Action test ${key}`);
    expect(toHead.text).toContain('Actions dont le pilote n’a pas de compte');
    expect(toHead.text).toContain('pilote : Pilote late-relayed');
    expect(toHead.text).toContain('/feuille-de-route');

    // Every reminder queued has left (none in the outbox, no job to run): a double would be a job, and would be in the catcher by now.
    await untilMailsSent(sqlOf(app), 'Feuille de route');
    const perRecipient = new Map<string, number>();
    for (const mail of ours()) perRecipient.set(mail.to, (perRecipient.get(mail.to) ?? 0) + 1);
    expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);
    // Exactly the people the rule names: owners with an account, else their service's heads.
    const reminded = await app.db.connection('charte_roadmap_reminders').pluck('email');
    expect(new Set(reminded)).toEqual(new Set([...perRecipient.keys()]));

    // Next week, the reminder goes out again.
    const before = ours().length;
    await runScheduledJob(app, 'roadmap-late-actions', new Date(now.getTime() + 7 * 86_400_000));
    await catcher.waitFor(() => ours().filter((m) => m.to.includes('agent.accueil@demo.local')).length === 2);
    expect(ours().length).toBeGreaterThan(before);
  }, 60_000);
});

describe('roadmap actions written and followed up without the admin panel', () => {
  const post = (url: string, who: string, body: unknown) => http(app).post(url).set('Authorization', `Bearer ${jwt[who]}`).send(body as object);
  const report = (documentId: string, who: string, body: Record<string, unknown>) =>
    post(`/api/workflow/roadmap-actions/${documentId}/transitions`, who, { action: 'report', ...body });
  const stored = async (documentId: string) => app.db.query(ACTION as never).findOne({ where: { documentId } }) as Promise<Record<string, unknown>>;

  it('lets the agent create a draft action of their service, attached to it without naming it', async () => {
    const res = await post('/api/roadmap-actions', 'agent.accueil', { data: { title: 'Afficher les horaires d’été', owner: 'Agent accueil', priority: 'haute' } });
    expect(res.status).toBe(201);
    const created = await app.db.query(ACTION as never).findOne({ where: { documentId: res.body.data.documentId }, populate: { service: true } });
    expect(created).toMatchObject({ workflowState: 'draft', actionStatus: 'a-lancer', progress: 0, service: { id: ids.accueil.id } });
    // Another service's action is not theirs to write.
    const other = await post('/api/roadmap-actions', 'agent.accueil', { data: { title: 'Chez les voisins', owner: 'Moi', priority: 'basse', service: ids.scolaire.documentId } });
    expect(other.status).toBe(403);
  });

  it('reports status and progress on an approved action with a dated comment, in the history and the audit trail', async () => {
    const { documentId } = await documentIn(app, ACTION, 'approved', { serviceId: ids.accueil.id, authorId: ids.agent.id });
    const res = await report(documentId, 'agent.accueil', { comment: 'Affiches commandées, pose la semaine prochaine.', changes: { actionStatus: 'en-cours', progress: 60 } });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ workflowState: 'approved', previousState: 'approved', action: 'report', event: { changes: { actionStatus: 'en-cours', progress: 60 } } });
    expect(await stored(documentId)).toMatchObject({ workflowState: 'approved', actionStatus: 'en-cours', progress: 60 });

    const history = await get(`/api/workflow/roadmap-actions/${documentId}/history`, 'dgs');
    expect(history.body.data.at(-1)).toMatchObject({
      action: 'report',
      actionLabel: 'Faire le point',
      from: 'approved',
      to: 'approved',
      comment: 'Affiches commandées, pose la semaine prochaine.',
      changes: { actionStatus: 'en-cours', progress: 60 },
    });
    // In the order workflows.yaml declares them (jsonb alone would put progress first).
    expect(Object.keys(history.body.data.at(-1).changes)).toEqual(['actionStatus', 'progress']);
    const audit = await app.db.connection('charte_audit_log').where({ document_id: documentId }).orderBy('id', 'desc').first();
    // Strapi's pg setup leaves jsonb as text.
    const detail = typeof audit.detail === 'string' ? JSON.parse(audit.detail) : audit.detail;
    expect(detail).toMatchObject({ action: 'report', comment: 'Affiches commandées, pose la semaine prochaine.', fields: { actionStatus: 'en-cours', progress: 60 } });

    // The content stays as approved: a PUT is still refused in French.
    const put = await http(app).put(`/api/roadmap-actions/${documentId}`).set('Authorization', `Bearer ${jwt['agent.accueil']}`).send({ data: { title: 'Autre titre' } });
    expect(put.status).toBe(400);
    expect(put.body.error.message).toMatch(/Approuvé.*ne peut plus être modifié/);
  });

  it('refuses a follow-up that is not one, in French, and changes nothing', async () => {
    const { documentId } = await documentIn(app, ACTION, 'approved', { serviceId: ids.accueil.id, authorId: ids.agent.id });
    const draft = await documentIn(app, ACTION, 'draft', { serviceId: ids.accueil.id, authorId: ids.agent.id });
    const cases: [string, string, Record<string, unknown>, number, RegExp][] = [
      ['no comment', documentId, { changes: { progress: 40 } }, 400, /commentaire est obligatoire.*dites où en est le document/],
      ['a content field', documentId, { comment: 'Titre', changes: { title: 'Autre' } }, 400, /Champ non modifiable par cette action : title\. Champs possibles : actionStatus \(Statut\), progress \(Avancement \(%\)\)/],
      ['a progress out of bounds', documentId, { comment: 'Trop', changes: { progress: 150 } }, 400, /Avancement \(%\) : un nombre entier entre 0 et 100 est attendu/],
      ['an unknown status', documentId, { comment: 'Fini', changes: { actionStatus: 'fini' } }, 400, /Statut : valeur inconnue\. Valeurs possibles : a-lancer \(À lancer\)/],
      ['a draft', draft.documentId, { comment: 'Point', changes: { progress: 10 } }, 409, /Faire le point.*impossible : le document est à l’état « Brouillon »/],
    ];
    for (const [label, target, body, status, message] of cases) {
      const res = await report(target, 'agent.accueil', body);
      expect([label, res.status, res.body.error?.message]).toEqual([label, status, expect.stringMatching(message)]);
    }
    // Someone of another service may not report on it; the référent qualité may.
    expect((await report(documentId, 'chef.scolaire', { comment: 'Point', changes: { progress: 10 } })).status).toBe(403);
    expect(await stored(documentId)).toMatchObject({ actionStatus: 'a-lancer', progress: 0 });
    expect((await report(documentId, 'qualite', { comment: 'Lancée', changes: { actionStatus: 'en-cours' } })).status).toBe(200);
    // The other actions of the circuit carry no changes.
    const submit = await post(`/api/workflow/roadmap-actions/${draft.documentId}/transitions`, 'agent.accueil', { action: 'submit', changes: { progress: 50 } });
    expect([submit.status, submit.body.error.message]).toEqual([400, 'Cette action ne modifie aucun champ : retirez « changes » de la demande.']);
  });

  it('keeps evidence with a draft action, read in every state by whoever reads the action', async () => {
    const draft = await post('/api/roadmap-actions', 'agent.accueil', { data: { title: 'Nouvel affichage des horaires', owner: 'Agent accueil', priority: 'haute' } });
    const { documentId } = draft.body.data;
    const upload = await http(app)
      .post('/api/upload')
      .set('Authorization', `Bearer ${jwt['agent.accueil']}`)
      .attach('files', Buffer.from('%PDF-1.4\n%%EOF\n'), { filename: 'photo-affichage.pdf', contentType: 'application/pdf' });
    expect(upload.status).toBe(201);
    const put = await http(app).put(`/api/roadmap-actions/${documentId}`).set('Authorization', `Bearer ${jwt['agent.accueil']}`).send({ data: { evidence: [upload.body[0].id] } });
    expect(put.status).toBe(200);
    await app.db.query(ACTION as never).update({ where: { documentId }, data: { workflowState: 'approved' } });
    const read = (who: string) => get(`/api/roadmap-actions/${documentId}?populate[evidence][fields][0]=name&populate[evidence][fields][1]=url`, who);
    for (const who of ['agent.accueil', 'qualite', 'dgs']) {
      const res = await read(who);
      expect([who, res.status, res.body.data.evidence.map((f: { name: string }) => f.name)]).toEqual([who, 200, ['photo-affichage.pdf']]);
    }
    // Another service's head sees neither the action nor its file.
    expect((await read('chef.scolaire')).status).toBe(404);
  });
});
