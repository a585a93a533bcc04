import type { Core } from '@strapi/strapi';
import ExcelJS from 'exceljs';
import { mysteryEvidenceTargetSchema, mysteryFiguresSchema, mysteryWavePlanningSchema, mysteryTesterTestSchema, type MysteryEvidenceTarget, type MysteryFigures } from '@charte/contract/schemas';
import { z } from 'zod';
import { MYSTERY_GRID } from '../../cms/src/mystery-tests/grid-rules';
import { syncMysteryMeasures } from '../../cms/src/mystery-tests/indicator-measures';
import { workingDaysBetween } from '../../cms/src/mystery-tests/outcomes';
import { dayIn } from '../../cms/src/platform/calendar/clock';
import { readShippedGrids } from '../../database/seed/demo-mystery';
import { expectContract } from '../helpers/contract';
import { pdfText } from '../helpers/pdf-text';
import { demoIds } from '../helpers/fixtures';
import { startMailCatcher } from '../helpers/mail-catcher';
import { adminLogin, http, login, startStrapi, stopStrapi } from '../helpers/strapi';

/**
 * Mystery tests: grids as data (checked like config/, through every door), waves planned by the
 * référent qualité with testers from other services, results entered by the tester and scored on
 * the grid with working-day delays from the town's calendar, a circuit that hides a test from the
 * tested service until it is validated.
 */

let app: Core.Strapi;
let catcher: Awaited<ReturnType<typeof startMailCatcher>>;
let qualite: string;
let ids: Awaited<ReturnType<typeof demoIds>>;

const TESTS = 'api::mystery-test.mystery-test';
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  catcher = await startMailCatcher();
  process.env.SMTP_HOST = '127.0.0.1';
  process.env.SMTP_PORT = String(catcher.port);
  app = await startStrapi();
  qualite = await login(app, 'qualite@demo.local');
  ids = await demoIds(app);
}, 300_000);
afterAll(async () => {
  await stopStrapi(app);
  await catcher.close();
  delete process.env.SMTP_HOST;
  delete process.env.SMTP_PORT;
});

describe('grids', () => {
  it('ships one grid per channel, loaded in the demo town from the seeds’ engagements', async () => {
    const res = await http(app).get('/api/mystery-grids?sort=channel').set(auth(qualite));
    expect(res.status).toBe(200);
    const grids = res.body.data as { channel: string; title: string; points: { id: string; label: string; kind: string; target?: number; unit?: string }[] }[];
    expect(grids.map((g) => g.channel)).toEqual(['appel', 'courriel', 'courrier', 'formulaire-web', 'visite']);
    for (const shipped of readShippedGrids()) expect(grids.find((g) => g.channel === shipped.channel)).toMatchObject({ title: shipped.title, points: shipped.points });
    const appel = grids.find((g) => g.channel === 'appel')!;
    expect(appel.points.find((p) => p.id === 'sonneries')).toMatchObject({ kind: 'count', target: 4 });
    expect(appel.points.map((p) => p.label)).toEqual(expect.arrayContaining(['Nom du service annoncé', 'Réponse exacte et complète']));
    const courriel = grids.find((g) => g.channel === 'courriel')!;
    expect(courriel.points.filter((p) => p.kind === 'duration').map((p) => [p.unit, p.target])).toEqual([
      ['working-days', 5],
      ['days', 7],
    ]);
    expect(grids.find((g) => g.channel === 'courrier')!.points[0]).toMatchObject({ unit: 'days', target: 15 });
  });

  it('refuses a bad grid with a French 400 naming the point and the field, through REST, the admin panel and the Document Service, and stores nothing', async () => {
    const before = await app.db.query(MYSTERY_GRID).count();
    const ok = { id: 'accueil', label: 'Formule d’accueil', kind: 'yes-no', weight: 2 };
    const cases: [unknown, RegExp][] = [
      [[{ ...ok, kind: 'étoiles' }], /Point 1 : type « kind » inconnu/],
      [[ok, { ...ok }], /Point 2 : identifiant « accueil » déjà utilisé/],
      [[{ ...ok, weight: 11 }], /Point 1 : le poids « weight » va de 0 à 10/],
      [[{ ...ok, couleur: 'rouge' }], /Point 1 : champ inconnu : « couleur »/],
      [[{ id: 'sonneries', label: 'Sonneries', kind: 'count', weight: 1 }], /Point 1 : un point « count » ou « duration » demande une cible « target »/],
      [[{ id: 'delai', label: 'Délai', kind: 'duration', weight: 1, target: 5 }], /Point 1 : un point « duration » demande une unité « unit »/],
      [[{ id: 'note', label: 'Note', kind: 'scale', weight: 1, target: 7 }], /Point 1 : la cible « target » d’une échelle est un niveau de 1 à 4/],
      [[{ id: 'remarques', label: 'Remarques', kind: 'text', weight: 2 }], /son poids « weight » doit valoir 0/],
      [[{ ...ok, criteria: ['QV-99'] }], /Point 1 : engagement inconnu « QV-99 »/],
      [[{ ...ok, indicator: 'XX-01-I9' }], /Point 1 : indicateur inconnu « XX-01-I9 »/],
      [[{ id: 'delai', label: 'Délai', kind: 'duration', unit: 'working-days', target: 5, weight: 1 }], /un délai en jours se calcule entre l’envoi et la réponse/],
      [[], /au moins un point d’observation/],
      ['pas une liste', /les points d’observation doivent être une liste/],
    ];
    const mismatches: string[] = [];
    for (const [points, message] of cases) {
      const res = await http(app).post('/api/mystery-grids').set(auth(qualite)).send({ data: { title: 'Grille', channel: 'visite', points } });
      if (res.status !== 400 || !message.test(res.body.error?.message ?? '')) mismatches.push(`${JSON.stringify(points)} : ${res.status} ${res.body.error?.message}`);
    }
    expect(mismatches).toEqual([]);

    const admin = await adminLogin(app, 'admin@demo.local');
    const [grid] = (await app.db.query(MYSTERY_GRID).findMany({ where: { channel: 'appel' } })) as { documentId: string; points: unknown }[];
    const panel = await http(app)
      .put(`/content-manager/collection-types/${MYSTERY_GRID}/${grid.documentId}`)
      .set(auth(admin))
      .send({ points: [{ id: 'Décroché', label: 'Décroché', kind: 'yes-no', weight: 1 }] });
    expect(panel.status).toBe(400);
    expect(panel.body.error.message).toMatch(/Point 1 : identifiant « id » : lettres minuscules/);
    await expect(app.documents(MYSTERY_GRID).update({ documentId: grid.documentId, data: { points: [{ ...ok, weight: 0 }] } as never })).rejects.toThrow(
      /au moins un point doit avoir un poids « weight » supérieur à 0/,
    );
    expect(await app.db.query(MYSTERY_GRID).count()).toBe(before);
    expect(((await app.db.query(MYSTERY_GRID).findOne({ where: { documentId: grid.documentId } })) as { points: unknown }).points).toEqual(grid.points);
  });

  it('lets the référent qualité edit a grid, and no one else', async () => {
    const [grid] = (await app.db.query(MYSTERY_GRID).findMany({ where: { channel: 'formulaire-web' } })) as { documentId: string; title: string }[];
    const agent = await login(app, 'agent.accueil@demo.local');
    expect((await http(app).put(`/api/mystery-grids/${grid.documentId}`).set(auth(agent)).send({ data: { title: 'Changée' } })).status).toBe(403);
    const res = await http(app).put(`/api/mystery-grids/${grid.documentId}`).set(auth(qualite)).send({ data: { title: 'Formulaire de contact (site de la ville)' } });
    expect(res.status).toBe(200);
    expect(res.body.data.title).toBe('Formulaire de contact (site de la ville)');
  });
});

describe('working days', () => {
  it('counts the days after sending, without weekends nor public holidays', () => {
    // Friday 1 May 2026 (fête du Travail) and Friday 8 May (Victoire 1945), Thursday 14 May (Ascension).
    expect(workingDaysBetween('2026-04-30', '2026-05-04')).toBe(1);
    expect(workingDaysBetween('2026-05-07', '2026-05-15')).toBe(4);
    // Easter Monday 6 April 2026.
    expect(workingDaysBetween('2026-04-03', '2026-04-10')).toBe(4);
    expect(workingDaysBetween('2026-03-02', '2026-03-02')).toBe(0);
  });
});

const userDoc = async (email: string) => ((await app.db.query('plugin::users-permissions.user').findOne({ where: { email } })) as { id: number; documentId: string });

describe('waves, testers and results', () => {
  let wave: string;
  let agent: string;
  let chefScolaire: string;
  let planned: { documentId: string; title: string; tester: string }[];

  beforeAll(async () => {
    agent = await login(app, 'agent.accueil@demo.local');
    chefScolaire = await login(app, 'chef.scolaire@demo.local');
    const res = await http(app)
      .post('/api/mystery-campaigns')
      .set(auth(qualite))
      .send({ data: { title: 'Tests mystères — printemps', startDate: '2026-04-01', endDate: '2026-05-31' } });
    expect(res.status).toBe(201);
    wave = res.body.data.documentId;
  });

  const plan = (body: Record<string, unknown>, token = qualite) => http(app).post(`/api/mystery-campaigns/${wave}/plan`).set(auth(token)).send(body);

  it('plans N tests of a service on a channel, testers in turn, within the wave', async () => {
    const testers = [(await userDoc('agent.accueil@demo.local')).documentId, (await userDoc('chef.enfance@demo.local')).documentId];
    const res = await plan({ service: ids.scolaire.documentId, channel: 'courriel', count: 3, testers, scenario: 'Demander les pièces pour une inscription en cours d’année.' });
    expect(res.status).toBe(201);
    expect(res.body.meta.message).toBe('3 tests planifiés.');
    planned = res.body.data;
    expect(planned.map((t) => t.tester)).toEqual(['Julie Moreau', 'Nadia Rousseau', 'Julie Moreau']);
    expect(planned[0].title).toBe('Courriel — Scolaire / Périscolaire (1er avril 2026 – 31 mai 2026)');
    const rows = (await app.db.query(TESTS).findMany({ where: { documentId: { $in: planned.map((t) => t.documentId) } }, populate: { tester: true, author: true } })) as {
      workflowState: string;
      tester: { id: number };
      author: { id: number };
    }[];
    expect(rows.every((r) => r.workflowState === 'draft' && r.author.id === r.tester.id)).toBe(true);
  });

  it('never lets a tester test their own service, whatever the door, in French, and writes nothing', async () => {
    const before = await app.db.query(TESTS).count();
    const own = await userDoc('chef.scolaire@demo.local');
    const res = await plan({ service: ids.scolaire.documentId, channel: 'appel', count: 2, testers: [(await userDoc('agent.accueil@demo.local')).documentId, own.documentId] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Sophie Lefèvre est chef du service « Scolaire / Périscolaire » : un testeur ne teste jamais son propre service. Choisissez un testeur d’un autre service ou d’une autre commune.',
    );
    const direct = await http(app)
      .post('/api/mystery-tests')
      .set(auth(qualite))
      .send({ data: { service: ids.scolaire.documentId, channel: 'appel', tester: own.documentId, windowStart: '2026-04-01', windowEnd: '2026-04-30' } });
    expect(direct.status).toBe(400);
    expect(direct.body.error.message).toMatch(/un testeur ne teste jamais son propre service/);
    const admin = await adminLogin(app, 'admin@demo.local');
    const panel = await http(app)
      .post(`/content-manager/collection-types/${TESTS}`)
      .set(auth(admin))
      .send({ service: ids.accueil.id, channel: 'visite', tester: ids.agent.id, windowStart: '2026-04-01', windowEnd: '2026-04-30' });
    expect(panel.status).toBe(400);
    expect(panel.body.error.message).toMatch(/^Julie Moreau est agent du service « Accueil \/ État civil »/);
    // Moving a planned test onto the tester's own service is the same refusal.
    const moved = await http(app).put(`/api/mystery-tests/${planned[0].documentId}`).set(auth(qualite)).send({ data: { service: ids.accueil.documentId } });
    expect(moved.status).toBe(400);
    expect(await app.db.query(TESTS).count()).toBe(before);
  });

  it('refuses a bad plan with a French 400', async () => {
    const testers = [(await userDoc('agent.accueil@demo.local')).documentId];
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ service: ids.scolaire.documentId, channel: 'pigeon', count: 1, testers }, /canal inconnu/],
      [{ service: ids.scolaire.documentId, channel: 'appel', count: 0, testers }, /un nombre de tests entier de 1 à 50/],
      [{ service: ids.scolaire.documentId, channel: 'appel', count: 1, testers: [] }, /une liste de 1 à 20 identifiants/],
      [{ service: ids.scolaire.documentId, channel: 'appel', count: 1, testers, windowStart: '2026-06-01', windowEnd: '2026-06-10' }, /doit rester dans celle de la vague/],
      [{ service: ids.scolaire.documentId, channel: 'appel', count: 1, testers, windowStart: '2026-04-10', windowEnd: '2026-04-02' }, /précède son début/],
      [{ service: ids.scolaire.documentId, channel: 'appel', count: 1, testers, couleur: 'rouge' }, /Champ inconnu : « couleur »/],
    ];
    const before = await app.db.query(TESTS).count();
    const mismatches: string[] = [];
    for (const [body, message] of cases) {
      const res = await plan(body);
      if (res.status !== 400 || !message.test(res.body.error?.message ?? '')) mismatches.push(`${JSON.stringify(body)} : ${res.status} ${res.body.error?.message}`);
    }
    expect(mismatches).toEqual([]);
    expect((await plan({ service: ids.scolaire.documentId, channel: 'appel', count: 1, testers }, agent)).status).toBe(403);
    expect(await app.db.query(TESTS).count()).toBe(before);
  });

  it('gives each tester their list with the scenario, the window and the grid', async () => {
    const res = await http(app).get('/api/my-mystery-tests').set(auth(agent));
    expect(res.status).toBe(200);
    const mine = expectContract(z.array(mysteryTesterTestSchema), res.body.data);
    const ofWave = mine.filter((t) => t.campaign === 'Tests mystères — printemps');
    expect(ofWave.map((t) => t.documentId)).toEqual([planned[0].documentId, planned[2].documentId]);
    // The demo town's rounds: the tests this agent played, validated, and those still to play.
    expect(mine.filter((t) => t.workflowState === 'draft').length).toBeGreaterThanOrEqual(4);
    expect(ofWave[0]).toMatchObject({
      campaign: 'Tests mystères — printemps',
      service: { name: 'Scolaire / Périscolaire' },
      channel: 'courriel',
      channelLabel: 'Courriel',
      scenario: 'Demander les pièces pour une inscription en cours d’année.',
      windowStart: '2026-04-01',
      windowEnd: '2026-05-31',
      workflowState: 'draft',
    });
    expect(ofWave[0].points.map((p) => p.id)).toContain('delai-ouvres');
    const anonymous = await http(app).get('/api/my-mystery-tests');
    expect([anonymous.status, anonymous.body.error.message]).toEqual([401, 'Connectez-vous pour voir et saisir vos tests mystères.']);
  });

  it('hides upcoming and unvalidated tests from the tested service', async () => {
    const mismatches: string[] = [];
    for (const email of ['chef.scolaire@demo.local', 'chef.accueil@demo.local']) {
      const token = await login(app, email);
      const list = await http(app).get('/api/mystery-tests?pagination[pageSize]=100&fields[0]=workflowState').set(auth(token));
      const unvalidated = (list.body.data as { workflowState: string }[]).filter((t) => t.workflowState !== 'validated');
      if (list.status !== 200 || unvalidated.length) mismatches.push(`${email} : liste ${list.status}, ${unvalidated.length} non validés`);
      for (const test of planned) {
        const one = await http(app).get(`/api/mystery-tests/${test.documentId}`).set(auth(token));
        if (one.status !== 404) mismatches.push(`${email} : fiche ${one.status}`);
        const history = await http(app).get(`/api/workflow/mystery-tests/${test.documentId}/history`).set(auth(token));
        if (history.status !== 404) mismatches.push(`${email} : historique ${history.status}`);
      }
      const filtered = await http(app).get(`/api/mystery-tests?filters[service][slug][$eq]=scolaire-periscolaire&filters[workflowState][$ne]=validated`).set(auth(token));
      if (filtered.body.data?.length) mismatches.push(`${email} : filtre ${filtered.body.data.length}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('scores the result on the grid, with working-day delays across public holidays, and refuses what does not fit', async () => {
    const id = planned[0].documentId;
    const save = (body: unknown, token = agent) => http(app).put(`/api/mystery-tests/${id}/result`).set(auth(token)).send(body as object);
    // Sent Thursday 30 April, answered Friday 8 May: 8 calendar days; 1 and 8 May are holidays, so 4 working days.
    const res = await save({
      testedAt: '2026-04-30T09:15:00+02:00',
      sentOn: '2026-04-30',
      answeredOn: '2026-05-08',
      answers: { 'accuse-reception': true, 'reponse-exacte': true, signature: false, clarte: 4, remarques: 'Réponse polie mais sans signature.' },
      observations: 'Adresse trouvée sur le site.',
    });
    expect(res.status).toBe(200);
    const test = expectContract(mysteryTesterTestSchema, res.body.data);
    expect([test.delayDays, test.delayWorkingDays]).toEqual([8, 4]);
    // Weights: accusé 1 ✓, 5 jours ouvrés 3 ✓, 7 jours 2 ✗, exacte 3 ✓, signature 1 ✗, clarté 2 ✓ → 9 / 12.
    expect(test.score).toBe(75);
    const row = (await app.db.query(TESTS).findOne({ where: { documentId: id } })) as { outcomes: Record<string, { value: unknown; success: boolean | null }> };
    expect(row.outcomes['delai-ouvres']).toMatchObject({ value: 4, success: true });
    expect(row.outcomes['delai-7-jours']).toMatchObject({ value: 8, success: false });
    expect(row.outcomes.remarques).toMatchObject({ success: null });

    const before = JSON.stringify(await app.db.query(TESTS).findOne({ where: { documentId: id } }));
    const cases: [unknown, number, RegExp][] = [
      [{ answers: { clarte: 9 } }, 400, /« Clarté de la réponse \(langage simple\) » : un niveau de 1 à 4 attendu/],
      [{ answers: { 'delai-ouvres': 2 } }, 400, /se calcule à partir des dates d’envoi et de réponse/],
      [{ answers: { inconnu: true } }, 400, /Point inconnu de la grille : « inconnu »/],
      [{ answers: { 'accuse-reception': 'oui' } }, 400, /oui ou non/],
      [{ sentOn: '2026-05-10', answeredOn: '2026-05-08' }, 400, /La date de réponse précède la date d’envoi/],
      [{ sentOn: '30/04/2026' }, 400, /AAAA-MM-JJ/],
      [{ testedAt: '2099-01-01T10:00:00Z' }, 400, /futur/],
      [{ score: 100 }, 400, /Champ inconnu : « score »/],
      [{ answers: [] }, 400, /un objet/],
      ['texte', 400, /Champ inconnu : « texte »/],
    ];
    const mismatches: string[] = [];
    for (const [body, status, message] of cases) {
      const r = await save(body);
      if (r.status !== status || !message.test(r.body.error?.message ?? '')) mismatches.push(`${JSON.stringify(body)} : ${r.status} ${r.body.error?.message}`);
    }
    // Another tester's test, or a head's attempt, is not found.
    const enfance = await login(app, 'chef.enfance@demo.local');
    for (const token of [enfance, chefScolaire]) {
      const r = await save({ observations: 'Pas le mien' }, token);
      if (r.status !== 404) mismatches.push(`autre compte : ${r.status}`);
    }
    expect(mismatches).toEqual([]);
    expect(JSON.stringify(await app.db.query(TESTS).findOne({ where: { documentId: id } }))).toBe(before);
  });

  it('is submitted by its tester, validated by the référent qualité, and only then shown and announced to the service', async () => {
    const id = planned[0].documentId;
    const transition = (token: string, action: string, comment?: string) =>
      http(app).post(`/api/workflow/mystery-tests/${id}/transitions`).set(auth(token)).send({ action, comment });
    const enfance = await login(app, 'chef.enfance@demo.local');
    expect((await transition(enfance, 'submit')).status).toBe(403);
    expect((await transition(chefScolaire, 'submit')).status).toBe(403);
    const submitted = await transition(agent, 'submit');
    expect(submitted.status).toBe(200);
    const locked = await http(app).put(`/api/mystery-tests/${id}/result`).set(auth(agent)).send({ observations: 'Trop tard' });
    expect(locked.status).toBe(400);
    expect(locked.body.error.message).toMatch(/à l’état « Soumis » : il ne peut plus être modifié/);
    await catcher.waitFor((m) => m.to.includes('qualite@demo.local') && m.subject.includes('Test mystère à valider'));
    expect((await http(app).get(`/api/mystery-tests/${id}`).set(auth(chefScolaire))).status).toBe(404);
    expect(catcher.mails.filter((m) => m.to.includes('chef.scolaire@demo.local'))).toEqual([]);

    // In the référent's « À traiter », to validate.
    const inbox = await http(app).get('/api/workflow/inbox?type=mystery-tests&group=to-validate').set(auth(qualite));
    expect(inbox.body.data.groups[0].items.map((i: { documentId: string }) => i.documentId)).toContain(id);
    expect((await transition(chefScolaire, 'validate')).status).toBe(403);
    expect((await transition(qualite, 'validate')).status).toBe(200);
    const mail = await catcher.waitFor((m) => m.to.includes('chef.scolaire@demo.local'));
    expect(mail.subject).toBe(`[Charte d’accueil] Résultat d’un test mystère : ${planned[0].title}`);
    expect(mail.text).toContain('Un test mystère du service Scolaire / Périscolaire a été réalisé et son résultat validé par Thomas Garnier');
    const seen = await http(app).get(`/api/mystery-tests/${id}`).set(auth(chefScolaire));
    expect(seen.status).toBe(200);
    expect(seen.body.data.score).toBe(75);
    // The other tests of the wave stay hidden.
    const list = await http(app).get('/api/mystery-tests?pagination[pageSize]=100').set(auth(chefScolaire));
    const shown = (list.body.data as { documentId: string }[]).map((t) => t.documentId);
    expect(planned.map((t) => shown.includes(t.documentId))).toEqual([true, false, false]);
  });

  type MeasureRow = { documentId: string; period: string; value: number; source: string; comment: string; workflowState: string; indicator: { code: string }; service: { slug: string } };
  /** Every measure of the indicators the grids feed, over HTTP as the référent qualité reads them. */
  async function measures(): Promise<MeasureRow[]> {
    const codes = ['MAR-07-I1', 'MAR-07-I2', 'MAR-08-I1', 'QV-17-I1'].map((c, i) => `filters[indicator][code][$in][${i}]=${c}`).join('&');
    const res = await http(app)
      .get(`/api/measures?${codes}&pagination[pageSize]=200&fields[0]=period&fields[1]=value&fields[2]=source&fields[3]=comment&fields[4]=workflowState&populate[indicator][fields][0]=code&populate[service][fields][0]=slug`)
      .set(auth(qualite));
    expect(res.status).toBe(200);
    expect(res.body.meta.pagination.total).toBeLessThan(200);
    return (res.body.data as MeasureRow[]).map((m) => ({ ...m, value: Number(m.value) }));
  }
  /**
   * The measures the validated tests give, computed here from the raw rows: per service, indicator
   * and month of the test (the linked indicators are monthly), the share of points met for a
   * percentage, the mean delay of the answers received for days.
   */
  async function expectedMeasures() {
    const indicators = new Map(((await app.db.query('api::indicator.indicator').findMany({ select: ['code', 'unit', 'frequency'] })) as { code: string; unit: string; frequency: string }[]).map((i) => [i.code, i]));
    const rows = (await app.db.query(TESTS).findMany({ where: { workflowState: 'validated' }, populate: { service: { select: ['slug'] } } })) as {
      testedAt: string;
      outcomes: Record<string, { indicator: string | null; success: boolean | null; value: unknown }>;
      service: { slug: string };
    }[];
    const groups = new Map<string, { unit: string; met: number; answered: number; values: number[] }>();
    for (const r of rows) {
      const month = `${dayIn('Europe/Paris', new Date(r.testedAt)).slice(0, 7)}-01`;
      for (const o of Object.values(r.outcomes)) {
        if (!o.indicator) continue;
        const indicator = indicators.get(o.indicator)!;
        expect(indicator.frequency).toBe('mensuelle');
        const key = `${r.service.slug}|${o.indicator}|${month}`;
        const g = groups.get(key) ?? { unit: indicator.unit, met: 0, answered: 0, values: [] };
        if (o.success !== null) g.answered += 1;
        if (o.success === true) g.met += 1;
        if (typeof o.value === 'number') g.values.push(o.value);
        groups.set(key, g);
      }
    }
    const out = new Map<string, number>();
    for (const [key, g] of groups) {
      const value = g.unit === 'pourcentage' ? (g.answered ? (100 * g.met) / g.answered : null) : g.values.length ? g.values.reduce((a, b) => a + b, 0) / g.values.length : null;
      if (value !== null) out.set(key, Math.round(value * 10) / 10);
    }
    return out;
  }
  const keyOf = (m: MeasureRow) => `${m.service.slug}|${m.indicator.code}|${m.period}`;

  it('turns validated results into validated measures of the linked indicators, equal to the raw data, updated on each validation, never duplicated, never over a hand entry', async () => {
    // The demo rounds already gave theirs (seed), and so did the validation above.
    const computed = () => measures().then((list) => list.filter((m) => m.source === 'tests-mysteres'));
    const before = await computed();
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((m) => m.workflowState === 'validated' && /^Calculée à partir de \d+ tests? mystères? validés? : /.test(m.comment))).toBe(true);
    expect(before.find((m) => keyOf(m) === 'scolaire-periscolaire|MAR-07-I1|2026-04-01')).toBeDefined();

    // A person's measure for May (the demo's year of entries has one) stands: the test of May validated below leaves it alone.
    const hand = (await measures()).find((m) => keyOf(m) === 'scolaire-periscolaire|MAR-07-I1|2026-05-01')!;
    expect(hand.source).toBe('saisie');
    const enfance = await login(app, 'chef.enfance@demo.local');
    const play = async (test: string, token: string, result: Record<string, unknown>) => {
      expect((await http(app).put(`/api/mystery-tests/${test}/result`).set(auth(token)).send(result)).status).toBe(200);
      expect((await http(app).post(`/api/workflow/mystery-tests/${test}/transitions`).set(auth(token)).send({ action: 'submit' })).status).toBe(200);
      expect((await http(app).post(`/api/workflow/mystery-tests/${test}/transitions`).set(auth(qualite)).send({ action: 'validate' })).status).toBe(200);
    };
    await play(planned[1].documentId, enfance, { testedAt: '2026-05-04T10:00:00+02:00', sentOn: '2026-05-04', answeredOn: '2026-05-06', answers: { 'reponse-exacte': true } });
    // A second test of April: the April measure is recomputed in place (8 days and 1 day).
    await play(planned[2].documentId, agent, { testedAt: '2026-04-29T10:00:00+02:00', sentOn: '2026-04-29', answeredOn: '2026-04-30', answers: { 'reponse-exacte': false } });

    const after = await measures();
    const keys = after.map(keyOf);
    expect(keys.length).toBe(new Set(keys).size);
    const may = after.filter((m) => keyOf(m) === 'scolaire-periscolaire|MAR-07-I1|2026-05-01');
    expect(may.map((m) => [m.documentId, m.value, m.source])).toEqual([[hand.documentId, hand.value, 'saisie']]);
    const april = after.find((m) => keyOf(m) === 'scolaire-periscolaire|MAR-07-I1|2026-04-01')!;
    expect(april.documentId).toBe(before.find((m) => keyOf(m) === keyOf(april))!.documentId);

    const expected = await expectedMeasures();
    const served = new Map(after.filter((m) => m.source === 'tests-mysteres').map((m) => [keyOf(m), m.value]));
    const hands = new Set(after.filter((m) => m.source !== 'tests-mysteres').map(keyOf));
    expect(Object.fromEntries(served)).toEqual(Object.fromEntries([...expected].filter(([key]) => !hands.has(key))));
    expect(served.get('scolaire-periscolaire|MAR-07-I1|2026-04-01')).toBe(expected.get('scolaire-periscolaire|MAR-07-I1|2026-04-01'));

    // Running it again changes nothing.
    expect(await syncMysteryMeasures(app, null)).toEqual({ created: 0, updated: 0, kept: expect.any(Number) });
    expect((await measures()).length).toBe(after.length);
  });
});

describe('figures', () => {
  type Outcome = { label: string; kind: string; unit: string | null; success: boolean | null };
  /** The same figures computed here from the raw rows, for one wave: mean score and each point's rate per service and channel. */
  async function fromRawRows(waveTitle: string, serviceSlugs: string[] | null) {
    const rows = (await app.db.query(TESTS).findMany({
      where: { workflowState: 'validated', campaign: { title: waveTitle } },
      populate: { service: { select: ['slug'] } },
    })) as { channel: string; score: string | number; outcomes: Record<string, Outcome>; service: { slug: string } }[];
    const groups = new Map<string, typeof rows>();
    for (const r of rows) {
      if (serviceSlugs && !serviceSlugs.includes(r.service.slug)) continue;
      const key = `${r.service.slug}/${r.channel}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    return Object.fromEntries(
      [...groups].map(([key, list]) => {
        const rates: Record<string, number | null> = {};
        for (const id of Object.keys(list[0].outcomes)) {
          if (list[0].outcomes[id].kind === 'text') continue;
          const answered = list.filter((r) => r.outcomes[id]?.success !== null && r.outcomes[id]?.success !== undefined);
          const met = answered.filter((r) => r.outcomes[id].success === true);
          rates[id] = answered.length ? Math.round((1000 * met.length) / answered.length) / 10 : null;
        }
        const mean = list.reduce((sum, r) => sum + Number(r.score), 0) / list.length;
        return [key, { tests: list.length, score: Math.round(mean * 10) / 10, rates }];
      }),
    );
  }
  const served = (figures: MysteryFigures) =>
    Object.fromEntries(
      figures.rows.map((r) => [
        `${r.service.slug}/${r.channel}`,
        { tests: r.tests, score: r.score, rates: Object.fromEntries([...r.points, ...r.delays].map((p) => [p.id, p.rate])) },
      ]),
    );

  it('equal the raw data of the validated tests, with the previous wave for the trend and the late answer among the delays', async () => {
    const res = await http(app).get('/api/mystery-results').set(auth(qualite));
    expect(res.status).toBe(200);
    const figures = expectContract(mysteryFiguresSchema, res.body.data);
    expect(figures.campaign?.title).toBe('Tests mystères — automne 2026');
    expect(figures.previous?.title).toBe('Tests mystères — printemps 2026');
    expect(served(figures)).toEqual(await fromRawRows('Tests mystères — automne 2026', null));
    const scolaireMail = figures.rows.find((r) => r.service.slug === 'scolaire-periscolaire' && r.channel === 'courriel')!;
    expect(scolaireMail.delays.map((d) => [d.id, d.met, d.answered])).toEqual(
      expect.arrayContaining([
        ['delai-ouvres', 0, 1],
        ['delai-7-jours', 0, 1],
      ]),
    );
    expect(scolaireMail.previousScore).not.toBeNull();
    const spring = figures.campaigns.find((c) => c.title === 'Tests mystères — printemps 2026')!;
    const before = await http(app).get(`/api/mystery-results?campaign=${spring.documentId}`).set(auth(qualite));
    expect(served(before.body.data)).toEqual(await fromRawRows('Tests mystères — printemps 2026', null));
    // The previous wave's tests of each row, which the dashboard weighs the previous scores with.
    const springTests = served(before.body.data) as Record<string, { tests: number }>;
    expect(figures.rows.map((r) => [`${r.service.slug}/${r.channel}`, r.previousTests])).toEqual(figures.rows.map((r) => [`${r.service.slug}/${r.channel}`, springTests[`${r.service.slug}/${r.channel}`]?.tests ?? 0]));
    expect(figures.rows.some((r) => r.previousTests > 0)).toBe(true);
  });

  it('download as .xlsx: the same rows as the page, in the caller’s scope', async () => {
    const binary = (url: string, token?: string) => {
      const req = http(app).get(url);
      return (token ? req.set(auth(token)) : req).buffer(true).parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      });
    };
    const sheetsOf = async (token: string) => {
      const res = await binary('/api/mystery-results/export.xlsx', token);
      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toMatch(/attachment; filename="tests-mysteres-2026-10-05\.xlsx"/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as never);
      const rows = (name: string) => workbook.getWorksheet(name)!.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
      return { names: workbook.worksheets.map((w) => w.name), scores: rows('Notes par service'), points: rows('Points d’observation') };
    };
    const asPage = (figures: MysteryFigures) => ({
      scores: figures.rows.map((r) => [r.service.name, r.channelLabel, r.tests, r.score === null ? undefined : r.score / 100, r.previousScore === null ? undefined : r.previousScore / 100]),
      points: figures.rows.flatMap((r) =>
        [...r.points.map((p) => [p, 'Non'] as const), ...r.delays.map((p) => [p, 'Oui'] as const)].map(([p, delay]) => [r.service.name, r.channelLabel, p.label, delay, p.answered, p.met, p.rate === null ? undefined : p.rate / 100]),
      ),
    });
    const strip = (rows: unknown[][]) => rows.map((r) => r.map((v) => (typeof v === 'number' ? Math.round(v * 10000) / 10000 : v)));
    for (const token of [qualite, await login(app, 'chef.accueil@demo.local')]) {
      const sheets = await sheetsOf(token);
      expect(sheets.names).toEqual(['Notes par service', 'Points d’observation']);
      expect(sheets.scores[0]).toEqual(['Service', 'Canal', 'Tests validés', 'Note moyenne', 'Note — Tests mystères — printemps 2026']);
      const page = asPage((await http(app).get('/api/mystery-results').set(auth(token))).body.data);
      expect(strip(sheets.scores.slice(1))).toEqual(strip(page.scores));
      expect(strip(sheets.points.slice(1))).toEqual(strip(page.points));
    }
    expect((await binary('/api/mystery-results/export.xlsx')).status).toBe(401);
    expect((await http(app).get('/api/mystery-results/export.xlsx?campaign=pas-un-identifiant').set(auth(qualite))).status).toBe(400);
  });

  it('show a head only their services’ validated results, and refuse bad parameters in French', async () => {
    const chef = await login(app, 'chef.accueil@demo.local');
    const res = await http(app).get('/api/mystery-results').set(auth(chef));
    expect(res.status).toBe(200);
    expect(served(res.body.data)).toEqual(await fromRawRows('Tests mystères — automne 2026', ['accueil-etat-civil']));
    expect((await http(app).get('/api/mystery-results?campaign=pas-un-identifiant').set(auth(chef))).body.error.message).toMatch(/l’identifiant d’une vague/);
    expect((await http(app).get('/api/mystery-results?service=x').set(auth(chef))).status).toBe(400);
    expect((await http(app).get('/api/mystery-results')).status).toBe(401);
  });

  it('follow every write right after a cached read: a reopening, a fresh validation, a script’s update, for every scope and in the .xlsx', async () => {
    const WAVE = 'Tests mystères — automne 2026';
    const chef = await login(app, 'chef.accueil@demo.local');
    const figures = async (token: string) => {
      const res = await http(app).get('/api/mystery-results').set(auth(token));
      expect(res.status).toBe(200);
      return res.body.data as MysteryFigures;
    };
    /** Read twice (the second read is served from the cache), both equal to the raw rows. */
    const expectRaw = async () => {
      for (let i = 0; i < 2; i++) {
        expect(served(await figures(qualite))).toEqual(await fromRawRows(WAVE, null));
        expect(served(await figures(chef))).toEqual(await fromRawRows(WAVE, ['accueil-etat-civil']));
      }
    };
    const xlsxTests = async (service: string, channelLabel: string) => {
      const res = await http(app)
        .get('/api/mystery-results/export.xlsx')
        .set(auth(qualite))
        .buffer(true)
        .parse((r, callback) => {
          const chunks: Buffer[] = [];
          r.on('data', (chunk: Buffer) => chunks.push(chunk));
          r.on('end', () => callback(null, Buffer.concat(chunks)));
        });
      expect(res.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as never);
      const row = workbook.getWorksheet('Notes par service')!.getSheetValues().find((r) => Array.isArray(r) && r[1] === service && r[2] === channelLabel) as unknown[] | undefined;
      return row ? Number(row[3]) : 0;
    };
    const test = (await app.db.query(TESTS).findOne({
      where: { workflowState: 'validated', campaign: { title: WAVE }, service: { slug: 'accueil-etat-civil' } },
      populate: { service: { select: ['name'] } },
    })) as { id: number; documentId: string; channel: string; score: string | number; service: { name: string } };
    expect(test).toBeTruthy();
    const channelLabel = (await figures(qualite)).rows.find((r) => r.service.slug === 'accueil-etat-civil' && r.channel === test.channel)!.channelLabel;
    const transition = (action: string, comment?: string) =>
      http(app).post(`/api/workflow/mystery-tests/${test.documentId}/transitions`).set(auth(qualite)).send({ action, comment });
    await expectRaw();
    const validatedTests = await xlsxTests(test.service.name, channelLabel);
    expect(await xlsxTests(test.service.name, channelLabel)).toBe(validatedTests);

    // Reopened: out of the figures at once.
    expect((await transition('reopen', 'Point à revoir avec le testeur.')).status).toBe(200);
    await expectRaw();
    expect(await xlsxTests(test.service.name, channelLabel)).toBe(validatedTests - 1);
    expect((await transition('submit')).status).toBe(200);
    await expectRaw();

    // Validated again: back in the figures at once, after reads served from the cache.
    const cached = served(await figures(qualite));
    expect((await transition('validate')).status).toBe(200);
    const fresh = served(await figures(qualite));
    expect(fresh).not.toEqual(cached);
    expect(fresh).toEqual(await fromRawRows(WAVE, null));
    await expectRaw();
    expect(await xlsxTests(test.service.name, channelLabel)).toBe(validatedTests);

    // A script writing the table behind the Document Service's back (a restore, a fix by hand) too.
    const table = app.db.metadata.get(TESTS).tableName;
    const score = Number(test.score);
    await app.db.connection(table).where({ id: test.id }).update({ score: score === 0 ? 100 : 0 });
    await expectRaw();
    await app.db.connection(table).where({ id: test.id }).update({ score });
    await expectRaw();
  });
});

// Last: its wave is the newest, which the figures above would otherwise show by default.
describe('published results', () => {
  it('publishes the measure of a published indicator in « Nos résultats » and the SP+ open data', async () => {
    const agent = await login(app, 'agent.accueil@demo.local');
    // The principle « Des réponses écrites rapides » approved: its indicator is published.
    const principle = (await app.db.query('api::charter-principle.charter-principle').findOne({ where: { indicator: { code: 'QV-17-I1' } } })) as { id: number };
    await app.db.query('api::charter-principle.charter-principle').update({ where: { id: principle.id }, data: { workflowState: 'approved' } });
    // A letter to the cabinet this month, answered today: QV-17-I1 (first written answer within 15 days) follows a principle of the charter.
    const today = dayIn('Europe/Paris', new Date());
    const month = `${today.slice(0, 7)}-01`;
    const created = await http(app).post('/api/mystery-campaigns').set(auth(qualite)).send({ data: { title: 'Tests mystères — ce mois-ci', startDate: month, endDate: today } });
    expect(created.status).toBe(201);
    const cabinet = (await app.db.query('api::service.service').findOne({ where: { slug: 'cabinet-du-maire' } })) as { documentId: string };
    const planned = await http(app)
      .post(`/api/mystery-campaigns/${created.body.data.documentId}/plan`)
      .set(auth(qualite))
      .send({ service: cabinet.documentId, channel: 'courrier', count: 1, testers: [(await userDoc('agent.accueil@demo.local')).documentId] });
    expect(planned.status).toBe(201);
    const id = planned.body.data[0].documentId as string;
    const result = await http(app)
      .put(`/api/mystery-tests/${id}/result`)
      .set(auth(agent))
      .send({ testedAt: new Date(Date.now() - 60_000).toISOString(), sentOn: today, answeredOn: today, answers: { 'reponse-exacte': true } });
    expect(result.status).toBe(200);
    expect((await http(app).post(`/api/workflow/mystery-tests/${id}/transitions`).set(auth(agent)).send({ action: 'submit' })).status).toBe(200);
    expect((await http(app).post(`/api/workflow/mystery-tests/${id}/transitions`).set(auth(qualite)).send({ action: 'validate' })).status).toBe(200);

    const openData = await http(app).get('/api/public/open-data/resultats.json');
    expect(openData.status).toBe(200);
    const row = (openData.body.data as { structureCode: string; indicatorCode: string; value: number; periodStart: string }[]).find((r) => r.structureCode === 'VDB-CABINET' && r.indicatorCode === 'QV-17-I1');
    expect(row).toMatchObject({ value: 0, periodStart: month });
        const results = await http(app).get('/api/public/results');
    expect(results.status).toBe(200);
    expect(JSON.stringify(results.body)).toContain('QV-17-I1');
  });
});

describe('a failed point becomes a roadmap action', () => {
  const ACTIONS = 'api::roadmap-action.roadmap-action';
  const create = (token: string, data: Record<string, unknown>) => http(app).post('/api/roadmap-actions?populate[criterion][fields][0]=code&populate[promptMysteryTest][fields][0]=title').set(auth(token)).send({ data });

  it('in one step, by whoever may create actions for the tested service: title, engagement and description prefilled', async () => {
    const late = (await app.db.query(TESTS).findOne({
      where: { campaign: { title: 'Tests mystères — automne 2026' }, service: { slug: 'scolaire-periscolaire' }, channel: 'courriel' },
    })) as { id: number; documentId: string; title: string };
    const chefScolaire = await login(app, 'chef.scolaire@demo.local');
    const before = await app.db.query(ACTIONS).count();
    const base = { service: ids.scolaire.documentId, promptMysteryTest: late.documentId, owner: 'Sophie Lefèvre' };

    const res = await create(chefScolaire, { ...base, promptPoint: 'delai-7-jours' });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      title: 'Test mystère : Réponse sous 7 jours (engagement de la charte)',
      description: 'Lors du test mystère du 28 octobre 2026 (courriel), ce point n’a pas été satisfait : « Réponse sous 7 jours (engagement de la charte) » (observé : 13 jours calendaires, cible : 7 jours calendaires).',
      promptPoint: 'delai-7-jours',
      criterion: { code: 'MAR-07' },
      promptMysteryTest: { title: late.title },
      actionStatus: 'a-lancer',
    });
    expect(res.body.data.promptSummary ?? null).toBeNull();

    const upcoming = (await app.db.query(TESTS).findOne({ where: { workflowState: 'draft', service: { slug: 'scolaire-periscolaire' } } })) as { documentId: string };
    const chefAccueil = await login(app, 'chef.accueil@demo.local');
    const dgs = await login(app, 'dgs@demo.local');
    const cases: [string, Record<string, unknown>, number, RegExp][] = [
      [chefScolaire, { ...base, promptPoint: 'delai-7-jours' }, 400, /^Une action existe déjà pour ce point de ce test : « Test mystère : Réponse sous 7 jours/],
      [chefScolaire, { ...base, promptPoint: 'reponse-exacte' }, 400, /« Réponse exacte et complète » n’a pas échoué lors de ce test : seul un point échoué motive une action/],
      [chefScolaire, { ...base, promptPoint: 'remarques' }, 400, /n’a pas échoué lors de ce test \(point sans réponse, ou texte libre\)/],
      [chefScolaire, { ...base, promptPoint: 'inconnu' }, 400, /Le point « inconnu » ne fait pas partie de la grille de ce test/],
      [chefScolaire, { ...base, promptPoint: null }, 400, /Choisissez le point d’observation échoué/],
      [chefScolaire, { service: ids.scolaire.documentId, owner: 'X', promptPoint: 'delai-7-jours' }, 400, /Choisissez le test mystère/],
      [chefScolaire, { ...base, promptMysteryTest: upcoming.documentId, promptPoint: 'delai-ouvres' }, 400, /n’existe pas ou son résultat n’est pas encore validé/],
      [qualite, { ...base, promptMysteryTest: upcoming.documentId, promptPoint: 'delai-ouvres' }, 400, /n’existe pas ou son résultat n’est pas encore validé/],
      [qualite, { ...base, service: ids.accueil.documentId, promptPoint: 'delai-ouvres' }, 400, /porte sur le service « Scolaire \/ Périscolaire » : l’action doit être de ce service/],
      [chefAccueil, { ...base, promptPoint: 'delai-ouvres' }, 403, /./],
      [dgs, { ...base, promptPoint: 'delai-ouvres' }, 403, /./],
    ];
    const mismatches: string[] = [];
    for (const [token, data, status, message] of cases) {
      const r = await create(token, data);
      if (r.status !== status || !message.test(r.body.error?.message ?? '')) mismatches.push(`${JSON.stringify(data)} : ${r.status} ${r.body.error?.message}`);
    }
    expect(mismatches).toEqual([]);
    expect(await app.db.query(ACTIONS).count()).toBe(before + 1);

    // The référent qualité makes the other failed delay an action too.
    const other = await create(qualite, { ...base, promptPoint: 'delai-ouvres', title: 'Répondre aux courriels sous 5 jours ouvrés' });
    expect(other.status).toBe(201);
    expect(other.body.data).toMatchObject({ title: 'Répondre aux courriels sous 5 jours ouvrés', criterion: { code: 'MAR-07' } });
    const listed = await http(app).get(`/api/roadmap-actions?filters[promptMysteryTest][documentId][$eq]=${late.documentId}&fields[0]=promptPoint&sort=promptPoint`).set(auth(chefScolaire));
    expect(listed.body.data.map((a: { promptPoint: string }) => a.promptPoint)).toEqual(['delai-7-jours', 'delai-ouvres']);
  });
});

describe('the tester stays unnamed to the tested service', () => {
  it('shows the service « le testeur » in the test’s history, the tester and the référent qualité the name', async () => {
    const test = (await app.db.query(TESTS).findOne({
      where: { campaign: { title: 'Tests mystères — printemps 2026' }, service: { slug: 'scolaire-periscolaire' }, channel: 'courriel' },
    })) as { documentId: string };
    const historyFor = async (token: string) => {
      const res = await http(app).get(`/api/workflow/mystery-tests/${test.documentId}/history`).set(auth(token));
      expect(res.status).toBe(200);
      return (res.body.data as { action: string; actor: string }[]).map((e) => [e.action, e.actor]);
    };
    expect(await historyFor(await login(app, 'chef.scolaire@demo.local'))).toEqual([['submit', 'le testeur'], ['validate', 'Thomas Garnier']]);
    expect(await historyFor(qualite)).toEqual([['submit', 'Julie Moreau'], ['validate', 'Thomas Garnier']]);
    expect(await historyFor(await login(app, 'agent.accueil@demo.local'))).toEqual([['submit', 'Julie Moreau'], ['validate', 'Thomas Garnier']]);
  });
});

describe('a validated result becomes a piece of evidence of the evaluation', () => {
  const EVALUATIONS = 'api::evaluation.evaluation';
  type Evaluation = { id: number; documentId: string; workflowState: string; criterion: { code: string }; campaign: { name: string } };
  let spring: { id: number; documentId: string };
  let agent: string;

  beforeAll(async () => {
    agent = await login(app, 'agent.accueil@demo.local');
    spring = (await app.db.query(TESTS).findOne({
      where: { campaign: { title: 'Tests mystères — printemps 2026' }, service: { slug: 'accueil-etat-civil' }, channel: 'appel' },
    })) as { id: number; documentId: string };
  });
  const targetsOf = (token: string, test = spring.documentId) => http(app).get(`/api/mystery-tests/${test}/evidence`).set(auth(token));
  const attach = (token: string, evaluation: unknown, test = spring.documentId) => http(app).post(`/api/mystery-tests/${test}/evidence`).set(auth(token)).send({ evaluation });
  const piecesOf = async (evaluation: number) => app.db.connection('files_related_mph').where({ related_type: EVALUATIONS, related_id: evaluation, field: 'evidence' }).count<{ count: string }[]>('* as count').then(([r]) => Number(r.count));

  it('lists the evaluations of the tested service on the engagements its points observe, in the campaign running on the day of the test', async () => {
    const res = await targetsOf(agent);
    expect(res.status).toBe(200);
    const targets = res.body.data as MysteryEvidenceTarget[];
    for (const target of targets) expectContract(mysteryEvidenceTargetSchema, target);
    // The raw data: the call of 14 April 2026 observes QV-15, QV-16, QV-17 (and Marianne codes,
    // not in the Qualivilles campaigns); « Diagnostic initial 2026 » runs from 12 January to 30 June.
    const expected = (await app.db.query(EVALUATIONS).findMany({
      where: { service: { slug: 'accueil-etat-civil' }, campaign: { name: 'Diagnostic initial 2026' }, criterion: { code: { $in: ['QV-15', 'QV-16', 'QV-17', 'MAR-08', 'MAR-04', 'MAR-03'] } } },
      populate: { criterion: { select: ['code'] } },
      orderBy: { id: 'asc' },
    })) as Evaluation[];
    expect(expected.length).toBeGreaterThan(0);
    expect(targets.map((t) => t.evaluation.documentId).sort()).toEqual(expected.map((e) => e.documentId).sort());
    expect(targets.every((t) => t.campaign.name === 'Diagnostic initial 2026' && t.attached === null)).toBe(true);
    const qv16 = targets.find((t) => t.criterion.code === 'QV-16');
    if (qv16) expect(qv16.points).toEqual(['Appel décroché', 'Décroché avant 5 sonneries (nombre de sonneries)', 'Temps d’attente avant de parler à quelqu’un']);
    for (const t of targets) expect(t.blocked === null).toBe(['draft'].includes(t.evaluation.workflowState));

    // The autumn call falls in no campaign; a test not yet validated answers as if it did not exist.
    const autumn = (await app.db.query(TESTS).findOne({ where: { campaign: { title: 'Tests mystères — automne 2026' }, service: { slug: 'accueil-etat-civil' }, channel: 'appel' } })) as { documentId: string };
    expect((await targetsOf(agent, autumn.documentId)).body.data).toEqual([]);
    const upcoming = (await app.db.query(TESTS).findOne({ where: { workflowState: 'draft' } })) as { documentId: string };
    for (const token of [qualite, agent]) {
      const r = await targetsOf(token, upcoming.documentId);
      expect([r.status, r.body.error?.message]).toEqual([404, 'Test mystère introuvable, ou son résultat n’est pas encore validé.']);
    }
  });

  it('attaches the result once, as a PDF sheet without the tester’s name, to an editable evaluation; refuses the others and changes nothing', async () => {
    const targets = (await targetsOf(agent)).body.data as MysteryEvidenceTarget[];
    const target = targets.find((t) => t.criterion.code === 'QV-16') ?? targets[0];
    const evaluation = (await app.db.query(EVALUATIONS).findOne({ where: { documentId: target.evaluation.documentId } })) as { id: number };
    // An editable evaluation, and one that no longer is.
    await app.db.query(EVALUATIONS).update({ where: { id: evaluation.id }, data: { workflowState: 'draft' } });
    const other = targets.find((t) => t.evaluation.documentId !== target.evaluation.documentId)!;
    await app.db.query(EVALUATIONS).update({ where: { documentId: other.evaluation.documentId }, data: { workflowState: 'approved' } });
    const before = await piecesOf(evaluation.id);
    const files = await app.db.query('plugin::upload.file').count();

    const res = await attach(agent, target.evaluation.documentId);
    expect(res.status).toBe(201);
    expect(res.body.meta.message).toBe(`Test joint comme pièce à l’évaluation de l’engagement ${target.criterion.code}.`);
    expect(res.body.data.attached).toMatchObject({ name: 'test-mystere-appel-telephonique-2026-04-14-accueil-etat-civil.pdf' });
    expect(await piecesOf(evaluation.id)).toBe(before + 1);

    const pieces = await http(app).get(`/api/evidence?type=evaluation&documentId=${target.evaluation.documentId}`).set(auth(agent));
    const piece = (pieces.body.data as { fileId: number; title: string; owner: { name: string }; url: string }[]).find((p) => p.fileId === res.body.data.attached.fileId)!;
    expect(piece).toMatchObject({ title: expect.stringMatching(/^Test mystère du 14\/04\/2026 \(appel téléphonique\) : \d+(,\d)?\u00a0%$/), owner: { name: 'Julie Moreau' } });
    const download = await http(app).get(piece.url).set(auth(agent)).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(download.status).toBe(200);
    const { text } = await pdfText(download.body as Buffer);
    expect(text).toContain('Résultat de test mystère');
    expect(text).toContain('Accueil');
    expect(text).toContain('Nom du service annoncé');
    expect(text).toContain('Échoué');
    expect(text).not.toMatch(/Rousseau|Nadia/);

    const dgs = await login(app, 'dgs@demo.local');
    const auditeur = await login(app, 'auditeur@demo.local');
    const chefScolaire = await login(app, 'chef.scolaire@demo.local');
    const scolaireEvaluation = (await app.db.query(EVALUATIONS).findOne({ where: { service: { slug: 'scolaire-periscolaire' }, campaign: { name: 'Diagnostic initial 2026' } } })) as { documentId: string };
    const cases: [string, unknown, number, RegExp][] = [
      [agent, target.evaluation.documentId, 409, /^Ce test est déjà joint à cette évaluation \(pièce « test-mystere-appel/],
      [agent, other.evaluation.documentId, 409, /L’évaluation est à l’état « Approuvé » : elle ne reçoit plus de pièce/],
      [agent, scolaireEvaluation.documentId, 400, /ne peut être joint qu’à l’évaluation de son service, sur un engagement que l’un de ses points observe/],
      [agent, 'pas un identifiant !', 400, /« evaluation » : l’identifiant de l’évaluation/],
      [agent, undefined, 400, /« evaluation » : l’identifiant de l’évaluation/],
      [chefScolaire, target.evaluation.documentId, 404, /Test mystère introuvable/],
      [dgs, target.evaluation.documentId, 403, /./],
      [auditeur, target.evaluation.documentId, 403, /./],
    ];
    const mismatches: string[] = [];
    for (const [token, value, status, message] of cases) {
      const r = await attach(token, value);
      if (r.status !== status || !message.test(r.body.error?.message ?? '')) mismatches.push(`${String(value)} : ${r.status} ${r.body.error?.message}`);
    }
    const anonymous = await http(app).post(`/api/mystery-tests/${spring.documentId}/evidence`).send({ evaluation: target.evaluation.documentId });
    if (anonymous.status !== 401) mismatches.push(`anonyme : ${anonymous.status}`);
    if ((await http(app).get(`/api/mystery-tests/${spring.documentId}/evidence`)).status !== 401) mismatches.push('anonyme GET');
    const extra = await http(app).post(`/api/mystery-tests/${spring.documentId}/evidence`).set(auth(agent)).send({ evaluation: target.evaluation.documentId, file: 1 });
    if (extra.status !== 400 || !/Champ inconnu : file/.test(extra.body.error?.message)) mismatches.push(`extra: ${extra.status}`);
    expect(mismatches).toEqual([]);
    expect(await piecesOf(evaluation.id)).toBe(before + 1);
    expect(await app.db.query('plugin::upload.file').count()).toBe(files + 1);

    // Once attached, the list says where; detached from the evaluation, the test may be attached again.
    const listed = (await targetsOf(agent)).body.data as MysteryEvidenceTarget[];
    expect(listed.find((t) => t.evaluation.documentId === target.evaluation.documentId)!.attached).toMatchObject({ fileId: res.body.data.attached.fileId });
    expect(listed.find((t) => t.evaluation.documentId === other.evaluation.documentId)!.blocked).toMatch(/ne reçoit plus de pièce/);
    const detached = await http(app).put(`/api/evaluations/${target.evaluation.documentId}`).set(auth(agent)).send({ data: { evidence: [] } });
    expect(detached.status).toBe(200);
    expect(((await targetsOf(agent)).body.data as MysteryEvidenceTarget[]).find((t) => t.evaluation.documentId === target.evaluation.documentId)!.attached).toBeNull();
  });
});

describe('planning a wave in the front', () => {
  it('gives the référent qualité the wave’s tests per service, channel and state, equal to the raw data, and the testers with their services', async () => {
    const wave = (await app.db.query('api::mystery-campaign.mystery-campaign').findOne({ where: { title: 'Tests mystères — printemps 2026' } })) as { documentId: string };
    const res = await http(app).get(`/api/mystery-campaigns/${wave.documentId}/planning`).set(auth(qualite));
    expect(res.status).toBe(200);
    const planning = expectContract(mysteryWavePlanningSchema, res.body.data);
    expect(planning.wave).toMatchObject({ title: 'Tests mystères — printemps 2026', startDate: '2026-04-07', endDate: '2026-05-29' });
    const tests = (await app.db.query(TESTS).findMany({
      where: { campaign: { documentId: wave.documentId } },
      populate: { service: { select: ['documentId'] }, tester: { select: ['firstname', 'lastname'] } },
    })) as { channel: string; workflowState: string; service: { documentId: string }; tester: { firstname: string; lastname: string } }[];
    const raw = new Map<string, { draft: number; submitted: number; validated: number; testers: Set<string> }>();
    for (const t of tests) {
      const key = `${t.service.documentId}/${t.channel}`;
      const row = raw.get(key) ?? { draft: 0, submitted: 0, validated: 0, testers: new Set<string>() };
      row[t.workflowState as 'draft'] += 1;
      row.testers.add(`${t.tester.firstname} ${t.tester.lastname}`);
      raw.set(key, row);
    }
    expect(
      Object.fromEntries(planning.rows.map((r) => [`${r.service.documentId}/${r.channel}`, { draft: r.draft, submitted: r.submitted, validated: r.validated, testers: r.testers }])),
    ).toEqual(Object.fromEntries([...raw].map(([k, v]) => [k, { ...v, testers: [...v.testers].sort((a, b) => a.localeCompare(b, 'fr')) }])));
    const drafts = (await app.db.query(TESTS).findMany({ where: { campaign: { documentId: wave.documentId }, workflowState: 'draft' }, select: ['documentId'] })) as { documentId: string }[];
    expect(planning.upcoming.map((t) => t.documentId).sort()).toEqual(drafts.map((t) => t.documentId).sort());
    expect(planning.channels.map((c) => [c.value, c.grids.length])).toEqual([['appel', 1], ['courriel', 1], ['courrier', 1], ['formulaire-web', 1], ['visite', 1]]);
    const julie = planning.testers.find((t) => t.name === 'Julie Moreau')!;
    expect(julie.services).toEqual([ids.accueil.documentId]);

    const agent = await login(app, 'agent.accueil@demo.local');
    const cases: [Record<string, string>, string, number][] = [
      [auth(agent), wave.documentId, 403],
      [auth(await login(app, 'chef.scolaire@demo.local')), wave.documentId, 403],
      [{}, wave.documentId, 401],
      [auth(qualite), 'inconnue0000000000000000', 404],
    ];
    for (const [headers, id, status] of cases) expect([id, (await http(app).get(`/api/mystery-campaigns/${id}/planning`).set(headers)).status]).toEqual([id, status]);
  });

  it('refuses a wave that ends before it starts, in French', async () => {
    const res = await http(app).post('/api/mystery-campaigns').set(auth(qualite)).send({ data: { title: 'Vague à l’envers', startDate: '2027-03-01', endDate: '2027-02-01' } });
    expect([res.status, res.body.error?.message]).toEqual([400, 'La fin de la vague précède son début.']);
  });
});
