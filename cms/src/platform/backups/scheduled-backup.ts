import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { registerScheduledJob } from '../jobs/scheduled-jobs';
import { backupsConfig, defaultBackupDir, defaultUploadsDir } from './backups-config';
import { createBackup, tableTotals } from './create-backup';
import { humanSize, applyRetention } from './retention';

interface ConnectionConfig {
  connectionString?: string;
  host?: string;
  port?: number;
  database?: string;
  user?: string;
  password?: string;
  ssl?: unknown;
}

/** The database this cms runs on, as a URL for pg_dump (cms/config/database.ts: DATABASE_URL or DATABASE_*). */
export function cmsDatabaseUrl(strapi: Core.Strapi): string {
  const connection = strapi.config.get('database.connection.connection') as ConnectionConfig;
  if (connection.connectionString) return connection.connectionString;
  const url = new URL('postgres://localhost');
  url.hostname = connection.host ?? '127.0.0.1';
  url.port = String(connection.port ?? 5432);
  url.username = connection.user ?? 'postgres';
  url.password = connection.password ?? '';
  url.pathname = `/${encodeURIComponent(connection.database ?? 'charte_accueil')}`;
  if (connection.ssl) url.searchParams.set('sslmode', 'require');
  return url.toString();
}

/**
 * `database-backup` (config/schedules.yaml): the backup of `npm run db:backup` — same archive,
 * same pg_dump resolution, same folder and retention (config/backups.yaml) — from the cms, once
 * per tick across instances (pg-boss). The archive is written on the instance that runs the tick.
 */
registerScheduledJob('database-backup', async (strapi, now) => {
  const backupDir = defaultBackupDir();
  const { archive, manifest } = await createBackup({
    databaseUrl: cmsDatabaseUrl(strapi),
    uploadsDir: defaultUploadsDir(),
    backupDir,
    now,
    log: (line) => strapi.log.debug(line),
  });
  const { retention } = backupsConfig();
  const removed = applyRetention(backupDir, retention, (line) => strapi.log.info(line));
  const totals = tableTotals(manifest.database.tables ?? {});
  strapi.log.info(
    `Sauvegarde planifiée : ${path.basename(archive)} dans ${backupDir} (${humanSize(fs.statSync(archive).size)}, ${totals.tables} tables, ` +
      `${totals.rows.toLocaleString('fr-FR')} lignes, ${manifest.uploads.length} fichier(s) déposé(s)) ; ${removed.length} ancienne(s) archive(s) supprimée(s) (rétention).`,
  );
});
