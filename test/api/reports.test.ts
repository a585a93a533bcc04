import type { Core } from '@strapi/strapi';
import { docxContent } from '../helpers/docx-content';
import { pdfStructure, pdfText } from '../helpers/pdf-text';
import { http, login, startStrapi, stopStrapi } from '../helpers/strapi';

const EVALUATION = 'api::evaluation.evaluation';
const INTERVIEW = 'api::interview.interview';
let app: Core.Strapi;
const jwt: Record<string, string> = {};
let current: { documentId: string; id: number };
let closed: { documentId: string; id: number };

beforeAll(async () => {
  app = await startStrapi();
  for (const who of ['agent.accueil', 'chef.accueil', 'chef.scolaire', 'qualite', 'dgs']) jwt[who] = await login(app, `${who}@demo.local`);
  current = await app.db.query('api::campaign.campaign').findOne({ where: { name: 'Diagnostic initial 2026' } });
  closed = await app.db.query('api::campaign.campaign').findOne({ where: { name: 'Autodiagnostic 2025' } });
});
afterAll(() => stopStrapi(app));

const binary = (res: unknown, done: (err: Error | null, body: Buffer) => void) => {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};
const get = (path: string, who?: string) => {
  const req = http(app).get(path).buffer(true).parse(binary);
  return who ? req.set('Authorization', `Bearer ${jwt[who]}`) : req;
};
const errorOf = (res: { body: Buffer }) => JSON.parse(res.body.toString('utf8')).error.message as string;


/** Table cells wrap long text over several lines: compare it as one line. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

const rate = (value: number | null) => (value === null ? '–' : `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(value)} %`.replace(/[\u00a0\u202f]/g, ' '));

async function report(query: string, who = 'qualite') {
  const res = await get(`/api/reports/evaluation?${query}`, who);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  return { ...(await pdfText(res.body)), res };
}

/** Each theme's line of the positioning table holds the theme and the rate /api/progress/themes gives. */
async function expectThemeFiguresOf(text: string, campaign: string, slug: string) {
  const progress = await http(app).get(`/api/progress/themes?campaign=${campaign}&service=${slug}`).set('Authorization', `Bearer ${jwt.qualite}`).expect(200);
  expect(progress.body.data.length).toBeGreaterThan(2);
  const lines = text.split('\n');
  for (const t of progress.body.data as { theme: { code: string; title: string }; evaluations: number; conformityRate: number | null }[]) {
    const line = lines.find((l) => l.startsWith(`${t.theme.code} — ${t.theme.title}`) && /\d/.test(l.slice(t.theme.code.length + t.theme.title.length + 3)));
    expect([t.theme.code, line]).toEqual([t.theme.code, expect.stringContaining(`${t.evaluations}`)]);
    expect(line!.trim().endsWith(rate(t.conformityRate))).toBe(true);
  }
}

describe('evaluation report (PDF)', () => {
  it('has a cover, the sections and, for a closed campaign (all approved), the same figures as /api/progress', async () => {
    const { text, pages, res } = await report(`campaign=${closed.documentId}&service=accueil-etat-civil`);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''Rapport%20d%E2%80%99%C3%A9valuation");
    expect(text).toContain('Ville de Val-de-Bièvre');
    expect(text).toContain('Rapport d’évaluation');
    expect(text).toContain('Service : Accueil / État civil');
    expect(text).toContain('Campagne : Autodiagnostic 2025');
    expect(text).toMatch(/Édité le \d{1,2} \S+ \d{4}/);
    for (const section of ['1. Méthode', 'Entretiens menés', 'Pièces consultées', '2. Positionnement par thème', '3. Forces, écarts et recommandations par engagement', '4. Actions de la feuille de route']) {
      expect(text).toContain(section);
    }
    expect(text).toContain(`Page ${pages} / ${pages}`);
    expect(text).not.toContain('Document de travail');
    await expectThemeFiguresOf(text, closed.documentId, 'accueil-etat-civil');
  });

  it('is a tagged PDF: its headings, the positioning table with column headers, the radar described by its figures', async () => {
    const res = await get(`/api/reports/evaluation?campaign=${closed.documentId}&service=accueil-etat-civil`, 'qualite');
    const { tagged, tags } = await pdfStructure(res.body);
    expect(tagged).toBe(true);
    expect(tags.filter((t) => t.role === 'H1').map((t) => t.text)).toEqual(expect.arrayContaining(['Rapport d’évaluation', '1. Méthode', '2. Positionnement par thème']));
    expect(tags.filter((t) => t.role === 'H2').map((t) => t.text)).toEqual(expect.arrayContaining(['Entretiens menés', 'Pièces consultées']));
    expect(tags.filter((t) => t.role === 'TH').length).toBeGreaterThan(2);
    const progress = await http(app).get(`/api/progress/themes?campaign=${closed.documentId}&service=accueil-etat-civil`).set('Authorization', `Bearer ${jwt.qualite}`).expect(200);
    const figure = tags.find((t) => t.role === 'Figure');
    expect(figure?.text).toMatch(/^Graphique radar\./);
    for (const t of progress.body.data as { theme: { code: string }; conformityRate: number | null }[]) {
      expect(figure!.text).toContain(`${t.theme.code} ${t.conformityRate === null ? 'non évalué' : rate(t.conformityRate)}`);
    }
  });

  it('shows a criterion’s result, strengths, gaps and recommendation, accents and œ intact', async () => {
    const evaluation = await app.db.query(EVALUATION).findOne({
      where: { campaign: { id: closed.id }, service: { slug: 'accueil-etat-civil' }, result: 'non-conforme' },
      populate: { criterion: { select: ['code', 'title'] } },
    });
    const { text } = await report(`campaign=${closed.documentId}&service=accueil-etat-civil`);
    expect(text).toContain(`${evaluation.criterion.code} ${evaluation.criterion.title}`.slice(0, 40));
    expect(text).toContain('Résultat : Non conforme');
    expect(text).toContain('Écarts : Engagement à mettre en œuvre : organisation, outil et suivi à définir.');
    expect(text).toContain('Recommandation : Inscrire une action à la feuille de route avec un pilote et une échéance.');
  });

  it('keeps draft content out of the final report, and puts it, watermarked, in the working draft', async () => {
    const draft = await app.db.query(EVALUATION).findOne({ where: { campaign: { id: current.id }, service: { slug: 'accueil-etat-civil' }, workflowState: 'draft' } });
    await app.db.query(EVALUATION).update({ where: { id: draft.id }, data: { strengths: 'Marqueur « brouillon » : l’œuvre n’est pas finie' } });
    const approved = await app.db.query(EVALUATION).findOne({ where: { campaign: { id: current.id }, service: { slug: 'accueil-etat-civil' }, workflowState: 'approved' } });
    await app.db.query(EVALUATION).update({ where: { id: approved.id }, data: { strengths: 'Marqueur approuvé : cœur de métier maîtrisé' } });

    const final = await report(`campaign=${current.documentId}&service=accueil-etat-civil`, 'agent.accueil');
    expect(final.text).toContain('Points forts : Marqueur approuvé : cœur de métier maîtrisé');
    expect(final.text).not.toContain('Marqueur « brouillon »');
    expect(final.text).not.toContain('Document de travail');

    const working = await report(`campaign=${current.documentId}&service=accueil-etat-civil&draft=true`, 'agent.accueil');
    expect(working.res.headers['content-disposition']).toContain('version%20de%20travail');
    expect(working.text).toContain('Points forts : Marqueur « brouillon » : l’œuvre n’est pas finie');
    expect(working.text.split('Document de travail').length - 1).toBe(working.pages);
    // The working draft counts every state, as /api/progress does.
    await expectThemeFiguresOf(working.text, current.documentId, 'accueil-etat-civil');
  });

  it('lists the interviews held and the evidence consulted, never the interviews’ notes', async () => {
    const interview = await app.db.query(INTERVIEW).findOne({ where: { service: { slug: 'accueil-etat-civil' } } });
    expect(interview.notes).toContain('Affluence forte');
    const before = await report(`campaign=${current.documentId}&service=accueil-etat-civil`, 'chef.accueil');
    expect(before.text).toContain('Aucun entretien validé.');
    await app.db.query(INTERVIEW).update({ where: { id: interview.id }, data: { workflowState: 'validated' } });
    for (const draft of ['false', 'true']) {
      const { text: raw } = await report(`campaign=${current.documentId}&service=accueil-etat-civil&draft=${draft}`, 'dgs');
      const text = flat(raw);
      expect(text).toContain('Karim Benali (responsable), Julie Moreau et deux agents d’accueil');
      expect(text).toContain('03/02/2026');
      expect(text).not.toContain('Affluence forte');
      expect(text).not.toContain('délai de réponse n’est pas suivi');
    }
  });

  it('has a « Tests mystères » section with the service’s validated tests of the campaign’s period, and none where there are none', async () => {
    const rows = (await app.db.query('api::mystery-test.mystery-test').findMany({
      where: { workflowState: 'validated', service: { slug: 'scolaire-periscolaire' }, testedAt: { $gte: '2026-01-12T00:00:00+01:00', $lte: '2026-06-30T23:59:59+02:00' } },
    })) as { score: string | number | null; outcomes: Record<string, { label: string; success: boolean | null }> }[];
    expect(rows.length).toBe(2);
    const { text } = await report(`campaign=${current.documentId}&service=scolaire-periscolaire`, 'chef.scolaire');
    const flatText = flat(text);
    expect(flatText).toContain('5. Tests mystères');
    const scores = rows.map((r) => Number(r.score));
    expect(flatText).toContain(`2 tests mystères validés pendant la campagne`);
    expect(flatText).toContain(`note moyenne ${rate(scores.reduce((a, b) => a + b, 0) / scores.length)}`);
    for (const r of rows) for (const o of Object.values(r.outcomes).filter((o) => o.success === false)) expect(flatText).toContain(o.label);
    // The Word file has the same section, with the same rows.
    const docx = await get(`/api/reports/evaluation?campaign=${current.documentId}&service=scolaire-periscolaire&format=docx`, 'chef.scolaire');
    expect(docx.status).toBe(200);
    const word = await docxContent(docx.body as Buffer);
    expect(word.text).toContain('5. Tests mystères');
    expect(word.text).toContain('2 tests mystères validés pendant la campagne');
    const mysteryTable = word.tables.find((t) => t[0][3] === 'Points échoués')!;
    expect(mysteryTable.slice(1).map((r) => r[2]).sort()).toEqual(scores.map((score) => rate(score)).sort());
    // The closed 2025 campaign had no test; the upcoming (unvalidated) ones never show.
    expect((await report(`campaign=${closed.documentId}&service=accueil-etat-civil`)).text).not.toContain('Tests mystères');
  });

  it('lists the roadmap actions linked to the service’s criteria', async () => {
    const action = await app.db.query('api::roadmap-action.roadmap-action').findOne({ where: { title: { $startsWith: 'Installer un système' } } });
    const before = await report(`campaign=${current.documentId}&service=accueil-etat-civil`);
    expect(before.text).not.toContain('Installer un système');
    await app.db.query('api::roadmap-action.roadmap-action').update({ where: { id: action.id }, data: { workflowState: 'approved' } });
    const after = await report(`campaign=${current.documentId}&service=accueil-etat-civil`);
    after.text = flat(after.text);
    expect(after.text).toContain('Installer un système de gestion des files d’attente à l’accueil');
    expect(after.text).toContain('Karim Benali');
    expect(after.text).toContain('En cours (40 %)');
  });

  it('refuses, in French: anonymous 401, another service’s agent 403, bad parameters 400, unknown ones 404', async () => {
    expect([401, 403]).toContain((await get(`/api/reports/evaluation?campaign=${current.documentId}&service=accueil-etat-civil`)).status);
    const other = await get(`/api/reports/evaluation?campaign=${current.documentId}&service=scolaire-periscolaire`, 'agent.accueil');
    expect(other.status).toBe(403);
    expect(errorOf(other)).toBe('Le rapport du service « Scolaire / Périscolaire » est réservé à ses agents et chefs, au référent qualité et au DGS.');
    expect((await get(`/api/reports/evaluation?campaign=${current.documentId}&service=accueil-etat-civil`, 'chef.scolaire')).status).toBe(403);
    for (const [query, message] of [
      ['service=accueil-etat-civil', 'Précisez la campagne (paramètre campaign=<identifiant>).'],
      [`campaign=${current.documentId}`, 'Précisez le service (paramètre service=<identifiant court>).'],
      ['campaign=ABC%20DEF&service=accueil-etat-civil', 'Identifiant de campagne invalide.'],
      [`campaign=${current.documentId}&service=Accueil!`, 'Identifiant de service invalide.'],
      [`campaign=${current.documentId}&service=accueil-etat-civil&draft=peut-etre`, 'Le paramètre draft vaut true ou false.'],
    ]) {
      const res = await get(`/api/reports/evaluation?${query}`, 'qualite');
      expect([query, res.status, errorOf(res)]).toEqual([query, 400, message]);
    }
    expect((await get('/api/reports/evaluation?campaign=zzzzzzzz&service=accueil-etat-civil', 'qualite')).status).toBe(404);
    expect((await get(`/api/reports/evaluation?campaign=${current.documentId}&service=inconnu`, 'qualite')).status).toBe(404);
  });
});

describe('synthesis (PDF)', () => {
  it('compares every service per theme and the progress since the previous campaign', async () => {
    const res = await get(`/api/reports/synthesis?campaign=${current.documentId}&draft=true`, 'dgs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''Synth%C3%A8se");
    const { text, pages } = await pdfText(res.body);
    expect(text).toContain('Synthèse de l’évaluation');
    expect(text).toContain('Comparée à : Autodiagnostic 2025');
    for (const section of ['1. Vue d’ensemble par service', '2. Comparaison des services par thème', '3. Progression depuis la campagne précédente']) expect(text).toContain(section);
    expect(text.split('Document de travail').length - 1).toBe(pages);
    // Overall rates and their evolution equal the dashboard's (draft: every state, as /api/progress).
    const progress = await http(app).get(`/api/progress?campaign=${current.documentId}`).set('Authorization', `Bearer ${jwt.dgs}`).expect(200);
    const lines = text.split('\n');
    for (const row of progress.body.data as { service: { name: string }; conformityRate: number | null; previousConformityRate: number | null }[]) {
      const line = lines.find((l) => l.startsWith(row.service.name) && l.includes(rate(row.conformityRate)) && l.includes(rate(row.previousConformityRate)));
      expect([row.service.name, line]).toEqual([row.service.name, expect.any(String)]);
      const delta = Math.round(((row.conformityRate ?? 0) - (row.previousConformityRate ?? 0)) * 10) / 10;
      const points = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(Math.abs(delta));
      expect(line).toContain(`${delta > 0 ? '+' : delta < 0 ? '−' : ''}${points}`);
    }
  });

  it('is for the référent qualité and the DGS only, and says so in French', async () => {
    const res = await get(`/api/reports/synthesis?campaign=${current.documentId}`, 'chef.accueil');
    expect(res.status).toBe(403);
    expect(errorOf(res)).toBe('La synthèse compare tous les services : elle est réservée au référent qualité et au DGS.');
    expect((await get(`/api/reports/synthesis?campaign=${current.documentId}`, 'qualite')).status).toBe(200);
    expect((await get('/api/reports/synthesis', 'qualite')).status).toBe(400);
  });

  it('says there is nothing to compare for the first campaign of a référentiel', async () => {
    const { text } = await pdfText((await get(`/api/reports/synthesis?campaign=${closed.documentId}`, 'dgs')).body);
    expect(text).toContain('Première campagne sur ce référentiel : pas de comparaison possible.');
    expect(text).not.toContain('Document de travail');
  });
});
