import { z } from 'zod';
import { openSurveySchema, publicSurveyFormSchema, surveyAnswerReceiptSchema, surveyResultsSchema, surveySummarySchema } from '@charte/contract/schemas';
import type { Core } from '@strapi/strapi';
import ExcelJS from 'exceljs';
import { createRateLimiter } from '../../cms/src/security/rate-limit';
import { expectContract } from '../helpers/contract';
import { demoIds } from '../helpers/fixtures';
import { adminLogin, http, login, startStrapi, stopStrapi } from '../helpers/strapi';

/**
 * Satisfaction survey: the référent qualité builds it, the public answers it anonymously behind the
 * public-forms guard (size, per-address rate limit, honeypot), staff read results per question and
 * per service against the target, and export them to Excel.
 */

let app: Core.Strapi;
let qualite: string;
let ids: Awaited<ReturnType<typeof demoIds>>;

const SURVEYS = 'api::survey.survey';
const RESPONSES = 'api::survey-response.survey-response';

const QUESTIONS = [
  { id: 'accueil', kind: 'scale-1-4', label: 'Êtes-vous satisfait de l’accueil ?', required: true },
  { id: 'aboutie', kind: 'yes-no', label: 'Votre démarche a-t-elle abouti ?' },
  { id: 'canal', kind: 'choice', label: 'Par quel moyen ?', options: ['Guichet', 'Téléphone'] },
  { id: 'remarque', kind: 'text', label: 'Une remarque ?' },
];

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function createSurvey(data: Record<string, unknown>) {
  const res = await http(app)
    .post('/api/surveys')
    .set('Authorization', `Bearer ${qualite}`)
    .send({ data: { title: 'Enquête de test', questions: QUESTIONS, opensAt: day(-3), ...data } });
  return res;
}

const post = (documentId: string, body: unknown) => http(app).post(`/api/public/surveys/${documentId}/responses`).send(body as object);
const responsesOf = (surveyId: number) => app.db.query(RESPONSES).count({ where: { survey: { id: surveyId } } });
const clearCounters = () => app.db.connection.raw('delete from charte_rate_limits').catch(() => undefined);

let open: { id: number; documentId: string };
let upcoming: { id: number; documentId: string };
let closed: { id: number; documentId: string };

beforeAll(async () => {
  app = await startStrapi();
  qualite = await login(app, 'qualite@demo.local');
  ids = await demoIds(app);
  const created = await Promise.all([createSurvey({ title: 'Enquête ouverte' }), createSurvey({ title: 'Enquête à venir', opensAt: day(5) }), createSurvey({ title: 'Enquête close', opensAt: day(-30), closesAt: day(-2) })]);
  for (const res of created) expect(res.status).toBe(201);
  [open, upcoming, closed] = created.map((res) => ({ id: res.body.data.id, documentId: res.body.data.documentId }));
});
afterAll(() => stopStrapi(app));
beforeEach(clearCounters);

describe('building a survey', () => {
  it('refuses malformed questions with a French 400 naming the question, through REST and the admin panel, and stores nothing', async () => {
    const before = await app.db.query(SURVEYS).count();
    const cases: [unknown, RegExp][] = [
      [[{ id: 'q1', kind: 'stars', label: 'Note' }], /Question 1 : type « kind » inconnu/],
      [[{ id: 'q1', kind: 'choice', label: 'Choix', options: ['Seul'] }], /Question 1 : une question à choix demande au moins 2 choix/],
      [[QUESTIONS[0], { ...QUESTIONS[1], id: 'accueil' }], /Question 2 : identifiant « accueil » déjà utilisé/],
      [[{ id: 'q1', kind: 'text', label: '' }], /Question 1 : intitulé « label » vide/],
      [[{ id: 'q1', kind: 'text', label: 'Texte', couleur: 'rouge' }], /Question 1 : champ inconnu : « couleur »/],
      [[], /au moins une question/],
      ['pas une liste', /les questions doivent être une liste/],
    ];
    for (const [questions, message] of cases) {
      const res = await createSurvey({ questions });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
    const admin = await adminLogin(app, 'admin@demo.local');
    const panel = await http(app)
      .post(`/content-manager/collection-types/${SURVEYS}`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ title: 'Depuis le panneau', opensAt: day(0), questions: [{ id: 'Q 1', kind: 'text', label: 'Texte' }] });
    expect(panel.status).toBe(400);
    expect(panel.body.error.message).toMatch(/Question 1 : identifiant « id » : lettres minuscules/);
    expect(await app.db.query(SURVEYS).count()).toBe(before);
  });

  it('is the référent qualité’s: an agent may not create a survey', async () => {
    const agent = await login(app, 'agent.accueil@demo.local');
    const res = await http(app).post('/api/surveys').set('Authorization', `Bearer ${agent}`).send({ data: { title: 'X', questions: QUESTIONS, opensAt: day(0) } });
    expect(res.status).toBe(403);
  });

  it('keeps question ids, kinds and options once answered; labels stay editable', async () => {
    const res = await createSurvey({ title: 'Enquête figée' });
    const survey = res.body.data as { documentId: string };
    expect((await post(survey.documentId, { answers: { accueil: 3 } })).status).toBe(201);
    const update = (questions: unknown) =>
      http(app).put(`/api/surveys/${survey.documentId}`).set('Authorization', `Bearer ${qualite}`).send({ data: { questions } });
    const retyped = await update([{ ...QUESTIONS[0], kind: 'yes-no' }, ...QUESTIONS.slice(1)]);
    expect(retyped.status).toBe(400);
    expect(retyped.body.error.message).toMatch(/déjà 1 réponse : la question « Êtes-vous satisfait de l’accueil \? » \(accueil\) ne peut plus changer de type/);
    const relabelled = await update([{ ...QUESTIONS[0], label: 'Êtes-vous satisfait de notre accueil ?' }, ...QUESTIONS.slice(1), { id: 'nouvelle', kind: 'yes-no', label: 'Nouvelle question' }]);
    expect(relabelled.status).toBe(200);
  });
});

describe('public survey pages', () => {
  it('lists only open surveys, with only what the form needs', async () => {
    const res = await http(app).get('/api/public/surveys');
    expect(res.status).toBe(200);
    expectContract(z.array(openSurveySchema), res.body.data);
    const listed = res.body.data.map((s: { documentId: string }) => s.documentId);
    expect(listed).toContain(open.documentId);
    expect(listed).not.toContain(upcoming.documentId);
    expect(listed).not.toContain(closed.documentId);
    expect(Object.keys(res.body.data[0]).sort()).toEqual(['closesAt', 'description', 'documentId', 'service', 'title']);
  });

  it('shows an open survey’s questions and the services to pick; a closed or future one only says why', async () => {
    const form = await http(app).get(`/api/public/surveys/${open.documentId}`);
    expect(form.status).toBe(200);
    expectContract(publicSurveyFormSchema, form.body.data);
    expect(form.body.data.status).toBe('open');
    expect(form.body.data.questions.map((q: { id: string }) => q.id)).toEqual(QUESTIONS.map((q) => q.id));
    expect(form.body.data.services.map((s: { name: string }) => s.name)).toContain('Accueil / État civil');
    for (const [survey, status, message] of [
      [closed, 'closed', /Cette enquête est close depuis le/],
      [upcoming, 'upcoming', /vous pourrez y répondre à partir du/],
    ] as const) {
      const res = await http(app).get(`/api/public/surveys/${survey.documentId}`);
      expectContract(publicSurveyFormSchema, res.body.data);
      expect(res.body.data).toMatchObject({ status, questions: [], services: [] });
      expect(res.body.data.message).toMatch(message);
      const answer = await post(survey.documentId, { answers: { accueil: 4 } });
      expect(answer.status).toBe(409);
      expect(answer.body.error.message).toMatch(message);
      expect(await responsesOf(survey.id)).toBe(0);
    }
    expect((await http(app).get('/api/public/surveys/inexistante')).status).toBe(404);
  });

  it('stores a valid anonymous answer: the answers and the service, no address and no account', async () => {
    const before = await responsesOf(open.id);
    const res = await post(open.documentId, { service: ids.accueil.documentId, answers: { accueil: 4, aboutie: true, canal: 'Guichet', remarque: '  Très bien  ' } });
    expect(res.status).toBe(201);
    expectContract(surveyAnswerReceiptSchema, res.body);
    expect(res.body.meta.message).toBe('Merci ! Votre réponse a bien été enregistrée.');
    expect(await responsesOf(open.id)).toBe(before + 1);
    const stored = await app.db.query(RESPONSES).findOne({ where: { survey: { id: open.id } }, orderBy: { id: 'desc' }, populate: { service: true } });
    expect(stored.answers).toEqual({ accueil: 4, aboutie: true, canal: 'Guichet', remarque: 'Très bien' });
    expect(stored.service.id).toBe(ids.accueil.id);
    const columns = Object.keys((await app.db.connection('survey_responses').columnInfo()) as object);
    expect(columns.filter((c) => /ip|address|user|by_id/i.test(c)).filter((c) => !/created_by_id|updated_by_id/.test(c))).toEqual([]);
    expect(stored.createdBy ?? null).toBeNull();
  });

  it('refuses invalid answers with a French 400 and stores nothing', async () => {
    const before = await responsesOf(open.id);
    const cases: [unknown, RegExp][] = [
      [{ answers: { accueil: 4, inconnue: 'x' } }, /La question « inconnue » ne fait pas partie de cette enquête/],
      [{ answers: { accueil: 5 } }, /« Êtes-vous satisfait de l’accueil \? » : choisissez une note de 1 à 4/],
      [{ answers: { accueil: '4' } }, /choisissez une note de 1 à 4/],
      [{ answers: { accueil: 3, aboutie: 'oui' } }, /répondez par oui ou par non/],
      [{ answers: { accueil: 3, canal: 'Pigeon voyageur' } }, /choisissez une des réponses proposées/],
      [{ answers: { accueil: 3, remarque: 'x'.repeat(2001) } }, /réponse trop longue \(2001 caractères, 2000 au plus\)/],
      [{ answers: { aboutie: true } }, /cette question est obligatoire/],
      [{ answers: {} }, /cette question est obligatoire/],
      [{ answers: [4] }, /Les réponses sont manquantes ou mal formées/],
      [{ answers: { accueil: 3 }, service: 'inconnu' }, /Le service choisi n’existe pas/],
      [{ answers: { accueil: 3 }, note: 'x' }, /Champ inattendu dans le formulaire : « note »/],
    ];
    for (const [body, message] of cases) {
      const res = await post(open.documentId, body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
    expect(await responsesOf(open.id)).toBe(before);
  });

  it('answers a honeypot hit exactly like a real answer and stores nothing', async () => {
    const before = await responsesOf(open.id);
    const real = await post(open.documentId, { answers: { accueil: 3 } });
    const robot = await post(open.documentId, { answers: { accueil: 3 }, siteWeb: 'http://promo.example' });
    expect(robot.status).toBe(real.status);
    expect(robot.body).toEqual(real.body);
    expect(await responsesOf(open.id)).toBe(before + 1);
  });

  it('refuses an oversized form with a French 413, whatever the declared length, and stores nothing', async () => {
    const before = await responsesOf(open.id);
    const res = await post(open.documentId, { answers: { accueil: 3, remarque: 'x'.repeat(40_000) } });
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(/Le formulaire envoyé est trop volumineux \(au plus 32 Ko\)/);
    // Chunked upload: no Content-Length header, the parsed size is checked.
    const chunked = http(app).post(`/api/public/surveys/${open.documentId}/responses`).set('Content-Type', 'application/json').set('Transfer-Encoding', 'chunked');
    chunked.write(JSON.stringify({ answers: { accueil: 3, remarque: 'y'.repeat(40_000) } }));
    const chunkedRes = await chunked;
    expect(chunkedRes.status).toBe(413);
    expect(await responsesOf(open.id)).toBe(before);
  });

  it('refuses a multipart or non-JSON body with a French 415', async () => {
    const res = await http(app).post(`/api/public/surveys/${open.documentId}/responses`).field('answers', 'x');
    expect(res.status).toBe(415);
    expect(res.body.error.message).toBe('Le formulaire doit être envoyé au format JSON.');
  });

  it('answers 429 with Retry-After once one address posted 20 times in 10 minutes — a forged X-Forwarded-For does not help', async () => {
    const before = await responsesOf(open.id);
    for (let i = 0; i < 20; i++) expect((await post(open.documentId, { answers: { inconnue: i } })).status).toBe(400);
    const res = await http(app).post(`/api/public/surveys/${open.documentId}/responses`).set('X-Forwarded-For', '203.0.113.9').send({ answers: { accueil: 4 } });
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(500);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(res.body.error.message).toBe('Trop d’envois depuis votre connexion en peu de temps. Merci de réessayer dans 10 minutes.');
    expect(await responsesOf(open.id)).toBe(before);
    // The counters table holds no address in clear.
    const keys = (await app.db.connection('charte_rate_limits').select('key')).map((row: { key: string }) => row.key);
    expect(keys.some((key: string) => key.includes('127.0.0.1'))).toBe(false);
  });

  it('shares counters between limiters of several instances (one PostgreSQL table)', async () => {
    const first = createRateLimiter(app, { keyPrefix: 'test-shared', points: 3, durationSeconds: 60 });
    const second = createRateLimiter(app, { keyPrefix: 'test-shared', points: 3, durationSeconds: 60 });
    const outcomes = [await first.consume('k'), await second.consume('k'), await first.consume('k'), await second.consume('k')];
    expect(outcomes.map((o) => o.allowed)).toEqual([true, true, true, false]);
    expect(outcomes[3].retryAfterSeconds).toBeGreaterThan(50);
    await second.reset('k');
    expect((await first.consume('k')).allowed).toBe(true);
  });
});

describe('results', () => {
  let survey: { id: number; documentId: string };

  beforeAll(async () => {
    await clearCounters();
    const res = await createSurvey({ title: 'Enquête de résultats' });
    survey = res.body.data;
    const answers: [string | undefined, Record<string, unknown>][] = [
      [ids.accueil.documentId, { accueil: 4, aboutie: true, canal: 'Guichet', remarque: 'Bien' }],
      [ids.accueil.documentId, { accueil: 2, aboutie: false, canal: 'Téléphone' }],
      [ids.scolaire.documentId, { accueil: 3, aboutie: true }],
      [undefined, { accueil: 1, canal: 'Guichet' }],
      [ids.scolaire.documentId, { accueil: 4, aboutie: false, remarque: '  ' }],
    ];
    for (const [service, given] of answers) expect((await post(survey.documentId, { service, answers: given })).status).toBe(201);
  });

  it('counts answers per question and service, and the share of satisfied answers (3–4 and « oui ») against the 90 % target', async () => {
    const res = await http(app).get(`/api/survey-results/${survey.documentId}`).set('Authorization', `Bearer ${qualite}`);
    expect(res.status).toBe(200);
    expectContract(surveyResultsSchema, res.body.data);
    const results = res.body.data;
    expect(results.target).toBe(0.9);
    expect(results.overall.responses).toBe(5);
    // Hand count: scale 4,2,3,1,4 → 3 satisfied of 5; yes/no true,false,true,false → 2 of 4; together 5 of 9.
    expect(results.overall.satisfaction).toEqual({ answered: 9, satisfied: 5, share: 5 / 9 });
    const question = (group: { questions: { id: string }[] }, id: string) => group.questions.find((q) => q.id === id) as never as Record<string, unknown>;
    expect(question(results.overall, 'accueil')).toMatchObject({ counts: { '1': 1, '2': 1, '3': 1, '4': 2 }, answered: 5, satisfaction: { answered: 5, satisfied: 3, share: 0.6 } });
    expect(question(results.overall, 'aboutie')).toMatchObject({ counts: { true: 2, false: 2 }, satisfaction: { answered: 4, satisfied: 2, share: 0.5 } });
    expect(question(results.overall, 'canal')).toMatchObject({ counts: { '"Guichet"': 2, '"Téléphone"': 1 }, answered: 3, satisfaction: null });
    const byName = Object.fromEntries(results.byService.map((g: { service: { name: string } | null }) => [g.service?.name ?? '(aucun)', g]));
    expect(Object.keys(byName).sort()).toEqual(['(aucun)', 'Accueil / État civil', 'Scolaire / Périscolaire']);
    expect(byName['Accueil / État civil']).toMatchObject({ responses: 2, satisfaction: { answered: 4, satisfied: 2, share: 0.5 } });
    expect(byName['Scolaire / Périscolaire']).toMatchObject({ responses: 2, satisfaction: { answered: 4, satisfied: 3, share: 0.75 } });
    expect(byName['(aucun)']).toMatchObject({ responses: 1, satisfaction: { answered: 1, satisfied: 0, share: 0 } });
    expect(question(byName['Scolaire / Périscolaire'], 'accueil')).toMatchObject({ counts: { '3': 1, '4': 1 }, satisfaction: { share: 1 } });
  });

  it('shows a service head only the answers about their services', async () => {
    const head = await login(app, 'chef.scolaire@demo.local');
    const res = await http(app).get(`/api/survey-results/${survey.documentId}`).set('Authorization', `Bearer ${head}`);
    expect(res.status).toBe(200);
    expect(res.body.data.scope).toBe('own-services');
    expect(res.body.data.overall).toMatchObject({ responses: 2, satisfaction: { answered: 4, satisfied: 3 } });
    expect(res.body.data.byService.map((g: { service: { name: string } }) => g.service.name)).toEqual(['Scolaire / Périscolaire']);
    const list = await http(app).get('/api/survey-results').set('Authorization', `Bearer ${head}`);
    expectContract(z.array(surveySummarySchema), list.body.data);
    expect(list.body.data.find((s: { documentId: string }) => s.documentId === survey.documentId).responses).toBe(2);
    expect((await http(app).get(`/api/survey-results/${survey.documentId}`)).status).toBe(403);
  });

  it('exports an Excel workbook that matches the database', async () => {
    const res = await http(app)
      .get(`/api/survey-results/${survey.documentId}/export`)
      .set('Authorization', `Bearer ${qualite}`)
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain('resultats-enquete-de-resultats.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as never);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Synthèse', 'Questions', 'Réponses']);
    const summary = workbook.getWorksheet('Synthèse')!;
    expect(summary.getRow(1).values).toEqual([undefined, 'Service', 'Réponses', 'Réponses notées', 'Réponses satisfaites', 'Part de satisfaits', 'Objectif', 'Objectif atteint']);
    const total = summary.getRow(2).values as unknown[];
    expect(total.slice(1)).toEqual(['Tous les services', await responsesOf(survey.id), 9, 5, 5 / 9, 0.9, 'non']);

    const answers = workbook.getWorksheet('Réponses')!;
    const stored = (await app.db.query(RESPONSES).findMany({ where: { survey: { id: survey.id } }, orderBy: { id: 'asc' }, populate: { service: true } })) as {
      answers: Record<string, unknown>;
      service: { name: string } | null;
      source: string;
    }[];
    expect(answers.rowCount - 1).toBe(stored.length);
    stored.forEach((response, i) => {
      const row = answers.getRow(i + 2).values as unknown[];
      expect(row[2]).toBe(response.service?.name ?? 'Service non précisé');
      expect(row[3]).toBe(response.source === 'paper' ? 'Papier' : 'En ligne');
      const expected = { 4: 'Très satisfait', 3: 'Satisfait', 2: 'Peu satisfait', 1: 'Pas du tout satisfait' }[response.answers.accueil as number];
      expect(row[4]).toBe(`${response.answers.accueil} – ${expected}`);
      expect(row[5] ?? '').toBe(response.answers.aboutie === undefined ? '' : response.answers.aboutie ? 'Oui' : 'Non');
    });
  });

  it('gives the public results page the latest survey’s satisfaction', async () => {
    const { latestSatisfaction } = await import('../../cms/src/surveys/satisfaction');
    const latest = await latestSatisfaction(app);
    expect(latest).not.toBeNull();
    expect(latest!.target).toBe(0.9);
    expect(latest!.responses).toBeGreaterThan(0);
  });
});
