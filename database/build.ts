import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sourceFingerprint } from './build-stamp';
import { cmsDir, repoRoot } from './paths';

/** Runs `command` when the fingerprint of `sources` differs from the one stored in `outDir`. */
/** `of` names what is built with its preposition: « du contrat d’API », « de l’interface web ». */
function buildIfChanged(of: string, outDir: string, sources: string[], [command, args]: [string, string[]], cwd = repoRoot) {
  const stampFile = path.join(outDir, '.source-stamp');
  const fingerprint = sourceFingerprint(sources);
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === fingerprint) return;
  console.log(`Construction ${of} (une à deux minutes la première fois)…`);
  // Always an optimised build: a development bundle of React is three times larger and slower.
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (result.status !== 0) {
    console.error(`La construction ${of} a échoué : voir les messages ci-dessus.`);
    process.exit(1);
  }
  fs.writeFileSync(stampFile, fingerprint);
}

/**
 * What `npm start` and `npm run seed` build first: the contract, the front, the admin extensions and
 * the cms, each only when its sources changed since its last build.
 */
export function buildWhatChanged(): void {
  // A built image (Dockerfile) has no build tools left, and nothing to rebuild.
  if (process.env.CHARTE_BUILD === 'off') return;
  const contract = (...parts: string[]) => path.join(repoRoot, 'contract', ...parts);
  fs.mkdirSync(contract('dist'), { recursive: true });
  buildIfChanged('du contrat d’API', contract('dist'), [contract('src'), contract('package.json'), contract('tsconfig.json')], ['npm', ['run', 'build', '--workspace', 'contract']]);
  const front = (...parts: string[]) => path.join(repoRoot, 'front', ...parts);
  buildIfChanged('l’interface web', front('dist'), [front('src'), contract('src'), front('index.html'), front('vite.config.ts'), front('package.json')], [
    'npm',
    ['run', 'build', '--workspace', 'front'],
  ]);
  const extensions = (...parts: string[]) => path.join(repoRoot, 'admin-extensions', ...parts);
  fs.mkdirSync(extensions('dist'), { recursive: true });
  buildIfChanged('des extensions de l’administration', extensions('dist'), [extensions('server', 'src'), extensions('tsconfig.json'), contract('src')], [
    'npm',
    ['run', 'build', '--workspace', 'admin-extensions'],
  ]);
  const cms = (...parts: string[]) => path.join(cmsDir, ...parts);
  // The panel's plugin code (admin-extensions/admin/src) is bundled by `strapi build` with the admin.
  buildIfChanged('l’application et du panneau d’administration', cms('dist'), [cms('src'), cms('config'), cms('package.json'), contract('src'), extensions('dist'), extensions('admin', 'src'), extensions('package.json')], [
    'npx',
    ['strapi', 'build'],
  ], cmsDir);
}
