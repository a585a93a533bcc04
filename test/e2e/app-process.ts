import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { repoRoot } from '../../database/paths';

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: { exitCode: number | null }, timeoutMs: number, logName: string) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`L’application s’est arrêtée (code ${child.exitCode}) : voir test/artifacts/${logName}`);
    try {
      const res = await fetch(`${url}/_health`);
      if (res.status === 204) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`L’application n’a pas démarré en ${timeoutMs / 1000} s : voir test/artifacts/${logName}`);
}

export interface AppProcess {
  url: string;
  databaseUrl: string;
  child: ChildProcess;
  database: { drop(): Promise<void> };
}

/**
 * Starts the app as a newcomer would (`npm start`, building what changed) on the fresh database
 * given, with the demo town; `env` adds to the machine's environment (e.g. CHARTE_SSO_CONFIG for a suite that
 * needs a directory), `port` when the caller had to know it beforehand.
 */
export async function startApp(options: { database: { url: string; drop(): Promise<void> }; env?: Record<string, string>; logName?: string; port?: number }): Promise<AppProcess> {
  const logName = options.logName ?? 'e2e-server.log';
  const { database } = options;
  const port = options.port ?? (await freePort());
  const artifacts = path.join(repoRoot, 'test', 'artifacts');
  fs.mkdirSync(path.join(artifacts, 'screenshots'), { recursive: true });
  const log = fs.openSync(path.join(artifacts, logName), 'w');
  const child = spawn(process.execPath, [path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'database/start.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      SMTP_HOST: '',
      ...options.env,
    },
    stdio: ['ignore', log, log],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, 15 * 60_000, logName);
  return { url, databaseUrl: database.url, child, database };
}

/** The app's process group ended (tsx and the cms under it), then its database dropped. */
export async function stopApp(app: Pick<AppProcess, 'child' | 'database'> | undefined): Promise<void> {
  if (!app) return;
  const exited = new Promise((resolve) => app.child.once('exit', resolve));
  try {
    process.kill(-app.child.pid!, 'SIGTERM');
  } catch {
    // already gone
  }
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  await app.database.drop();
}
