import { paperEntryReceiptSchema, paperSurveyFormSchema, surveyEditorViewSchema, surveyListMetaSchema, surveyResultsSchema, textAnswersPageSchema } from '@charte/contract/schemas';
import type { Core } from '@strapi/strapi';
import { expectContract } from '../helpers/contract';
import { demoIds } from '../helpers/fixtures';
import { http, login, startStrapi, stopStrapi } from '../helpers/strapi';

/**
 * The survey tools of the front (issue 18, item 6): the référent qualité's editor (questions as a
 * form, ordered, checked by the same rules as the admin panel; what may change once answered),
 * paper questionnaires typed in by staff (source « papier », the account kept out of sight, no
 * public limit), and the free-text answers read, searched and paged by readers of the results.
 */

let app: Core.Strapi;
let qualite: string;
let agent: string;
let chefScolaire: string;
let dgs: string;
let ids: Awaited<ReturnType<typeof demoIds>>;

const RESPONSES = 'api::survey-response.survey-response';
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const QUESTIONS = [
  { kind: 'scale-1-4', label: 'Êtes-vous satisfait de l’accueil ?', required: true },
  { kind: 'yes-no', label: 'Votre démarche a-t-elle abouti ?' },
  { kind: 'choice', label: 'Comment nous avez-vous contactés ?', options: ['Guichet', 'Téléphone'] },
  { kind: 'text', label: 'Une remarque ?' },
];

const draft = (data: Record<string, unknown> = {}) => ({ title: 'Enquête de l’éditeur', description: 'Présentation', service: null, opensAt: day(-2), closesAt: null, questions: QUESTIONS, ...data });
const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const create = (body: unknown, token = qualite) => http(app).post('/api/survey-editor').set(as(token)).send(body as object);
const update = (documentId: string, body: unknown, token = qualite) => http(app).put(`/api/survey-editor/${documentId}`).set(as(token)).send(body as object);
const paper = (documentId: string, body: unknown, token: string) => http(app).post(`/api/survey-results/${documentId}/paper`).set(as(token)).send(body as object);
const texts = (documentId: string, query: Record<string, string | number>, token = qualite) => http(app).get(`/api/survey-results/${documentId}/texts`).query(query).set(as(token));

beforeAll(async () => {
  app = await startStrapi();
  [qualite, agent, chefScolaire, dgs] = await Promise.all(['qualite@demo.local', 'agent.accueil@demo.local', 'chef.scolaire@demo.local', 'dgs@demo.local'].map((email) => login(app, email)));
  ids = await demoIds(app);
});
afterAll(() => stopStrapi(app));

describe('the survey editor', () => {
  it('creates a survey from a form, naming new questions from their label, and reads it back', async () => {
    const res = await create(draft());
    expect(res.status).toBe(201);
    expectContract(surveyEditorViewSchema, res.body.data);
    const view = res.body.data;
    expect(view.responses).toBe(0);
    expect(view.survey.questions.map((q: { id: string }) => q.id)).toEqual(['etes-vous-satisfait-de-l-accueil', 'votre-demarche-a-t-elle-abouti', 'comment-nous-avez-vous-contactes', 'une-remarque']);
    expect(view.survey.questions[1]).toEqual({ id: 'votre-demarche-a-t-elle-abouti', kind: 'yes-no', label: 'Votre démarche a-t-elle abouti ?' });
    expect(view.services.map((s: { name: string }) => s.name)).toContain('Accueil / État civil');
    const shown = await http(app).get(`/api/survey-editor/${view.survey.documentId}`).set(as(qualite));
    expect(shown.status).toBe(200);
    expect(shown.body.data).toEqual(view);
    const blank = await http(app).get('/api/survey-editor').set(as(qualite));
    expect(blank.body.data).toMatchObject({ survey: null, responses: 0 });
  });

  it('reorders, edits and removes questions while nobody has answered', async () => {
    const { survey } = (await create(draft({ title: 'À réordonner' }))).body.data;
    const [scale, yesNo, choice, text] = survey.questions;
    const res = await update(survey.documentId, draft({ title: 'Réordonnée', service: ids.accueil.documentId, questions: [text, { ...scale, label: 'Notre accueil vous a-t-il plu ?' }, { ...yesNo, kind: 'text' }, { kind: 'text', label: 'Une remarque ?' }] }));
    expect(res.status).toBe(200);
    const questions = res.body.data.survey.questions;
    expect(questions.map((q: { id: string }) => q.id)).toEqual([text.id, scale.id, yesNo.id, 'une-remarque-2']);
    expect(questions[1].label).toBe('Notre accueil vous a-t-il plu ?');
    expect(questions[2].kind).toBe('text');
    expect(questions.map((q: { id: string }) => q.id)).not.toContain(choice.id);
    expect(res.body.data.survey.service).toBe(ids.accueil.documentId);
    expect(res.body.data.survey.title).toBe('Réordonnée');
  });

  it('refuses a bad question with a French 400 naming it, and changes nothing', async () => {
    const { survey } = (await create(draft({ title: 'Intacte' }))).body.data;
    const cases: [unknown[], RegExp][] = [
      [[{ kind: 'choice', label: 'Choix', options: ['Seul'] }], /Question 1 : une question à choix demande au moins 2 choix/],
      [[QUESTIONS[0], { kind: 'text', label: '  ' }], /Question 2 : intitulé « label » vide/],
      [[{ kind: 'stars', label: 'Note' }], /Question 1 : type « kind » inconnu/],
      [[], /au moins une question/],
    ];
    for (const [questions, message] of cases) {
      const res = await update(survey.documentId, draft({ title: 'Modifiée', questions }));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
      expect((await create(draft({ questions }))).status).toBe(400);
    }
    const noTitle = await update(survey.documentId, draft({ title: ' ' }));
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.error.message).toBe('Le titre est obligatoire.');
    const after = await http(app).get(`/api/survey-editor/${survey.documentId}`).set(as(qualite));
    expect(after.body.data.survey).toEqual(survey);
  });

  it('refuses, once answered, to remove a question, change its kind or drop a choice (409, nothing changed); labels, order and new questions pass', async () => {
    const { survey } = (await create(draft({ title: 'Déjà répondue' }))).body.data;
    const [scale, yesNo, choice, text] = survey.questions;
    expect((await http(app).post(`/api/public/surveys/${survey.documentId}/responses`).send({ answers: { [scale.id]: 4 } })).status).toBe(201);
    const cases: [unknown[], RegExp][] = [
      [[scale, yesNo, choice], /L’enquête a déjà 1 réponse : la question « Une remarque \? » \(une-remarque\) ne peut plus être retirée/],
      [[{ ...scale, kind: 'yes-no' }, yesNo, choice, text], /ne peut plus changer de type/],
      [[scale, yesNo, { ...choice, options: ['Guichet', 'Courriel'] }, text], /les choix de la question « Comment nous avez-vous contactés \? » .* ne peuvent plus être retirés ni renommés/],
    ];
    for (const [questions, message] of cases) {
      const res = await update(survey.documentId, draft({ questions }));
      expect(res.status).toBe(409);
      expect(res.body.error.message).toMatch(message);
    }
    const unchanged = await http(app).get(`/api/survey-editor/${survey.documentId}`).set(as(qualite));
    expect(unchanged.body.data).toMatchObject({ responses: 1, survey });
    const allowed = await update(survey.documentId, draft({ questions: [text, { ...scale, label: 'Nouvel intitulé' }, yesNo, { ...choice, options: ['Guichet', 'Téléphone', 'Courriel'] }, { kind: 'yes-no', label: 'Reviendrez-vous ?' }] }));
    expect(allowed.status).toBe(200);
    expect(allowed.body.data.survey.questions.map((q: { id: string }) => q.id)).toEqual([text.id, scale.id, yesNo.id, choice.id, 'reviendrez-vous']);
  });

  it('is the référent qualité’s only: 403 for an agent, a head or the DGS, 401 without an account', async () => {
    const { survey } = (await create(draft({ title: 'Réservée' }))).body.data;
    for (const token of [agent, chefScolaire, dgs]) {
      expect((await create(draft(), token)).status).toBe(403);
      expect((await update(survey.documentId, draft(), token)).status).toBe(403);
      expect((await http(app).get(`/api/survey-editor/${survey.documentId}`).set(as(token))).status).toBe(403);
    }
    const anonymous = await http(app).post('/api/survey-editor').send(draft());
    expect([401, 403]).toContain(anonymous.status);
    const list = await http(app).get('/api/survey-results').set(as(qualite));
    expectContract(surveyListMetaSchema, list.body.meta);
    expect(list.body.meta).toEqual({ canDesign: true, canEnterPaper: true });
    expect((await http(app).get('/api/survey-results').set(as(dgs))).body.meta).toEqual({ canDesign: false, canEnterPaper: false });
    expect((await http(app).get('/api/survey-results').set(as(agent))).body.meta).toEqual({ canDesign: false, canEnterPaper: true });
  });
});

describe('paper questionnaires', () => {
  let global: { documentId: string; id: number; questions: { id: string; kind: string }[] };
  let scolaireOnly: { documentId: string };

  beforeAll(async () => {
    global = (await create(draft({ title: 'Enquête papier' }))).body.data.survey;
    global.id = (await app.db.query('api::survey.survey').findOne({ where: { documentId: global.documentId } })).id;
    scolaireOnly = (await create(draft({ title: 'Enquête du scolaire', service: ids.scolaire.documentId }))).body.data.survey;
  });

  it('are typed in by the référent (any service) and by staff for their own service, marked « papier » with the account kept out of sight', async () => {
    const [scale, , , text] = global.questions;
    const form = await http(app).get(`/api/survey-results/${global.documentId}/paper`).set(as(agent));
    expect(form.status).toBe(200);
    expectContract(paperSurveyFormSchema, form.body.data);
    expect(form.body.data.services.map((s: { name: string }) => s.name)).toEqual(['Accueil / État civil']);
    expect(form.body.data.serviceRequired).toBe(true);
    expect((await http(app).get(`/api/survey-results/${global.documentId}/paper`).set(as(qualite))).body.data.serviceRequired).toBe(false);

    const byAgent = await paper(global.documentId, { service: ids.accueil.documentId, answers: { [scale.id]: 2, [text.id]: 'Questionnaire papier : attente trop longue au guichet' } }, agent);
    expect(byAgent.status).toBe(201);
    expectContract(paperEntryReceiptSchema, byAgent.body);
    expect(byAgent.body.meta.message).toBe('Questionnaire papier enregistré.');
    expect((await paper(global.documentId, { answers: { [scale.id]: 3 } }, qualite)).status).toBe(201);

    const stored = await app.db.query(RESPONSES).findOne({ where: { survey: { id: global.id } }, orderBy: { id: 'asc' }, populate: { enteredBy: true } });
    expect(stored.source).toBe('paper');
    expect(stored.enteredBy.email).toBe('agent.accueil@demo.local');
    // The REST reading of the answers never serves who typed it in.
    const rest = await http(app).get(`/api/survey-responses/${stored.documentId}`).query({ populate: '*' }).set(as(qualite));
    expect(JSON.stringify(rest.body)).not.toMatch(/enteredBy|agent\.accueil/);
  });

  it('refuses a role that may not (403), another service (403), a missing service for service staff (400), and bad answers (400)', async () => {
    const [scale] = global.questions;
    const before = await app.db.query(RESPONSES).count({ where: { survey: { id: global.id } } });
    const dgsTry = await paper(global.documentId, { answers: { [scale.id]: 4 } }, dgs);
    expect(dgsTry.status).toBe(403);
    expect(dgsTry.body.error.message).toBe('Votre rôle ne permet pas de saisir des questionnaires papier.');
    expect((await http(app).get(`/api/survey-results/${global.documentId}/paper`).set(as(dgs))).status).toBe(403);
    expect([401, 403]).toContain((await http(app).post(`/api/survey-results/${global.documentId}/paper`).send({ answers: { [scale.id]: 4 } })).status);
    const other = await paper(global.documentId, { service: ids.scolaire.documentId, answers: { [scale.id]: 4 } }, agent);
    expect(other.status).toBe(403);
    expect(other.body.error.message).toMatch(/de vos services/);
    const otherSurvey = await paper(scolaireOnly.documentId, { answers: { 'etes-vous-satisfait-de-l-accueil': 4 } }, agent);
    expect(otherSurvey.status).toBe(403);
    expect(otherSurvey.body.error.message).toMatch(/cette enquête porte sur le service « Scolaire/);
    const noService = await paper(global.documentId, { answers: { [scale.id]: 4 } }, agent);
    expect(noService.status).toBe(400);
    expect(noService.body.error.message).toMatch(/Choisissez le service concerné/);
    const bad = await paper(global.documentId, { service: ids.accueil.documentId, answers: { [scale.id]: 7 } }, agent);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/choisissez une note de 1 à 4/);
    expect((await paper(scolaireOnly.documentId, { answers: { 'etes-vous-satisfait-de-l-accueil': 1 } }, chefScolaire)).status).toBe(201);
    expect(await app.db.query(RESPONSES).count({ where: { survey: { id: global.id } } })).toBe(before);
  });

  it('are not held to the public per-address limit', async () => {
    const [scale] = global.questions;
    for (let i = 0; i < 25; i++) expect((await paper(global.documentId, { answers: { [scale.id]: 4 } }, qualite)).status).toBe(201);
  });

  it('are counted apart in the results: « en ligne » and « papier », per service too', async () => {
    const [scale] = global.questions;
    expect((await http(app).post(`/api/public/surveys/${global.documentId}/responses`).send({ service: ids.accueil.documentId, answers: { [scale.id]: 4 } })).status).toBe(201);
    const res = await http(app).get(`/api/survey-results/${global.documentId}`).set(as(qualite));
    expectContract(surveyResultsSchema, res.body.data);
    const paperCount = await app.db.query(RESPONSES).count({ where: { survey: { id: global.id }, source: 'paper' } });
    expect(res.body.data.overall.sources).toEqual({ online: 1, paper: paperCount });
    expect(res.body.data.overall.responses).toBe(paperCount + 1);
    const accueil = res.body.data.byService.find((g: { service: { name: string } | null }) => g.service?.name === 'Accueil / État civil');
    expect(accueil.sources).toEqual({ online: 1, paper: 1 });
    // The agent reads the answers of their service only.
    const mine = await http(app).get(`/api/survey-results/${global.documentId}`).set(as(agent));
    expect(mine.body.data.overall.sources).toEqual({ online: 1, paper: 1 });
  });
});

describe('free-text answers', () => {
  let survey: { documentId: string; questions: { id: string; kind: string }[] };
  let textId: string;

  beforeAll(async () => {
    survey = (await create(draft({ title: 'Enquête aux commentaires' }))).body.data.survey;
    textId = survey.questions[3].id;
    const scale = survey.questions[0].id;
    // 25 public answers from one address: over the public limit (20 per 10 minutes) unless its counters are emptied.
    const online = async (remark: string, service = ids.accueil.documentId) => {
      await app.db.connection.raw('delete from charte_rate_limits');
      return http(app).post(`/api/public/surveys/${survey.documentId}/responses`).send({ service, answers: { [scale]: 3, [textId]: remark } });
    };
    for (let i = 1; i <= 23; i++) expect((await online(`Commentaire numéro ${i}`)).status).toBe(201);
    expect((await online('Les délais de réponse sont trop longs')).status).toBe(201);
    expect((await online('Remarque du scolaire : 100% satisfait', ids.scolaire.documentId)).status).toBe(201);
    expect((await paper(survey.documentId, { service: ids.accueil.documentId, answers: { [scale]: 2, [textId]: 'Saisi sur papier : accueil chaleureux' } }, agent)).status).toBe(201);
  });

  it('are listed per question, newest first, 20 a page', async () => {
    const first = await texts(survey.documentId, { question: textId });
    expect(first.status).toBe(200);
    expectContract(textAnswersPageSchema, first.body.data);
    expect(first.body.data).toMatchObject({ question: { id: textId, label: 'Une remarque ?' }, page: 1, pageSize: 20, total: 26, pageCount: 2 });
    expect(first.body.data.items).toHaveLength(20);
    expect(first.body.data.items[0]).toMatchObject({ text: 'Saisi sur papier : accueil chaleureux', source: 'paper', service: 'Accueil / État civil' });
    expect(JSON.stringify(first.body.data)).not.toMatch(/agent\.accueil|enteredBy/);
    const second = await texts(survey.documentId, { question: textId, page: 2 });
    expect(second.body.data.items).toHaveLength(6);
  });

  it('are filtered in SQL by a search (part of a word, or a French word in another form) and by source', async () => {
    const part = await texts(survey.documentId, { question: textId, q: 'numéro 2' });
    expect(part.body.data.items.map((i: { text: string }) => i.text).sort()).toEqual(['Commentaire numéro 2', 'Commentaire numéro 20', 'Commentaire numéro 21', 'Commentaire numéro 22', 'Commentaire numéro 23']);
    const stemmed = await texts(survey.documentId, { question: textId, q: 'délai long' });
    expect(stemmed.body.data.items.map((i: { text: string }) => i.text)).toEqual(['Les délais de réponse sont trop longs']);
    const literal = await texts(survey.documentId, { question: textId, q: '100%' });
    expect(literal.body.data.total).toBe(1);
    expect((await texts(survey.documentId, { question: textId, q: '_' })).body.data.total).toBe(0);
    const onPaper = await texts(survey.documentId, { question: textId, source: 'paper' });
    expect(onPaper.body.data.items.map((i: { text: string }) => i.text)).toEqual(['Saisi sur papier : accueil chaleureux']);
    expect((await texts(survey.documentId, { question: textId, source: 'online' })).body.data.total).toBe(25);
    expect((await texts(survey.documentId, { question: textId, source: 'fax' })).status).toBe(400);
    expect((await texts(survey.documentId, { question: survey.questions[0].id })).status).toBe(400);
    expect((await texts(survey.documentId, {})).status).toBe(400);
  });

  it('are read only by readers of the results, within their services; never by the public', async () => {
    const agentView = await texts(survey.documentId, { question: textId, q: 'scolaire' }, agent);
    expect(agentView.status).toBe(200);
    expect(agentView.body.data.total).toBe(0);
    const headView = await texts(survey.documentId, { question: textId }, chefScolaire);
    expect(headView.body.data.items.map((i: { text: string }) => i.text)).toEqual(['Remarque du scolaire : 100% satisfait']);
    expect((await texts(survey.documentId, { question: textId }, dgs)).body.data.total).toBe(26);
    expect([401, 403]).toContain((await http(app).get(`/api/survey-results/${survey.documentId}/texts`).query({ question: textId })).status);
    const published = await http(app).get('/api/public/results');
    expect(JSON.stringify(published.body)).not.toMatch(/Commentaire numéro|délais de réponse/);
    const publicForm = await http(app).get(`/api/public/surveys/${survey.documentId}`);
    expect(JSON.stringify(publicForm.body)).not.toMatch(/Commentaire numéro/);
  });
});
