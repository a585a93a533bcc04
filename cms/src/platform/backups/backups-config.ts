import path from 'node:path';
import { z } from 'zod';
import { readConfigFile, repositoryRoot } from '../config/read-config';

/**
 * config/backups.yaml: where archives go and how many are kept. When backups run is a scheduled
 * job like the others (`database-backup` in config/schedules.yaml): one file for every cron.
 */
const SCHEDULE_KEYS = ['cron', 'schedule', 'enabled', 'timezone'];

const count = (what: string, min: number) =>
  z
    .number({ required_error: `nombre de ${what} à garder attendu`, invalid_type_error: 'nombre entier attendu' })
    .int('nombre entier attendu')
    .min(min, min === 1 ? 'au moins 1 : la sauvegarde du jour est toujours gardée' : 'nombre positif ou nul attendu');

const FOLDER = 'dossier des archives attendu (ex. « backups »)';
const RETENTION = 'rétention attendue (daily, weekly, monthly)';
const FILE = 'fichier vide ou mal formé : folder et retention attendus';

const backupsSchema = z
  .object(
    {
      folder: z.string({ required_error: FOLDER, invalid_type_error: FOLDER }).min(1, FOLDER),
      retention: z
        .object({ daily: count('jours', 1), weekly: count('semaines', 0), monthly: count('mois', 0) }, { required_error: RETENTION, invalid_type_error: RETENTION })
        .strict('clé inconnue (attendues : daily, weekly, monthly)'),
    },
    { required_error: FILE, invalid_type_error: FILE },
  )
  .passthrough()
  .superRefine((value, ctx) => {
    for (const key of Object.keys(value)) {
      if (key === 'folder' || key === 'retention') continue;
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [key],
        message: SCHEDULE_KEYS.includes(key)
          ? 'la planification des sauvegardes est dans config/schedules.yaml (travail « database-backup » : cron, enabled), avec les autres tâches'
          : 'clé inconnue (attendues : folder, retention)',
      });
    }
  });

export type BackupsConfig = { folder: string; retention: { daily: number; weekly: number; monthly: number } };
export type Retention = BackupsConfig['retention'];

/** config/backups.yaml, read and checked (not cached: the CLI and the nightly job read it when they run). */
export function backupsConfig(): BackupsConfig {
  const { folder, retention } = readConfigFile('backups.yaml', backupsSchema) as BackupsConfig;
  return { folder, retention };
}

/** The archives' folder: CHARTE_BACKUP_DIR, else `folder` of config/backups.yaml, relative to the repository. */
export function defaultBackupDir(): string {
  return path.resolve(repositoryRoot(), process.env.CHARTE_BACKUP_DIR ?? backupsConfig().folder);
}

/** The uploaded files saved with the database: CHARTE_UPLOADS_DIR, else the cms's public/uploads. */
export function defaultUploadsDir(): string {
  return process.env.CHARTE_UPLOADS_DIR ?? path.join(repositoryRoot(), 'cms', 'public', 'uploads');
}
