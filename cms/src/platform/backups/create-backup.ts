import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appVersion, MANIFEST_FORMAT, sha256, tar, uploadedFiles, type Manifest } from './archive';
import { databaseName } from './database-url';
import { findPgTool, runPgTool } from './pg-tools';
import { archiveName } from './retention';
import { connect, serverVersion, tableChecksums, type TableChecksums } from './table-checksums';

export interface BackupOptions {
  databaseUrl: string;
  uploadsDir: string;
  backupDir: string;
  /** When the backup is made (its name); now by default. */
  now?: Date;
  log?: (line: string) => void;
}

/**
 * One archive (backups/charte-<date>.tar.gz): a pg_dump of the database in custom format, the
 * uploaded files, and a manifest with the checksum of every file and of every table's rows.
 *
 * The rows' checksums and the dump are taken from one snapshot: a REPEATABLE READ transaction
 * exports its snapshot, pg_dump reads the database through it (--snapshot) while the same
 * transaction computes the checksums. They describe exactly what the dump holds, however much
 * the database changes meanwhile: `npm run db:verify` restores the dump and compares.
 * pg_dump runs as a child process: the cms keeps serving while its nightly job backs up.
 */
export async function createBackup(options: BackupOptions): Promise<{ archive: string; manifest: Manifest }> {
  const log = options.log ?? (() => undefined);
  const at = options.now ?? new Date();
  const client = await connect(options.databaseUrl);
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'charte-sauvegarde-'));
  try {
    const server = await serverVersion(client);
    const pgDump = findPgTool('pg_dump', server.major);
    log(`Sauvegarde de la base « ${databaseName(options.databaseUrl)} » (PostgreSQL ${server.text}, ${path.basename(pgDump.binary)} ${pgDump.version})…`);
    const dump = path.join(staging, 'database.dump');

    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // Idle while pg_dump works: a server-wide idle or statement timeout must not end it.
    await client.query('SET LOCAL idle_in_transaction_session_timeout = 0');
    await client.query('SET LOCAL statement_timeout = 0');
    const { rows } = await client.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot');
    const [dumped, counted] = await Promise.allSettled([
      runPgTool(pgDump, ['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${rows[0].snapshot}`, `--file=${dump}`], options.databaseUrl),
      tableChecksums(client),
    ]);
    await client.query('COMMIT').catch(() => undefined);
    if (dumped.status === 'rejected') throw dumped.reason;
    if (counted.status === 'rejected') throw counted.reason;
    const tables: TableChecksums = counted.value;

    const files = uploadedFiles(options.uploadsDir);
    log(`Copie des fichiers déposés (${files.length})…`);
    const uploads: Manifest['uploads'] = [];
    for (const file of files) {
      const target = path.join(staging, 'uploads', file);
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await fs.promises.copyFile(path.join(options.uploadsDir, file), target);
      uploads.push({ path: file, sha256: await sha256(target), bytes: (await fs.promises.stat(target)).size });
    }
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      createdAt: at.toISOString(),
      appVersion: appVersion(),
      database: {
        name: databaseName(options.databaseUrl),
        serverVersion: server.text,
        pgDumpVersion: pgDump.version,
        dumpFile: 'database.dump',
        sha256: await sha256(dump),
        bytes: (await fs.promises.stat(dump)).size,
        tables,
      },
      uploads,
    };
    await fs.promises.writeFile(path.join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

    await fs.promises.mkdir(options.backupDir, { recursive: true });
    const archive = path.join(options.backupDir, archiveName(at, options.backupDir));
    // Written beside, then renamed: an interrupted backup never looks like a complete one.
    const partial = `${archive}.partiel`;
    try {
      await tar(['-czf', partial, '-C', staging, 'manifest.json', 'database.dump', ...(files.length ? ['uploads'] : [])]);
      await fs.promises.rename(partial, archive);
    } finally {
      await fs.promises.rm(partial, { force: true });
    }
    return { archive, manifest };
  } finally {
    await client.end().catch(() => undefined);
    await fs.promises.rm(staging, { recursive: true, force: true });
  }
}

/** Tables and rows of a manifest, for the reports (« 42 tables, 123 456 lignes »). */
export function tableTotals(tables: TableChecksums): { tables: number; rows: number } {
  const list = Object.values(tables);
  return { tables: list.length, rows: list.reduce((sum, t) => sum + t.rows, 0) };
}
