import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  ARCHIVE_PATTERN,
  BackupError,
  configuredDatabaseUrl,
  databaseName,
  defaultBackupDir,
  defaultUploadsDir,
  ensureConfiguredDatabase,
  listFiles,
  pgTool,
  runPgTool,
  serverMajorVersion,
  sha256,
  type Manifest,
} from './backup';

/**
 * `npm run db:restore [-- <archive>] [--force]`: puts an archive of `npm run db:backup` back, the
 * database and the uploaded files. Refuses a non-empty database or uploads folder without --force,
 * since restoring replaces everything there. Stop the application first.
 */

async function onDatabase<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Schemas holding our data (public, pg-boss's…), not PostgreSQL's own. */
async function userSchemas(client: pg.Client): Promise<{ name: string; tables: number }[]> {
  const { rows } = await client.query<{ name: string; tables: number }>(`
    SELECT n.nspname AS name, count(c.oid)::int AS tables
    FROM pg_namespace n LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relkind IN ('r', 'p')
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg_temp_%' AND n.nspname NOT LIKE 'pg_toast_temp_%'
    GROUP BY n.nspname`);
  return rows;
}

/** Creates the target database when it does not exist yet (connecting to the server's « postgres »). */
async function ensureTargetDatabase(url: string, log: (line: string) => void) {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const name = databaseName(url);
  await onDatabase(admin.toString(), async (client) => {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!exists.rowCount) {
      log(`Création de la base « ${name} »…`);
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    }
  });
}

function extract(archive: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'charte-restauration-'));
  const result = spawnSync('tar', ['-xzf', archive, '-C', dir], { encoding: 'utf8' });
  if (result.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new BackupError(`archive illisible (${path.basename(archive)}) : ${(result.stderr || '').trim()}`);
  }
  return dir;
}

/** Every byte checked against the manifest before anything is replaced. */
async function verify(dir: string): Promise<Manifest> {
  const manifestFile = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new BackupError('archive incomplète : manifest.json absent.');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
  if (manifest.format !== 'charte-backup/1') throw new BackupError(`format d’archive inconnu : ${manifest.format}`);
  if ((await sha256(path.join(dir, manifest.database.dumpFile))) !== manifest.database.sha256) {
    throw new BackupError('archive endommagée : la copie de la base ne correspond pas à sa somme de contrôle.');
  }
  for (const file of manifest.uploads) {
    const full = path.join(dir, 'uploads', file.path);
    if (!fs.existsSync(full) || (await sha256(full)) !== file.sha256) throw new BackupError(`archive endommagée : fichier « ${file.path} » manquant ou modifié.`);
  }
  return manifest;
}

export async function restoreBackup(options: {
  archive: string;
  databaseUrl: string;
  uploadsDir: string;
  force?: boolean;
  log?: (line: string) => void;
}): Promise<Manifest> {
  const log = options.log ?? (() => undefined);
  if (!fs.existsSync(options.archive)) throw new BackupError(`archive introuvable : ${options.archive}`);
  log(`Vérification de l’archive ${path.basename(options.archive)}…`);
  const dir = extract(options.archive);
  try {
    const manifest = await verify(dir);
    await ensureTargetDatabase(options.databaseUrl, log);
    const server = await serverMajorVersion(options.databaseUrl);
    const pgRestore = pgTool('pg_restore', server.major);

    const schemas = await onDatabase(options.databaseUrl, userSchemas);
    const tables = schemas.reduce((sum, s) => sum + s.tables, 0);
    const existingUploads = listFiles(options.uploadsDir).filter((f) => f !== '.gitkeep');
    if (!options.force && (tables > 0 || existingUploads.length > 0)) {
      throw new BackupError(
        `la base « ${databaseName(options.databaseUrl)} » contient déjà ${tables} table(s) et le dossier des fichiers ${existingUploads.length} fichier(s) : ` +
          'la restauration les remplacerait. Relancez avec --force pour confirmer (arrêtez l’application avant).',
      );
    }

    if (tables > 0 || schemas.some((s) => s.name !== 'public')) {
      log('Effacement du contenu actuel de la base…');
      await onDatabase(options.databaseUrl, async (client) => {
        for (const schema of schemas) await client.query(`DROP SCHEMA ${client.escapeIdentifier(schema.name)} CASCADE`);
        await client.query('CREATE SCHEMA public');
      });
    }
    log(`Restauration de la base « ${databaseName(options.databaseUrl)} » (sauvegarde du ${new Date(manifest.createdAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })})…`);
    runPgTool(pgRestore, ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', path.join(dir, manifest.database.dumpFile)], options.databaseUrl);

    log(`Restauration des fichiers déposés (${manifest.uploads.length})…`);
    for (const file of existingUploads) fs.rmSync(path.join(options.uploadsDir, file));
    for (const file of manifest.uploads) {
      const target = path.join(options.uploadsDir, file.path);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(path.join(dir, 'uploads', file.path), target);
    }
    return manifest;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function latestArchive(backupDir: string): string {
  const names = fs.existsSync(backupDir) ? fs.readdirSync(backupDir).filter((n) => ARCHIVE_PATTERN.test(n)).sort() : [];
  if (!names.length) throw new BackupError(`aucune sauvegarde dans ${backupDir} : lancez d’abord « npm run db:backup ».`);
  return path.join(backupDir, names[names.length - 1]);
}

async function main() {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const named = args.find((a) => !a.startsWith('--'));
  const embedded = await ensureConfiguredDatabase();
  try {
    const archive = named ? path.resolve(named) : latestArchive(defaultBackupDir());
    const manifest = await restoreBackup({ archive, databaseUrl: configuredDatabaseUrl(), uploadsDir: defaultUploadsDir(), force, log: (line) => console.log(line) });
    console.log(`Restauration terminée : base « ${manifest.database.name} » du ${manifest.createdAt}, ${manifest.uploads.length} fichier(s). Vous pouvez redémarrer l’application.`);
  } finally {
    await embedded?.stop();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof BackupError ? `Restauration impossible : ${error.message}` : error);
    process.exit(1);
  });
}
