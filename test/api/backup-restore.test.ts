import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { applyRetention, createBackup, expiredArchives } from '../../database/backup';
import { restoreBackup } from '../../database/restore';
import { copyOfTemplate, onServer, withDatabase } from '../helpers/database-copy';

/** Row count and an order-independent md5 of every row, per table of every non-system schema. */
async function fingerprint(url: string): Promise<Record<string, { rows: number; md5: string }>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ schema: string; name: string }>(`
      SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
      ORDER BY 1, 2`);
    const result: Record<string, { rows: number; md5: string }> = {};
    for (const table of tables) {
      const qualified = `${client.escapeIdentifier(table.schema)}.${client.escapeIdentifier(table.name)}`;
      const { rows } = await client.query<{ rows: number; md5: string }>(
        `SELECT count(*)::int AS rows, md5(coalesce(string_agg(md5(t::text), '' ORDER BY md5(t::text)), '')) AS md5 FROM ${qualified} t`,
      );
      result[`${table.schema}.${table.name}`] = rows[0];
    }
    return result;
  } finally {
    await client.end();
  }
}

const template = () => process.env.TEST_TEMPLATE_URL!;
let work: string;
let source: { url: string; drop(): Promise<void> };
const targetName = () => `${new URL(template()).pathname.slice(1)}_restore${process.pid}`;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'charte-backup-test-'));
  source = await copyOfTemplate(template());
});

afterAll(async () => {
  await source?.drop();
  await onServer(template(), (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(targetName())} WITH (FORCE)`));
  fs.rmSync(work, { recursive: true, force: true });
});

describe('npm run db:backup / db:restore', () => {
  it('restores the database and the uploaded files exactly, and refuses to overwrite without --force', async () => {
    // Something beyond the demo town: a row with accents and NULs-free binary-ish text, and two files.
    const client = new pg.Client({ connectionString: source.url });
    await client.connect();
    await client.query(`UPDATE services SET description = description || E' — modifié avant sauvegarde ✓' WHERE slug = 'accueil-etat-civil'`);
    await client.end();
    const uploads = path.join(work, 'uploads');
    fs.mkdirSync(path.join(uploads, 'sous-dossier'), { recursive: true });
    fs.writeFileSync(path.join(uploads, 'charte.pdf'), crypto.randomBytes(300_000));
    fs.writeFileSync(path.join(uploads, 'sous-dossier', 'photo accueil.jpg'), crypto.randomBytes(1234));
    fs.writeFileSync(path.join(uploads, '.gitkeep'), '');

    const lines: string[] = [];
    const { archive, manifest } = await createBackup({ databaseUrl: source.url, uploadsDir: uploads, backupDir: path.join(work, 'backups'), log: (l) => lines.push(l) });
    expect(path.basename(archive)).toMatch(/^charte-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.tar\.gz$/);
    expect(manifest.uploads.map((u) => u.path).sort()).toEqual(['charte.pdf', 'sous-dossier/photo accueil.jpg']);
    expect(manifest.database.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(lines[0]).toMatch(/^Sauvegarde de la base/);

    const targetUrl = withDatabase(template(), targetName());
    const restoredUploads = path.join(work, 'restored-uploads');
    await restoreBackup({ archive, databaseUrl: targetUrl, uploadsDir: restoredUploads });

    const [before, after] = [await fingerprint(source.url), await fingerprint(targetUrl)];
    expect(Object.keys(before).length).toBeGreaterThan(20);
    expect(after).toEqual(before);
    for (const file of ['charte.pdf', 'sous-dossier/photo accueil.jpg']) {
      expect(fs.readFileSync(path.join(restoredUploads, file)).equals(fs.readFileSync(path.join(uploads, file)))).toBe(true);
    }

    // Restoring again onto what is now a full database: refused, nothing touched…
    await expect(restoreBackup({ archive, databaseUrl: targetUrl, uploadsDir: restoredUploads })).rejects.toThrow(/contient déjà \d+ table\(s\)[\s\S]*--force/);
    // …unless forced, after which the content is again exactly the backup's.
    const extra = new pg.Client({ connectionString: targetUrl });
    await extra.connect();
    await extra.query(`DELETE FROM workflow_events`);
    await extra.query(`CREATE TABLE a_supprimer (id int)`);
    await extra.end();
    fs.writeFileSync(path.join(restoredUploads, 'en-trop.txt'), 'à supprimer');
    await restoreBackup({ archive, databaseUrl: targetUrl, uploadsDir: restoredUploads, force: true });
    expect(await fingerprint(targetUrl)).toEqual(before);
    expect(fs.existsSync(path.join(restoredUploads, 'en-trop.txt'))).toBe(false);
  });

  it('refuses an archive whose content was altered', async () => {
    const uploads = path.join(work, 'uploads-2');
    fs.mkdirSync(uploads, { recursive: true });
    fs.writeFileSync(path.join(uploads, 'a.txt'), 'original');
    const { archive } = await createBackup({ databaseUrl: source.url, uploadsDir: uploads, backupDir: path.join(work, 'backups-2') });
    const unpacked = path.join(work, 'unpacked');
    fs.mkdirSync(unpacked);
    execFileSync('tar', ['-xzf', archive, '-C', unpacked]);
    fs.writeFileSync(path.join(unpacked, 'uploads', 'a.txt'), 'modifié');
    const tampered = path.join(work, 'tampered.tar.gz');
    execFileSync('tar', ['-czf', tampered, '-C', unpacked, '.']);
    await expect(restoreBackup({ archive: tampered, databaseUrl: withDatabase(template(), `${targetName()}_x`), uploadsDir: path.join(work, 'nowhere') })).rejects.toThrow(
      /archive endommagée : fichier « a\.txt » manquant ou modifié/,
    );
  });
});

describe('retention', () => {
  const name = (iso: string) => `charte-${iso.replace(/:/g, '-')}.tar.gz`;

  it('keeps the newest backup of each recent day, week and month, and deletes the rest', () => {
    const names: string[] = [];
    // Two backups a day, every day of 2026 up to 15 March.
    for (let d = new Date('2026-01-01T00:00:00Z'); d <= new Date('2026-03-15T00:00:00Z'); d = new Date(d.getTime() + 86400000)) {
      const day = d.toISOString().slice(0, 10);
      names.push(name(`${day}T02:00:00Z`), name(`${day}T14:00:00Z`));
    }
    const expired = new Set(expiredArchives([...names, 'notes.txt'], { daily: 7, weekly: 4, monthly: 3 }));
    const kept = names.filter((n) => !expired.has(n)).sort();
    expect(expired.has('notes.txt')).toBe(false);
    // 7 days (9–15 March, a Sunday); the 4 latest ISO weeks end on 15 and 8 March, 1 March and
    // 22 February; the 3 latest months on 15 March, 28 February and 31 January.
    expect(kept).toEqual(
      [
        '2026-01-31T14:00:00Z',
        '2026-02-22T14:00:00Z',
        '2026-02-28T14:00:00Z',
        '2026-03-01T14:00:00Z',
        '2026-03-08T14:00:00Z',
        ...[9, 10, 11, 12, 13, 14, 15].map((d) => `2026-03-${String(d).padStart(2, '0')}T14:00:00Z`),
      ].map(name),
    );
  });

  it('deletes the expired archives from the folder', () => {
    const dir = fs.mkdtempSync(path.join(work, 'retention-'));
    for (const day of ['2026-03-01', '2026-03-02', '2026-03-03']) fs.writeFileSync(path.join(dir, name(`${day}T02:00:00Z`)), '');
    expect(applyRetention(dir, { daily: 2, weekly: 0, monthly: 0 })).toEqual([name('2026-03-01T02:00:00Z')]);
    expect(fs.readdirSync(dir).sort()).toEqual([name('2026-03-02T02:00:00Z'), name('2026-03-03T02:00:00Z')]);
  });
});
