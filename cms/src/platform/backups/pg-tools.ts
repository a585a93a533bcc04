import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** A backup, restore or check that cannot go on: its message (French) says why and what to do. */
export class BackupError extends Error {}

export type PgToolName = 'pg_dump' | 'pg_restore';

export interface PgTool {
  name: PgToolName;
  binary: string;
  /** Major version (15 for « pg_dump (PostgreSQL) 15.20 »). */
  major: number;
  version: string;
}

function probe(name: PgToolName, binary: string): PgTool | null {
  try {
    const output = execFileSync(binary, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const version = /(\d+(?:\.\d+)*)/.exec(output)?.[1];
    return version ? { name, binary, major: Number(version.split('.')[0]), version } : null;
  } catch {
    return null;
  }
}

/**
 * Where packaged client tools of each major version live side by side: Debian and Ubuntu
 * (/usr/lib/postgresql/<N>/bin, what postgresql-client-<N> installs), the PGDG packages of
 * Red Hat-like systems (/usr/pgsql-<N>/bin), Homebrew (postgresql@<N>).
 */
function versionedBinDirs(): string[] {
  const dirs: string[] = [];
  const children = (parent: string, match: RegExp, bin: (entry: string) => string) => {
    try {
      for (const entry of fs.readdirSync(parent)) if (match.test(entry)) dirs.push(bin(entry));
    } catch {
      // not this layout
    }
  };
  children('/usr/lib/postgresql', /^\d+$/, (n) => path.join('/usr/lib/postgresql', n, 'bin'));
  children('/usr', /^pgsql-\d+$/, (n) => path.join('/usr', n, 'bin'));
  for (const prefix of ['/opt/homebrew/opt', '/usr/local/opt']) children(prefix, /^postgresql@\d+$/, (n) => path.join(prefix, n, 'bin'));
  return dirs;
}

const exe = (name: string) => (process.platform === 'win32' ? `${name}.exe` : name);

/**
 * The client tool to use with a server of major version `minMajor` (or newer: a restore needs
 * a pg_restore as recent as the pg_dump that wrote the archive). A tool older than the server
 * cannot read it. PG_BIN_DIR, when set, is the only place looked at; otherwise, among the
 * versioned install folders and the PATH, the tool of exactly that version is preferred (an
 * archive written by pg_dump N needs a pg_restore ≥ N: matching the server keeps archives
 * restorable with the server's own tools), then the closest newer one.
 * The CLI (`npm run db:*`) and the cms's nightly job both resolve their tools here. `need` says
 * what the version is needed for, in the error.
 */
export function findPgTool(name: PgToolName, minMajor: number, need = `lire un serveur PostgreSQL ${minMajor}`): PgTool {
  const pgBinDir = process.env.PG_BIN_DIR;
  const candidates = pgBinDir ? [path.join(pgBinDir, exe(name))] : [...versionedBinDirs().map((dir) => path.join(dir, exe(name))), exe(name)];
  const found: PgTool[] = [];
  for (const binary of candidates) {
    const tool = probe(name, binary);
    if (tool && !found.some((f) => f.binary === tool.binary)) found.push(tool);
  }
  const usable = found.filter((t) => t.major >= minMajor).sort((a, b) => a.major - b.major);
  if (usable.length) return usable[0];
  const where = pgBinDir ? ` dans PG_BIN_DIR (${pgBinDir})` : '';
  const install = `installez « postgresql-client-${minMajor} » (ou plus récent) ou indiquez le dossier de ses outils dans PG_BIN_DIR`;
  if (!found.length) throw new BackupError(`${name} introuvable${where} : ${install}.`);
  // One per version (the PATH's is often a link to a versioned folder's).
  const versions = found.filter((t, i) => found.findIndex((other) => other.major === t.major) === i);
  const seen = versions.map((t) => `${t.name} ${t.major} (${t.binary})`).join(', ');
  throw new BackupError(`${seen} ${versions.length > 1 ? 'ne savent' : 'ne sait'} pas ${need} : ${install}.`);
}

/** Runs a command without blocking the event loop (the cms serves requests meanwhile); rejects with its error output. */
export function run(binary: string, args: string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { env: options.env ?? process.env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 20_000) stderr += chunk;
    });
    child.on('error', (error) => reject(new BackupError(`${path.basename(binary)} n’a pas pu être lancé : ${error.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new BackupError(`${path.basename(binary)} a échoué (${signal ?? `code ${code}`}) : ${stderr.trim()}`));
    });
  });
}

/** Runs a PostgreSQL client tool on `url`; the password travels in PGPASSWORD, never on the command line. */
export function runPgTool(tool: PgTool, args: string[], url: string): Promise<void> {
  const parsed = new URL(url);
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(parsed.password) };
  parsed.password = '';
  return run(tool.binary, [...args, `--dbname=${parsed.toString()}`], { env });
}
