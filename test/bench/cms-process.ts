import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { sourceFingerprint } from '../../database/build-stamp';
import { cmsDir, repoRoot } from '../../database/paths';

/**
 * The bench compiles the cms into its own folder (cms/.tmp/bench-dist, git-ignored) rather than
 * cms/dist: test runs of other people recompile cms/dist at any moment. Inside cms/, so that the
 * compiled code resolves packages and finds config/ exactly as cms/dist does. Only the server is
 * compiled (tsc, as the test setup does): the API benchmark needs no admin panel bundle.
 */
export const benchDist = path.join(cmsDir, '.tmp', 'bench-dist');

function run(what: string, command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (result.status !== 0) throw new Error(`${what} : échec (code ${result.status}).`);
}

/** Compiles what changed since the last bench: the plugin's server part, then the cms. */
export async function compileCms(log: (line: string) => void): Promise<void> {
  const extensions = path.join(repoRoot, 'admin-extensions');
  const extensionSources = [path.join(extensions, 'server', 'src'), path.join(extensions, 'tsconfig.json')];
  const extensionStamp = path.join(extensions, 'dist', '.source-stamp');
  const extensionPrint = sourceFingerprint(extensionSources);
  if (!fs.existsSync(path.join(extensions, 'dist', 'server')) || (fs.existsSync(extensionStamp) && fs.readFileSync(extensionStamp, 'utf8') !== extensionPrint)) {
    log('Compilation des extensions de l’administration…');
    run('Compilation des extensions', 'npm', ['run', 'build', '--workspace', 'admin-extensions'], repoRoot);
    fs.writeFileSync(extensionStamp, extensionPrint);
  }

  const stamp = path.join(benchDist, '.source-stamp');
  const print = sourceFingerprint([path.join(cmsDir, 'src'), path.join(cmsDir, 'config'), path.join(cmsDir, 'tsconfig.json'), path.join(cmsDir, 'package.json')]);
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === print) return;
  log('Compilation du cms (tsc) dans cms/.tmp/bench-dist…');
  fs.rmSync(benchDist, { recursive: true, force: true });
  const { compile } = (await import('@strapi/typescript-utils')) as unknown as {
    compile(dir: string, options: { configOptions: { options: Record<string, unknown> } }): Promise<void>;
  };
  await compile(cmsDir, { configOptions: { options: { outDir: benchDist, incremental: false } } });
  fs.writeFileSync(stamp, print);
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Fresh secrets for the run: production refuses to boot without them. */
export function benchSecrets(): Record<string, string> {
  const random = () => crypto.randomBytes(24).toString('base64');
  return {
    APP_KEYS: [random(), random()].join(','),
    ADMIN_JWT_SECRET: random(),
    API_TOKEN_SALT: random(),
    TRANSFER_TOKEN_SALT: random(),
    ENCRYPTION_KEY: random(),
    JWT_SECRET: random(),
  };
}

// The same two calls as `strapi start`, on the bench's compiled folder; plain node, nothing in between.
const ENTRY = `
const { createStrapi } = require('@strapi/strapi');
const app = createStrapi({ appDir: process.env.BENCH_APP_DIR, distDir: process.env.BENCH_DIST_DIR });
const stop = () => app.destroy().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
async function createAdmin() {
  // A super admin for the admin routes (référentiel import, campaign builder), through Strapi's own service.
  const email = process.env.BENCH_ADMIN_EMAIL;
  if (!email || (await app.db.query('admin::user').findOne({ where: { email } }))) return;
  const role = await app.service('admin::role').getSuperAdmin();
  await app.service('admin::user').create({ email, firstname: 'Banc', lastname: 'Essai', password: process.env.BENCH_ADMIN_PASSWORD, isActive: true, registrationToken: null, roles: [role.id] });
}
(process.env.BENCH_LOAD_ONLY === '1' ? app.load().then(createAdmin).then(stop) : app.start()).catch((error) => { console.error(error); process.exit(1); });
`;

export const BENCH_ADMIN = { email: 'banc.essai@bench.local', password: 'Charte-Accueil-2026' };

export interface CmsEnvironment {
  databaseUrl: string;
  secrets: Record<string, string>;
  extra?: Record<string, string>;
  /** Flags for node itself; by default the production image's, plus BENCH_NODE_ARGS (e.g. --cpu-prof). */
  nodeArgs?: string[];
}

function childEnv(options: CmsEnvironment, port: number, loadOnly: boolean): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('DATABASE_')) delete env[name];
  return {
    ...env,
    ...options.secrets,
    DATABASE_URL: options.databaseUrl,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    BENCH_APP_DIR: cmsDir,
    BENCH_DIST_DIR: benchDist,
    BENCH_LOAD_ONLY: loadOnly ? '1' : '0',
    BENCH_ADMIN_EMAIL: BENCH_ADMIN.email,
    BENCH_ADMIN_PASSWORD: BENCH_ADMIN.password,
    ...options.extra,
  };
}

function collect(child: ChildProcess): () => string {
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => output;
}

/** One boot that creates the schema (and the roles), then exits. */
export async function bootOnce(options: CmsEnvironment): Promise<void> {
  const child = spawn(process.execPath, ['-e', ENTRY], { cwd: cmsDir, env: childEnv(options, await freePort(), true), stdio: ['ignore', 'pipe', 'pipe'] });
  const output = collect(child);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`Le premier démarrage du cms a échoué (code ${code}) :\n${output()}`);
}

export interface RunningCms {
  pid: number;
  url: string;
  /** Node's own flags the cms runs with. */
  nodeArgs: string[];
  /** Peak resident memory seen so far, in bytes (VmRSS every 200 ms). */
  peakRss(): number;
  output(): string;
  stop(): Promise<void>;
}

function rssOf(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Node's options in the production image (the Dockerfile's NODE_OPTIONS, e.g. the heap bound): the
 * bench runs the cms as production does, memory included.
 */
export function productionNodeOptions(): string[] {
  const dockerfile = fs.readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8');
  const match = /NODE_OPTIONS="([^"]*)"/.exec(dockerfile);
  return match ? match[1].split(/\s+/).filter(Boolean) : [];
}

/** The cms as production runs it, in its own process, until /_health answers. */
export async function startCms(options: CmsEnvironment): Promise<RunningCms> {
  const port = await freePort();
  const extra = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [];
  const nodeArgs = options.nodeArgs ?? [...productionNodeOptions(), ...extra];
  const child = spawn(process.execPath, [...nodeArgs, '-e', ENTRY], {
    cwd: cmsDir,
    env: { ...childEnv(options, port, false), NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collect(child);
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  let peak = 0;
  const sampler = setInterval(() => {
    const rss = rssOf(child.pid!);
    if (rss !== null && rss > peak) peak = rss;
  }, 200);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited) {
      clearInterval(sampler);
      throw new Error(`Le cms s’est arrêté au démarrage :\n${output()}`);
    }
    const ok = await fetch(`${url}/_health`).then((r) => r.status === 204 || r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      clearInterval(sampler);
      child.kill('SIGKILL');
      throw new Error(`Le cms ne répond pas après 3 minutes :\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    pid: child.pid!,
    url,
    nodeArgs,
    peakRss: () => peak,
    output,
    async stop() {
      clearInterval(sampler);
      if (exited) return;
      const done = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await done;
      clearTimeout(timer);
    },
  };
}
