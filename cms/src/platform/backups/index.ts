/**
 * Backups of the database and the uploaded files: what `npm run db:backup`, `db:restore` and
 * `db:verify` (database/*.ts, thin command lines) and the cms's nightly job
 * (`database-backup`, scheduled-backup.ts) share. Infrastructure: it knows no domain.
 */
export { backupsConfig, defaultBackupDir, defaultUploadsDir, type BackupsConfig, type Retention } from './backups-config';
export { configuredDatabaseUrl, databaseName, withDatabase } from './database-url';
export { BackupError, findPgTool, runPgTool, type PgTool } from './pg-tools';
export { checkArchive, extract, listFiles, sha256, MANIFEST_FORMAT, type Manifest } from './archive';
export { createBackup, tableTotals, type BackupOptions } from './create-backup';
export { applyRetention, archiveDate, ARCHIVE_PATTERN, expiredArchives, humanSize, latestArchive } from './retention';
export { restoreBackup, type RestoreOptions } from './restore-backup';
export { verifyBackup, type VerifyReport } from './verify-backup';
export { tableChecksums, checksumDifferences, type TableChecksum, type TableChecksums } from './table-checksums';
