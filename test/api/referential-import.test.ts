import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import YAML from 'yaml';
import { repoRoot } from '../../database/paths';
import { startStrapi, stopStrapi } from '../helpers/strapi';

let app: Core.Strapi;
let importReferential: (strapi: Core.Strapi, library: unknown) => Promise<{ counts: Record<string, Record<string, number>> }>;
let readLibraryFile: (file: string) => unknown;
const library = path.join(repoRoot, 'database', 'referentiels', 'qualivilles-ville.yaml');

beforeAll(async () => {
  app = await startStrapi();
  // The compiled importer, the same one the CLI and the demo seed use.
  ({ importReferential } = require(path.join(repoRoot, 'cms', 'dist', 'src', 'referential', 'import')));
  ({ readLibraryFile } = require(path.join(repoRoot, 'cms', 'dist', 'src', 'referential', 'read-library')));
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
});
