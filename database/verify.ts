import path from 'node:path';
import { configuredDatabaseUrl, defaultBackupDir, latestArchive, verifyBackup } from '../cms/src/platform/backups';
import { ensureConfiguredDatabase, reportFailure } from './backup';

/**
 * `npm run db:verify [-- <archive>]`: restores the latest archive (or the one named) into a
 * scratch database on the configured server, compares every table with what the backup dumped
 * (row counts and checksums of the manifest), drops the scratch database and prints the report
 * (cms/src/platform/backups/verify-backup.ts). Exit code 0 when identical, 1 when the archive
 * differs or is damaged, 2 when the check could not run (tools, rights, server).
 */
async function main(): Promise<number> {
  const named = process.argv.slice(2).find((a) => !a.startsWith('--'));
  const embedded = await ensureConfiguredDatabase();
  try {
    const archive = named ? path.resolve(named) : latestArchive(defaultBackupDir());
    const result = await verifyBackup({ archive, databaseUrl: configuredDatabaseUrl(), log: (line) => console.log(line) });
    (result.identical ? console.log : console.error)(result.report);
    return result.identical ? 0 : 1;
  } finally {
    await embedded?.stop();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      reportFailure(error, 'Vérification impossible');
      process.exit(2);
    },
  );
}
