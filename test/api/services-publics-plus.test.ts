import { openDataResultsSchema, publishedResultsSchema } from '@charte/contract/schemas';
import type { Core } from '@strapi/strapi';
import { parse } from 'csv-parse/sync';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../database/paths';
import { testDistDir } from '../helpers/compiled-cms';
import { expectContract } from '../helpers/contract';
import { eventually } from '../helpers/eventually';
import { demoIds } from '../helpers/fixtures';
import { pdfStructure, pdfText } from '../helpers/pdf-text';
import { adminLogin, http, startStrapi, stopStrapi } from '../helpers/strapi';

const MEASURE = 'api::measure.measure';
const PRINCIPLE = 'api::charter-principle.charter-principle';
const LIBRARY = path.join(repoRoot, 'database', 'referentiels', 'services-publics-plus-2023.yaml');
let app: Core.Strapi;
let ids: Awaited<ReturnType<typeof demoIds>>;

const binary = (res: unknown, done: (err: Error | null, body: Buffer) => void) => {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};
const getFile = (url: string) => http(app).get(url).buffer(true).parse(binary);

async function indicatorId(code: string): Promise<number> {
  return (await app.db.query('api::indicator.indicator').findOne({ select: ['id'], where: { code, criterion: { theme: { referential: { code: 'services-publics-plus-2023' } } } } })).id;
}

async function measure(code: string, serviceId: number, period: string, value: number, state: string) {
  const created = (await app.documents(MEASURE as never).create({
    data: { indicator: await indicatorId(code), service: serviceId, period, value, author: ids.agent.id } as never,
  })) as unknown as { documentId: string };
  await app.db.query(MEASURE).update({ where: { documentId: created.documentId }, data: { workflowState: state } });
}

beforeAll(async () => {
  app = await startStrapi();
  ids = await demoIds(app);
  // Only this suite's measures, on two SP+ indicators carried by approved principles.
  await app.db.query(MEASURE).deleteMany({ where: {} });
  await app.db.query(PRINCIPLE).updateMany({ where: {}, data: { workflowState: 'draft' } });
  let order = 100;
  for (const code of ['SPP-02-I1', 'SPP-07-I2']) {
    const created = (await app.documents(PRINCIPLE as never).create({
      data: { title: `Principe ${code}`, text: 'Texte', commitment: code === 'SPP-02-I1' ? 'Nous décrochons 9 appels sur 10' : 'Vous êtes satisfaits de nos services', order: order++, indicator: await indicatorId(code) } as never,
    })) as unknown as { documentId: string };
    await app.db.query(PRINCIPLE).update({ where: { documentId: created.documentId }, data: { workflowState: 'approved' } });
  }
  await measure('SPP-02-I1', ids.accueil.id, '2026-02-01', 80, 'validated');
  await measure('SPP-02-I1', ids.accueil.id, '2026-03-01', 92.5, 'validated');
  await measure('SPP-02-I1', ids.scolaire.id, '2026-03-01', 85, 'validated');
  await measure('SPP-02-I1', ids.scolaire.id, '2026-04-01', 11, 'submitted');
  await measure('SPP-02-I1', ids.accueil.id, '2026-05-01', 12, 'draft');
  await measure('SPP-07-I2', ids.accueil.id, '2025-01-01', 64, 'validated');
});
afterAll(() => stopStrapi(app));

describe('the Services Publics + 2023 library', () => {
  it('is loaded by the demo town with SPP-01…SPP-08 and the indicators of engagement 6', async () => {
    const criteria = await app.db.query('api::criterion.criterion').findMany({
      where: { theme: { referential: { code: 'services-publics-plus-2023' } } },
      populate: { indicators: true },
      orderBy: { code: 'asc' },
    });
    expect(criteria.map((c: { code: string }) => c.code)).toEqual(['SPP-01', 'SPP-02', 'SPP-03', 'SPP-04', 'SPP-05', 'SPP-06', 'SPP-07', 'SPP-08']);
    const indicators = criteria.flatMap((c: { indicators: { code: string; unit: string }[] }) => c.indicators.map((i) => `${i.code} ${i.unit}`)).sort();
    expect(indicators).toEqual(['SPP-02-I1 pourcentage', 'SPP-04-I1 pourcentage', 'SPP-05-I1 pourcentage', 'SPP-07-I1 pourcentage', 'SPP-07-I2 nombre']);
    expect(criteria.every((c: { guidance: string; expectedEvidence: unknown }) => c.guidance.length > 50)).toBe(true);
  });

  it('re-imports unchanged', async () => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { importReferential } = require(path.join(testDistDir(), 'src', 'referential', 'import'));
    const { readLibraryFile } = require(path.join(testDistDir(), 'src', 'referential', 'read-library'));
    /* eslint-enable @typescript-eslint/no-require-imports */
    const report = await importReferential(app, readLibraryFile(LIBRARY));
    expect(report.counts).toEqual({
      themes: { added: 0, updated: 0, unchanged: 3 },
      criteria: { added: 0, updated: 0, unchanged: 8 },
      indicators: { added: 0, updated: 0, unchanged: 5 },
    });
  });

  it('runs a campaign like the other référentiels: one evaluation per service and engagement', async () => {
    const adminToken = await adminLogin(app, 'admin@demo.local');
    const referential = await app.db.query('api::referential.referential').findOne({ where: { code: 'services-publics-plus-2023' } });
    const res = await http(app)
      .post('/charte-admin/campaigns/builds')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ referential: referential.documentId, name: 'Autodiagnostic SP+ 2026', kind: 'auto-evaluation', startDate: '2026-09-01', endDate: '2026-10-31', services: [ids.accueil.documentId, ids.scolaire.documentId], prefill: false });
    expect(res.status).toBe(202);
    const status: Record<string, any> = await eventually(
      'la fin de la création de campagne',
      async () => (await http(app).get(`/charte-admin/campaigns/builds/${res.body.data.buildId}`).set('Authorization', `Bearer ${adminToken}`)).body.data ?? {},
      (s) => s.state === 'done' || s.state === 'failed',
      { timeoutMs: 60_000, intervalMs: 50 },
    );
    expect(status.state).toBe('done');
    const evaluations = await app.db.query('api::evaluation.evaluation').count({ where: { campaign: { documentId: status.campaign.documentId } } });
    expect(evaluations).toBe(16);
  });
});

/** What the database says is published: validated measures of the latest validated period per indicator. */
async function expectedRows() {
  const { rows } = await app.db.connection.raw(`
    with v as (
      select i.code, s.slug, m.value::float as value, to_char(m.period, 'YYYY-MM-DD') as period, m.updated_at
      from measures m
      join measures_indicator_lnk mi on mi.measure_id = m.id join indicators i on i.id = mi.indicator_id
      join measures_service_lnk ms on ms.measure_id = m.id join services s on s.id = ms.service_id
      where m.workflow_state = 'validated'),
    latest as (select code, max(period) as period from v group by code)
    select v.* from v join latest using (code, period) order by v.code, v.slug`);
  return rows as { code: string; slug: string; value: number; period: string }[];
}

/** The standard question's answers in the latest users' survey, counted in SQL. */
async function standardQuestionFigures() {
  const { rows } = await app.db.connection.raw(`
    with latest as (select id, opens_at from surveys where audience = 'usagers' order by opens_at desc, id desc limit 1)
    select to_char(l.opens_at, 'YYYY-MM-DD') as opens_at,
           count(*) filter (where r.answers ->> 'satisfaction-globale' in ('3', '4'))::float as satisfied,
           count(*) filter (where r.answers ->> 'satisfaction-globale' in ('1', '2'))::float as dissatisfied,
           count(r.answers -> 'satisfaction-globale')::float as answered
    from latest l join survey_responses_survey_lnk rs on rs.survey_id = l.id join survey_responses r on r.id = rs.survey_response_id
    group by l.opens_at`);
  const { satisfied, dissatisfied, answered, opens_at } = rows[0] as { satisfied: number; dissatisfied: number; answered: number; opens_at: string };
  const points = (share: number) => Math.round(share * 1000) / 10;
  return { opensAt: opens_at, satisfiedPercent: points(satisfied / answered), netPoints: points((satisfied - dissatisfied) / answered), answered };
}

describe('GET /api/public/open-data/resultats.csv and .json', () => {
  it('serve, without login, one row per published value: the town and each service, validated measures only', async () => {
    const json = await http(app).get('/api/public/open-data/resultats.json');
    expect(json.status).toBe(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json.headers['cache-control']).toBe('public, max-age=300');
    const body = expectContract(openDataResultsSchema, json.body);
    const expected = await expectedRows();
    expect(expected.map((r) => `${r.code} ${r.slug} ${r.value}`)).toEqual(['SPP-02-I1 accueil-etat-civil 92.5', 'SPP-02-I1 scolaire-periscolaire 85', 'SPP-07-I2 accueil-etat-civil 64']);
    const codes: Record<string, string> = { 'accueil-etat-civil': 'VDB-ETAT-CIVIL', 'scolaire-periscolaire': 'VDB-SCOLAIRE' };
    const want = ['SPP-02-I1', 'SPP-07-I2'].flatMap((code) => {
      const own = expected.filter((r) => r.code === code);
      const mean = Math.round((own.reduce((s, r) => s + r.value, 0) / own.length) * 100) / 100;
      return [`VDB-MAIRIE ${code} ${mean} ${own[0].period}`, ...own.map((r) => `${codes[r.slug]} ${code} ${r.value} ${r.period}`)];
    });
    // The latest users' survey asks the standard question: its satisfaction rate is published for
    // the town under SPP-07-I1 (SPP-07-I2 already comes from a validated measure).
    const survey = await standardQuestionFigures();
    want.push(`VDB-MAIRIE SPP-07-I1 ${survey.satisfiedPercent} ${survey.opensAt}`);
    expect(body.data.map((r) => `${r.structureCode} ${r.indicatorCode} ${r.value} ${r.periodStart}`)).toEqual(want);
    expect(body.data[0]).toMatchObject({ typology: 'Mairie', structureName: 'Ville de Val-de-Bièvre', postcode: '91570', city: 'Val-de-Bièvre', frequency: 'mensuelle' });
    expect(body.data[1]).toMatchObject({ structureName: 'Accueil / État civil', typology: 'Accueil de mairie' });
    // Neither the submitted April nor the draft May value appears.
    expect(body.data.some((r) => r.value === 11 || r.value === 12)).toBe(false);

    const csv = await getFile('/api/public/open-data/resultats.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="resultats.csv"');
    expect(csv.headers['cache-control']).toBe('public, max-age=300');
    const text = (csv.body as Buffer).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const records: Record<string, string>[] = parse(text, { bom: true, columns: true, delimiter: ';' });
    expect(Object.keys(records[0])).toEqual([
      'Code SP+ de la structure', 'Intitulé de la typologie', 'Intitulé de la structure', 'Code postal de la structure', 'Ville de la structure',
      'Code SP+ de l’indicateur', 'Intitulé de l’indicateur', 'Valeur', 'Fréquence', 'Début de la période', 'Date de mise à jour',
    ]);
    expect(records.map((r) => `${r['Code SP+ de la structure']} ${r['Code SP+ de l’indicateur']} ${Number(r.Valeur.replace(',', '.'))} ${r['Début de la période']}`)).toEqual(want);
    expect(records.map((r) => r['Date de mise à jour'])).toEqual(body.data.map((r) => r.updatedOn));
    expect(records[1].Valeur).toBe('92,5');
  });

  it('/api/public/results says when the published figures last changed', async () => {
    const res = await http(app).get('/api/public/results').expect(200);
    const body = expectContract(publishedResultsSchema, res.body);
    const { rows } = await app.db.connection.raw(`select max(updated_at) as at from measures where workflow_state = 'validated'`);
    expect(body.dataUpdatedAt).toBe(new Date(rows[0].at).toISOString());
  });
});

describe('GET /api/public/results/poster.pdf', () => {
  it.each(['A4', 'A3'])('gives the %s poster: the town, each commitment beside its result, in French', async (format) => {
    const res = await getFile(`/api/public/results/poster.pdf?format=${format}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect((res.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    // Kept for a look (test/artifacts is not committed).
    fs.mkdirSync(path.join(repoRoot, 'test', 'artifacts'), { recursive: true });
    fs.writeFileSync(path.join(repoRoot, 'test', 'artifacts', `results-poster-${format}.pdf`), res.body);
    const { text } = await pdfText(res.body);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Ville de Val-de-Bièvre');
    expect(flat).toContain('Nos résultats de qualité de service');
    expect(flat).toContain('Nous décrochons 9 appels sur 10');
    expect(flat).toContain('88,8 %');
    expect(flat).toContain('Objectif : 90 %, objectif non atteint');
    expect(flat).toContain('Période : mars 2026');
    expect(flat).toMatch(/Votre satisfaction .* Enquête « .+ »/);
    // Tagged (RGAA): the title, then each commitment as a heading followed by its figure and target.
    const { tagged, tags } = await pdfStructure(res.body);
    expect(tagged).toBe(true);
    expect(tags.filter((t) => t.role === 'H1').map((t) => t.text)).toEqual(['Nos résultats de qualité de service']);
    const calls = tags.findIndex((t) => t.role === 'H2' && t.text.startsWith('Nous décrochons 9 appels sur 10'));
    expect(tags.slice(calls + 1, calls + 4).map((t) => t.text)).toEqual([expect.any(String), '88,8 %', expect.stringContaining('Objectif : 90 %, objectif non atteint')]);
  });

  it('refuses another format in French', async () => {
    const res = await http(app).get('/api/public/results/poster.pdf?format=A5');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Le format de l’affiche est A4 ou A3 (paramètre « format »).');
  });
});
