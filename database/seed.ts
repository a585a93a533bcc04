import path from 'node:path';
import { createStrapi } from '@strapi/strapi';
import { buildWhatChanged } from './build';
import { cmsDir, ensureDatabase, loadSecrets } from './environment';
import { EmbeddedPostgresError } from './embedded-data-folder';
import { demoAllowed, seedDemoTown } from './seed/seed-demo';

/**
 * `npm run seed`: loads the demo town into the database (DATABASE_URL, or the embedded one of
 * `npm start`) when it is empty, then stops. Never in production, nor with CHARTE_DEMO=off.
 */
async function main() {
  loadSecrets();
  const db = await ensureDatabase();
  if (!demoAllowed()) {
    console.log('Ville de démonstration non chargée : NODE_ENV=production ou CHARTE_DEMO=off.');
    await db?.stop();
    return;
  }
  buildWhatChanged();
  const app = createStrapi({ appDir: cmsDir, distDir: path.join(cmsDir, 'dist') });
  try {
    await app.load();
    const loaded = await seedDemoTown(app);
    console.log(loaded ? 'Ville de démonstration chargée.' : 'La base contient déjà des services : rien n’a été chargé.');
  } finally {
    await app.destroy();
    await db?.stop();
  }
}

main().catch((error) => {
  // A problem the user can act on (the embedded server's data folder) is said in French, without a stack.
  console.error(error instanceof EmbeddedPostgresError ? error.message : error);
  process.exit(1);
});
