import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import YAML from 'yaml';
import { repoRoot } from '../../database/paths';
import { testDistDir } from '../helpers/compiled-cms';
import { startStrapi, stopStrapi } from '../helpers/strapi';

let app: Core.Strapi;
let importReferential: (strapi: Core.Strapi, library: unknown) => Promise<{ counts: Record<string, Record<string, number>> }>;
let readLibraryFile: (file: string) => unknown;
const library = path.join(repoRoot, 'database', 'referentiels', 'qualivilles-ville.yaml');

beforeAll(async () => {
  app = await startStrapi();
  // The compiled importer, the same one the CLI and the demo seed use.
  /* eslint-disable @typescript-eslint/no-require-imports */
  ({ importReferential } = require(path.join(testDistDir(), 'src', 'referential', 'import')));
  ({ readLibraryFile } = require(path.join(testDistDir(), 'src', 'referential', 'read-library')));
  /* eslint-enable @typescript-eslint/no-require-imports */
});
afterAll(() => stopStrapi(app));

const counts = async () => ({
  referentials: await app.db.query('api::referential.referential').count(),
  themes: await app.db.query('api::theme.theme').count(),
  criteria: await app.db.query('api::criterion.criterion').count(),
  indicators: await app.db.query('api::indicator.indicator').count(),
});

function writeVariant(change: (doc: Record<string, any>) => void): string {
  const doc = YAML.parse(fs.readFileSync(library, 'utf8'));
  change(doc);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'referentiel-')), 'variante.yaml');
  fs.writeFileSync(file, YAML.stringify(doc));
  return file;
}

describe('référentiel importer', () => {
  it('re-imports a library already loaded without changing or duplicating anything', async () => {
    const before = await counts();
    const report = await importReferential(app, readLibraryFile(library));
    expect(report.counts).toEqual({
      themes: { added: 0, updated: 0, unchanged: 4 },
      criteria: { added: 0, updated: 0, unchanged: 28 },
      indicators: { added: 0, updated: 0, unchanged: 7 },
    });
    expect(await counts()).toEqual(before);
  });

  it('updates by code and adds what is new', async () => {
    const before = await counts();
    const file = writeVariant((doc) => {
      doc.themes[0].criteria[0].title = 'Une signalétique claire et à jour';
      doc.themes[3].criteria.push({ ...doc.themes[3].criteria[1], code: 'QV-29', title: 'Un engagement local', indicators: [] });
    });
    const report = await importReferential(app, readLibraryFile(file));
    expect(report.counts.criteria).toEqual({ added: 1, updated: 1, unchanged: 27 });
    expect(await counts()).toEqual({ ...before, criteria: before.criteria + 1 });
    const updated = await app.db.query('api::criterion.criterion').findOne({ where: { code: 'QV-01', theme: { referential: { code: 'qualivilles-ville' } } } });
    expect(updated.title).toBe('Une signalétique claire et à jour');
    // Restore the library as shipped for the other suites.
    await importReferential(app, readLibraryFile(library));
    const added = await app.db.query('api::criterion.criterion').findOne({ where: { code: 'QV-29' } });
    await app.documents('api::criterion.criterion').delete({ documentId: added.documentId });
  });

  it('rejects a bad file with French messages that say where, and writes nothing', async () => {
    const before = await counts();
    const file = writeVariant((doc) => {
      doc.referential.code = 'qualivilles-bis';
      doc.themes[0].criteria[2].weight = 0;
      doc.themes[1].criteria[0].code = 'QV-01';
    });
    expect(() => readLibraryFile(file)).toThrow(/themes › 0 › criteria › 2 › weight : le poids doit être strictement positif/);
    expect(() => readLibraryFile(file)).toThrow(/le code d’engagement « QV-01 » apparaît deux fois/);
    expect(await counts()).toEqual(before);
  });

  it('rolls the whole import back when a write fails half-way', async () => {
    const before = await counts();
    const file = writeVariant((doc) => {
      doc.referential.code = 'referentiel-casse';
    });
    // Past the schema's maxLength, so the write fails after two themes were already written.
    const parsed = readLibraryFile(file) as { themes: { criteria: { title: string }[] }[] };
    parsed.themes[2].criteria[0].title = 'x'.repeat(301);
    await expect(importReferential(app, parsed)).rejects.toThrow();
    expect(await counts()).toEqual(before);
  });
  it('writes added criteria and indicators in bulk exactly as the Document Service would (rows and link rows)', async () => {
    const file = writeVariant((doc) => {
      doc.referential = { ...doc.referential, code: 'bulk-check', name: 'Contrôle de l’écriture groupée' };
      doc.themes = [doc.themes[0]];
      doc.themes[0].criteria = [{ ...doc.themes[0].criteria[0], code: 'BK-01', services: ['accueil-etat-civil', 'scolaire-periscolaire'], indicators: [{ code: 'BK-I1', name: 'Délai moyen', unit: 'jours', target: 7, direction: 'lower', frequency: 'mensuelle' }] }];
    });
    const report = await importReferential(app, readLibraryFile(file));
    expect(report.counts.criteria).toEqual({ added: 1, updated: 0, unchanged: 0 });
    const knex = app.db.connection;
    const bulk = await knex('criteria').where({ code: 'BK-01' }).first();
    const theme = await knex('themes_referential_lnk as l').join('referentials as r', 'r.id', 'l.referential_id').where('r.code', 'bulk-check').first('l.theme_id');
    const themeDoc = await knex('themes').where({ id: theme.theme_id }).first('document_id');
    const services = await knex('services').whereIn('slug', ['accueil-etat-civil', 'scolaire-periscolaire']).orderBy('slug').select('document_id');
    const viaService = (await app.documents('api::criterion.criterion').create({
      data: { ...Object.fromEntries(['title', 'description', 'guidance', 'weight', 'order'].map((k) => [k, bulk[k === 'expectedEvidence' ? 'expected_evidence' : k]])), code: 'BK-02', expectedEvidence: bulk.expected_evidence, theme: themeDoc.document_id, applicableServices: services.map((s: { document_id: string }) => s.document_id) } as never,
    })) as unknown as { id: number };
    const shape = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? 'null' : v instanceof Date ? 'date' : typeof v]));
    const viaRow = await knex('criteria').where({ id: viaService.id }).first();
    expect(shape(bulk)).toEqual(shape(viaRow));
    expect(bulk.published_at).toBeInstanceOf(Date);
    for (const table of ['criteria_theme_lnk', 'criteria_applicable_services_lnk']) {
      const links = async (id: number) => (await knex(table).where({ criterion_id: id }).orderBy('id')).map(({ id: _id, criterion_id: _c, ...rest }: Record<string, unknown>) => rest);
      const [a, b] = [await links(bulk.id), await links(viaService.id)];
      expect(a.map(shape)).toEqual(b.map(shape));
      // Same targets in the same order; each new criterion is appended after the targets' existing ones.
      expect(a.map((r: Record<string, unknown>) => r.service_id ?? r.theme_id)).toEqual(b.map((r: Record<string, unknown>) => r.service_id ?? r.theme_id));
      if ('criterion_ord' in (b[0] ?? {})) for (const [i, r] of b.entries()) expect(Number(r.criterion_ord)).toBeGreaterThan(Number(a[i].criterion_ord));
    }
    const indicator = await app.documents('api::indicator.indicator').findFirst({ filters: { code: 'BK-I1' }, populate: { criterion: { fields: ['code'] } } });
    expect(indicator).toMatchObject({ unit: 'jours', direction: 'lower', criterion: { code: 'BK-01' } });
    // Read back through the Document Service, and a second import finds everything unchanged.
    const again = await importReferential(app, readLibraryFile(file));
    expect(again.counts).toEqual({ themes: { added: 0, updated: 0, unchanged: 1 }, criteria: { added: 0, updated: 0, unchanged: 1 }, indicators: { added: 0, updated: 0, unchanged: 1 } });
  });
});
