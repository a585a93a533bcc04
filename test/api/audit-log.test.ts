import { auditPageSchema } from '@charte/contract/schemas';
import type { Core } from '@strapi/strapi';
import { expectContract } from '../helpers/contract';
import { eventually } from '../helpers/eventually';
import { demoIds } from '../helpers/fixtures';
import { adminLogin, http, login, startStrapi, stopStrapi } from '../helpers/strapi';

/**
 * The audit log (docs/features/audit-log.md): every content change, whatever the door,
 * with who, when and what changed; append-only in PostgreSQL; read by the DGS only.
 */
const EVALUATION = 'api::evaluation.evaluation';
let app: Core.Strapi;
let ids: Awaited<ReturnType<typeof demoIds>>;
const jwt: Record<string, string> = {};
let adminToken: string;

beforeAll(async () => {
  app = await startStrapi();
  ids = await demoIds(app);
  for (const who of ['agent.accueil', 'chef.accueil', 'qualite', 'dgs']) jwt[who] = await login(app, `${who}@demo.local`);
  adminToken = await adminLogin(app, 'admin@demo.local');
});
afterAll(() => stopStrapi(app));

const as = (who: string | null) => ({
  get: (path: string) => (who ? http(app).get(path).set('Authorization', `Bearer ${jwt[who]}`) : http(app).get(path)),
  post: (path: string, body: unknown) => http(app).post(path).set('Authorization', `Bearer ${jwt[who!]}`).send(body as object),
  put: (path: string, body: unknown) => http(app).put(path).set('Authorization', `Bearer ${jwt[who!]}`).send(body as object),
  delete: (path: string) => http(app).delete(path).set('Authorization', `Bearer ${jwt[who!]}`),
});
// Strapi's pg pool hands jsonb back as text.
const parsed = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);
const rowsFor = async (documentId: string) =>
  ((await app.db.connection('charte_audit_log').where({ document_id: documentId }).orderBy('id')) as Record<string, any>[]).map(
    (row): Record<string, any> => ({ ...row, changes: parsed(row.changes), detail: parsed(row.detail) }),
  );
const journal = (query: string, who = 'dgs') => as(who).get(`/api/audit-log${query}`);

describe('what the log records', () => {
  let documentId: string;

  it('records a REST create by an agent with who, the origin and every value set', async () => {
    const res = await as('agent.accueil').post('/api/evaluations', {
      data: { campaign: ids.campaign.documentId, criterion: ids.criterion.documentId, result: 'partiel', findings: 'Accueil sans rendez-vous' },
    });
    expect(res.status).toBe(201);
    documentId = res.body.data.documentId;
    const [entry] = await rowsFor(documentId);
    expect(entry).toMatchObject({ actor_kind: 'user', actor_id: ids.agent.id, actor_name: 'Julie Moreau', content_type: EVALUATION, action: 'create', origin: 'rest' });
    expect(entry.changes).toMatchObject({
      result: { after: 'partiel' },
      findings: { after: 'Accueil sans rendez-vous' },
      workflowState: { after: 'draft' },
      campaign: { after: { documentId: ids.campaign.documentId, label: 'Diagnostic initial 2026' } },
      service: { after: { documentId: ids.accueil.documentId } },
      // A person the document points to, by their names.
      author: { after: { label: 'Julie Moreau' } },
    });
    expect(entry.changes).not.toHaveProperty('updatedAt');
  });

  it('records an update with only the changed fields, before and after', async () => {
    const res = await as('agent.accueil').put(`/api/evaluations/${documentId}`, { data: { result: 'conforme', findings: 'Accueil sans rendez-vous' } });
    expect(res.status).toBe(200);
    const entries = await rowsFor(documentId);
    expect(entries).toHaveLength(2);
    expect(entries[1]).toMatchObject({ action: 'update', actor_name: 'Julie Moreau', changes: { result: { before: 'partiel', after: 'conforme' } } });
    expect(Object.keys(entries[1].changes)).toEqual(['result']);
  });

  it('records nothing for an update that changes nothing', async () => {
    const res = await as('agent.accueil').put(`/api/evaluations/${documentId}`, { data: { result: 'conforme' } });
    expect(res.status).toBe(200);
    expect(await rowsFor(documentId)).toHaveLength(2);
  });

  it('records a transition with the workflow action, and nothing for a refused one', async () => {
    expect((await as('agent.accueil').post(`/api/workflow/evaluations/${documentId}/transitions`, { action: 'submit' })).status).toBe(200);
    expect((await as('agent.accueil').post(`/api/workflow/evaluations/${documentId}/transitions`, { action: 'submit' })).status).toBe(409);
    const entries = await rowsFor(documentId);
    expect(entries).toHaveLength(3);
    expect(entries[2]).toMatchObject({
      action: 'transition',
      actor_kind: 'user',
      actor_id: ids.agent.id,
      origin: 'rest',
      changes: { workflowState: { before: 'draft', after: 'submitted' } },
      detail: { action: 'submit', role: 'agent' },
    });
    // A refused write (not editable once submitted) leaves no entry either.
    expect((await as('agent.accueil').put(`/api/evaluations/${documentId}`, { data: { result: 'partiel' } })).status).toBe(400);
    expect(await rowsFor(documentId)).toHaveLength(3);
  });

  it('records a delete with the values the document had', async () => {
    const created = await as('agent.accueil').post('/api/evaluations', {
      data: { campaign: ids.campaign.documentId, criterion: ids.criterion.documentId, result: 'non-conforme', gaps: 'Pas d’affichage' },
    });
    const id = created.body.data.documentId;
    expect((await as('agent.accueil').delete(`/api/evaluations/${id}`)).status).toBe(204);
    const entries = await rowsFor(id);
    expect(entries.map((e) => e.action)).toEqual(['create', 'delete']);
    expect(entries[1].changes).toMatchObject({ result: { before: 'non-conforme' }, gaps: { before: 'Pas d’affichage' } });
  });

  it('records an update made in the admin panel (Content Manager) with the administrator', async () => {
    const service = ids.accueil;
    const res = await http(app)
      .put(`/content-manager/collection-types/api::service.service/${service.documentId}`)
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ description: 'Accueil, état civil, élections — modifié dans le panneau' });
    expect(res.status).toBe(200);
    const entries = await rowsFor(service.documentId);
    const admin = await app.db.query('admin::user').findOne({ where: { email: 'admin@demo.local' } });
    expect(entries.at(-1)).toMatchObject({
      actor_kind: 'admin',
      actor_id: admin.id,
      origin: 'admin',
      action: 'update',
      changes: { description: { after: 'Accueil, état civil, élections — modifié dans le panneau' } },
    });
    // Relations sent back unchanged by the panel are not reported as changes.
    expect(Object.keys(entries.at(-1)!.changes)).toEqual(['description']);
  });

  it('keeps personal data out: interview notes and a complainant’s contact are recorded as changed, without values', async () => {
    const created = await as('agent.accueil').post('/api/interviews', {
      data: { campaign: ids.campaign.documentId, date: '2026-03-02T09:00:00Z', interviewer: 'Référent', interviewees: 'Mme Durand', notes: 'Propos confidentiels' },
    });
    expect(created.status).toBe(201);
    const [entry] = await rowsFor(created.body.data.documentId);
    expect(entry.changes).toMatchObject({ interviewer: { after: 'Référent' }, interviewees: { masked: true }, notes: { masked: true } });
    expect(JSON.stringify(entry)).not.toMatch(/Durand|confidentiels/);
  });

  it('records account changes made below the Document Service, never with the password', async () => {
    const user = await app.db.query('plugin::users-permissions.user').findOne({ where: { email: 'chef.scolaire@demo.local' } });
    await app.plugin('users-permissions').service('user').edit(user.id, { password: 'Un-nouveau-mot-de-passe-2026!', blocked: true });
    const [entry] = (await rowsFor(user.documentId)).slice(-1);
    expect(entry).toMatchObject({ content_type: 'plugin::users-permissions.user', action: 'update', actor_kind: 'system', origin: 'script' });
    expect(entry.changes).toEqual({ password: { masked: true }, blocked: { before: false, after: true } });
    await app.plugin('users-permissions').service('user').edit(user.id, { blocked: false });
  });
});

describe('bulk writes below the Document Service', () => {
  it('records one « create » per evaluation the campaign builder writes, by the administrator who asked', async () => {
    const referential = await app.db.query('api::referential.referential').findOne({ where: { code: 'qualivilles-ville' } });
    const res = await http(app)
      .post('/charte-admin/campaigns/builds')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({
        referential: referential.documentId,
        name: 'Campagne du journal',
        kind: 'audit-interne',
        startDate: '2026-09-01',
        endDate: '2026-10-31',
        services: [ids.accueil.documentId],
        prefill: false,
      });
    expect(res.status).toBe(202);
    const status: Record<string, any> = await eventually(
      'la fin de la création de campagne',
      async () => (await http(app).get(`/charte-admin/campaigns/builds/${res.body.data.buildId}`).set('Authorization', `Bearer ${adminToken}`)).body.data ?? {},
      (s) => s.state === 'done' || s.state === 'failed',
      { timeoutMs: 60_000, intervalMs: 25 },
    );
    expect(status.state).toBe('done');
    const evaluations: { documentId: string }[] = await app.db.query(EVALUATION).findMany({
      where: { campaign: { documentId: status.campaign.documentId } },
      select: ['documentId'],
    });
    expect(evaluations.length).toBe(status.total);
    const entries = await app.db
      .connection('charte_audit_log')
      .whereIn('document_id', evaluations.map((e) => e.documentId))
      .select('document_id', 'actor_kind', 'actor_name', 'action', 'changes', 'detail');
    expect(entries).toHaveLength(evaluations.length);
    const admin = await app.db.query('admin::user').findOne({ where: { email: 'admin@demo.local' } });
    for (const entry of entries) {
      expect(entry).toMatchObject({ actor_kind: 'admin', action: 'create' });
      expect(parsed(entry.detail)).toEqual({ bulk: true });
      expect(parsed(entry.changes)).toMatchObject({
        result: { after: 'non-evalue' },
        workflowState: { after: 'draft' },
        campaign: { after: { documentId: status.campaign.documentId, label: 'Campagne du journal' } },
        service: { after: { documentId: ids.accueil.documentId } },
      });
    }
    expect(new Set(entries.map((e) => e.actor_name))).toEqual(new Set([[admin.firstname, admin.lastname].filter(Boolean).join(' ') || admin.email]));
    // The campaign document itself went through the Document Service.
    expect(await rowsFor(status.campaign.documentId)).toEqual([expect.objectContaining({ action: 'create', actor_kind: 'admin' })]);
  });
});

describe('append-only', () => {
  it.each([
    ['UPDATE', `update charte_audit_log set actor_name = 'quelqu’un d’autre'`],
    ['DELETE', 'delete from charte_audit_log'],
    ['TRUNCATE', 'truncate charte_audit_log'],
  ])('refuses %s in PostgreSQL itself', async (_op, sql) => {
    const before = await app.db.connection('charte_audit_log').count({ n: '*' }).first();
    await expect(app.db.connection.raw(sql)).rejects.toThrow(/journal des modifications ne se modifie pas/);
    expect(await app.db.connection('charte_audit_log').count({ n: '*' }).first()).toEqual(before);
  });
});

describe('GET /api/audit-log', () => {
  it('answers 401 without a session and 403 in French to every role but the DGS', async () => {
    expect((await journal('', null as never)).status).toBe(401);
    for (const who of ['agent.accueil', 'chef.accueil', 'qualite']) {
      const res = await journal('', who);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/réservé à la direction générale/);
    }
  });

  it('lists newest first with French labels, and filters by type, document, actor and dates', async () => {
    const res = await journal(`?type=${EVALUATION}&actor=agent.accueil`);
    expect(res.status).toBe(200);
    expectContract(auditPageSchema, res.body);
    const { data, meta } = res.body;
    expect(data.length).toBeGreaterThanOrEqual(5);
    // People by their names (accounts carry first and last names), found by their login name too.
    expect(data.every((e: any) => e.contentType.uid === EVALUATION && e.actor.name === 'Julie Moreau')).toBe(true);
    expect((await journal(`?type=${EVALUATION}&actor=moreau`)).body.meta.pagination.total).toBe(meta.pagination.total);
    const ats = data.map((e: any) => Date.parse(e.at));
    expect([...ats].sort((a, b) => b - a)).toEqual(ats);
    expect(meta.types).toEqual(expect.arrayContaining([{ uid: EVALUATION, label: 'Évaluation' }]));

    const transition = data.find((e: any) => e.action === 'transition');
    expect(transition).toMatchObject({ actionLabel: 'Changement d’état', contentType: { label: 'Évaluation', collection: 'evaluations' } });
    // Documents by their titles, never by an opaque id.
    expect(transition.document).toEqual({ title: `${ids.criterion.code} — ${ids.criterion.title}`, service: 'Accueil / État civil' });
    expect(transition.changes).toEqual([{ field: 'workflowState', label: 'État', masked: false, before: 'Brouillon', after: 'Soumis' }]);
    const update = data.find((e: any) => e.action === 'update');
    expect(update.changes).toEqual([{ field: 'result', label: expect.any(String), masked: false, before: 'Partiellement conforme', after: 'Conforme' }]);

    const byDocument = await journal(`?documentId=${transition.documentId}`);
    expect(byDocument.body.data.map((e: any) => e.action)).toEqual(['transition', 'update', 'create']);

    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    expect((await journal(`?documentId=${transition.documentId}&from=${today}&to=${today}`)).body.data).toHaveLength(3);
    expect((await journal(`?documentId=${transition.documentId}&to=2020-01-01`)).body.data).toHaveLength(0);
  });

  it('paginates', async () => {
    const first = await journal('?pageSize=2&page=1');
    const second = await journal('?pageSize=2&page=2');
    expect(first.body.data).toHaveLength(2);
    expect(first.body.meta.pagination).toMatchObject({ page: 1, pageSize: 2, total: expect.any(Number) });
    expect(first.body.meta.pagination.total).toBeGreaterThan(4);
    expect(second.body.data[0].id).toBeLessThan(first.body.data[1].id + 1);
    expect(second.body.data.map((e: any) => e.id)).not.toContain(first.body.data[0].id);
  });

  it.each([
    ['?type=api::nothing.nothing', /Type de contenu inconnu/],
    ['?documentId=ABC-123', /identifiant de document n’est pas valable/],
    ['?from=31/12/2025', /date au format AAAA-MM-JJ/],
    ['?from=2026-02-01&to=2026-01-01', /postérieure/],
    ['?page=0', /nombre entier positif/],
  ])('answers 400 in French for %s', async (query, message) => {
    const res = await journal(query);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });
});
