import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createBackup, findPgTool, restoreBackup, runPgTool, sha256, verifyBackup, type Manifest } from '../../cms/src/platform/backups';
import { copyOfTemplate, onServer, withDatabase } from '../helpers/database-copy';

/**
 * `npm run db:verify`: an archive restores to exactly what was dumped, and any difference (a byte
 * of the dump, a table's rows, the manifest) fails the check with the table or file named.
 */
const template = () => process.env.TEST_TEMPLATE_URL!;
let work: string;
let source: { url: string; drop(): Promise<void> };
let archive: string;
let manifest: Manifest;

async function sql(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

/** Scratch databases db:verify left beside this suite's database (it must drop them: `<base, 40 characters>_verif_…`). */
const scratchDatabases = () =>
  onServer(template(), async (c) => {
    const prefix = new URL(source.url).pathname.slice(1, 41).replace(/_/g, '\\_');
    return (await c.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${prefix}\\_verif\\_%`])).rows.map((r) => r.datname);
  });

/** A copy of the archive, unpacked, changed by `edit`, packed again. */
async function tampered(name: string, edit: (dir: string, manifest: Manifest) => Promise<void> | void): Promise<string> {
  const dir = fs.mkdtempSync(path.join(work, 'unpacked-'));
  execFileSync('tar', ['-xzf', archive, '-C', dir]);
  const file = path.join(dir, 'manifest.json');
  const copy = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  await edit(dir, copy);
  fs.writeFileSync(file, JSON.stringify(copy, null, 2));
  const packed = path.join(work, `${name}.tar.gz`);
  execFileSync('tar', ['-czf', packed, '-C', dir, '.']);
  return packed;
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'charte-verify-test-'));
  source = await copyOfTemplate(template());
  const uploads = path.join(work, 'uploads');
  fs.mkdirSync(uploads);
  fs.writeFileSync(path.join(uploads, 'preuve.pdf'), 'contenu de la pièce justificative');
  ({ archive, manifest } = await createBackup({ databaseUrl: source.url, uploadsDir: uploads, backupDir: path.join(work, 'backups') }));
});

afterAll(async () => {
  await source?.drop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('the manifest of a backup', () => {
  it('holds each table’s row count and checksum, and the pg_dump that wrote the dump', () => {
    expect(manifest.format).toBe('charte-backup/2');
    expect(manifest.database.pgDumpVersion).toMatch(/^\d+\.\d+/);
    const tables = manifest.database.tables!;
    expect(Object.keys(tables).length).toBeGreaterThan(20);
    expect(tables['public.services']).toEqual({ rows: 4, md5: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(Object.keys(tables).some((t) => t.startsWith('pgboss.'))).toBe(true);
  });
});

describe('npm run db:verify', () => {
  it('restores the archive into a scratch database, finds every table identical, and drops it', async () => {
    // The live database changes after the dump: the archive is compared with what it holds, not with it.
    await sql(source.url, `UPDATE services SET name = name || ' (modifié après la sauvegarde)'`);
    await sql(source.url, `DELETE FROM workflow_events`);
    const lines: string[] = [];
    const result = await verifyBackup({ archive, databaseUrl: source.url, log: (l) => lines.push(l) });
    expect(result.differences).toEqual([]);
    expect(result.identical).toBe(true);
    const totals = Object.values(manifest.database.tables!);
    expect(result.tables).toBe(totals.length);
    expect(result.rows).toBe(totals.reduce((sum, t) => sum + t.rows, 0));
    expect(result.report).toMatch(/^Sauvegarde du \d{1,2}(er)? \S+ \d{4} à \d{2}:\d{2} \(charte-[\dTZ-]+\.tar\.gz\) vérifiée : \d+ tables, [\d\s\u202f]+ lignes, identiques ; 1 fichier déposé intact\.$/);
    expect(lines.some((l) => /base temporaire « .+_verif_/.test(l))).toBe(true);
    expect(await scratchDatabases()).toEqual([]);
  });

  it('counts the rows of the dump’s own snapshot while the database keeps changing', async () => {
    await sql(source.url, `CREATE TABLE busy (id serial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())`);
    let done = false;
    let inserts = 0;
    const writer = (async () => {
      // Bounded: at most 2 000 inserts or 20 s, whichever comes first.
      for (const stop = Date.now() + 20_000; !done && inserts < 2000 && Date.now() < stop; inserts += 1) await sql(source.url, 'INSERT INTO busy DEFAULT VALUES');
    })();
    const backup = await createBackup({ databaseUrl: source.url, uploadsDir: path.join(work, 'none'), backupDir: path.join(work, 'busy-backups') });
    done = true;
    await writer;
    const live = Number((await sql(source.url, 'SELECT count(*) AS n FROM busy')).rows[0].n);
    expect(live).toBeGreaterThan(backup.manifest.database.tables!['public.busy'].rows); // rows went on arriving after the snapshot
    const result = await verifyBackup({ archive: backup.archive, databaseUrl: source.url });
    expect([result.identical, result.differences]).toEqual([true, []]);
  });

  it('fails, naming the table, when the dump’s rows are not those the backup counted', async () => {
    // An archive whose dump lost a service and changed a theme, with file checksums that still
    // match: only the tables' checksums taken at dump time can tell.
    const changed = withDatabase(template(), `${new URL(template()).pathname.slice(1)}_alt${process.pid}`);
    try {
      await restoreBackup({ archive, databaseUrl: changed, uploadsDir: path.join(work, 'alt-uploads') });
      await sql(changed, `DELETE FROM services WHERE slug = 'cabinet-du-maire'`); // its links go with it (ON DELETE CASCADE)
      await sql(changed, `UPDATE themes SET title = title || ' ' WHERE id = (SELECT min(id) FROM themes)`);
      const altered = await tampered('rows-changed', async (dir, copy) => {
        const dump = path.join(dir, 'database.dump');
        const server = await onServer(template(), async (c) => Math.floor(Number((await c.query('SHOW server_version_num')).rows[0].server_version_num) / 10000));
        await runPgTool(findPgTool('pg_dump', server), ['--format=custom', '--no-owner', '--no-privileges', `--file=${dump}`], changed);
        copy.database.sha256 = await sha256(dump);
        copy.database.bytes = fs.statSync(dump).size;
      });
      const result = await verifyBackup({ archive: altered, databaseUrl: source.url });
      expect(result.identical).toBe(false);
      expect(result.differences).toEqual(
        expect.arrayContaining([
          'public.services : 3 lignes restaurées au lieu de 4',
          expect.stringMatching(/^public\.themes : [\d\s\u202f]+ lignes comme sauvegardé, mais leur contenu diffère \(empreinte [0-9a-f]{8}… au lieu de [0-9a-f]{8}…\)$/),
        ]),
      );
      expect(result.report).toMatch(/^Sauvegarde du .+ \(rows-changed\.tar\.gz\) NON conforme : \d+ tables diffèrent de ce qui a été sauvegardé \(sur \d+ tables\) :\n- public\./);
      expect(await scratchDatabases()).toEqual([]);
    } finally {
      await onServer(template(), (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(new URL(changed).pathname.slice(1))} WITH (FORCE)`));
    }
  });

  it('fails when the manifest was edited, naming the table', async () => {
    const edited = await tampered('manifest-edited', (_dir, copy) => {
      copy.database.tables!['public.criteria'].md5 = '0'.repeat(32);
      copy.database.tables!['public.indicators'].rows += 1;
    });
    const result = await verifyBackup({ archive: edited, databaseUrl: source.url });
    expect(result.identical).toBe(false);
    expect(result.differences).toEqual([
      expect.stringMatching(/^public\.criteria : [\d\s\u202f]+ lignes comme sauvegardé, mais leur contenu diffère \(empreinte [0-9a-f]{8}… au lieu de 00000000…\)$/),
      expect.stringMatching(/^public\.indicators : [\d\s\u202f]+ lignes restaurées au lieu de [\d\s\u202f]+$/),
    ]);
  });

  it('fails on a flipped byte of the dump before restoring anything', async () => {
    const flipped = await tampered('byte-flipped', (dir) => {
      const dump = path.join(dir, 'database.dump');
      const bytes = fs.readFileSync(dump);
      bytes[Math.floor(bytes.length / 2)] ^= 0xff;
      fs.writeFileSync(dump, bytes);
    });
    const result = await verifyBackup({ archive: flipped, databaseUrl: source.url });
    expect(result.identical).toBe(false);
    expect(result.report).toBe('Sauvegarde byte-flipped.tar.gz NON conforme :\n- archive endommagée : la copie de la base ne correspond pas à sa somme de contrôle.');
  });

  it('fails on a damaged uploaded file', async () => {
    const damaged = await tampered('file-damaged', (dir) => fs.writeFileSync(path.join(dir, 'uploads', 'preuve.pdf'), 'autre contenu'));
    const result = await verifyBackup({ archive: damaged, databaseUrl: source.url });
    expect(result.report).toMatch(/NON conforme :\n- archive endommagée : fichier « preuve\.pdf » manquant ou modifié\.$/);
  });

  it('is what the command line runs: exit code 0 when identical, 1 with the report on a mismatch', async () => {
    const edited = await tampered('cli-edited', (_dir, copy) => {
      copy.database.tables!['public.services'].rows = 5;
    });
    const run = (file: string) =>
      spawnSync(path.join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx'), [path.join(__dirname, '..', '..', 'database', 'verify.ts'), file], {
        env: { ...process.env, DATABASE_URL: source.url },
        encoding: 'utf8',
      });
    const good = run(archive);
    expect([good.status, good.stderr]).toEqual([0, '']);
    expect(good.stdout).toMatch(/vérifiée : \d+ tables, [\d\s\u202f]+ lignes, identiques/);
    const bad = run(edited);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/NON conforme : 1 table diffère de ce qui a été sauvegardé \(sur \d+ tables\) :\n- public\.services : 4 lignes restaurées au lieu de 5/);
    expect(await scratchDatabases()).toEqual([]);
  }, 60_000);
});
