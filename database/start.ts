import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createStrapi } from '@strapi/strapi';
import { sourceFingerprint } from './build-stamp';
import { cmsDir, ensureDatabase, loadSecrets, repoRoot } from './environment';

/** Runs `command` when the fingerprint of `sources` differs from the one stored in `outDir`. */
function buildIfChanged(what: string, outDir: string, sources: string[], [command, args]: [string, string[]], cwd = repoRoot) {
  const stampFile = path.join(outDir, '.source-stamp');
  const fingerprint = sourceFingerprint(sources);
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === fingerprint) return;
  console.log(`Construction de ${what} (une à deux minutes la première fois)…`);
  // Always an optimised build: a development bundle of React is three times larger and slower.
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (result.status !== 0) {
    console.error(`La construction de ${what} a échoué : voir les messages ci-dessus.`);
    process.exit(1);
  }
  fs.writeFileSync(stampFile, fingerprint);
}

/**
 * `npm start`: everything up on one URL. Secrets on first run, a database (embedded unless one is
 * configured), a build when sources changed, then Strapi — which loads the demo town into an empty
 * database outside production.
 */
async function main() {
  loadSecrets();
  const db = await ensureDatabase();

  const front = (...parts: string[]) => path.join(repoRoot, 'front', ...parts);
  buildIfChanged('l’interface web', front('dist'), [front('src'), front('index.html'), front('vite.config.ts'), front('package.json')], [
    'npm',
    ['run', 'build', '--workspace', 'front'],
  ]);
  const extensions = (...parts: string[]) => path.join(repoRoot, 'admin-extensions', ...parts);
  fs.mkdirSync(extensions('dist'), { recursive: true });
  buildIfChanged('des extensions de l’administration', extensions('dist'), [extensions('server', 'src'), extensions('tsconfig.json')], [
    'npm',
    ['run', 'build', '--workspace', 'admin-extensions'],
  ]);
  const cms = (...parts: string[]) => path.join(cmsDir, ...parts);
  // The panel's plugin code (admin-extensions/admin/src) is bundled by `strapi build` with the admin.
  buildIfChanged('l’application et du panneau d’administration', cms('dist'), [cms('src'), cms('config'), cms('package.json'), extensions('dist'), extensions('admin', 'src'), extensions('package.json')], [
    'npx',
    ['strapi', 'build'],
  ], cmsDir);

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
