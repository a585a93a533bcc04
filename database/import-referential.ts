import path from 'node:path';
import { compileStrapi, createStrapi } from '@strapi/strapi';
import { cmsDir, ensureDatabase, loadSecrets } from './environment';
import { EmbeddedPostgresError } from './embedded-data-folder';

/**
 * `npm run referential:import -- <fichier>`: imports a référentiel library (YAML or JSON) into the
 * configured database. Re-importing the same file updates by code and never duplicates.
 */
async function main() {
  const files = process.argv.slice(2);
  if (!files.length) {
    console.error('Usage : npm run referential:import -- database/referentiels/qualivilles-ville.yaml [autre-fichier…]');
    process.exit(2);
  }
  loadSecrets();
  process.env.LOG_LEVEL ??= 'warn';
  process.env.CHARTE_DEMO ??= 'off'; // an import is not the moment to load the demo town
  const db = await ensureDatabase({ quiet: true });
  const distDir = (await compileStrapi({ appDir: cmsDir })).distDir ?? path.join(cmsDir, 'dist');
  const app = await createStrapi({ appDir: cmsDir, distDir }).load();
  let failed = false;
  try {
    // Loaded from the compiled cms so that the CLI, the seed and the admin share one importer.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { readLibraryFile } = require(path.join(distDir, 'src', 'referential', 'read-library'));
    const { importReferential } = require(path.join(distDir, 'src', 'referential', 'import'));
    /* eslint-enable @typescript-eslint/no-require-imports */
    for (const file of files) {
      try {
        const report = await importReferential(app, readLibraryFile(path.resolve(process.cwd(), file)));
        const line = (label: string, c: { added: number; updated: number; unchanged: number }) =>
          `  ${label.padEnd(12)} ${c.added} ajouté(s), ${c.updated} modifié(s), ${c.unchanged} inchangé(s)`;
        console.log(`${report.referential.name} (${report.referential.created ? 'créé' : 'mis à jour'})`);
        console.log(line('Thèmes', report.counts.themes));
        console.log(line('Engagements', report.counts.criteria));
        console.log(line('Indicateurs', report.counts.indicators));
        for (const warning of report.warnings) console.log(`  Attention : ${warning}`);
      } catch (error) {
        failed = true;
        console.error((error as Error).message);
      }
    }
  } finally {
    await app.destroy();
    await db?.stop();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  // A problem the user can act on (the embedded server's data folder) is said in French, without a stack.
  console.error(error instanceof EmbeddedPostgresError ? error.message : error);
  process.exit(1);
});
