import fs from 'node:fs';
import path from 'node:path';
import { importResultSchema, previewSchema, referentialSummarySchema } from '@charte/contract/schemas';
import type { Core } from '@strapi/strapi';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { repoRoot } from '../../database/paths';
import { SAMPLE_WORKBOOK, sampleLibrary } from '../../database/write-sample-workbook';
import { checkRows } from '../../cms/src/referential/import-preview';
import { referentialLibrarySchema } from '../../cms/src/referential/library-format';
import { readLibraryFile } from '../../cms/src/referential/read-library';
import { readWorkbook } from '../../cms/src/referential/read-workbook';
import { writeWorkbook } from '../../cms/src/referential/write-workbook';
import { expectContract } from '../helpers/contract';
import { adminLogin, DEMO_PASSWORD, http, startStrapi, stopStrapi } from '../helpers/strapi';

let app: Core.Strapi;
const tokens: Record<'admin' | 'editor' | 'outsider', string> = { admin: '', editor: '', outsider: '' };
const BASE = '/charte-admin/referentials';
const sample = fs.readFileSync(SAMPLE_WORKBOOK);

beforeAll(async () => {
  app = await startStrapi();
  // An admin whose role (Strapi's default « Editor ») was not given the import permission.
  const role = await app.db.query('admin::role').findOne({ where: { code: 'strapi-editor' } });
  await app.service('admin::user').create({
    email: 'sans-droit@demo.local',
    firstname: 'Sans',
    lastname: 'Droit',
    password: DEMO_PASSWORD,
    isActive: true,
    registrationToken: null,
    roles: [role.id],
  });
  tokens.admin = await adminLogin(app, 'admin@demo.local');
  tokens.editor = await adminLogin(app, 'referentiel@demo.local');
  tokens.outsider = await adminLogin(app, 'sans-droit@demo.local');
});
afterAll(() => stopStrapi(app));

const auth = (who: keyof typeof tokens) => ({ Authorization: `Bearer ${tokens[who]}` });
const binary = (res: any, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};
const download = (url: string, who: keyof typeof tokens = 'editor') => http(app).get(url).set(auth(who)).buffer(true).parse(binary);
const upload = (url: string, body: Buffer, name: string, who: keyof typeof tokens = 'editor') => http(app).post(url).set(auth(who)).attach('file', body, name);

const counts = async () => ({
  referentials: await app.db.query('api::referential.referential').count(),
  themes: await app.db.query('api::theme.theme').count(),
  criteria: await app.db.query('api::criterion.criterion').count(),
  indicators: await app.db.query('api::indicator.indicator').count(),
});
const statuses = (preview: { rows: { status: string }[] }) =>
  preview.rows.reduce<Record<string, number>>((all, row) => ({ ...all, [row.status]: (all[row.status] ?? 0) + 1 }), {});

/** The sample workbook with one cell changed. */
async function sampleWith(sheet: string, cell: string, value: string | number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(sample as unknown as ArrayBuffer);
  workbook.getWorksheet(sheet)!.getCell(cell).value = value;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('access', () => {
  it('needs an admin session (401) with the import permission (403)', async () => {
    expect((await http(app).get(BASE)).status).toBe(401);
    expect((await http(app).get(BASE).set(auth('outsider'))).status).toBe(403);
    expect((await upload(`${BASE}/import/preview`, sample, 'exemple.xlsx', 'outsider')).status).toBe(403);
    expect((await http(app).get(BASE).set(auth('admin'))).status).toBe(200);
    expect((await http(app).get(BASE).set(auth('editor'))).status).toBe(200);
  });
});

describe('list, template and export', () => {
  it('lists the référentiels with their counts', async () => {
    const res = await http(app).get(BASE).set(auth('editor'));
    expect(res.status).toBe(200);
    expectContract(z.array(referentialSummarySchema), res.body.data);
    const qualivilles = res.body.data.find((r: { code: string }) => r.code === 'qualivilles-ville');
    expect(qualivilles).toMatchObject({ name: expect.any(String), version: '2024', source: 'qualivilles', themes: 4, criteria: 28, indicators: 7 });
    expect(qualivilles.documentId).toEqual(expect.any(String));
    expect(res.body.data.find((r: { code: string }) => r.code === 'marianne-2016')).toMatchObject({ themes: 5, criteria: 12 });
  });

  it('downloads the template as .xlsx (with the town’s services) and .csv, both readable again', async () => {
    const xlsx = await download(`${BASE}/template?format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    expect(xlsx.headers['content-disposition']).toMatch(/^attachment; filename="modele-referentiel\.xlsx"/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Mode d’emploi', 'Référentiel', 'Thèmes', 'Engagements', 'Indicateurs']);
    const guide: string[] = [];
    workbook.getWorksheet('Mode d’emploi')!.eachRow((row) => guide.push(String(row.getCell(1).value)));
    expect(guide).toEqual(expect.arrayContaining(['accueil-etat-civil', 'scolaire-periscolaire', 'petite-enfance', 'cabinet-du-maire']));
    expect(await readWorkbook(xlsx.body, 'modele-referentiel.xlsx')).toEqual([]);

    const csv = await download(`${BASE}/template?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/filename="modele-referentiel\.csv"/);
    expect(csv.body.toString('utf8')).toMatch(/^\uFEFFType;Code;Intitulé;/);
    expect(await readWorkbook(csv.body, 'modele-referentiel.csv')).toEqual([]);

    expect((await http(app).get(`${BASE}/template?format=ods`).set(auth('editor'))).status).toBe(400);
  });

  it('answers 404 for an unknown référentiel', async () => {
    const res = await http(app).get(`${BASE}/inconnu123/export?format=xlsx`).set(auth('editor'));
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/n’existe pas/);
  });
});

describe('round trip of the demo Qualivilles référentiel', () => {
  const shipped = referentialLibrarySchema.parse(readLibraryFile(path.join(repoRoot, 'database', 'referentiels', 'qualivilles-ville.yaml')));

  it.each(['xlsx', 'csv'] as const)('exports to %s what the database holds, and re-importing it changes nothing', async (format) => {
    const list = await http(app).get(BASE).set(auth('editor'));
    const { documentId } = list.body.data.find((r: { code: string }) => r.code === 'qualivilles-ville');
    const res = await download(`${BASE}/${documentId}/export?format=${format}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(new RegExp(`filename="referentiel-qualivilles-ville\\.${format}"`));

    // The exported content is the database content (which the demo seed loaded from the shipped library).
    const { library } = checkRows(await readWorkbook(res.body, `export.${format}`));
    expect(referentialLibrarySchema.parse(library)).toEqual(shipped);
    const inDb = await app.db.query('api::criterion.criterion').findMany({
      where: { theme: { referential: { documentId } } },
      select: ['code', 'title', 'weight', 'expectedEvidence'],
      populate: { theme: { select: ['code'] } },
    });
    const exported = library.themes.flatMap((t) => t.criteria.map((c) => ({ code: c.code, title: c.title, weight: c.weight, evidence: c.expectedEvidence.join('\n'), theme: t.code })));
    expect(exported).toEqual(
      expect.arrayContaining(inDb.map((c: any) => ({ code: c.code, title: c.title, weight: Number(c.weight), evidence: c.expectedEvidence, theme: c.theme.code }))),
    );
    expect(exported).toHaveLength(inDb.length);

    const before = await counts();
    const preview = await upload(`${BASE}/import/preview`, res.body, `referentiel-qualivilles-ville.${format}`);
    expect(preview.status).toBe(200);
    expect(preview.body.data.counts).toEqual({ added: 0, updated: 0, unchanged: 1 + 4 + 28 + 7, errors: 0 });
    expect(preview.body.data.referential).toEqual({ code: 'qualivilles-ville', name: shipped.referential.name, exists: true, status: 'unchanged' });

    const applied = await upload(`${BASE}/import`, res.body, `referentiel-qualivilles-ville.${format}`);
    expect(applied.status).toBe(200);
    expect(applied.body.data.report.counts).toEqual({
      themes: { added: 0, updated: 0, unchanged: 4 },
      criteria: { added: 0, updated: 0, unchanged: 28 },
      indicators: { added: 0, updated: 0, unchanged: 7 },
    });
    expect(await counts()).toEqual(before);
  });
});

describe('import of the sample workbook', () => {
  it('previews it without writing: every row added, nothing else', async () => {
    const before = await counts();
    const res = await upload(`${BASE}/import/preview`, sample, 'exemple-services-publics-plus.xlsx');
    expect(res.status).toBe(200);
    expectContract(previewSchema, res.body.data);
    const preview = res.body.data;
    expect(preview).toMatchObject({
      fileName: 'exemple-services-publics-plus.xlsx',
      referential: { code: 'services-publics-plus', exists: false, status: 'added' },
      counts: { added: 1 + 3 + 9 + 4, updated: 0, unchanged: 0, errors: 0 },
      canApply: true,
    });
    expect(preview.rows[0]).toMatchObject({ sheet: 'Référentiel', row: 2, kind: 'referential', code: 'services-publics-plus', status: 'added', errors: [] });
    expect(preview.rows.find((r: { code: string }) => r.code === 'SPP-09')).toMatchObject({ sheet: 'Engagements', row: 10, kind: 'criterion', title: 'Des services éco-responsables' });
    expect(await counts()).toEqual(before);
  });

  it('refuses a file with one bad row and writes nothing, saying where in French', async () => {
    const before = await counts();
    const bad = await sampleWith('Engagements', 'G7', 'beaucoup'); // SPP-06, Poids
    const res = await upload(`${BASE}/import`, bad, 'exemple.xlsx');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Rien n’a été enregistré : 1 ligne du fichier est en erreur. Corrigez-les dans le fichier puis importez-le à nouveau.');
    expectContract(previewSchema, res.body.error.details.preview);
    const preview = res.body.error.details.preview;
    expect(preview.canApply).toBe(false);
    expect(preview.rows.filter((r: { status: string }) => r.status === 'error')).toEqual([
      expect.objectContaining({ sheet: 'Engagements', row: 7, code: 'SPP-06', errors: ['Engagements, ligne 7, colonne Poids : nombre attendu (par exemple 1 ou 0,5)'] }),
    ]);
    // The other rows still say what they would do.
    expect(statuses(preview)).toEqual({ added: 16, error: 1 });
    expect(await counts()).toEqual(before);

    const unknownService = await upload(`${BASE}/import`, await sampleWith('Engagements', 'H3', 'accueil-etat-civil, piscine'), 'exemple.xlsx');
    expect(unknownService.status).toBe(400);
    expect(unknownService.body.error.details.preview.rows.find((r: { code: string }) => r.code === 'SPP-02').errors).toEqual([
      'Engagements, ligne 3, colonne Services concernés : le service « piscine » n’existe pas (services connus : voir le mode d’emploi).',
    ]);
    expect(await counts()).toEqual(before);
  });

  it('applies it in one go, then a second import finds everything unchanged', async () => {
    const before = await counts();
    const res = await upload(`${BASE}/import`, sample, 'exemple-services-publics-plus.xlsx');
    expect(res.status).toBe(200);
    expectContract(importResultSchema, res.body.data);
    expect(res.body.data.report).toMatchObject({
      referential: { code: 'services-publics-plus', created: true },
      counts: { themes: { added: 3 }, criteria: { added: 9 }, indicators: { added: 4 } },
    });
    expect(res.body.data.preview.counts.added).toBe(17);
    expect(await counts()).toEqual({ referentials: before.referentials + 1, themes: before.themes + 3, criteria: before.criteria + 9, indicators: before.indicators + 4 });

    const criterion = await app.db.query('api::criterion.criterion').findOne({
      where: { code: 'SPP-02', theme: { referential: { code: 'services-publics-plus' } } },
      populate: { applicableServices: { select: ['slug'] }, theme: { select: ['code'] } },
    });
    expect(criterion.theme.code).toBe('SPP-A');
    expect(criterion.applicableServices.map((s: { slug: string }) => s.slug).sort()).toEqual(['accueil-etat-civil', 'petite-enfance', 'scolaire-periscolaire']);
    const eco = await app.db.query('api::criterion.criterion').findOne({ where: { code: 'SPP-09' } });
    expect(Number(eco.weight)).toBe(0.5);

    const again = await upload(`${BASE}/import/preview`, sample, 'exemple-services-publics-plus.xlsx');
    expect(again.body.data.counts).toEqual({ added: 0, updated: 0, unchanged: 17, errors: 0 });

    // A changed title is an update of that row only, named by its column.
    const renamed = await upload(`${BASE}/import/preview`, await sampleWith('Engagements', 'C2', 'Un accueil toujours courtois'), 'exemple.xlsx');
    expect(statuses(renamed.body.data)).toEqual({ unchanged: 16, updated: 1 });
    expect(renamed.body.data.rows.find((r: { status: string }) => r.status === 'updated')).toMatchObject({ code: 'SPP-01', changes: ['Intitulé'] });
  });

  it('serialises two imports of the same new référentiel sent at once: one creates, the other finds it unchanged', async () => {
    const twin = await sampleWith('Référentiel', 'A2', 'services-publics-plus-bis');
    const before = await counts();
    const results = await Promise.all([upload(`${BASE}/import`, twin, 'a.xlsx'), upload(`${BASE}/import`, twin, 'b.xlsx')]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(results.map((r) => r.body.data.report.referential.created).sort()).toEqual([false, true]);
    expect(await counts()).toEqual({ referentials: before.referentials + 1, themes: before.themes + 3, criteria: before.criteria + 9, indicators: before.indicators + 4 });
  });

  it('reads the sample written in CSV too', async () => {
    const res = await upload(`${BASE}/import/preview`, await writeWorkbook(sampleLibrary, 'csv'), 'exemple.csv');
    expect(res.status).toBe(200);
    expect(res.body.data.counts.errors).toBe(0);
    expect(res.body.data.rows[0].sheet).toBe('Fichier CSV');
  });
});

describe('files that cannot be read', () => {
  it.each([
    ['a corrupted workbook', Buffer.from('PK\u0003\u0004 ceci n’est pas un zip'), 'casse.xlsx', /pas un classeur Excel valide/],
    ['an unknown extension', sample, 'referentiel.ods', /ni un fichier CSV/],
    ['a file over 5 MB', Buffer.alloc(5 * 1024 * 1024 + 10, 'a'), 'gros.csv', /taille maximale de 5 Mo/],
    ['more than 5,000 rows', Buffer.from(['Type;Code;Intitulé', ...Array.from({ length: 5001 }, (_, i) => `thème;T${i};Thème`)].join('\n')), 'long.csv', /au plus 5000 lignes/],
  ])('answers 400 for %s, on preview and on import, writing nothing', async (_label, body, name, message) => {
    const before = await counts();
    for (const url of [`${BASE}/import/preview`, `${BASE}/import`]) {
      const res = await upload(url, body, name);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
    expect(await counts()).toEqual(before);
  });

  it('answers 400 without a file', async () => {
    const res = await http(app).post(`${BASE}/import/preview`).set(auth('editor')).field('autre', 'x');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Joignez un seul fichier/);
  });
});
