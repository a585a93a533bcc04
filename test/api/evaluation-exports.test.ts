import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Core } from '@strapi/strapi';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { repoRoot } from '../../database/paths';
import { testDistDir } from '../helpers/compiled-cms';
import { demoIds } from '../helpers/fixtures';
import { http, login, startStrapi, stopStrapi } from '../helpers/strapi';

const EVALUATION = 'api::evaluation.evaluation';
const HEADER = ['Campagne', 'Service', 'Thème', 'Code', 'Critère', 'Résultat', 'État', 'Constats', 'Points forts', 'Écarts', 'Recommandation', 'Créée le', 'Modifiée le'];
const LABELS: Record<string, string> = {
  conforme: 'Conforme', partiel: 'Partiellement conforme', 'non-conforme': 'Non conforme', 'non-applicable': 'Non applicable', 'non-evalue': 'Non évalué',
  draft: 'Brouillon', submitted: 'Soumis', validated: 'Validé', approved: 'Approuvé',
};

let app: Core.Strapi;
let ids: Awaited<ReturnType<typeof demoIds>>;
const jwt: Record<string, string> = {};

beforeAll(async () => {
  app = await startStrapi();
  ids = await demoIds(app);
  for (const who of ['agent.accueil', 'chef.scolaire', 'dgs']) jwt[who] = await login(app, `${who}@demo.local`);
}, 120_000);
afterAll(() => stopStrapi(app));

const download = (url: string, who?: string) => {
  const req = http(app).get(url);
  if (who) req.set('Authorization', `Bearer ${jwt[who]}`);
  return req.buffer(true).parse((res, callback) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => callback(null, Buffer.concat(chunks)));
  });
};

/** Paris wall-clock time of an instant, as Excel holds it (a date without time zone) and as the CSV writes it. */
function paris(instant: Date) {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((x) => [x.type, x.value]),
  );
  return { excel: new Date(Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute)), text: `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}` };
}

/** The evaluations matching `where`, the slow obvious way (Query Engine with populate), as export rows. */
async function expectedRows(where: Record<string, unknown>, dates: 'excel' | 'text') {
  const rows = await app.db.query(EVALUATION as never).findMany({
    where,
    populate: { campaign: true, service: true, criterion: { populate: { theme: true } } },
  } as never);
  return (rows as any[]).map((e) => [
    e.campaign?.name ?? null, e.service?.name ?? null, e.criterion?.theme?.title ?? null, e.criterion?.code ?? null, e.criterion?.title ?? null,
    // An empty text is an empty cell.
    e.result ? LABELS[e.result] : null, LABELS[e.workflowState ?? 'draft'], e.findings || null, e.strengths || null, e.gaps || null, e.recommendation || null,
    paris(new Date(e.createdAt))[dates], paris(new Date(e.updatedAt))[dates],
  ]);
}

async function readXlsx(body: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as never);
  expect(workbook.worksheets.map((s) => s.name)).toEqual(['Évaluations']);
  const rows: unknown[][] = [];
  workbook.worksheets[0].eachRow((row) => rows.push(HEADER.map((_, i) => row.getCell(i + 1).value ?? null)));
  expect(rows[0]).toEqual(HEADER);
  return rows.slice(1);
}

function readCsv(body: Buffer): string[][] {
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM: French Excel reads the accents
  const records: string[][] = parse(body, { delimiter: ';', bom: true, relax_column_count: false });
  expect(records[0]).toEqual(HEADER);
  return records.slice(1);
}

const key = (row: unknown[]) => JSON.stringify(row);
const sameRows = (got: unknown[][], expected: unknown[][]) => expect(got.map(key).sort()).toEqual(expected.map(key).sort());
const asCsv = (rows: unknown[][]) => rows.map((r) => r.map((v) => (v === null ? '' : String(v))));

describe('GET /api/exports/evaluations.xlsx and .csv', () => {
  it('refuse anonymous callers', async () => {
    expect([401, 403]).toContain((await download('/api/exports/evaluations.xlsx')).status);
    expect([401, 403]).toContain((await download('/api/exports/evaluations.csv')).status);
  });

  it('give the DGS a campaign, row by row equal to the database, in both formats', async () => {
    const campaign = ids.campaign.documentId;
    const xlsx = await download(`/api/exports/evaluations.xlsx?campaign=${campaign}`, 'dgs');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['content-disposition']).toMatch(/attachment; filename="evaluations-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const rows = await readXlsx(xlsx.body);
    const expected = await expectedRows({ campaign: { id: ids.campaign.id } }, 'excel');
    expect(rows.length).toBeGreaterThan(50);
    sameRows(rows, expected);
    // Reading order: services by name within the campaign.
    const services = rows.map((r) => r[1] as string);
    expect(services).toEqual([...services].sort((a, b) => a.localeCompare(b)));

    const csv = await download(`/api/exports/evaluations.csv?campaign=${campaign}`, 'dgs');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    sameRows(readCsv(csv.body), asCsv(await expectedRows({ campaign: { id: ids.campaign.id } }, 'text')));
  });

  it('apply each filter: service, theme, state, and all of them together', async () => {
    const theme = await app.db.query('api::theme.theme').findOne({ where: { code: { $notNull: true }, referential: { code: 'qualivilles-ville' } }, orderBy: { order: 'asc' } });
    await app.db.connection('evaluations')
      .whereIn('id', app.db.connection('charte_evaluation_facts').where({ campaign_id: ids.campaign.id, service_id: ids.accueil.id }).select('evaluation_id'))
      .update({ workflow_state: 'submitted' });
    const cases: [string, Record<string, unknown>][] = [
      [`service=accueil-etat-civil`, { service: { id: ids.accueil.id } }],
      [`theme=${theme.documentId}`, { criterion: { theme: { id: theme.id } } }],
      [`state=approved`, { workflowState: 'approved' }],
      [`campaign=${ids.campaign.documentId}&service=accueil-etat-civil&theme=${theme.documentId}&state=submitted`, {
        campaign: { id: ids.campaign.id }, service: { id: ids.accueil.id }, criterion: { theme: { id: theme.id } }, workflowState: 'submitted',
      }],
    ];
    for (const [query, where] of cases) {
      const res = await download(`/api/exports/evaluations.xlsx?${query}`, 'dgs');
      expect([query, res.status]).toEqual([query, 200]);
      const expected = await expectedRows(where, 'excel');
      expect([query, expected.length > 0]).toEqual([query, true]);
      sameRows(await readXlsx(res.body), expected);
      const csv = await download(`/api/exports/evaluations.csv?${query}`, 'dgs');
      sameRows(readCsv(csv.body), asCsv(await expectedRows(where, 'text')));
    }
  });

  it('never give an agent or a head another service\'s rows', async () => {
    const agent = await readXlsx((await download('/api/exports/evaluations.xlsx', 'agent.accueil')).body);
    sameRows(agent, await expectedRows({ service: { id: ids.accueil.id } }, 'excel'));
    const head = readCsv((await download('/api/exports/evaluations.csv', 'chef.scolaire')).body);
    expect(head.length).toBeGreaterThan(0);
    expect(new Set(head.map((r) => r[1]))).toEqual(new Set(['Scolaire / Périscolaire']));
    for (const format of ['xlsx', 'csv']) {
      const other = await download(`/api/exports/evaluations.${format}?service=scolaire-periscolaire`, 'agent.accueil');
      expect(other.status).toBe(400);
      expect(JSON.parse(other.body.toString()).error.message).toBe('Service inconnu : « scolaire-periscolaire ».');
    }
  });

  it('answer a bad filter with a French 400', async () => {
    for (const [query, message] of [
      ['campaign=inconnue', 'Campagne inconnue : « inconnue ».'],
      ['campaign=%27%3B%20drop', 'Campagne inconnue'],
      ['service=nulle-part', 'Service inconnu : « nulle-part ».'],
      ['theme=zzz', 'Thème inconnu : « zzz ».'],
      ['state=termine', 'État inconnu : « termine ». États possibles : draft (Brouillon), submitted (Soumis), validated (Validé), approved (Approuvé).'],
      ['state=draft&state=approved', 'Le filtre « state » ne peut avoir qu’une valeur.'],
      ['format=pdf', 'Filtre inconnu : « format ».'],
    ]) {
      const res = await download(`/api/exports/evaluations.csv?${query}`, 'dgs');
      expect([query, res.status]).toEqual([query, 400]);
      expect(JSON.parse(res.body.toString()).error.message).toContain(message);
    }
  });

  it('exports a 10,000-evaluation campaign in batches; the time is measured', async () => {
    const knex = app.db.connection;
    const meta = (uid: string, attribute: string) => {
      const joinTable = (app.db.metadata.get(uid).attributes[attribute] as any).joinTable;
      return { table: joinTable.name as string, from: joinTable.joinColumn.name as string, to: joinTable.inverseJoinColumn.name as string };
    };
    const [campaign] = await knex('campaigns')
      .insert({ document_id: 'bulkcampaign', name: 'Campagne volumineuse', kind: 'audit-interne', start_date: '2026-09-01', created_at: new Date(), updated_at: new Date(), published_at: new Date() })
      .returning(['id', 'document_id as documentId']);
    const criteria = await knex('criteria').orderBy('id').pluck('id');
    const services = await knex('services').orderBy('id').pluck('id');
    const COUNT = 10_000;
    await knex.transaction(async (trx) => {
      const inserted: { id: number }[] = await trx.raw(
        `insert into evaluations (document_id, result, findings, strengths, gaps, recommendation, workflow_state, created_at, updated_at, published_at)
         select 'bulk' || lpad(n::text, 20, '0'), (array['conforme','partiel','non-conforme','non-evalue'])[1 + n % 4],
           'Constat n° ' || n || ' ; avec « guillemets », accents é à ç et un saut' || chr(10) || 'de ligne', 'Points forts ' || n, null, 'Recommandation ' || n,
           (array['draft','submitted','validated','approved'])[1 + n % 4], now(), now(), now()
         from generate_series(1, ?) n returning id`,
        [COUNT],
      ).then((r: { rows: { id: number }[] }) => r.rows);
      const link = (attribute: string, target: (i: number) => number) => {
        const l = meta(EVALUATION, attribute);
        return trx.batchInsert(l.table, inserted.map((row, i) => ({ [l.from]: row.id, [l.to]: target(i) })), 1000);
      };
      await link('campaign', () => campaign.id);
      await link('service', (i) => services[i % services.length]);
      await link('criterion', (i) => criteria[i % criteria.length]);
    });

    const timings: Record<string, number> = {};
    for (const format of ['xlsx', 'csv'] as const) {
      const started = process.hrtime.bigint();
      const res = await download(`/api/exports/evaluations.${format}?campaign=${campaign.documentId}`, 'dgs');
      timings[format] = Number(process.hrtime.bigint() - started) / 1e6;
      expect(res.status).toBe(200);
      const rows = format === 'xlsx' ? await readXlsx(res.body) : readCsv(res.body);
      expect(rows).toHaveLength(COUNT);
      expect(rows.some((r) => String(r[7]).includes('« guillemets », accents é à ç et un saut\nde ligne'))).toBe(true);
      timings[`${format} size (kB)`] = Math.round(res.body.length / 1024);
    }
    // Where the time goes: the id query, reading the rows in batches, writing each format (no HTTP).
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiled module the running cms uses
    const dist = (file: string) => require(path.join(testDistDir(), 'src', 'exports', file));
    const { evaluationIds, evaluationRows } = dist('evaluation-rows');
    const { writeEvaluationsXlsx, writeEvaluationsCsv } = dist('evaluation-export');
    const clock = async (name: string, run: () => Promise<unknown>) => {
      const started = process.hrtime.bigint();
      await run();
      timings[name] = Number(process.hrtime.bigint() - started) / 1e6;
    };
    let all: number[] = [];
    await clock('ids', async () => (all = await evaluationIds(app, { campaignId: campaign.id }, null)));
    await clock('read', async () => {
      for await (const _row of evaluationRows(app, all));
    });
    const sink = () => new Writable({ write: (_chunk, _encoding, done) => done() });
    await clock('write xlsx', () => writeEvaluationsXlsx(evaluationRows(app, all), sink()));
    await clock('write csv', () => writeEvaluationsCsv(evaluationRows(app, all), sink()));
    const ms = (name: string) => `${timings[name].toFixed(0)} ms`;
    const report =
      `10,000-evaluation export (${new Date().toISOString()}, load ${os.loadavg()[0].toFixed(1)}): HTTP xlsx ${ms('xlsx')} (${timings['xlsx size (kB)']} kB), ` +
      `HTTP csv ${ms('csv')} (${timings['csv size (kB)']} kB); ids ${ms('ids')}, read in batches ${ms('read')}, ` +
      `read + write xlsx ${ms('write xlsx')}, read + write csv ${ms('write csv')}\n`;
    fs.mkdirSync(path.join(repoRoot, '.tmp'), { recursive: true });
    fs.appendFileSync(path.join(repoRoot, '.tmp', 'export-timings.txt'), report);
    console.log(report);
    expect(timings.xlsx).toBeLessThan(60_000);
    expect(timings.csv).toBeLessThan(60_000);
  }, 180_000);
});
