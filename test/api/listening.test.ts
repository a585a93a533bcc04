import {
  agentSurveyFormSchema,
  agentSurveySummarySchema,
  publicFeedbackSchema,
  publishedResultsSchema,
  surveyEditorViewSchema,
  surveyResultsSchema,
} from '@charte/contract/schemas';
import type { Core } from '@strapi/strapi';
import ExcelJS from 'exceljs';
import { expectContract } from '../helpers/contract';
import { demoIds } from '../helpers/fixtures';
import { http, login, startStrapi, stopStrapi } from '../helpers/strapi';

/**
 * Services Publics + « à votre écoute » (issue 20, items 4–6): the agent survey (anonymous, once
 * per account, figures only for groups of 5 and more, compared with the users' survey), the
 * standard satisfaction question and its net rate, the town's public replies to feedback (nothing
 * public before approval, no personal data) and « Vous nous l'avez dit, nous l'avons fait ».
 */

let app: Core.Strapi;
let qualite: string;
let agent: string;
let chefAccueil: string;
let chefScolaire: string;
let dgs: string;
let ids: Awaited<ReturnType<typeof demoIds>>;
let agentSurvey: { id: number; documentId: string };
let usersSurvey: { id: number; documentId: string };

const SURVEY = 'api::survey.survey';
const REPLY = 'api::feedback-reply.feedback-reply';
const ACTION = 'api::roadmap-action.roadmap-action';
const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const get = (url: string, token?: string) => (token ? http(app).get(url).set(as(token)) : http(app).get(url));
const post = (url: string, body: unknown, token?: string) => (token ? http(app).post(url).set(as(token)) : http(app).post(url)).send(body as object);
const put = (url: string, body: unknown, token: string) => http(app).put(url).set(as(token)).send(body as object);
const transition = (collection: string, documentId: string, action: string, token: string, comment?: string) =>
  post(`/api/workflow/${collection}/${documentId}/transitions`, { action, ...(comment ? { comment } : {}) }, token);
const answer = (token: string, body: unknown = { answers: { 'satisfaction-globale': 3, outils: true } }) => post(`/api/agent-surveys/${agentSurvey.documentId}/responses`, body, token);

const complaint = (subject: string) =>
  app.db.query('api::complaint.complaint').findOne({ select: ['id', 'documentId', 'contactName', 'contactEmail', 'description'], where: { subject } });

/** Per group (service id, 0 for none): answers, satisfied and dissatisfied answers to a question, in SQL. */
async function groupsOf(surveyId: number, question: string) {
  const { rows } = await app.db.connection.raw(
    `select coalesce(sv.service_id, 0) as service, count(*)::int as responses,
            count(*) filter (where r.answers ->> ? in ('3', '4', 'true'))::int as satisfied,
            count(*) filter (where r.answers ->> ? in ('1', '2', 'false'))::int as dissatisfied,
            count(r.answers -> ?)::int as answered
     from survey_responses r join survey_responses_survey_lnk rs on rs.survey_response_id = r.id
     left join survey_responses_service_lnk sv on sv.survey_response_id = r.id
     where rs.survey_id = ? group by 1 order by 1`,
    [question, question, question, surveyId],
  );
  return rows as { service: number; responses: number; satisfied: number; dissatisfied: number; answered: number }[];
}

beforeAll(async () => {
  app = await startStrapi();
  [qualite, agent, chefAccueil, chefScolaire, dgs] = await Promise.all(
    ['qualite@demo.local', 'agent.accueil@demo.local', 'chef.accueil@demo.local', 'chef.scolaire@demo.local', 'dgs@demo.local'].map((email) => login(app, email)),
  );
  ids = await demoIds(app);
  agentSurvey = await app.db.query(SURVEY).findOne({ select: ['id', 'documentId'], where: { audience: 'agents' } });
  usersSurvey = await app.db.query(SURVEY).findOne({ select: ['id', 'documentId'], where: { audience: 'usagers' }, orderBy: { opensAt: 'desc' } });
});
afterAll(() => stopStrapi(app));

describe('the agent survey', () => {
  it('does not exist for the public: neither listed, nor shown, nor answered', async () => {
    const list = await get('/api/public/surveys').expect(200);
    expect(list.body.data.map((s: { documentId: string }) => s.documentId)).not.toContain(agentSurvey.documentId);
    expect((await get(`/api/public/surveys/${agentSurvey.documentId}`)).status).toBe(404);
    expect((await post(`/api/public/surveys/${agentSurvey.documentId}/responses`, { answers: { 'satisfaction-globale': 4 } })).status).toBe(404);
    expect((await get('/api/agent-surveys')).status).toBe(401);
    expect((await get('/api/agent-surveys')).body.error.message).toBe('Connectez-vous pour répondre à l’enquête agents.');
  });

  it('is answered once per account, with nothing tying the answer to it', async () => {
    const list = await get('/api/agent-surveys', agent).expect(200);
    const mine = list.body.data.find((s: { documentId: string }) => s.documentId === agentSurvey.documentId);
    expect(expectContract(agentSurveySummarySchema, mine)).toMatchObject({ answered: false });
    const form = expectContract(agentSurveyFormSchema, (await get(`/api/agent-surveys/${agentSurvey.documentId}`, agent).expect(200)).body.data);
    expect(form.services.map((s) => s.name)).toEqual(['Accueil / État civil']);
    expect(form.questions.map((q) => q.id)).toContain('satisfaction-globale');
    expect(form.minimumGroup).toBe(5);

    const before = await app.db.connection('survey_responses').count({ n: '*' });
    // A service that is not one's own is refused, and nothing is stored.
    const elsewhere = await answer(agent, { answers: { 'satisfaction-globale': 3, outils: true }, service: ids.scolaire.documentId });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error.message).toBe('Choisissez l’un de vos services, ou aucun.');
    const missing = await answer(agent, { answers: { formation: true } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('cette question est obligatoire');

    // Two tabs at once: one answer counts, the other is told it was already given.
    const both = await Promise.all([answer(agent, { answers: { 'satisfaction-globale': 2, outils: false }, service: ids.accueil.documentId }), answer(agent)]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.status === 409)!.body.error.message).toBe('Vous avez déjà répondu à cette enquête. Merci de votre participation !');
    expect(both.find((r) => r.status === 201)!.body.meta.message).toBe('Merci ! Votre réponse a été enregistrée, sans votre nom.');
    const after = await app.db.connection('survey_responses').count({ n: '*' });
    expect(Number(after[0].n) - Number(before[0].n)).toBe(1);

    // Who answered is kept apart, without time, and the answer carries no account, nor does its audit entry.
    const participants = await app.db.connection('charte_agent_survey_participants').where({ survey_id: agentSurvey.id });
    expect(participants).toEqual([{ survey_id: agentSurvey.id, user_id: ids.agent.id }]);
    const columns = (await app.db.connection.raw(`select column_name from information_schema.columns where table_name = 'charte_agent_survey_participants' order by 1`)).rows.map((r: { column_name: string }) => r.column_name);
    expect(columns).toEqual(['survey_id', 'user_id']);
    const latest = await app.db.connection.raw(`select r.id, r.document_id from survey_responses r order by r.id desc limit 1`);
    const links = await app.db.connection.raw(`select count(*)::int as n from survey_responses_entered_by_lnk where survey_response_id = ?`, [latest.rows[0].id]);
    expect(links.rows[0].n).toBe(0);
    const audit = await app.db.connection.raw(`select actor_kind, actor_id, actor_name from charte_audit_log where document_id = ?`, [latest.rows[0].document_id]);
    expect(audit.rows).toEqual([{ actor_kind: 'public', actor_id: null, actor_name: null }]);

    const again = expectContract(agentSurveyFormSchema, (await get(`/api/agent-surveys/${agentSurvey.documentId}`, agent).expect(200)).body.data);
    expect(again).toMatchObject({ answered: true, questions: [], message: 'Vous avez déjà répondu à cette enquête. Merci de votre participation !' });
  });

  it('shows a group’s figures only from 5 answers, and never lets a hidden group be read by subtraction', async () => {
    const res = await get(`/api/survey-results/${agentSurvey.documentId}`, qualite).expect(200);
    const results = expectContract(surveyResultsSchema, res.body.data);
    expect(results.survey.audience).toBe('agents');
    expect(results.minimumGroup).toBe(5);
    const raw = await groupsOf(agentSurvey.id, 'satisfaction-globale');
    const total = raw.reduce((sum, g) => sum + g.responses, 0);
    expect(results.overall.responses).toBe(total);
    const hidden = results.byService.filter((g) => g.masked);
    const shown = results.byService.filter((g) => !g.masked);
    // The demo's 15 answers over four services leave some services under 5.
    expect(hidden.length).toBeGreaterThan(0);
    for (const group of results.byService) {
      if (group.responses < 5) expect(group.masked).toBe(true);
      if (group.masked) expect(group).toMatchObject({ satisfaction: { answered: 0, satisfied: 0, share: null }, netSatisfaction: null });
      if (group.masked) expect(group.questions.every((q) => Object.keys(q.counts).length === 0)).toBe(true);
    }
    const hiddenAnswers = hidden.reduce((sum, g) => sum + g.responses, 0);
    if (!results.overall.masked) expect(hiddenAnswers === 0 || hiddenAnswers >= 5).toBe(true);
    // What is shown equals the raw answers.
    const ofService = (id: number) => raw.find((g) => g.service === id)!;
    for (const group of shown) {
      const service = await app.db.query('api::service.service').findOne({ select: ['id'], where: { documentId: group.service!.documentId } });
      const question = group.questions.find((q) => q.id === 'satisfaction-globale')!;
      expect(question.satisfaction).toEqual({ answered: ofService(service.id).answered, satisfied: ofService(service.id).satisfied, share: ofService(service.id).satisfied / ofService(service.id).answered });
    }
    if (!results.overall.masked) {
      const all = raw.reduce((acc, g) => ({ satisfied: acc.satisfied + g.satisfied, dissatisfied: acc.dissatisfied + g.dissatisfied, answered: acc.answered + g.answered }), { satisfied: 0, dissatisfied: 0, answered: 0 });
      expect(results.overall.netSatisfaction).toBeCloseTo((all.satisfied - all.dissatisfied) / all.answered, 10);
    }
  });

  it('hides everything from a head whose services hold fewer than 5 answers, free answers included', async () => {
    const raw = await groupsOf(agentSurvey.id, 'satisfaction-globale');
    const scolaire = raw.find((g) => g.service === ids.scolaire.id)?.responses ?? 0;
    const res = await get(`/api/survey-results/${agentSurvey.documentId}`, chefScolaire).expect(200);
    expect(res.body.data.overall.responses).toBe(scolaire);
    if (scolaire < 5) {
      expect(res.body.data.overall.masked).toBe(true);
      const texts = await get(`/api/survey-results/${agentSurvey.documentId}/texts?question=remarque`, chefScolaire);
      expect(texts.status).toBe(409);
      expect(texts.body.error.message).toBe('Pas assez de réponses pour préserver l’anonymat : les réponses libres de l’enquête agents se lisent à partir de 5 réponses.');
    }
    // The référent reads the free answers alone: neither service nor day.
    const all = await get(`/api/survey-results/${agentSurvey.documentId}/texts?question=remarque`, qualite).expect(200);
    expect(all.body.data.items.length).toBeGreaterThan(0);
    expect(all.body.data.items.every((i: { service: unknown; receivedOn: unknown }) => i.service === null && i.receivedOn === null)).toBe(true);
  });

  it('compares with the users’ survey on the questions both ask', async () => {
    const results = (await get(`/api/survey-results/${agentSurvey.documentId}`, qualite).expect(200)).body.data;
    expect(results.comparison.with.documentId).toBe(usersSurvey.documentId);
    expect(results.comparison.questions.map((q: { id: string }) => q.id)).toEqual(['satisfaction-globale', 'clarte']);
    const users = await groupsOf(usersSurvey.id, 'satisfaction-globale');
    const sum = users.reduce((acc, g) => ({ satisfied: acc.satisfied + g.satisfied, dissatisfied: acc.dissatisfied + g.dissatisfied, answered: acc.answered + g.answered }), { satisfied: 0, dissatisfied: 0, answered: 0 });
    const standard = results.comparison.questions[0];
    expect(standard.users).toEqual({ answered: sum.answered, satisfied: sum.satisfied, share: sum.satisfied / sum.answered });
    expect(standard.usersNet).toBeCloseTo((sum.satisfied - sum.dissatisfied) / sum.answered, 10);
  });

  it('exports no answer one by one, takes no paper questionnaire and keeps its audience once answered', async () => {
    const file = await http(app).get(`/api/survey-results/${agentSurvey.documentId}/export`).set(as(qualite)).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(file.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as never);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Synthèse', 'Questions']);
    expect((await get(`/api/survey-results/${agentSurvey.documentId}/paper`, qualite)).status).toBe(404);
    const view = (await get(`/api/survey-editor/${agentSurvey.documentId}`, qualite).expect(200)).body.data;
    const flipped = await put(`/api/survey-editor/${agentSurvey.documentId}`, { ...view.survey, documentId: undefined, audience: 'usagers' }, qualite);
    expect(flipped.status).toBe(409);
    expect(flipped.body.error.message).toContain('les personnes interrogées (usagers ou agents) ne peuvent plus changer');
    expect((await app.db.query(SURVEY).findOne({ select: ['audience'], where: { id: agentSurvey.id } })).audience).toBe('agents');
  });
});

describe('the standard Services Publics + question', () => {
  it('is offered ready-made by the editor', async () => {
    const blank = expectContract(surveyEditorViewSchema, (await get('/api/survey-editor', qualite).expect(200)).body.data);
    expect(blank.standardQuestion).toEqual({ id: 'satisfaction-globale', kind: 'scale-1-4', label: 'Globalement, êtes-vous satisfait(e) de l’accueil et du service rendu ?', required: true });
  });

  it('gives the net satisfaction of the users’ survey in its results and in « Nos résultats »', async () => {
    const raw = await groupsOf(usersSurvey.id, 'satisfaction-globale');
    const sum = raw.reduce((acc, g) => ({ satisfied: acc.satisfied + g.satisfied, dissatisfied: acc.dissatisfied + g.dissatisfied, answered: acc.answered + g.answered }), { satisfied: 0, dissatisfied: 0, answered: 0 });
    const net = (sum.satisfied - sum.dissatisfied) / sum.answered;
    const results = (await get(`/api/survey-results/${usersSurvey.documentId}`, qualite).expect(200)).body.data;
    expect(results.overall.netSatisfaction).toBeCloseTo(net, 10);
    expect(results.overall.masked).toBe(false);
    const published = expectContract(publishedResultsSchema, (await get('/api/public/results').expect(200)).body);
    expect(published.satisfaction).toMatchObject({ netPoints: Math.round(net * 1000) / 10, standardAnswers: sum.answered });
    // The agent survey is internal: never the one « Nos résultats » publishes.
    expect(published.satisfaction!.survey).not.toMatch(/agents/i);
  });
});

describe('public replies to feedback', () => {
  it('serves only the approved replies, and nothing personal of the register', async () => {
    const res = await get('/api/public/feedback').expect(200);
    const body = expectContract(publicFeedbackSchema, res.body);
    const approved = await app.db.query(REPLY).findMany({ select: ['said'], where: { workflowState: 'approved' } });
    const drafts = await app.db.query(REPLY).findMany({ select: ['said', 'reply'], where: { workflowState: 'draft' } });
    expect(body.replies.map((r) => r.said).sort()).toEqual(approved.map((r: { said: string }) => r.said).sort());
    expect(drafts.length).toBeGreaterThan(0);
    const served = JSON.stringify(res.body);
    for (const draft of drafts) expect(served).not.toContain(draft.reply);
    const complaints = await app.db.query('api::complaint.complaint').findMany({ select: ['subject', 'description', 'contactName', 'contactEmail'] });
    for (const c of complaints) for (const value of [c.description, c.contactName, c.contactEmail, c.subject]) if (value) expect(served).not.toContain(value);
  });

  it('refuses a public text holding an e-mail, a phone number or the person’s name, and changes nothing', async () => {
    const target = await complaint('Délai de délivrance d’un acte de naissance');
    const count = await app.db.query(REPLY).count();
    const cases: [string, string][] = [
      ['Écrivez-nous à accueil@exemple.fr pour toute question.', 'une adresse électronique'],
      ['Rappelez-nous au 01 23 45 67 89.', 'un numéro de téléphone'],
      ['M. Petit attendait son acte depuis trois semaines.', 'le nom de la personne'],
    ];
    for (const [text, what] of cases) {
      const res = await post('/api/feedback-replies', { data: { complaint: target.documentId, said: text, reply: 'Réponse de la commune.' } }, qualite);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(`Ce que vous nous avez dit : ce texte sera public et contient ${what}. Retirez-les avant d’enregistrer.`);
    }
    expect(await app.db.query(REPLY).count()).toBe(count);
    // Only the référent qualité writes them.
    expect((await post('/api/feedback-replies', { data: { complaint: target.documentId, said: 'Un acte arrivé en retard.', reply: 'Réponse.' } }, agent)).status).toBe(403);
  });

  it('is public once approved, locked then, and withdrawn when reopened', async () => {
    const target = await complaint('Délai de délivrance d’un acte de naissance');
    const created = await post('/api/feedback-replies', { data: { complaint: target.documentId, said: 'Un acte de naissance demandé par courrier est arrivé tard.', reply: 'Nous vérifions désormais l’adresse à réception de chaque demande.' } }, qualite);
    expect(created.status).toBe(201);
    const id = created.body.data.documentId;
    const isPublic = async () => (await get('/api/public/feedback').expect(200)).body.replies.some((r: { reply: string }) => r.reply.startsWith('Nous vérifions désormais'));
    expect(await isPublic()).toBe(false);
    const second = await post('/api/feedback-replies', { data: { complaint: target.documentId, said: 'Encore.', reply: 'Encore.' } }, qualite);
    expect(second.status).toBe(400);
    expect(second.body.error.message).toBe('Cette demande a déjà une réponse publique : modifiez celle-ci plutôt que d’en créer une seconde.');
    expect((await transition('feedback-replies', id, 'approve', dgs)).status).toBe(403);
    expect((await transition('feedback-replies', id, 'approve', qualite)).status).toBe(200);
    expect(await isPublic()).toBe(true);
    const reply = (await get('/api/public/feedback')).body.replies.find((r: { reply: string }) => r.reply.startsWith('Nous vérifions désormais'));
    expect(reply).toMatchObject({ kind: 'Réclamation', service: 'Accueil / État civil' });
    const edit = await put(`/api/feedback-replies/${id}`, { data: { reply: 'Autre chose' } }, qualite);
    expect(edit.status).toBeGreaterThanOrEqual(400);
    expect(edit.status).toBeLessThan(500);
    expect((await transition('feedback-replies', id, 'reopen', dgs)).status).toBe(400);
    expect((await transition('feedback-replies', id, 'reopen', dgs, 'Une adresse figurait dans la réponse.')).status).toBe(200);
    expect(await isPublic()).toBe(false);
  });
});

describe('« Vous nous l’avez dit, nous l’avons fait »', () => {
  it('lists the approved actions done this year with what prompted them, grouped by engagement', async () => {
    const body = expectContract(publicFeedbackSchema, (await get('/api/public/feedback').expect(200)).body);
    expect(body.year).toBe(Number(new Date().toISOString().slice(0, 4)));
    const actions = body.groups.flatMap((g) => g.actions.map((a) => ({ ...a, engagement: g.engagement })));
    const rdv = actions.find((a) => a.title.startsWith('Ouvrir la prise de rendez-vous'))!;
    expect(rdv.engagement).toMatch(/^QV-07 — /);
    expect(rdv.prompts[0]).toMatch(/^Une réclamation reçue en [a-zéû]+ \d{4}$/);
    // No sentence of its own: the approved public reply to its complaint says what was said.
    expect(rdv.said).toBe('L’attente au guichet le samedi matin est trop longue pour un passeport.');
    const signs = actions.find((a) => a.title.startsWith('Refaire les panneaux'))!;
    expect(signs.prompts).toEqual(['L’enquête « Enquête de satisfaction 2026 — l’accueil en mairie », question « Êtes-vous satisfait de la clarté des informations données ? »']);
    expect(signs.said).toBe('Les panneaux d’orientation du hall étaient difficiles à lire.');
    // Draft demo actions, and actions without a prompt, are not there.
    expect(actions.some((a) => a.title.startsWith('Installer un système de gestion des files'))).toBe(false);
  });

  it('adds an action the day a follow-up sets it « abouti »', async () => {
    const created = (await app.documents(ACTION as never).create({
      data: { title: 'Afficher les horaires du samedi à l’entrée', owner: 'Pilote', priority: 'basse', actionStatus: 'en-cours', progress: 50, service: ids.accueil.id, promptSummary: 'Les horaires du samedi étaient introuvables.' } as never,
    })) as unknown as { documentId: string };
    await app.db.query(ACTION).update({ where: { documentId: created.documentId }, data: { workflowState: 'approved' } });
    const listed = async () => (await get('/api/public/feedback')).body.groups.flatMap((g: { actions: { title: string }[] }) => g.actions).some((a: { title: string }) => a.title.startsWith('Afficher les horaires'));
    expect(await listed()).toBe(false);
    const res = await post(`/api/workflow/roadmap-actions/${created.documentId}/transitions`, { action: 'report', comment: 'Affiche posée.', changes: { actionStatus: 'abouti', progress: 100 } }, agent);
    expect(res.status).toBe(200);
    expect(await listed()).toBe(true);
    const group = (await get('/api/public/feedback')).body.groups.find((g: { actions: { title: string }[] }) => g.actions.some((a) => a.title.startsWith('Afficher les horaires')));
    expect(group.engagement).toBe('Autres améliorations');
  });

  it('checks what prompted an action, and shows of its complaint only its nature and day', async () => {
    const target = await complaint('Attente au guichet le samedi matin');
    const wrongQuestion = await post('/api/roadmap-actions', { data: { title: 'Action', owner: 'Pilote', service: ids.accueil.documentId, promptSurvey: usersSurvey.documentId, promptQuestion: 'inconnue' } }, agent);
    expect(wrongQuestion.status).toBe(400);
    expect(wrongQuestion.body.error.message).toBe('La question « inconnue » ne fait pas partie de cette enquête.');
    const named = await post('/api/roadmap-actions', { data: { title: 'Action', owner: 'Pilote', service: ids.accueil.documentId, promptComplaint: target.documentId, promptSummary: `Mme ${target.contactName} a attendu une heure.` } }, agent);
    expect(named.status).toBe(400);
    expect(named.body.error.message).toBe('Ce que vous nous avez dit : ce texte sera public et contient le nom de la personne. Retirez-les avant d’enregistrer.');

    const action = (await app.db.query(ACTION).findMany({ where: { promptComplaint: { id: target.id } }, select: ['documentId'] }))[0];
    const asked = 'populate[promptComplaint][fields][0]=subject&populate[promptComplaint][fields][1]=contactName&populate[promptComplaint][fields][2]=kind&populate[promptComplaint][fields][3]=description';
    for (const token of [agent, chefAccueil]) {
      const res = await get(`/api/roadmap-actions/${action.documentId}?${asked}`, token).expect(200);
      expect(Object.keys(res.body.data.promptComplaint).sort()).toEqual(['documentId', 'id', 'kind']);
    }
    const all = await get(`/api/roadmap-actions?populate[promptComplaint]=true`, agent).expect(200);
    const served = JSON.stringify(all.body);
    for (const value of [target.contactName, target.contactEmail, target.description]) expect(served).not.toContain(value);
    const filtered = await get(`/api/roadmap-actions?filters[promptComplaint][contactName][$startsWith]=L`, agent);
    expect(filtered.status).toBe(400);
    expect(filtered.body.error.message).toBe('Les filtres et le tri sur la réclamation à l’origine d’une action ne sont pas permis : elle peut contenir des données personnelles.');
  });
});
