import { managementReviewSchema, reviewDecisionsSchema } from '@charte/contract/schemas';
import type { Core } from '@strapi/strapi';
import { expectContract } from '../helpers/contract';
import { docxContent } from '../helpers/docx-content';
import { demoIds } from '../helpers/fixtures';
import { pdfStructure, pdfText } from '../helpers/pdf-text';
import { http, login, startStrapi, stopStrapi } from '../helpers/strapi';

let app: Core.Strapi;
let ids: Awaited<ReturnType<typeof demoIds>>;
const jwt: Record<string, string> = {};
const YEAR = new Date().getFullYear();

beforeAll(async () => {
  app = await startStrapi();
  ids = await demoIds(app);
  for (const who of ['agent.accueil', 'chef.accueil', 'qualite', 'dgs']) jwt[who] = await login(app, `${who}@demo.local`);
}, 120_000);
afterAll(() => stopStrapi(app));

const as = (who: string | null, method: 'get' | 'put', url: string) => {
  const req = http(app)[method](url);
  return who ? req.set('Authorization', `Bearer ${jwt[who]}`) : req;
};
const binary = (req: ReturnType<typeof as>) =>
  req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
type Section = { id: string; title: string; blocks: { kind: string; text?: string; rows?: string[][]; columns?: { header: string }[] }[] };
const tablesOf = (section: Section) => section.blocks.filter((b) => b.kind === 'table');
const textOf = (section: Section) => section.blocks.map((b) => b.text ?? '').join('\n');
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const rate = (value: number | null | undefined) => (value === null || value === undefined ? '–' : `${value.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} %`);

describe('who reads the management review', () => {
  it('is for the référent qualité and the DGS; others are refused in French, bad parameters are 400', async () => {
    expect((await as(null, 'get', '/api/management-review')).status).toBe(401);
    for (const who of ['agent.accueil', 'chef.accueil']) {
      const res = await as(who, 'get', '/api/management-review');
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe('La revue de direction est réservée au référent qualité et au DGS.');
      expect((await as(who, 'put', '/api/management-review/decisions').send({ year: YEAR, decisions: 'x' })).status).toBe(403);
    }
    const bad: [string, string][] = [
      ['/api/management-review?year=20x6', 'Le paramètre year est une année sur quatre chiffres (par exemple year=2026).'],
      [`/api/management-review?year=${YEAR + 1}`, `L’année de la revue va de 2000 à ${YEAR}.`],
      ['/api/management-review/file?format=odt', 'Le paramètre format vaut pdf ou docx.'],
    ];
    for (const [url, message] of bad) {
      const res = await as('qualite', 'get', url);
      expect([res.status, res.body.error?.message]).toEqual([400, message]);
    }
    for (const body of [{ year: YEAR }, { year: YEAR, decisions: 42 }, { year: YEAR, decisions: 'x'.repeat(20001) }, { year: 'demain', decisions: 'x' }]) {
      expect((await as('dgs', 'put', '/api/management-review/decisions').send(body)).status).toBe(400);
    }
    expect((await as('dgs', 'get', `/api/management-review?year=${YEAR}`)).status).toBe(200);
  });
});

describe('the review’s figures are the API’s', () => {
  let sections: Record<string, Section>;
  beforeAll(async () => {
    const res = await as('qualite', 'get', `/api/management-review?year=${YEAR}`);
    expect(res.status).toBe(200);
    expectContract(managementReviewSchema, res.body);
    sections = Object.fromEntries((res.body.sections as Section[]).map((s) => [s.id, s]));
    expect(res.body.sections.map((s: Section) => s.title)).toEqual([
      '1. Conformité par service et par thème',
      '2. Indicateurs et objectifs',
      '3. Bilan des réclamations et suggestions',
      '4. Satisfaction des usagers et des agents',
      '5. Résultats des tests mystères',
      '6. Feuille de route',
      '7. Constats d’audit',
      '8. Décisions',
    ]);
  });

  it('conformity by service, with last campaign’s rate, as GET /api/progress', async () => {
    const progress = await as('qualite', 'get', `/api/progress?campaign=${ids.campaign.documentId}`);
    const [byService] = tablesOf(sections.conformity);
    expect(progress.body.data.length).toBeGreaterThan(1);
    expect(progress.body.meta.previousCampaign).not.toBeNull();
    const expected = progress.body.data.map((s: { service: { name: string }; evaluations: { total: number }; conformityRate: number | null; previousConformityRate: number | null }) => [
      s.service.name,
      String(s.evaluations.total),
      rate(s.conformityRate),
      rate(s.previousConformityRate),
    ]);
    expect(byService.rows!.map((r) => r.slice(0, 4).map(plain))).toEqual(expected);
  });

  it('complaints, roadmap and indicators as their own pages count them', async () => {
    const bilan = (await as('qualite', 'get', `/api/complaints-report/bilan?year=${YEAR}`)).body.data;
    const complaints = sections.complaints;
    expect(textOf(complaints)).toContain(`${bilan.total} demande(s) reçue(s) en ${YEAR} ; ${bilan.responseRate.answeredInTime} répondue(s)`);
    expect(tablesOf(complaints)[1].rows).toEqual(bilan.byService.map((s: { label: string; count: number; answeredInTime: number; lateOrOpenLate: number }) => [s.label, String(s.count), String(s.answeredInTime), String(s.lateOrOpenLate)]));

    const roadmap = (await as('qualite', 'get', '/api/roadmap?groupBy=service')).body;
    expect(textOf(sections.roadmap)).toContain(`${roadmap.meta.total} action(s)`);
    expect(textOf(sections.roadmap)).toContain(`${roadmap.meta.late} en retard`);
    expect(tablesOf(sections.roadmap)[0].rows).toEqual(roadmap.data.map((g: { label: string; counts: { total: number; done: number; late: number } }) => [g.label, String(g.counts.total), String(g.counts.done), String(g.counts.late)]));

    const indicators = (await as('qualite', 'get', '/api/indicators-report')).body;
    const latest = indicators.indicators.flatMap((i: { latest: unknown[] }) => i.latest);
    expect(latest.length).toBeGreaterThan(0);
    expect(tablesOf(sections.indicators)[0].rows!.length).toBe(latest.length);
    const met = latest.filter((m: { meetsTarget: boolean | null }) => m.meetsTarget === true).length;
    expect(textOf(sections.indicators)).toContain(`${met} objectif(s) atteint(s)`);

    const surveys = (await as('qualite', 'get', '/api/survey-results')).body.data.filter((s: { opensAt: string }) => s.opensAt.startsWith(String(YEAR)));
    for (const s of surveys) expect(textOf(sections.surveys)).toContain(`${s.responses} réponse(s)`);
  });

  it('audit findings as the findings API lists them: submitted ones of the year, gravest first, with their action', async () => {
    const res = await as('qualite', 'get', '/api/audit-findings?filters[workflowState][$ne]=draft&fields[0]=grade&fields[1]=workflowState&fields[2]=createdAt&pagination[pageSize]=100');
    expect(res.status).toBe(200);
    const listed = (res.body.data as { grade: string; workflowState: string; createdAt: string }[]).filter((f) => f.createdAt.startsWith(String(YEAR)));
    expect(listed.length).toBeGreaterThan(0);
    const [table] = tablesOf(sections['audit-findings']);
    expect(table.rows!.length).toBe(listed.length);
    const labels = (await as('qualite', 'get', '/api/labels')).body.data.choices as Record<string, string>;
    const order = ['non-conformite-majeure', 'non-conformite-mineure', 'piste-de-progres', 'point-fort'];
    const grades = listed.map((f) => f.grade).sort((a, b) => order.indexOf(a) - order.indexOf(b));
    expect(table.rows!.map((r) => r[0])).toEqual(grades.map((g) => labels[g]));
    const open = listed.filter((f) => f.grade.startsWith('non-conformite') && f.workflowState !== 'settled').length;
    expect(textOf(sections['audit-findings'])).toContain(`${listed.length} constat(s) d’audit soumis en ${YEAR}`);
    expect(textOf(sections['audit-findings'])).toContain(`${open} non-conformité(s) pas encore close(s)`);
  });
});

describe('the files', () => {
  it('records the decisions, then prints them with the figures in the PDF and the Word file', async () => {
    const decisions = 'Étendre la démarche au service Urbanisme en 2027.\n\nPublier les résultats trimestriels à l’accueil de la mairie.';
    const put = await as('dgs', 'put', '/api/management-review/decisions').send({ year: String(YEAR), decisions });
    expect(put.status).toBe(200);
    expect(expectContract(reviewDecisionsSchema, put.body).decisions).toBe(decisions);
    const view = (await as('qualite', 'get', `/api/management-review?year=${YEAR}`)).body;
    expect(view.decisions).toBe(decisions);

    const docx = await binary(as('qualite', 'get', `/api/management-review/file?year=${YEAR}&format=docx`));
    expect(docx.status).toBe(200);
    expect(docx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(decodeURIComponent(docx.headers['content-disposition'])).toContain(`Revue de direction – ${YEAR} – Ville de Val-de-Bièvre.docx`);
    const word = await docxContent(docx.body as Buffer);
    expect(word.text).toContain('Ville de Val-de-Bièvre');
    expect(word.text).toContain(`Revue de direction ${YEAR}`);
    expect(word.text).toContain('Étendre la démarche au service Urbanisme en 2027.');
    // Every table of the review is a Word table with its header row and the same cells.
    const tables = view.sections.flatMap((s: Section) => tablesOf(s)).map((t: { columns: { header: string }[]; rows: string[][] }) => [t.columns.map((c) => c.header), ...t.rows].map((r) => r.map(plain)));
    expect(word.tables).toEqual(tables);

    const pdf = await binary(as('qualite', 'get', `/api/management-review/file?year=${YEAR}`));
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const { text } = await pdfText(pdf.body as Buffer);
    expect(text).toContain(`Revue de direction ${YEAR}`);
    expect(text).toContain('Publier les résultats trimestriels à l’accueil de la mairie.');
    expect(text).toContain(tables[0][1][0]);
    // Tagged, as the other reports: each chapter a heading, each table's header row as TH.
    const { tagged, tags } = await pdfStructure(pdf.body as Buffer);
    expect(tagged).toBe(true);
    expect(tags.filter((t) => t.role === 'H1').map((t) => t.text)).toEqual(expect.arrayContaining(view.sections.map((s: Section) => s.title)));
    expect(tags.filter((t) => t.role === 'TH').length).toBeGreaterThanOrEqual(tables.reduce((n: number, t: string[][]) => n + t[0].length, 0));
  });

  it('offers the evaluation report of a service as a Word file too', async () => {
    const url = `/api/reports/evaluation?campaign=${ids.campaign.documentId}&service=accueil-etat-civil&draft=true&format=docx`;
    const res = await binary(as('chef.accueil', 'get', url));
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/\.docx/);
    const word = await docxContent(res.body as Buffer);
    expect(word.text).toContain('Rapport d’évaluation');
    expect(word.text).toContain('Service : Accueil / État civil');
    const themes = (await as('chef.accueil', 'get', `/api/progress/themes?campaign=${ids.campaign.documentId}&service=accueil-etat-civil`)).body.data;
    const positioning = word.tables.find((t) => t[0][2] === 'Taux de conformité')!;
    expect(positioning.slice(1).map((r) => r[2])).toEqual(themes.map((t: { conformityRate: number | null }) => rate(t.conformityRate)));
    expect((await as('chef.accueil', 'get', url.replace('docx', 'rtf'))).status).toBe(400);
    expect((await as('chef.accueil', 'get', url.replace('accueil-etat-civil', 'scolaire-periscolaire'))).status).toBe(403);
  });
});
