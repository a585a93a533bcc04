import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repositoryRoot } from '../config/read-config';
import { BackupError, run } from './pg-tools';
import type { TableChecksums } from './table-checksums';

/**
 * An archive of `npm run db:backup` (or of the nightly job): backups/charte-<date>.tar.gz holding
 * manifest.json, database.dump (pg_dump, custom format) and uploads/ (the uploaded files).
 *
 * Format 2 adds to format 1 the pg_dump version and each table's row count and checksum as
 * dumped (what `npm run db:verify` compares a restored copy with). Format 1 archives still restore.
 */
export interface Manifest {
  format: 'charte-backup/1' | 'charte-backup/2';
  createdAt: string;
  appVersion: string;
  database: {
    name: string;
    serverVersion: string;
    /** Version of the pg_dump that wrote the dump: a pg_restore at least as recent reads it (format 2). */
    pgDumpVersion?: string;
    dumpFile: 'database.dump';
    sha256: string;
    bytes: number;
    /** Each table's rows in the dump's snapshot (format 2). */
    tables?: TableChecksums;
  };
  uploads: { path: string; sha256: string; bytes: number }[];
}

export const MANIFEST_FORMAT = 'charte-backup/2';
const KNOWN_FORMATS = ['charte-backup/1', 'charte-backup/2'];

export async function sha256(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Every file under `root`, as relative paths with « / ». */
export function listFiles(root: string, dir = root): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(root, full);
    return entry.isFile() ? [path.relative(root, full).split(path.sep).join('/')] : [];
  });
}

/** The uploaded files worth saving (the placeholder that keeps the folder in git is not). */
export const uploadedFiles = (dir: string) => listFiles(dir).filter((f) => f !== '.gitkeep');

export function appVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(repositoryRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

export const tar = (args: string[]) => run('tar', args);

/** Unpacks an archive into a new temporary folder (the caller removes it). */
export async function extract(archive: string): Promise<string> {
  if (!fs.existsSync(archive)) throw new BackupError(`archive introuvable : ${archive}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'charte-restauration-'));
  try {
    await run('tar', ['-xzf', archive, '-C', dir]);
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new BackupError(`archive illisible (${path.basename(archive)}) : ${(error as Error).message}`);
  }
  return dir;
}

/** The unpacked archive's manifest, every byte checked against it before anything is done with it. */
export async function checkArchive(dir: string): Promise<Manifest> {
  const manifestFile = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new BackupError('archive incomplète : manifest.json absent.');
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
  } catch (error) {
    throw new BackupError(`archive endommagée : manifest.json illisible (${(error as Error).message}).`);
  }
  if (!KNOWN_FORMATS.includes(manifest.format)) throw new BackupError(`format d’archive inconnu : ${manifest.format}`);
  const dump = path.join(dir, manifest.database.dumpFile);
  if (!fs.existsSync(dump) || (await sha256(dump)) !== manifest.database.sha256) {
    throw new BackupError('archive endommagée : la copie de la base ne correspond pas à sa somme de contrôle.');
  }
  for (const file of manifest.uploads) {
    const full = path.join(dir, 'uploads', file.path);
    if (!fs.existsSync(full) || (await sha256(full)) !== file.sha256) throw new BackupError(`archive endommagée : fichier « ${file.path} » manquant ou modifié.`);
  }
  return manifest;
}

/** Major version of a version text (« 15.20 (Debian 15.20-0+deb12u1) » → 15). */
export const majorOf = (version: string | undefined): number => Number(/^(\d+)/.exec(version ?? '')?.[1] ?? 0);
