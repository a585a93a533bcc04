import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { z } from 'zod';
import { readConfigFile } from '../cms/src/platform/config/read-config';
import { cmsDir, repoRoot } from './paths';

/**
 * `npm run db:backup`: one archive (backups/charte-<date>.tar.gz) holding a pg_dump of the
 * configured database in custom format, the uploaded files, and a manifest with checksums; then
 * the retention policy of config/backups.yaml. Restore with `npm run db:restore` (restore.ts).
 */

const backupsSchema = z.object({
  folder: z.string().min(1),
  retention: z.object({ daily: z.number().int().min(1), weekly: z.number().int().min(0), monthly: z.number().int().min(0) }),
});
export type BackupsConfig = z.infer<typeof backupsSchema>;
export const backupsConfig = (): BackupsConfig => readConfigFile('backups.yaml', backupsSchema) as BackupsConfig;

export interface Manifest {
  format: 'charte-backup/1';
  createdAt: string;
  appVersion: string;
  database: { name: string; serverVersion: string; dumpFile: 'database.dump'; sha256: string; bytes: number };
  uploads: { path: string; sha256: string; bytes: number }[];
}

export const ARCHIVE_PATTERN = /^charte-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})(?:-\d+)?Z\.tar\.gz$/;

export function defaultBackupDir(): string {
  return path.resolve(repoRoot, process.env.CHARTE_BACKUP_DIR ?? backupsConfig().folder);
}

export function defaultUploadsDir(): string {
  return process.env.CHARTE_UPLOADS_DIR ?? path.join(cmsDir, 'public', 'uploads');
}

/** DATABASE_URL, or one built from the DATABASE_* variables as cms/config/database.ts does. */
export function configuredDatabaseUrl(): string {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const url = new URL('postgres://localhost');
  url.hostname = process.env.DATABASE_HOST ?? '127.0.0.1';
  url.port = process.env.DATABASE_PORT ?? '5432';
  url.username = process.env.DATABASE_USERNAME ?? 'postgres';
  url.password = process.env.DATABASE_PASSWORD ?? '';
  url.pathname = `/${process.env.DATABASE_NAME ?? 'charte_accueil'}`;
  if (process.env.DATABASE_SSL === 'true') url.searchParams.set('sslmode', 'require');
  return url.toString();
}

export const databaseName = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

export class BackupError extends Error {}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new BackupError(`Connexion impossible à la base « ${databaseName(url)} » : ${(error as Error).message}`);
  }
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function serverMajorVersion(url: string): Promise<{ major: number; text: string }> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ num: string; text: string }>("SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS text");
    return { major: Math.floor(Number(rows[0].num) / 10000), text: rows[0].text };
  });
}

/**
 * pg_dump / pg_restore of the client tools (PG_BIN_DIR, else the PATH). A client older than the
 * server cannot read it: the embedded server of `npm start` is PostgreSQL 17, and its npm package
 * ships no pg_dump, so the system's client tools must be 17 or newer there.
 */
export function pgTool(name: 'pg_dump' | 'pg_restore', serverMajor: number): string {
  const binary = process.env.PG_BIN_DIR ? path.join(process.env.PG_BIN_DIR, name) : name;
  let version: string;
  try {
    version = execFileSync(binary, ['--version'], { encoding: 'utf8' });
  } catch {
    throw new BackupError(
      `${name} introuvable : installez les outils clients PostgreSQL ${serverMajor} (paquet « postgresql-client-${serverMajor} ») ou indiquez leur dossier dans PG_BIN_DIR.`,
    );
  }
  const major = Number(/(\d+)(?:\.\d+)?/.exec(version)?.[1] ?? 0);
  if (major < serverMajor) {
    throw new BackupError(
      `${name} ${major} ne sait pas lire un serveur PostgreSQL ${serverMajor} : installez « postgresql-client-${serverMajor} » (ou plus récent) ou indiquez son dossier dans PG_BIN_DIR.`,
    );
  }
  return binary;
}

/** Runs a PostgreSQL client tool; the password travels in PGPASSWORD, never on the command line. */
export function runPgTool(binary: string, args: string[], url: string): void {
  const parsed = new URL(url);
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(parsed.password) };
  parsed.password = '';
  const result = spawnSync(binary, [...args, `--dbname=${parsed.toString()}`], { env, encoding: 'utf8' });
  if (result.status !== 0) throw new BackupError(`${path.basename(binary)} a échoué : ${(result.stderr || result.error?.message || '').trim()}`);
}

export async function sha256(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function listFiles(root: string, dir = root): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(root, full);
    return entry.isFile() ? [path.relative(root, full).split(path.sep).join('/')] : [];
  });
}

function appVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

function tar(args: string[]) {
  const result = spawnSync('tar', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new BackupError(`tar a échoué : ${(result.stderr || result.error?.message || '').trim()}`);
}

/** Archive name from its creation time, e.g. charte-2026-03-01T02-00-00Z.tar.gz (sorts by date). */
function archiveName(at: Date, backupDir: string): string {
  const stamp = at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
  let name = `charte-${stamp}.tar.gz`;
  for (let n = 2; fs.existsSync(path.join(backupDir, name)); n += 1) name = `charte-${stamp.slice(0, -1)}-${n}Z.tar.gz`;
  return name;
}

export async function createBackup(options: { databaseUrl: string; uploadsDir: string; backupDir: string; now?: Date; log?: (line: string) => void }): Promise<{ archive: string; manifest: Manifest }> {
  const log = options.log ?? (() => undefined);
  const server = await serverMajorVersion(options.databaseUrl);
  const pgDump = pgTool('pg_dump', server.major);
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'charte-sauvegarde-'));
  try {
    log(`Sauvegarde de la base « ${databaseName(options.databaseUrl)} » (PostgreSQL ${server.text})…`);
    const dump = path.join(staging, 'database.dump');
    runPgTool(pgDump, ['--format=custom', '--no-owner', '--no-privileges', `--file=${dump}`], options.databaseUrl);

    const files = listFiles(options.uploadsDir).filter((f) => f !== '.gitkeep');
    log(`Copie des fichiers déposés (${files.length})…`);
    const uploads: Manifest['uploads'] = [];
    for (const file of files) {
      const target = path.join(staging, 'uploads', file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(path.join(options.uploadsDir, file), target);
      uploads.push({ path: file, sha256: await sha256(target), bytes: fs.statSync(target).size });
    }
    const manifest: Manifest = {
      format: 'charte-backup/1',
      createdAt: (options.now ?? new Date()).toISOString(),
      appVersion: appVersion(),
      database: { name: databaseName(options.databaseUrl), serverVersion: server.text, dumpFile: 'database.dump', sha256: await sha256(dump), bytes: fs.statSync(dump).size },
      uploads,
    };
    fs.writeFileSync(path.join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

    fs.mkdirSync(options.backupDir, { recursive: true });
    const archive = path.join(options.backupDir, archiveName(options.now ?? new Date(), options.backupDir));
    // Written beside, then renamed: an interrupted backup never looks like a complete one.
    const partial = `${archive}.partiel`;
    tar(['-czf', partial, '-C', staging, 'manifest.json', 'database.dump', ...(files.length ? ['uploads'] : [])]);
    fs.renameSync(partial, archive);
    return { archive, manifest };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** When an archive was made, read from its name (UTC). */
export function archiveDate(name: string): Date | null {
  const match = ARCHIVE_PATTERN.exec(name);
  return match ? new Date(`${match[1]}T${match[2]}:${match[3]}:${match[4]}Z`) : null;
}

function isoWeek(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  return `${day.getUTCFullYear()}-W${Math.ceil(((day.getTime() - yearStart) / 86400000 + 1) / 7)}`;
}

/**
 * Archives the retention policy no longer keeps: for each of the last `daily` days (`weekly` weeks,
 * `monthly` months) that has backups, the newest one of that period is kept.
 */
export function expiredArchives(names: string[], retention: BackupsConfig['retention']): string[] {
  const dated = names
    .map((name) => ({ name, at: archiveDate(name) }))
    .filter((a): a is { name: string; at: Date } => a.at !== null)
    .sort((a, b) => b.at.getTime() - a.at.getTime() || b.name.localeCompare(a.name));
  const keep = new Set<string>();
  const periods: [number, (d: Date) => string][] = [
    [retention.daily, (d) => d.toISOString().slice(0, 10)],
    [retention.weekly, isoWeek],
    [retention.monthly, (d) => d.toISOString().slice(0, 7)],
  ];
  for (const [count, period] of periods) {
    const seen = new Set<string>();
    for (const archive of dated) {
      const key = period(archive.at);
      if (seen.has(key)) continue;
      if (seen.size >= count) break;
      seen.add(key);
      keep.add(archive.name);
    }
  }
  return dated.filter((a) => !keep.has(a.name)).map((a) => a.name);
}

export function applyRetention(backupDir: string, retention: BackupsConfig['retention'], log: (line: string) => void = () => undefined): string[] {
  const expired = expiredArchives(fs.existsSync(backupDir) ? fs.readdirSync(backupDir) : [], retention);
  for (const name of expired) {
    fs.rmSync(path.join(backupDir, name));
    log(`Ancienne sauvegarde supprimée (rétention) : ${name}`);
  }
  return expired;
}

export function humanSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} Ko`;
  return `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}

/** The embedded server's package is an ES module: loaded only when the script runs, not by its tests. */
export async function ensureConfiguredDatabase() {
  const { ensureDatabase } = await import('./environment');
  return ensureDatabase({ quiet: true });
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
    console.log(`Sauvegarde terminée : ${path.relative(process.cwd(), archive)} (${humanSize(fs.statSync(archive).size)}, ${manifest.uploads.length} fichier(s) déposé(s)).`);
    const { retention } = backupsConfig();
    const removed = applyRetention(backupDir, retention, (line) => console.log(line));
    console.log(`Rétention : ${retention.daily} jours, ${retention.weekly} semaines, ${retention.monthly} mois (${removed.length} archive(s) supprimée(s)).`);
  } finally {
    await embedded?.stop();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof BackupError ? `Sauvegarde impossible : ${error.message}` : error);
    process.exit(1);
  });
}
