import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { formatDateTime } from '../calendar/clock';
import { checkArchive, extract, type Manifest } from './archive';
import { tableTotals } from './create-backup';
import { databaseName, withDatabase } from './database-url';
import { BackupError } from './pg-tools';
import { pgRestoreFor, restoreDump } from './restore-backup';
import { checksumDifferences, serverVersion, tableChecksums, withClient } from './table-checksums';

export interface VerifyReport {
  archive: string;
  /** Null when the archive could not even be read (its manifest, or a checksum of a file). */
  manifest: Manifest | null;
  /** The restored copy holds exactly what was dumped (and every file matches its checksum). */
  identical: boolean;
  tables: number;
  rows: number;
  /** What differs, one French line each. */
  differences: string[];
  /** The report to print, in French. */
  report: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;

/**
 * `npm run db:verify`: the proof that an archive restores to what was dumped. Its files are
 * checked against the manifest, its dump restored into a scratch database on the same server,
 * and every table's row count and checksum recomputed there and compared with those the backup
 * took in the dump's own snapshot (not with the live database, which has changed since). The
 * scratch database is dropped whatever happens. Problems of the archive are in the report;
 * problems of the environment (no pg_restore, no right to create a database) are thrown.
 */
export async function verifyBackup(options: { archive: string; databaseUrl: string; log?: (line: string) => void }): Promise<VerifyReport> {
  const log = options.log ?? (() => undefined);
  const name = path.basename(options.archive);
  const title = (manifest: Manifest | null) => (manifest ? `Sauvegarde du ${formatDateTime(manifest.createdAt)} (${name})` : `Sauvegarde ${name}`);
  const failed = (manifest: Manifest | null, differences: string[], totals = { tables: 0, rows: 0 }, headline = ''): VerifyReport => ({
    archive: options.archive,
    manifest,
    identical: false,
    ...totals,
    differences,
    report: `${title(manifest)} NON conforme :${headline ? ` ${headline} :` : ''}\n${differences.map((d) => `- ${d}`).join('\n')}`,
  });

  log(`Vérification des sommes de contrôle de ${name}…`);
  const dir = await extract(options.archive);
  try {
    let manifest: Manifest;
    try {
      manifest = await checkArchive(dir);
    } catch (error) {
      if (error instanceof BackupError) return failed(null, [error.message]);
      throw error;
    }
    const expected = manifest.database.tables;

    const scratch = await createScratchDatabase(options.databaseUrl);
    try {
      log(`Restauration dans la base temporaire « ${databaseName(scratch)} »…`);
      const pgRestore = await pgRestoreFor(manifest, scratch);
      try {
        await restoreDump(pgRestore, dir, manifest, scratch);
      } catch (error) {
        if (error instanceof BackupError) return failed(manifest, [`la copie de la base ne se restaure pas : ${error.message}`]);
        throw error;
      }
      log('Comparaison de chaque table avec la sauvegarde…');
      const found = await withClient(scratch, async (client) => {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        try {
          return await tableChecksums(client);
        } finally {
          await client.query('COMMIT').catch(() => undefined);
        }
      });
      if (!expected) {
        const restored = tableTotals(found);
        return failed(manifest, [
          `archive au format « ${manifest.format} », sans empreinte des tables : elle se restaure (${plural(restored.tables, 'table')}, ${plural(restored.rows, 'ligne')}) mais ne peut être comparée à ce qui a été sauvegardé. Faites une nouvelle sauvegarde (npm run db:backup).`,
        ], restored);
      }
      const totals = tableTotals(expected);
      const differences = checksumDifferences(expected, found);
      if (differences.length) {
        return failed(manifest, differences, totals, `${plural(differences.length, 'table diffère', 'tables diffèrent')} de ce qui a été sauvegardé (sur ${plural(totals.tables, 'table')})`);
      }
      const files = manifest.uploads.length ? ` ; ${plural(manifest.uploads.length, 'fichier déposé intact', 'fichiers déposés intacts')}` : '';
      return {
        archive: options.archive,
        manifest,
        identical: true,
        ...totals,
        differences: [],
        report: `${title(manifest)} vérifiée : ${plural(totals.tables, 'table')}, ${plural(totals.rows, 'ligne')}, identiques${files}.`,
      };
    } finally {
      await dropDatabase(options.databaseUrl, databaseName(scratch));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** An empty database beside the configured one, with its encoding and locale (from template0: nothing in it). */
async function createScratchDatabase(databaseUrl: string): Promise<string> {
  const live = databaseName(databaseUrl);
  const name = `${live.slice(0, 40)}_verif_${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}`;
  await withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ encoding: string; collate: string; ctype: string }>(
      'SELECT pg_encoding_to_char(encoding) AS encoding, datcollate AS collate, datctype AS ctype FROM pg_database WHERE datname = current_database()',
    );
    const { encoding, collate, ctype } = rows[0];
    try {
      await client.query(
        `CREATE DATABASE ${client.escapeIdentifier(name)} TEMPLATE template0 ENCODING ${client.escapeLiteral(encoding)} LC_COLLATE ${client.escapeLiteral(collate)} LC_CTYPE ${client.escapeLiteral(ctype)}`,
      );
    } catch (error) {
      throw new BackupError(`création de la base temporaire « ${name} » impossible (il faut le droit CREATEDB sur le serveur de « ${live} ») : ${(error as Error).message}`);
    }
  });
  return withDatabase(databaseUrl, name);
}

async function dropDatabase(databaseUrl: string, name: string): Promise<void> {
  await withClient(databaseUrl, async (client) => {
    const { major } = await serverVersion(client);
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)}${major >= 13 ? ' WITH (FORCE)' : ''}`);
  });
}
