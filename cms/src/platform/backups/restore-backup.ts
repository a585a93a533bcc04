import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { checkArchive, extract, majorOf, uploadedFiles, type Manifest } from './archive';
import { databaseName, withDatabase } from './database-url';
import { formatDateTime } from '../calendar/clock';
import { BackupError, findPgTool, runPgTool, type PgTool } from './pg-tools';
import { serverVersion, withClient } from './table-checksums';

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
  const name = databaseName(url);
  await withClient(withDatabase(url, 'postgres'), async (client) => {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!exists.rowCount) {
      log(`Création de la base « ${name} »…`);
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    }
  });
}

/**
 * The pg_restore that can put this archive into `databaseUrl`'s server, found before anything is
 * touched. The server must be at least the dumped one's major version (PostgreSQL does not promise
 * that a newer server's dump loads into an older one), and pg_restore at least as recent as the
 * pg_dump that wrote the archive.
 */
export async function pgRestoreFor(manifest: Manifest, databaseUrl: string): Promise<PgTool> {
  // The target may not exist yet: the server's « postgres » database answers then.
  const server = await withClient(databaseUrl, serverVersion).catch(() => withClient(withDatabase(databaseUrl, 'postgres'), serverVersion));
  const dumpedMajor = majorOf(manifest.database.serverVersion);
  if (dumpedMajor > server.major) {
    throw new BackupError(
      `cette sauvegarde vient d’un serveur PostgreSQL ${dumpedMajor} ; le serveur de la base « ${databaseName(databaseUrl)} » est PostgreSQL ${server.major}, plus ancien : ` +
        `restaurez-la dans un serveur PostgreSQL ${dumpedMajor} ou plus récent (DATABASE_URL).`,
    );
  }
  const writtenBy = majorOf(manifest.database.pgDumpVersion);
  return writtenBy > server.major ? findPgTool('pg_restore', writtenBy, `lire une archive écrite par pg_dump ${writtenBy}`) : findPgTool('pg_restore', server.major);
}

/** pg_restore of the archive's dump into `databaseUrl` (empty), in one transaction. */
export async function restoreDump(pgRestore: PgTool, dir: string, manifest: Manifest, databaseUrl: string): Promise<void> {
  await runPgTool(pgRestore, ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', path.join(dir, manifest.database.dumpFile)], databaseUrl);
}

export interface RestoreOptions {
  archive: string;
  databaseUrl: string;
  uploadsDir: string;
  /** Replace a database or an uploads folder that are not empty. */
  force?: boolean;
  log?: (line: string) => void;
}

/**
 * Puts an archive back, the database and the uploaded files. Refuses a non-empty database or
 * uploads folder without `force`, since restoring replaces everything there. Stop the application first.
 */
export async function restoreBackup(options: RestoreOptions): Promise<Manifest> {
  const log = options.log ?? (() => undefined);
  log(`Vérification de l’archive ${path.basename(options.archive)}…`);
  const dir = await extract(options.archive);
  try {
    const manifest = await checkArchive(dir);
    const pgRestore = await pgRestoreFor(manifest, options.databaseUrl);
    await ensureTargetDatabase(options.databaseUrl, log);

    const schemas = await withClient(options.databaseUrl, userSchemas);
    const tables = schemas.reduce((sum, s) => sum + s.tables, 0);
    const existingUploads = uploadedFiles(options.uploadsDir);
    if (!options.force && (tables > 0 || existingUploads.length > 0)) {
      throw new BackupError(
        `la base « ${databaseName(options.databaseUrl)} » contient déjà ${tables} table(s) et le dossier des fichiers ${existingUploads.length} fichier(s) : ` +
          'la restauration les remplacerait. Relancez avec --force pour confirmer (arrêtez l’application avant).',
      );
    }

    if (tables > 0 || schemas.some((s) => s.name !== 'public')) {
      log('Effacement du contenu actuel de la base…');
      await withClient(options.databaseUrl, async (client) => {
        for (const schema of schemas) await client.query(`DROP SCHEMA ${client.escapeIdentifier(schema.name)} CASCADE`);
        await client.query('CREATE SCHEMA public');
      });
    }
    log(`Restauration de la base « ${databaseName(options.databaseUrl)} » (sauvegarde du ${formatDateTime(manifest.createdAt)})…`);
    await restoreDump(pgRestore, dir, manifest, options.databaseUrl);

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
