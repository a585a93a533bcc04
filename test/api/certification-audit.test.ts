import type { Core } from '@strapi/strapi';
import { auditMandateSchema, readinessSchema, type ServiceReadiness } from '@charte/contract/schemas';
import { expectContract } from '../helpers/contract';
import { startMailCatcher } from '../helpers/mail-catcher';
import { http, login, startStrapi, stopStrapi } from '../helpers/strapi';

/**
 * The certification audit (docs/features/certification-audit.md): an external auditor limited to
 * one campaign and its services for the dates of their mission, graded findings and their circuit
 * (a non-conformity closes once its corrective action is done with evidence), and « Prêt pour
 * l'audit ? », over real HTTP against the demo town.
 */

let app: Core.Strapi;
let catcher: Awaited<ReturnType<typeof startMailCatcher>>;
let auditor: string;
let qualite: string;
let agent: string;
let campaign: { id: number; documentId: string };
let previous: { id: number; documentId: string };
let accueil: { id: number; documentId: string; slug: string };
let scolaire: { id: number; documentId: string };

const FINDING = 'api::audit-finding.audit-finding';
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const iso = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

async function criterionId(code: string): Promise<{ id: number; documentId: string }> {
  return app.db.query('api::criterion.criterion').findOne({ select: ['id', 'documentId'], where: { code, theme: { referential: { code: 'qualivilles-ville' } } } });
}

beforeAll(async () => {
  catcher = await startMailCatcher();
  process.env.SMTP_HOST = '127.0.0.1';
  process.env.SMTP_PORT = String(catcher.port);
  app = await startStrapi();
  auditor = await login(app, 'auditeur@demo.local');
  qualite = await login(app, 'qualite@demo.local');
  agent = await login(app, 'agent.accueil@demo.local');
  campaign = await app.db.query('api::campaign.campaign').findOne({ select: ['id', 'documentId'], where: { name: 'Diagnostic initial 2026' } });
  previous = await app.db.query('api::campaign.campaign').findOne({ select: ['id', 'documentId'], where: { name: 'Autodiagnostic 2025' } });
  accueil = await app.db.query('api::service.service').findOne({ select: ['id', 'documentId', 'slug'], where: { slug: 'accueil-etat-civil' } });
  scolaire = await app.db.query('api::service.service').findOne({ select: ['id', 'documentId'], where: { slug: 'scolaire-periscolaire' } });
}, 300_000);
afterAll(async () => {
  await stopStrapi(app);
  await catcher.close();
  delete process.env.SMTP_HOST;
  delete process.env.SMTP_PORT;
});

describe('the auditor’s scope', () => {
  it('shows the auditor their mission: the campaign, its services and the dates', async () => {
    const res = await http(app).get('/api/audit/mandate').set(auth(auditor));
    expect(res.status).toBe(200);
    const mandate = expectContract(auditMandateSchema, res.body.data);
    expect(mandate.campaign.name).toBe('Diagnostic initial 2026');
    expect(mandate.services.map((s) => s.slug).sort()).toEqual(['accueil-etat-civil', 'cabinet-du-maire', 'petite-enfance', 'scolaire-periscolaire']);
    expect(mandate.start <= iso(0) && iso(0) <= mandate.end).toBe(true);
    // The other roles have no mission: the route is not theirs.
    expect((await http(app).get('/api/audit/mandate').set(auth(qualite))).status).toBe(403);
  });

  it('reads the evaluations and interviews of the audited campaign only, never the interviews’ notes', async () => {
    const inCampaign = await app.db.query('api::evaluation.evaluation').count({ where: { campaign: { id: campaign.id } } });
    const list = await http(app).get('/api/evaluations?pagination[pageSize]=1').set(auth(auditor));
    expect(list.status).toBe(200);
    expect(list.body.meta.pagination.total).toBe(inCampaign);
    const old = await app.db.query('api::evaluation.evaluation').findOne({ select: ['documentId'], where: { campaign: { id: previous.id } } });
    expect((await http(app).get(`/api/evaluations/${old.documentId}`).set(auth(auditor))).status).toBe(404);
    const filtered = await http(app).get(`/api/evaluations?filters[campaign][documentId]=${previous.documentId}`).set(auth(auditor));
    expect(filtered.body.data).toEqual([]);
    // Of the campaigns, only the audited one.
    const campaigns = await http(app).get('/api/campaigns').set(auth(auditor));
    expect(campaigns.body.data.map((c: { name: string }) => c.name)).toEqual(['Diagnostic initial 2026']);
    expect((await http(app).get(`/api/campaigns/${previous.documentId}`).set(auth(auditor))).status).toBe(404);

    const interviews = await http(app).get('/api/interviews?pagination[pageSize]=50&fields[0]=notes&fields[1]=interviewees').set(auth(auditor));
    expect(interviews.status).toBe(200);
    expect(interviews.body.data.length).toBeGreaterThan(0);
    expect(interviews.body.data.filter((i: Record<string, unknown>) => 'notes' in i)).toEqual([]);
    const embedded = await http(app).get('/api/evaluations?populate[interviews][fields][0]=notes&pagination[pageSize]=200').set(auth(auditor));
    expect(JSON.stringify(embedded.body.data)).not.toContain('"notes"');
    const probe = await http(app).get('/api/interviews?filters[notes][$contains]=samedi').set(auth(auditor));
    expect(probe.status).toBe(400);
    expect(probe.body.error.message).toMatch(/notes d’entretien sont réservés/);
  });

  it('reads the roadmap actions of its services and writes nothing but findings', async () => {
    const actions = await http(app).get('/api/roadmap-actions?pagination[pageSize]=1').set(auth(auditor));
    expect(actions.status).toBe(200);
    expect(actions.body.meta.pagination.total).toBeGreaterThan(0);
    const evaluation = await app.db.query('api::evaluation.evaluation').findOne({ select: ['documentId'], where: { campaign: { id: campaign.id }, workflowState: 'draft' } });
    const refusals = [
      await http(app).put(`/api/evaluations/${evaluation.documentId}`).set(auth(auditor)).send({ data: { findings: 'Réécrit par l’auditeur' } }),
      await http(app).post('/api/roadmap-actions').set(auth(auditor)).send({ data: { title: 'Action', owner: 'Moi', service: accueil.documentId } }),
      await http(app).post('/api/complaints').set(auth(auditor)).send({ data: { kind: 'suggestion', channel: 'guichet', receivedAt: '2026-05-04', subject: 'x' } }),
      await http(app).get('/api/complaints').set(auth(auditor)),
      await http(app).get('/api/measures').set(auth(auditor)),
    ];
    expect(refusals.map((r) => r.status)).toEqual([403, 403, 403, 403, 403]);
  });

  it('records a finding in its campaign only: the campaign is filled in, another is refused in French', async () => {
    const criterion = await criterionId('QV-01');
    const base = { service: accueil.documentId, criterion: criterion.documentId, grade: 'piste-de-progres', fact: 'Les horaires du samedi ne sont affichés qu’à l’intérieur.' };
    const created = await http(app).post('/api/audit-findings?populate[campaign][fields][0]=name').set(auth(auditor)).send({ data: base });
    expect(created.status).toBe(201);
    const row = await app.db.query(FINDING).findOne({ where: { documentId: created.body.data.documentId }, populate: { campaign: { select: ['id'] }, author: { select: ['email'] } } });
    expect([row.campaign.id, row.author.email, row.workflowState]).toEqual([campaign.id, 'auditeur@demo.local', 'draft']);
    const before = await app.db.query(FINDING).count();
    const elsewhere = await http(app).post('/api/audit-findings').set(auth(auditor)).send({ data: { ...base, campaign: previous.documentId } });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error.message).toBe('Vous n’auditez que la campagne « Diagnostic initial 2026 ».');
    const marianne = await app.db.query('api::criterion.criterion').findOne({ select: ['documentId'], where: { theme: { referential: { code: { $ne: 'qualivilles-ville' } } } } });
    const wrongCriterion = await http(app).post('/api/audit-findings').set(auth(auditor)).send({ data: { ...base, criterion: marianne.documentId } });
    expect(wrongCriterion.status).toBe(400);
    expect(wrongCriterion.body.error.message).toMatch(/n’appartient pas au référentiel de la campagne « Diagnostic initial 2026 »/);
    const badGrade = await http(app).post('/api/audit-findings').set(auth(auditor)).send({ data: { ...base, grade: 'catastrophe' } });
    expect(badGrade.status).toBe(400);
    const noFact = await http(app).post('/api/audit-findings').set(auth(auditor)).send({ data: { ...base, fact: undefined } });
    expect(noFact.status).toBe(400);
    // A service outside the audited campaign.
    const outside = await app.documents('api::service.service').create({ data: { name: 'Service hors campagne', slug: 'hors-campagne' } as never });
    const foreign = await http(app).post('/api/audit-findings').set(auth(auditor)).send({ data: { ...base, service: outside.documentId } });
    expect(foreign.status).toBe(403);
    expect(await app.db.query(FINDING).count()).toBe(before);
    // An auditor changes only their own drafts (config/roles.yaml ownWrites): another auditor's is out of reach.
    const other = await app.documents(FINDING).create({
      data: { campaign: campaign.id, service: accueil.id, criterion: criterion.id, grade: 'point-fort', fact: 'Constat d’un autre auditeur.' } as never,
    });
    expect((await http(app).put(`/api/audit-findings/${other.documentId}`).set(auth(auditor)).send({ data: { fact: 'Réécrit' } })).status).toBe(404);
    expect((await http(app).delete(`/api/audit-findings/${other.documentId}`).set(auth(auditor))).status).toBe(404);
    const mine = await http(app).put(`/api/audit-findings/${created.body.data.documentId}`).set(auth(auditor)).send({ data: { requirement: 'QV-01 — une signalétique à jour.' } });
    expect(mine.status).toBe(200);
    // Agents and heads read their service's findings, never write one.
    expect((await http(app).post('/api/audit-findings').set(auth(agent)).send({ data: { ...base, campaign: campaign.documentId } })).status).toBe(403);
  });
});

describe('the auditor’s period', () => {
  const setPeriod = (auditStart: string, auditEnd: string) =>
    app.documents('api::campaign.campaign').update({ documentId: campaign.documentId, data: { auditStart, auditEnd } as never });
  afterEach(() => setPeriod(iso(-7), iso(90)));

  it('refuses every request, the login included, in French once the mission is over, and before it starts', async () => {
    await setPeriod(iso(-30), iso(-1));
    const session = await http(app).get('/api/session').set(auth(auditor));
    expect(session.status).toBe(403);
    expect(session.body.error.message).toMatch(/^Votre mission d’audit a pris fin le .+ : l’accès à la campagne « Diagnostic initial 2026 » est fermé\.$/);
    expect((await http(app).get('/api/evaluations').set(auth(auditor))).status).toBe(403);
    expect((await http(app).post('/api/audit-findings').set(auth(auditor)).send({ data: {} })).status).toBe(403);
    const again = await http(app).post('/api/auth/local').send({ identifier: 'auditeur@demo.local', password: 'Charte-Accueil-2026' });
    expect(again.status).toBe(403);
    expect(again.body.jwt).toBeUndefined();
    expect(again.body.error.message).toMatch(/a pris fin/);
    // Other accounts are not concerned.
    expect((await http(app).get('/api/session').set(auth(qualite))).status).toBe(200);

    await setPeriod(iso(3), iso(30));
    const early = await http(app).get('/api/session').set(auth(auditor));
    expect(early.status).toBe(403);
    expect(early.body.error.message).toMatch(/^Votre mission d’audit commence le /);
  });

  it('is kept consistent by the campaign’s rules: end after start, auditors of the role « Auditeur », one campaign each', async () => {
    await expect(setPeriod(iso(10), iso(1))).rejects.toThrow('Le dernier jour de l’audit précède le premier.');
    const chef = await app.db.query('plugin::users-permissions.user').findOne({ select: ['documentId'], where: { email: 'chef.accueil@demo.local' } });
    await expect(
      app.documents('api::campaign.campaign').update({ documentId: previous.documentId, data: { auditors: { connect: [chef.documentId] } } as never }),
    ).rejects.toThrow(/n’a pas le rôle « Auditeur »/);
    const auditorAccount = await app.db.query('plugin::users-permissions.user').findOne({ select: ['documentId'], where: { email: 'auditeur@demo.local' } });
    await expect(
      app.documents('api::campaign.campaign').update({ documentId: previous.documentId, data: { auditors: [auditorAccount.documentId] } as never }),
    ).rejects.toThrow('Le compte auditeur@demo.local audite déjà la campagne « Diagnostic initial 2026 » : un auditeur n’audite qu’une campagne à la fois.');
  });
});

describe('the findings’ circuit', () => {
  it('goes auditor → référent: acknowledged, turned into an action, closed once the action is done with evidence', async () => {
    const criterion = await criterionId('QV-14');
    const created = await http(app).post('/api/audit-findings').set(auth(auditor)).send({
      data: { service: accueil.documentId, criterion: criterion.documentId, grade: 'non-conformite-majeure', fact: 'Aucun accusé de réception des courriels.', requirement: 'QV-14' },
    });
    expect(created.status).toBe(201);
    const id = created.body.data.documentId as string;
    const transition = (token: string, body: Record<string, unknown>) => http(app).post(`/api/workflow/audit-findings/${id}/transitions`).set(auth(token)).send(body);

    expect((await transition(qualite, { action: 'submit' })).status).toBe(403);
    expect((await transition(auditor, { action: 'submit' })).status).toBe(200);
    const mail = await catcher.waitFor((m) => m.to.includes('qualite@demo.local') && m.subject.includes('Nouveau constat d’audit'));
    expect(mail.text).toContain('Claire Dumont, auditeur, a soumis un constat d’audit pour le service Accueil / État civil');
    // Submitted: the auditor may no longer change it.
    const locked = await http(app).put(`/api/audit-findings/${id}`).set(auth(auditor)).send({ data: { fact: 'Autre chose' } });
    expect(locked.status).toBe(400);
    // In the référent's « À traiter ».
    const inbox = await http(app).get('/api/workflow/inbox?type=audit-findings&group=to-acknowledge').set(auth(qualite));
    expect(inbox.body.data.groups[0].items.map((i: { documentId: string }) => i.documentId)).toContain(id);

    expect((await transition(auditor, { action: 'acknowledge' })).status).toBe(403);
    const acknowledged = await transition(qualite, { action: 'acknowledge', changes: { rootCause: 'Boîte de service sans réponse automatique.' } });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body.data.workflowState).toBe('acknowledged');
    const { title } = await app.db.query('api::criterion.criterion').findOne({ select: ['title'], where: { id: criterion.id } });
    await catcher.waitFor((m) => m.to.includes('auditeur@demo.local') && m.subject === `[Charte d’accueil] Reçu : Non-conformité majeure — QV-14 ${title}`);

    const settle = () => transition(qualite, { action: 'settle' });
    let refused = await settle();
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toBe('Action « Clore » impossible : aucune action corrective n’a été créée depuis le constat.');

    // The corrective action: on the finding's service and criterion, with a due date for a major one.
    const action = { title: 'Réponse automatique sur la boîte du service', owner: 'Karim Benali', priority: 'haute', service: accueil.documentId, criterion: criterion.documentId, promptFinding: id };
    const noDue = await http(app).post('/api/roadmap-actions').set(auth(qualite)).send({ data: action });
    expect(noDue.status).toBe(400);
    expect(noDue.body.error.message).toBe('L’action corrective d’une non-conformité majeure a une échéance : renseignez « Échéance ».');
    const wrongService = await http(app).post('/api/roadmap-actions').set(auth(qualite)).send({ data: { ...action, dueDate: iso(30), service: scolaire.documentId } });
    expect(wrongService.status).toBe(400);
    expect(wrongService.body.error.message).toBe('L’action corrective porte sur le service du constat (« Accueil / État civil »).');
    const made = await http(app).post('/api/roadmap-actions').set(auth(qualite)).send({ data: { ...action, dueDate: iso(30) } });
    expect(made.status).toBe(201);

    refused = await settle();
    expect(refused.body.error.message).toBe('Action « Clore » impossible : l’action corrective n’est pas encore aboutie.');
    // Done (the follow-up of an approved action, written here below the Document Service as a fixture).
    await app.db.query('api::roadmap-action.roadmap-action').update({ where: { documentId: made.body.data.documentId }, data: { actionStatus: 'abouti', progress: 100 } });
    refused = await settle();
    expect(refused.body.error.message).toBe('Action « Clore » impossible : aucune preuve valide n’est jointe, ni à l’action corrective aboutie ni à l’évaluation de cet engagement (une pièce échue ne compte pas).');
    expect((await app.db.query(FINDING).findOne({ where: { documentId: id } })).workflowState).toBe('acknowledged');

    const file = await app.db.query('plugin::upload.file').create({
      data: { name: 'reponse-automatique.pdf', hash: `preuve_${Date.now()}`, ext: '.pdf', mime: 'application/pdf', size: 12.5, url: '/uploads/reponse-automatique.pdf', provider: 'local' },
    });
    await app.db.query('api::roadmap-action.roadmap-action').update({ where: { documentId: made.body.data.documentId }, data: { evidence: [file.id] } });
    const settled = await settle();
    expect(settled.status).toBe(200);
    expect(settled.body.data.workflowState).toBe('settled');
    const history = await http(app).get(`/api/workflow/audit-findings/${id}/history`).set(auth(auditor));
    expect(history.body.data.map((e: { action: string }) => e.action)).toEqual(['submit', 'acknowledge', 'settle']);
  });

  it('closes a finding that is not a non-conformity without asking for an action', async () => {
    const criterion = await criterionId('QV-03');
    const created = await http(app).post('/api/audit-findings').set(auth(auditor)).send({ data: { service: accueil.documentId, criterion: criterion.documentId, grade: 'point-fort', fact: 'Guides à jour.' } });
    const id = created.body.data.documentId as string;
    for (const [token, action] of [[auditor, 'submit'], [qualite, 'acknowledge'], [qualite, 'settle']] as const) {
      const res = await http(app).post(`/api/workflow/audit-findings/${id}/transitions`).set(auth(token)).send({ action });
      expect([action, res.status]).toEqual([action, 200]);
    }
  });
});

describe('« Prêt pour l’audit ? »', () => {
  const readinessOf = async (token: string, service = accueil.documentId): Promise<ServiceReadiness> => {
    const res = await http(app).get(`/api/audit/readiness?campaign=${campaign.documentId}&service=${service}`).set(auth(token));
    expect(res.status).toBe(200);
    return expectContract(readinessSchema, res.body.data).services[0];
  };

  it('lists what each applicable criterion lacks, computed from the database as the rules say', async () => {
    const readiness = await readinessOf(qualite);
    // Independently: the accueil evaluations of the campaign that are not « non applicable ».
    const evaluations = (await app.db.query('api::evaluation.evaluation').findMany({
      where: { campaign: { id: campaign.id }, service: { id: accueil.id }, result: { $ne: 'non-applicable' } },
      populate: { criterion: { select: ['code'] } },
    })) as { workflowState: string; result: string; criterion: { code: string } }[];
    expect(readiness.counts.criteria).toBe(evaluations.length);
    expect(readiness.counts.approved).toBe(evaluations.filter((e) => e.workflowState === 'approved').length);
    expect(readiness.counts.gaps).toBe(evaluations.filter((e) => ['partiel', 'non-conforme'].includes(e.result)).length);
    expect(readiness.ready).toBe(false);
    const notApproved = readiness.items.filter((i) => i.problems.some((p) => p.code === 'not-approved'));
    expect(notApproved.length).toBe(evaluations.filter((e) => e.workflowState !== 'approved').length);
    expect(notApproved[0].problems[0].link).toBe(`/a-traiter/evaluations/${notApproved[0].evaluation!.documentId}`);
    // The demo's evaluations carry no file yet: each lacks evidence.
    expect(readiness.items.every((i) => i.problems.some((p) => p.code === 'no-evidence'))).toBe(true);
    // The demo's major non-conformity (QV-07, submitted) blocks the audit.
    expect(readiness.blockingFindings.map((f) => f.grade)).toEqual(['non-conformite-majeure']);
  });

  it('turns green criterion by criterion: approved with evidence, and a gap needs an action', async () => {
    const criterion = await criterionId('QV-02');
    const evaluation = await app.db.query('api::evaluation.evaluation').findOne({ where: { campaign: { id: campaign.id }, service: { id: accueil.id }, criterion: { id: criterion.id } } });
    const itemOf = async () => (await readinessOf(qualite)).items.find((i) => i.criterion.code === 'QV-02')!;
    const file = await app.db.query('plugin::upload.file').create({
      data: { name: 'signaletique.jpg', hash: `signaletique_${Date.now()}`, ext: '.jpg', mime: 'image/jpeg', size: 40, url: '/uploads/signaletique.jpg', provider: 'local' },
    });
    await app.db.query('api::evaluation.evaluation').update({ where: { id: evaluation.id }, data: { workflowState: 'approved', result: 'conforme', evidence: [file.id] } });
    expect((await itemOf()).problems).toEqual([]);
    // An expired piece is no evidence to an auditor: the criterion lacks it again until the piece is renewed.
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    expect((await http(app).put(`/api/evidence/${file.id}`).set(auth(qualite)).send({ validUntil: twoDaysAgo })).status).toBe(200);
    expect((await itemOf()).problems.map((p) => p.code)).toEqual(['no-evidence']);
    expect((await http(app).put(`/api/evidence/${file.id}`).set(auth(qualite)).send({ validUntil: null })).status).toBe(200);
    expect((await itemOf()).problems).toEqual([]);
    await app.db.query('api::evaluation.evaluation').update({ where: { id: evaluation.id }, data: { result: 'partiel' } });
    const gap = await itemOf();
    expect(gap.problems.map((p) => p.code)).toEqual(['no-action']);
    expect(gap.problems[0].link).toBe(`/feuille-de-route/nouvelle?service=${accueil.documentId}&criterion=${criterion.documentId}`);
    await app.documents('api::roadmap-action.roadmap-action').create({
      data: { title: 'Refaire la signalétique', owner: 'Karim Benali', service: accueil.id, criterion: criterion.id, actionStatus: 'abandonne' } as never,
    });
    expect((await itemOf()).problems.map((p) => p.code)).toEqual(['no-action']);
    await app.documents('api::roadmap-action.roadmap-action').create({ data: { title: 'Refaire la signalétique', owner: 'Karim Benali', service: accueil.id, criterion: criterion.id } as never });
    expect((await itemOf()).problems).toEqual([]);
  });

  it('is scoped like the rest: a head reads their service, the auditor has no access, bad parameters are 400', async () => {
    const chef = await login(app, 'chef.accueil@demo.local');
    expect((await readinessOf(chef)).service.slug).toBe('accueil-etat-civil');
    const other = await http(app).get(`/api/audit/readiness?campaign=${campaign.documentId}&service=${scolaire.documentId}`).set(auth(chef));
    expect(other.status).toBe(404);
    const all = await http(app).get(`/api/audit/readiness?campaign=${campaign.documentId}`).set(auth(chef));
    expect(all.body.data.services.map((s: { service: { slug: string } }) => s.service.slug)).toEqual(['accueil-etat-civil']);
    expect((await http(app).get(`/api/audit/readiness?campaign=${campaign.documentId}`).set(auth(auditor))).status).toBe(403);
    const bad = await http(app).get('/api/audit/readiness?campaign[$ne]=x').set(auth(qualite));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/Paramètre « campaign » invalide/);
    expect((await http(app).get('/api/audit/readiness').set(auth(qualite))).status).toBe(400);
    expect((await http(app).get('/api/audit/readiness?campaign=inconnue').set(auth(qualite))).status).toBe(404);
  });
});
