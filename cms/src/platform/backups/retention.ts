import fs from 'node:fs';
import path from 'node:path';
import type { Retention } from './backups-config';
import { BackupError } from './pg-tools';

export const ARCHIVE_PATTERN = /^charte-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})(?:-(\d+))?Z\.tar\.gz$/;

/** Newest first: by the date in the name, then by its rank within the same second (…-2Z after …Z). */
function newestFirst(a: string, b: string): number {
  const [ma, mb] = [ARCHIVE_PATTERN.exec(a), ARCHIVE_PATTERN.exec(b)];
  const time = (m: RegExpExecArray | null) => (m ? Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}Z`) : 0);
  const rank = (m: RegExpExecArray | null) => Number(m?.[5] ?? 1);
  return time(mb) - time(ma) || rank(mb) - rank(ma);
}

/** Archive name from its creation time, e.g. charte-2026-03-01T02-00-00Z.tar.gz (sorts by date). */
export function archiveName(at: Date, backupDir: string): string {
  const stamp = at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
  let name = `charte-${stamp}.tar.gz`;
  for (let n = 2; fs.existsSync(path.join(backupDir, name)); n += 1) name = `charte-${stamp.slice(0, -1)}-${n}Z.tar.gz`;
  return name;
}

/** When an archive was made, read from its name (UTC). */
export function archiveDate(name: string): Date | null {
  const match = ARCHIVE_PATTERN.exec(name);
  return match ? new Date(`${match[1]}T${match[2]}:${match[3]}:${match[4]}Z`) : null;
}

/** The newest archive of the folder (by the date in its name). */
export function latestArchive(backupDir: string): string {
  const names = fs.existsSync(backupDir) ? fs.readdirSync(backupDir).filter((n) => ARCHIVE_PATTERN.test(n)) : [];
  if (!names.length) throw new BackupError(`aucune sauvegarde dans ${backupDir} : lancez d’abord « npm run db:backup ».`);
  return path.join(backupDir, names.sort(newestFirst)[0]);
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
export function expiredArchives(names: string[], retention: Retention): string[] {
  const dated = names
    .map((name) => ({ name, at: archiveDate(name) }))
    .filter((a): a is { name: string; at: Date } => a.at !== null)
    .sort((a, b) => newestFirst(a.name, b.name));
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

export function applyRetention(backupDir: string, retention: Retention, log: (line: string) => void = () => undefined): string[] {
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
