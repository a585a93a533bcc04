import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { expiredArchives, verifyBackup } from '../../cms/src/platform/backups';
import { testDistDir } from '../helpers/compiled-cms';
import { startStrapi, stopStrapi } from '../helpers/strapi';

/**
 * The nightly `database-backup` job (config/schedules.yaml), run through the registry as its
 * pg-boss tick does: the archive of `npm run db:backup`, from the cms, then the retention of
 * config/backups.yaml.
 */
let app: Core.Strapi;
let work: string;
const archives = () => path.join(work, 'archives');
const uploads = () => path.join(work, 'uploads');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiled module the running cms uses
const { runScheduledJob } = require(path.join(testDistDir(), 'src', 'platform', 'jobs', 'scheduled-jobs'));
const name = (iso: string) => `charte-${iso.replace(/:/g, '-')}.tar.gz`;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'charte-scheduled-backup-'));
  process.env.CHARTE_BACKUP_DIR = archives();
  process.env.CHARTE_UPLOADS_DIR = uploads();
  fs.mkdirSync(path.join(uploads(), '2026'), { recursive: true });
  fs.writeFileSync(path.join(uploads(), '2026', 'compte-rendu.pdf'), 'compte rendu de l’entretien');
  app = await startStrapi();
});
afterAll(async () => {
  await stopStrapi(app);
  delete process.env.CHARTE_BACKUP_DIR;
  delete process.env.CHARTE_UPLOADS_DIR;
  delete process.env.PG_BIN_DIR;
  fs.rmSync(work, { recursive: true, force: true });
});

describe('scheduled job « database-backup »', () => {
  it('writes an archive of the cms’s database and uploads, then applies the retention', async () => {
    // Two backups a day for the 40 days before the tick, as if the job and a few manual runs had
    // filled the folder (empty files: retention reads only the names).
    fs.mkdirSync(archives(), { recursive: true });
    const now = new Date('2026-03-15T00:00:00Z'); // 1 h in Paris, the job's cron
    const old: string[] = [];
    for (let day = 1; day <= 40; day += 1) {
      const date = new Date(now.getTime() - day * 86_400_000).toISOString().slice(0, 10);
      for (const time of ['00:00:00Z', '13:30:00Z']) old.push(name(`${date}T${time}`));
    }
    for (const file of [...old, 'notes.txt']) fs.writeFileSync(path.join(archives(), file), '');

    await runScheduledJob(app, 'database-backup', now);

    const written = name('2026-03-15T00:00:00Z');
    const kept = fs.readdirSync(archives()).sort();
    expect(kept).toContain(written);
    // Exactly what config/backups.yaml's retention (7 days, 5 weeks, 12 months) keeps of the folder.
    const expired = new Set(expiredArchives([...old, written], { daily: 7, weekly: 5, monthly: 12 }));
    expect(expired.size).toBeGreaterThan(50);
    expect(kept).toEqual([...old, written, 'notes.txt'].filter((f) => !expired.has(f)).sort());

    // A real archive of the cms's database: it restores to what was dumped, files included.
    const result = await verifyBackup({ archive: path.join(archives(), written), databaseUrl: process.env.DATABASE_URL! });
    expect(result.report).toMatch(/vérifiée : \d+ tables, [\d\s\u202f]+ lignes, identiques ; 1 fichier déposé intact\.$/);
    expect(result.manifest!.database.name).toBe(new URL(process.env.DATABASE_URL!).pathname.slice(1));
    expect(result.manifest!.uploads.map((u) => u.path)).toEqual(['2026/compte-rendu.pdf']);
    expect(result.manifest!.database.tables!['public.services'].rows).toBe(4);

    const [run] = await app.db.connection('charte_scheduled_runs').where({ name: 'database-backup' }).select('runs', 'failures');
    expect(run).toEqual({ runs: '1', failures: '0' });
  }, 60_000);

  it('fails in French, recorded for /api/health/ready, when pg_dump cannot read the server', async () => {
    const bin = path.join(work, 'old-bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'pg_dump'), '#!/bin/sh\necho "pg_dump (PostgreSQL) 9.6.24"\n', { mode: 0o755 });
    process.env.PG_BIN_DIR = bin;
    const before = fs.readdirSync(archives()).length;
    await expect(runScheduledJob(app, 'database-backup', new Date('2026-03-16T00:00:00Z'))).rejects.toThrow(/^pg_dump 9 \(.*\) ne sait pas lire un serveur PostgreSQL \d+ : installez « postgresql-client-\d+ »/);
    delete process.env.PG_BIN_DIR;
    expect(fs.readdirSync(archives()).length).toBe(before); // nothing half-written left behind
    const [run] = await app.db.connection('charte_scheduled_runs').where({ name: 'database-backup' }).select('failures', 'last_error');
    expect(run.failures).toBe('1');
    expect(run.last_error).toMatch(/ne sait pas lire un serveur PostgreSQL/);
  });
});
