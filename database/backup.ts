import fs from 'node:fs';
import path from 'node:path';
import {
  applyRetention,
  BackupError,
  backupsConfig,
  configuredDatabaseUrl,
  createBackup,
  defaultBackupDir,
  defaultUploadsDir,
  humanSize,
  tableTotals,
} from '../cms/src/platform/backups';
import { EmbeddedPostgresError } from './embedded-data-folder';

/**
 * `npm run db:backup`: one archive (backups/charte-<date>.tar.gz) of the configured database and
 * the uploaded files, then the retention of config/backups.yaml. The code is the cms's
 * (cms/src/platform/backups/), shared with its nightly job `database-backup`; this is its command line.
 */
export { applyRetention, createBackup, expiredArchives } from '../cms/src/platform/backups';

/** The embedded server's package is an ES module: loaded only when the script runs, not by its tests. */
export async function ensureConfiguredDatabase() {
  const { ensureDatabase } = await import('./environment');
  return ensureDatabase({ quiet: true });
}

/** How the database commands report a failure: a problem the user can act on by its French message alone. */
export function reportFailure(error: unknown, prefix: string): void {
  if (error instanceof BackupError) console.error(`${prefix} : ${error.message}`);
  else if (error instanceof EmbeddedPostgresError) console.error(error.message);
  else console.error(error);
}

async function main() {
  const embedded = await ensureConfiguredDatabase();
  try {
    const backupDir = defaultBackupDir();
    const { archive, manifest } = await createBackup({
      databaseUrl: configuredDatabaseUrl(),
      uploadsDir: defaultUploadsDir(),
      backupDir,
      log: (line) => console.log(line),
    });
    const totals = tableTotals(manifest.database.tables ?? {});
    console.log(
      `Sauvegarde terminée : ${path.relative(process.cwd(), archive)} (${humanSize(fs.statSync(archive).size)}, ${totals.tables} tables, ` +
        `${totals.rows.toLocaleString('fr-FR')} lignes, ${manifest.uploads.length} fichier(s) déposé(s)).`,
    );
    const { retention } = backupsConfig();
    const removed = applyRetention(backupDir, retention, (line) => console.log(line));
    console.log(`Rétention : ${retention.daily} jours, ${retention.weekly} semaines, ${retention.monthly} mois (${removed.length} archive(s) supprimée(s)).`);
  } finally {
    await embedded?.stop();
  }
}

if (require.main === module) {
  main().catch((error) => {
    reportFailure(error, 'Sauvegarde impossible');
    process.exit(1);
  });
}
