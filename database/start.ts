import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sourceFingerprint } from './build-stamp';
import { cmsDir, ensureDatabase, loadSecrets, repoRoot } from './environment';

/**
 * `npm start`: everything up on one URL. Secrets on first run, a database (embedded unless one is
 * configured), a build when sources changed, then Strapi — which loads the demo town into an empty
 * database outside production.
 */
async function main() {
  loadSecrets();
  const db = await ensureDatabase();

  const stampFile = path.join(cmsDir, 'dist', '.source-stamp');
  const fingerprint = sourceFingerprint([
    path.join(cmsDir, 'src'),
    path.join(cmsDir, 'config'),
    path.join(cmsDir, 'package.json'),
    path.join(repoRoot, 'admin-extensions', 'dist'),
  ]);
  const built = fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === fingerprint;
  if (!built) {
    console.log('Construction de l’application (environ une minute la première fois)…');
    const result = spawnSync('npx', ['strapi', 'build'], { cwd: cmsDir, stdio: 'inherit', env: process.env });
    if (result.status !== 0) {
      await db?.stop();
      console.error('La construction a échoué : voir les messages ci-dessus.');
      process.exit(1);
    }
    fs.writeFileSync(stampFile, fingerprint);
  }

  const { createStrapi } = await import('@strapi/strapi');
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
  console.error(error);
  process.exit(1);
});
