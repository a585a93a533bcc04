import path from 'node:path';
import { configuredDatabaseUrl, defaultBackupDir, defaultUploadsDir, latestArchive, restoreBackup } from '../cms/src/platform/backups';
import { ensureConfiguredDatabase, reportFailure } from './backup';

/**
 * `npm run db:restore [-- <archive>] [--force]`: puts an archive of `npm run db:backup` back, the
 * database and the uploaded files (cms/src/platform/backups/restore-backup.ts). Refuses a
 * non-empty database or uploads folder without --force. Stop the application first.
 */
export { restoreBackup } from '../cms/src/platform/backups';

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
    reportFailure(error, 'Restauration impossible');
    process.exit(1);
  });
}
