import path from 'node:path';
import { createStrapi } from '@strapi/strapi';
import { buildWhatChanged } from './build';
import { cmsDir, ensureDatabase, loadSecrets } from './environment';
import { EmbeddedPostgresError } from './embedded-data-folder';
import { seedDemoTown } from './seed/seed-demo';

/**
 * `npm start`: everything up on one URL. Secrets on first run, a database (embedded unless one is
 * configured), a build when sources changed, Strapi, and the demo town loaded into an empty database
 * outside production (as `npm run seed` does) before the server listens.
 */
async function main() {
  loadSecrets();
  const db = await ensureDatabase();

  buildWhatChanged();

  const app = createStrapi({ appDir: cmsDir, distDir: path.join(cmsDir, 'dist') });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.destroy().catch(() => undefined);
    await db?.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await app.load();
  await seedDemoTown(app);
  await app.start();

  const url = `http://localhost:${process.env.PORT ?? 1337}`;
  console.log(
    [
      '',
      `  Charte d’accueil est prête : ${url}`,
      `  Administration : ${url}/admin   (admin@demo.local — mot de passe Charte-Accueil-2026)`,
      `  API : ${url}/api`,
      '  Arrêt : Ctrl+C',
      '',
    ].join('\n'),
  );
}

main().catch((error) => {
  // A problem the user can act on (the embedded server's data folder) is said in French, without a stack.
  console.error(error instanceof EmbeddedPostgresError ? error.message : error);
  process.exit(1);
});
